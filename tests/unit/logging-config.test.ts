/**
 * LoggingConfig (Lambda's advanced logging controls) through the real LambdaClient: the API as the
 * recordings show it (TestLoggingConfig in test_lambda_api), and what a Node.js function then
 * writes: JSON application records as Lambda's Node.js runtime formats them, JSON platform
 * records, level filtering, and a custom log group.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CreateFunctionCommand, GetFunctionCommand, GetFunctionConfigurationCommand, InvokeCommand, LambdaClient, UpdateFunctionConfigurationCommand, type LoggingConfig } from '@aws-sdk/client-lambda';
import { DescribeLogGroupsCommand, GetLogEventsCommand, DescribeLogStreamsCommand, type CloudWatchLogsClient } from '@aws-sdk/client-cloudwatch-logs';
import { startEmulatorServer } from '../../src/hosts/node/http-server.ts';
import { createEngineChooser, createPythonEnvironmentFactory, type LambdaService } from '../../src/emulator/index.ts';
import { nodePyodideSource } from '../../src/hosts/node/pyodide.ts';
import { ROLE, failure, httpClients, makeService, quickJSEngine, zipBytes, type Setup } from './support/harness.ts';
import { recordingsOf } from './support/recordings.ts';

const recorded = recordingsOf('test_lambda_api.snapshot.json', 'tests/aws/services/lambda_/test_lambda_api.py::TestLoggingConfig::');
type Recorded = { LoggingConfig?: Record<string, string>; Configuration?: { LoggingConfig: Record<string, string> } };

/** A recorded LoggingConfig with this function's name in place of the placeholder. */
function recordedLogging(test: string, key: string, name: string): Record<string, string> {
  const value = recorded(test, key) as Recorded;
  const config = value.LoggingConfig ?? value.Configuration!.LoggingConfig;
  return Object.fromEntries(Object.entries(config).map(([k, v]) => [k, v.replace('<function-name:1>', name)]));
}

function apiSuite(transport: string, connect: (setup: Setup) => Promise<{ lambda: LambdaClient; close(): Promise<void> }>) {
  describe(`LoggingConfig in the API (${transport})`, () => {
    let service: LambdaService;
    let lambda: LambdaClient;
    let close: () => Promise<void>;
    const create = (name: string, logging?: LoggingConfig) =>
      lambda.send(new CreateFunctionCommand({ FunctionName: name, Runtime: 'nodejs22.x', Role: ROLE, Handler: 'index.handler', Code: { ZipFile: zipBytes({ 'index.js': 'exports.handler = async () => 1;' }) }, LoggingConfig: logging }));
    const update = async (name: string, logging: LoggingConfig) => (await lambda.send(new UpdateFunctionConfigurationCommand({ FunctionName: name, LoggingConfig: logging }))).LoggingConfig;
    const current = async (name: string) => (await lambda.send(new GetFunctionConfigurationCommand({ FunctionName: name }))).LoggingConfig;

    beforeAll(async () => {
      const setup = makeService(quickJSEngine());
      service = setup.service;
      ({ lambda, close } = await connect(setup));
    });
    afterAll(async () => {
      await close();
      service.shutdown();
    });

    it('JSON brings both levels at INFO, and a custom group (test_function_advanced_logging_configuration)', async () => {
      const test = 'test_function_advanced_logging_configuration';
      await create('log-advanced', { LogFormat: 'JSON' });
      expect((await lambda.send(new GetFunctionCommand({ FunctionName: 'log-advanced' }))).Configuration!.LoggingConfig).toEqual(recordedLogging(test, 'get_function_response', 'log-advanced'));
      expect(await current('log-advanced')).toEqual(recordedLogging(test, 'function_config', 'log-advanced'));
      expect(await update('log-advanced', { LogFormat: 'JSON', ApplicationLogLevel: 'INFO', SystemLogLevel: 'INFO', LogGroup: 'cool_lambda' })).toEqual(recordedLogging(test, 'updated_config', 'log-advanced'));
      expect(await current('log-advanced')).toEqual(recordedLogging(test, 'received_config', 'log-advanced'));
    });

    it('switching back to Text drops the levels (test_advanced_logging_configuration_format_switch)', async () => {
      const test = 'test_advanced_logging_configuration_format_switch';
      await create('log-switch');
      expect(await current('log-switch')).toEqual(recordedLogging(test, 'function_config', 'log-switch'));
      expect(await update('log-switch', { LogFormat: 'JSON' })).toEqual(recordedLogging(test, 'updated_config', 'log-switch'));
      expect(await update('log-switch', { LogFormat: 'Text' })).toEqual(recordedLogging(test, 'updated_config_v2', 'log-switch'));
      expect(await current('log-switch')).toEqual(recordedLogging(test, 'received_config_v2', 'log-switch'));
    });

    const partial: LoggingConfig[] = [{ LogFormat: 'JSON' }, { LogFormat: 'JSON', ApplicationLogLevel: 'DEBUG' }, { LogFormat: 'JSON', SystemLogLevel: 'DEBUG' }, { LogGroup: 'cool_lambda' }];
    partial.forEach((config, i) => {
      it(`a partial update keeps what it does not name (test_function_partial_advanced_logging_configuration_update[partial_config${i}])`, async () => {
        const test = `test_function_partial_advanced_logging_configuration_update[partial_config${i}]`;
        await create(`log-partial-${i}`);
        expect(await update(`log-partial-${i}`, config)).toEqual(recordedLogging(test, 'updated_config', `log-partial-${i}`));
        expect(await current(`log-partial-${i}`)).toEqual(recordedLogging(test, 'received_config', `log-partial-${i}`));
      });
    });

    it('refuses levels with Text, and values outside the model', async () => {
      await create('log-refused');
      expect(await failure(update('log-refused', { ApplicationLogLevel: 'DEBUG' }))).toMatchObject({
        name: 'InvalidParameterValueException',
        message: 'LogLevel is not supported when LogFormat is set to "Text". Remove LogLevel from your request or change the LogFormat to "Json" and try again.',
        status: 400,
      });
      expect(await failure(update('log-refused', { LogFormat: 'XML' as never }))).toMatchObject({
        name: 'ValidationException',
        message: "1 validation error detected: Value 'XML' at 'loggingConfig.logFormat' failed to satisfy constraint: Member must satisfy enum value set: [JSON, Text]",
      });
      expect(await current('log-refused')).toEqual({ LogFormat: 'Text', LogGroup: '/aws/lambda/log-refused' });
    });
  });
}

apiSuite('SDK in process', async (setup) => ({ lambda: setup.lambda, close: async () => {} }));
apiSuite('SDK over HTTP', async ({ service }) => {
  const server = await startEmulatorServer(service, { port: 0 });
  return { lambda: httpClients(server.url).lambda, close: () => server.close() };
});

describe('what a Node.js function logs with LoggingConfig', () => {
  let setup: Setup;
  let lambda: LambdaClient;
  let logs: CloudWatchLogsClient;

  beforeAll(() => {
    setup = makeService(quickJSEngine());
    ({ lambda, logs } = setup);
  });
  afterAll(() => setup.service.shutdown());

  const HANDLER = `
exports.handler = async (event, context) => {
  console.log('hello');
  console.debug('a debug line');
  console.info({ order: 7, items: ['a'] });
  console.warn('two', 2);
  console.error(new Error('logged'));
  if (event.fail) throw new Error('boom');
  return { group: context.logGroupName, env: process.env.AWS_LAMBDA_LOG_GROUP_NAME, format: process.env.AWS_LAMBDA_LOG_FORMAT, level: process.env.AWS_LAMBDA_LOG_LEVEL };
};`;

  async function eventsOf(group: string): Promise<string[]> {
    const streams = await logs.send(new DescribeLogStreamsCommand({ logGroupName: group }));
    const out: string[] = [];
    for (const s of streams.logStreams ?? []) out.push(...((await logs.send(new GetLogEventsCommand({ logGroupName: group, logStreamName: s.logStreamName!, startFromHead: true }))).events ?? []).map((e) => e.message!));
    return out;
  }

  it('writes JSON records, application and platform, exactly as Lambda does, and drops those below the level', async () => {
    await lambda.send(new CreateFunctionCommand({ FunctionName: 'log-json', Runtime: 'nodejs22.x', Role: ROLE, Handler: 'index.handler', Code: { ZipFile: zipBytes({ 'index.js': HANDLER }) }, LoggingConfig: { LogFormat: 'JSON' } }));
    const out = await lambda.send(new InvokeCommand({ FunctionName: 'log-json' }));
    expect(JSON.parse(new TextDecoder().decode(out.Payload))).toEqual({ group: '/aws/lambda/log-json', env: '/aws/lambda/log-json', format: 'JSON', level: 'INFO' });
    const messages = (await eventsOf('/aws/lambda/log-json')).map((m) => JSON.parse(m) as Record<string, unknown>);
    const requestId = (messages[1]!['record'] as { requestId: string }).requestId;
    const at = new Date(setup.clock.now()).toISOString();
    const report = messages[messages.length - 1] as { record: { metrics: Record<string, number> } };
    expect(messages).toEqual([
      { time: at, type: 'platform.initStart', record: { initializationType: 'on-demand', phase: 'init', runtimeVersion: 'nodejs:22.v51', runtimeVersionArn: 'arn:aws:lambda:us-east-1::runtime:3ee39d198acc4fa1c1888429c7a97861a7394b936e19287cf4d7dfb14732cf63' } },
      { time: at, type: 'platform.start', record: { requestId, version: '$LATEST' } },
      { timestamp: at, level: 'INFO', requestId, message: 'hello' },
      { timestamp: at, level: 'INFO', requestId, message: { order: 7, items: ['a'] } },
      { timestamp: at, level: 'WARN', requestId, message: 'two 2' },
      {
        timestamp: at,
        level: 'ERROR',
        requestId,
        message: { errorType: 'Error', errorMessage: 'logged', stackTrace: ['Error: logged', '    at <anonymous> (/var/task/index.js:7:26)', expect.stringMatching(/^ {4}at invoke \(\/var\/runtime\/index\.mjs:\d+:\d+\)$/)] },
      },
      {
        time: at,
        type: 'platform.report',
        record: { requestId, metrics: { durationMs: report.record.metrics['durationMs'], billedDurationMs: report.record.metrics['billedDurationMs'], memorySizeMB: 128, maxMemoryUsedMB: report.record.metrics['maxMemoryUsedMB'], initDurationMs: report.record.metrics['initDurationMs'] }, status: 'success' },
      },
    ]);
    // `LogType: Tail` shows the same records.
    const tailed = await lambda.send(new InvokeCommand({ FunctionName: 'log-json', LogType: 'Tail' }));
    const tail = Buffer.from(tailed.LogResult!, 'base64').toString().trim().split('\n').map((l) => JSON.parse(l) as { type?: string; level?: string });
    expect(tail.map((r) => r.type ?? r.level)).toEqual(['platform.start', 'INFO', 'INFO', 'WARN', 'ERROR', 'platform.report']);
  });

  it('DEBUG lets console.debug through; WARN drops INFO and the INFO platform records', async () => {
    await lambda.send(new CreateFunctionCommand({ FunctionName: 'log-levels', Runtime: 'nodejs22.x', Role: ROLE, Handler: 'index.handler', Code: { ZipFile: zipBytes({ 'index.js': HANDLER }) }, LoggingConfig: { LogFormat: 'JSON', ApplicationLogLevel: 'DEBUG' } }));
    await lambda.send(new InvokeCommand({ FunctionName: 'log-levels' }));
    const levels = (await eventsOf('/aws/lambda/log-levels')).map((m) => JSON.parse(m) as { type?: string; level?: string; message?: unknown });
    expect(levels.filter((r) => r.level).map((r) => [r.level, r.message])).toEqual([
      ['INFO', 'hello'],
      ['DEBUG', 'a debug line'],
      ['INFO', { order: 7, items: ['a'] }],
      ['WARN', 'two 2'],
      ['ERROR', expect.objectContaining({ errorMessage: 'logged' })],
    ]);

    await lambda.send(new UpdateFunctionConfigurationCommand({ FunctionName: 'log-levels', LoggingConfig: { ApplicationLogLevel: 'WARN', SystemLogLevel: 'WARN', LogGroup: 'quiet' } }));
    const failed = await lambda.send(new InvokeCommand({ FunctionName: 'log-levels', Payload: new TextEncoder().encode('{"fail":true}') }));
    expect(failed.FunctionError).toBe('Unhandled');
    const quiet = (await eventsOf('quiet')).map((m) => JSON.parse(m) as { level: string; message: unknown });
    expect(quiet.map((r) => r.level)).toEqual(['WARN', 'ERROR', 'ERROR']);
    // The handler's error as Lambda's Node.js runtime logs it in JSON (Invoke Error, as an error object).
    expect(quiet[2]!.message).toEqual({ errorType: 'Error', errorMessage: 'boom', stackTrace: ['Error: boom', '    at <anonymous> (/var/task/index.js:8:34)', expect.stringMatching(/^ {4}at invoke \(\/var\/runtime\/index\.mjs:\d+:\d+\)$/)] });
  });

  it('a custom log group receives the logs, and the function is told its name', async () => {
    await lambda.send(new CreateFunctionCommand({ FunctionName: 'log-group', Runtime: 'nodejs22.x', Role: ROLE, Handler: 'index.handler', Code: { ZipFile: zipBytes({ 'index.js': HANDLER }) }, LoggingConfig: { LogFormat: 'Text', LogGroup: '/shared/app-logs' } }));
    const out = await lambda.send(new InvokeCommand({ FunctionName: 'log-group' }));
    expect(JSON.parse(new TextDecoder().decode(out.Payload))).toEqual({ group: '/shared/app-logs', env: '/shared/app-logs' });
    const text = await eventsOf('/shared/app-logs');
    // Text keeps every level (filtering needs JSON).
    expect(text.map((m) => /^(INIT_START|START|END|REPORT) /.exec(m)?.[1] ?? m.split('\t')[2])).toEqual(['INIT_START', 'START', 'INFO', 'DEBUG', 'INFO', 'WARN', 'ERROR', 'END', 'REPORT']);
    const groups = (await logs.send(new DescribeLogGroupsCommand({}))).logGroups!.map((g) => g.logGroupName);
    expect(groups).toContain('/shared/app-logs');
    expect(groups).not.toContain('/aws/lambda/log-group');
  });
});

describe('what a Python function logs with LoggingConfig JSON', () => {
  it("writes the root logger's JSON records as Lambda's Python runtime does, at the level given, and errors as one record", { timeout: 120_000 }, async () => {
    const setup = makeService(createEngineChooser({ nodejs: quickJSEngine(), python: createPythonEnvironmentFactory({ pyodide: nodePyodideSource }) }));
    const { lambda, logs } = setup;
    const code = [
      'import logging',
      'logger = logging.getLogger()',
      'def lambda_handler(event, context):',
      '    logger.debug("hidden at INFO")',
      '    logger.info("hello %s", "json")',
      '    logger.warning("careful", extra={"orderId": 7})',
      '    print("plain print")',
      '    if event.get("fail"):',
      '        raise ValueError("boom")',
      '    return 1',
      '',
    ].join('\n');
    await lambda.send(new CreateFunctionCommand({ FunctionName: 'py-json', Runtime: 'python3.13', Role: ROLE, Handler: 'lambda_function.lambda_handler', Code: { ZipFile: zipBytes({ 'lambda_function.py': code }) }, LoggingConfig: { LogFormat: 'JSON' } }));
    const ok = await lambda.send(new InvokeCommand({ FunctionName: 'py-json', LogType: 'Tail' }));
    const requestId = ok.$metadata.requestId!;
    const at = new Date(setup.clock.now()).toISOString();
    const lines = Buffer.from(ok.LogResult!, 'base64').toString().trim().split('\n');
    const app = lines.filter((l) => !l.startsWith('{"time"'));
    // Python's json module writes ", " and ": " between items, as the runtime's encoder does.
    expect(app).toEqual([
      `{"timestamp": "${at}", "level": "INFO", "message": "hello json", "logger": "root", "requestId": "${requestId}"}`,
      `{"timestamp": "${at}", "level": "WARNING", "message": "careful", "logger": "root", "requestId": "${requestId}", "orderId": 7}`,
      'plain print',
    ]);
    const failed = await lambda.send(new InvokeCommand({ FunctionName: 'py-json', LogType: 'Tail', Payload: new TextEncoder().encode('{"fail": true}') }));
    const last = Buffer.from(failed.LogResult!, 'base64').toString().trim().split('\n').filter((l) => !l.startsWith('{"time"')).pop()!;
    expect(JSON.parse(last)).toEqual({
      timestamp: at.replace(/\.\d{3}Z$/, ''),
      log_level: 'ERROR',
      errorMessage: 'boom',
      errorType: 'ValueError',
      requestId: failed.$metadata.requestId,
      stackTrace: ['  File "/var/task/lambda_function.py", line 9, in lambda_handler\n    raise ValueError("boom")\n'],
    });
    const groups = (await logs.send(new DescribeLogGroupsCommand({}))).logGroups!.map((g) => g.logGroupName);
    expect(groups).toContain('/aws/lambda/py-json');
    setup.service.shutdown();
  });
});
