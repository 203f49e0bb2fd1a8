/**
 * Grading on one account per workbook: every exercise done in order on one account, as a
 * learner does them in the page, each graded on that account; a file from before one account per
 * workbook (version 1, one snapshot per exercise) still grades each exercise on its own.
 */
import { describe, expect, it } from 'vitest';
import { GetFunctionCommand } from '@aws-sdk/client-lambda';
import { exercises } from '../../../exercises/index.ts';
import { createGradingEngine } from '../../../src/hosts/node/grading-engine.ts';
import { gradeSubmission, type SubmissionGradingOptions } from '../../../src/grading/grade-submission.ts';
import { createInProcessEmulator, createVirtualClock, seededRandom, seededUuid } from '../../../src/emulator/index.ts';
import { emptyProgress, type Progress } from '../../../src/progress/index.ts';
import type { SubmissionGrade } from '../../../src/grading/results.ts';
import { environmentFactory } from '../exercises/engine.ts';
import { stepsContext } from '../exercises/harness.ts';
import { referenceSteps } from '../exercises/steps.ts';
import { maxExercisePoints, workFor, workspace } from './golden.ts';

const engine = createGradingEngine(300);
const options: SubmissionGradingOptions = { environmentFactory: engine.factory, taskTimeoutMs: 20_000 };

const failures = (g: SubmissionGrade) => g.parts.filter((p) => p.kind === 'exercise').flatMap((p) => p.tests).filter((t) => t.status !== 'passed').map((t) => `${t.key}: ${t.output}`);
const exerciseScore = (g: SubmissionGrade) => g.parts.filter((p) => p.kind === 'exercise').reduce((n, p) => n + p.score, 0);

/** The whole course on one account: each exercise starts where the one before left it. */
async function oneAccountProgress(): Promise<Progress> {
  const { service, lambda } = createInProcessEmulator({ environmentFactory, clock: createVirtualClock(Date.UTC(2026, 2, 2, 9)), random: seededRandom(11), uuid: seededUuid(seededRandom(12)), region: 'us-east-1', accountId: '111111111111', endpoint: 'http://lambda.workbook.test', credentials: { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'x' } });
  const progress: Progress = { ...emptyProgress(), learner: { name: 'Ada', id: 's-1' } };
  try {
    for (const e of exercises) {
      const slug = e.meta.slug;
      const ctx = stepsContext();
      // Only the first exercise of a function creates it; the next ones find it in the account.
      const exists = await lambda.send(new GetFunctionCommand({ FunctionName: e.meta.functionName })).then(() => true, () => false);
      if (!exists) await referenceSteps[slug]!.start(lambda, ctx);
      await referenceSteps[slug]!.solve(lambda, ctx);
      const { emulator: _none, ...own } = workspace(slug, { state: service.snapshot(), answers: ctx.answers });
      progress.exercises[slug] = own;
    }
    progress.account = { emulator: service.snapshot(), notes: [], revision: 4 };
    return progress;
  } finally {
    lambda.destroy();
    service.shutdown();
  }
}

describe('grading one account per workbook', () => {
  it('every exercise done in order on one account are each graded on it', { timeout: 120_000 }, async () => {
    const grade = await gradeSubmission('ada.json', JSON.stringify(await oneAccountProgress()), options);
    expect(grade.status).toBe('graded');
    // hello-lambda's test-invoke accepts the later exercises' code on the same function.
    expect(failures(grade)).toEqual([]);
    expect(exerciseScore(grade)).toBe(maxExercisePoints);
    expect(grade.parts.flatMap((p) => p.notes).filter((n) => n.includes('before one account'))).toEqual([]);
  });

  it('an export from before one account per workbook grades each exercise on its own saved account', { timeout: 120_000 }, async () => {
    const v1 = { version: 1, quizzes: {}, lessonsRead: {}, exercises: {} as Record<string, unknown> };
    for (const e of exercises) v1.exercises[e.meta.slug] = workspace(e.meta.slug, await workFor(e.meta.slug));
    const grade = await gradeSubmission('old.json', JSON.stringify(v1), options);
    expect(failures(grade)).toEqual([]);
    expect(exerciseScore(grade)).toBe(maxExercisePoints);
    const hello = grade.parts.find((p) => p.id === 'hello-lambda')!;
    expect(hello.notes[0]).toBe("Graded on the account this exercise's page kept: the file is from before one account per workbook.");
  });

  it('an account that cannot be restored scores 0 on every exercise task, saying why', async () => {
    const progress = { ...emptyProgress(), account: { emulator: { formatVersion: 1, region: 'nowhere' } } };
    const grade = await gradeSubmission('bad.json', JSON.stringify(progress), options);
    expect(exerciseScore(grade)).toBe(0);
    const task = grade.parts.find((p) => p.id === 'hello-lambda')!.tests[0]!;
    expect(task.output).toMatch(/^The AWS account saved in the file cannot be restored: the field "account\.emulator\.region" is not valid: /);
  });

  it('an exercise never opened is graded on the account all the same', { timeout: 60_000 }, async () => {
    const work = await workFor('hello-lambda');
    const progress = { ...emptyProgress(), account: { emulator: work.state } };
    const grade = await gradeSubmission('terminal.json', JSON.stringify(progress), options);
    const created = grade.parts.find((p) => p.id === 'hello-lambda')!.tests.find((t) => t.key === 'hello-lambda/create-function')!;
    expect(created.status).toBe('passed');
  });
});
