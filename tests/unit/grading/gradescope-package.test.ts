/**
 * The Gradescope autograder package: its zip has setup.sh and run_autograder (executable) at the
 * root, and the generated run_autograder, run against a stand-in for /autograder (AUTOGRADER_ROOT),
 * grades the uploaded workbook into a results.json that validates against the published format.
 */
import { spawn } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { packageGradescope } from '../../../src/cli/package-gradescope.ts';
import { gradescopeResultsSchema } from '../../support/gradescope-schema.ts';
import { maxExercisePoints, maxQuizPoints } from './golden.ts';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const perfect = readFileSync(join(root, 'tests/fixtures/grading/perfect-submission.json'), 'utf8');

function runAutograder(autograder: string): Promise<number | null> {
  return new Promise((resolve) => {
    const child = spawn('bash', [join(autograder, 'source', 'run_autograder')], { env: { ...process.env, AUTOGRADER_ROOT: autograder }, stdio: 'ignore' });
    child.on('exit', (code) => resolve(code));
  });
}

describe('npm run package:gradescope', () => {
  let dir: string;
  let autograder: string;
  let zip: string;

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'workbook-gradescope-'));
    const bank = join(dir, 'bank.json');
    writeFileSync(bank, JSON.stringify({ hiddenTasks: ['layers/layer-order'], visibility: 'hidden' }));
    const lab = join(dir, 'lab.json');
    writeFileSync(lab, JSON.stringify({ hintCosts: [1, 2, 4] }));
    const out = packageGradescope(join(dir, 'dist'), bank, lab);
    zip = out.zip;
    // What Gradescope's image holds after setup.sh: the zip's contents in /autograder/source, with node_modules installed.
    autograder = join(dir, 'autograder');
    cpSync(out.folder, join(autograder, 'source'), { recursive: true });
    symlinkSync(join(root, 'node_modules'), join(autograder, 'source', 'node_modules'));
    mkdirSync(join(autograder, 'submission'), { recursive: true });
  });

  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('refuses a lab config the grader would refuse, before anything is uploaded', () => {
    const bad = join(dir, 'bad-lab.json');
    writeFileSync(bad, JSON.stringify({ latePenalty: { perDay: 10, cap: 50 } }));
    expect(() => packageGradescope(join(dir, 'bad'), undefined, bad)).toThrow('A late penalty needs the lab\'s due date (WORKBOOK_LAB_DUE or "due").');
  });

  it('zips setup.sh and run_autograder at the root, executable, with the grader and no reference solutions', () => {
    const entries = unzipSync(readFileSync(zip), { filter: () => true });
    const names = Object.keys(entries);
    expect(names).toContain('setup.sh');
    expect(names).toContain('run_autograder');
    expect(names).toContain('src/cli/grade.ts');
    expect(names).toContain('exercises/layers/check.ts');
    expect(names).toContain('instructor-bank.json');
    expect(new TextDecoder().decode(entries['lab-config.json'])).toBe('{"hintCosts":[1,2,4]}');
    expect(names.filter((n) => n.includes('/solution/') || n.endsWith('.test.ts'))).toEqual([]);
    const pkg = JSON.parse(new TextDecoder().decode(entries['package.json'])) as { dependencies: Record<string, string> };
    expect(Object.keys(pkg.dependencies)).toContain('tsx');
    expect(Object.keys(pkg.dependencies)).not.toContain('astro');
  });

  it('keeps the executable bit in the zip (read back with python\'s zipfile)', async () => {
    const script = "import sys, zipfile; z = zipfile.ZipFile(sys.argv[1]); print(oct((z.getinfo('run_autograder').external_attr >> 16) & 0o777), oct((z.getinfo('setup.sh').external_attr >> 16) & 0o777))";
    const out = await new Promise<string>((resolve) => {
      const child = spawn('python3', ['-c', script, zip]);
      let text = '';
      child.stdout.on('data', (c: Buffer) => (text += c.toString()));
      child.on('exit', () => resolve(text.trim()));
    });
    expect(out).toBe('0o755 0o755');
  });

  it('run_autograder grades the uploaded workbook into results/results.json', async () => {
    writeFileSync(join(autograder, 'submission', 'lambda-workbook-progress.json'), perfect);
    expect(await runAutograder(autograder)).toBe(0);
    const results = gradescopeResultsSchema.parse(JSON.parse(readFileSync(join(autograder, 'results', 'results.json'), 'utf8')));
    expect(results.score).toBe(maxExercisePoints + maxQuizPoints);
    expect(results.tests!.filter((t) => t.visibility === 'hidden').map((t) => t.name)).toEqual(['Layers: Add a second layer that replaces the word list']);
  }, 120_000);

  it('an upload without exactly one workbook still gets a results.json saying what to upload', async () => {
    rmSync(join(autograder, 'submission'), { recursive: true, force: true });
    mkdirSync(join(autograder, 'submission'));
    expect(await runAutograder(autograder)).toBe(0);
    const results = gradescopeResultsSchema.parse(JSON.parse(readFileSync(join(autograder, 'results', 'results.json'), 'utf8')));
    expect(results).toEqual({ score: 0, output: 'Upload exactly one file: the lambda-workbook-progress.json your workbook exported (found 0 .json files).', tests: [] });
  }, 60_000);
});
