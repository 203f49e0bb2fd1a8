/**
 * Golden submissions, generated from the reference solutions: each exercise's solution/steps.ts
 * runs against a fresh emulator, whose snapshot becomes the exercise's workspace in a progress
 * file; quiz answers come from the banks' right answers.
 */
import { LambdaClient } from '@aws-sdk/client-lambda';
import { exercises } from '../../../exercises/index.ts';
import { createInProcessEmulator, createVirtualClock, seededRandom, seededUuid, type EmulatorState, type EnvironmentFactory, createEngineChooser } from '../../../src/emulator/index.ts';
import { gradeQuiz } from '../../../src/grading/quiz.ts';
import { emptyProgress, PROGRESS_VERSION, type Progress, type QuizAnswer } from '../../../src/progress/index.ts';
import { quizBanks } from '../../../src/quizzes/index.ts';
import type { Question, QuizBank } from '../../../src/quizzes/schema.ts';
import { WORKSPACE_VERSION, type WorkspaceState } from '../../../src/progress/workspace-state.ts';
import { environmentFactory } from '../exercises/engine.ts';
import { stepsContext } from '../exercises/harness.ts';
import { referenceSteps } from '../exercises/steps.ts';
import { bucketBase, s3PutEvent } from '../../../exercises/s3-trigger/solution/steps.ts';

/** The test event each exercise has the learner save and select (the grader runs it again to re-create the logs). */
export const testEvents: Record<string, string> = {
  'hello-lambda': JSON.stringify({ key1: 'value1', key2: 'value2', key3: 'value3' }),
  's3-trigger': JSON.stringify(s3PutEvent(bucketBase, 'uploads/my+photo.txt')),
};

function emulator(engine: EnvironmentFactory = environmentFactory) {
  return createInProcessEmulator({ environmentFactory: engine, clock: createVirtualClock(Date.UTC(2026, 2, 2, 9)), random: seededRandom(11), uuid: seededUuid(seededRandom(12)), region: 'us-east-1', accountId: '111111111111', endpoint: 'http://lambda.workbook.test', credentials: { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'x' } });
}

export interface Work {
  state: EmulatorState;
  answers: Record<string, string>;
}

/** The account after the learner's steps: `solve` false leaves it at the exercise's start. */
export async function workFor(
  slug: string,
  options: { solve?: boolean; after?: (lambda: LambdaClient) => Promise<void>; python?: EnvironmentFactory } = {},
): Promise<Work> {
  // With a Python engine, the learner works in Python: the reference steps deploy solution-python/.
  const { service, lambda } = emulator(options.python ? createEngineChooser({ nodejs: environmentFactory, python: options.python }) : environmentFactory);
  try {
    const ctx = stepsContext('', options.python ? 'python' : undefined);
    await referenceSteps[slug]!.start(lambda, ctx);
    if (options.solve !== false) await referenceSteps[slug]!.solve(lambda, ctx);
    await options.after?.(lambda);
    return { state: service.snapshot(), answers: ctx.answers };
  } finally {
    lambda.destroy();
    service.shutdown();
  }
}

export function workspace(slug: string, work: Work, taskResults: WorkspaceState['taskResults'] = []): WorkspaceState {
  const event = testEvents[slug] ?? '{}';
  return {
    version: WORKSPACE_VERSION,
    exercise: slug,
    files: { 'index.mjs': 'export const handler = async () => ({});' },
    testEvents: [{ name: 'hello-world', json: event }],
    selectedEvent: 'hello-world',
    emulator: work.state,
    taskResults,
    answers: work.answers,
    hintsOpened: {},
    throttles: [],
  };
}

export function rightAnswer(q: Question): QuizAnswer {
  switch (q.kind) {
    case 'single':
      return q.answer;
    case 'multiple':
      return [...q.answers];
    case 'number':
      return { value: q.answer, unit: q.units[0]!.unit };
    case 'ordering':
      return [...q.answer];
    case 'output':
      return q.accepted[0]!;
  }
}

export function quizProgress(bank: QuizBank, pick: (q: Question, i: number) => QuizAnswer | undefined = rightAnswer): Progress['quizzes'][string] {
  const answers: Record<string, QuizAnswer> = {};
  bank.questions.forEach((q, i) => {
    const a = pick(q, i);
    if (a !== undefined) answers[q.id] = a;
  });
  const grade = gradeQuiz(bank, answers);
  return { answers, score: grade.score, maxScore: grade.maxScore, updatedAt: '2026-03-02T10:00:00.000Z' };
}

export async function perfectProgress(learner: { name: string; id: string }): Promise<Progress> {
  const progress: Progress = { ...emptyProgress(), version: PROGRESS_VERSION, learner };
  for (const e of exercises) progress.exercises[e.meta.slug] = workspace(e.meta.slug, await workFor(e.meta.slug));
  for (const bank of quizBanks) progress.quizzes[bank.id] = quizProgress(bank);
  return progress;
}

export const maxExercisePoints = exercises.reduce((n, e) => n + e.meta.tasks.reduce((m, t) => m + t.points, 0), 0);
export const maxQuizPoints = quizBanks.reduce((n, b) => n + b.questions.reduce((m, q) => m + (q.points ?? 1), 0), 0);

export const infiniteLoop = 'export const handler = async () => { while (true) {} };\n';

/** Hello, Lambda done, environment-variables left at its start, the rest not opened; every other quiz question right. */
export async function partialProgress(learner: { name: string; id: string }): Promise<Progress> {
  const progress: Progress = { ...emptyProgress(), learner };
  progress.exercises['hello-lambda'] = workspace('hello-lambda', await workFor('hello-lambda'));
  progress.exercises['environment-variables'] = workspace('environment-variables', await workFor('environment-variables', { solve: false }));
  for (const bank of quizBanks) progress.quizzes[bank.id] = quizProgress(bank, (q, i) => (i % 2 === 0 ? rightAnswer(q) : undefined));
  return progress;
}

/** Points the partial submission earns on quizzes: the even-numbered questions. */
export const partialQuizPoints = quizBanks.reduce((n, b) => n + b.questions.filter((_, i) => i % 2 === 0).reduce((m, q) => m + (q.points ?? 1), 0), 0);

/** The partial submission with every recorded result edited to full marks. */
export function tampered(progress: Progress): Progress {
  const out = structuredClone(progress);
  for (const e of exercises) {
    const ws = out.exercises[e.meta.slug] as WorkspaceState | undefined;
    if (ws === undefined) continue;
    ws.taskResults = e.meta.tasks.map((t) => ({ id: t.id, passed: true, points: t.points, maxPoints: t.points, message: 'Passed.' }));
  }
  for (const bank of quizBanks) {
    const max = bank.questions.reduce((m, q) => m + (q.points ?? 1), 0);
    out.quizzes[bank.id] = { ...out.quizzes[bank.id]!, score: max, maxScore: max };
  }
  return out;
}
