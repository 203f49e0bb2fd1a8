import { appendFileSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { LambdaService, createRouter, mayChangeState, zip, bytesToBase64, type EmulatorRequest, type EmulatorState } from '../../emulator/index.ts';
import { makeService, quickJSEngine, ROLE } from '../../../tests/unit/support/harness.ts';
import { DurableStateFile, UnreadableStateFile, journalPath, loadStateFile, saveStateFile } from './state-file.ts';
import { PersistedRecords } from './state-journal.ts';

const engine = quickJSEngine();
const services: LambdaService[] = [];
afterEach(() => services.splice(0).forEach((s) => s.shutdown()));

function account(): LambdaService {
  const { service } = makeService(engine);
  services.push(service);
  return service;
}

const createFunction = (service: LambdaService, name: string) =>
  service.createFunction({ FunctionName: name, Runtime: 'nodejs22.x', Role: ROLE, Handler: 'index.handler', Code: { ZipFile: bytesToBase64(zip({ 'index.js': `exports.handler = async () => '${name}';` })) } });

function stateFileIn(): string {
  return join(mkdtempSync(join(tmpdir(), 'state-file-')), 'state.json');
}

const journalLines = (file: string) => readFileSync(journalPath(file), 'utf8').split('\n').filter((l) => l !== '');
const functionNames = (state: EmulatorState | undefined) => Object.keys(state?.functions ?? {}).sort();

describe('the state file and its journal', () => {
  it('has a committed change on disk before any new snapshot, and replays it on load', async () => {
    const file = stateFileIn();
    const service = account();
    const durable = new DurableStateFile(file, service.snapshot());
    await createFunction(service, 'kept');
    expect(durable.commit(service.liveState())).toBe(true);
    expect(functionNames(JSON.parse(readFileSync(file, 'utf8')))).toEqual([]);
    expect(journalLines(file)).toHaveLength(1);
    const loaded = loadStateFile(file)!;
    expect(functionNames(loaded)).toEqual(['kept']);
    const restored = new LambdaService({ environmentFactory: engine, clock: service.clock, state: loaded });
    services.push(restored);
    expect(restored.getFunctionConfiguration('kept')).toEqual(service.getFunctionConfiguration('kept'));
    durable.close();
  });

  it('journals nothing when nothing changed, and only what changed when something did', async () => {
    const file = stateFileIn();
    const service = account();
    await createFunction(service, 'one');
    const durable = new DurableStateFile(file, service.snapshot());
    expect(durable.commit(service.liveState())).toBe(false);
    service.putFunctionConcurrency('one', { ReservedConcurrentExecutions: 2 });
    expect(durable.commit(service.liveState())).toBe(true);
    const [line] = journalLines(file);
    expect(JSON.parse(line!).map((c: { at: string[] }) => c.at)).toEqual([['functions', 'one']]);
    service.deleteFunction('one');
    durable.commit(service.liveState());
    expect(JSON.parse(journalLines(file)[1]!)).toEqual([{ at: ['functions', 'one'] }]);
    expect(functionNames(loadStateFile(file))).toEqual([]);
    durable.close();
  });

  it('counts records as written only once they are, so a failed write is journaled again', async () => {
    const service = account();
    const records = new PersistedRecords(service.snapshot());
    await createFunction(service, 'retried');
    const failed = records.compare(service.liveState());
    expect(failed.changes.map((c) => c.at[0]).sort()).toEqual(['code', 'functions']);
    expect(records.compare(service.liveState()).changes).toEqual(failed.changes);
    records.compare(service.liveState()).written();
    expect(records.compare(service.liveState()).changes).toEqual([]);
  });

  it('folds the journal into the snapshot when compacting, and empties it', async () => {
    const file = stateFileIn();
    const service = account();
    const durable = new DurableStateFile(file, service.snapshot());
    await createFunction(service, 'a');
    durable.commit(service.liveState());
    await createFunction(service, 'b');
    durable.compact(service.snapshot());
    expect(readFileSync(journalPath(file), 'utf8')).toBe('');
    expect(functionNames(JSON.parse(readFileSync(file, 'utf8')))).toEqual(['a', 'b']);
    durable.close();
  });

  it('replays, unchanged, a journal the snapshot already holds (a crash between the rename and emptying the journal)', async () => {
    const file = stateFileIn();
    const service = account();
    const durable = new DurableStateFile(file, service.snapshot());
    await createFunction(service, 'a');
    service.putFunctionConcurrency('a', { ReservedConcurrentExecutions: 1 });
    durable.commit(service.liveState());
    const journal = readFileSync(journalPath(file), 'utf8');
    durable.compact(service.snapshot());
    appendFileSync(journalPath(file), journal);
    expect(loadStateFile(file)).toEqual(JSON.parse(readFileSync(file, 'utf8')));
    durable.close();
  });

  it('ignores a last line the crash cut short: it was never acknowledged', async () => {
    const file = stateFileIn();
    const service = account();
    const durable = new DurableStateFile(file, service.snapshot());
    await createFunction(service, 'a');
    durable.commit(service.liveState());
    appendFileSync(journalPath(file), '[{"at":["functions","b"],"value":{"lat');
    expect(functionNames(loadStateFile(file))).toEqual(['a']);
    durable.close();
  });

  it('journals a log group’s retention policy, keeping the events the snapshot holds', async () => {
    const file = stateFileIn();
    const service = account();
    const now = service.clock.now();
    service.logs.append('/aws/lambda/a', 's', [{ timestamp: now, message: 'hello' }], now);
    const durable = new DurableStateFile(file, service.snapshot());
    // A group made after the snapshot: its retention is journaled, its events wait for the next snapshot.
    service.logs.append('/aws/lambda/b', 's', [{ timestamp: now, message: 'later' }], now);
    service.logs.putRetentionPolicy({ logGroupName: '/aws/lambda/a', retentionInDays: 30 });
    service.logs.putRetentionPolicy({ logGroupName: '/aws/lambda/b', retentionInDays: 5 });
    durable.commit(service.liveState());
    let groups = loadStateFile(file)!.logGroups;
    expect([groups['/aws/lambda/a']!.retentionInDays, groups['/aws/lambda/b']!.retentionInDays]).toEqual([30, 5]);
    expect(groups['/aws/lambda/a']!.streams['s']!.events.map((e) => e.message)).toEqual(['hello']);
    expect(groups['/aws/lambda/b']!.streams).toEqual({});
    service.logs.deleteRetentionPolicy({ logGroupName: '/aws/lambda/a' });
    durable.commit(service.liveState());
    groups = loadStateFile(file)!.logGroups;
    expect(groups['/aws/lambda/a']).not.toHaveProperty('retentionInDays');
    expect(groups['/aws/lambda/a']!.streams['s']!.events.map((e) => e.message)).toEqual(['hello']);
    durable.close();
  });
});

describe('S3 in the journal', () => {
  const s3Request = (method: string, path: string, body = ''): EmulatorRequest => ({
    method, path, query: {}, body: new TextEncoder().encode(body),
    headers: { authorization: 'AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20261204/us-east-1/s3/aws4_request, SignedHeaders=host, Signature=0' },
  });

  it('journals a bucket and each object on its own, and replays uploads and deletes onto the snapshot', async () => {
    const file = stateFileIn();
    const service = account();
    const route = createRouter(service);
    const durable = new DurableStateFile(file, service.snapshot());
    expect((await route(s3Request('PUT', '/photos'))).status).toBe(200);
    expect((await route(s3Request('PUT', '/photos/red%20flower.jpg', 'petals'))).status).toBe(200);
    expect((await route(s3Request('PUT', '/photos/leaf.jpg', 'green'))).status).toBe(200);
    expect(durable.commit(service.liveState())).toBe(true);
    expect(JSON.parse(readFileSync(file, 'utf8')).s3?.buckets ?? {}).toEqual({});
    const loaded = loadStateFile(file)!;
    const objects = loaded.s3.buckets['photos']!.objects;
    expect(Object.keys(objects).sort()).toEqual(['leaf.jpg', 'red flower.jpg']);
    expect(atob(objects['red flower.jpg']!.Body)).toBe('petals');

    expect((await route(s3Request('DELETE', '/photos/leaf.jpg'))).status).toBe(204);
    durable.commit(service.liveState());
    const last = JSON.parse(journalLines(file).at(-1)!) as { at: unknown[] }[];
    // One upload or delete journals that one object, not the bucket's contents.
    expect(last.map((c) => c.at)).toEqual([['s3Objects', JSON.stringify(['photos', 'leaf.jpg'])]]);
    expect(Object.keys(loadStateFile(file)!.s3.buckets['photos']!.objects)).toEqual(['red flower.jpg']);
  });
});

describe('SQS in the journal', () => {
  it('replays a queue with its messages, and an event source mapping, onto the snapshot', async () => {
    const file = stateFileIn();
    const service = account();
    const durable = new DurableStateFile(file, service.snapshot());
    const route = createRouter(service);
    const sqs = (op: string, input: object) => route({
      method: 'POST', path: '/', query: {}, body: new TextEncoder().encode(JSON.stringify(input)),
      headers: { 'content-type': 'application/x-amz-json-1.0', 'x-amz-target': `AmazonSQS.${op}` },
    });
    const created = await sqs('CreateQueue', { QueueName: 'orders' });
    expect(created.status).toBe(200);
    const url = (JSON.parse(new TextDecoder().decode(created.body)) as { QueueUrl: string }).QueueUrl;
    expect((await sqs('SendMessage', { QueueUrl: url, MessageBody: 'first' })).status).toBe(200);
    await createFunction(service, 'worker');
    service.iam.attachRolePolicy({ RoleName: 'lambda-role', PolicyArn: 'arn:aws:iam::aws:policy/service-role/AWSLambdaSQSQueueExecutionRole' });
    service.createEventSourceMapping({ FunctionName: 'worker', EventSourceArn: `arn:aws:sqs:${service.region}:${service.accountId}:orders`, Enabled: false });
    expect(durable.commit(service.liveState())).toBe(true);
    const loaded = loadStateFile(file)!;
    expect(loaded.sqs.queues['orders']!.messages.map((m) => m.Body)).toEqual(['first']);
    expect(Object.values(loaded.eventSourceMappings).map((m) => m.FunctionName)).toHaveLength(1);
  });
});

describe('IAM in the journal', () => {
  it('replays a new role with its inline policy, a customer managed policy, and the ready role deleted, onto the snapshot', async () => {
    const file = stateFileIn();
    const service = account();
    const durable = new DurableStateFile(file, service.snapshot());
    const trust = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' }] });
    const invoke = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'lambda:InvokeFunction', Resource: '*' }] });
    service.iam.createRole({ RoleName: 'caller', AssumeRolePolicyDocument: trust });
    service.iam.putRolePolicy({ RoleName: 'caller', PolicyName: 'invoke', PolicyDocument: invoke });
    const { Policy } = service.iam.createPolicy({ PolicyName: 'invoke-all', PolicyDocument: invoke }) as { Policy: { Arn: string } };
    service.iam.detachRolePolicy({ RoleName: 'lambda-role', PolicyArn: 'arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole' });
    service.iam.deleteRole({ RoleName: 'lambda-role' });
    expect(durable.commit(service.liveState())).toBe(true);
    const loaded = loadStateFile(file)!;
    expect(Object.keys(loaded.iam.roles)).toEqual(['caller']);
    expect(loaded.iam.roles['caller']!.inlinePolicies).toEqual({ invoke });
    expect(Object.keys(loaded.iam.policies)).toEqual([Policy.Arn]);
    // The ready role stays deleted after a restart: the account was provisioned once.
    const restored = new LambdaService({ environmentFactory: engine, clock: service.clock, state: loaded });
    services.push(restored);
    expect(restored.iam.roleByArn(`arn:aws:iam::${service.accountId}:role/lambda-role`)).toBeUndefined();
    durable.close();
  });
});

describe('requests the server does not journal', () => {
  it('are the ones that change nothing but log events: reads and synchronous invocations', async () => {
    const service = account();
    const route = createRouter(service);
    await createFunction(service, 'app');
    const records = new PersistedRecords(service.snapshot());
    const request = (method: string, path: string, headers: Record<string, string> = {}, body: unknown = undefined): EmulatorRequest => ({
      method,
      path,
      query: {},
      headers,
      body: body === undefined ? new Uint8Array() : new TextEncoder().encode(JSON.stringify(body)),
    });
    const logs = (op: string, body: unknown) => request('POST', '/', { 'X-Amz-Target': `Logs_20140328.${op}`, 'Content-Type': 'application/x-amz-json-1.1' }, body);
    const cases: [EmulatorRequest, boolean][] = [
      [request('POST', '/2015-03-31/functions/app/invocations', {}, {}), false],
      [request('POST', '/2015-03-31/functions/app/invocations', { 'X-Amz-Invocation-Type': 'RequestResponse', 'X-Amz-Log-Type': 'Tail' }, {}), false],
      [request('POST', '/2015-03-31/functions/app/invocations', { 'X-Amz-Invocation-Type': 'DryRun' }, {}), false],
      [request('GET', '/2015-03-31/functions/app'), false],
      [logs('DescribeLogGroups', {}), false],
      [logs('FilterLogEvents', { logGroupName: '/aws/lambda/app' }), false],
      [request('POST', '/2015-03-31/functions/app/invocations', { 'x-amz-invocation-type': 'Event' }, {}), true],
      [logs('PutRetentionPolicy', { logGroupName: '/aws/lambda/app', retentionInDays: 3 }), true],
      [request('PUT', '/2017-10-31/functions/app/concurrency', {}, { ReservedConcurrentExecutions: 5 }), true],
    ];
    for (const [req, changes] of cases) {
      const label = `${req.method} ${req.path} ${JSON.stringify(req.headers)}`;
      expect((await route(req)).status, label).toBeLessThan(300);
      expect(mayChangeState(req), label).toBe(changes);
      const compared = records.compare(service.liveState());
      expect(compared.changes.length > 0, label).toBe(changes);
      compared.written();
    }
  });
});

describe('a state file that cannot be used', () => {
  const refusal = (file: string) => {
    try {
      loadStateFile(file);
    } catch (err) {
      expect(err).toBeInstanceOf(UnreadableStateFile);
      return (err as Error).message;
    }
    throw new Error('the file was accepted');
  };
  const jsonError = (text: string) => {
    try {
      JSON.parse(text);
    } catch (err) {
      return (err as Error).message;
    }
    throw new Error('valid JSON');
  };

  it('is refused when it is not JSON, naming the file, the problem and how to start fresh', () => {
    const file = stateFileIn();
    const cut = '{"formatVersion":1,"region":"us-east-1","accountId":"1234';
    writeFileSync(file, cut);
    expect(jsonError(cut)).toMatch(/^Unterminated string in JSON/);
    expect(refusal(file)).toBe(
      `The state file ${file} cannot be used: it is not valid JSON (${jsonError(cut)}).\n` +
        `It was left exactly as it is. To start fresh and keep it, move it aside (for example mv ${file} ${file}.bad) or pass another --state file.`,
    );
    expect(readFileSync(file, 'utf8')).toBe(cut);
  });

  it('is refused when a field is not valid, naming it', () => {
    const file = stateFileIn();
    const state = account().snapshot();
    writeFileSync(file, JSON.stringify({ ...state, region: 'mars' }));
    expect(refusal(file)).toBe(
      `The state file ${file} cannot be used: the field "region" is not valid: must be a Region name such as us-east-1.\n` +
        `It was left exactly as it is. To start fresh and keep it, move it aside (for example mv ${file} ${file}.bad) or pass another --state file.`,
    );
  });

  it('is refused when a journal line in the middle is damaged, and says to move the journal with the file', () => {
    const file = stateFileIn();
    saveStateFile(file, account().snapshot());
    writeFileSync(journalPath(file), '[]\n{"at":\n[]\n');
    expect(refusal(file)).toBe(
      `The state file ${file} cannot be used: line 2 of its journal ${journalPath(file)} cannot be replayed: it is not valid JSON (${jsonError('{"at":')}).\n` +
        `It was left exactly as it is. To start fresh and keep it, move it aside (for example mv ${file} ${file}.bad, and its journal with it: mv ${journalPath(file)} ${file}.bad.journal) or pass another --state file.`,
    );
  });

  it('is refused when it is missing but its journal is not', () => {
    const file = stateFileIn();
    writeFileSync(journalPath(file), '[]\n');
    expect(refusal(file)).toBe(
      `The state file ${file} is missing, but its journal ${journalPath(file)} holds changes made after it was saved.\n` +
        `Put the state file back, or to start fresh move the journal aside too (for example mv ${journalPath(file)} ${journalPath(file)}.bad).`,
    );
  });
});
