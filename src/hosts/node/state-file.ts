/**
 * The emulator's state on disk, for `npm run emulator -- --state FILE`: FILE is a snapshot (the
 * EmulatorState JSON), and FILE.journal lists, one JSON line each, the changes made since. A change
 * is appended and fsynced before the request that made it is answered, so an acknowledged change
 * survives a crash; the snapshot is rewritten (temp file, fsync, rename) and the journal emptied
 * from time to time and at exit.
 */
import { closeSync, existsSync, fdatasync, fdatasyncSync, fsyncSync, ftruncateSync, openSync, readFileSync, renameSync, statSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';
import { parseEmulatorState, type EmulatorState } from '../../emulator/index.ts';
import { MalformedJournal, PersistedRecords, applyChanges } from './state-journal.ts';

/** A state file that cannot be used: the message names the file, what is wrong and how to go on. */
export class UnreadableStateFile extends Error {}

export const journalPath = (path: string) => `${path}.journal`;

function refuse(path: string, problem: string): never {
  const journal = journalPath(path);
  const withJournal = existsSync(journal) && statSync(journal).size > 0;
  throw new UnreadableStateFile(
    `The state file ${path} cannot be used: ${problem}.\n` +
      'It was left exactly as it is. To start fresh and keep it, move it aside (for example ' +
      `mv ${path} ${path}.bad${withJournal ? `, and its journal with it: mv ${journal} ${path}.bad.journal` : ''}) or pass another --state file.`,
  );
}

/** Reads FILE and replays FILE.journal onto it; undefined when there is neither. */
export function loadStateFile(path: string): EmulatorState | undefined {
  const journal = journalPath(path);
  const journalText = existsSync(journal) ? readFileSync(journal, 'utf8') : '';
  if (!existsSync(path)) {
    if (journalText === '') return undefined;
    throw new UnreadableStateFile(
      `The state file ${path} is missing, but its journal ${journal} holds changes made after it was saved.\n` +
        `Put the state file back, or to start fresh move the journal aside too (for example mv ${journal} ${journal}.bad).`,
    );
  }
  let raw: Record<string, unknown>;
  try {
    raw = JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>;
  } catch (e) {
    refuse(path, `it is not valid JSON (${(e as Error).message})`);
  }
  const lines = journalText.split('\n');
  // The last line is complete only if a newline ends it; a torn one was never acknowledged.
  lines.pop();
  lines.forEach((line, i) => {
    try {
      applyChanges(raw, JSON.parse(line));
    } catch (e) {
      const problem = e instanceof MalformedJournal ? e.message : `it is not valid JSON (${(e as Error).message})`;
      refuse(path, `line ${i + 1} of its journal ${journal} cannot be replayed: ${problem}`);
    }
  });
  const parsed = parseEmulatorState(raw);
  if (!parsed.ok) {
    const problem = parsed.path ? `the field "${parsed.path}" is not valid: ${parsed.message}` : parsed.message;
    refuse(path, lines.length > 0 ? `${problem} (after replaying its journal ${journal})` : problem);
  }
  return parsed.state;
}

/** Writes the whole state atomically: a temp file, fsynced, renamed over FILE, and the folder fsynced. */
export function saveStateFile(path: string, state: EmulatorState): void {
  saveJsonFile(path, state);
}

/** Writes `value` as JSON to FILE atomically, as saveStateFile does. */
export function saveJsonFile(path: string, value: unknown): void {
  const tmp = `${path}.tmp`;
  const fd = openSync(tmp, 'w');
  try {
    writeAll(fd, JSON.stringify(value));
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(tmp, path);
  syncFolder(path);
}

/**
 * FILE and its journal, kept up to date with an account's state. `commit` journals what changed
 * since the last call and returns once it is on disk; `compact` folds everything into FILE.
 */
export class DurableStateFile {
  readonly path: string;
  readonly #journal: number;
  #written: PersistedRecords;

  /** Opens the journal and folds it into a new snapshot of `state` (the state loaded from `path`, with any changes since). */
  constructor(path: string, state: EmulatorState) {
    this.path = path;
    const created = !existsSync(journalPath(path));
    this.#journal = openSync(journalPath(path), 'a');
    if (created) syncFolder(path);
    this.#written = new PersistedRecords(state);
    this.#snapshot(state);
  }

  /** Journals the records of `state` that changed since the last commit; returns whether anything was written. */
  commit(state: EmulatorState): boolean {
    const { changes, written } = this.#written.compare(state);
    if (changes.length === 0) return false;
    writeAll(this.#journal, `${JSON.stringify(changes)}\n`);
    fdatasyncSync(this.#journal);
    written();
    return true;
  }

  /**
   * Writes the records of `state` that changed since the last call to the journal without waiting
   * for the disk; `flush` then makes them durable. Many requests share one flush (group commit).
   */
  append(state: EmulatorState): boolean {
    const { changes, written } = this.#written.compare(state);
    if (changes.length === 0) return false;
    writeAll(this.#journal, `${JSON.stringify(changes)}\n`);
    written();
    return true;
  }

  /** Waits until everything appended is on disk, off the event loop. */
  flush(): Promise<void> {
    return new Promise((resolve, reject) => fdatasync(this.#journal, (err) => (err ? reject(err) : resolve())));
  }

  /** Rewrites FILE from `state` (a snapshot) and empties the journal. */
  compact(state: EmulatorState): void {
    // First the journal catches up with the snapshot, so replaying it onto the snapshot changes
    // nothing, should the process die between the rename and the truncation.
    this.commit(state);
    this.#snapshot(state);
  }

  close(): void {
    closeSync(this.#journal);
  }

  #snapshot(state: EmulatorState): void {
    saveStateFile(this.path, state);
    ftruncateSync(this.#journal, 0);
    fdatasyncSync(this.#journal);
  }
}

function writeAll(fd: number, text: string): void {
  const bytes = Buffer.from(text, 'utf8');
  for (let at = 0; at < bytes.byteLength; ) at += writeSync(fd, bytes, at, bytes.byteLength - at);
}

/** Makes a rename or a new file in the folder durable too (Linux and macOS; elsewhere it is a no-op). */
function syncFolder(path: string): void {
  let fd: number | undefined;
  try {
    fd = openSync(dirname(path), 'r');
    fsyncSync(fd);
  } catch {
    // Windows cannot open a folder for fsync; NTFS journals renames itself.
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}
