/**
 * The Python the terminal's pip installs for: the newest Python runtime the workbook emulates
 * (a test holds this to the emulator's PYTHON_RUNTIMES), on Lambda's platform. Requires-Python,
 * environment markers and the store's wheel selection all read it from here.
 */
export const TARGET_PYTHON = '3.14';

/** pip's version, as `pip --version` prints it: the release whose messages the terminal prints. */
export const PIP_VERSION = '26.2.1';

/** Where the modelled machine keeps Python and pip (the python:3.14 image's layout). */
export const PYTHON_EXECUTABLE = '/usr/local/bin/python3';
export const PIP_LOCATION = `/usr/local/lib/python${TARGET_PYTHON}/site-packages/pip`;

/**
 * PEP 508's marker variables for Lambda's Python runtime (Amazon Linux, CPython, x86_64): a
 * dependency pip would install there is the one the terminal installs.
 */
export const MARKER_ENVIRONMENT: Readonly<Record<string, string>> = {
  python_version: TARGET_PYTHON,
  python_full_version: `${TARGET_PYTHON}.0`,
  os_name: 'posix',
  sys_platform: 'linux',
  platform_system: 'Linux',
  platform_machine: 'x86_64',
  platform_python_implementation: 'CPython',
  implementation_name: 'cpython',
  implementation_version: `${TARGET_PYTHON}.0`,
  platform_release: '',
  platform_version: '',
};
