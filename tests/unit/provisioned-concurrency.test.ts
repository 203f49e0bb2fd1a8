/**
 * Provisioned concurrency through the real LambdaClient (in process and over HTTP) against real
 * AWS's recordings, and on the emulator's clock: IN_PROGRESS, then READY once its environments
 * have run INIT ahead (AWS_LAMBDA_INITIALIZATION_TYPE=provisioned-concurrency), invocations they
 * serve without Init Duration, spillover on demand, and FAILED when INIT fails.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  CreateAliasCommand,
  CreateFunctionCommand,
  DeleteAliasCommand,
  DeleteProvisionedConcurrencyConfigCommand,
  GetProvisionedConcurrencyConfigCommand,
  LambdaClient,
  ListProvisionedConcurrencyConfigsCommand,
  PublishVersionCommand,
  PutFunctionConcurrencyCommand,
  PutProvisionedConcurrencyConfigCommand,
} from '@aws-sdk/client-lambda';
import { startEmulatorServer } from '../../src/hosts/node/http-server.ts';
import { createNodePythonWorkerEnvironmentFactory, createNodeWorkerEnvironmentFactory } from '../../src/hosts/node/node-worker-environment.ts';
import { nodePyodideSource } from '../../src/hosts/node/pyodide.ts';
import { createPythonEnvironmentFactory, limits, parseReportLine, type EnvironmentFactory, type LambdaService } from '../../src/emulator/index.ts';
import { ACCOUNT, REGION, ROLE, failure, httpClients, makeService, quickJSEngine, zipBytes, type Setup } from './support/harness.ts';
import { pattern, recordingsOf } from './support/recordings.ts';

const api = recordingsOf('test_lambda_api.snapshot.json', 'tests/aws/services/lambda_/test_lambda_api.py::TestLambdaProvisionedConcurrency::');
const behaviour = recordingsOf('test_lambda.snapshot.json', 'tests/aws/services/lambda_/test_lambda.py::TestLambdaConcurrency::');
type Recorded = Record<string, unknown> & { Error?: { Code: string; Message: string }; ResponseMetadata: { HTTPStatusCode: number } };

const HANDLER = `
const initType = process.env.AWS_LAMBDA_INITIALIZATION_TYPE;
exports.handler = async () => ({ initType });
`;

/** A recorded config's fields and values, without the metadata and the date. */
function recordedConfig(value: unknown): Record<string, unknown> {
  const { ResponseMetadata: _m, LastModified: _d, ...rest } = value as Recorded;
  return rest;
}

function apiSuite(transport: string, connect: (setup: Setup) => Promise<{ lambda: LambdaClient; close(): Promise<void> }>) {
  describe(`provisioned concurrency in the API (${transport})`, () => {
    let service: LambdaService;
    let lambda: LambdaClient;
    let close: () => Promise<void>;
    const expectRecordedError = async (call: Promise<unknown>, value: unknown) => {
      const want = value as Recorded;
      const got = await failure(call);
      expect({ name: got.name, message: got.message, status: got.status }).toEqual({
        name: want.Error!.Code,
        message: expect.stringMatching(pattern(want.Error!.Message)),
        status: want.ResponseMetadata.HTTPStatusCode,
      });
    };
    const put = (FunctionName: string, Qualifier: string | undefined, n: number) => lambda.send(new PutProvisionedConcurrencyConfigCommand({ FunctionName, Qualifier: Qualifier!, ProvisionedConcurrentExecutions: n }));
    const get = (FunctionName: string, Qualifier: string) => lambda.send(new GetProvisionedConcurrencyConfigCommand({ FunctionName, Qualifier }));
    const del = (FunctionName: string, Qualifier: string) => lambda.send(new DeleteProvisionedConcurrencyConfigCommand({ FunctionName, Qualifier }));

    beforeAll(async () => {
      const setup = makeService(quickJSEngine());
      service = setup.service;
      ({ lambda, close } = await connect(setup));
      for (const name of ['pc-errors', 'pc-life']) {
        await lambda.send(new CreateFunctionCommand({ FunctionName: name, Runtime: 'nodejs22.x', Role: ROLE, Handler: 'index.handler', Code: { ZipFile: zipBytes({ 'index.js': HANDLER }) } }));
        await lambda.send(new PublishVersionCommand({ FunctionName: name }));
      }
    });
    afterAll(async () => {
      await close();
      service.shutdown();
    });

    it("refuses what AWS refuses, with AWS's errors (test_provisioned_concurrency_exceptions)", async () => {
      const r = (key: string) => api('test_provisioned_concurrency_exceptions', key);
      await expectRecordedError(get('pc-errors', '1'), r('get_provisioned_config_doesnotexist'));
      await expectRecordedError(get('doesnotexist', 'noalias'), r('get_provisioned_functionname_doesnotexist'));
      await expectRecordedError(get('pc-errors', 'noalias'), r('get_provisioned_qualifier_doesnotexist'));
      await expectRecordedError(get('pc-errors', '10'), r('get_provisioned_version_doesnotexist'));
      await expectRecordedError(get('pc-errors', '$LATEST'), r('get_provisioned_latest'));
      expect((await lambda.send(new ListProvisionedConcurrencyConfigsCommand({ FunctionName: 'pc-errors' }))).ProvisionedConcurrencyConfigs).toEqual([]);
      await expectRecordedError(lambda.send(new ListProvisionedConcurrencyConfigsCommand({ FunctionName: 'doesnotexist' })), r('list_provisioned_functionname_doesnotexist'));
      await expectRecordedError(del('doesnotexist', '1'), r('delete_provisioned_functionname_doesnotexist'));
      await expectRecordedError(del('pc-errors', 'noalias'), r('delete_provisioned_qualifier_doesnotexist'));
      await expectRecordedError(del('pc-errors', '10'), r('delete_provisioned_version_doesnotexist'));
      await expectRecordedError(del('pc-errors', '$LATEST'), r('delete_provisioned_latest'));
      expect((await del('pc-errors', '1')).$metadata.httpStatusCode).toBe((r('delete_provisioned_config_doesnotexist') as Recorded).ResponseMetadata.HTTPStatusCode);
      await expectRecordedError(put('pc-errors', '1', 0), r('put_provisioned_invalid_param_0'));
      await expectRecordedError(put('doesnotexist', 'noalias', 1), r('put_provisioned_functionname_doesnotexist_alias'));
      await expectRecordedError(put('doesnotexist', '1', 1), r('put_provisioned_functionname_doesnotexist_version'));
      await expectRecordedError(put('pc-errors', 'doesnotexist', 1), r('put_provisioned_qualifier_doesnotexist'));
      await expectRecordedError(put('pc-errors', '10', 1), r('put_provisioned_version_doesnotexist'));
      await expectRecordedError(put('pc-errors', '$LATEST', 1), r('put_provisioned_latest'));
    });

    it('a version and an alias on it cannot both have it, and it goes with its alias (test_lambda_provisioned_lifecycle)', async () => {
      const r = (key: string) => api('test_lambda_provisioned_lifecycle', key);
      await lambda.send(new CreateAliasCommand({ FunctionName: 'pc-life', Name: 'live', FunctionVersion: '1' }));
      const onVersion = await put('pc-life', '1', 1);
      expect(onVersion.$metadata.httpStatusCode).toBe(202);
      const { $metadata: _m, LastModified, ...fields } = onVersion;
      expect(fields).toEqual(recordedConfig(r('put_provisioned_on_version')));
      expect(LastModified).toBe('2026-01-01T00:00:00.000+0000');
      await expectRecordedError(put('pc-life', 'live', 1), r('put_provisioned_on_alias_versionconflict'));
      expect((await del('pc-life', '1')).$metadata.httpStatusCode).toBe(204);
      await expectRecordedError(get('pc-life', '1'), r('get_provisioned_version_postdelete'));
      const onAlias = await put('pc-life', 'live', 1);
      expect(recordedConfig({ ...onAlias, ResponseMetadata: {} })).toMatchObject({ ...recordedConfig(r('put_provisioned_on_alias')), $metadata: expect.anything() });
      await expectRecordedError(put('pc-life', '1', 1), r('put_provisioned_on_version_conflict'));
      const listed = await lambda.send(new ListProvisionedConcurrencyConfigsCommand({ FunctionName: 'pc-life' }));
      expect(listed.ProvisionedConcurrencyConfigs!.map((c) => [c.FunctionArn, c.RequestedProvisionedConcurrentExecutions, c.Status])).toEqual([
        [`arn:aws:lambda:${REGION}:${ACCOUNT}:function:pc-life:live`, 1, 'IN_PROGRESS'],
      ]);
      await lambda.send(new DeleteAliasCommand({ FunctionName: 'pc-life', Name: 'live' }));
      await expectRecordedError(get('pc-life', 'live'), r('get_provisioned_alias_postaliasdelete'));
      expect((await lambda.send(new ListProvisionedConcurrencyConfigsCommand({ FunctionName: 'pc-life' }))).ProvisionedConcurrencyConfigs).toEqual(
        (r('list_response_postdeletes') as { ProvisionedConcurrencyConfigs: unknown[] }).ProvisionedConcurrencyConfigs,
      );
    });

    it('is counted against reserved concurrency, both ways (test_reserved_provisioned_overlap)', async () => {
      const r = (key: string) => behaviour('test_reserved_provisioned_overlap', key);
      await lambda.send(new CreateFunctionCommand({ FunctionName: 'pc-reserved', Runtime: 'nodejs22.x', Role: ROLE, Handler: 'index.handler', Code: { ZipFile: zipBytes({ 'index.js': HANDLER }) } }));
      await lambda.send(new PublishVersionCommand({ FunctionName: 'pc-reserved' }));
      await put('pc-reserved', '1', 2);
      const lower = await failure(lambda.send(new PutFunctionConcurrencyCommand({ FunctionName: 'pc-reserved', ReservedConcurrentExecutions: 1 })));
      const want = r('reserved_lower_than_provisioned_exc') as Recorded;
      expect({ name: lower.name, message: lower.message }).toEqual({ name: want.Error!.Code, message: want.Error!.Message });
      await lambda.send(new PutFunctionConcurrencyCommand({ FunctionName: 'pc-reserved', ReservedConcurrentExecutions: 2 }));
      await expectRecordedError(put('pc-reserved', '1', 3), r('reserved_equals_provisioned_increase_provisioned_exc'));
    });
  });
}

apiSuite('SDK in process', async (setup) => ({ lambda: setup.lambda, close: async () => {} }));
apiSuite('SDK over HTTP', async ({ service }) => {
  const server = await startEmulatorServer(service, { port: 0 });
  return { lambda: httpClients(server.url).lambda, close: () => server.close() };
});

describe('provisioned concurrency on the clock', () => {
  let setup: Setup;
  beforeAll(() => {
    setup = makeService(quickJSEngine());
  });
  afterAll(() => setup.service.shutdown());

  const reportOf = (logs: { message: string }[]) => parseReportLine(logs.find((l) => l.message.startsWith('REPORT'))!.message)!;

  it('is IN_PROGRESS, then READY once its environments ran INIT ahead; they serve without Init Duration, and beyond them invocations spill over on demand', async () => {
    const { lambda, service, clock, logs } = setup;
    await lambda.send(new CreateFunctionCommand({ FunctionName: 'pc-clock', Runtime: 'nodejs22.x', Role: ROLE, Handler: 'index.handler', Code: { ZipFile: zipBytes({ 'index.js': HANDLER }) } }));
    await lambda.send(new PublishVersionCommand({ FunctionName: 'pc-clock' }));
    const r = (key: string) => behaviour('test_provisioned_concurrency', key);
    const put = await lambda.send(new PutProvisionedConcurrencyConfigCommand({ FunctionName: 'pc-clock', Qualifier: '1', ProvisionedConcurrentExecutions: 2 }));
    expect({ ...recordedConfig({ ...put, ResponseMetadata: {} }), $metadata: undefined, RequestedProvisionedConcurrentExecutions: 5 }).toEqual({ ...recordedConfig(r('put_provisioned_5')), $metadata: undefined });
    const status = async () => {
      const { $metadata: _m, LastModified: _d, ...rest } = await lambda.send(new GetProvisionedConcurrencyConfigCommand({ FunctionName: 'pc-clock', Qualifier: '1' }));
      return rest;
    };
    expect(await status()).toEqual({ ...recordedConfig(r('get_provisioned_prewait')), RequestedProvisionedConcurrentExecutions: 2 });
    // Nothing happens before its time on the clock.
    await service.scheduler.drain({ untilMs: clock.now() + limits.provisionedConcurrencyAllocationMs - 1 });
    expect((await status())['Status']).toBe('IN_PROGRESS');
    await service.scheduler.drain({ untilMs: clock.now() + 1 });
    expect(await status()).toEqual({ ...recordedConfig(r('get_provisioned_postwait')), RequestedProvisionedConcurrentExecutions: 2, AllocatedProvisionedConcurrentExecutions: 2, AvailableProvisionedConcurrentExecutions: 2 });
    // Their INIT is in the log, one stream each, before any invocation.
    const streams = (await logs.send(new (await import('@aws-sdk/client-cloudwatch-logs')).DescribeLogStreamsCommand({ logGroupName: '/aws/lambda/pc-clock' }))).logStreams!;
    expect(streams).toHaveLength(2);

    // Three at once through the version: two provisioned environments, one on demand.
    const payload = new TextEncoder().encode('{}');
    const results = await Promise.all([0, 1, 2].map(() => service.invoke({ FunctionName: 'pc-clock', Qualifier: '1', Payload: payload, LogType: 'Tail' })));
    const seen = results.map((res) => ({
      initType: (JSON.parse(new TextDecoder().decode(res.Payload)) as { initType: string }).initType,
      initDuration: parseReportLine(Buffer.from(res.LogResult!, 'base64').toString().replace(/\n$/, '').split('\n').pop()!)?.initDurationMs,
    }));
    expect(seen.map((s) => s.initType).sort()).toEqual(['on-demand', 'provisioned-concurrency', 'provisioned-concurrency']);
    // Only the on-demand one ran INIT in its invocation.
    expect(seen.map((s) => [s.initType, s.initDuration === undefined]).sort()).toEqual([['on-demand', false], ['provisioned-concurrency', true], ['provisioned-concurrency', true]]);
    // $LATEST is never served by them.
    const latest = await service.invoke({ FunctionName: 'pc-clock', Payload: payload, LogType: 'Tail' });
    expect(JSON.parse(new TextDecoder().decode(latest.Payload))).toEqual({ initType: 'on-demand' });
    expect(reportOf([{ message: Buffer.from(latest.LogResult!, 'base64').toString().replace(/\n$/, '').split('\n').pop()! }]).initDurationMs).toBeDefined();
  });

  it('is FAILED with FUNCTION_ERROR_INIT_FAILURE when INIT fails (test_provisioned_concurrency_init_failure)', async () => {
    const { lambda, service, clock } = setup;
    await lambda.send(new CreateFunctionCommand({ FunctionName: 'pc-broken', Runtime: 'nodejs22.x', Role: ROLE, Handler: 'index.handler', Code: { ZipFile: zipBytes({ 'index.js': 'throw new Error("no init");' }) } }));
    await lambda.send(new PublishVersionCommand({ FunctionName: 'pc-broken' }));
    await lambda.send(new PutProvisionedConcurrencyConfigCommand({ FunctionName: 'pc-broken', Qualifier: '1', ProvisionedConcurrentExecutions: 1 }));
    await service.scheduler.drain({ untilMs: clock.now() + limits.provisionedConcurrencyAllocationMs });
    const { $metadata: _m, LastModified: _d, ...got } = await lambda.send(new GetProvisionedConcurrencyConfigCommand({ FunctionName: 'pc-broken', Qualifier: '1' }));
    expect(got).toEqual(recordedConfig(behaviour('test_provisioned_concurrency_init_failure', 'get_provisioned_postwait')));
  });
});

describe('provisioned concurrency with each environment in a worker thread (--workers)', () => {
  it('runs INIT ahead in the worker, and the invocation it serves has no Init Duration', { timeout: 60_000 }, async () => {
    const { lambda, service, clock } = makeService(createNodeWorkerEnvironmentFactory({ cpuBudgetMs: 5_000 }));
    try {
      await lambda.send(new CreateFunctionCommand({ FunctionName: 'pc-worker', Runtime: 'nodejs22.x', Role: ROLE, Handler: 'index.handler', Code: { ZipFile: zipBytes({ 'index.js': HANDLER }) } }));
      await lambda.send(new PublishVersionCommand({ FunctionName: 'pc-worker' }));
      await lambda.send(new PutProvisionedConcurrencyConfigCommand({ FunctionName: 'pc-worker', Qualifier: '1', ProvisionedConcurrentExecutions: 1 }));
      await service.scheduler.drain({ untilMs: clock.now() + limits.provisionedConcurrencyAllocationMs });
      expect((await lambda.send(new GetProvisionedConcurrencyConfigCommand({ FunctionName: 'pc-worker', Qualifier: '1' }))).Status).toBe('READY');
      const out = await service.invoke({ FunctionName: 'pc-worker', Qualifier: '1', Payload: new TextEncoder().encode('{}'), LogType: 'Tail' });
      expect(JSON.parse(new TextDecoder().decode(out.Payload))).toEqual({ initType: 'provisioned-concurrency' });
      const report = parseReportLine(Buffer.from(out.LogResult!, 'base64').toString().replace(/\n$/, '').split('\n').pop()!)!;
      expect(report.initDurationMs).toBeUndefined();
    } finally {
      service.shutdown();
    }
  });
});

const PYTHON_HANDLER = `import os
init_type = os.environ["AWS_LAMBDA_INITIALIZATION_TYPE"]
print("init as", init_type)

def lambda_handler(event, context):
    return {"initType": init_type}
`;

for (const [where, python] of [
  ['in process', () => createPythonEnvironmentFactory({ pyodide: nodePyodideSource })],
  ['in a worker thread', () => createNodePythonWorkerEnvironmentFactory()],
] as [string, () => EnvironmentFactory][]) {
  describe(`provisioned concurrency for Python (${where})`, () => {
    it('runs INIT ahead with AWS_LAMBDA_INITIALIZATION_TYPE=provisioned-concurrency; the invocation it serves has no Init Duration, and a failing INIT is FAILED', { timeout: 180_000 }, async () => {
      const { lambda, service, clock } = makeService(python());
      try {
        await lambda.send(new CreateFunctionCommand({ FunctionName: 'pc-py', Runtime: 'python3.13', Role: ROLE, Handler: 'lambda_function.lambda_handler', Code: { ZipFile: zipBytes({ 'lambda_function.py': PYTHON_HANDLER }) } }));
        await lambda.send(new PublishVersionCommand({ FunctionName: 'pc-py' }));
        await lambda.send(new PutProvisionedConcurrencyConfigCommand({ FunctionName: 'pc-py', Qualifier: '1', ProvisionedConcurrentExecutions: 1 }));
        await service.scheduler.drain({ untilMs: clock.now() + limits.provisionedConcurrencyAllocationMs });
        const ready = await lambda.send(new GetProvisionedConcurrencyConfigCommand({ FunctionName: 'pc-py', Qualifier: '1' }));
        expect([ready.Status, ready.AvailableProvisionedConcurrentExecutions, ready.StatusReason]).toEqual(['READY', 1, undefined]);
        // INIT's lines are in the log before any invocation.
        const before = Object.values(service.logs.groups['/aws/lambda/pc-py']!.streams).flatMap((s) => s.events.map((e) => e.message));
        expect(before.map((m) => m.split(' ')[0]!.replace(/\n$/, ''))).toEqual(['INIT_START', 'init']);
        expect(before[1]).toBe('init as provisioned-concurrency');
        const out = await service.invoke({ FunctionName: 'pc-py', Qualifier: '1', Payload: new TextEncoder().encode('{}'), LogType: 'Tail' });
        expect(JSON.parse(new TextDecoder().decode(out.Payload))).toEqual({ initType: 'provisioned-concurrency' });
        const tail = Buffer.from(out.LogResult!, 'base64').toString();
        expect(tail).not.toContain('INIT_START');
        expect(parseReportLine(tail.replace(/\n$/, '').split('\n').pop()!)!.initDurationMs).toBeUndefined();

        await lambda.send(new CreateFunctionCommand({ FunctionName: 'pc-py-broken', Runtime: 'python3.13', Role: ROLE, Handler: 'lambda_function.lambda_handler', Code: { ZipFile: zipBytes({ 'lambda_function.py': 'raise ValueError("no init")\n' }) } }));
        await lambda.send(new PublishVersionCommand({ FunctionName: 'pc-py-broken' }));
        await lambda.send(new PutProvisionedConcurrencyConfigCommand({ FunctionName: 'pc-py-broken', Qualifier: '1', ProvisionedConcurrentExecutions: 1 }));
        await service.scheduler.drain({ untilMs: clock.now() + limits.provisionedConcurrencyAllocationMs });
        const failed = await lambda.send(new GetProvisionedConcurrencyConfigCommand({ FunctionName: 'pc-py-broken', Qualifier: '1' }));
        expect([failed.Status, failed.StatusReason]).toEqual(['FAILED', 'FUNCTION_ERROR_INIT_FAILURE']);
        const brokenLog = Object.values(service.logs.groups['/aws/lambda/pc-py-broken']!.streams).flatMap((s) => s.events.map((e) => e.message));
        expect(brokenLog.at(-1)).toMatch(/^INIT_REPORT Init Duration: \d+\.\d{2} ms\tPhase: init\tStatus: error\tError Type: ValueError$/);
      } finally {
        service.shutdown();
      }
    });
  });
}
