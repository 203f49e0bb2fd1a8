/** The real AWS CLI v2 (Debian's 2.9 speaks SQS's query protocol), run against an emulator URL with fake credentials. */
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

export interface AwsCli {
  /** Runs `aws --endpoint-url <url> --output json ...args` and parses its JSON output (`{}` when it prints nothing). */
  (...args: string[]): Promise<Record<string, unknown>>;
  /** The working directory the CLI runs in (fileb:// paths are relative to it). */
  dir: string;
}

/** A CLI bound to `url`, with fake credentials and a home of its own. */
export async function awsCli(url: string): Promise<AwsCli> {
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
  const aws = async (...args: string[]) => {
    const { stdout } = await run(cli, ['--endpoint-url', url, '--output', 'json', ...args], { env, cwd: dir });
    return stdout.trim() === '' ? {} : (JSON.parse(stdout) as Record<string, unknown>);
  };
  return Object.assign(aws, { dir });
}
