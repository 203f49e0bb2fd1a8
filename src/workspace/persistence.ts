/**
 * The workspace's place in the learner's progress: `progress.exercises[slug]`. Saved after every
 * change (debounced), restored on load; a stored workspace that cannot be read is kept under a
 * backup key and reported, never silently replaced.
 */
import { loadProgress, updateProgress, type ProgressStorage } from '../progress/index.ts';
import { parseWorkspace, type WorkspaceState } from '../progress/workspace-state.ts';
import type { EmulatorState } from '../emulator/index.ts';

export interface WorkspaceLoad {
  state?: WorkspaceState;
  problems: string[];
}

export function loadWorkspace(storage: ProgressStorage, slug: string): WorkspaceLoad {
  const { progress, problems } = loadProgress(storage);
  const raw = progress.exercises[slug];
  if (raw === undefined) return { problems };
  const parsed = parseWorkspace(raw, slug);
  if (parsed.ok) return { state: parsed.state, problems };
  const backupKey = `lambda-workbook:exercise-backup:${slug}:${new Date().toISOString()}`;
  storage.setItem(backupKey, JSON.stringify(raw));
  return { problems: [...problems, `Your saved work for this exercise could not be read (${parsed.reason}). It was kept under the key "${backupKey}"; the exercise starts fresh.`] };
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

export function saveWorkspace(storage: ProgressStorage, state: WorkspaceState): void {
  updateProgress(storage, (p) => ({ ...p, exercises: { ...p.exercises, [state.exercise]: { ...state, updatedAt: new Date().toISOString() } } }));
}

export function removeWorkspace(storage: ProgressStorage, slug: string): void {
  updateProgress(storage, (p) => {
    const { [slug]: _gone, ...rest } = p.exercises;
    return { ...p, exercises: rest };
  });
}
