/** Hints: every task has a few, in order, short, and none gives away an answer the checks read; the workspace records the level opened. */
import { describe, expect, it } from 'vitest';
import { exercises } from '../../../exercises/index.ts';
import { partFrom } from '../../../src/grading/grade-exercise.ts';
import { freshWorkspace, parseWorkspace } from '../../../src/progress/workspace-state.ts';
import { findExercise } from '../../../exercises/index.ts';
import type { TaskResult } from '../../../src/checks/types.ts';

/** What the checks want typed in, which no hint may say. */
const answers = ['AWSLambdaBasicExecutionRole', 'Reserved keys used in this request', 'planet-words is', 'arn:aws:lambda'];

describe('hints', () => {
  it('every task of every exercise has one to three distinct, short hints', () => {
    for (const { meta } of exercises) {
      for (const task of meta.tasks) {
        const hints = task.hints ?? [];
        expect({ task: `${meta.slug}/${task.id}`, count: hints.length >= 1 && hints.length <= 3 }).toEqual({ task: `${meta.slug}/${task.id}`, count: true });
        expect(new Set(hints).size).toBe(hints.length);
        for (const hint of hints) {
          expect(hint.length).toBeLessThanOrEqual(400);
          for (const answer of answers) expect(hint).not.toContain(answer);
        }
      }
    }
  });

  it('the workspace records the highest level opened; files saved before hints still load, with none opened', () => {
    const ws = freshWorkspace('hello-lambda', { 'index.mjs': '' }, '{}');
    const { hintsOpened: _none, ...old } = ws;
    const loaded = parseWorkspace(JSON.parse(JSON.stringify(old)), 'hello-lambda');
    expect(loaded.ok && loaded.state.hintsOpened).toEqual({});
    expect(parseWorkspace({ ...ws, hintsOpened: { logs: 2 } }, 'hello-lambda')).toMatchObject({ ok: true, state: { hintsOpened: { logs: 2 } } });
    expect(parseWorkspace({ ...ws, hintsOpened: { logs: 4 } }, 'hello-lambda')).toMatchObject({ ok: false });
  });

  it('the grader reads the levels opened into each task it grades, and expected/got into each failing one', () => {
    const exercise = findExercise('hello-lambda');
    const ws = { ...freshWorkspace('hello-lambda', { 'index.mjs': '' }, '{}'), hintsOpened: { logs: 3, qualifiers: 1 } };
    const results = new Map<string, TaskResult>(exercise.meta.tasks.map((t) => [t.id, { id: t.id, title: t.title, passed: t.id !== 'logs', points: t.id === 'logs' ? 0 : t.points, maxPoints: t.points, message: 'm', ...(t.id === 'logs' ? { mismatches: [{ expected: 'a REPORT line', got: 'none' }] } : {}) }]));
    const part = partFrom(exercise, results, { hidden: new Set() }, [], ws);
    expect(part.tests.map((t) => [t.key, t.hintsOpened, t.mismatches])).toEqual([
      ['hello-lambda/create-function', undefined, undefined],
      ['hello-lambda/execution-role', undefined, undefined],
      ['hello-lambda/qualifiers', 1, undefined],
      ['hello-lambda/test-invoke', undefined, undefined],
      ['hello-lambda/logs', 3, [{ expected: 'a REPORT line', got: 'none' }]],
    ]);
  });
});
