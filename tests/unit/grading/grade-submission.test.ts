/**
 * Grading exported workbooks in process: golden submissions generated from the reference
 * solutions (perfect, partial, empty, an infinite loop, tampered scores, forged logs, a corrupt
 * file), each graded to the score and messages its work earns.
 */
import { UpdateFunctionCodeCommand } from '@aws-sdk/client-lambda';
import { beforeAll, describe, expect, it } from 'vitest';
import { zipFiles } from '../../../src/checks/zip.ts';
import { findExercise } from '../../../exercises/index.ts';
import type { Exercise } from '../../../src/checks/types.ts';
import { createGradingEngine } from '../../../src/hosts/node/grading-engine.ts';
import { createNodePythonWorkerEnvironmentFactory } from '../../../src/hosts/node/node-worker-environment.ts';
import { gradeExercise } from '../../../src/grading/grade-exercise.ts';
import { gradeSubmission, type SubmissionGradingOptions } from '../../../src/grading/grade-submission.ts';
import { readInstructorBank } from '../../../src/grading/instructor-bank.ts';
import { getQuizBank } from '../../../src/quizzes/index.ts';
import type { GradedPart, SubmissionGrade } from '../../../src/grading/results.ts';
import { emptyProgress, type Progress } from '../../../src/progress/index.ts';
import type { WorkspaceState } from '../../../src/progress/workspace-state.ts';
import { infiniteLoop, maxExercisePoints, maxQuizPoints, partialProgress, partialQuizPoints, perfectProgress, tampered, workFor, workspace } from './golden.ts';

const engine = createGradingEngine(300);
const options: SubmissionGradingOptions = { environmentFactory: engine.factory, taskTimeoutMs: 20_000 };
const max = maxExercisePoints + maxQuizPoints;

function exercisePart(grade: SubmissionGrade, id: string): GradedPart {
  return grade.parts.find((p) => p.kind === 'exercise' && p.id === id)!;
}
function task(grade: SubmissionGrade, key: string) {
  return grade.parts.flatMap((p) => p.tests).find((t) => t.key === key)!;
}
const quizTotal = (g: SubmissionGrade): number => Math.round(g.parts.filter((p) => p.kind === 'quiz').reduce((n, p) => n + p.score, 0) * 100) / 100;

describe('grading a submission', () => {
  let perfect: Progress;
  let partial: Progress;

  beforeAll(async () => {
    perfect = await perfectProgress({ name: 'Ada Lovelace', id: 's-001' });
    partial = await partialProgress({ name: 'Brian Kernighan', id: 's-002' });
  }, 60_000);

  it('a perfect submission earns every point, with the learner named from the file', async () => {
    const grade = await gradeSubmission('ada.json', JSON.stringify(perfect), options);
    expect(grade.status).toBe('graded');
    expect(grade.learner).toEqual({ name: 'Ada Lovelace', id: 's-001' });
    expect(grade.parts.flatMap((p) => p.tests).filter((t) => t.status !== 'passed').map((t) => `${t.key}: ${t.output}`)).toEqual([]);
    expect([grade.score, grade.maxScore]).toEqual([max, max]);
    // Logs the emulator wrote are never taken for edited ones.
    expect(grade.parts.flatMap((p) => p.notes).filter((n) => n.includes('look edited'))).toEqual([]);
    expect(task(grade, 'hello-lambda/logs').output).toMatch(/^The log group \/aws\/lambda\/hello-lambda exists\. It holds log streams, newest \d{4}\/\d{2}\/\d{2}\/\[\$LATEST\][0-9a-f]{32}\./);
  });

  it('a submission done in Python is graded as the page checked it: the same tasks, run on Python', { timeout: 180_000 }, async () => {
    const python = createNodePythonWorkerEnvironmentFactory();
    const progress: Progress = { ...emptyProgress(), learner: { name: 'Guido', id: 's-003' } };
    const work = await workFor('hello-lambda', { python });
    progress.exercises['hello-lambda'] = workspace('hello-lambda', work);
    const grade = await gradeSubmission('guido.json', JSON.stringify(progress), options);
    expect(grade.status).toBe('graded');
    const hello = exercisePart(grade, 'hello-lambda');
    expect(hello.tests.filter((t) => t.status !== 'passed').map((t) => `${t.key}: ${t.output}`)).toEqual([]);
    expect(hello.score).toBe(hello.maxScore);
    // The function the grader ran is the learner's Python one.
    expect(work.state.functions['hello-lambda']!.latest.Runtime).toBe('python3.14');
  });

  it('a partial submission earns what its work earns, and says what is missing', async () => {
    const grade = await gradeSubmission('brian.json', JSON.stringify(partial), options);
    expect(exercisePart(grade, 'hello-lambda').score).toBe(100);
    expect(exercisePart(grade, 'environment-variables').score).toBe(0);
    expect(task(grade, 'environment-variables/add-variable').output).toBe('Expected an environment variable HELLO on hello-lambda, found none.');
    expect(task(grade, 'versions-and-aliases/publish-version').output).toBe('The submission holds no work for Versions and aliases.');
    expect(quizTotal(grade)).toBe(partialQuizPoints);
    expect(grade.score).toBe(100 + partialQuizPoints);
    const unanswered = grade.parts.find((p) => p.kind === 'quiz')!.tests[1]!;
    expect(unanswered.output.startsWith('Not answered.')).toBe(true);
  });

  it('an empty workbook scores 0 with a reason on every task and question', async () => {
    const grade = await gradeSubmission('empty.json', JSON.stringify({ ...emptyProgress(), learner: { name: 'Carol', id: 's-003' } }), options);
    expect([grade.status, grade.score, grade.maxScore]).toEqual(['graded', 0, max]);
    expect(task(grade, 'layers/publish-layer').output).toBe('The submission holds no work for Layers.');
    expect(grade.parts.filter((p) => p.kind === 'quiz').flatMap((p) => p.tests).every((t) => t.output.startsWith('Not answered.'))).toBe(true);
  });

  it('a refusal met before the fix is re-created from the learner\'s own code with the role as it was, never taken from the file', { timeout: 60_000 }, async () => {
    const meetDenied = async (progress: Progress) => {
      const grade = await gradeSubmission('chain.json', JSON.stringify(progress), options);
      return { test: task(grade, 'chaining/meet-denied'), notes: exercisePart(grade, 'chaining').notes };
    };
    const chaining = (p: Progress) => p.exercises['chaining'] as WorkspaceState;
    const recreated = await meetDenied(perfect);
    expect(recreated.test.status).toBe('passed');
    expect(recreated.notes.some((n) => /^The file's logs show chain-caller refused lambda:InvokeFunction: ran the learner's test event on it with the role \S+ as it was before it allowed lambda:InvokeFunction, to re-create the refusal/.test(n))).toBe(true);
    // No refusal in the file: nothing to re-create, whatever the role says now.
    const unclaimed = structuredClone(perfect);
    for (const stream of Object.values(chaining(unclaimed).emulator!.logGroups['/aws/lambda/chain-caller']!.streams)) {
      stream.events = stream.events.filter((e) => !e.message.includes('AccessDeniedException'));
    }
    expect((await meetDenied(unclaimed)).test.status).not.toBe('passed');
    // A refusal claimed by code that never calls Lambda: re-running it meets none.
    const forged = structuredClone(perfect);
    const work = await workFor('chaining', {
      after: async (lambda) => void (await lambda.send(new UpdateFunctionCodeCommand({ FunctionName: 'chain-caller', ZipFile: zipFiles({ 'index.mjs': 'export const handler = async () => ({ statusCode: 200 });\n' }) }))),
    });
    forged.exercises['chaining'] = workspace('chaining', work);
    const refusedBefore = Object.values(work.state.logGroups['/aws/lambda/chain-caller']!.streams).some((s) => s.events.some((e) => e.message.includes('AccessDeniedException')));
    expect(refusedBefore).toBe(true);
    expect((await meetDenied(forged)).test.status).not.toBe('passed');
  });

  it('a handler stuck in while (true) {} fails its invoke task as timed out; the rest is still graded', async () => {
    const work = await workFor('hello-lambda', {
      after: async (lambda) => void (await lambda.send(new UpdateFunctionCodeCommand({ FunctionName: 'hello-lambda', ZipFile: zipFiles({ 'index.mjs': infiniteLoop }) }))),
    });
    const progress: Progress = { ...emptyProgress(), learner: { name: 'Dan', id: 's-004' }, exercises: { 'hello-lambda': workspace('hello-lambda', work) } };
    const grade = await gradeSubmission('dan.json', JSON.stringify(progress), options);
    const invoke = task(grade, 'hello-lambda/test-invoke');
    expect(invoke.output).toMatch(/^Invoking hello-lambda with the test event: the function failed with Sandbox\.Timedout: RequestId: [0-9a-f-]{36} Error: Task timed out after 3\.00 seconds\.$/);
    expect([invoke.score, invoke.timedOut]).toEqual([0, true]);
    expect(exercisePart(grade, 'hello-lambda').tests.map((t) => [t.key, t.score])).toEqual([
      ['hello-lambda/create-function', 30],
      ['hello-lambda/execution-role', 10],
      ['hello-lambda/qualifiers', 20],
      ['hello-lambda/test-invoke', 0],
      ['hello-lambda/logs', 20],
    ]);
    expect(exercisePart(grade, 'hello-lambda').notes).toContain("Ran the learner's test event on hello-lambda:$LATEST to re-create its logs (the function failed).");
  });

  it('a check that never answers scores 0 "timed out" and the other tasks still count', async () => {
    const real = findExercise('hello-lambda');
    const hanging: Exercise = {
      meta: real.meta,
      checks: { ...real.checks, tasks: real.checks.tasks.map((t) => (t.id === 'qualifiers' ? { id: t.id, check: () => new Promise<never>(() => {}) } : t)) },
    };
    const part = await gradeExercise(hanging, perfect.exercises['hello-lambda'], { environmentFactory: engine.factory, taskTimeoutMs: 200, hidden: new Set() });
    expect(part.tests.map((t) => [t.key, t.score, t.timedOut])).toEqual([
      ['hello-lambda/create-function', 30, false],
      ['hello-lambda/execution-role', 10, false],
      ['hello-lambda/qualifiers', 0, true],
      ['hello-lambda/test-invoke', 20, false],
      ['hello-lambda/logs', 20, false],
    ]);
    expect(part.tests[2]!.output).toBe('The check timed out after 0.2 s without an answer; the other tasks were still checked.');
  });

  it('edited results are ignored: a tampered file gets the grade its work earns, and the claim is flagged', async () => {
    const honest = await gradeSubmission('brian.json', JSON.stringify(partial), options);
    const grade = await gradeSubmission('brian-edited.json', JSON.stringify(tampered(partial)), options);
    expect(grade.score).toBe(honest.score);
    expect(grade.parts.map((p) => p.score)).toEqual(honest.parts.map((p) => p.score));
    expect(exercisePart(grade, 'environment-variables').notes).toContain('The file claims 100/100 for Environment variables; the work earns 0/100.');
    const limitsMax = getQuizBank('limits')!.questions.reduce((sum, q) => sum + (q.points ?? 1), 0);
    expect(grade.parts.find((p) => p.id === 'limits' && p.kind === 'quiz')!.notes[0])
      .toMatch(new RegExp(`^The file claims ${limitsMax}/${limitsMax} for Check yourself: limits; the work earns \\d+/${limitsMax}\\.$`));
  });

  it('forged log events are not graded: the logs come from running the learner\'s code again', async () => {
    const ws = structuredClone(perfect.exercises['hello-lambda']) as WorkspaceState;
    for (const group of Object.values(ws.emulator!.logGroups)) for (const stream of Object.values(group.streams)) for (const e of stream.events) e.message = e.message.replace(/RequestId: [0-9a-f-]+/, 'RequestId: forged-by-hand');
    const part = await gradeExercise(findExercise('hello-lambda'), ws, { environmentFactory: engine.factory, taskTimeoutMs: 20_000, hidden: new Set() });
    const logs = part.tests.find((t) => t.key === 'hello-lambda/logs')!;
    expect(logs.score).toBe(20);
    expect(logs.output).not.toContain('forged-by-hand');
    expect(part.notes[0]).toMatch(/^The file's logs in \/aws\/lambda\/hello-lambda look edited by hand: 3 START\/END\/REPORT line\(s\) Lambda could not have written, e\.g\. "START RequestId: forged-by-hand Version: \$LATEST"\.$/);
    expect(part.notes[1]).toBe("The file's 4 log event(s) were not trusted: the logs graded come from running the learner's test event again.");
  });

  it('a deployment package that does not match its CodeSha256 is not restored', async () => {
    const ws = structuredClone(perfect.exercises['hello-lambda']) as WorkspaceState & { emulator: { code: Record<string, string> } };
    const [sha] = Object.keys(ws.emulator.code);
    ws.emulator.code[sha!] = Buffer.from(zipFiles({ 'index.mjs': 'export const handler = async () => ({ statusCode: 200, body: "\\"Hello from Lambda!\\"" });' })).toString('base64');
    const part = await gradeExercise(findExercise('hello-lambda'), ws, { environmentFactory: engine.factory, taskTimeoutMs: 20_000, hidden: new Set() });
    expect(part.notes[0]).toBe(`A deployment package stored as ${sha} does not hash to that CodeSha256; it was not restored.`);
    expect(part.tests.find((t) => t.key === 'hello-lambda/test-invoke')!.score).toBe(0);
  });

  it('a corrupt file is reported as corrupt, never thrown', async () => {
    const grade = await gradeSubmission('broken.json', '{"version": 1, "quizzes": ', options);
    expect(grade.status).toBe('corrupt');
    expect(grade.problem).toMatch(/^Saved progress is not valid JSON/);
    expect(grade.learner).toEqual({ name: 'broken', id: '' });
    const wrongShape = await gradeSubmission('shape.json', JSON.stringify({ version: 1, quizzes: [], lessonsRead: {}, exercises: {} }), options);
    expect(wrongShape.problem).toBe('Saved progress does not match the expected format (quizzes: Invalid input: expected record, received array).');
  });

  it('an unreadable exercise workspace or emulator state fails that exercise alone', async () => {
    const progress = structuredClone(perfect);
    (progress.exercises['layers'] as { emulator: { functions: unknown } }).emulator.functions = { 'hello-layers': { latest: { FunctionName: 7 } } };
    progress.exercises['hello-lambda'] = { exercise: 'hello-lambda' };
    const grade = await gradeSubmission('ada.json', JSON.stringify(progress), options);
    expect(task(grade, 'layers/publish-layer').output).toBe('The saved work for Layers cannot be read: the field "emulator.functions.hello-layers.latest.FunctionName" is not valid: Invalid input: expected string, received number.');
    expect(task(grade, 'hello-lambda/create-function').output).toMatch(/^The saved work for Hello, Lambda cannot be read: the field "version" is not valid/);
    expect(exercisePart(grade, 'versions-and-aliases').score).toBe(100);
  });

  it('hidden tasks and instructor-only questions are graded and marked hidden', async () => {
    const bank = readInstructorBank(JSON.stringify({
      hiddenTasks: ['layers/layer-order'],
      banks: [{ id: 'final-check', title: 'Final check', questions: Array.from({ length: 5 }, (_, i) => ({ kind: 'single', id: `q${i + 1}`, prompt: `Q${i + 1}?`, explanation: 'Because.', options: [{ id: 'a', text: 'A' }, { id: 'b', text: 'B' }], answer: 'b' })) }],
    }), 'bank.json');
    const progress = structuredClone(perfect);
    progress.quizzes['final-check'] = { answers: { q1: 'b', q2: 'a' }, score: 5, maxScore: 5, updatedAt: '2026-03-02T10:00:00.000Z' };
    const grade = await gradeSubmission('ada.json', JSON.stringify(progress), { ...options, banks: bank });
    expect(task(grade, 'layers/layer-order').hidden).toBe(true);
    const final = grade.parts.find((p) => p.id === 'final-check')!;
    expect([final.score, final.maxScore, final.tests.every((t) => t.hidden)]).toEqual([1, 5, true]);
    expect(grade.maxScore).toBe(max + 5);
  });

  it('the same submission always gets the same grade, message for message', async () => {
    const a = await gradeSubmission('ada.json', JSON.stringify(perfect), options);
    const b = await gradeSubmission('ada.json', JSON.stringify(perfect), options);
    expect(JSON.stringify(b)).toBe(JSON.stringify(a));
  });
});
