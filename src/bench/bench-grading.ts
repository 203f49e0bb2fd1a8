/**
 * Bench section: 200 generated submissions (every exercise and every quiz) graded by the worker
 * pool, one worker per core. Variants of the committed perfect submission: each learner named
 * differently, and some quiz answers dropped so grades differ.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Progress } from '../progress/index.ts';
import { defaultCpuBudgetMs, defaultGradingTaskTimeoutMs } from '../hosts/node/grading-engine.ts';
import { gradeFiles } from '../cli/grading-pool.ts';

const SUBMISSIONS = 200;
const fixture = new URL('../../tests/fixtures/grading/perfect-submission.json', import.meta.url);

function variant(base: Progress, i: number): Progress {
  const progress = structuredClone(base);
  progress.learner = { name: `Learner ${i}`, id: `s-${String(i).padStart(4, '0')}` };
  // Every third learner skipped a different quiz question.
  for (const [n, quiz] of Object.values(progress.quizzes).entries()) {
    if ((i + n) % 3 === 0) delete quiz.answers[Object.keys(quiz.answers)[i % Object.keys(quiz.answers).length]!];
  }
  return progress;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

export const gradingSection = {
  name: `grading: ${SUBMISSIONS} submissions (4 exercises + every quiz each), worker pool`,
  async run(): Promise<string[]> {
    const base = JSON.parse(readFileSync(fixture, 'utf8')) as Progress;
    const dir = mkdtempSync(join(tmpdir(), 'workbook-bench-grading-'));
    try {
      const files = Array.from({ length: SUBMISSIONS }, (_, i) => {
        const file = join(dir, `learner-${String(i).padStart(4, '0')}.json`);
        writeFileSync(file, JSON.stringify(variant(base, i)));
        return file;
      });
      const jobs = availableParallelism();
      const t0 = performance.now();
      // Worker threads share the process: its CPU time counts every core the pool kept busy.
      const cpu0 = process.cpuUsage();
      const grades = await gradeFiles(files, { taskTimeoutMs: defaultGradingTaskTimeoutMs, cpuBudgetMs: defaultCpuBudgetMs, jobs, submissionDeadlineMs: 600_000 });
      const wallMs = performance.now() - t0;
      const cpu = process.cpuUsage(cpu0);
      const cpuMs = (cpu.user + cpu.system) / 1000;
      const failed = grades.filter((g) => g.status !== 'graded');
      if (failed.length > 0) throw new Error(`${failed.length} submission(s) not graded: ${failed[0]!.problem}`);
      const exercisesFull = grades.every((g) => g.parts.filter((p) => p.kind === 'exercise').every((p) => p.score === p.maxScore));
      if (!exercisesFull) throw new Error('a perfect exercise lost points in the bench');
      const per = grades.map((g) => g.timing!.totalMs);
      const sandbox = grades.reduce((n, g) => n + g.timing!.sandboxStartMs, 0);
      const busy = per.reduce((n, x) => n + x, 0);
      return [
        `workers (one per core):                        ${jobs}`,
        `${SUBMISSIONS} submissions graded in:                  ${(wallMs / 1000).toFixed(2)} s (wall, including worker start-up)`,
        `submissions per second:                        ${(SUBMISSIONS / (wallMs / 1000)).toFixed(1)}`,
        `median time per submission (in its worker):    ${median(per).toFixed(1)} ms`,
        `share in sandbox start-up (new environment + INIT + first invoke): ${((sandbox / busy) * 100).toFixed(1)} %`,
        `CPU time used: ${(cpuMs / 1000).toFixed(1)} s over ${(wallMs / 1000).toFixed(1)} s wall = ${(cpuMs / wallMs).toFixed(2)} cores busy on average`,
        `tasks checked: ${grades[0]!.parts.filter((p) => p.kind === 'exercise').reduce((n, p) => n + p.tests.length, 0)} per submission, each in a fresh emulator`,
      ];
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  },
};
