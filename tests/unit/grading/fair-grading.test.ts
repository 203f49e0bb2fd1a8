/**
 * Fair grading, golden: the late policy (on time, one day, capped), hint costs, expected/got in
 * every report format and the regrade diff, on graded submissions built here, so each output is
 * exact and nothing depends on the checks' own wording.
 */
import { describe, expect, it } from 'vitest';
import { applyLabPolicy, hintCost, type LabPolicy } from '../../../src/grading/lab-policy.ts';
import { regradeDiff } from '../../../src/grading/regrade.ts';
import { csvReport } from '../../../src/grading/reports/csv.ts';
import { gradescopeResults } from '../../../src/grading/reports/gradescope.ts';
import { jsonReport, readJsonReport } from '../../../src/grading/reports/json.ts';
import { junitReport } from '../../../src/grading/reports/junit.ts';
import { learnerSummary } from '../../../src/grading/reports/table.ts';
import type { GradeColumn, GradedTest, SubmissionGrade } from '../../../src/grading/results.ts';
import { daysLate, parseLabConfigFile, readLabMode } from '../../../src/lab/config.ts';
import { submissionTime } from '../../../src/grading/grade-submission.ts';
import { emptyProgress, parseProgress, serializeProgress } from '../../../src/progress/index.ts';

const due = '2026-12-15T17:00:00.000Z';
const policy: LabPolicy = { due, latePenalty: { perDay: 10, cap: 30 }, hintCosts: [1, 2, 4] };
const columns: GradeColumn[] = [{ kind: 'exercise', id: 'hello-lambda', title: 'Hello, Lambda', maxScore: 60 }];

function test(id: string, score: number, maxScore: number, extra: Partial<GradedTest> = {}): GradedTest {
  return { key: `hello-lambda/${id}`, name: `Hello, Lambda: ${id}`, score, maxScore, status: score >= maxScore ? 'passed' : score > 0 ? 'partial' : 'failed', output: score >= maxScore ? 'Right.' : 'Not right.', hidden: false, timedOut: false, ...extra };
}

/** Ada: two tasks right (she opened two hints on one), one wrong with what was expected and seen. */
function ada(submittedAt: string | undefined): SubmissionGrade {
  const tests = [
    test('create-function', 30, 30, { hintsOpened: 2 }),
    test('test-invoke', 10, 20, { output: 'Expected the test to return {"statusCode":200}, got {"statusCode":500}.', mismatches: [{ expected: '{"statusCode":200}', got: '{"statusCode":500}' }] }),
    test('logs', 10, 10),
  ];
  return {
    file: 'ada.json',
    learner: { name: 'Ada Lovelace', id: 's-001' },
    status: 'graded',
    ...(submittedAt !== undefined ? { submittedAt, submittedAtSource: 'exported' as const } : {}),
    parts: [{ kind: 'exercise', id: 'hello-lambda', title: 'Hello, Lambda', score: 50, maxScore: 60, tests, notes: [] }],
    score: 50,
    maxScore: 60,
  };
}

describe('the late policy', () => {
  it('counts started days after the due date', () => {
    expect(daysLate(due, '2026-12-15T17:00:00.000Z')).toBe(0);
    expect(daysLate(due, '2026-12-14T09:00:00.000Z')).toBe(0);
    expect(daysLate(due, '2026-12-15T17:01:00.000Z')).toBe(1);
    expect(daysLate(due, '2026-12-16T17:00:00.000Z')).toBe(1);
    expect(daysLate(due, '2026-12-16T17:00:01.000Z')).toBe(2);
  });

  it('0 days late: nothing is deducted, and the report says it was on time', () => {
    const g = applyLabPolicy(ada('2026-12-15T16:59:00.000Z'), { due, latePenalty: policy.latePenalty! }, { late: 'apply' });
    expect(g.score).toBe(50);
    expect(g.late).toEqual({ daysLate: 0, percent: 0, applied: true, note: 'On time (exported 2026-12-15T16:59:00.000Z, due 2026-12-15T17:00:00.000Z).' });
  });

  it('1 day late: 10% of the exercise\'s 60 points', () => {
    const g = applyLabPolicy(ada('2026-12-15T18:00:00.000Z'), { due, latePenalty: policy.latePenalty! }, { late: 'apply' });
    expect(g.score).toBe(44);
    expect(g.parts[0]!.deductions).toEqual([{ kind: 'late', points: 6, reason: '1 day late: -10% of 60 points = -6.' }]);
    expect(g.late!.note).toBe("1 day late (exported 2026-12-15T18:00:00.000Z, due 2026-12-15T17:00:00.000Z): -10% on each exercise (10% of an exercise's points per started day late, at most 30%).");
  });

  it('10 days late is capped at 30%, and never takes more than the work earned', () => {
    const g = applyLabPolicy(ada('2026-12-25T12:00:00.000Z'), { due, latePenalty: policy.latePenalty! }, { late: 'apply' });
    expect(g.late).toMatchObject({ daysLate: 10, percent: 30, applied: true });
    expect(g.score).toBe(32);
    const poor = ada('2026-12-25T12:00:00.000Z');
    poor.parts[0]!.tests = [test('create-function', 5, 30), test('test-invoke', 0, 20), test('logs', 0, 10)];
    const p = applyLabPolicy(poor, { due, latePenalty: policy.latePenalty! }, { late: 'apply' });
    expect(p.score).toBe(0);
    expect(p.parts[0]!.deductions).toEqual([{ kind: 'late', points: 5, reason: '10 days late: -30% of 60 points = -5 (capped at what the exercise earned).' }]);
  });

  it('with Gradescope the penalty is reported, not applied', () => {
    const g = applyLabPolicy(ada('2026-12-16T18:00:00.000Z'), policy, { late: 'leave' });
    expect(g.late).toMatchObject({ daysLate: 2, percent: 0, applied: false });
    // Hint costs are the lab's own: they still apply.
    expect(g.score).toBe(47);
    expect(gradescopeResults(g, 'after_due_date').output).toBe(
      'Graded Ada Lovelace (s-001): exercises 47/60, quizzes 0/0. Every exercise was checked again from your exported account, and every quiz re-graded.\n' +
        "Late policy not applied here: Gradescope's own late-submission settings handle lateness (by the workbook's time: 2 days late; exported 2026-12-16T18:00:00.000Z, due 2026-12-15T17:00:00.000Z).",
    );
  });

  it('a file with no date at all is not penalised, and says why', () => {
    const g = applyLabPolicy(ada(undefined), policy, { late: 'apply' });
    expect(g.late!.note).toBe('No late penalty: the file records no export time and no other date to go by.');
  });

  it('counts from the export time the file records; older files fall back to the newest date in them', () => {
    const exported = parseProgress(serializeProgress({ ...emptyProgress(), exportedAt: '2026-12-16T08:00:00.000Z' }));
    expect(exported.ok && submissionTime(exported.progress)).toEqual({ at: '2026-12-16T08:00:00.000Z', source: 'exported' });
    const old = parseProgress(JSON.stringify({ version: 1, quizzes: { q: { answers: {}, score: 0, maxScore: 1, updatedAt: '2026-12-14T10:00:00.000Z' } }, lessonsRead: { a: '2026-12-15T10:00:00.000Z' }, exercises: {} }));
    expect(old.ok && submissionTime(old.progress)).toEqual({ at: '2026-12-15T10:00:00.000Z', source: 'newest-date' });
    expect(submissionTime(emptyProgress())).toBeUndefined();
    const g = applyLabPolicy({ ...ada('2026-12-16T10:00:00.000Z'), submittedAtSource: 'newest-date' }, { due, latePenalty: policy.latePenalty! }, { late: 'apply' });
    expect(g.late!.note).toBe("1 day late (no export time in the file, its newest date 2026-12-16T10:00:00.000Z, due 2026-12-15T17:00:00.000Z): -10% on each exercise (10% of an exercise's points per started day late, at most 30%).");
  });

  it('is read from the lab config, and needs a due date', () => {
    expect(readLabMode({}, parseLabConfigFile('{"due": "2026-12-15T17:00:00Z", "latePenalty": {"perDay": 10, "cap": 30}, "hintCosts": [1, 2, 4]}', 'lab.json'))).toMatchObject({ latePenalty: { perDay: 10, cap: 30 }, hintCosts: [1, 2, 4] });
    expect(readLabMode({ WORKBOOK_LAB_DUE: due, WORKBOOK_LAB_LATE_PENALTY: '5/20', WORKBOOK_LAB_HINT_COSTS: '0.5,1' })).toMatchObject({ latePenalty: { perDay: 5, cap: 20 }, hintCosts: [0.5, 1, 1] });
    expect(() => readLabMode({}, { latePenalty: { perDay: 10, cap: 30 } })).toThrow('A late penalty needs the lab\'s due date (WORKBOOK_LAB_DUE or "due").');
    expect(() => parseLabConfigFile('{"latePenalty": {"perDay": 150, "cap": 30}}', 'lab.json')).toThrow('lab.json: "latePenalty" takes {"perDay": percent, "cap": percent}, each from 0 to 100, e.g. {"perDay": 10, "cap": 50}.');
    expect(() => parseLabConfigFile('{"hintCosts": [1, 2, 3, 4]}', 'lab.json')).toThrow('lab.json: "hintCosts" takes one to three point costs from 0 to 100, for hint 1, 2 and 3, e.g. [1, 2, 4].');
  });
});

describe('hint costs', () => {
  it('each level opened adds its own cost', () => {
    expect([0, 1, 2, 3].map((level) => hintCost([1, 2, 4], level))).toEqual([0, 1, 3, 7]);
  });

  it('are deducted from the task, said in its feedback, and never take more than it earned', () => {
    const g = applyLabPolicy(ada(undefined), { hintCosts: [1, 2, 4] }, { late: 'apply' });
    const t = g.parts[0]!.tests[0]!;
    expect([t.checkScore, t.score, t.status]).toEqual([30, 27, 'partial']);
    expect(t.deductions).toEqual([{ kind: 'hints', points: 3, reason: 'Opened hints 1-2: -3 points (the lab charges 1 + 2).' }]);
    expect(g.score).toBe(47);
    const small = ada(undefined);
    small.parts[0]!.tests[2] = test('logs', 2, 10, { hintsOpened: 3 });
    const s = applyLabPolicy(small, { hintCosts: [1, 2, 4] }, { late: 'apply' }).parts[0]!.tests[2]!;
    expect([s.score, s.deductions![0]!.reason]).toEqual([0, 'Opened hints 1-3: -2 points (the lab charges 1 + 2 + 4, capped at what the task earned).']);
  });

  it('a lab without a policy changes nothing', () => {
    expect(applyLabPolicy(ada('2027-01-01T00:00:00.000Z'), {}, { late: 'apply' })).toEqual(ada('2027-01-01T00:00:00.000Z'));
  });
});

describe('every report format carries expected/got, the late policy and hint costs', () => {
  const graded = applyLabPolicy(ada('2026-12-15T18:00:00.000Z'), policy, { late: 'apply' });

  it('table', () => {
    expect(learnerSummary(graded)).toBe(
      [
        'Ada Lovelace (s-001), ada.json: 41/60',
        "  late: 1 day late (exported 2026-12-15T18:00:00.000Z, due 2026-12-15T17:00:00.000Z): -10% on each exercise (10% of an exercise's points per started day late, at most 30%).",
        '  Exercise Hello, Lambda: 41/60',
        '    deducted: 1 day late: -10% of 60 points = -6.',
        '    partial  27/30  Hello, Lambda: create-function',
        '      Right.',
        '      deducted: Opened hints 1-2: -3 points (the lab charges 1 + 2).',
        '    partial  10/20  Hello, Lambda: test-invoke',
        '      Expected the test to return {"statusCode":200}, got {"statusCode":500}.',
        '        Expected: {"statusCode":200}',
        '        Got: {"statusCode":500}',
        '    passed  10/10  Hello, Lambda: logs',
      ].join('\n'),
    );
  });

  it('CSV', () => {
    expect(csvReport([graded], columns)).toBe(
      [
        'Name,ID,File,Status,"Exercise: Hello, Lambda [60]",Total [60],Late,Deductions,Failing checks',
        'Ada Lovelace,s-001,ada.json,graded,41,41,"1 day late (exported 2026-12-15T18:00:00.000Z, due 2026-12-15T17:00:00.000Z): -10% on each exercise (10% of an exercise\'s points per started day late, at most 30%).","hello-lambda: 1 day late: -10% of 60 points = -6.\nhello-lambda/create-function: Opened hints 1-2: -3 points (the lab charges 1 + 2).","hello-lambda/test-invoke: Expected: {""statusCode"":200} Got: {""statusCode"":500}"',
        '',
      ].join('\r\n'),
    );
  });

  it('JUnit', () => {
    const xml = junitReport([graded]);
    expect(xml).toContain('<property name="late" value="1 day late (exported 2026-12-15T18:00:00.000Z, due 2026-12-15T17:00:00.000Z): -10% on each exercise (10% of an exercise&apos;s points per started day late, at most 30%)."/><property name="deduction" value="1 day late: -10% of 60 points = -6."/>');
    expect(xml).toContain(
      '    <testcase classname="s-001.hello-lambda" name="Hello, Lambda: test-invoke">\n' +
        '      <properties><property name="score" value="10"/><property name="max_score" value="20"/><property name="expected" value="{&quot;statusCode&quot;:200}"/><property name="got" value="{&quot;statusCode&quot;:500}"/></properties>\n' +
        '      <failure type="partial" message="10/20: Expected the test to return {&quot;statusCode&quot;:200}, got {&quot;statusCode&quot;:500}.">Expected: {&quot;statusCode&quot;:200}\nGot: {&quot;statusCode&quot;:500}</failure>\n' +
        '    </testcase>',
    );
    expect(xml).toContain('<property name="deduction" value="Opened hints 1-2: -3 points (the lab charges 1 + 2)."/>');
  });

  it('Gradescope feedback text', () => {
    const r = gradescopeResults(graded, 'after_due_date');
    expect(r.tests.map((t) => t.output)).toEqual([
      'Right.\nOpened hints 1-2: -3 points (the lab charges 1 + 2).',
      'Expected the test to return {"statusCode":200}, got {"statusCode":500}.\nExpected: {"statusCode":200}\nGot: {"statusCode":500}',
      'Right.',
    ]);
    expect(r.output.split('\n').slice(1)).toEqual([
      "1 day late (exported 2026-12-15T18:00:00.000Z, due 2026-12-15T17:00:00.000Z): -10% on each exercise (10% of an exercise's points per started day late, at most 30%).",
      'Hello, Lambda: 1 day late: -10% of 60 points = -6.',
    ]);
  });

  it('JSON, read back as it was written', () => {
    const text = jsonReport([graded]);
    expect(readJsonReport(text, 'grades.json')).toEqual([graded]);
    const test = (JSON.parse(text) as { grades: SubmissionGrade[] }).grades[0]!.parts[0]!.tests[1]!;
    expect(test.mismatches).toEqual([{ expected: '{"statusCode":200}', got: '{"statusCode":500}' }]);
    expect(() => readJsonReport('{"grades": []}', 'old.json')).toThrow("old.json is not the grader's JSON: write it with npm run grade -- --format json --out old.json.");
  });
});

describe('the regrade diff', () => {
  it('lists only the rows that changed, per learner, then a summary', () => {
    const before = [ada('2026-12-15T18:00:00.000Z'), { ...ada(undefined), learner: { name: 'Brian', id: 's-002' }, file: 'brian.json' }];
    const after = before.map((g) => applyLabPolicy(g, policy, { late: 'apply' }));
    after[1]!.parts[0]!.tests[1] = test('test-invoke', 20, 20);
    after[1]!.parts[0]!.score = 57;
    after[1]!.score = 57;
    const carol = { ...ada(undefined), learner: { name: 'Carol', id: 's-003' }, file: 'carol.json' };
    expect(regradeDiff([...before, carol], [...after, { ...carol }])).toBe(
      [
        'Ada Lovelace (s-001): 50 -> 41 (-9)',
        '  task                          before  after  change',
        '  hello-lambda/create-function      30     27      -3',
        '  hello-lambda (late penalty)        -     -6      -6',
        'Brian (s-002): 50 -> 57 (+7)',
        '  task                          before  after  change',
        '  hello-lambda/create-function      30     27      -3',
        '  hello-lambda/test-invoke          10     20     +10',
        '',
        'Regrade: 3 learner(s) compared, 1 up, 1 down, 1 unchanged in total. Mean 50 -> 49.33.',
        '',
      ].join('\n'),
    );
  });
});
