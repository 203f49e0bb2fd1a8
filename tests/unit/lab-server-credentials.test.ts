/**
 * `npm run lab -- credentials`: per learner, an AWS CLI profile snippet and a one-page hand-out,
 * written from the lab's saved accounts and keys; and the profile works as written.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { TSX_WORKER_EXEC_ARGV } from '../../src/hosts/node/tsx.ts';
import { startLab } from './support/lab-server.ts';

function run(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [...TSX_WORKER_EXEC_ARGV, 'src/cli/lab.ts', ...args], { cwd: process.cwd() }, (err, stdout, stderr) =>
      resolve({ code: err ? ((err as { code?: number }).code ?? 1) : 0, stdout, stderr }),
    );
  });
}

describe('npm run lab -- credentials', () => {
  it('writes each learner a profile snippet and a hand-out with their own keys, and the profile signs in', { timeout: 120_000 }, async () => {
    const lab = await startLab('name,id\nAda Lovelace,ada\n"Kernighan, Brian",brian\n');
    try {
      const state = join(lab.dir, 'state');
      const written = await run(['credentials', '--state', state, '--endpoint', lab.url]);
      expect(written).toMatchObject({ code: 0, stderr: '' });
      const out = join(state, 'handouts');
      expect(readdirSync(out).sort()).toEqual(['ada.aws-config', 'ada.md', 'brian.aws-config', 'brian.md']);
      const brian = lab.learner('brian');
      expect(readFileSync(join(out, 'brian.aws-config'), 'utf8')).toBe(
        `[profile brian]\naws_access_key_id = ${brian.accessKeyId}\naws_secret_access_key = ${brian.secretAccessKey}\nregion = us-east-1\nendpoint_url = ${lab.url}\n`,
      );
      expect(statSync(join(out, 'brian.aws-config')).mode & 0o777).toBe(0o600);
      const page = readFileSync(join(out, 'brian.md'), 'utf8');
      expect(page.split('\n')[0]).toBe('# Lambda Workbook lab: Kernighan, Brian');
      for (const line of [`| Endpoint | \`${lab.url}\` |`, `| Account id | \`${brian.accountId}\` |`, `| Access key id | \`${brian.accessKeyId}\` |`, `| Secret access key | \`${brian.secretAccessKey}\` |`, 'aws sts get-caller-identity --profile brian']) {
        expect(page).toContain(line);
      }
      expect(page).not.toContain(lab.learner('ada').secretAccessKey);

      // The snippet, as a learner's ~/.aws/config, signs requests the lab server accepts as Brian's.
      const home = mkdtempSync(join(tmpdir(), 'lab-home-'));
      writeFileSync(join(home, 'config'), readFileSync(join(out, 'brian.aws-config')));
      const saved = { ...process.env };
      process.env['AWS_CONFIG_FILE'] = join(home, 'config');
      process.env['AWS_SHARED_CREDENTIALS_FILE'] = join(home, 'credentials');
      process.env['AWS_PROFILE'] = 'brian';
      for (const k of ['AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_SESSION_TOKEN', 'AWS_REGION', 'AWS_DEFAULT_REGION', 'AWS_ENDPOINT_URL']) delete process.env[k];
      const sts = new STSClient({ maxAttempts: 1 });
      try {
        expect((await sts.send(new GetCallerIdentityCommand({}))).Account).toBe(brian.accountId);
      } finally {
        sts.destroy();
        process.env = saved;
      }

      const missing = await run(['credentials', '--state', state]);
      expect(missing.code).toBe(2);
      expect(missing.stderr).toContain('Give the address learners reach the lab server at with --endpoint');
    } finally {
      await lab.stop();
    }
  });
});
