/** worker_threads entry: grades whole submissions, one at a time, for the grading pool (grading-pool.ts). */
import { readFile, stat } from 'node:fs/promises';
import { parentPort, workerData } from 'node:worker_threads';
import { corruptSubmission, gradeSubmission } from '../grading/grade-submission.ts';
import { publicBanks, readInstructorBank } from '../grading/instructor-bank.ts';
import { createGradingEngine, type GradingWorkerData, type PoolReply, type PoolRequest } from '../hosts/node/grading-engine.ts';

const port = parentPort;
if (!port) throw new Error('grading-worker must run in a worker thread');
const data = workerData as GradingWorkerData;
const banks = data.bank === undefined ? publicBanks() : readInstructorBank(data.bank.text, data.bank.path);
const engine = createGradingEngine(data.cpuBudgetMs);
/** Browsers keep a few MB in local storage; a file far larger is no workbook export, and is not parsed. */
const MAX_SUBMISSION_BYTES = 50 * 1024 * 1024;

port.on('message', async (request: PoolRequest) => {
  let reply: PoolReply;
  try {
    const { size } = await stat(request.file);
    const started = performance.now();
    engine.resetTiming();
    const grade = size > MAX_SUBMISSION_BYTES
      ? corruptSubmission(request.file, `The file is ${Math.round(size / 1024 / 1024)} MB; a workbook export is far smaller, so it was not read.`, banks)
      : await gradeSubmission(request.file, await readFile(request.file, 'utf8'), { environmentFactory: engine.factory, taskTimeoutMs: data.taskTimeoutMs, banks });
    grade.timing = { totalMs: performance.now() - started, sandboxStartMs: engine.sandboxStartMs() };
    reply = { id: request.id, grade };
  } catch (err) {
    reply = { id: request.id, error: err instanceof Error ? err.message : String(err) };
  }
  port.postMessage(reply);
});
