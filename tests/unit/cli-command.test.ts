/**
 * "Copy as AWS CLI" builds commands the real AWS CLI v2 accepts and that do what the console
 * action did: each argv is run through the CLI against the emulator's HTTP server, and the
 * function is then read back. An option name the CLI does not know fails here.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulatorServer, type RunningServer } from '../../src/hosts/node/http-server.ts';
import { LambdaService, createEngineChooser, realClock, zip } from '../../src/emulator/index.ts';
import { createNodePythonWorkerEnvironmentFactory } from '../../src/hosts/node/node-worker-environment.ts';
import { quickJSEngine } from './support/harness.ts';
import { awsCliSession } from './support/aws-cli.ts';
import {
  createAliasCli,
  createFunctionCli,
  deleteFunctionCli,
  environmentArg,
  invokeCli,
  publishLayerVersionCli,
  publishVersionCli,
  shellLine,
  updateAliasCli,
  updateFunctionConfigurationCli,
} from '../../src/workspace/cli-command.ts';

describe('the commands Copy as AWS CLI shows', () => {
  it('reads as a learner would type them', () => {
    expect(shellLine(updateFunctionConfigurationCli({ FunctionName: 'X', Timeout: 10, Environment: { Variables: { K: 'V' } } }))).toBe(
      "aws lambda update-function-configuration --function-name X --timeout 10 --environment 'Variables={K=V}'",
    );
    expect(shellLine(invokeCli({ FunctionName: 'hello-lambda', Qualifier: '$LATEST', LogType: 'Tail', Payload: new TextEncoder().encode('{"a": 1}') }))).toBe(
      `aws lambda invoke --function-name hello-lambda --qualifier '$LATEST' --log-type Tail --cli-binary-format raw-in-base64-out --payload '{"a": 1}' response.json`,
    );
    expect(shellLine(publishVersionCli({ FunctionName: 'f', Description: "it's v1" }))).toBe(`aws lambda publish-version --function-name f --description 'it'\\''s v1'`);
    expect(shellLine(createAliasCli({ FunctionName: 'f', Name: 'prod', FunctionVersion: '1', RoutingConfig: { AdditionalVersionWeights: { '2': 0.1 } } }))).toBe(
      "aws lambda create-alias --function-name f --name prod --function-version 1 --routing-config 'AdditionalVersionWeights={2=0.1}'",
    );
  });

  it('falls back to JSON for environment values shorthand cannot carry', () => {
    expect(environmentArg({ HELLO: 'world', URL: 'https://example.com/a' })).toBe('Variables={HELLO=world,URL=https://example.com/a}');
    expect(environmentArg({ GREETING: 'Hello, world' })).toBe('{"Variables":{"GREETING":"Hello, world"}}');
    expect(environmentArg({ EMPTY: '' })).toBe('{"Variables":{"EMPTY":""}}');
    expect(environmentArg({})).toBe('Variables={}');
  });
});

describe('the commands, run through the real AWS CLI v2', () => {
  let server: RunningServer;
  let service: LambdaService;
  let aws: (...args: string[]) => Promise<Record<string, unknown>>;
  let dir: string;
  /** Runs a built command (without its leading `aws`) through the CLI. */
  const run = (argv: string[]) => {
    expect(argv[0]).toBe('aws');
    return aws(...argv.slice(1));
  };

  beforeAll(async () => {
    const environmentFactory = createEngineChooser({ nodejs: quickJSEngine(), python: createNodePythonWorkerEnvironmentFactory() });
    service = new LambdaService({ environmentFactory, clock: realClock, region: 'us-east-1', accountId: '111111111111' });
    server = await startEmulatorServer(service, { port: 0 });
    ({ aws, dir } = await awsCliSession(server.url));
  });

  afterAll(async () => {
    await server?.close();
    service?.shutdown();
  });

  it('create, update configuration, add layers, publish, alias, invoke, delete', { timeout: 180_000 }, async () => {
    writeFileSync(join(dir, 'function.zip'), zip({ 'index.mjs': `import words from 'w';\nexport const handler = async (event) => ({ hello: process.env.HELLO, words, event });\n` }));
    writeFileSync(join(dir, 'w.zip'), zip({ 'nodejs/node_modules/w/index.js': 'module.exports = "first";' }));
    writeFileSync(join(dir, 'w2.zip'), zip({ 'nodejs/node_modules/w/index.js': 'module.exports = "second";' }));

    const created = await run(
      createFunctionCli({ FunctionName: 'cli-copy', Runtime: 'nodejs22.x', Handler: 'index.handler', Architectures: ['arm64'], Role: 'arn:aws:iam::111111111111:role/lambda-role', Code: {} }),
    );
    expect(created).toMatchObject({ FunctionName: 'cli-copy', Runtime: 'nodejs22.x', Handler: 'index.handler', Architectures: ['arm64'] });

    const updated = await run(
      updateFunctionConfigurationCli({
        FunctionName: 'cli-copy',
        MemorySize: 256,
        Timeout: 10,
        EphemeralStorage: { Size: 1024 },
        Description: 'Hello, world',
        Environment: { Variables: { HELLO: 'world', GREETING: 'Hi, there' } },
      }),
    );
    expect(updated).toMatchObject({ MemorySize: 256, Timeout: 10, EphemeralStorage: { Size: 1024 }, Description: 'Hello, world', Environment: { Variables: { HELLO: 'world', GREETING: 'Hi, there' } } });

    const layer1 = await run(publishLayerVersionCli({ LayerName: 'w', Content: {}, CompatibleRuntimes: ['nodejs22.x', 'nodejs24.x'], CompatibleArchitectures: ['x86_64', 'arm64'] }));
    expect(layer1).toMatchObject({ Version: 1, CompatibleRuntimes: ['nodejs22.x', 'nodejs24.x'], CompatibleArchitectures: ['x86_64', 'arm64'] });
    const layer2 = await run(publishLayerVersionCli({ LayerName: 'w2', Description: 'second list', Content: {} }));
    const arns = [String(layer1['LayerVersionArn']), String(layer2['LayerVersionArn'])];
    const withLayers = await run(updateFunctionConfigurationCli({ FunctionName: 'cli-copy', Layers: [...arns].reverse() }));
    expect((withLayers['Layers'] as { Arn: string }[]).map((l) => l.Arn)).toEqual([...arns].reverse());
    const reordered = await run(updateFunctionConfigurationCli({ FunctionName: 'cli-copy', Layers: arns }));
    expect((reordered['Layers'] as { Arn: string }[]).map((l) => l.Arn)).toEqual(arns);

    const v1 = await run(publishVersionCli({ FunctionName: 'cli-copy', Description: "it's v1" }));
    expect(v1).toMatchObject({ Version: '1', Description: "it's v1" });
    await run(updateFunctionConfigurationCli({ FunctionName: 'cli-copy', Description: '' }));
    const v2 = await run(publishVersionCli({ FunctionName: 'cli-copy' }));
    expect(v2).toMatchObject({ Version: '2', Description: '' });

    const alias = await run(createAliasCli({ FunctionName: 'cli-copy', Name: 'prod', FunctionVersion: '1', RoutingConfig: { AdditionalVersionWeights: { '2': 0.1 } } }));
    expect(alias).toMatchObject({ Name: 'prod', FunctionVersion: '1', RoutingConfig: { AdditionalVersionWeights: { '2': 0.1 } } });
    const moved = await run(updateAliasCli({ FunctionName: 'cli-copy', Name: 'prod', FunctionVersion: '2', RoutingConfig: { AdditionalVersionWeights: {} } }));
    expect(moved).toMatchObject({ Name: 'prod', FunctionVersion: '2' });
    expect(moved['RoutingConfig']).toBeUndefined();

    const invoked = await run(invokeCli({ FunctionName: 'cli-copy', Qualifier: '1', LogType: 'Tail', Payload: new TextEncoder().encode('{"n": 1}') }));
    expect(invoked).toMatchObject({ StatusCode: 200, ExecutedVersion: '1' });
    expect(Buffer.from(String(invoked['LogResult']), 'base64').toString('utf8')).toMatch(/^START RequestId: [0-9a-f-]{36} Version: 1$/m);
    expect(JSON.parse(readFileSync(join(dir, 'response.json'), 'utf8'))).toEqual({ hello: 'world', words: 'second', event: { n: 1 } });

    const cleared = await run(updateFunctionConfigurationCli({ FunctionName: 'cli-copy', Layers: [] }));
    expect(cleared['Layers']).toBeUndefined();

    await run(deleteFunctionCli({ FunctionName: 'cli-copy' }));
    await expect(aws('lambda', 'get-function', '--function-name', 'cli-copy')).rejects.toThrow(/ResourceNotFoundException/);
  });
});
