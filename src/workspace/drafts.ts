/**
 * Work the learner has not committed yet, kept in the browser beside the progress so a reload or a
 * reset loses nothing: the test event being edited but not saved, and the code as it was before
 * "Reset code to starter". Each is one storage key per exercise; a value that cannot be read is
 * dropped (it is only a draft), never allowed to break the page.
 */
import type { FunctionFiles } from './files.ts';

export const DRAFT_EVENT = 'draft-event';
export const STASH = 'code-before-reset';

/** The test event as it stands in the Test tab's fields. */
export interface DraftEvent {
  name: string;
  json: string;
}

const key = (kind: string, slug: string) => `lambda-workbook:${kind}:${slug}`;

function read(storage: Storage, k: string): unknown {
  try {
    const text = storage.getItem(k);
    return text === null ? undefined : JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** Writes a value; false when the browser refuses (storage full or blocked): a draft is then only in memory. */
function write(storage: Storage, k: string, value: unknown): boolean {
  try {
    storage.setItem(k, JSON.stringify(value));
    return true;
  } catch {
    return false;
  }
}

function remove(storage: Storage, k: string): void {
  try {
    storage.removeItem(k);
  } catch {
    /* storage blocked: there is nothing to remove */
  }
}

export function loadDraftEvent(storage: Storage, slug: string): DraftEvent | undefined {
  const v = read(storage, key(DRAFT_EVENT, slug));
  if (v && typeof v === 'object' && typeof (v as DraftEvent).name === 'string' && typeof (v as DraftEvent).json === 'string') {
    return { name: (v as DraftEvent).name, json: (v as DraftEvent).json };
  }
  return undefined;
}

export function saveDraftEvent(storage: Storage, slug: string, draft: DraftEvent): boolean {
  return write(storage, key(DRAFT_EVENT, slug), draft);
}

export function clearDraftEvent(storage: Storage, slug: string): void {
  remove(storage, key(DRAFT_EVENT, slug));
}

/** Whether the fields hold something other than a saved event: only then is there a draft to keep. */
export function isUnsavedDraft(draft: DraftEvent, saved: readonly DraftEvent[]): boolean {
  return !saved.some((e) => e.name === draft.name && e.json === draft.json);
}

export function loadStash(storage: Storage, slug: string): FunctionFiles | undefined {
  const v = read(storage, key(STASH, slug));
  if (!v || typeof v !== 'object' || Array.isArray(v)) return undefined;
  const entries = Object.entries(v as Record<string, unknown>);
  if (entries.length === 0 || entries.some(([, text]) => typeof text !== 'string')) return undefined;
  return Object.fromEntries(entries) as FunctionFiles;
}

export function saveStash(storage: Storage, slug: string, files: FunctionFiles): boolean {
  return write(storage, key(STASH, slug), files);
}

export function removeStash(storage: Storage, slug: string): void {
  remove(storage, key(STASH, slug));
}
