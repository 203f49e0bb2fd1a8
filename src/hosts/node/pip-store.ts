/**
 * Node only, at build time: the terminal's offline wheel store. Real wheels from the registry,
 * fetched with pip itself (`pip download`), with their dependencies, into public/pip/ beside an
 * index.json of versions, SHA-256 hashes, dependencies and licences that the page's `pip install`
 * reads. pip is asked only for pure-Python wheels for the terminal's Python (`--platform any
 * --abi none --implementation py`), so a package with compiled parts fails the build here rather
 * than in a learner's layer. Rebuilt only when the requirements change, so builds after the first
 * need no network; without pip or the registry the build stops and says why.
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { TARGET_PYTHON } from '../../terminal/pip/python.ts';
import { indexWheels, type WheelIndex } from '../../terminal/pip/store.ts';

/**
 * What the course's Python command lines install, pinned: pure-Python stand-ins for seed 000's
 * numpy (which has compiled parts and cannot run in the page). python-dateutil brings six.
 */
export const PIP_STORE_REQUIREMENTS = ['tabulate==0.10.0', 'python-dateutil==2.9.0.post0'];

const run = promisify(execFile);

/** The Python that runs pip: `PYTHON` if set, else python3 on PATH. */
const python = (): string => process.env['PYTHON'] ?? 'python3';

export class PipStoreError extends Error {}

export async function buildPipStore(directory: string, requirements: string[] = PIP_STORE_REQUIREMENTS): Promise<{ rebuilt: boolean; wheels: number }> {
  const indexPath = join(directory, 'index.json');
  if (existsSync(indexPath)) {
    const current = JSON.parse(readFileSync(indexPath, 'utf8')) as WheelIndex;
    const complete = Object.values(current.packages).flat().every((w) => existsSync(join(directory, w.file)));
    if (complete && JSON.stringify(current.requirements) === JSON.stringify(requirements) && current.python === TARGET_PYTHON) {
      return { rebuilt: false, wheels: Object.values(current.packages).flat().length };
    }
  }
  try {
    await run(python(), ['-m', 'pip', '--version']);
  } catch (error) {
    throw new PipStoreError(
      `the terminal's wheel store needs pip: \`${python()} -m pip --version\` failed (${firstLine(error)}). Install Python 3 with pip (Debian: apt-get install python3-pip), or set PYTHON to a Python that has it.`,
    );
  }
  mkdirSync(directory, { recursive: true });
  for (const file of readdirSync(directory)) if (file.endsWith('.whl')) rmSync(join(directory, file));
  const args = ['-m', 'pip', 'download', '--only-binary=:all:', '--platform', 'any', '--abi', 'none', '--implementation', 'py', '--python-version', TARGET_PYTHON, '--progress-bar', 'off', '--disable-pip-version-check', '--dest', directory, ...requirements];
  try {
    await run(python(), args, { maxBuffer: 16 * 1024 * 1024 });
  } catch (error) {
    const stderr = (error as { stderr?: string }).stderr ?? '';
    const errors = stderr.split('\n').filter((l) => l.startsWith('ERROR:'));
    throw new PipStoreError(`pip could not download the terminal's wheels (${requirements.join(' ')}): ${errors.length > 0 ? errors.join(' ') : firstLine(error)}. Is the Python package registry reachable?`);
  }
  const files = readdirSync(directory).filter((f) => f.endsWith('.whl')).sort();
  let index: WheelIndex;
  try {
    index = await indexWheels(requirements, TARGET_PYTHON, files.map((file) => [file, new Uint8Array(readFileSync(join(directory, file)))]));
  } catch (error) {
    throw new PipStoreError(`pip downloaded a wheel the terminal cannot use: ${(error as Error).message}`);
  }
  writeFileSync(indexPath, `${JSON.stringify(index, null, 2)}\n`);
  return { rebuilt: true, wheels: files.length };
}

function firstLine(error: unknown): string {
  const text = (error as { stderr?: string }).stderr?.trim() || (error instanceof Error ? error.message : String(error));
  return text.split('\n')[0] ?? text;
}
