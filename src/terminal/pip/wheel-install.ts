/**
 * Installing one wheel as pip does (pip/_internal/operations/install/wheel.py): its files into the
 * scheme's library folder, `.data/` parts into theirs, a launcher in the scripts folder for each
 * console script, INSTALLER (`pip`), REQUESTED for what the learner asked for, and RECORD rewritten
 * with every installed path, its SHA-256 and size, sorted, as Python's csv module writes it.
 * Nothing is byte-compiled (as with `--no-compile`): Python has no compiler in the page.
 */
import { unzipSync } from 'fflate';
import { parseHeaders } from './metadata.ts';

export interface Scheme {
  purelib: string;
  scripts: string;
  data: string;
}

export class WheelError extends Error {}

const enc = new TextEncoder();
const dec = new TextDecoder();

/** RECORD's hash: `sha256=` and the urlsafe base64 digest without padding. */
export async function recordHash(data: Uint8Array): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', data as Uint8Array<ArrayBuffer>));
  let binary = '';
  for (const byte of digest) binary += String.fromCharCode(byte);
  return `sha256=${btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '')}`;
}

export async function sha256Hex(data: Uint8Array): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', data as Uint8Array<ArrayBuffer>));
  return [...digest].map((b) => b.toString(16).padStart(2, '0')).join('');
}

/** `os.path.relpath(path, start)` for absolute POSIX paths. */
export function relativePath(path: string, start: string): string {
  const from = start.split('/').filter((p) => p !== '');
  const to = path.split('/').filter((p) => p !== '');
  let common = 0;
  while (common < from.length && common < to.length && from[common] === to[common]) common++;
  return [...Array<string>(from.length - common).fill('..'), ...to.slice(common)].join('/') || '.';
}

/** Python's csv reader, for RECORD's three columns. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else field += c;
  }
  if (field !== '' || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  return rows.filter((r) => !(r.length === 1 && r[0] === ''));
}

/** Python's csv writer (QUOTE_MINIMAL, `\r\n` line ends). */
export function formatCsv(rows: string[][]): string {
  const quote = (f: string) => (/[",\r\n]/.test(f) ? `"${f.replace(/"/g, '""')}"` : f);
  return rows.map((r) => `${r.map(quote).join(',')}\r\n`).join('');
}

/** The console scripts of entry_points.txt (`name = module:attr`). */
export function consoleScripts(text: string): [string, string][] {
  const scripts: [string, string][] = [];
  let section = '';
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    if (line === '' || line.startsWith('#') || line.startsWith(';')) continue;
    const header = /^\[(.+)\]$/.exec(line);
    if (header !== null) {
      section = header[1]!.trim();
      continue;
    }
    const eq = line.indexOf('=');
    if (section === 'console_scripts' && eq > 0) scripts.push([line.slice(0, eq).trim(), line.slice(eq + 1).trim()]);
  }
  return scripts;
}

/** The launcher pip's PipScriptMaker writes, after distlib's `#!` line. */
export function scriptLauncher(executable: string, reference: string): string {
  const [module, attr = ''] = reference.split(/\s*:\s*/);
  const func = attr.replace(/\s*\[.*$/, '');
  return `#!${executable}\nimport sys\nfrom ${module} import ${func.split('.')[0]}\nif __name__ == '__main__':\n    sys.argv[0] = sys.argv[0].removesuffix('.exe')\n    sys.exit(${func}())\n`;
}

/**
 * The files a wheel installs, absolute path to bytes, for the given scheme. `requested` writes
 * REQUESTED (the learner named the package, it did not come as a dependency).
 */
export async function installWheel(wheelBytes: Uint8Array, name: string, scheme: Scheme, options: { requested: boolean; executable: string }): Promise<Map<string, Uint8Array>> {
  let entries: Record<string, Uint8Array>;
  try {
    entries = unzipSync(wheelBytes);
  } catch (error) {
    throw new WheelError(`Wheel '${name}' located at the store is invalid: ${(error as Error).message}`);
  }
  const infoDirs = [...new Set(Object.keys(entries).map((p) => p.split('/')[0]!).filter((p) => p.endsWith('.dist-info')))];
  if (infoDirs.length !== 1) throw new WheelError(`Wheel '${name}' ${infoDirs.length === 0 ? 'has no .dist-info directory' : `has multiple .dist-info directories: ${infoDirs.join(', ')}`}`);
  const infoDir = infoDirs[0]!;
  const dataDir = infoDir.replace(/\.dist-info$/, '.data');
  const wheelMeta = entries[`${infoDir}/WHEEL`];
  if (wheelMeta !== undefined && parseHeaders(dec.decode(wheelMeta)).find(([k]) => k === 'Root-Is-Purelib')?.[1]?.toLowerCase() === 'false') {
    throw new WheelError(`${name} is not a pure-Python wheel (Root-Is-Purelib: false)`);
  }

  const out = new Map<string, Uint8Array>();
  /** RECORD path in the wheel → RECORD path installed (relative to the library folder). */
  const installed = new Map<string, string>();
  const changed = new Set<string>();
  for (const [path, data] of Object.entries(entries)) {
    if (path.endsWith('/')) continue;
    const parts = path.split('/');
    if (path.startsWith('/') || parts.includes('..')) throw new WheelError(`The wheel ${name} has a file '${path}' trying to install outside the target directory`);
    let target: string;
    let bytes = data;
    if (parts[0] === dataDir) {
      const [, kind, ...rest] = parts;
      const root = kind === 'purelib' || kind === 'platlib' ? scheme.purelib : kind === 'scripts' ? scheme.scripts : kind === 'data' ? scheme.data : undefined;
      if (root === undefined) throw new WheelError(`Unknown scheme key used in ${path}: ${kind} (for wheel ${name}). .data directory contents should be in subdirectories named with a valid scheme key (data, platlib, purelib, scripts)`);
      target = `${root}/${rest.join('/')}`;
      // pip replaces a script's `#!python` with the interpreter.
      if (kind === 'scripts' && dec.decode(data.subarray(0, 8)) === '#!python') {
        const newline = data.indexOf(10);
        bytes = new Uint8Array([...enc.encode(`#!${options.executable}\n`), ...data.subarray(newline < 0 ? data.length : newline + 1)]);
        changed.add(relativePath(target, scheme.purelib));
      }
    } else {
      target = `${scheme.purelib}/${path}`;
    }
    out.set(target, bytes);
    installed.set(path, relativePath(target, scheme.purelib));
  }

  const generated: string[] = [];
  const entryPoints = entries[`${infoDir}/entry_points.txt`];
  for (const [script, reference] of entryPoints ? consoleScripts(dec.decode(entryPoints)) : []) {
    const path = `${scheme.scripts}/${script}`;
    out.set(path, enc.encode(scriptLauncher(options.executable, reference)));
    generated.push(path);
  }
  const infoPath = `${scheme.purelib}/${infoDir}`;
  out.set(`${infoPath}/INSTALLER`, enc.encode('pip\n'));
  generated.push(`${infoPath}/INSTALLER`);
  if (options.requested) {
    out.set(`${infoPath}/REQUESTED`, new Uint8Array());
    generated.push(`${infoPath}/REQUESTED`);
  }

  const record = entries[`${infoDir}/RECORD`];
  if (record === undefined) throw new WheelError(`Wheel '${name}' has no RECORD file (${infoDir}/RECORD)`);
  const rows: string[][] = [];
  for (const row of parseCsv(dec.decode(record))) {
    const oldPath = row[0]!;
    const newPath = installed.get(oldPath) ?? oldPath;
    installed.delete(oldPath);
    if (changed.has(newPath)) {
      const bytes = out.get(resolveFrom(scheme.purelib, newPath))!;
      rows.push([newPath, await recordHash(bytes), String(bytes.length)]);
    } else rows.push([newPath, row[1] ?? '', row[2] ?? '']);
  }
  for (const path of generated) {
    const bytes = out.get(path)!;
    rows.push([relativePath(path, scheme.purelib), await recordHash(bytes), String(bytes.length)]);
  }
  for (const path of installed.values()) rows.push([path, '', '']);
  rows.sort((a, b) => {
    for (let i = 0; i < 3; i++) if (a[i] !== b[i]) return a[i]! < b[i]! ? -1 : 1;
    return 0;
  });
  out.set(`${infoPath}/RECORD`, enc.encode(formatCsv(rows)));
  return out;
}

function resolveFrom(base: string, relative: string): string {
  const parts = base.split('/').filter((p) => p !== '');
  for (const part of relative.split('/')) {
    if (part === '..') parts.pop();
    else if (part !== '.') parts.push(part);
  }
  return `/${parts.join('/')}`;
}
