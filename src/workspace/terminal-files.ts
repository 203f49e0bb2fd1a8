/**
 * The function's code as a folder of the terminal's home (`~/hello-lambda/`), so a learner can
 * edit, zip and deploy it from the command line as well as in the editor. The editor's files are
 * the truth before each command line; what the command line changed is read back after it.
 * Only text files travel back to the editor: a zip or other bytes made in the folder stay in the
 * terminal, as they would on disk, and never turn into garbled text in the code tab.
 */
import { limits } from '../emulator/index.ts';
import { FileSystem, HOME } from '../terminal/index.ts';
import type { FunctionFiles } from './files.ts';

/** Larger files are not shown in the editor, as Lambda's console editor stops at this size. */
const EDITOR_FILE_LIMIT = limits.deploymentPackage.consoleEditorBytes;

export function functionFolder(functionName: string): string {
  return `${HOME}/${functionName}`;
}

const decoder = new TextDecoder('utf-8', { fatal: true });

function asText(bytes: Uint8Array): string | undefined {
  if (bytes.length > EDITOR_FILE_LIMIT || bytes.includes(0)) return undefined;
  try {
    return decoder.decode(bytes);
  } catch {
    return undefined;
  }
}

/** The text files under `folder`, relative paths → text, as the editor keeps them. */
export function readFunctionFiles(fs: FileSystem, folder: string): FunctionFiles {
  const files: FunctionFiles = {};
  if (!fs.isDirectory(folder)) return files;
  for (const { path, node } of fs.walk(folder)) {
    if (node.kind !== 'file') continue;
    const text = asText(node.data);
    if (text !== undefined) files[path.slice(folder.length + 1)] = text;
  }
  return files;
}

/** Makes the folder hold exactly the editor's files (other bytes, such as zips, are left alone). */
export function writeFunctionFiles(fs: FileSystem, folder: string, files: FunctionFiles): void {
  fs.mkdir(folder, { parents: true });
  const current = readFunctionFiles(fs, folder);
  for (const path of Object.keys(current)) if (!Object.hasOwn(files, path)) fs.remove(`${folder}/${path}`);
  for (const [path, text] of Object.entries(files)) {
    if (current[path] === text) continue;
    const full = `${folder}/${path}`;
    fs.mkdir(full.slice(0, full.lastIndexOf('/')), { parents: true });
    fs.writeFile(full, text);
  }
}

export function sameFiles(a: FunctionFiles, b: FunctionFiles): boolean {
  const keys = Object.keys(a);
  return keys.length === Object.keys(b).length && keys.every((k) => Object.hasOwn(b, k) && a[k] === b[k]);
}

/** Whether a command line runs the AWS CLI anywhere (`aws ...`, `x && aws ...`, `$(aws ...)`): it may have changed the account. */
export function runsAws(line: string): boolean {
  return /(?:^|[\s;&|(`])aws(?:\s|$)/.test(line);
}
