import { describe, expect, it } from 'vitest';
import {
  PROGRESS_KEY,
  emptyProgress,
  loadProgress,
  markLessonRead,
  parseProgress,
  recordQuiz,
  saveProgress,
  updateProgress,
  type ProgressStorage,
} from '../../src/progress/index.ts';

class MapStorage implements ProgressStorage {
  readonly map = new Map<string, string>();
  getItem(key: string) {
    return this.map.get(key) ?? null;
  }
  setItem(key: string, value: string) {
    this.map.set(key, value);
  }
}

const now = new Date('2026-11-22T10:00:00.000Z');

describe('progress store', () => {
  it('starts empty when nothing is saved, and reports no problem', () => {
    const storage = new MapStorage();
    expect(loadProgress(storage)).toEqual({ progress: emptyProgress(), problems: [] });
    expect(emptyProgress()).toEqual({ version: 2, quizzes: {}, lessonsRead: {}, exercises: {} });
  });

  it('saves and loads quiz answers, scores and lessons read', () => {
    const storage = new MapStorage();
    let p = recordQuiz(emptyProgress(), 'limits', { 'timeout-max': { value: 15, unit: 'minutes' }, 'layers-max': 'five' }, { score: 2, maxScore: 8 }, now);
    p = markLessonRead(p, 'limits', now);
    saveProgress(storage, p);
    const loaded = loadProgress(storage);
    expect(loaded.problems).toEqual([]);
    expect(loaded.progress.quizzes['limits']).toEqual({
      answers: { 'timeout-max': { value: 15, unit: 'minutes' }, 'layers-max': 'five' },
      score: 2,
      maxScore: 8,
      updatedAt: '2026-11-22T10:00:00.000Z',
    });
    expect(loaded.progress.lessonsRead).toEqual({ limits: '2026-11-22T10:00:00.000Z' });
  });

  it('keeps the first time a lesson was read', () => {
    const p = markLessonRead(markLessonRead(emptyProgress(), 'layers', now), 'layers', new Date('2027-01-01T00:00:00Z'));
    expect(p.lessonsRead['layers']).toBe('2026-11-22T10:00:00.000Z');
  });

  it('keeps what the exercise workspace stores under exercises', () => {
    const storage = new MapStorage();
    saveProgress(storage, { ...emptyProgress(), exercises: { 'hello-lambda': { files: { 'index.mjs': 'x' } } } });
    expect(loadProgress(storage).progress.exercises).toEqual({ 'hello-lambda': { files: { 'index.mjs': 'x' } } });
  });

  it('backs up unreadable JSON under a new key and says where', () => {
    const storage = new MapStorage();
    storage.setItem(PROGRESS_KEY, '{"version":1,');
    const loaded = loadProgress(storage, { now: () => now });
    expect(loaded.backupKey).toBe(`${PROGRESS_KEY}:backup:2026-11-22T10:00:00.000Z`);
    expect(storage.getItem(loaded.backupKey!)).toBe('{"version":1,');
    expect(loaded.progress).toEqual(emptyProgress());
    expect(loaded.problems).toHaveLength(1);
    expect(loaded.problems[0]).toMatch(/^Saved progress is not valid JSON \(.+\)\. The saved data was kept under the key "lambda-workbook:progress:backup:2026-11-22T10:00:00.000Z"; starting with empty progress\.$/);
  });

  it('never overwrites an earlier backup', () => {
    const storage = new MapStorage();
    storage.setItem(PROGRESS_KEY, 'first');
    const a = loadProgress(storage, { now: () => now }).backupKey!;
    storage.setItem(PROGRESS_KEY, 'second');
    const b = loadProgress(storage, { now: () => now }).backupKey!;
    expect(a).not.toBe(b);
    expect(storage.getItem(a)).toBe('first');
    expect(storage.getItem(b)).toBe('second');
  });

  it('backs up data from a newer workbook instead of dropping it', () => {
    const storage = new MapStorage();
    const future = JSON.stringify({ version: 3, quizzes: {}, lessonsRead: {}, exercises: {}, badges: ['x'] });
    storage.setItem(PROGRESS_KEY, future);
    const loaded = loadProgress(storage, { now: () => now });
    expect(loaded.problems[0]).toMatch(/^Saved progress is version 3, newer than this workbook understands \(2\)\./);
    expect(storage.getItem(loaded.backupKey!)).toBe(future);
  });

  it('names the field that does not match the schema', () => {
    const result = parseProgress(JSON.stringify({ version: 1, quizzes: { limits: { answers: {}, score: 'x', maxScore: 1, updatedAt: 'now' } }, lessonsRead: {}, exercises: {} }));
    expect(result.ok).toBe(false);
    expect(!result.ok && result.problem).toMatch(/quizzes\.limits\.score/);
  });

  it('rejects answers of a shape no question uses', () => {
    const result = parseProgress(JSON.stringify({ version: 1, quizzes: { q: { answers: { a: 42 }, score: 0, maxScore: 1, updatedAt: 'x' } }, lessonsRead: {}, exercises: {} }));
    expect(result.ok).toBe(false);
  });

  it('runs migrations from older versions, one step at a time', () => {
    const legacy = JSON.stringify({ quizzes: {}, read: ['limits'] });
    const result = parseProgress(legacy, {
      0: (old) => ({
        version: 1,
        quizzes: old['quizzes'],
        lessonsRead: Object.fromEntries((old['read'] as string[]).map((s) => [s, '1970-01-01T00:00:00.000Z'])),
        exercises: {},
      }),
      1: (v1) => ({ ...v1, version: 2 }),
    });
    expect(result).toEqual({ ok: true, progress: { version: 2, quizzes: {}, lessonsRead: { limits: '1970-01-01T00:00:00.000Z' }, exercises: {} } });
  });

  it('reports a missing migration and a failing one', () => {
    expect(parseProgress('{"quizzes":{}}')).toEqual({ ok: false, problem: 'Saved progress is version 0 and there is no migration from it.' });
    const failing = parseProgress('{}', {
      0: () => {
        throw new Error('bad data');
      },
    });
    expect(failing).toEqual({ ok: false, problem: 'Migrating saved progress from version 0 failed (bad data).' });
  });

  it('rejects non-objects and odd versions', () => {
    expect(parseProgress('[]')).toEqual({ ok: false, problem: 'Saved progress is not an object.' });
    expect(parseProgress('{"version":"1"}')).toEqual({ ok: false, problem: 'Saved progress has an unknown version "1".' });
  });

  it('updateProgress re-reads before writing, so another tab’s change survives', () => {
    const storage = new MapStorage();
    saveProgress(storage, markLessonRead(emptyProgress(), 'layers', now)); // another tab
    updateProgress(storage, (p) => recordQuiz(p, 'limits', { x: 'y' }, { score: 1, maxScore: 1 }, now));
    const loaded = loadProgress(storage).progress;
    expect(Object.keys(loaded.lessonsRead)).toEqual(['layers']);
    expect(Object.keys(loaded.quizzes)).toEqual(['limits']);
  });
});
