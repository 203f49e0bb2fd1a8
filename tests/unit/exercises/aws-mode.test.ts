/**
 * Real-AWS mode, with the emulator's HTTP server standing in for AWS: the same SDK path with an
 * endpoint override and target 'aws'. A recording proxy in front of the server proves that no
 * request that writes ever reached it, and the CLI is run as a learner runs it.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createServer, request as httpRequest, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fetchDownload } from '../../../src/checks/context.ts';
import { runChecks } from '../../../src/checks/run.ts';
import type { CheckReport } from '../../../src/checks/types.ts';
import { clientsFor, httpEmulator, stepsContext, type Emulator } from './harness.ts';
import { referenceSteps } from './steps.ts';
import { TEXT_IMPORTS_ARGS } from '../../../src/hosts/node/tsx.ts';

const root = fileURLToPath(new URL('../../../', import.meta.url));

interface Seen {
  method: string;
  path: string;
  /** CloudWatch Logs operations travel as X-Amz-Target. */
  target: string | undefined;
  /** IAM operations travel as Action= in a form-encoded body. */
  action?: string;
}

/** Forwards every request to `upstream`, remembering what passed. */
async function recordingProxy(upstream: string): Promise<{ url: string; seen: Seen[]; close(): Promise<void> }> {
  const seen: Seen[] = [];
  const target = new URL(upstream);
  const server: Server = createServer((req, res) => {
    const entry: Seen = { method: req.method ?? '', path: (req.url ?? '').split('?')[0] ?? '', target: req.headers['x-amz-target'] as string | undefined };
    seen.push(entry);
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString()));
    req.on('end', () => {
      const action = new URLSearchParams(body).get('Action');
      if (action !== null) entry.action = action;
    });
    const forward = httpRequest({ hostname: target.hostname, port: target.port, method: req.method, path: req.url, headers: req.headers }, (upstreamRes) => {
      res.writeHead(upstreamRes.statusCode ?? 502, upstreamRes.headers);
      upstreamRes.pipe(res);
    });
    req.pipe(forward);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    seen,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/**
 * Reads: GET and HEAD anything (Lambda, S3), POST to /invocations, the CloudWatch Logs
 * Describe/Get/Filter operations, IAM's Get/List ones, SQS's queue URL and attributes (never
 * ReceiveMessage) and EventBridge's rule and target reads.
 */
function isRead(request: Seen): boolean {
  if (request.method === 'POST' && request.path === '/' && request.action !== undefined) return /^(Get|List)[A-Za-z]+$/.test(request.action);
  if (request.method === 'GET' || request.method === 'HEAD') return true;
  if (request.method === 'POST' && /\/invocations$/.test(request.path)) return true;
  if (request.method === 'POST' && request.path === '/' && request.target !== undefined) {
    return /^(Logs_20140328\.(DescribeLogGroups|DescribeLogStreams|GetLogEvents|FilterLogEvents)|AmazonSQS\.(GetQueueUrl|GetQueueAttributes|ListQueues)|AWSEvents\.(DescribeRule|ListTargetsByRule|ListRules))$/.test(request.target);
  }
  return false;
}

function runCli(args: string[], env: Record<string, string | undefined>): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(`${root}node_modules/.bin/tsx`, [...TEXT_IMPORTS_ARGS, 'src/cli/check.ts', ...args], { cwd: root, env: env as NodeJS.ProcessEnv });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    child.on('exit', (code) => resolve({ code, stdout, stderr }));
  });
}

/** An environment with no credentials anywhere, and no instance metadata lookups (no network). */
function bareEnv(): Record<string, string | undefined> {
  const env: Record<string, string | undefined> = { PATH: process.env['PATH'], HOME: '/nonexistent-home' };
  return { ...env, AWS_CONFIG_FILE: '/nonexistent/config', AWS_SHARED_CREDENTIALS_FILE: '/nonexistent/credentials', AWS_EC2_METADATA_DISABLED: 'true' };
}

const keys = { AWS_ACCESS_KEY_ID: 'AKIDEXAMPLE', AWS_SECRET_ACCESS_KEY: 'workbook-secret' };

const lab = ['versions-and-aliases', 'layers', 'chaining', 's3-trigger', 'scheduled', 'sqs-batch', 'permissions'];

describe('checking a real account (the HTTP emulator standing in for AWS)', () => {
  let emu: Emulator;
  let proxy: Awaited<ReturnType<typeof recordingProxy>>;
  const answers: Record<string, Record<string, string>> = {};

  beforeAll(async () => {
    emu = await httpEmulator();
    // The learner's lab, done in one account under the prefix alice-: hello-lambda as after exercise 3, hello-layers, chain-caller calling
    // hello-lambda, and the exercises on triggers and permissions.
    for (const slug of lab) {
      const ctx = stepsContext('alice-');
      // chaining starts from the hello-lambda that versions-and-aliases left.
      if (slug !== 'chaining') await referenceSteps[slug]!.start(emu.lambda, ctx);
      await referenceSteps[slug]!.solve(emu.lambda, ctx);
      answers[slug] = ctx.answers;
    }
    proxy = await recordingProxy(emu.url!);
  }, 60_000);

  afterAll(async () => {
    await proxy?.close();
    await emu?.close();
  });

  async function checkAws(slug: string, prefix = 'alice-'): Promise<CheckReport> {
    const { lambda, logs } = clientsFor(proxy.url);
    try {
      return await runChecks(slug, { lambda, logs, target: 'aws', prefix, answers: answers[slug] ?? {}, download: fetchDownload });
    } finally {
      lambda.destroy();
      logs.destroy();
    }
  }

  it('passes the finished lab reading and invoking only', async () => {
    proxy.seen.length = 0;
    for (const slug of lab) {
      const report = await checkAws(slug);
      expect(report.tasks.filter((t) => !t.passed).map((t) => `${t.id}: ${t.message}`)).toEqual([]);
    }
    expect(proxy.seen.length).toBeGreaterThan(0);
    expect(proxy.seen.filter((r) => !isRead(r))).toEqual([]);
  });

  it('never creates its probe copies against AWS: environment-variables is judged from the code alone', async () => {
    proxy.seen.length = 0;
    const ctx = stepsContext('bob-');
    await referenceSteps['environment-variables']!.start(emu.lambda, ctx);
    await referenceSteps['environment-variables']!.solve(emu.lambda, ctx);
    const { lambda, logs } = clientsFor(proxy.url);
    const report = await runChecks('environment-variables', { lambda, logs, target: 'aws', prefix: 'bob-', answers: ctx.answers, download: fetchDownload });
    expect(report.tasks.filter((t) => !t.passed).map((t) => t.message)).toEqual([]);
    expect(report.tasks.find((t) => t.id === 'read-variable')!.message).toBe('index.mjs reads process.env.HELLO. index.mjs does not spell the value itself.');
    expect(proxy.seen.filter((r) => !isRead(r))).toEqual([]);
    expect(proxy.seen.some((r) => r.method === 'POST' && r.path === '/2015-03-31/functions')).toBe(false);
  });

  it('passes hello-lambda from its logs and one test invocation, writing nothing', async () => {
    const ctx = stepsContext('dave-');
    await referenceSteps['hello-lambda']!.solve(emu.lambda, ctx);
    proxy.seen.length = 0;
    const { lambda, logs } = clientsFor(proxy.url);
    const report = await runChecks('hello-lambda', { lambda, logs, target: 'aws', prefix: 'dave-', answers: ctx.answers, download: fetchDownload });
    expect(report.tasks.filter((t) => !t.passed).map((t) => t.message)).toEqual([]);
    expect(report.tasks.find((t) => t.id === 'logs')!.message).toMatch(/^The log group \/aws\/lambda\/dave-hello-lambda exists\. It holds log streams, newest \d{4}\/\d{2}\/\d{2}\/\[\$LATEST\][0-9a-f]{32}\. The stream \S+ holds END, REPORT, START lines, e\.g\. "REPORT RequestId: [0-9a-f-]{36} Duration: /);
    expect(proxy.seen.filter((r) => !isRead(r))).toEqual([]);
    expect(proxy.seen.filter((r) => /\/invocations$/.test(r.path))).toHaveLength(1);
  });

  it('says what is missing when the account does not hold the lab, and which resources it looked at', async () => {
    const report = await checkAws('hello-lambda', 'carol-');
    expect(report.tasks.find((t) => t.id === 'create-function')!.message).toBe(
      'Expected a function named carol-hello-lambda, but Lambda answered ResourceNotFoundException. Create it in the Lambda console: Create function, Author from scratch, Function name hello-lambda, Runtime Node.js (or Python).',
    );
    expect(report.resources).toEqual(['function carol-hello-lambda', 'log group /aws/lambda/carol-hello-lambda']);
    expect(report.points).toBe(0);
  });

  it('npm run check -- <exercise> --aws prints the table, the resources, and that nothing was written', async () => {
    proxy.seen.length = 0;
    const { code, stdout } = await runCli(['layers', '--aws', '--endpoint', proxy.url, '--region', 'us-east-1', '--prefix', 'alice-', '--answer', 'layer-wins=planet-words'], { ...bareEnv(), ...keys });
    expect(code).toBe(0);
    expect(stdout).toContain('layers: checked against the AWS account (us-east-1), prefix alice-');
    expect(stdout).toMatch(/1\. Publish the random-words layer\s+passed\s+25\/25/);
    expect(stdout).toContain('Total: 100/100');
    expect(stdout).toContain('Looked at: function alice-hello-layers; layer alice-planet-words:1; layer alice-random-words; layer alice-random-words:1');
    expect(stdout).toContain('Against AWS the checker only reads and invokes: it created, changed and deleted nothing.');
    expect(proxy.seen.filter((r) => !isRead(r))).toEqual([]);
  });

  it('--json gives the report as data, with exit code 1 when a task fails', async () => {
    const { code, stdout } = await runCli(['layers', '--aws', '--endpoint', proxy.url, '--region', 'us-east-1', '--prefix', 'alice-', '--json'], { ...bareEnv(), ...keys });
    expect(code).toBe(1);
    const report = JSON.parse(stdout) as CheckReport;
    expect(report.target).toBe('aws');
    expect(report.tasks.map((t) => [t.id, t.passed])).toEqual([['publish-layer', true], ['attach-layer', true], ['use-layer', true], ['layer-order', false]]);
    expect(report.tasks[3]!.message).toContain('No answer was given for "layer-wins"');
  });

  it('reads answers from a file given with --answers', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'workbook-answers-'));
    try {
      writeFileSync(join(dir, 'answers.json'), JSON.stringify({ 'layer-wins': 'alice-planet-words' }));
      const { code, stdout } = await runCli(['layers', '--aws', '--endpoint', proxy.url, '--region', 'us-east-1', '--prefix', 'alice-', '--answers', join(dir, 'answers.json'), '--json'], { ...bareEnv(), ...keys });
      expect((JSON.parse(stdout) as CheckReport).tasks.find((t) => t.id === 'layer-order')!.passed).toBe(true);
      expect(code).toBe(0);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('without credentials the CLI says how to provide them and sends nothing', async () => {
    proxy.seen.length = 0;
    const { code, stdout } = await runCli(['hello-lambda', '--aws', '--endpoint', proxy.url, '--region', 'us-east-1'], bareEnv());
    expect(code).toBe(1);
    expect(stdout).toContain('No AWS credentials were found');
    expect(stdout).toContain('Configure them with `aws configure` or `aws sso login`, or pass --profile with a profile that has them.');
    expect(stdout).not.toMatch(/\n\s+at /);
    expect(proxy.seen).toEqual([]);
  });

  it('without a Region the CLI asks for one and sends nothing', async () => {
    proxy.seen.length = 0;
    const { code, stdout } = await runCli(['hello-lambda', '--aws', '--endpoint', proxy.url], { ...bareEnv(), ...keys });
    expect(code).toBe(1);
    expect(stdout).toContain('No AWS Region is configured: pass --region (e.g. --region eu-west-1) or set it in your profile.');
    expect(proxy.seen).toEqual([]);
  });

  it('a profile that does not exist is named in the message', async () => {
    const { stdout } = await runCli(['hello-lambda', '--aws', '--profile', 'no-such-profile', '--endpoint', proxy.url, '--region', 'us-east-1'], bareEnv());
    expect(stdout).toContain('No AWS credentials were found');
    expect(stdout).toContain('no-such-profile');
  });

  it('against the emulator server, npm run check -- <exercise> --endpoint grades the same lab', async () => {
    const { code, stdout } = await runCli(['versions-and-aliases', '--endpoint', emu.url!, '--prefix', 'alice-'], { ...bareEnv() });
    expect(stdout).toContain(`versions-and-aliases: checked against the emulator at ${emu.url}, prefix alice-`);
    expect(stdout).toContain('Total: 100/100');
    expect(code).toBe(0);
  });

  it('tells a usage mistake apart from a failed check', async () => {
    const { code, stderr } = await runCli(['no-such-exercise', '--endpoint', emu.url!], bareEnv());
    expect(code).toBe(2);
    expect(stderr).toContain('No exercise "no-such-exercise".');
    expect(stderr).toContain('Exercises: hello-lambda, environment-variables, versions-and-aliases, layers');
  });
});
