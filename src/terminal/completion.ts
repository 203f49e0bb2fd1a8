/**
 * Tab completion for the terminal: command names, then for `aws` its services, their operations
 * and the operation's options (from the same SDK schemas the command runs), and file paths
 * everywhere else. Returns the word being completed and what could replace it.
 */
import { basename, resolvePath } from './file-system.ts';
import { CUSTOM_OPTIONS, membersOf, operationsOf, SERVICES } from './aws/model.ts';
import { S3_COMMANDS } from './aws/s3-commands.ts';
import type { Shell } from './shell.ts';

export interface Completion {
  /** Where the word being completed starts in the line. */
  start: number;
  /** Every full word that fits, sorted; directories end in `/`. */
  candidates: string[];
}

const AWS_GLOBALS = ['--debug', '--endpoint-url', '--no-cli-pager', '--output', '--profile', '--query', '--region', '--cli-binary-format'];

export async function complete(shell: Shell, line: string, cursor = line.length): Promise<Completion> {
  const before = line.slice(0, cursor);
  // The last command after && || ; is the one being typed.
  const command = before.split(/&&|\|\||;/).pop() ?? '';
  const start = cursor - (/\S*$/.exec(command)?.[0].length ?? 0);
  const word = line.slice(start, cursor);
  const words = command.trim() === '' ? [] : command.trimStart().split(/\s+/);
  const index = word === '' ? words.length : words.length - 1;
  const fits = (options: Iterable<string>): string[] => [...new Set(options)].filter((o) => o.startsWith(word)).sort();

  if (index === 0) return { start, candidates: fits(shell.commands.keys()) };
  if (words[0] === 'aws') {
    if (index === 1) return { start, candidates: fits([...SERVICES.map((s) => s.cli), 's3', 'help']) };
    const service = SERVICES.find((s) => s.cli === words[1]);
    if (words[1] === 's3' && index === 2) return { start, candidates: fits([...S3_COMMANDS].sort()) };
    if (service !== undefined) {
      const operations = operationsOf(await service.load());
      if (index === 2) return { start, candidates: fits([...operations.keys(), 'help']) };
      const operation = operations.get(words[2]!);
      if (word.startsWith('--') && operation !== undefined) return { start, candidates: fits([...membersOf(operation.input).map((m) => m.option), ...CUSTOM_OPTIONS.filter((c) => c.operation === operation.name).map((c) => c.option), ...AWS_GLOBALS]) };
    }
  }
  return { start, candidates: completePath(shell, word) };
}

function completePath(shell: Shell, word: string): string[] {
  const prefix = word.startsWith('fileb://') ? 'fileb://' : word.startsWith('file://') ? 'file://' : '';
  const path = word.slice(prefix.length);
  const typedDirectory = path.includes('/') ? path.slice(0, path.lastIndexOf('/') + 1) : '';
  const directory = resolvePath(shell.cwd, typedDirectory === '' ? '.' : typedDirectory);
  if (!shell.fs.isDirectory(directory)) return [];
  const partial = basename(`/${path.slice(typedDirectory.length)}`) === '/' ? '' : path.slice(typedDirectory.length);
  return shell.fs
    .readdir(directory)
    .filter((name) => name.startsWith(partial) && (partial.startsWith('.') || !name.startsWith('.')))
    .map((name) => `${prefix}${typedDirectory}${name}${shell.fs.isDirectory(`${directory === '/' ? '' : directory}/${name}`) ? '/' : ''}`);
}
