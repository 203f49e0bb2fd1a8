/**
 * Requirements files (`pip install -r requirements.txt`), read as pip's req_file.py reads them:
 * `\` continues a line, `#` after whitespace starts a comment, `-r` nests another file relative to
 * this one. Index options are accepted and have nothing to change (the store is the only index);
 * options this terminal cannot honour are refused by name.
 */
import type { FileSystem } from '../file-system.ts';
import { InvalidRequirement, parseRequirement, type Requirement } from './requirement.ts';

export class RequirementsFileError extends Error {}

export interface FileRequirement {
  requirement: Requirement;
  /** pip's comes_from: `-r requirements.txt (line 2)`. */
  source: string;
}

const INDEX_OPTIONS = ['-i', '--index-url', '--extra-index-url', '-f', '--find-links', '--trusted-host'];
const FLAG_OPTIONS = ['--no-index', '--pre', '--prefer-binary'];
const BINARY_OPTIONS = ['--only-binary', '--no-binary'];

/** `Invalid requirement: 'x y': <packaging's reason>`, with pip's hint for `=`. */
export function invalidRequirementMessage(text: string, error: InvalidRequirement, lineSource?: string): string {
  let message = `Invalid requirement: '${text}': ${error.message}`;
  if (lineSource !== undefined) message += ` (from ${lineSource})`;
  if (text.includes('/')) message += '\nHint: It looks like a path. File \'' + text + '\' does not exist.';
  else if (text.includes('=') && !/(===|==|~=|!=|<=|>=|<|>)/.test(text)) message += '\nHint: = is not a valid operator. Did you mean == ?';
  return message;
}

export function readRequirementsFile(fs: FileSystem, shown: string, absolute: string, seen: string[] = []): FileRequirement[] {
  if (!fs.exists(absolute)) throw new RequirementsFileError(`Could not open requirements file: [Errno 2] No such file or directory: '${shown}'`);
  if (fs.isDirectory(absolute)) throw new RequirementsFileError(`Could not open requirements file: [Errno 21] Is a directory: '${shown}'`);
  if (seen.includes(absolute)) throw new RequirementsFileError(`${shown} recursively references itself in ${seen[seen.length - 1]}`);
  const text = fs.readText(absolute).replace(/^\uFEFF/, '');

  // join_lines, then ignore_comments, keeping each logical line's first line number.
  const logical: [number, string][] = [];
  let pending: [number, string] | undefined;
  text.split(/\r?\n/).forEach((line, i) => {
    const isComment = /^\s*#/.test(line);
    if (!line.endsWith('\\') || isComment) {
      const joined = pending !== undefined ? [pending[0], pending[1] + (isComment ? ` ${line}` : line)] as [number, string] : [i + 1, isComment ? ` ${line}` : line] as [number, string];
      logical.push(joined);
      pending = undefined;
    } else {
      pending = pending !== undefined ? [pending[0], pending[1] + line.slice(0, -1)] : [i + 1, line.slice(0, -1)];
    }
  });
  if (pending !== undefined) logical.push(pending);

  const out: FileRequirement[] = [];
  for (const [number, raw] of logical) {
    const line = raw.replace(/(^|\s+)#.*$/, '').trim();
    if (line === '') continue;
    const source = `-r ${shown} (line ${number})`;
    if (line.startsWith('-')) {
      const [option = '', ...rest] = line.split(/\s+|=/);
      const value = rest.join(' ').trim();
      if (option === '-r' || option === '--requirement') {
        const nestedShown = value.startsWith('/') ? value : `${shown.includes('/') ? shown.slice(0, shown.lastIndexOf('/') + 1) : ''}${value}`;
        const nestedAbsolute = value.startsWith('/') ? value : `${absolute.slice(0, absolute.lastIndexOf('/') + 1)}${value}`;
        out.push(...readRequirementsFile(fs, nestedShown, nestedAbsolute, [...seen, shown]));
        continue;
      }
      if (INDEX_OPTIONS.includes(option) || FLAG_OPTIONS.includes(option) || BINARY_OPTIONS.includes(option)) continue;
      throw new RequirementsFileError(`${option} on line ${number} of ${shown} is not supported by this terminal's pip, which installs named packages from the workbook's offline store.`);
    }
    if (/\s--?[a-z]/.test(line)) {
      throw new RequirementsFileError(`Per-requirement options (${line.slice(line.search(/\s--?[a-z]/)).trim()}) on line ${number} of ${shown} are not supported by this terminal's pip.`);
    }
    try {
      out.push({ requirement: parseRequirement(line), source });
    } catch (error) {
      if (!(error instanceof InvalidRequirement)) throw error;
      throw new RequirementsFileError(invalidRequirementMessage(line, error, `line ${number} of ${shown}`));
    }
  }
  return out;
}
