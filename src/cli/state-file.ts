/** Saving and loading the emulator's state to a file, so `npm run emulator -- --state FILE` survives restarts. */
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import type { EmulatorState } from '../emulator/service/state.ts';

export function loadStateFile(path: string): EmulatorState | undefined {
  if (!existsSync(path)) return undefined;
  const parsed = JSON.parse(readFileSync(path, 'utf8')) as EmulatorState;
  if (parsed.formatVersion !== 1) throw new Error(`${path}: unknown emulator state format ${String(parsed.formatVersion)}; expected 1.`);
  return parsed;
}

/** Writes atomically (temp file, then rename) so a crash never leaves half a state file. */
export function saveStateFile(path: string, state: EmulatorState): void {
  const tmp = `${path}.tmp`;
  writeFileSync(tmp, JSON.stringify(state));
  renameSync(tmp, path);
}
