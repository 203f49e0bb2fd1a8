/**
 * `npm run check -- <exercise>... --aws --class roster.csv`: checks every learner of a class in one
 * shared account, each under their own prefix, read-only as always against AWS, and reports
 * them like `npm run grade` does (table, csv, gradescope, junit).
 */
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import type { CloudWatchLogsClient } from '@aws-sdk/client-cloudwatch-logs';
import { ListFunctionsCommand, type LambdaClient } from '@aws-sdk/client-lambda';
import { fetchDownload } from '../checks/context.ts';
import { describeError, isFatalForRun } from '../checks/errors.ts';
import { findExercise } from '../../exercises/index.ts';
import { runChecks } from '../checks/run.ts';
import type { CheckTarget } from '../checks/types.ts';
import { partFrom } from '../grading/grade-exercise.ts';
import { answersFor, readRoster, type RosterEntry } from '../grading/roster.ts';
import { round2, type GradeColumn, type SubmissionGrade } from '../grading/results.ts';
import { seedFrom, seededRandom } from '../emulator/index.ts';

export interface ClassCheckOptions {
  exercises: string[];
  rosterPath: string;
  lambda: LambdaClient;
  logs: CloudWatchLogsClient;
  target: CheckTarget;
  taskTimeoutMs?: number;
}

export class ClassCheckError extends Error {}

export function classColumns(exercises: string[]): GradeColumn[] {
  return exercises.map((slug) => {
    const { meta } = findExercise(slug);
    return { kind: 'exercise', id: slug, title: meta.title, maxScore: round2(meta.tasks.reduce((n, t) => n + t.points, 0)) };
  });
}

function learnerAnswers(entry: RosterEntry, rosterPath: string, exercise: string): { answers: Record<string, string>; problem?: string } {
  if (entry.answers === undefined) return { answers: {} };
  const path = resolve(dirname(rosterPath), entry.answers);
  try {
    return { answers: answersFor(JSON.parse(readFileSync(path, 'utf8')) as unknown, exercise) };
  } catch (err) {
    return { answers: {}, problem: `The answers file ${entry.answers} could not be read (${(err as Error).message}); the questions were graded as unanswered.` };
  }
}

/** Fails fast, once, when the account cannot be read at all (credentials, endpoint, Region). */
async function preflight(lambda: LambdaClient): Promise<void> {
  try {
    await lambda.send(new ListFunctionsCommand({ MaxItems: 1 }));
  } catch (err) {
    if (isFatalForRun(err)) throw new ClassCheckError(describeError(err));
  }
}

export async function checkClass(options: ClassCheckOptions): Promise<SubmissionGrade[]> {
  const roster = readRoster(readFileSync(options.rosterPath, 'utf8'), options.rosterPath);
  if (roster.length === 0) throw new ClassCheckError(`${options.rosterPath} lists no learners.`);
  await preflight(options.lambda);
  const grades: SubmissionGrade[] = [];
  for (const entry of roster) {
    const parts = [];
    for (const slug of options.exercises) {
      const exercise = findExercise(slug);
      const { answers, problem } = learnerAnswers(entry, options.rosterPath, slug);
      const report = await runChecks(exercise, {
        lambda: options.lambda,
        logs: options.logs,
        target: options.target,
        prefix: entry.prefix,
        answers,
        download: fetchDownload,
        random: seededRandom(seedFrom(`${entry.prefix}/${slug}`)),
        ...(options.taskTimeoutMs !== undefined ? { taskTimeoutMs: options.taskTimeoutMs } : {}),
      });
      const notes = [`Looked at: ${report.resources.join('; ') || 'nothing'}.`, ...(problem ? [problem] : [])];
      parts.push(partFrom(exercise, new Map(report.tasks.map((t) => [t.id, t])), { hidden: new Set() }, notes));
    }
    grades.push({
      file: `${options.rosterPath}#${entry.prefix}`,
      learner: { name: entry.name, id: entry.id },
      status: 'graded',
      parts,
      score: round2(parts.reduce((n, p) => n + p.score, 0)),
      maxScore: round2(parts.reduce((n, p) => n + p.maxScore, 0)),
    });
  }
  return grades;
}
