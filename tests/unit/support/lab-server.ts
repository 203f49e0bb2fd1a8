/**
 * The lab server as `npm run emulator -- --lab roster.csv --state DIR` starts it, spawned with node
 * itself on a free loopback port, and SDK v3 clients signed with one lab identity's keys.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CreateFunctionCommand, InvokeCommand, LambdaClient } from '@aws-sdk/client-lambda';
import { S3Client } from '@aws-sdk/client-s3';
import { SQSClient } from '@aws-sdk/client-sqs';
import { SNSClient } from '@aws-sdk/client-sns';
import { IAMClient } from '@aws-sdk/client-iam';
import { STSClient } from '@aws-sdk/client-sts';
import { CloudWatchLogsClient } from '@aws-sdk/client-cloudwatch-logs';
import { TSX_WORKER_EXEC_ARGV } from '../../../src/hosts/node/tsx.ts';
import type { LabConfig, LabIdentity } from '../../../src/hosts/node/lab-config.ts';
import { zipBytes } from './harness.ts';

export interface SpawnedLab {
  url: string;
  dir: string;
  child: ChildProcess;
  config: LabConfig;
  /** The learner with this roster id. */
  learner(id: string): LabIdentity;
  output(): string;
  stop(): Promise<void>;
}

export function startLab(roster: string, args: string[] = [], dir = mkdtempSync(join(tmpdir(), 'lab-'))): Promise<SpawnedLab> {
  const rosterPath = join(dir, 'roster.csv');
  writeFileSync(rosterPath, roster);
  const child = spawn(process.execPath, [...TSX_WORKER_EXEC_ARGV, 'src/cli/emulator.ts', '--lab', rosterPath, '--state', join(dir, 'state'), '--port', '0', ...args], {
    cwd: process.cwd(),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`lab server did not start: ${out}`)), 60_000);
    child.stderr!.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const m = /listening on (https?:\/\/127\.0\.0\.1:\d+)/.exec(out);
      // The banner's last line: its lines may arrive in separate chunks on a busy machine.
      if (!m || !/Hand-outs: .*\n/.test(out)) return;
      clearTimeout(timer);
      child.removeAllListeners('exit');
      const config = JSON.parse(readFileSync(join(dir, 'state', 'lab.json'), 'utf8')) as LabConfig;
      resolve({
        url: m[1]!,
        dir,
        child,
        config,
        learner: (id) => config.learners.find((l) => l.id === id)!,
        output: () => out,
        stop: () =>
          new Promise<void>((done) => {
            if (child.exitCode !== null) return done();
            child.once('exit', () => done());
            child.kill('SIGTERM');
          }),
      });
    });
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`lab server exited with ${code}: ${out}`));
    });
  });
}

export interface Keys {
  accessKeyId: string;
  secretAccessKey: string;
}

const config = (url: string, keys: Keys, extra: object = {}) => ({
  region: 'us-east-1',
  endpoint: url,
  credentials: { accessKeyId: keys.accessKeyId, secretAccessKey: keys.secretAccessKey },
  maxAttempts: 1,
  ...extra,
});

/** Every client a learner uses, signed with `keys`; `extra` (such as systemClockOffset) goes to each. */
export function clientsFor(url: string, keys: Keys, extra: object = {}) {
  return {
    lambda: new LambdaClient(config(url, keys, extra)),
    s3: new S3Client({ ...config(url, keys, extra), forcePathStyle: true }),
    sqs: new SQSClient(config(url, keys, extra)),
    sns: new SNSClient(config(url, keys, extra)),
    iam: new IAMClient(config(url, keys, extra)),
    sts: new STSClient(config(url, keys, extra)),
    logs: new CloudWatchLogsClient(config(url, keys, extra)),
  };
}

export type LabClients = ReturnType<typeof clientsFor>;

export function destroy(clients: LabClients): void {
  for (const client of Object.values(clients)) client.destroy();
}

/** A raw request signed with `keys` for `service` (for routes no SDK client has, and hand-made bodies). */
export async function signedFetch(
  url: string,
  keys: Keys,
  request: { method?: string; path: string; headers?: Record<string, string>; body?: string; service?: string },
): Promise<Response> {
  const { SignatureV4 } = await import('@smithy/signature-v4');
  const { Sha256Js } = await import('@smithy/core/checksum');
  const host = new URL(url).host;
  const [path, query = ''] = request.path.split('?');
  // S3 signs the path as sent; the other services encode it once more.
  const signer = new SignatureV4({ service: request.service ?? 'lambda', region: 'us-east-1', sha256: Sha256Js, credentials: keys, uriEscapePath: request.service !== 's3' });
  const signed = await signer.sign({
    method: request.method ?? 'GET',
    protocol: 'http:',
    hostname: host,
    path: path!,
    query: Object.fromEntries(new URLSearchParams(query)),
    headers: { host, ...(request.headers ?? {}) },
    ...(request.body !== undefined ? { body: request.body } : {}),
  });
  return fetch(`${url}${request.path}`, { method: request.method ?? 'GET', headers: signed.headers as Record<string, string>, ...(request.body !== undefined ? { body: request.body } : {}) });
}

/** A learner who did "Hello, Lambda" in their own account: the solution's code, tested once with the console's event. */
export async function doHelloLambda(clients: LabClients, accountId: string): Promise<void> {
  await clients.lambda.send(new CreateFunctionCommand({
    FunctionName: 'hello-lambda', Runtime: 'nodejs22.x', Role: `arn:aws:iam::${accountId}:role/lambda-role`, Handler: 'index.handler',
    Code: { ZipFile: zipBytes({ 'index.mjs': readFileSync('exercises/hello-lambda/solution/index.mjs', 'utf8') }) },
  }));
  await clients.lambda.send(new InvokeCommand({ FunctionName: 'hello-lambda', Payload: new TextEncoder().encode('{"key1":"value1","key2":"value2","key3":"value3"}') }));
}
