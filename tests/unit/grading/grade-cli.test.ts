/**
 * `npm run grade` as an instructor runs it, on a folder of golden submissions: every report read
 * back with standard tools (python3's csv and xml.etree, a zod schema of Gradescope's published
 * results.json format), exit statuses, and the same reports on a second run.
 */
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { UpdateFunctionCodeCommand } from '@aws-sdk/client-lambda';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { zipFiles } from '../../../src/checks/zip.ts';
import { emptyProgress, type Progress } from '../../../src/progress/index.ts';
import { gradeFiles } from '../../../src/cli/grading-pool.ts';
import { quizBanks } from '../../../src/quizzes/index.ts';
import { exercises } from '../../../exercises/index.ts';
import { gradescopeResultsSchema } from '../../support/gradescope-schema.ts';
import { infiniteLoop, maxExercisePoints, maxQuizPoints, partialProgress, partialQuizPoints, perfectProgress, tampered, workFor, workspace } from './golden.ts';
import { TEXT_IMPORTS_ARGS } from '../../../src/hosts/node/tsx.ts';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const max = maxExercisePoints + maxQuizPoints;

function run(command: string, args: string[], input?: string): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(command, args, { cwd: root });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    child.on('exit', (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(input ?? '');
  });
}

const grade = (args: string[]) => run(`${root}node_modules/.bin/tsx`, [...TEXT_IMPORTS_ARGS, 'src/cli/grade.ts', ...args, '--cpu-budget', '300']);
const python = (script: string, input: string) => run('python3', ['-c', script], input);

describe('npm run grade on a folder of submissions', () => {
  let dir: string;
  let subs: string;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'workbook-grade-'));
    subs = join(dir, 'submissions');
    mkdirSync(subs);
    const partial = await partialProgress({ name: 'Brian Kernighan', id: 's-002' });
    const loop = await workFor('hello-lambda', {
      after: async (lambda) => void (await lambda.send(new UpdateFunctionCodeCommand({ FunctionName: 'hello-lambda', ZipFile: zipFiles({ 'index.mjs': infiniteLoop }) }))),
    });
    const files: Record<string, unknown> = {
      'ada.json': await perfectProgress({ name: 'Ada Lovelace, "the first"', id: 's-001' }),
      'brian.json': partial,
      'carol.json': { ...emptyProgress(), learner: { name: 'Carol', id: 's-003' } } satisfies Progress,
      'dan.json': { ...emptyProgress(), learner: { name: 'Dan', id: 's-004' }, exercises: { 'hello-lambda': workspace('hello-lambda', loop) } } satisfies Progress,
      'eve.json': { ...tampered(partial), learner: { name: 'Eve', id: 's-005' } },
    };
    for (const [name, progress] of Object.entries(files)) writeFileSync(join(subs, name), JSON.stringify(progress));
    writeFileSync(join(subs, 'zed.json'), '{"version": 1, "quiz');
  }, 60_000);

  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const expectedTotals: Record<string, number> = {
    's-001': max,
    's-002': 100 + partialQuizPoints,
    's-003': 0,
    's-004': 80,
    's-005': 100 + partialQuizPoints,
    '': 0,
  };

  it('the CSV gradebook parses with python\'s csv module: one row per learner, one column per exercise and quiz, a total', async () => {
    const out = join(dir, 'grades.csv');
    const result = await grade([subs, '--format', 'csv', '--out', out]);
    expect(result.code).toBe(0);
    expect(result.stderr).toContain(`Not graded (unreadable): ${join(subs, 'zed.json')}: Saved progress is not valid JSON`);
    // stderr is not a terminal here: no progress bar.
    expect(result.stderr).not.toContain('graded\r');
    expect(result.stderr).not.toContain('6/6 graded');
    const parsed = await python('import csv,json,sys; print(json.dumps(list(csv.reader(sys.stdin))))', readFileSync(out, 'utf8'));
    const rows = JSON.parse(parsed.stdout) as string[][];
    expect(rows[0]!.slice(0, 5)).toEqual(['Name', 'ID', 'File', 'Status', 'Exercise: Hello, Lambda [100]']);
    // Name, ID, File, Status, the exercises, the quizzes, the total; then the failing checks' expected/got.
    expect(rows[0]!).toHaveLength(4 + exercises.length + quizBanks.length + 1 + 1);
    expect(rows[0]!.at(-2)).toBe(`Total [${max}]`);
    expect(rows[0]!.at(-1)).toBe('Failing checks');
    expect(rows.find((r) => r[0] === 'Brian Kernighan')!.at(-1)).toContain('environment-variables/add-variable: Expected: the key HELLO Got: no environment variables');
    expect(rows.slice(1).map((r) => [r[0], r[1], r[3], Number(r.at(-2))])).toEqual([
      ['Ada Lovelace, "the first"', 's-001', 'graded', expectedTotals['s-001']],
      ['Brian Kernighan', 's-002', 'graded', expectedTotals['s-002']],
      ['Carol', 's-003', 'graded', 0],
      ['Dan', 's-004', 'graded', 80],
      ['Eve', 's-005', 'graded', expectedTotals['s-005']],
      ['zed', '', 'corrupt', 0],
    ]);
    // Each row's columns add up to its total.
    for (const row of rows.slice(1)) expect(row.slice(4, -2).reduce((n, v) => n + Number(v), 0)).toBeCloseTo(Number(row.at(-2)), 5);
  }, 120_000);

  it('the JUnit XML parses with python\'s xml.etree, a failure per task not passed and an error for the corrupt file', async () => {
    const result = await grade([subs, '--format', 'junit']);
    expect(result.code).toBe(0);
    const script = `import sys, json, xml.etree.ElementTree as ET
root = ET.fromstring(sys.stdin.read())
print(json.dumps({'tests': root.get('tests'), 'failures': root.get('failures'), 'errors': root.get('errors'),
  'cases': len(root.findall('.//testcase')), 'failed': len(root.findall('.//failure')), 'error': [e.get('type') for e in root.findall('.//error')],
  'timedout': [c.get('name') for c in root.findall('.//testcase') if c.find('failure') is not None and c.find('failure').get('type') == 'timed out']}))`;
    const parsed = JSON.parse((await python(script, result.stdout)).stdout) as Record<string, unknown>;
    expect(parsed['error']).toEqual(['corrupt']);
    expect(Number(parsed['tests'])).toBe(parsed['cases']);
    expect(Number(parsed['failures'])).toBe(parsed['failed']);
    expect(parsed['timedout']).toEqual(['Hello, Lambda: Run a test event']);
  }, 120_000);

  it('--format gradescope writes a results.json per learner that validates against the published format', async () => {
    const out = join(dir, 'gradescope');
    mkdirSync(out);
    const bank = join(dir, 'bank.json');
    writeFileSync(bank, JSON.stringify({ hiddenTasks: ['hello-lambda/logs'], visibility: 'after_due_date' }));
    const result = await grade([subs, '--format', 'gradescope', '--out', out, '--bank', bank]);
    expect(result.code).toBe(0);
    expect(readdirSync(out).sort()).toEqual(['ada.results.json', 'brian.results.json', 'carol.results.json', 'dan.results.json', 'eve.results.json', 'zed.results.json']);
    for (const name of readdirSync(out)) {
      const json = JSON.parse(readFileSync(join(out, name), 'utf8')) as unknown;
      expect(gradescopeResultsSchema.safeParse(json).success, name).toBe(true);
    }
    const ada = gradescopeResultsSchema.parse(JSON.parse(readFileSync(join(out, 'ada.results.json'), 'utf8')));
    expect(ada.score).toBe(max);
    expect(ada.tests!.find((t) => t.name === 'Hello, Lambda: Find the log group, the log stream and the REPORT line')!.visibility).toBe('after_due_date');
    expect(ada.tests!.filter((t) => t.visibility !== 'visible')).toHaveLength(1);
    const dan = gradescopeResultsSchema.parse(JSON.parse(readFileSync(join(out, 'dan.results.json'), 'utf8')));
    expect(dan.tests!.find((t) => t.name === 'Hello, Lambda: Run a test event')!.output).toMatch(/^Timed out\. Invoking hello-lambda with the test event: the function failed with Sandbox\.Timedout/);
    const zed = gradescopeResultsSchema.parse(JSON.parse(readFileSync(join(out, 'zed.results.json'), 'utf8')));
    expect([zed.score, zed.tests]).toEqual([0, []]);
    expect(zed.output).toMatch(/^Your upload could not be read as an exported workbook: Saved progress is not valid JSON/);
  }, 120_000);

  it('grading the same submissions twice gives identical reports', async () => {
    const first = await grade([subs]);
    const second = await grade([subs]);
    expect(first.code).toBe(0);
    expect(second.stdout).toBe(first.stdout);
    expect(first.stdout).toContain('Dan (s-004), ');
    expect(first.stdout).toContain('6 submission(s): 5 graded, mean');
    expect(first.stdout).toContain('note: The file claims 100/100 for Environment variables; the work earns 0/100.');
  }, 120_000);

  it('exit status: 1 with --strict when a file is unreadable, 2 for a usage mistake', async () => {
    expect((await grade([join(subs, 'zed.json'), '--strict'])).code).toBe(1);
    const usage = await grade([join(dir, 'nowhere')]);
    expect(usage.code).toBe(2);
    expect(usage.stderr).toContain(`${join(dir, 'nowhere')} does not exist.`);
    const gradescope = await grade([join(subs, 'carol.json'), join(subs, 'dan.json'), '--format', 'gradescope']);
    expect(gradescope.code).toBe(2);
    expect(gradescope.stderr).toContain('--format gradescope writes one learner\'s results.json; 2 submissions were given.');
  }, 120_000);

  it('a worker that overruns a submission\'s deadline is stopped and replaced; that submission is a grader failure, the next is still graded', async () => {
    const grades = await gradeFiles([join(subs, 'ada.json'), join(subs, 'zed.json')], { jobs: 1, taskTimeoutMs: 1_000, cpuBudgetMs: 300, submissionDeadlineMs: 1 });
    expect(grades.map((g) => g.status)).toEqual(['error', 'error']);
    expect(grades[0]!.problem).toBe(`Grading ${join(subs, 'ada.json')} took longer than 0.001 s; its worker was stopped.`);
  }, 120_000);

  it('a file far larger than any workbook export is reported unread, without parsing it', async () => {
    const big = join(dir, 'big.json');
    writeFileSync(big, '');
    truncateSync(big, 51 * 1024 * 1024);
    const [grade] = await gradeFiles([big], { jobs: 1, taskTimeoutMs: 1_000, cpuBudgetMs: 300, submissionDeadlineMs: 60_000 });
    expect([grade!.status, grade!.problem]).toEqual(['corrupt', 'The file is 51 MB; a workbook export is far smaller, so it was not read.']);
  }, 60_000);

  it('on a terminal, a progress bar on stderr counts the graded submissions', async () => {
    const command = `${root}node_modules/.bin/tsx ${TEXT_IMPORTS_ARGS.join(' ')} src/cli/grade.ts ${join(subs, 'zed.json')} ${join(subs, 'carol.json')} --format csv --out ${join(dir, 'tty.csv')}`;
    // util-linux script gives the grader a pseudo-terminal, as an instructor's shell would.
    const { stdout } = await run('script', ['-qec', command, '/dev/null']);
    expect(stdout).toContain('] 1/2 graded\r');
    expect(stdout).toContain(`\r[${'#'.repeat(30)}] 2/2 graded\r\n`);
  }, 60_000);
});
