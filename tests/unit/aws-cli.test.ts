/**
 * The real AWS CLI v2 against the emulator's HTTP server: a client no one here wrote. This test
 * fails (it does not skip) when the CLI is missing, because it is the proof the wire format holds.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulatorServer, type RunningServer } from '../../src/hosts/node/http-server.ts';
import { LambdaService, createEngineChooser, realClock, zip } from '../../src/emulator/index.ts';
import { createNodePythonWorkerEnvironmentFactory } from '../../src/hosts/node/node-worker-environment.ts';
import { quickJSEngine } from './support/harness.ts';
import { awsCliSession } from './support/aws-cli.ts';

describe('the AWS CLI v2 against npm run emulator’s HTTP server', () => {
  let server: RunningServer;
  let service: LambdaService;
  let aws: (...args: string[]) => Promise<Record<string, unknown>>;
  let dir: string;

  beforeAll(async () => {
    // As `npm run emulator` runs them: Node.js functions in QuickJS, Python functions in worker threads.
    const environmentFactory = createEngineChooser({ nodejs: quickJSEngine(), python: createNodePythonWorkerEnvironmentFactory() });
    service = new LambdaService({ environmentFactory, clock: realClock, region: 'us-east-1', accountId: '111111111111' });
    server = await startEmulatorServer(service, { port: 0 });
    ({ aws, dir } = await awsCliSession(server.url));
  });

  afterAll(async () => {
    await server?.close();
    service?.shutdown();
  });

  it('create, invoke with --log-type Tail, publish, alias, layer, invoke again, read logs', { timeout: 180_000 }, async () => {
    writeFileSync(
      join(dir, 'fn.zip'),
      zip({
        'index.js': `exports.handler = async (event) => {
  let greeting = null;
  try { greeting = require('greet')(event.name); } catch (e) { greeting = 'no layer: ' + e.message; }
  console.log('hello from the CLI test', JSON.stringify(event));
  return { greeting };
};`,
      }),
    );
    writeFileSync(join(dir, 'layer.zip'), zip({ 'nodejs/node_modules/greet/index.js': 'module.exports = (name) => "Hello, " + name + "!";' }));

    const created = await aws('lambda', 'create-function', '--function-name', 'cli-fn', '--runtime', 'nodejs22.x', '--role', 'arn:aws:iam::111111111111:role/lambda-role', '--handler', 'index.handler', '--zip-file', 'fileb://fn.zip');
    expect(created).toMatchObject({ FunctionName: 'cli-fn', State: 'Pending', FunctionArn: 'arn:aws:lambda:us-east-1:111111111111:function:cli-fn' });

    const first = await aws('lambda', 'invoke', '--function-name', 'cli-fn', '--log-type', 'Tail', '--cli-binary-format', 'raw-in-base64-out', '--payload', '{"name":"Ada"}', 'out1.json');
    expect(first).toMatchObject({ StatusCode: 200, ExecutedVersion: '$LATEST' });
    const tail = Buffer.from(String(first['LogResult']), 'base64').toString('utf8');
    expect(tail).toMatch(/START RequestId: [0-9a-f-]{36} Version: \$LATEST/);
    expect(tail).toContain('hello from the CLI test {"name":"Ada"}');
    expect(tail).toMatch(/REPORT RequestId: [0-9a-f-]{36}\tDuration: [\d.]+ ms/);
    expect(JSON.parse(readFileSync(join(dir, 'out1.json'), 'utf8')).greeting).toMatch(/^no layer: /);

    const version = await aws('lambda', 'publish-version', '--function-name', 'cli-fn');
    expect(version).toMatchObject({ Version: '1', FunctionArn: 'arn:aws:lambda:us-east-1:111111111111:function:cli-fn:1' });
    const alias = await aws('lambda', 'create-alias', '--function-name', 'cli-fn', '--name', 'live', '--function-version', '1');
    expect(alias).toMatchObject({ Name: 'live', FunctionVersion: '1', AliasArn: 'arn:aws:lambda:us-east-1:111111111111:function:cli-fn:live' });

    const layer = await aws('lambda', 'publish-layer-version', '--layer-name', 'greet', '--zip-file', 'fileb://layer.zip', '--compatible-runtimes', 'nodejs22.x');
    expect(layer).toMatchObject({ Version: 1, LayerVersionArn: 'arn:aws:lambda:us-east-1:111111111111:layer:greet:1' });
    // Shared with every account, as the course notes describe, then read back.
    const shared = await aws('lambda', 'add-layer-version-permission', '--layer-name', 'greet', '--version-number', '1', '--statement-id', 'public', '--action', 'lambda:GetLayerVersion', '--principal', '*');
    expect(JSON.parse(String(shared['Statement']))).toEqual({ Sid: 'public', Effect: 'Allow', Principal: '*', Action: 'lambda:GetLayerVersion', Resource: layer['LayerVersionArn'] });
    const layerPolicy = await aws('lambda', 'get-layer-version-policy', '--layer-name', 'greet', '--version-number', '1');
    expect(layerPolicy['RevisionId']).toBe(shared['RevisionId']);
    const updated = await aws('lambda', 'update-function-configuration', '--function-name', 'cli-fn', '--layers', String(layer['LayerVersionArn']));
    expect(updated['Layers']).toEqual([{ Arn: layer['LayerVersionArn'], CodeSize: (layer['Content'] as { CodeSize: number }).CodeSize }]);

    const second = await aws('lambda', 'invoke', '--function-name', 'cli-fn', '--cli-binary-format', 'raw-in-base64-out', '--payload', '{"name":"Grace"}', 'out2.json');
    expect(second).toMatchObject({ StatusCode: 200, ExecutedVersion: '$LATEST' });
    expect(JSON.parse(readFileSync(join(dir, 'out2.json'), 'utf8'))).toEqual({ greeting: 'Hello, Grace!' });
    const viaAlias = await aws('lambda', 'invoke', '--function-name', 'cli-fn:live', '--cli-binary-format', 'raw-in-base64-out', '--payload', '{"name":"Alan"}', 'out3.json');
    expect(viaAlias).toMatchObject({ StatusCode: 200, ExecutedVersion: '1' });

    const groups = await aws('logs', 'describe-log-groups', '--log-group-name-prefix', '/aws/lambda/cli-fn');
    expect((groups['logGroups'] as { logGroupName: string }[]).map((g) => g.logGroupName)).toEqual(['/aws/lambda/cli-fn']);
    const streams = await aws('logs', 'describe-log-streams', '--log-group-name', '/aws/lambda/cli-fn');
    const names = (streams['logStreams'] as { logStreamName: string }[]).map((s) => s.logStreamName).sort();
    // The configuration change retired the first $LATEST environment: a new one means a new stream.
    expect(names.filter((n) => n.includes('[$LATEST]'))).toHaveLength(2);
    expect(names.filter((n) => n.includes('[1]'))).toHaveLength(1);
    for (const stream of names) {
      const events = await aws('logs', 'get-log-events', '--log-group-name', '/aws/lambda/cli-fn', '--log-stream-name', stream, '--start-from-head');
      const messages = (events['events'] as { message: string }[]).map((e) => e.message);
      expect(messages[0]).toMatch(/^INIT_START Runtime Version: nodejs:22\.v\d+\tRuntime Version ARN: arn:aws:lambda:us-east-1::runtime:[0-9a-f]{64}/);
      expect(messages.filter((m) => m.startsWith('START RequestId:'))).toHaveLength(1);
    }
    const filtered = await aws('logs', 'filter-log-events', '--log-group-name', '/aws/lambda/cli-fn', '--filter-pattern', '"Grace"');
    expect((filtered['events'] as { message: string }[]).map((e) => e.message.split('\t')[3]?.trim())).toEqual(['hello from the CLI test {"name":"Grace"}']);

    const code = await aws('lambda', 'get-function', '--function-name', 'cli-fn');
    const location = String((code['Code'] as { Location: string }).Location);
    expect(location.startsWith(server.url)).toBe(true);
    const downloaded = new Uint8Array(await (await fetch(location)).arrayBuffer());
    expect(downloaded).toEqual(new Uint8Array(readFileSync(join(dir, 'fn.zip'))));

    const missing = await aws('lambda', 'get-function', '--function-name', 'nope').catch((err: { stderr: string }) => ({ stderr: err.stderr }));
    expect(String(missing['stderr'])).toContain('An error occurred (ResourceNotFoundException) when calling the GetFunction operation: Function not found: arn:aws:lambda:us-east-1:111111111111:function:nope');
  });

  it('invoke-async (deprecated) answers {"Status": 202} and the queued event runs', { timeout: 120_000 }, async () => {
    writeFileSync(join(dir, 'async.zip'), zip({ 'index.js': 'exports.handler = async (event) => { console.log("async event", JSON.stringify(event)); return event; };' }));
    await aws('lambda', 'create-function', '--function-name', 'cli-async', '--runtime', 'nodejs22.x', '--role', 'arn:aws:iam::111111111111:role/lambda-role', '--handler', 'index.handler', '--zip-file', 'fileb://async.zip');
    writeFileSync(join(dir, 'args.json'), '{"via":"invoke-async"}');
    expect(await aws('lambda', 'invoke-async', '--function-name', 'cli-async', '--invoke-args', 'args.json')).toEqual({ Status: 202 });
    expect(service.queue.pending.map((e) => [e.functionName, e.payload])).toEqual([['cli-async', '{"via":"invoke-async"}']]);
    await service.scheduler.processDue();
    const filtered = await aws('logs', 'filter-log-events', '--log-group-name', '/aws/lambda/cli-async', '--filter-pattern', '"async event"');
    expect((filtered['events'] as { message: string }[]).map((e) => e.message.split('\t')[3]?.trim())).toEqual(['async event {"via":"invoke-async"}']);
  });

  it('creates and invokes a Python function: the runtime\'s answer, its log lines and its error document', { timeout: 180_000 }, async () => {
    writeFileSync(join(dir, 'py.zip'), zip({
      'lambda_function.py': `import json
def lambda_handler(event, context):
    print("hello from python", json.dumps(event))
    if event.get("fail"):
        raise ValueError("bad input")
    return {"greeting": "Hello, " + event["name"], "memory": context.memory_limit_in_mb}
`,
    }));
    const created = await aws('lambda', 'create-function', '--function-name', 'cli-py', '--runtime', 'python3.13', '--role', 'arn:aws:iam::111111111111:role/lambda-role', '--handler', 'lambda_function.lambda_handler', '--zip-file', 'fileb://py.zip');
    expect(created).toMatchObject({ FunctionName: 'cli-py', Runtime: 'python3.13', Handler: 'lambda_function.lambda_handler', State: 'Pending' });

    const ok = await aws('lambda', 'invoke', '--function-name', 'cli-py', '--log-type', 'Tail', '--cli-binary-format', 'raw-in-base64-out', '--payload', '{"name":"Ada"}', 'py1.json');
    expect(ok).toMatchObject({ StatusCode: 200, ExecutedVersion: '$LATEST' });
    expect(ok['FunctionError']).toBeUndefined();
    expect(readFileSync(join(dir, 'py1.json'), 'utf8')).toBe('{"greeting": "Hello, Ada", "memory": "128"}');
    const tail = Buffer.from(String(ok['LogResult']), 'base64').toString('utf8').split('\n');
    expect(tail[0]).toMatch(/^INIT_START Runtime Version: python:3\.14\.pyodide-314\.0\.8\tRuntime Version ARN: arn:aws:lambda:us-east-1::runtime:[0-9a-f]{64}$/);
    expect(tail[1]).toMatch(/^START RequestId: [0-9a-f-]{36} Version: \$LATEST$/);
    expect(tail[2]).toBe('hello from python {"name": "Ada"}');
    expect(tail[4]).toMatch(/^REPORT RequestId: [0-9a-f-]{36}\tDuration: [\d.]+ ms\tBilled Duration: \d+ ms\tMemory Size: 128 MB\tMax Memory Used: \d+ MB\tInit Duration: [\d.]+ ms\t$/);

    const failed = await aws('lambda', 'invoke', '--function-name', 'cli-py', '--cli-binary-format', 'raw-in-base64-out', '--payload', '{"name":"Ada","fail":true}', 'py2.json');
    expect(failed).toMatchObject({ StatusCode: 200, FunctionError: 'Unhandled', ExecutedVersion: '$LATEST' });
    const error = JSON.parse(readFileSync(join(dir, 'py2.json'), 'utf8'));
    expect(error).toEqual({
      errorMessage: 'bad input', errorType: 'ValueError', requestId: expect.stringMatching(/^[0-9a-f-]{36}$/),
      stackTrace: ['  File "/var/task/lambda_function.py", line 5, in lambda_handler\n    raise ValueError("bad input")\n'],
    });
  });
});
