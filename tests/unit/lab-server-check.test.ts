/**
 * `npm run check -- <exercise> --lab`: every learner's own account on the lab server is checked
 * directly, from the lab's folder or from the server's address with the instructor's keys.
 */
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { TSX_WORKER_EXEC_ARGV } from '../../src/hosts/node/tsx.ts';
import { clientsFor, destroy, doHelloLambda, startLab } from './support/lab-server.ts';

function check(args: string[], env: NodeJS.ProcessEnv = process.env, cli = 'src/cli/check.ts'): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [...TSX_WORKER_EXEC_ARGV, cli, ...args], { cwd: process.cwd(), env }, (err, stdout, stderr) =>
      resolve({ code: err ? ((err as { code?: number }).code ?? 1) : 0, stdout, stderr }),
    );
  });
}

describe('npm run check -- --lab', () => {
  it('checks each learner in their own account, from the lab folder or the admin endpoint', { timeout: 240_000 }, async () => {
    const lab = await startLab('name,id\nAda Lovelace,ada\nBrian Kernighan,brian\n', ['--inline']);
    const ada = clientsFor(lab.url, lab.learner('ada'));
    try {
      const account = lab.learner('ada').accountId;
      await doHelloLambda(ada, account);

      const out = join(lab.dir, 'grades.csv');
      const fromFolder = await check(['hello-lambda', '--lab', join(lab.dir, 'state'), '--endpoint', lab.url, '--format', 'csv', '--out', out]);
      expect(fromFolder.stderr).toBe('');
      expect(fromFolder.code).toBe(0);
      // Ada made hello-lambda and ran it (the qualifiers question is not answered: no answers in a live account); Brian made nothing.
      // Each row ends with its failing checks, expected and got (quoted, across lines).
      const rows = readFileSync(out, 'utf8').trim().split(/\r\n(?=[^\r\n]*,graded,|$)/);
      const starts = [
        'Name,ID,File,Status,"Exercise: Hello, Lambda [100]",Total [100],Failing checks',
        `Ada Lovelace,ada,${lab.url}#${account},graded,73.33,73.33,`,
        `Brian Kernighan,brian,${lab.url}#${lab.learner('brian').accountId},graded,0,0,`,
      ];
      expect(rows.map((r, i) => r.slice(0, starts[i]?.length))).toEqual(starts);
      expect(rows[1]).toContain('hello-lambda/qualifiers: Expected: an answer to ""qualified-arn"" Got: no answer');
      expect(rows[2]).toContain('hello-lambda/create-function: Expected: a function named hello-lambda Got: ResourceNotFoundException (no such function)');

      // The same from the server's address, with the instructor's keys from the environment.
      const env = { ...process.env, AWS_ACCESS_KEY_ID: lab.config.admin.accessKeyId, AWS_SECRET_ACCESS_KEY: lab.config.admin.secretAccessKey, AWS_REGION: 'us-east-1' };
      const out2 = join(lab.dir, 'grades2.csv');
      const fromEndpoint = await check(['hello-lambda', '--lab', lab.url, '--format', 'csv', '--out', out2], env);
      expect(fromEndpoint.code).toBe(0);
      expect(readFileSync(out2, 'utf8')).toBe(readFileSync(out, 'utf8'));

      // npm run grade grades every exercise the same way, straight from the server.
      const graded = join(lab.dir, 'graded.csv');
      const grade = await check(['--lab', join(lab.dir, 'state'), '--endpoint', lab.url, '--format', 'csv', '--out', graded], process.env, 'src/cli/grade.ts');
      expect([grade.code, grade.stderr]).toEqual([0, '']);
      const gradedRows = readFileSync(graded, 'utf8').trim().split(/\r\n(?=[^\r\n]*,graded,|$)/);
      expect(gradedRows[0]).toMatch(/^Name,ID,File,Status,"Exercise: Hello, Lambda \[100\]",Exercise: Environment variables \[\d+\],.*Total \[\d+\],Failing checks$/);
      expect(gradedRows[1]).toMatch(new RegExp(`^Ada Lovelace,ada,${lab.url}#${account},graded,73\\.33,0,`));
      expect(gradedRows[2]).toMatch(new RegExp(`^Brian Kernighan,brian,${lab.url}#${lab.learner('brian').accountId},graded,0,0,`));
      const mixed = await check(['--lab', lab.url, 'submission.json'], process.env, 'src/cli/grade.ts');
      expect([mixed.code, mixed.stderr.split('\n')[0]]).toEqual([2, '--lab grades the accounts on the lab server: leave out the submission files.']);

      // A learner's keys cannot list the class.
      const learnerEnv = { ...env, AWS_ACCESS_KEY_ID: lab.learner('brian').accessKeyId, AWS_SECRET_ACCESS_KEY: lab.learner('brian').secretAccessKey };
      const refused = await check(['hello-lambda', '--lab', lab.url], learnerEnv);
      expect(refused.code).toBe(1);
      expect(refused.stderr).toContain(`would not list its learners (HTTP 403: User: arn:aws:iam::${lab.learner('brian').accountId}:root is not authorized to perform this operation.)`);
    } finally {
      destroy(ada);
      await lab.stop();
    }
  });
});
