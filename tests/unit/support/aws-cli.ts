/** The AWS CLI v2 the end-to-end tests drive (a real client no one here wrote), in a throwaway home with fake credentials. */
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { promisify } from 'node:util';

export const run = promisify(execFile);

/** The first `aws` on PATH that is version 2 (PATH may also hold a v1 shim). */
export async function findAwsCliV2(): Promise<string> {
  const seen: string[] = [];
  for (const dir of (process.env['PATH'] ?? '').split(delimiter)) {
    const candidate = join(dir, 'aws');
    if (!existsSync(candidate) || !statSync(candidate).isFile()) continue;
    try {
      const { stdout, stderr } = await run(candidate, ['--version']);
      const version = `${stdout}${stderr}`.trim();
      seen.push(`${candidate}: ${version}`);
      if (version.startsWith('aws-cli/2.')) return candidate;
    } catch (err) {
      seen.push(`${candidate}: ${String(err)}`);
    }
  }
  throw new Error(`AWS CLI v2 not found on PATH (install it: apt-get install -y awscli). Looked at: ${seen.join('; ') || 'no aws executables'}`);
}

export interface AwsCliSession {
  /** The working directory (and HOME) the CLI runs in: files for fileb:// and s3 cp go here. */
  dir: string;
  /** Runs `aws --endpoint-url <server> --output json ...args` and parses what it prints. */
  aws(...args: string[]): Promise<Record<string, unknown>>;
  /** Runs `aws --endpoint-url <server> ...args` and returns what it prints (the `aws s3` commands print text). */
  text(...args: string[]): Promise<string>;
}

export async function awsCliSession(endpoint: string): Promise<AwsCliSession> {
  const cli = await findAwsCliV2();
  const dir = mkdtempSync(join(tmpdir(), 'aws-cli-'));
  const env = {
    PATH: process.env['PATH'] ?? '',
    HOME: dir,
    AWS_ACCESS_KEY_ID: 'AKIDEXAMPLE',
    AWS_SECRET_ACCESS_KEY: 'secret',
    AWS_REGION: 'us-east-1',
    AWS_PAGER: '',
    AWS_CONFIG_FILE: join(dir, 'config'),
    AWS_SHARED_CREDENTIALS_FILE: join(dir, 'credentials'),
  };
  const text = async (...args: string[]) => (await run(cli, ['--endpoint-url', endpoint, ...args], { env, cwd: dir })).stdout;
  return {
    dir,
    text,
    async aws(...args) {
      const stdout = await text('--output', 'json', ...args);
      return stdout.trim() === '' ? {} : (JSON.parse(stdout) as Record<string, unknown>);
    },
  };
}

/** The CLI as one function, for tests that only need JSON answers (the SQS suite). */
export interface AwsCli {
  /** Runs `aws --endpoint-url <url> --output json ...args` and parses its JSON output (`{}` when it prints nothing). */
  (...args: string[]): Promise<Record<string, unknown>>;
  /** The working directory the CLI runs in (fileb:// paths are relative to it). */
  dir: string;
}

export async function awsCli(url: string): Promise<AwsCli> {
  const session = await awsCliSession(url);
  return Object.assign((...args: string[]) => session.aws(...args), { dir: session.dir });
}
