/** Saving and loading the emulator's state to a file, so `npm run emulator -- --state FILE` survives restarts. */
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { parseEmulatorState, type EmulatorState } from '../../emulator/index.ts';

/** A state file that cannot be used: the message names the file, what is wrong and how to go on. */
export class UnreadableStateFile extends Error {}

function refuse(path: string, problem: string): never {
  throw new UnreadableStateFile(
    `The state file ${path} cannot be used: ${problem}.\n` +
      'It was left exactly as it is. To start fresh and keep it, move it aside (for example ' +
      `mv ${path} ${path}.bad) or pass another --state file.`,
  );
}

export function loadStateFile(path: string): EmulatorState | undefined {
  if (!existsSync(path)) return undefined;
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(path, 'utf8'));
  } catch (e) {
    refuse(path, `it is not valid JSON (${(e as Error).message})`);
  }
  const parsed = parseEmulatorState(raw);
  if (!parsed.ok) refuse(path, parsed.path ? `the field "${parsed.path}" is not valid: ${parsed.message}` : parsed.message);
  return parsed.state;
}

/** Writes atomically (temp file, then rename) so a crash never leaves half a state file. */
export function saveStateFile(path: string, state: EmulatorState): void {
  const tmp = `${path}.tmp`;
  writeFileSync(tmp, JSON.stringify(state));
  renameSync(tmp, path);
}
