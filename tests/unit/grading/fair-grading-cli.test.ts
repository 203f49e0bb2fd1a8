/**
 * `npm run grade` with the fair-grading options, on submissions holding only quiz answers (each
 * exercise then grades at once as "no work"): --format json read back by --compare, the lab
 * config's late policy in the report, and Gradescope told to leave lateness alone.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readJsonReport } from '../../../src/grading/reports/json.ts';
import { TEXT_IMPORTS_ARGS } from '../../../src/hosts/node/tsx.ts';
import { emptyProgress } from '../../../src/progress/index.ts';
import { quizBanks } from '../../../src/quizzes/index.ts';
import { quizProgress } from './golden.ts';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const grade = (args: string[]) => spawnSync(`${root}node_modules/.bin/tsx`, [...TEXT_IMPORTS_ARGS, 'src/cli/grade.ts', ...args, '--jobs', '1'], { cwd: root, encoding: 'utf8', env: { ...process.env, WORKBOOK_LAB_CONFIG: '' } });

describe('npm run grade: --format json, --compare and the lab config', () => {
  let dir: string;
  let subs: string;
  const bank = quizBanks[0]!;

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'workbook-fair-'));
    subs = join(dir, 'subs');
    mkdirSync(subs);
    const ada = { ...emptyProgress(), learner: { name: 'Ada', id: 's-001' }, exportedAt: '2026-12-17T12:00:00.000Z', quizzes: { [bank.id]: quizProgress(bank) } };
    const bob = { ...emptyProgress(), learner: { name: 'Bob', id: 's-002' }, exportedAt: '2026-12-15T12:00:00.000Z' };
    writeFileSync(join(subs, 'ada.json'), JSON.stringify(ada));
    writeFileSync(join(subs, 'bob.json'), JSON.stringify(bob));
    writeFileSync(join(dir, 'lab.json'), JSON.stringify({ due: '2026-12-15T17:00:00Z', latePenalty: { perDay: 10, cap: 50 }, hintCosts: [1, 2, 4] }));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('writes JSON that --compare reads back; a regrade that changed nothing prints only its summary', () => {
    const out = join(dir, 'grades.json');
    const first = grade([subs, '--format', 'json', '--out', out, '--lab-config', join(dir, 'lab.json')]);
    expect(first.stderr).toBe('');
    expect(first.status).toBe(0);
    const grades = readJsonReport(readFileSync(out, 'utf8'), out);
    expect(grades.map((g) => [g.learner.name, g.submittedAt, g.late?.daysLate, g.late?.note])).toEqual([
      // Late, but the exercises earned nothing: the quiz is never penalised.
      ['Ada', '2026-12-17T12:00:00.000Z', 2, "2 days late (exported 2026-12-17T12:00:00.000Z, due 2026-12-15T17:00:00.000Z): -20% on each exercise (10% of an exercise's points per started day late, at most 50%)."],
      ['Bob', '2026-12-15T12:00:00.000Z', 0, 'On time (exported 2026-12-15T12:00:00.000Z, due 2026-12-15T17:00:00.000Z).'],
    ]);
    const same = grade([subs, '--compare', out]);
    expect(same.status).toBe(0);
    const mean = grades[0]!.score / 2;
    expect(same.stdout).toBe(`\nRegrade: 2 learner(s) compared, 0 up, 0 down, 2 unchanged in total. Mean ${mean} -> ${mean}.\n`);
  }, 120_000);

  it('a previous grading that differs shows the changed rows, per learner', () => {
    const out = join(dir, 'grades.json');
    const previous = JSON.parse(readFileSync(out, 'utf8')) as { grades: { parts: { kind: string; tests: { key: string; score: number }[] }[]; score: number }[] };
    const quiz = previous.grades[0]!.parts.find((p) => p.kind === 'quiz')!;
    const first = quiz.tests[0]!;
    const now = first.score;
    first.score = 0;
    previous.grades[0]!.score -= now;
    const edited = join(dir, 'before.json');
    writeFileSync(edited, JSON.stringify(previous));
    const run = grade([subs, '--compare', edited]);
    const total = previous.grades[0]!.score;
    expect(run.stdout.split('\n').slice(0, 3)).toEqual([
      `Ada (s-001): ${total} -> ${total + now} (+${now})`,
      expect.stringMatching(/^ {2}task +before +after +change$/),
      expect.stringMatching(new RegExp(`^  ${first.key.replace(/[/:]/g, '\\$&')} +0 +${now} +\\+${now}$`)),
    ]);
  }, 120_000);

  it('with --format gradescope the late penalty is left to Gradescope, and says so', () => {
    const out = join(dir, 'gs');
    mkdirSync(out);
    const run = grade([subs, '--format', 'gradescope', '--out', out, '--lab-config', join(dir, 'lab.json')]);
    expect(run.status).toBe(0);
    expect(run.stderr).toBe("The lab's late penalty is not applied with --format gradescope: Gradescope's own late-submission settings handle lateness. Each results.json says how late the workbook's export time was.\n");
    const ada = JSON.parse(readFileSync(join(out, 'ada.results.json'), 'utf8')) as { output: string };
    expect(ada.output.split('\n')[1]).toBe("Late policy not applied here: Gradescope's own late-submission settings handle lateness (by the workbook's time: 2 days late; exported 2026-12-17T12:00:00.000Z, due 2026-12-15T17:00:00.000Z).");
  }, 120_000);

  it('a --compare file that is not the grader\'s JSON is a usage mistake', () => {
    const bad = join(dir, 'bad.json');
    writeFileSync(bad, '{"grades": []}');
    const run = grade([subs, '--compare', bad]);
    expect([run.status, run.stderr]).toEqual([2, `${bad} is not the grader's JSON: write it with npm run grade -- --format json --out ${bad}.\n`]);
  }, 60_000);
});
