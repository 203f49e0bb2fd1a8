/**
 * Runs an exercise's checks against any pair of SDK clients and scores each task. A task that
 * throws or hangs fails alone; the rest still run.
 */
import type { CloudWatchLogsClient } from '@aws-sdk/client-cloudwatch-logs';
import type { LambdaClient } from '@aws-sdk/client-lambda';
import type { IAMClient } from '@aws-sdk/client-iam';
import { createCheckContext, fetchDownload, iamBeside, neighboursBeside, type Download } from './context.ts';
import { describeError, isFatalForRun } from './errors.ts';
import { findExercise } from '../../exercises/index.ts';
import type { CheckReport, CheckTarget, Exercise, TaskCheck, TaskResult, Verdict } from './types.ts';
import { CheckFailure } from './verdict.ts';

export const defaultTaskTimeoutMs = 60_000;

export interface RunOptions {
  lambda: LambdaClient;
  logs: CloudWatchLogsClient;
  /** For checks that read execution roles; when absent, one beside `lambda` (`iamBeside`). */
  iam?: IAMClient;
  target: CheckTarget;
  prefix?: string;
  answers?: Readonly<Record<string, string>>;
  /** A task still running after this long fails with "timed out"; the others go on. */
  taskTimeoutMs?: number;
  /**
   * How Code.Location / Content.Location URLs are fetched; `fetch` unless given. In the page, pass
   * `requestHandlerDownload(handler)` with the emulator's request handler: its URLs reach no network.
   */
  download?: Download;
  /** For temporary names and probe values; Math.random unless given. */
  random?: () => number;
  /** Cancels the whole run (a superseded check in the page). */
  signal?: AbortSignal;
}

class TaskTimeout extends Error {}

type Neighbours = ReturnType<typeof neighboursBeside>;

async function runTask(task: TaskCheck, options: RunOptions & { iam: IAMClient } & Neighbours, resources: Set<string>, timeoutMs: number): Promise<Verdict> {
  const controller = new AbortController();
  const onAbort = (): void => controller.abort(options.signal?.reason);
  options.signal?.addEventListener('abort', onAbort, { once: true });
  const ctx = createCheckContext({
    lambda: options.lambda,
    logs: options.logs,
    iam: options.iam,
    s3: options.s3,
    sqs: options.sqs,
    events: options.events,
    target: options.target,
    prefix: options.prefix ?? '',
    answers: options.answers ?? {},
    signal: controller.signal,
    resources,
    download: options.download ?? fetchDownload,
    random: options.random ?? Math.random,
  });
  let timer: ReturnType<typeof globalThis.setTimeout> | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = globalThis.setTimeout(() => reject(new TaskTimeout()), timeoutMs);
  });
  try {
    const verdict = await Promise.race([task.check(ctx), deadline]);
    return { score: Math.min(1, Math.max(0, verdict.score)), message: verdict.message, ...(verdict.mismatches?.length ? { mismatches: verdict.mismatches } : {}) };
  } catch (err) {
    if (err instanceof TaskTimeout) {
      controller.abort(new Error('timed out'));
      return { score: 0, message: `The check timed out after ${timeoutMs / 1000} s without an answer; the other tasks were still checked.`, mismatches: [{ expected: `an answer within ${timeoutMs / 1000} s`, got: 'no answer' }] };
    }
    if (err instanceof CheckFailure) return { score: 0, message: err.message, ...(err.mismatch ? { mismatches: [err.mismatch] } : {}) };
    throw err;
  } finally {
    globalThis.clearTimeout(timer);
    options.signal?.removeEventListener('abort', onAbort);
  }
}

export async function runChecks(exercise: string | Exercise, options: RunOptions): Promise<CheckReport> {
  const { meta, checks } = typeof exercise === 'string' ? findExercise(exercise) : exercise;
  const timeoutMs = options.taskTimeoutMs ?? defaultTaskTimeoutMs;
  const resources = new Set<string>();
  const iam = options.iam ?? iamBeside(options.lambda);
  const neighbours = neighboursBeside(options.lambda);
  const verdicts = new Map<string, Verdict>();
  let stopReason: string | undefined;

  for (const task of checks.tasks) {
    if (!meta.tasks.some((t) => t.id === task.id)) throw new Error(`${meta.slug}: check "${task.id}" has no task in meta.json`);
    if (options.signal?.aborted) {
      verdicts.set(task.id, { score: 0, message: 'The check was cancelled before this task ran.' });
      continue;
    }
    if (stopReason !== undefined) {
      verdicts.set(task.id, { score: 0, message: stopReason });
      continue;
    }
    try {
      verdicts.set(task.id, await runTask(task, { ...options, iam, ...neighbours }, resources, timeoutMs));
    } catch (err) {
      const message = describeError(err);
      // With bad credentials or no endpoint every later request fails the same way: send nothing more.
      if (isFatalForRun(err)) stopReason = message;
      verdicts.set(task.id, { score: 0, message });
    }
  }

  const tasks: TaskResult[] = meta.tasks.map((task) => {
    const verdict = verdicts.get(task.id);
    if (verdict === undefined) throw new Error(`${meta.slug}: task "${task.id}" in meta.json has no check`);
    return {
      id: task.id,
      title: task.title,
      passed: verdict.score >= 1,
      points: Math.round(task.points * verdict.score * 100) / 100,
      maxPoints: task.points,
      message: verdict.message,
      ...(verdict.mismatches?.length && verdict.score < 1 ? { mismatches: verdict.mismatches } : {}),
    };
  });
  const sum = (values: number[]): number => Math.round(values.reduce((a, b) => a + b, 0) * 100) / 100;
  return {
    exercise: meta.slug,
    target: options.target,
    prefix: options.prefix ?? '',
    tasks,
    points: sum(tasks.map((t) => t.points)),
    maxPoints: sum(tasks.map((t) => t.maxPoints)),
    resources: [...resources].sort(),
  };
}
