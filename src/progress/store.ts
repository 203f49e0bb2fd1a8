/**
 * The progress store: load, migrate, save. Framework-free and storage-agnostic (localStorage in
 * the page, a Map in tests). Data it cannot read is never dropped: it is copied to a backup key
 * first and the load reports what happened, so the page can tell the learner.
 */
import { PROGRESS_VERSION, progressSchema, type Progress, type QuizAnswer } from './schema.ts';

/** The part of the Web Storage API the store uses. */
export interface ProgressStorage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
}

export const PROGRESS_KEY = 'lambda-workbook:progress';

/** Upgrades the data of version N (the key) to version N + 1. Version 0 means "no version field". */
export type Migrations = Readonly<Record<number, (data: Record<string, unknown>) => Record<string, unknown>>>;

/**
 * Version 1 kept an emulator snapshot in each exercise (`exercises[slug].emulator`); version 2 has
 * one account. The step only moves the snapshots, untouched, to `account.unmerged`: merging them
 * needs the emulator's schema, which the quiz pages must not load, so openAccount (account.ts)
 * merges them where the account is used.
 */
export function oneAccount(v1: Record<string, unknown>): Record<string, unknown> {
  const exercises = (v1['exercises'] ?? {}) as Record<string, unknown>;
  if (typeof exercises !== 'object' || exercises === null || Array.isArray(exercises)) return { ...v1, version: 2 };
  const unmerged: Record<string, { emulator: unknown; updatedAt?: string }> = {};
  const kept: Record<string, unknown> = {};
  for (const [slug, ws] of Object.entries(exercises)) {
    if (ws !== null && typeof ws === 'object' && !Array.isArray(ws) && 'emulator' in ws && (ws as { emulator?: unknown }).emulator !== undefined) {
      const { emulator, ...rest } = ws as { emulator: unknown; updatedAt?: unknown };
      unmerged[slug] = { emulator, ...(typeof rest.updatedAt === 'string' ? { updatedAt: rest.updatedAt } : {}) };
      kept[slug] = rest;
    } else kept[slug] = ws;
  }
  const account = Object.keys(unmerged).length > 0 ? { account: { unmerged, notes: [] } } : {};
  return { ...v1, version: 2, exercises: kept, ...account };
}

export const migrations: Migrations = { 1: oneAccount };

export interface LoadResult {
  progress: Progress;
  /** What went wrong reading the saved data, for the learner; empty when all was well. */
  problems: string[];
  /** Where the unreadable data was copied, if it was. */
  backupKey?: string;
}

export interface LoadOptions {
  key?: string;
  migrations?: Migrations;
  /** Injected so tests are reproducible. */
  now?: () => Date;
}

export function emptyProgress(): Progress {
  return { version: PROGRESS_VERSION, quizzes: {}, lessonsRead: {}, exercises: {} };
}

export function loadProgress(storage: ProgressStorage, options: LoadOptions = {}): LoadResult {
  const key = options.key ?? PROGRESS_KEY;
  const raw = storage.getItem(key);
  if (raw === null) return { progress: emptyProgress(), problems: [] };
  const parsed = parseProgress(raw, options.migrations ?? migrations);
  if (parsed.ok) return { progress: parsed.progress, problems: [] };
  const backupKey = backUp(storage, key, raw, (options.now ?? (() => new Date()))());
  return {
    progress: emptyProgress(),
    problems: [`${parsed.problem} The saved data was kept under the key "${backupKey}"; starting with empty progress.`],
    backupKey,
  };
}

export type ParseResult = { ok: true; progress: Progress } | { ok: false; problem: string };

/** Reads progress from JSON text (local storage or an exported file), migrating older versions. */
export function parseProgress(text: string, steps: Migrations = migrations): ParseResult {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    return { ok: false, problem: `Saved progress is not valid JSON (${(e as Error).message}).` };
  }
  if (typeof data !== 'object' || data === null || Array.isArray(data)) {
    return { ok: false, problem: 'Saved progress is not an object.' };
  }
  let record = data as Record<string, unknown>;
  const found = record['version'] ?? 0;
  if (typeof found !== 'number' || !Number.isInteger(found) || found < 0) {
    return { ok: false, problem: `Saved progress has an unknown version ${JSON.stringify(found)}.` };
  }
  if (found > PROGRESS_VERSION) {
    return { ok: false, problem: `Saved progress is version ${found}, newer than this workbook understands (${PROGRESS_VERSION}).` };
  }
  for (let v = found; v < PROGRESS_VERSION; v++) {
    const step = steps[v];
    if (!step) return { ok: false, problem: `Saved progress is version ${v} and there is no migration from it.` };
    try {
      record = step(record);
    } catch (e) {
      return { ok: false, problem: `Migrating saved progress from version ${v} failed (${(e as Error).message}).` };
    }
  }
  const result = progressSchema.safeParse(record);
  if (!result.success) {
    const where = result.error.issues.map((i) => `${i.path.join('.') || '(top)'}: ${i.message}`).join('; ');
    return { ok: false, problem: `Saved progress does not match the expected format (${where}).` };
  }
  return { ok: true, progress: result.data };
}

function backUp(storage: ProgressStorage, key: string, raw: string, now: Date): string {
  const base = `${key}:backup:${now.toISOString()}`;
  // Never overwrite an earlier backup, even one made in the same millisecond.
  let backupKey = base;
  for (let n = 2; storage.getItem(backupKey) !== null; n++) backupKey = `${base}:${n}`;
  storage.setItem(backupKey, raw);
  return backupKey;
}

export function saveProgress(storage: ProgressStorage, progress: Progress, key: string = PROGRESS_KEY): void {
  storage.setItem(key, serializeProgress(progress));
}

/** The progress as JSON text: what is stored and what an export file holds. */
export function serializeProgress(progress: Progress): string {
  return JSON.stringify(progress, null, 2);
}

export function recordQuiz(
  progress: Progress,
  bankId: string,
  answers: Readonly<Record<string, QuizAnswer>>,
  grade: { score: number; maxScore: number },
  now: Date,
): Progress {
  return {
    ...progress,
    quizzes: {
      ...progress.quizzes,
      [bankId]: { answers: { ...answers }, score: grade.score, maxScore: grade.maxScore, updatedAt: now.toISOString() },
    },
  };
}

/** Keeps the first time a lesson was read. */
export function markLessonRead(progress: Progress, lessonSlug: string, now: Date): Progress {
  if (Object.hasOwn(progress.lessonsRead, lessonSlug)) return progress;
  return { ...progress, lessonsRead: { ...progress.lessonsRead, [lessonSlug]: now.toISOString() } };
}

/** Load, change, save in one step, so two tabs do not overwrite each other's older copy. */
export function updateProgress(
  storage: ProgressStorage,
  change: (p: Progress) => Progress,
  options: LoadOptions = {},
): LoadResult {
  const loaded = loadProgress(storage, options);
  const progress = change(loaded.progress);
  saveProgress(storage, progress, options.key ?? PROGRESS_KEY);
  return { ...loaded, progress };
}
