/**
 * A real-AWS lab for a class, with the emulator's HTTP server standing in for the shared account:
 * `npm run check -- <exercise> --aws --class roster.csv` checks each learner under their prefix
 * and writes the same reports as `npm run grade`.
 */
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createNodeFunction } from '../../../src/checks/reference-steps.ts';
import { parseCsv, readRoster } from '../../../src/grading/roster.ts';
import { gradescopeResultsSchema } from '../../support/gradescope-schema.ts';
import { httpEmulator, stepsContext, type Emulator } from '../exercises/harness.ts';
import { referenceSteps } from '../exercises/steps.ts';
import { TEXT_IMPORTS_ARGS } from '../../../src/hosts/node/tsx.ts';

const root = fileURLToPath(new URL('../../../', import.meta.url));

function check(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const env = { PATH: process.env['PATH'], HOME: '/nonexistent-home', AWS_CONFIG_FILE: '/nonexistent/config', AWS_SHARED_CREDENTIALS_FILE: '/nonexistent/credentials', AWS_EC2_METADATA_DISABLED: 'true', AWS_ACCESS_KEY_ID: 'AKIDEXAMPLE', AWS_SECRET_ACCESS_KEY: 'workbook-secret' };
    const child = spawn(`${root}node_modules/.bin/tsx`, [...TEXT_IMPORTS_ARGS, 'src/cli/check.ts', ...args], { cwd: root, env });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    child.on('exit', (code) => resolve({ code, stdout, stderr }));
  });
}

function python(script: string, input: string): Promise<string> {
  return new Promise((resolve) => {
    const child = spawn('python3', ['-c', script]);
    let out = '';
    child.stdout.on('data', (c: Buffer) => (out += c.toString()));
    child.on('exit', () => resolve(out));
    child.stdin.end(input);
  });
}

describe('checking a class in one shared account', () => {
  let emu: Emulator;
  let dir: string;
  let roster: string;

  beforeAll(async () => {
    emu = await httpEmulator();
    dir = mkdtempSync(join(tmpdir(), 'workbook-class-'));
    mkdirSync(join(dir, 'answers'));
    // Alice did the whole lab; Bob created the function but never tested it; Carol did nothing.
    const alice = stepsContext('alice-');
    await referenceSteps['hello-lambda']!.solve(emu.lambda, alice);
    writeFileSync(join(dir, 'answers', 'alice.json'), JSON.stringify(alice.answers));
    const bob = stepsContext('bob-');
    await createNodeFunction(emu.lambda, bob, 'hello-lambda', { 'index.mjs': 'export const handler = async () => ({ statusCode: 200, body: JSON.stringify("Hello from Lambda!") });' });
    writeFileSync(join(dir, 'answers', 'bob.json'), JSON.stringify({ version: 1, quizzes: {}, lessonsRead: {}, exercises: { 'hello-lambda': { answers: { 'role-policy': 'AWSLambdaBasicExecutionRole', 'arn-choice': 'a' } } } }));
    roster = join(dir, 'roster.csv');
    writeFileSync(roster, 'name,id,prefix,answers\r\n"Liddell, Alice",s-01,alice-,answers/alice.json\r\nBob,s-02,bob-,answers/bob.json\r\nCarol,s-03,carol-,\r\n');
  }, 60_000);

  afterAll(async () => {
    await emu?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const aws = (extra: string[]) => check(['hello-lambda', '--aws', '--endpoint', emu.url!, '--region', 'us-east-1', '--class', roster, ...extra]);

  it('writes a CSV gradebook with each learner graded on their own prefixed resources', async () => {
    const out = join(dir, 'class.csv');
    const result = await aws(['--format', 'csv', '--out', out]);
    expect(result.code).toBe(0);
    expect(result.stderr).toContain('Against AWS the checker only reads and invokes: it created, changed and deleted nothing.');
    const rows = JSON.parse(await python('import csv,json,sys; print(json.dumps(list(csv.reader(sys.stdin))))', readFileSync(out, 'utf8'))) as string[][];
    const missing = (task: string): string => `hello-lambda/${task}: Expected: a function named carol-hello-lambda Got: ResourceNotFoundException (no such function)`;
    expect(rows).toEqual([
      // Failing checks say what they expected and what they found, after the total.
      ['Name', 'ID', 'File', 'Status', 'Exercise: Hello, Lambda [100]', 'Total [100]', 'Failing checks'],
      ['Liddell, Alice', 's-01', `${roster}#alice-`, 'graded', '100', '100', ''],
      // Bob: function and role right (30 + 10), ARN answers missing and wrong (0), test passes (20), no logs yet (0).
      [
        'Bob', 's-02', `${roster}#bob-`, 'graded', '60', '60',
        'hello-lambda/qualifiers: Expected: an answer to "qualified-arn" Got: no answer Expected: the choice that describes qualified and unqualified ARNs Got: answer a\n' +
          'hello-lambda/logs: Expected: the log group /aws/lambda/bob-hello-lambda Got: no such log group',
      ],
      [
        'Carol', 's-03', `${roster}#carol-`, 'graded', '0', '0',
        [missing('create-function'), missing('execution-role'), missing('qualifiers'), missing('test-invoke'), 'hello-lambda/logs: Expected: the log group /aws/lambda/carol-hello-lambda Got: no such log group'].join('\n'),
      ],
    ]);
  }, 60_000);

  it('writes JUnit XML and a results.json per learner in the same formats as npm run grade', async () => {
    const junit = await aws(['--format', 'junit']);
    const parsed = JSON.parse(await python("import sys,json,xml.etree.ElementTree as ET; r=ET.fromstring(sys.stdin.read()); print(json.dumps([s.get('name') for s in r.findall('testsuite')]))", junit.stdout)) as string[];
    expect(parsed).toEqual(['Liddell, Alice (s-01) / Hello, Lambda', 'Bob (s-02) / Hello, Lambda', 'Carol (s-03) / Hello, Lambda']);
    const out = join(dir, 'gradescope');
    mkdirSync(out);
    expect((await aws(['--format', 'gradescope', '--out', out])).code).toBe(0);
    const carol = gradescopeResultsSchema.parse(JSON.parse(readFileSync(join(out, 'roster.csv#carol-.results.json'), 'utf8')));
    expect(carol.score).toBe(0);
    expect(carol.tests![0]!.output).toBe('Expected a function named carol-hello-lambda, but Lambda answered ResourceNotFoundException. Create it in the Lambda console: Create function, Author from scratch, Function name hello-lambda, Runtime Node.js (or Python).\nExpected: a function named carol-hello-lambda\nGot: ResourceNotFoundException (no such function)');
  }, 60_000);

  it('prints the class table, and stops at once when the account cannot be reached', async () => {
    // Without Bob: the checker's own test invocation in the runs above has since written his logs.
    const two = join(dir, 'two.csv');
    writeFileSync(two, 'name,id,prefix,answers\n"Liddell, Alice",s-01,alice-,answers/alice.json\nCarol,s-03,carol-,\n');
    const table = await check(['hello-lambda', '--aws', '--endpoint', emu.url!, '--region', 'us-east-1', '--class', two]);
    expect(table.stdout).toMatch(/Liddell, Alice\s+s-01\s+100\s+100\s+graded/);
    expect(table.stdout).toContain('2 submission(s): 2 graded, mean 50/100.');
    const down = await check(['hello-lambda', '--aws', '--endpoint', 'http://127.0.0.1:9', '--region', 'us-east-1', '--class', roster]);
    expect(down.code).toBe(1);
    expect(down.stderr).toMatch(/^Could not reach the endpoint/);
  }, 60_000);

  it('reads rosters as RFC 4180 and refuses one without prefixes, saying where', () => {
    expect(parseCsv('a,"b ""c"", d",e\r\n1,"x\ny",3')).toEqual([['a', 'b "c", d', 'e'], ['1', 'x\ny', '3']]);
    expect(() => readRoster('name,id\nA,1\n', 'r.csv')).toThrow('r.csv needs the columns name, id and prefix in its first row; it has name, id.');
    expect(() => readRoster('name,id,prefix\nA,1,a-\nB,2,a-\n', 'r.csv')).toThrow('r.csv line 3: the prefix a- is also on line 2; each learner needs their own.');
  });
});
