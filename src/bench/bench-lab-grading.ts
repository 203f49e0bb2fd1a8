/**
 * Bench section: grading a class from the lab server against grading the same accounts from
 * their files. 30 learners each do "Hello, Lambda" on a lab server (the reference solution's
 * calls, signed with their own keys). Then, in the same run: `gradeLabAccounts` checks every
 * account live through the server as the instructor (the same code as `npm run grade -- --lab`),
 * and `gradeExercise` grades each account's saved state in process, as `npm run grade` grades an
 * exported workbook (restore, re-run the logs, every task in a fresh emulator).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LambdaClient } from '@aws-sdk/client-lambda';
import * as helloLambda from '../../exercises/hello-lambda/solution/steps.ts';
import { findExercise } from '../../exercises/index.ts';
import { gradeExercise } from '../grading/grade-exercise.ts';
import { gradeLabAccounts } from '../grading/lab-grades.ts';
import { createGradingEngine, defaultGradingTaskTimeoutMs } from '../hosts/node/grading-engine.ts';
import { accountStatePath, prepareLab } from '../hosts/node/lab-config.ts';
import { startLabServer } from '../hosts/node/lab-server.ts';
import { loadStateFile } from '../hosts/node/state-file.ts';
import type { BenchSection } from './bench.ts';

const LEARNERS = 30;
const EXERCISE = 'hello-lambda';

export const labGradingSection: BenchSection = {
  name: `lab grading: ${LEARNERS} learners' "${EXERCISE}" graded from the lab server against from their saved accounts`,
  async run() {
    const dir = mkdtempSync(join(tmpdir(), 'workbook-bench-lab-grading-'));
    const roster = Array.from({ length: LEARNERS }, (_, i) => ({ name: `Learner ${i}`, id: `l${i}` }));
    const config = prepareLab(dir, roster, 'us-east-1');
    const lab = await startLabServer({ dir, config, port: 0, inline: true, rateLimit: { perSecond: 1e9, burst: 1e9 } });
    const engine = createGradingEngine();
    let open = true;
    try {
      for (const learner of config.learners) {
        const lambda = new LambdaClient({ endpoint: lab.url, region: config.region, credentials: { accessKeyId: learner.accessKeyId, secretAccessKey: learner.secretAccessKey }, maxAttempts: 1 });
        const ctx = { prefix: '', role: `arn:aws:iam::${learner.accountId}:role/lambda-role`, answers: {} };
        await helloLambda.start(lambda, ctx);
        await helloLambda.solve(lambda, ctx);
        lambda.destroy();
      }
      const admin = { endpoint: lab.url, region: config.region, credentials: { accessKeyId: config.admin.accessKeyId, secretAccessKey: config.admin.secretAccessKey } };
      let t0 = performance.now();
      const live = await gradeLabAccounts(admin, [EXERCISE], { taskTimeoutMs: defaultGradingTaskTimeoutMs });
      const fromServerMs = performance.now() - t0;
      // The server writes every account down on close: the files are what it acknowledged.
      await lab.close();
      open = false;
      const exercise = findExercise(EXERCISE);
      t0 = performance.now();
      const saved = [];
      for (const learner of config.learners) {
        saved.push(await gradeExercise(exercise, undefined, { environmentFactory: engine.factory, taskTimeoutMs: defaultGradingTaskTimeoutMs, hidden: new Set() }, loadStateFile(accountStatePath(dir, learner.accountId))));
      }
      const fromFilesMs = performance.now() - t0;
      const liveScore = live.reduce((n, g) => n + g.score, 0) / live.length;
      const savedScore = saved.reduce((n, p) => n + p.score, 0) / saved.length;
      const max = saved[0]!.maxScore;
      return [
        `from the lab server (live checks, as the instructor): ${(fromServerMs / 1000).toFixed(2)} s  (${(fromServerMs / LEARNERS).toFixed(0)} ms a learner, mean score ${liveScore.toFixed(1)}/${max})`,
        `from the saved accounts (restore, re-run, fresh emulator per task): ${(fromFilesMs / 1000).toFixed(2)} s  (${(fromFilesMs / LEARNERS).toFixed(0)} ms a learner, mean score ${savedScore.toFixed(1)}/${max})`,
        `server against files: ${(fromServerMs / fromFilesMs).toFixed(2)}x the time (questions unanswered on both sides: the same points missing)`,
      ];
    } finally {
      if (open) await lab.close();
      rmSync(dir, { recursive: true, force: true });
    }
  },
};
