/**
 * The terminal's front door: a shell with the file commands, zip and unzip, plus any commands the
 * caller adds (the page adds `aws`). No DOM here; the panel lives in src/terminal/panel.ts.
 */
import { coreutils } from './coreutils.ts';
import { Shell, type Command, type ShellOptions } from './shell.ts';
import { unzip, zip } from './zip.ts';

export { FileSystem, type FileSystemSnapshot } from './file-system.ts';
export { HOME, Shell, type Command, type CommandContext, type RunResult } from './shell.ts';

export const shellCommands: Record<string, Command> = { ...coreutils, zip, unzip };

export function createShell(options: ShellOptions = {}): Shell {
  return new Shell({ ...options, commands: { ...shellCommands, ...options.commands } });
}
