/**
 * The emulator's state survives: service.snapshot() is plain JSON a page can store per exercise,
 * and `npm run emulator -- --state FILE` reloads it after a restart.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  CreateAliasCommand,
  CreateFunctionCommand,
  DeleteFunctionCommand,
  GetAliasCommand,
  GetFunctionConcurrencyCommand,
  GetFunctionEventInvokeConfigCommand,
  GetFunctionCommand,
  GetLayerVersionCommand,
  InvokeCommand,
  LambdaClient,
  ListFunctionsCommand,
  ListVersionsByFunctionCommand,
  PublishLayerVersionCommand,
  PublishVersionCommand,
  PutFunctionConcurrencyCommand,
  PutFunctionEventInvokeConfigCommand,
  UpdateFunctionCodeCommand,
} from '@aws-sdk/client-lambda';
import { CloudWatchLogsClient, DescribeLogGroupsCommand, DescribeLogStreamsCommand, PutRetentionPolicyCommand } from '@aws-sdk/client-cloudwatch-logs';
import { CreateQueueCommand, ReceiveMessageCommand, SendMessageCommand, type SQSClient } from '@aws-sdk/client-sqs';
import { CreateTopicCommand, GetSubscriptionAttributesCommand, SNSClient, SubscribeCommand } from '@aws-sdk/client-sns';
import { CreateEventBusCommand, DescribeRuleCommand, EventBridgeClient, ListTargetsByRuleCommand, PutRuleCommand, PutTargetsCommand } from '@aws-sdk/client-eventbridge';
import { LambdaService, connectInProcess, parseEmulatorState } from '../../src/emulator/index.ts';
import { createVmEnvironmentFactory } from './support/vm-engine.ts';
import { ACCOUNT, ECHO_CODE, REGION, ROLE, SEND_POLICY, inProcessClients, makeService, quickJSEngine, zipBytes } from './support/harness.ts';
import { IAMClient, PutRolePolicyCommand } from '@aws-sdk/client-iam';
import { TEXT_IMPORTS_ARGS, TSX_WORKER_EXEC_ARGV } from '../../src/hosts/node/tsx.ts';

describe('state snapshots', () => {
  it('snapshot() is JSON that restores functions, versions, aliases, layers, configs, queue and logs', async () => {
    const { service, clock } = makeService(quickJSEngine());
    const { lambda } = inProcessClients(service);
    const layer = await lambda.send(new PublishLayerVersionCommand({ LayerName: 'lib', Content: { ZipFile: zipBytes({ 'nodejs/node_modules/lib/index.js': 'module.exports = "lib!";' }) } }));
    await lambda.send(new CreateFunctionCommand({ FunctionName: 'keep', Runtime: 'nodejs22.x', Role: ROLE, Handler: 'index.handler', Code: { ZipFile: zipBytes({ 'index.js': 'exports.handler = async () => require("lib");' }) }, Layers: [layer.LayerVersionArn!] }));
    await lambda.send(new PublishVersionCommand({ FunctionName: 'keep' }));
    await lambda.send(new CreateAliasCommand({ FunctionName: 'keep', Name: 'live', FunctionVersion: '1' }));
    await lambda.send(new PutFunctionConcurrencyCommand({ FunctionName: 'keep', ReservedConcurrentExecutions: 3 }));
    await lambda.send(new PutFunctionEventInvokeConfigCommand({ FunctionName: 'keep', MaximumRetryAttempts: 1 }));
    await lambda.send(new InvokeCommand({ FunctionName: 'keep' }));
    await lambda.send(new InvokeCommand({ FunctionName: 'keep', InvocationType: 'Event' }));

    const saved = JSON.parse(JSON.stringify(service.snapshot()));
    const restored = new LambdaService({ environmentFactory: quickJSEngine(), clock, state: saved });
    const again = inProcessClients(restored);
    const before = await lambda.send(new GetFunctionCommand({ FunctionName: 'keep', Qualifier: '1' }));
    const after = await again.lambda.send(new GetFunctionCommand({ FunctionName: 'keep', Qualifier: '1' }));
    expect(after.Configuration).toEqual(before.Configuration);
    expect(after.Concurrency).toEqual({ ReservedConcurrentExecutions: 3 });
    expect((await again.lambda.send(new GetAliasCommand({ FunctionName: 'keep', Name: 'live' }))).FunctionVersion).toBe('1');
    expect((await again.lambda.send(new GetLayerVersionCommand({ LayerName: 'lib', VersionNumber: 1 }))).Content?.CodeSha256).toBe(layer.Content?.CodeSha256);
    const out = await again.lambda.send(new InvokeCommand({ FunctionName: 'keep:live' }));
    expect(new TextDecoder().decode(out.Payload)).toBe('"lib!"');
    expect(restored.queue.pending).toHaveLength(1);
    await restored.scheduler.drain();
    expect(Object.keys(restored.logs.groups['/aws/lambda/keep']!.streams).length).toBeGreaterThanOrEqual(2);
    service.shutdown();
    restored.shutdown();
  });
});

describe('SQS in the snapshot', () => {
  it('queues, tags and messages (hidden ones with their receive counts) survive a snapshot and restore', async () => {
    const { service, clock } = makeService(createVmEnvironmentFactory());
    const sqs: SQSClient = connectInProcess(service).sqs;
    const { QueueUrl } = await sqs.send(new CreateQueueCommand({ QueueName: 'kept', Attributes: { VisibilityTimeout: '60' }, tags: { course: 'lambda' } }));
    await sqs.send(new SendMessageCommand({ QueueUrl, MessageBody: 'first', MessageAttributes: { n: { DataType: 'Number', StringValue: '1' } } }));
    await sqs.send(new SendMessageCommand({ QueueUrl, MessageBody: 'second' }));
    await sqs.send(new ReceiveMessageCommand({ QueueUrl }));

    const saved = JSON.parse(JSON.stringify(service.snapshot())) as unknown;
    const parsed = parseEmulatorState(saved);
    expect(parsed.ok).toBe(true);
    const restored = new LambdaService({ environmentFactory: createVmEnvironmentFactory(), clock, state: parsed.ok ? parsed.state : undefined });
    const again = connectInProcess(restored).sqs;
    const receive = async () => (await again.send(new ReceiveMessageCommand({ QueueUrl, MaxNumberOfMessages: 10, MessageSystemAttributeNames: ['ApproximateReceiveCount'], MessageAttributeNames: ['All'] }))).Messages ?? [];
    expect((await receive()).map((m) => m.Body)).toEqual(['second']);
    clock.advance(60_000);
    const back = await receive();
    expect(back.map((m) => [m.Body, m.Attributes?.ApproximateReceiveCount, m.MessageAttributes?.['n']?.StringValue])).toEqual([
      ['first', '2', '1'],
      ['second', '2', undefined],
    ]);
    service.shutdown();
    restored.shutdown();
  });

  it('a state saved before SQS existed still loads, with no queues and no event source mappings', () => {
    const { service } = makeService(createVmEnvironmentFactory());
    const { sqs: _, eventSourceMappings: __, ...old } = JSON.parse(JSON.stringify(service.snapshot())) as Record<string, unknown>;
    const parsed = parseEmulatorState(old);
    expect(parsed.ok && [parsed.state.sqs, parsed.state.eventSourceMappings]).toEqual([{ queues: {} }, {}]);
    const { sns: _sns, events: _events, ...beforeSns } = JSON.parse(JSON.stringify(service.snapshot())) as Record<string, unknown>;
    const older = parseEmulatorState(beforeSns);
    expect(older.ok && [older.state.sns, older.state.events]).toEqual([{ topics: {}, subscriptions: {} }, { buses: {}, rules: {} }]);
    service.shutdown();
  });
});

function waitForListening(child: ChildProcess): Promise<string> {
  return new Promise((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`emulator did not start: ${out}`)), 60_000);
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const m = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]!);
      }
    });
    child.stderr!.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.on('exit', (code) => reject(new Error(`emulator exited with ${code}: ${out}`)));
  });
}

function stop(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    child.removeAllListeners('exit');
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });
}

describe('npm run emulator -- --state FILE', () => {
  it('keeps functions and logs across a restart', { timeout: 120_000 }, async () => {
    const dir = mkdtempSync(join(tmpdir(), 'emulator-state-'));
    const stateFile = join(dir, 'state.json');
    const start = () => spawn('tsx', [...TEXT_IMPORTS_ARGS, 'src/cli/emulator.ts', '--port', '0', '--account', ACCOUNT, '--state', stateFile], { cwd: process.cwd(), stdio: ['ignore', 'pipe', 'pipe'] });
    const credentials = { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'secret' };

    let child = start();
    let url = await waitForListening(child);
    let lambda = new LambdaClient({ region: REGION, credentials, endpoint: url, maxAttempts: 1 });
    await lambda.send(new CreateFunctionCommand({ FunctionName: 'durable', Runtime: 'nodejs22.x', Role: ROLE, Handler: 'index.handler', Code: { ZipFile: zipBytes(ECHO_CODE) } }));
    await lambda.send(new InvokeCommand({ FunctionName: 'durable', Payload: new TextEncoder().encode('{"first":true}') }));
    const queue = 'arn:aws:sqs:us-east-1:111111111111:done';
    // Lambda sends to the destination as the function's role, which must allow it.
    const iam = new IAMClient({ region: REGION, credentials, endpoint: url, maxAttempts: 1 });
    await iam.send(new PutRolePolicyCommand({ RoleName: 'lambda-role', PolicyName: 'send-results', PolicyDocument: SEND_POLICY }));
    iam.destroy();
    await lambda.send(new PutFunctionEventInvokeConfigCommand({ FunctionName: 'durable', DestinationConfig: { OnSuccess: { Destination: queue } } }));
    await lambda.send(new InvokeCommand({ FunctionName: 'durable', InvocationType: 'Event', Payload: new TextEncoder().encode('{"async":true}') }));
    const sinks = async () => (await (await fetch(`${url}/_emulator/sinks?target=${encodeURIComponent(queue)}`)).json()) as { Messages: { body: string }[] };
    for (let i = 0; i < 300 && (await sinks()).Messages.length === 0; i++) await new Promise((r) => setTimeout(r, 20));
    expect((await sinks()).Messages).toHaveLength(1);
    lambda.destroy();
    await stop(child);
    expect(existsSync(stateFile)).toBe(true);
    expect(JSON.parse(readFileSync(stateFile, 'utf8')).functions.durable.latest.FunctionName).toBe('durable');

    child = start();
    url = await waitForListening(child);
    lambda = new LambdaClient({ region: REGION, credentials, endpoint: url, maxAttempts: 1 });
    const logs = new CloudWatchLogsClient({ region: REGION, credentials, endpoint: url, maxAttempts: 1 });
    try {
      const got = await lambda.send(new GetFunctionCommand({ FunctionName: 'durable' }));
      expect(got.Configuration?.FunctionName).toBe('durable');
      expect(got.Code?.Location?.startsWith(url)).toBe(true);
      const out = await lambda.send(new InvokeCommand({ FunctionName: 'durable', Payload: new TextEncoder().encode('{"second":true}') }));
      expect(JSON.parse(new TextDecoder().decode(out.Payload)).event).toEqual({ second: true });
      const streams = await logs.send(new DescribeLogStreamsCommand({ logGroupName: '/aws/lambda/durable' }));
      expect(streams.logStreams).toHaveLength(2);
      const kept = (await (await fetch(`${url}/_emulator/sinks`)).json()) as { Messages: { body: string }[] };
      expect(JSON.parse(kept.Messages[0]!.body).requestPayload).toEqual({ async: true });
    } finally {
      lambda.destroy();
      logs.destroy();
      await stop(child);
    }
  });
});

/** The real server, as `npm run emulator` starts it, on a free port; node itself rather than the tsx launcher, so a signal reaches the server. */
function startServer(...args: string[]): ChildProcess {
  return spawn(process.execPath, [...TSX_WORKER_EXEC_ARGV, 'src/cli/emulator.ts', '--port', '0', '--account', ACCOUNT, ...args], { cwd: process.cwd(), stdio: ['ignore', 'pipe', 'pipe'] });
}

/** SIGKILL: no exit handler runs, nothing is flushed; only what was on disk is left. */
function crash(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    child.removeAllListeners('exit');
    child.once('exit', () => resolve());
    child.kill('SIGKILL');
  });
}

const clientCredentials = { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'secret' };
const clients = (url: string) => ({
  lambda: new LambdaClient({ region: REGION, credentials: clientCredentials, endpoint: url, maxAttempts: 1 }),
  logs: new CloudWatchLogsClient({ region: REGION, credentials: clientCredentials, endpoint: url, maxAttempts: 1 }),
});

describe('npm run emulator -- --state FILE, killed with SIGKILL', () => {
  it('still has the SNS topics and subscriptions and the EventBridge buses, rules and targets it answered', { timeout: 120_000 }, async () => {
    const stateFile = join(mkdtempSync(join(tmpdir(), 'emulator-crash-')), 'state.json');
    let child = startServer('--state', stateFile);
    let url = await waitForListening(child);
    const config = (endpoint: string) => ({ region: REGION, credentials: clientCredentials, endpoint, maxAttempts: 1 });
    let sns = new SNSClient(config(url));
    let events = new EventBridgeClient(config(url));
    const { TopicArn } = await sns.send(new CreateTopicCommand({ Name: 'kept', Attributes: { DisplayName: 'Kept' } }));
    const { SubscriptionArn } = await sns.send(new SubscribeCommand({ TopicArn, Protocol: 'sqs', Endpoint: 'arn:aws:sqs:us-east-1:000000000000:q', Attributes: { RawMessageDelivery: 'true' } }));
    await events.send(new CreateEventBusCommand({ Name: 'orders' }));
    await events.send(new PutRuleCommand({ Name: 'tick', ScheduleExpression: 'rate(1 hour)' }));
    await events.send(new PutRuleCommand({ Name: 'placed', EventBusName: 'orders', EventPattern: '{"source":["shop"]}' }));
    await events.send(new PutTargetsCommand({ Rule: 'placed', EventBusName: 'orders', Targets: [{ Id: 'q', Arn: 'arn:aws:sqs:us-east-1:000000000000:q' }] }));
    await crash(child);
    sns.destroy();
    events.destroy();

    child = startServer('--state', stateFile);
    url = await waitForListening(child);
    sns = new SNSClient(config(url));
    events = new EventBridgeClient(config(url));
    try {
      expect((await sns.send(new GetSubscriptionAttributesCommand({ SubscriptionArn }))).Attributes).toMatchObject({ TopicArn, RawMessageDelivery: 'true' });
      expect((await events.send(new DescribeRuleCommand({ Name: 'tick' }))).ScheduleExpression).toBe('rate(1 hour)');
      expect((await events.send(new ListTargetsByRuleCommand({ Rule: 'placed', EventBusName: 'orders' }))).Targets).toEqual([{ Id: 'q', Arn: 'arn:aws:sqs:us-east-1:000000000000:q' }]);
    } finally {
      sns.destroy();
      events.destroy();
      await stop(child);
    }
  });

  it('still has all five functions whose CreateFunction was answered 201', { timeout: 120_000 }, async () => {
    const stateFile = join(mkdtempSync(join(tmpdir(), 'emulator-crash-')), 'state.json');
    let child = startServer('--state', stateFile);
    let { lambda, logs } = clients(await waitForListening(child));
    const names = ['one', 'two', 'three', 'four', 'five'];
    for (const name of names) {
      const created = await lambda.send(new CreateFunctionCommand({ FunctionName: name, Runtime: 'nodejs22.x', Role: ROLE, Handler: 'index.handler', Code: { ZipFile: zipBytes(ECHO_CODE) } }));
      expect(created.$metadata.httpStatusCode).toBe(201);
    }
    await crash(child);
    lambda.destroy();
    logs.destroy();

    child = startServer('--state', stateFile);
    ({ lambda, logs } = clients(await waitForListening(child)));
    try {
      const listed = await lambda.send(new ListFunctionsCommand({}));
      expect(listed.Functions!.map((f) => f.FunctionName).sort()).toEqual([...names].sort());
      const out = await lambda.send(new InvokeCommand({ FunctionName: 'five', Payload: new TextEncoder().encode('{"after":"crash"}') }));
      expect(JSON.parse(new TextDecoder().decode(out.Payload)).event).toEqual({ after: 'crash' });
    } finally {
      lambda.destroy();
      logs.destroy();
      await stop(child);
    }
  });

  it('still has every other change it answered: code, versions, aliases, settings, a queued event, a retention policy, a deletion', { timeout: 120_000 }, async () => {
    const stateFile = join(mkdtempSync(join(tmpdir(), 'emulator-crash-')), 'state.json');
    let child = startServer('--state', stateFile);
    let { lambda, logs } = clients(await waitForListening(child));
    const create = (name: string) => lambda.send(new CreateFunctionCommand({ FunctionName: name, Runtime: 'nodejs22.x', Role: ROLE, Handler: 'index.handler', Code: { ZipFile: zipBytes(ECHO_CODE) } }));
    await create('app');
    await create('gone');
    await create('held');
    const code = await lambda.send(new UpdateFunctionCodeCommand({ FunctionName: 'app', ZipFile: zipBytes({ 'index.js': 'exports.handler = async () => "v2";' }) }));
    await lambda.send(new PublishVersionCommand({ FunctionName: 'app' }));
    await lambda.send(new CreateAliasCommand({ FunctionName: 'app', Name: 'live', FunctionVersion: '1' }));
    await lambda.send(new PutFunctionEventInvokeConfigCommand({ FunctionName: 'app', MaximumRetryAttempts: 0 }));
    await lambda.send(new InvokeCommand({ FunctionName: 'app' }));
    await logs.send(new PutRetentionPolicyCommand({ logGroupName: '/aws/lambda/app', retentionInDays: 7 }));
    await lambda.send(new DeleteFunctionCommand({ FunctionName: 'gone' }));
    // No concurrency for `held`: its event is throttled and stays queued, with backoff.
    await lambda.send(new PutFunctionConcurrencyCommand({ FunctionName: 'held', ReservedConcurrentExecutions: 0 }));
    const queued = await lambda.send(new InvokeCommand({ FunctionName: 'held', InvocationType: 'Event', Payload: new TextEncoder().encode('{"queued":true}') }));
    expect(queued.StatusCode).toBe(202);
    await crash(child);
    lambda.destroy();
    logs.destroy();

    child = startServer('--state', stateFile);
    const url = await waitForListening(child);
    ({ lambda, logs } = clients(url));
    try {
      expect((await lambda.send(new ListFunctionsCommand({}))).Functions!.map((f) => f.FunctionName).sort()).toEqual(['app', 'held']);
      expect((await lambda.send(new GetFunctionCommand({ FunctionName: 'app' }))).Configuration?.CodeSha256).toBe(code.CodeSha256);
      expect((await lambda.send(new ListVersionsByFunctionCommand({ FunctionName: 'app' }))).Versions!.map((v) => v.Version)).toEqual(['$LATEST', '1']);
      expect((await lambda.send(new GetAliasCommand({ FunctionName: 'app', Name: 'live' }))).FunctionVersion).toBe('1');
      expect((await lambda.send(new GetFunctionEventInvokeConfigCommand({ FunctionName: 'app' }))).MaximumRetryAttempts).toBe(0);
      expect((await lambda.send(new GetFunctionConcurrencyCommand({ FunctionName: 'held' }))).ReservedConcurrentExecutions).toBe(0);
      expect((await logs.send(new DescribeLogGroupsCommand({ logGroupNamePrefix: '/aws/lambda/app' }))).logGroups![0]!.retentionInDays).toBe(7);
      const inspected = (await (await fetch(`${url}/_emulator/state`)).json()) as { queue: { functionName: string; requestId: string; payload: string }[] };
      expect(inspected.queue.map((e) => [e.functionName, e.requestId, e.payload])).toEqual([['held', queued.$metadata.requestId, '{"queued":true}']]);
    } finally {
      lambda.destroy();
      logs.destroy();
      await stop(child);
    }
  });
});

describe('npm run emulator with a state file it cannot use', () => {
  it('exits 1, naming the file, the problem and how to start fresh, and leaves the file as it was', { timeout: 60_000 }, async () => {
    const stateFile = join(mkdtempSync(join(tmpdir(), 'emulator-corrupt-')), 'state.json');
    const cut = '{"formatVersion":1,"region":"us-east-1","functions":{"a';
    writeFileSync(stateFile, cut);
    const child = startServer('--state', stateFile);
    let stderr = '';
    child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
    expect(code).toBe(1);
    let parseError = '';
    try {
      JSON.parse(cut);
    } catch (err) {
      parseError = (err as Error).message;
    }
    expect(parseError).toMatch(/^Unterminated string in JSON/);
    expect(stderr).toBe(
      `The state file ${stateFile} cannot be used: it is not valid JSON (${parseError}).\n` +
        `It was left exactly as it is. To start fresh and keep it, move it aside (for example mv ${stateFile} ${stateFile}.bad) or pass another --state file.\n`,
    );
    expect(readFileSync(stateFile, 'utf8')).toBe(cut);
  });
});

describe('npm run emulator -- --log-budget', () => {
  it('says once on stderr, naming the budget and the flag, that it drops the oldest log events', { timeout: 60_000 }, async () => {
    const child = startServer('--log-budget', '4KiB');
    let stderr = '';
    child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const { lambda, logs } = clients(await waitForListening(child));
    try {
      await lambda.send(new CreateFunctionCommand({ FunctionName: 'chatty', Runtime: 'nodejs22.x', Role: ROLE, Handler: 'index.handler', Code: { ZipFile: zipBytes({ 'index.js': "exports.handler = async () => { console.log('x'.repeat(3000)); };" }) } }));
      for (let i = 0; i < 3; i++) await lambda.send(new InvokeCommand({ FunctionName: 'chatty' }));
      expect(stderr).toBe(
        'Log budget reached: the emulator keeps the newest 4 KiB (4,096 bytes) of log events and now drops the oldest first. To keep more, restart it with --log-budget (for example --log-budget 256MiB).\n',
      );
    } finally {
      lambda.destroy();
      logs.destroy();
      await stop(child);
    }
  });
});
