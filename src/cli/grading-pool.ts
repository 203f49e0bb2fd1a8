/**
 * Grades many submissions on every core: one worker thread per core, each grading whole
 * submissions. A worker that dies or overruns a submission's deadline is replaced; that one
 * submission is reported as a grader failure and the rest are still graded.
 */
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { SubmissionGrade } from '../grading/results.ts';
import type { GradingWorkerData, PoolReply, PoolRequest } from '../hosts/node/grading-engine.ts';
import { TSX_WORKER_EXEC_ARGV } from '../hosts/node/tsx.ts';

export interface PoolOptions extends GradingWorkerData {
  /** Worker threads; one per core by default. */
  jobs?: number;
  /** Real time one submission may take before its worker is stopped. */
  submissionDeadlineMs: number;
  /** Called after each submission, e.g. for a progress bar. */
  onGraded?: (done: number, total: number) => void;
}

const entry = new URL('./grading-worker.ts', import.meta.url);

function failure(file: string, problem: string): SubmissionGrade {
  const name = (file.split(/[\\/]/).pop() ?? file).replace(/\.json$/i, '');
  return { file, learner: { name, id: '' }, status: 'error', problem, parts: [], score: 0, maxScore: 0 };
}

export async function gradeFiles(files: readonly string[], options: PoolOptions): Promise<SubmissionGrade[]> {
  const results: SubmissionGrade[] = new Array(files.length);
  if (files.length === 0) return results;
  const jobs = Math.max(1, Math.min(options.jobs ?? availableParallelism(), files.length));
  const workerData: GradingWorkerData = { taskTimeoutMs: options.taskTimeoutMs, cpuBudgetMs: options.cpuBudgetMs, ...(options.bank ? { bank: options.bank } : {}) };
  let next = 0;
  let done = 0;

  await new Promise<void>((resolveAll) => {
    const startWorker = (): void => {
      if (next >= files.length) return;
      // The entry is TypeScript: the worker loads it through tsx, as the CLI itself runs.
      const worker = new Worker(entry, { execArgv: TSX_WORKER_EXEC_ARGV, workerData });
      let current: PoolRequest | undefined;
      let timer: ReturnType<typeof setTimeout> | undefined;
      let finished = false;
      const settle = (grade: SubmissionGrade): void => {
        clearTimeout(timer);
        results[current!.id] = grade;
        current = undefined;
        done++;
        options.onGraded?.(done, files.length);
        if (done === files.length) resolveAll();
      };
      const dispatch = (): void => {
        if (next >= files.length) {
          finished = true;
          void worker.terminate();
          return;
        }
        current = { id: next, file: files[next]! };
        next++;
        timer = setTimeout(() => {
          const file = current!.file;
          settle(failure(file, `Grading ${file} took longer than ${options.submissionDeadlineMs / 1000} s; its worker was stopped.`));
          finished = true;
          void worker.terminate();
          startWorker();
        }, options.submissionDeadlineMs);
        worker.postMessage(current);
      };
      worker.on('message', (reply: PoolReply) => {
        if (current === undefined || reply.id !== current.id) return;
        settle('grade' in reply ? reply.grade : failure(current.file, `The grader failed on ${current.file}: ${reply.error}`));
        dispatch();
      });
      const died = (why: string): void => {
        if (finished) return;
        finished = true;
        if (current !== undefined) settle(failure(current.file, `The grading worker ${why} while grading ${current.file}.`));
        startWorker();
      };
      worker.on('error', (err) => died(`failed (${err.message})`));
      worker.on('exit', (code) => died(`exited with code ${code}`));
      dispatch();
    };
    for (let i = 0; i < jobs; i++) startWorker();
  });
  return results;
}
