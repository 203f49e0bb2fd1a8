/** worker_threads entry: grades whole submissions, one at a time, for the grading pool (grading-pool.ts). */
import { readFile } from 'node:fs/promises';
import { parentPort, workerData } from 'node:worker_threads';
import { gradeSubmission } from '../grading/grade-submission';
import { publicBanks, readInstructorBank } from '../grading/instructor-bank';
import { createGradingEngine, type GradingWorkerData, type PoolReply, type PoolRequest } from './grading-engine';

const port = parentPort;
if (!port) throw new Error('grading-worker must run in a worker thread');
const data = workerData as GradingWorkerData;
const banks = data.bank === undefined ? publicBanks() : readInstructorBank(data.bank.text, data.bank.path);
const engine = createGradingEngine(data.cpuBudgetMs);

port.on('message', async (request: PoolRequest) => {
  let reply: PoolReply;
  try {
    const text = await readFile(request.file, 'utf8');
    const started = performance.now();
    engine.resetTiming();
    const grade = await gradeSubmission(request.file, text, { environmentFactory: engine.factory, taskTimeoutMs: data.taskTimeoutMs, banks });
    grade.timing = { totalMs: performance.now() - started, sandboxStartMs: engine.sandboxStartMs() };
    reply = { id: request.id, grade };
  } catch (err) {
    reply = { id: request.id, error: err instanceof Error ? err.message : String(err) };
  }
  port.postMessage(reply);
});
