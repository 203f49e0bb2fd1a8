/**
 * `pip` (and `pip3`, `python3 -m pip`) in the terminal, offline: `install` (names, `==` pins,
 * `-r FILE`, `-t/--target DIR`, `--upgrade`, `--no-deps`, `--dry-run`), `list`, `freeze`, `show`,
 * `--version`, over the workbook's store of real pure-Python wheels (see store.ts). Its lines are
 * pip 26's (see src/pip/_internal in pypa/pip): INFO to stdout, WARNING and ERROR to stderr,
 * usage errors exit 2, failures 1. The store plays pip's warm HTTP cache, so wheels are
 * "Using cached". Without --target, pip installs into the user site-packages, as pip does for a
 * user who cannot write the system's.
 */
import type { Command, CommandContext } from '../shell.ts';
import { canonicalName, parseHeaders, parseMetadata } from './metadata.ts';
import { parseVersion } from './pep440.ts';
import { PIP_LOCATION, PIP_VERSION, PYTHON_EXECUTABLE, MARKER_ENVIRONMENT, TARGET_PYTHON } from './python.ts';
import { evaluateMarker, InvalidRequirement, parseRequirement } from './requirement.ts';
import { invalidRequirementMessage, readRequirementsFile, RequirementsFileError } from './requirements-file.ts';
import { formatSize, installationOrder, resolve, ResolutionError, type RequirementNode } from './resolver.ts';
import type { WheelIndex, WheelStore } from './store.ts';
import { installWheel, parseCsv, sha256Hex, WheelError, type Scheme } from './wheel-install.ts';

const INSTALL_USAGE = [
  '[options] <requirement specifier> [package-index-options] ...',
  '[options] -r <requirements file> [package-index-options] ...',
  '[options] [-e] <vcs project url> ...',
  '[options] [-e] <local project path> ...',
  '[options] <archive url/path> ...',
];
const USAGES: Record<string, string[]> = { install: INSTALL_USAGE, list: ['[options]'], freeze: ['[options]'], show: ['[options] <package> ...'] };
const COMMANDS = ['install', 'download', 'uninstall', 'freeze', 'inspect', 'list', 'show', 'check', 'config', 'search', 'cache', 'index', 'wheel', 'hash', 'completion', 'debug', 'lock', 'help'];

/** A usage error: pip prints the command's usage, then the message, and exits 2. */
class UsageError extends Error {}
/** A CommandError / InstallationError: `ERROR: <message>`, exit 1. */
class PipError extends Error {}

interface Site {
  /** Where packages go (`purelib`). */
  lib: string;
  scheme: Scheme;
}

/** The modelled machine's user site (`python3 -m site --user-site`). */
const userSite = (home: string): Site => {
  const lib = `${home}/.local/lib/python${TARGET_PYTHON}/site-packages`;
  return { lib, scheme: { purelib: lib, scripts: `${home}/.local/bin`, data: `${home}/.local` } };
};

/**
 * The commands: `pip`/`pip3` show their own name in usage lines, `python3 -m pip` the
 * interpreter's (pip's get_prog).
 */
export function createPipCommands(store: WheelStore): Record<string, Command> {
  const pip = (prog: string): Command => (context) => runPip(store, prog, context.args, context);
  const python: Command = (context) => {
    const [first, second, ...rest] = context.args;
    if (first === '-m' && second === 'pip') return runPip(store, `${PYTHON_EXECUTABLE} -m pip`, rest, context);
    context.err(`python3: this terminal runs Python only as \`python3 -m pip\`; your code runs when you invoke your function (aws lambda invoke, or the Test tab).\n`);
    return 2;
  };
  return { pip: pip('pip'), pip3: pip('pip3'), python: python, python3: python };
}

async function runPip(store: WheelStore, prog: string, argv: string[], context: CommandContext): Promise<number> {
  const args = [...argv];
  // General options before the command.
  let quiet = 0;
  while (args[0]?.startsWith('-')) {
    const option = args.shift()!;
    if (option === '--version' || option === '-V') {
      context.out(`pip ${PIP_VERSION} from ${PIP_LOCATION} (python ${TARGET_PYTHON})\n`);
      return 0;
    }
    if (option === '-h' || option === '--help') {
      args.unshift('help');
      break;
    }
    if (/^-q+$/.test(option)) quiet += option.length - 1;
    else if (option === '--quiet') quiet++;
    else if (!['--disable-pip-version-check', '--no-cache-dir', '--isolated', '--no-color', '--no-input', '--require-virtualenv', '-v', '--verbose'].includes(option)) {
      context.err(`\nUsage:   \n  ${prog} <command> [options]\n\nno such option: ${option}\n`);
      return 2;
    }
  }
  const command = args.shift();
  if (command === undefined || command === 'help') {
    context.out(help(prog));
    return 0;
  }
  if (!COMMANDS.includes(command)) {
    const guess = COMMANDS.find((c) => similar(c, command));
    context.err(`ERROR: unknown command "${command}"${guess !== undefined ? ` - maybe you meant "${guess}"` : ''}\n`);
    return 1;
  }
  // General options may follow the command too (`pip install -q x`).
  for (const arg of args) {
    if (/^-q+$/.test(arg)) quiet += arg.length - 1;
    else if (arg === '--quiet') quiet++;
  }
  const info = (line: string) => {
    if (quiet === 0) context.out(`${line}\n`);
  };
  const warn = (line: string) => {
    if (quiet < 2) context.err(`${line.replace(/^(\s*)/, '$1WARNING: ')}\n`);
  };
  try {
    switch (command) {
      case 'install':
        return await install(store, prog, args, context, info, warn, quiet);
      case 'list':
      case 'freeze':
        return list(command, prog, args, context);
      case 'show':
        return show(args, context);
      default:
        context.err(`ERROR: this terminal's pip runs install, list, freeze and show (and --version); "${command}" needs a real Python.\n`);
        return 1;
    }
  } catch (error) {
    if (error instanceof UsageError) {
      context.err(`\nUsage:   \n${(USAGES[command] ?? ['[options]']).map((u) => `  ${prog} ${command} ${u}`).join('\n')}\n\n${error.message}\n`);
      return 2;
    }
    if (error instanceof InvalidRequirement) {
      // A Requires-Dist line packaging cannot read (a hand-edited METADATA, a broken wheel).
      context.err(`ERROR: Invalid requirement: ${error.message}\n`);
      return 1;
    }
    if (error instanceof PipError || error instanceof RequirementsFileError || error instanceof WheelError) {
      context.err(`ERROR: ${error.message}\n`);
      return 1;
    }
    if (error instanceof ResolutionError) {
      for (const line of error.info) context.out(`${line}\n`);
      for (const line of error.errors) context.err(`ERROR: ${line}\n`);
      for (const line of error.notes) context.err(`${line}\n`);
      return 1;
    }
    throw error;
  }
}

/** optparse, as pip's parser reads install's options: `-t DIR`, `-tDIR`, `--target DIR`, `--target=DIR`. */
function parseOptions(args: string[], valued: string[][], flags: string[][]): { values: Map<string, string[]>; flags: Set<string>; positional: string[] } {
  const values = new Map<string, string[]>();
  const set = new Set<string>();
  const positional: string[] = [];
  /** An option's long name, the one it is known by. */
  const canonical = (option: string, table: string[][]): string | undefined => table.find((names) => names.includes(option))?.at(-1);
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (arg === '--') {
      positional.push(...args.slice(i + 1));
      break;
    }
    if (!arg.startsWith('-') || arg === '-') {
      positional.push(arg);
      continue;
    }
    let name = arg;
    let inline: string | undefined;
    if (arg.startsWith('--') && arg.includes('=')) {
      name = arg.slice(0, arg.indexOf('='));
      inline = arg.slice(arg.indexOf('=') + 1);
    } else if (!arg.startsWith('--') && arg.length > 2) {
      name = arg.slice(0, 2);
      inline = arg.slice(2);
    }
    const valuedName = canonical(name, valued);
    if (valuedName !== undefined) {
      const value = inline ?? args[++i];
      if (value === undefined) throw new UsageError(`${name} option requires 1 argument`);
      values.set(valuedName, [...(values.get(valuedName) ?? []), value]);
      continue;
    }
    const flagName = canonical(name, flags);
    if (flagName !== undefined && (inline === undefined || !arg.startsWith('--'))) {
      set.add(flagName);
      // Bundled short flags (`-qU`).
      if (inline !== undefined) args.splice(i + 1, 0, `-${inline}`);
      continue;
    }
    throw new UsageError(`no such option: ${name}`);
  }
  return { values, flags: set, positional };
}

async function readIndex(store: WheelStore): Promise<WheelIndex> {
  try {
    return await store.index();
  } catch (error) {
    throw new PipError(`Could not read the workbook's offline wheel store (${(error as Error).message}): this terminal installs only from it, with no network.`);
  }
}

/** pip's display_path: relative to the working directory when under it. */
function displayPath(cwd: string, path: string): string {
  if (path === cwd) return '.';
  if (path.startsWith(`${cwd === '/' ? '' : cwd}/`)) return `./${path.slice(cwd === '/' ? 1 : cwd.length + 1)}`;
  return path;
}

interface Installed {
  name: string;
  version: string;
  requiresDist: string[];
  location: string;
  infoDir: string;
}

/** The distributions in a site-packages folder, from their `*.dist-info/METADATA`. */
function installedIn(context: CommandContext, lib: string): Map<string, Installed> {
  const found = new Map<string, Installed>();
  if (!context.fs.isDirectory(lib)) return found;
  for (const entry of context.fs.readdir(lib)) {
    if (!entry.endsWith('.dist-info') || !context.fs.exists(`${lib}/${entry}/METADATA`)) continue;
    try {
      const metadata = parseMetadata(context.fs.readText(`${lib}/${entry}/METADATA`));
      found.set(canonicalName(metadata.name), { name: metadata.name, version: metadata.version, requiresDist: metadata.requiresDist, location: lib, infoDir: `${lib}/${entry}` });
    } catch {
      // pip skips a distribution whose metadata it cannot read.
    }
  }
  return found;
}

async function install(store: WheelStore, prog: string, args: string[], context: CommandContext, info: (l: string) => void, warn: (l: string) => void, quiet: number): Promise<number> {
  const { values, flags, positional } = parseOptions(
    args,
    [['-t', '--target'], ['-r', '--requirement'], ['-c', '--constraint'], ['-i', '--index-url'], ['--extra-index-url'], ['-f', '--find-links'], ['--trusted-host'], ['--platform'], ['--python-version'], ['--implementation'], ['--abi'], ['--only-binary'], ['--no-binary'], ['--progress-bar'], ['--upgrade-strategy'], ['--root-user-action'], ['--cache-dir'], ['--timeout'], ['--retries'], ['--prefix'], ['--root'], ['-e', '--editable']],
    [['-U', '--upgrade'], ['--no-deps'], ['--user'], ['--dry-run'], ['--no-compile'], ['--compile'], ['--no-cache-dir'], ['--no-index'], ['--pre'], ['--prefer-binary'], ['--force-reinstall'], ['-I', '--ignore-installed'], ['--no-warn-script-location'], ['--no-warn-conflicts'], ['--disable-pip-version-check'], ['-q', '--quiet'], ['-v', '--verbose'], ['--isolated'], ['--no-input'], ['--break-system-packages'], ['--require-hashes']],
  );
  if (values.has('--constraint')) throw new PipError('constraints files (-c) are not supported by this terminal\'s pip.');
  if (values.has('--editable')) throw new PipError('editable installs (-e) need a real Python; this terminal installs named packages from the workbook\'s offline store.');
  if (values.has('--prefix') || values.has('--root')) throw new PipError('--prefix and --root are not supported by this terminal\'s pip; use --target DIR.');
  const targetArg = values.get('--target')?.at(-1);
  if (flags.has('--user') && targetArg !== undefined) throw new PipError("Can not combine '--user' and '--target'");
  const platformOptions = ['--platform', '--python-version', '--implementation', '--abi'].filter((o) => values.has(o));
  if (platformOptions.length > 0) {
    if (targetArg === undefined && !flags.has('--dry-run')) throw new PipError("Can not use any platform or abi specific options unless installing via '--target' or using '--dry-run'");
    if (!flags.has('--no-deps') && values.get('--only-binary')?.at(-1) !== ':all:') {
      throw new PipError('When restricting platform and interpreter constraints using --python-version, --platform, --abi, or --implementation, either --no-deps must be set, or --only-binary=:all: must be set and --no-binary must not be set (or must be set to :none:).');
    }
  }
  const pythonVersion = values.get('--python-version')?.at(-1) ?? TARGET_PYTHON;
  const pythonShort = /^\d+(\.\d+)?$/.test(pythonVersion) ? pythonVersion : /^\d{2,}$/.test(pythonVersion) ? `${pythonVersion[0]}.${pythonVersion.slice(1)}` : undefined;
  if (pythonShort === undefined || parseVersion(pythonShort) === undefined) throw new UsageError(`invalid --python-version value: '${pythonVersion}': at most three version parts are allowed`);

  // What to install: the command line's, then each -r file's, in order.
  const roots: RequirementNode[] = [];
  for (const text of positional) {
    try {
      roots.push({ requirement: parseRequirement(text) });
    } catch (error) {
      if (!(error instanceof InvalidRequirement)) throw error;
      if (text.endsWith('.whl') || text.endsWith('.zip') || text.endsWith('.tar.gz') || text.includes('/') || text === '.') {
        throw new PipError(`Installing from a file or folder (${text}) needs a real Python; this terminal installs named packages from the workbook's offline store.`);
      }
      throw new PipError(invalidRequirementMessage(text, error));
    }
  }
  for (const file of values.get('--requirement') ?? []) {
    for (const { requirement, source } of readRequirementsFile(context.fs, file, context.resolve(file))) roots.push({ requirement, source });
  }
  if (roots.length === 0) throw new PipError(`You must give at least one requirement to install (see "${prog} help install")`);
  for (const root of roots) {
    if (root.requirement.url !== undefined) throw new PipError(`Installing from a URL (${root.requirement.name} @ ${root.requirement.url}) needs the network; this terminal installs named packages from the workbook's offline store.`);
  }

  const target = targetArg !== undefined ? context.resolve(targetArg) : undefined;
  if (target !== undefined && context.fs.exists(target) && !context.fs.isDirectory(target)) throw new PipError('Target path exists but is not a directory, will not continue.');
  if (target === undefined && !flags.has('--user') && !flags.has('--dry-run')) info('Defaulting to user installation because normal site-packages is not writeable');
  const site = userSite(context.shell.env.get('HOME') ?? '/home/learner');
  const installed = target === undefined && !flags.has('--ignore-installed') && !flags.has('--force-reinstall') ? installedIn(context, site.lib) : new Map();

  const index = await readIndex(store);
  let resolution;
  try {
    resolution = resolve(roots, {
      index,
      pythonVersion: pythonShort,
      environment: { ...MARKER_ENVIRONMENT, python_version: pythonShort, python_full_version: pythonShort.includes('.') ? `${pythonShort}.0` : pythonShort },
      noDeps: flags.has('--no-deps'),
      installed: (key) => installed.get(key),
      upgrade: flags.has('--upgrade'),
      displayPath: (path) => displayPath(context.shell.cwd, path),
      info,
    });
  } catch (error) {
    // A project the store lacks altogether (not a missing version of one it has): say what it has.
    if (error instanceof ResolutionError && error.errors.some((e) => e.endsWith('(from versions: none)'))) {
      error.notes.push(storeNote(index));
    }
    throw error;
  }
  const { candidates, edges } = resolution;
  if (flags.has('--dry-run')) {
    const items = candidates.map((c) => `${c.wheel.name}-${c.wheel.version}`).sort();
    if (items.length > 0) info(`Would install ${items.join(' ')}`);
    return 0;
  }

  // Download (here: read from the store and check its hash, as pip checks the index's).
  const wheels = new Map<string, Uint8Array>();
  for (const candidate of candidates) {
    info(`Using cached ${candidate.wheel.file} (${formatSize(candidate.wheel.size)})`);
    let bytes: Uint8Array;
    try {
      bytes = await store.wheel(candidate.wheel.file);
    } catch (error) {
      throw new PipError(`Could not read ${candidate.wheel.file} from the workbook's offline wheel store (${(error as Error).message}).`);
    }
    const got = await sha256Hex(bytes);
    if (got !== candidate.wheel.sha256) {
      throw new PipError(
        `THESE PACKAGES DO NOT MATCH THE HASHES FROM THE REQUIREMENTS FILE. If you have updated the package versions, please update the hashes. Otherwise, examine the package contents carefully; someone may have tampered with them.\n    ${candidate.via.requirement.name} from https://files.pythonhosted.org/packages/${candidate.wheel.file}#sha256=${candidate.wheel.sha256}:\n        Expected sha256 ${candidate.wheel.sha256}\n             Got        ${got}`,
      );
    }
    wheels.set(candidate.key, bytes);
  }

  const order = installationOrder(
    candidates.map((c) => c.key),
    edges,
  );
  const byKey = new Map(candidates.map((c) => [c.key, c]));
  if (order.length > 0) info(`Installing collected packages: ${order.map((k) => byKey.get(k)!.via.requirement.name).join(', ')}`);

  // --target installs into a scratch home (lib/python, bin), then moves each top-level item in.
  // The scratch home is only a name for RECORD's relative paths: nothing is written under it.
  const home = '/pip-target';
  const scheme: Scheme = target !== undefined ? { purelib: `${home}/lib/python`, scripts: `${home}/bin`, data: home } : site.scheme;
  const written = new Map<string, Uint8Array>();
  const scripts: string[] = [];
  for (const key of order) {
    const candidate = byKey.get(key)!;
    const files = await installWheel(wheels.get(key)!, candidate.wheel.name, scheme, { requested: candidate.via.parent === undefined, executable: PYTHON_EXECUTABLE });
    for (const [path, data] of files) {
      written.set(path, data);
      if (path.startsWith(`${scheme.scripts}/`)) scripts.push(path.slice(scheme.scripts.length + 1));
    }
    if (target === undefined) {
      // A reinstall replaces the old version's files (pip uninstalls it first).
      const old = installed.get(key);
      if (old !== undefined) removeDistribution(context, site.lib, old.name, old.version);
    }
  }
  if (target === undefined && scripts.length > 0 && !flags.has('--no-warn-script-location')) {
    const path = (context.shell.env.get('PATH') ?? '').split(':');
    if (!path.includes(scheme.scripts)) {
      const sorted = [...new Set(scripts)].sort();
      const what = sorted.length === 1 ? `script ${sorted[0]} is` : `scripts ${sorted.slice(0, -1).join(', ')} and ${sorted[sorted.length - 1]} are`;
      if (quiet < 2) context.err(`  WARNING: The ${what} installed in '${scheme.scripts}' which is not on PATH.\n  Consider adding this directory to PATH or, if you prefer to suppress this warning, use --no-warn-script-location.\n`);
    }
  }

  const write = (path: string, data: Uint8Array) => {
    context.fs.mkdir(path.slice(0, path.lastIndexOf('/')) || '/', { parents: true });
    context.fs.writeFile(path, data);
  };
  if (target === undefined) {
    for (const [path, data] of written) write(path, data);
  }
  const summary = order.map((k) => byKey.get(k)!).map((c) => `${c.via.requirement.name}-${c.wheel.version}`);
  summary.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  if (summary.length > 0) info(`Successfully installed ${summary.join(' ')}`);

  if (target !== undefined) {
    context.fs.mkdir(target, { parents: true });
    // _handle_target_dir: purelib's items, then the data folder's (bin/), each moved in unless it exists.
    const top = (root: string) => [...new Set([...written.keys()].filter((p) => p.startsWith(`${root}/`)).map((p) => p.slice(root.length + 1).split('/')[0]!))].sort();
    const moves: [string, string][] = [...top(scheme.purelib).map((item) => [scheme.purelib, item] as [string, string]), ...top(home).filter((item) => item !== 'lib').map((item) => [home, item] as [string, string])];
    for (const [root, item] of moves) {
      const destination = `${target === '/' ? '' : target}/${item}`;
      if (context.fs.exists(destination)) {
        if (!flags.has('--upgrade')) {
          warn(`Target directory ${destination} already exists. Specify --upgrade to force replacement.`);
          continue;
        }
        context.fs.remove(destination, { recursive: true });
      }
      for (const [path, data] of written) if (path === `${root}/${item}` || path.startsWith(`${root}/${item}/`)) write(`${destination}${path.slice(`${root}/${item}`.length)}`, data);
    }
  }
  return 0;
}

/** After pip's own two ERROR lines, what this terminal's store has, and why numpy is not in it. */
function storeNote(index: WheelIndex): string {
  const names = Object.values(index.packages)
    .map((versions) => versions[0]!.name)
    .sort((a, b) => (a.toLowerCase() < b.toLowerCase() ? -1 : 1));
  return `(This terminal installs offline, from the workbook's store of pure-Python wheels: ${names.join(', ')}. Packages with compiled parts, such as numpy, pandas and Pillow, are built for one operating system and processor and cannot run in the browser; on your own machine, build them for Lambda as the Layers lesson shows, with --platform manylinux2014_x86_64 --only-binary=:all:.)`;
}

/** Removes an installed distribution's files, by its RECORD (pip's uninstall). */
function removeDistribution(context: CommandContext, lib: string, name: string, version: string): void {
  const infoDir = `${lib}/${name.replace(/-/g, '_')}-${version}.dist-info`;
  if (!context.fs.exists(`${infoDir}/RECORD`)) return;
  for (const line of context.fs.readText(`${infoDir}/RECORD`).split(/\r?\n/)) {
    const path = line.split(',')[0];
    if (path === undefined || path === '') continue;
    const parts = `${lib}/${path}`.split('/');
    const absolute: string[] = [];
    for (const part of parts) {
      if (part === '..') absolute.pop();
      else if (part !== '' && part !== '.') absolute.push(part);
    }
    const full = `/${absolute.join('/')}`;
    if (context.fs.exists(full) && !context.fs.isDirectory(full)) context.fs.remove(full);
  }
}

function list(command: 'list' | 'freeze', prog: string, args: string[], context: CommandContext): number {
  const { values, flags } = parseOptions(args, [['--path'], ['--format'], ['--exclude']], [['--user'], ['-l', '--local'], ['--not-required'], ['--disable-pip-version-check'], ['--all'], ['-v', '--verbose'], ['-q', '--quiet']]);
  void prog;
  const site = userSite(context.shell.env.get('HOME') ?? '/home/learner');
  const paths = values.get('--path')?.map((p) => context.resolve(p));
  const distributions = new Map<string, { name: string; version: string }>();
  if (paths === undefined && !flags.has('--user')) distributions.set('pip', { name: 'pip', version: PIP_VERSION });
  for (const lib of paths ?? [site.lib]) for (const [key, d] of installedIn(context, lib)) distributions.set(key, d);
  const exclude = new Set((values.get('--exclude') ?? []).map(canonicalName));
  const sorted = [...distributions].filter(([key]) => !exclude.has(key)).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  const format = values.get('--format')?.at(-1) ?? (command === 'freeze' ? 'freeze' : 'columns');
  if (command === 'freeze') {
    for (const [key, d] of sorted) if (key !== 'pip' || flags.has('--all')) context.out(`${d.name}==${d.version}\n`);
    return 0;
  }
  if (format === 'freeze') {
    for (const [, d] of sorted) context.out(`${d.name}==${d.version}\n`);
  } else if (format === 'json') {
    context.out(`${JSON.stringify(sorted.map(([, d]) => ({ name: d.name, version: d.version }))).replace(/,/g, ', ').replace(/:/g, ': ')}\n`);
  } else if (format === 'columns') {
    if (sorted.length === 0) return 0;
    const rows = [['Package', 'Version'], ...sorted.map(([, d]) => [d.name, d.version])];
    const widths = [0, 1].map((i) => Math.max(...rows.map((r) => r[i]!.length)));
    const lines = rows.map((r) => r.map((c, i) => c.padEnd(widths[i]!)).join(' ').trimEnd());
    lines.splice(1, 0, widths.map((w) => '-'.repeat(w)).join(' '));
    context.out(`${lines.join('\n')}\n`);
  } else {
    throw new UsageError(`option --format: invalid choice: '${format}' (choose from 'columns', 'freeze', 'json')`);
  }
  return 0;
}

/** pip's own entry in `pip show`, from its pyproject.toml (26.2.1). */
const PIP_SHOW = ['Name: pip', `Version: ${PIP_VERSION}`, 'Summary: The PyPA recommended tool for installing Python packages.', 'Home-page: https://pip.pypa.io/', 'Author: ', 'Author-email: The pip developers <distutils-sig@python.org>', 'License-Expression: MIT', `Location: ${PIP_LOCATION.slice(0, -'/pip'.length)}`, 'Requires: ', 'Required-by: '];

/** `pip show [-f] NAME...`: installed distributions' metadata, as pip's show.py prints it. */
function show(args: string[], context: CommandContext): number {
  const { flags, positional } = parseOptions(args, [], [['-f', '--files'], ['-v', '--verbose']]);
  if (positional.length === 0) {
    context.err('WARNING: ERROR: Please provide a package name or names.\n');
    return 1;
  }
  const site = userSite(context.shell.env.get('HOME') ?? '/home/learner');
  const installed = installedIn(context, site.lib);
  const missing = positional.filter((name) => canonicalName(name) !== 'pip' && !installed.has(canonicalName(name))).sort();
  if (missing.length > 0) context.err(`WARNING: Package(s) not found: ${missing.join(', ')}\n`);
  const blocks: string[][] = [];
  for (const query of positional) {
    const key = canonicalName(query);
    if (key === 'pip') {
      blocks.push(PIP_SHOW);
      continue;
    }
    const dist = installed.get(key);
    if (dist === undefined) continue;
    const fields = parseHeaders(context.fs.readText(`${dist.infoDir}/METADATA`));
    const one = (k: string) => fields.find(([f]) => f.toLowerCase() === k.toLowerCase())?.[1] ?? '';
    const homepage = one('Home-page') || (fields.find(([f, v]) => f === 'Project-URL' && /^home-?page\s*,/i.test(v))?.[1].split(',').slice(1).join(',').trim() ?? '');
    const metadataVersion = one('Metadata-Version').split('.').map(Number);
    const licenseLine = (metadataVersion[0] ?? 0) > 2 || ((metadataVersion[0] ?? 0) === 2 && (metadataVersion[1] ?? 0) >= 4) ? (one('License-Expression') ? `License-Expression: ${one('License-Expression')}` : `License: ${one('License')}`) : `License: ${one('License')}`;
    const requires = [...new Set(dist.requiresDist.map((r) => parseRequirement(r)).filter((r) => r.marker === undefined || evaluateMarker(r.marker)).map((r) => r.name))].sort((a, b) => (a.toLowerCase() < b.toLowerCase() ? -1 : 1));
    const requiredBy = [...installed.values()].filter((d) => d.requiresDist.some((r) => { const req = parseRequirement(r); return canonicalName(req.name) === key && (req.marker === undefined || evaluateMarker(req.marker)); })).map((d) => d.name).sort((a, b) => (a.toLowerCase() < b.toLowerCase() ? -1 : 1));
    const block = [`Name: ${dist.name}`, `Version: ${dist.version}`, `Summary: ${one('Summary')}`, `Home-page: ${homepage}`, `Author: ${one('Author')}`, `Author-email: ${one('Author-email')}`, licenseLine, `Location: ${dist.location}`, `Requires: ${requires.join(', ')}`, `Required-by: ${requiredBy.join(', ')}`];
    if (flags.has('--files')) {
      block.push('Files:');
      const record = context.fs.exists(`${dist.infoDir}/RECORD`) ? context.fs.readText(`${dist.infoDir}/RECORD`) : undefined;
      if (record === undefined) block.push('Cannot locate RECORD or installed-files.txt');
      else block.push(...parseCsv(record).map((row) => `  ${row[0]}`).sort());
    }
    blocks.push(block);
  }
  if (blocks.length === 0) return 1;
  context.out(`${blocks.map((b) => b.join('\n')).join('\n---\n')}\n`);
  return 0;
}

function help(prog: string): string {
  return `\nUsage:   \n  ${prog} <command> [options]\n\nCommands:\n  install                     Install packages.\n  list                        List installed packages.\n  show                        Show information about installed packages.\n  freeze                      Output installed packages in requirements format.\n  help                        Show help for commands.\n\nGeneral Options:\n  -h, --help                  Show help.\n  -q, --quiet                 Give less output.\n  -V, --version               Show version and exit.\n\nThis terminal's pip installs offline, from the workbook's store of pure-Python wheels.\n`;
}

/** difflib.get_close_matches' idea, enough for pip's "maybe you meant": same letters, one edit apart. */
function similar(a: string, b: string): boolean {
  if (Math.abs(a.length - b.length) > 1) return false;
  let i = 0;
  let j = 0;
  let edits = 0;
  while (i < a.length && j < b.length) {
    if (a[i] === b[j]) {
      i++;
      j++;
      continue;
    }
    if (++edits > 1) return false;
    if (a.length > b.length) i++;
    else if (b.length > a.length) j++;
    else {
      i++;
      j++;
    }
  }
  return edits + (a.length - i) + (b.length - j) <= 1;
}
