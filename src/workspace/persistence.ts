/**
 * The workspace's place in the learner's progress: the exercise's own things (files, test events,
 * checks, answers) in `progress.exercises[slug]`, and the one emulated account every exercise
 * shares in `progress.account`. Saved after every change (debounced, flushed when the page is
 * hidden), restored on load; stored data that cannot be read is kept under a backup key and
 * reported, never silently replaced.
 */
import { loadProgress, updateProgress, type ProgressStorage } from '../progress/index.ts';
import { parseWorkspace, type WorkspaceState } from '../progress/workspace-state.ts';
import { openAccount } from '../progress/account.ts';
import { base64ToBytes, unzip, type EmulatorState } from '../emulator/index.ts';
import { filesHash, freshWorkspace, type FunctionFiles } from '../progress/workspace-state.ts';

export interface WorkspaceLoad {
  state?: WorkspaceState;
  /** The shared account, undefined when the learner has created nothing yet. */
  account?: EmulatorState;
  /** The account's revision as loaded: a save finding another one knows another tab saved meanwhile. */
  revision: number;
  problems: string[];
  /** What happened to the saved work (the merge into one account), told once. */
  notices: string[];
}

function backupKey(kind: string, label: string): string {
  return `lambda-workbook:${kind}:${label}:${new Date().toISOString()}`;
}

function revisionOf(raw: unknown): number {
  const r = (raw as { revision?: unknown } | null | undefined)?.revision;
  return typeof r === 'number' && Number.isInteger(r) ? r : 0;
}

/** The account's revision in stored progress text (a `storage` event's newValue), undefined if unreadable. */
export function accountRevisionIn(progressText: string): number | undefined {
  try {
    return revisionOf((JSON.parse(progressText) as { account?: unknown }).account);
  } catch {
    return undefined;
  }
}

export function loadWorkspace(storage: ProgressStorage, slug: string): WorkspaceLoad {
  const { progress, problems: loadProblems } = loadProgress(storage);
  const problems = [...loadProblems];
  const notices: string[] = [];
  let account: EmulatorState | undefined;
  const opened = openAccount(progress.account);
  let revision = revisionOf(progress.account);
  if (!opened.ok) {
    const key = backupKey('account-backup', 'account');
    storage.setItem(key, JSON.stringify(progress.account));
    problems.push(`Your saved AWS account could not be read (${opened.reason}). It was kept under the key "${key}"; the account starts empty.`);
  } else {
    account = opened.account.emulator;
    notices.push(...opened.account.notes);
    for (const left of opened.account.leftOver) {
      const key = backupKey('exercise-backup', left.label);
      storage.setItem(key, JSON.stringify(left.raw));
      notices.push(`The account saved by the exercise "${left.label}" was kept whole under the key "${key}" (${left.reason}).`);
    }
    if (opened.account.migrated || opened.account.notes.length > 0) {
      // The merge is saved at once, so every exercise page opens the same account from now on.
      revision += 1;
      const merged = { ...(account ? { emulator: account } : {}), notes: [], revision };
      updateProgress(storage, (p) => ({ ...p, account: merged }));
    }
  }
  const raw = progress.exercises[slug];
  if (raw === undefined) return { ...(account ? { account } : {}), revision, problems, notices };
  const parsed = parseWorkspace(raw, slug);
  if (parsed.ok) return { state: parsed.state, ...(account ? { account } : {}), revision, problems, notices };
  const key = backupKey('exercise-backup', slug);
  storage.setItem(key, JSON.stringify(raw));
  return { ...(account ? { account } : {}), revision, notices, problems: [...problems, `Your saved work for this exercise could not be read (${parsed.reason}). It was kept under the key "${key}"; the exercise starts fresh.`] };
}

/** Log events kept per log stream in the browser: enough to read recent runs, bounded so storage never fills up. */
export const SAVED_EVENTS_PER_STREAM = 300;

/** The emulator snapshot as saved: each log stream keeps its newest events only. */
export function boundedSnapshot(snapshot: EmulatorState): EmulatorState {
  const logGroups = Object.fromEntries(
    Object.entries(snapshot.logGroups).map(([name, group]) => [
      name,
      {
        ...group,
        streams: Object.fromEntries(Object.entries(group.streams).map(([s, stream]) => [s, { ...stream, events: stream.events.slice(-SAVED_EVENTS_PER_STREAM) }])),
      },
    ]),
  );
  return { ...snapshot, logGroups };
}

export interface SaveResult {
  /** The revision now stored: pass it to the next save. */
  revision: number;
  /** Set when another tab had saved the account since this page last did: its copy was kept here. */
  keptOtherTab?: string;
}

/**
 * Saves the exercise's own state and the shared account in one write. When another tab saved the
 * account meanwhile, its copy is kept under a backup key before this page's replaces it.
 */
export function saveWorkspace(storage: ProgressStorage, state: WorkspaceState, account: EmulatorState, revision: number): SaveResult {
  const { emulator: _legacy, ...own } = state;
  let result: SaveResult = { revision: revision + 1 };
  updateProgress(storage, (p) => {
    const stored = revisionOf(p.account);
    if (stored !== revision && p.account !== undefined) {
      const key = backupKey('account-backup', 'other-tab');
      storage.setItem(key, JSON.stringify(p.account));
      result = { revision: stored + 1, keptOtherTab: key };
    }
    return {
      ...p,
      exercises: { ...p.exercises, [state.exercise]: { ...own, updatedAt: new Date().toISOString() } },
      account: { emulator: account, notes: [], revision: result.revision },
    };
  });
  return result;
}

/**
 * "Start this exercise fresh" in a shared account: the exercise's own state goes, and so do the
 * functions it creates (their versions, aliases, mappings and logs); everything else stays.
 */
export function startExerciseFresh(storage: ProgressStorage, slug: string, functionNames: readonly string[]): void {
  updateProgress(storage, (p) => {
    const { [slug]: _gone, ...rest } = p.exercises;
    const opened = openAccount(p.account);
    const emulator = opened.ok ? opened.account.emulator : undefined;
    if (emulator === undefined) return { ...p, exercises: rest };
    const names = new Set(functionNames);
    const functions = Object.fromEntries(Object.entries(emulator.functions).filter(([n]) => !names.has(n)));
    const logGroups = Object.fromEntries(Object.entries(emulator.logGroups).filter(([g]) => !functionNames.some((n) => g === `/aws/lambda/${n}`)));
    const eventSourceMappings = Object.fromEntries(Object.entries(emulator.eventSourceMappings).filter(([, m]) => !names.has(m.FunctionName)));
    const queue = emulator.queue.filter((q) => !names.has(q.functionName));
    const account = { emulator: { ...emulator, functions, logGroups, eventSourceMappings, queue }, notes: [], revision: revisionOf(p.account) + 1 };
    return { ...p, exercises: rest, account };
  });
}

/** Text files the editor can open from a deployed package: at most this much, else the starter is used. */
const MAX_EDITOR_BYTES = 1_048_576;

/** The source files of a function's $LATEST in the account, or undefined when they are not all text or too large. */
export function deployedFiles(account: EmulatorState | undefined, functionName: string): FunctionFiles | undefined {
  const fn = account?.functions[functionName];
  const base64 = fn ? account!.code[fn.latest.CodeSha256] : undefined;
  const bytes = base64 !== undefined ? base64ToBytes(base64) : undefined;
  if (bytes === undefined) return undefined;
  try {
    const tree = unzip(bytes, MAX_EDITOR_BYTES);
    const decoder = new TextDecoder('utf-8', { fatal: true });
    const files: FunctionFiles = {};
    for (const [path, data] of Object.entries(tree)) {
      if (path.endsWith('/')) continue;
      files[path] = decoder.decode(data);
    }
    return Object.keys(files).length > 0 ? files : undefined;
  } catch {
    return undefined; // a binary file or an oversized package: the editor keeps the starter
  }
}

/**
 * An exercise opened for the first time. When its function is already in the account (made on an
 * earlier exercise page, as the text says: "start from hello-lambda as you left it"), the editor
 * opens that function's deployed code; otherwise the exercise's starter.
 */
export function firstOpen(slug: string, functionName: string, starter: FunctionFiles, defaultEvent: string, account: EmulatorState | undefined): WorkspaceState {
  const deployed = deployedFiles(account, functionName);
  if (deployed === undefined) return freshWorkspace(slug, starter, defaultEvent);
  return { ...freshWorkspace(slug, deployed, defaultEvent), functionName, deployedHash: filesHash(deployed) };
}
