/**
 * The committed perfect submission (tests/fixtures/grading/perfect-submission.json) that `npm run
 * bench` grades 200 variants of: it must stay a full-marks workbook. Regenerate it from the
 * reference solutions with WRITE_GRADING_FIXTURE=1 npx vitest run --project unit tests/unit/grading/fixture.test.ts
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { createGradingEngine } from '../../../src/hosts/node/grading-engine.ts';
import { gradeSubmission } from '../../../src/grading/grade-submission.ts';
import { maxExercisePoints, maxQuizPoints, perfectProgress } from './golden.ts';

const path = fileURLToPath(new URL('../../fixtures/grading/perfect-submission.json', import.meta.url));

describe('the bench\'s perfect submission fixture', () => {
  it.runIf(process.env['WRITE_GRADING_FIXTURE'] === '1')('is regenerated from the reference solutions', async () => {
    writeFileSync(path, `${JSON.stringify(await perfectProgress({ name: 'Bench Learner', id: 'bench-000' }))}\n`);
  });

  it('grades to full marks on every exercise and quiz', async () => {
    const grade = await gradeSubmission('perfect-submission.json', readFileSync(path, 'utf8'), { environmentFactory: createGradingEngine(1000).factory, taskTimeoutMs: 20_000 });
    expect(grade.parts.filter((p) => p.score !== p.maxScore).map((p) => p.id)).toEqual([]);
    expect(grade.score).toBe(maxExercisePoints + maxQuizPoints);
  });
});
