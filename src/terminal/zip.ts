/**
 * `zip` and `unzip` as Info-ZIP's behave for the lines lessons type (`zip -r9 layer.zip .`,
 * `unzip -l layer.zip`): entry names relative to the working directory, Unix permissions so Lambda
 * and Debian's unzip read the archive as written, and Info-ZIP's messages and exit statuses.
 */
import { deflateSync, unzipSync, zipSync, type Zippable } from 'fflate';
import { FsError } from './file-system.ts';
import type { Command } from './shell.ts';

const FILE_MODE = 0o100644;
const DIRECTORY_MODE = 0o040755;

/** How a zip entry is named for an operand path: no leading `/`, `./` or `../`. */
const entryName = (path: string): string => path.replace(/^(\.{0,2}\/)+/, '').replace(/^\.$/, '');

export const zip: Command = ({ args, fs, resolve, out, err }) => {
  let recursive = false;
  let level = 6;
  let quiet = false;
  const operands: string[] = [];
  for (const arg of args) {
    if (/^-[rq0-9]+$/.test(arg)) {
      for (const letter of arg.slice(1)) {
        if (letter === 'r') recursive = true;
        else if (letter === 'q') quiet = true;
        else level = Number(letter);
      }
    } else if (arg.startsWith('-') && arg !== '-') {
      err(`zip error: Invalid command arguments (short option '${arg[1]}' not supported)\n`);
      return 16;
    } else operands.push(arg);
  }
  const [archiveArg, ...paths] = operands;
  if (archiveArg === undefined || paths.length === 0) {
    err(archiveArg === undefined ? 'zip error: Invalid command arguments (nothing to select from)\n' : `\nzip error: Nothing to do! (${archiveArg})\n`);
    return archiveArg === undefined ? 16 : 12;
  }
  const archiveName = /\.[^/]*$/.test(archiveArg) ? archiveArg : `${archiveArg}.zip`;
  const archivePath = resolve(archiveName);

  // Entries in the order zip adds them: each operand, then (with -r) everything below it.
  const added = new Map<string, { data?: Uint8Array; mtime: number }>();
  let matched = false;
  for (const operand of paths) {
    const path = resolve(operand);
    const node = fs.lookup(path);
    if (node === undefined) {
      err(`\tzip warning: name not matched: ${operand}\n`);
      continue;
    }
    matched = true;
    const base = entryName(operand.replace(/\/+$/, ''));
    if (node.kind === 'file') {
      if (path !== archivePath) added.set(base, { data: node.data, mtime: node.mtime });
      continue;
    }
    if (base !== '') added.set(`${base}/`, { mtime: node.mtime });
    if (!recursive) continue;
    for (const { path: child, node: childNode } of fs.walk(path)) {
      if (child === archivePath) continue; // zip never adds the archive it is writing
      const name = `${base === '' ? '' : `${base}/`}${child.slice(path === '/' ? 1 : path.length + 1)}`;
      added.set(childNode.kind === 'dir' ? `${name}/` : name, childNode.kind === 'dir' ? { mtime: childNode.mtime } : { data: childNode.data, mtime: childNode.mtime });
    }
  }
  if (!matched || added.size === 0) {
    err(`\nzip error: Nothing to do! (${archiveName})\n`);
    return 12;
  }

  // An existing archive is updated: its other entries are kept.
  const entries: Zippable = {};
  const existing = new Set<string>();
  if (fs.exists(archivePath)) {
    try {
      for (const [name, data] of Object.entries(unzipSync(fs.readFile(archivePath)))) {
        existing.add(name);
        entries[name] = [data, name.endsWith('/') ? { level: 0, os: 3, attrs: DIRECTORY_MODE << 16 } : { level: level as 1, os: 3, attrs: FILE_MODE << 16 }];
      }
    } catch {
      err(`\nzip error: Zip file structure invalid (${archiveName})\n`);
      return 3;
    }
  }
  for (const [name, { data, mtime }] of added) {
    const content = data ?? new Uint8Array();
    // Info-ZIP stores what deflating would not shrink, and says how much deflating saved.
    const deflated = data === undefined || level === 0 || content.length === 0 ? undefined : deflateSync(content, { level: level as 1 });
    const stored = deflated === undefined || deflated.length >= content.length;
    const saved = stored ? 0 : Math.round((1 - deflated.length / content.length) * 100);
    if (!quiet) out(`${existing.has(name) ? 'updating' : '  adding'}: ${name} (${stored ? 'stored' : 'deflated'} ${saved}%)\n`);
    entries[name] = [content, { level: stored ? 0 : (level as 1), os: 3, attrs: (data === undefined ? DIRECTORY_MODE : FILE_MODE) << 16, mtime: new Date(mtime) }];
  }
  try {
    fs.writeFile(archivePath, zipSync(entries));
  } catch (error) {
    if (!(error instanceof FsError)) throw error;
    err(`zip I/O error: ${error.reason}\n\nzip error: Could not create output file (${archiveName})\n`);
    return 15;
  }
  return 0;
};

/** Each entry's name, size and time, read from the archive's central directory. */
export function listEntries(archive: Uint8Array): { name: string; size: number; date: string }[] | undefined {
  const view = new DataView(archive.buffer, archive.byteOffset, archive.byteLength);
  let end = -1;
  for (let i = archive.length - 22; i >= Math.max(0, archive.length - 22 - 0xffff); i--) {
    if (view.getUint32(i, true) === 0x06054b50) {
      end = i;
      break;
    }
  }
  if (end < 0) return undefined;
  const count = view.getUint16(end + 10, true);
  let offset = view.getUint32(end + 16, true);
  const entries: { name: string; size: number; date: string }[] = [];
  const decoder = new TextDecoder();
  for (let n = 0; n < count; n++) {
    if (offset + 46 > archive.length || view.getUint32(offset, true) !== 0x02014b50) return undefined;
    const time = view.getUint16(offset + 12, true);
    const date = view.getUint16(offset + 14, true);
    const size = view.getUint32(offset + 24, true);
    const nameLength = view.getUint16(offset + 28, true);
    const extraLength = view.getUint16(offset + 30, true);
    const commentLength = view.getUint16(offset + 32, true);
    const name = decoder.decode(archive.subarray(offset + 46, offset + 46 + nameLength));
    const pad = (v: number): string => String(v).padStart(2, '0');
    entries.push({ name, size, date: `${1980 + (date >> 9)}-${pad((date >> 5) & 15)}-${pad(date & 31)} ${pad(time >> 11)}:${pad((time >> 5) & 63)}` });
    offset += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}

export const unzip: Command = ({ args, fs, resolve, out, err }) => {
  let list = false;
  let directory: string | undefined;
  const operands: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (arg === '-l') list = true;
    else if (arg === '-o' || arg === '-q') continue;
    else if (arg === '-d') directory = args[++i];
    else operands.push(arg);
  }
  const [archiveArg] = operands;
  if (archiveArg === undefined) {
    err('UnZip 6.00 of 20 April 2009, by Debian. Usage: unzip [-l] [-o] [-d exdir] file[.zip]\n');
    return 0;
  }
  const candidates = [archiveArg, `${archiveArg}.zip`, `${archiveArg}.ZIP`];
  const found = candidates.find((c) => fs.lookup(resolve(c))?.kind === 'file');
  if (found === undefined) {
    err(`unzip:  cannot find or open ${candidates.join(', ').replace(/, ([^,]*)$/, ' or $1')}.\n`);
    return 9;
  }
  const archive = fs.readFile(resolve(found));
  const entries = listEntries(archive);
  out(`Archive:  ${found}\n`);
  if (entries === undefined) {
    err(`  End-of-central-directory signature not found.  Either this file is not\n  a zipfile, or it constitutes one disk of a multi-part archive.\n`);
    return 9;
  }
  if (list) {
    out('  Length      Date    Time    Name\n---------  ---------- -----   ----\n');
    let total = 0;
    for (const { name, size, date } of entries) {
      total += size;
      out(`${String(size).padStart(9)}  ${date}   ${name}\n`);
    }
    out(`---------                     -------\n${String(total).padStart(9)}                     ${entries.length} file${entries.length === 1 ? '' : 's'}\n`);
    return 0;
  }
  let files: Record<string, Uint8Array>;
  try {
    files = unzipSync(archive);
  } catch {
    err('  error:  invalid compressed data to inflate\n');
    return 2;
  }
  const root = resolve(directory ?? '.');
  try {
    fs.mkdir(root, { parents: true });
    for (const { name } of entries) {
      const target = `${root === '/' ? '' : root}/${name.split('/').filter((p) => p !== '' && p !== '..' && p !== '.').join('/')}`;
      if (name.endsWith('/')) {
        out(`   creating: ${name}\n`);
        fs.mkdir(target, { parents: true });
      } else {
        out(`  inflating: ${name}\n`);
        fs.mkdir(target.replace(/\/[^/]*$/, '') || '/', { parents: true });
        fs.writeFile(target, files[name] ?? new Uint8Array());
      }
    }
  } catch (error) {
    if (!(error instanceof FsError)) throw error;
    err(`error:  cannot create ${error.path}\n        ${error.reason}\n`);
    return 50;
  }
  return 0;
};
