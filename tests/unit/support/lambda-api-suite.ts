/**
 * The control-plane specification, run through the real `LambdaClient` and `CloudWatchLogsClient`.
 * Each transport (in-process request handler, HTTP server on 127.0.0.1) runs the same suite.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  CreateAliasCommand,
  CreateFunctionCommand,
  DeleteAliasCommand,
  DeleteFunctionCommand,
  DeleteFunctionConcurrencyCommand,
  DeleteFunctionEventInvokeConfigCommand,
  DeleteLayerVersionCommand,
  GetAccountSettingsCommand,
  GetAliasCommand,
  GetFunctionCommand,
  GetFunctionConcurrencyCommand,
  GetFunctionConfigurationCommand,
  GetFunctionEventInvokeConfigCommand,
  GetLayerVersionByArnCommand,
  GetLayerVersionCommand,
  InvokeAsyncCommand,
  InvokeCommand,
  LambdaClient,
  ListAliasesCommand,
  ListFunctionsCommand,
  ListLayersCommand,
  ListLayerVersionsCommand,
  ListVersionsByFunctionCommand,
  PublishLayerVersionCommand,
  AddLayerVersionPermissionCommand,
  GetLayerVersionPolicyCommand,
  RemoveLayerVersionPermissionCommand,
  PublishVersionCommand,
  PutFunctionConcurrencyCommand,
  PutFunctionEventInvokeConfigCommand,
  UpdateAliasCommand,
  UpdateFunctionCodeCommand,
  UpdateFunctionConfigurationCommand,
  UpdateFunctionEventInvokeConfigCommand,
  type CreateFunctionCommandInput,
} from '@aws-sdk/client-lambda';
import {
  CloudWatchLogsClient,
  DescribeLogGroupsCommand,
  DescribeLogStreamsCommand,
  FilterLogEventsCommand,
  GetLogEventsCommand,
} from '@aws-sdk/client-cloudwatch-logs';
import { unzipSync, zipSync } from 'fflate';
import {
  type LambdaService,
  type VirtualClock,
  limits,
  LAYER_WITHOUT_RUNTIME_FOLDER_WARNING,
  type EnvironmentFactory,
} from '../../../src/emulator/index.ts';
import { ACCOUNT, ECHO_CODE, REGION, ROLE, allowSending, failure, makeService, quickJSEngine, zipBytes } from './harness.ts';
import { recordingsOf } from './recordings.ts';
import { createGate, createVmEnvironmentFactory } from './vm-engine.ts';

export interface Connection {
  lambda: LambdaClient;
  logs: CloudWatchLogsClient;
  /** Fetches a Code.Location / Content.Location URL the way a checker would. */
  download(url: string): Promise<Uint8Array>;
  /** A raw request, to see what SDKs drop (e.g. EmulatorWarnings). */
  raw(method: string, path: string): Promise<{ status: number; body: string }>;
  close(): Promise<void>;
}

export type Connect = (service: LambdaService) => Promise<Connection>;

const ARN = (name: string, q?: string) => `arn:aws:lambda:${REGION}:${ACCOUNT}:function:${name}${q ? `:${q}` : ''}`;
const dec = new TextDecoder();
const enc = new TextEncoder();

export function lambdaApiSuite(transport: string, connect: Connect, engine: () => EnvironmentFactory = quickJSEngine): void {
  describe(`Lambda API through ${transport}`, () => {
    let service: LambdaService;
    let clock: VirtualClock;
    let c: Connection;
    let lambda: LambdaClient;

    const create = (name: string, extra: Partial<CreateFunctionCommandInput> = {}, files: Record<string, string> = ECHO_CODE) =>
      lambda.send(
        new CreateFunctionCommand({ FunctionName: name, Runtime: 'nodejs22.x', Role: ROLE, Handler: 'index.handler', Code: { ZipFile: zipBytes(files) }, ...extra }),
      );
    const invoke = async (name: string, event: unknown, extra: Record<string, unknown> = {}) => {
      const out = await lambda.send(new InvokeCommand({ FunctionName: name, Payload: enc.encode(JSON.stringify(event)), ...extra }));
      return { ...out, json: out.Payload && out.Payload.byteLength > 0 ? JSON.parse(dec.decode(out.Payload)) : undefined };
    };

    beforeEach(async () => {
      ({ service, clock } = makeService(engine()));
      c = await connect(service);
      lambda = c.lambda;
    });
    afterEach(async () => {
      await c.close();
      service.shutdown();
    });

    describe('functions', () => {
      it('CreateFunction answers 201 with a Pending configuration in Lambda’s field set', async () => {
        const out = await create('fn-a', { MemorySize: 256, Timeout: 5, Description: 'd', Environment: { Variables: { STAGE: 'dev' } } });
        expect(out.$metadata.httpStatusCode).toBe(201);
        const { $metadata, ...body } = out;
        expect(Object.keys(body).sort()).toEqual(
          ['Architectures', 'CodeSha256', 'CodeSize', 'Description', 'Environment', 'EphemeralStorage', 'FunctionArn', 'FunctionName', 'Handler', 'LastModified', 'LoggingConfig', 'MemorySize', 'PackageType', 'RevisionId', 'Role', 'Runtime', 'RuntimeVersionConfig', 'SnapStart', 'State', 'StateReason', 'StateReasonCode', 'Timeout', 'TracingConfig', 'Version'].sort(),
        );
        expect(body).toMatchObject({
          Architectures: ['x86_64'],
          EphemeralStorage: { Size: 512 },
          FunctionArn: ARN('fn-a'),
          LoggingConfig: { LogFormat: 'Text', LogGroup: '/aws/lambda/fn-a' },
          MemorySize: 256,
          PackageType: 'Zip',
          SnapStart: { ApplyOn: 'None', OptimizationStatus: 'Off' },
          State: 'Pending',
          StateReason: 'The function is being created.',
          StateReasonCode: 'Creating',
          Timeout: 5,
          TracingConfig: { Mode: 'PassThrough' },
          Version: '$LATEST',
        });
        expect(body.LastModified).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}\+0000$/);
        expect(body.RevisionId).toMatch(/^[0-9a-f-]{36}$/);
        expect(body.RuntimeVersionConfig?.RuntimeVersionArn).toMatch(new RegExp(`^arn:aws:lambda:${REGION}::runtime:[0-9a-f]{64}$`));
      });

      it('CodeSha256 and CodeSize describe the uploaded zip, and Code.Location serves it back', async () => {
        const zip = zipBytes(ECHO_CODE);
        await lambda.send(new CreateFunctionCommand({ FunctionName: 'fn-b', Runtime: 'nodejs20.x', Role: ROLE, Handler: 'index.handler', Code: { ZipFile: zip } }));
        const got = await lambda.send(new GetFunctionCommand({ FunctionName: 'fn-b' }));
        const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', zip as Uint8Array<ArrayBuffer>));
        expect(got.Configuration?.CodeSha256).toBe(btoa(String.fromCharCode(...digest)));
        expect(got.Configuration?.CodeSize).toBe(zip.byteLength);
        expect(got.Configuration?.State).toBe('Active');
        expect(got.Configuration?.LastUpdateStatus).toBe('Successful');
        expect(got.Code?.RepositoryType).toBe('S3');
        const downloaded = await c.download(got.Code!.Location!);
        expect(dec.decode(unzipSync(downloaded)['index.js']!)).toBe(ECHO_CODE['index.js']);
      });

      it('GetFunction and GetFunctionConfiguration on a missing function: 404 with the unqualified ARN', async () => {
        for (const call of [lambda.send(new GetFunctionCommand({ FunctionName: 'nope' })), lambda.send(new GetFunctionConfigurationCommand({ FunctionName: 'nope' }))]) {
          const f = await failure(call);
          expect([f.name, f.status, f.message]).toEqual(['ResourceNotFoundException', 404, `Function not found: ${ARN('nope')}`]);
        }
      });

      it('creating a function twice is a conflict', async () => {
        await create('dup');
        const f = await failure(create('dup'));
        expect([f.name, f.status, f.message]).toEqual(['ResourceConflictException', 409, 'Function already exist: dup']);
      });

      const rejections: [string, Partial<CreateFunctionCommandInput>, string, number, string][] = [
        ['an unknown runtime', { Runtime: 'nodejs99.x' as never }, 'InvalidParameterValueException', 400,
          "Value nodejs99.x at 'runtime' failed to satisfy constraint: Member must satisfy enum value set: [nodejs20.x, python3.14, provided.al2023, python3.12, python3.13, nodejs24.x, nodejs22.x, java25, python3.10, python3.11, java21, ruby3.3, ruby3.4, ruby3.2, python3.8, python3.9, java17, nodejs16.x, dotnet10, dotnet8, java11, dotnet6, nodejs18.x, provided.al2, java8.al2] or be a valid ARN"],
        ['a deprecated runtime', { Runtime: 'nodejs14.x' }, 'InvalidParameterValueException', 400,
          'The runtime parameter of nodejs14.x is no longer supported for creating or updating AWS Lambda functions. We recommend you use a supported runtime while creating or updating functions.'],
        ['a runtime the emulator cannot run', { Runtime: 'python3.11' }, 'InvalidParameterValueException', 400,
          'The runtime python3.11 is valid on AWS Lambda, but this emulator runs Node.js and Python functions only. Use one of: nodejs18.x, nodejs20.x, nodejs22.x, nodejs24.x, python3.12, python3.13, python3.14.'],
        ['a reserved environment key', { Environment: { Variables: { AWS_REGION: 'x', OK: 'y' } } }, 'InvalidParameterValueException', 400,
          'Lambda was unable to configure your environment variables because the environment variables you have provided contains reserved keys that are currently not supported for modification. Reserved keys used in this request: AWS_REGION'],
        ['memory below 128 MB', { MemorySize: limits.memory.min - 1 }, 'ValidationException', 400,
          "1 validation error detected: Value '127' at 'memorySize' failed to satisfy constraint: Member must have value greater than or equal to 128"],
        ['memory above 10,240 MB', { MemorySize: limits.memory.max + 1 }, 'ValidationException', 400,
          "1 validation error detected: Value '10241' at 'memorySize' failed to satisfy constraint: Member must have value less than or equal to 10240"],
        ['a timeout over 900 s', { Timeout: limits.timeout.max + 1 }, 'ValidationException', 400,
          "1 validation error detected: Value '901' at 'timeout' failed to satisfy constraint: Member must have value less than or equal to 900"],
        ['ephemeral storage over 10,240 MB', { EphemeralStorage: { Size: 10_241 } }, 'ValidationException', 400,
          "1 validation error detected: Value '10241' at 'ephemeralStorage.size' failed to satisfy constraint: Member must have value less than or equal to 10240"],
        ['a role that is not an IAM role ARN', { Role: 'r1' }, 'ValidationException', 400,
          "1 validation error detected: Value 'r1' at 'role' failed to satisfy constraint: Member must satisfy regular expression pattern: arn:(aws[a-zA-Z-]*)?:iam::\\d{12}:role/?[a-zA-Z_0-9+=,.@\\-_/]+"],
        ['two architectures', { Architectures: ['x86_64', 'arm64'] }, 'ValidationException', 400,
          "1 validation error detected: Value '[x86_64, arm64]' at 'architectures' failed to satisfy constraint: Member must have length less than or equal to 1"],
        ['an upper-case architecture', { Architectures: ['X86_64' as never] }, 'ValidationException', 400,
          "1 validation error detected: Value '[X86_64]' at 'architectures' failed to satisfy constraint: Member must satisfy constraint: [Member must satisfy enum value set: [x86_64, arm64], Member must not be null]"],
        ['more than 5 layers', { Layers: [1, 2, 3, 4, 5, 6].map((n) => `arn:aws:lambda:${REGION}:${ACCOUNT}:layer:l${n}:1`) }, 'InvalidParameterValueException', 400, 'Cannot reference more than 5 layers.'],
        ['a layer version that does not exist', { Layers: [`arn:aws:lambda:${REGION}:${ACCOUNT}:layer:doesnotexist:1`] }, 'InvalidParameterValueException', 400,
          `Layer version arn:aws:lambda:${REGION}:${ACCOUNT}:layer:doesnotexist:1 does not exist.`],
        ['a malformed zip', { Code: { ZipFile: enc.encode('this is not a zip') } }, 'InvalidParameterValueException', 400,
          'Could not unzip uploaded file. Please check your file, then try to upload again.'],
      ];
      for (const [what, input, code, status, message] of rejections) {
        it(`rejects ${what}`, async () => {
          const f = await failure(create('bad', input));
          expect([f.name, f.status, f.message]).toEqual([code, status, message]);
          await expect(lambda.send(new GetFunctionCommand({ FunctionName: 'bad' }))).rejects.toThrow('Function not found');
        });
      }

      const noLongerSupported = (runtime: string) =>
        `The runtime parameter of ${runtime} is no longer supported for creating or updating AWS Lambda functions. We recommend you use a supported runtime while creating or updating functions.`;

      it('refuses to create on a runtime whose create block has come, on the day the clock says (src/emulator/runtimes.ts)', async () => {
        await create('early-20', { Runtime: 'nodejs20.x' }); // 1 January 2026: still allowed
        clock.advance(Date.UTC(2026, 11, 4) - clock.now());
        for (const runtime of ['nodejs18.x', 'nodejs20.x'] as const) {
          const f = await failure(create(`late-${runtime.slice(6, 8)}`, { Runtime: runtime }));
          expect([f.name, f.status, f.message]).toEqual(['InvalidParameterValueException', 400, noLongerSupported(runtime)]);
        }
        expect((await create('late-22', { Runtime: 'nodejs22.x' })).Runtime).toBe('nodejs22.x');
        // Until its update block, a function already on a deprecated runtime can still be changed.
        const code = await lambda.send(new UpdateFunctionCodeCommand({ FunctionName: 'early-20', ZipFile: zipBytes(ECHO_CODE) }));
        expect(code.Runtime).toBe('nodejs20.x');
      });

      it('refuses updates once the update block has come, except moving to a supported runtime', async () => {
        await create('old', { Runtime: 'nodejs20.x' });
        clock.advance(Date.UTC(2027, 2, 3) - clock.now());
        for (const call of [
          lambda.send(new UpdateFunctionCodeCommand({ FunctionName: 'old', ZipFile: zipBytes(ECHO_CODE) })),
          lambda.send(new UpdateFunctionConfigurationCommand({ FunctionName: 'old', Description: 'still here' })),
          lambda.send(new UpdateFunctionConfigurationCommand({ FunctionName: 'old', Runtime: 'nodejs20.x' })),
        ]) {
          const f = await failure(call);
          expect([f.name, f.status, f.message]).toEqual(['InvalidParameterValueException', 400, noLongerSupported('nodejs20.x')]);
        }
        const moved = await lambda.send(new UpdateFunctionConfigurationCommand({ FunctionName: 'old', Runtime: 'nodejs22.x' }));
        expect(moved.Runtime).toBe('nodejs22.x');
      });

      it('missing required members are reported together', async () => {
        const f = await failure(lambda.send(new CreateFunctionCommand({ FunctionName: 'x' } as CreateFunctionCommandInput)));
        expect([f.name, f.status, f.message]).toEqual([
          'ValidationException',
          400,
          "2 validation errors detected: Value null at 'code' failed to satisfy constraint: Member must not be null; Value null at 'role' failed to satisfy constraint: Member must not be null",
        ]);
      });

      it('rejects environment variables over 4 KB, quoting the string it measured', async () => {
        const value = 'x'.repeat(limits.environment.maxBytes);
        const f = await failure(create('bad', { Environment: { Variables: { SMALL_VAR: 'ok', LARGE_VAR: value } } }));
        expect([f.name, f.status]).toEqual(['InvalidParameterValueException', 400]);
        expect(f.message).toBe(
          `Lambda was unable to configure your environment variables because the environment variables you have provided exceeded the 4KB limit. String measured: {"SMALL_VAR":"ok","LARGE_VAR":"${value}"}`,
        );
      });

      it('accepts environment variables just under 4 KB', async () => {
        const value = 'x'.repeat(limits.environment.maxBytes - '{"LARGE_VAR":""}'.length);
        const out = await create('near', { Environment: { Variables: { LARGE_VAR: value } } });
        expect(out.Environment?.Variables?.['LARGE_VAR']).toBe(value);
      });

      it('rejects code that unzips to more than 250 MB', async () => {
        const big = zipSync({ 'index.js': new Uint8Array(limits.deploymentPackage.maxUnzippedBytes + 1) }, { level: 9 });
        const f = await failure(lambda.send(new CreateFunctionCommand({ FunctionName: 'huge', Runtime: 'nodejs22.x', Role: ROLE, Handler: 'index.handler', Code: { ZipFile: big } })));
        expect([f.name, f.status, f.message]).toEqual(['InvalidParameterValueException', 400, 'Unzipped size must be smaller than 262144000 bytes']);
      });

      it('rejects a zip over 50 MB with 413', async () => {
        const noise = new Uint8Array(limits.deploymentPackage.maxZippedBytes + 1);
        for (let i = 0; i < noise.length; i += 65_536) crypto.getRandomValues(noise.subarray(i, Math.min(noise.length, i + 65_536)));
        const big = zipSync({ 'blob.bin': noise }, { level: 0 });
        const f = await failure(lambda.send(new CreateFunctionCommand({ FunctionName: 'huge', Runtime: 'nodejs22.x', Role: ROLE, Handler: 'index.handler', Code: { ZipFile: big } })));
        expect([f.name, f.status, f.message]).toEqual(['RequestEntityTooLargeException', 413, 'Zipped size must be smaller than 52428800 bytes']);
      });

      it('UpdateFunctionConfiguration and UpdateFunctionCode report InProgress, then Successful with a new RevisionId', async () => {
        const created = await create('upd');
        const conf = await lambda.send(new UpdateFunctionConfigurationCommand({ FunctionName: 'upd', MemorySize: 512, Timeout: 10, Description: 'Changed-Description', Environment: { Variables: { STAGE: 'prod' } } }));
        expect(conf).toMatchObject({ MemorySize: 512, Timeout: 10, Description: 'Changed-Description', LastUpdateStatus: 'InProgress', LastUpdateStatusReason: 'The function is being created.', LastUpdateStatusReasonCode: 'Creating', State: 'Active' });
        expect(conf.RevisionId).not.toBe(created.RevisionId);
        const code = await lambda.send(new UpdateFunctionCodeCommand({ FunctionName: 'upd', ZipFile: zipBytes({ 'index.js': 'exports.handler = async () => "v2";' }) }));
        expect(code.CodeSha256).not.toBe(created.CodeSha256);
        const got = await lambda.send(new GetFunctionConfigurationCommand({ FunctionName: 'upd' }));
        expect(got).toMatchObject({ LastUpdateStatus: 'Successful', MemorySize: 512, CodeSha256: code.CodeSha256, RevisionId: code.RevisionId });
        expect((await invoke('upd', {})).json).toBe('v2');
      });

      it('a stale RevisionId is refused with 412', async () => {
        const created = await create('rev');
        await lambda.send(new UpdateFunctionConfigurationCommand({ FunctionName: 'rev', Description: 'x' }));
        const f = await failure(lambda.send(new UpdateFunctionConfigurationCommand({ FunctionName: 'rev', Description: 'y', RevisionId: created.RevisionId })));
        expect([f.name, f.status, f.message]).toEqual(['PreconditionFailedException', 412, 'The Revision Id provided does not match the latest Revision Id. Call the GetFunction/GetAlias API to retrieve the latest Revision Id']);
      });

      it('DeleteFunction answers 204 and the function is gone', async () => {
        await create('del');
        const out = await lambda.send(new DeleteFunctionCommand({ FunctionName: ARN('del') }));
        expect(out.$metadata.httpStatusCode).toBe(204);
        const f = await failure(lambda.send(new DeleteFunctionCommand({ FunctionName: 'del' })));
        expect([f.name, f.message]).toEqual(['ResourceNotFoundException', `Function not found: ${ARN('del')}`]);
      });

      it('$LATEST cannot be deleted on its own', async () => {
        await create('dl');
        const f = await failure(lambda.send(new DeleteFunctionCommand({ FunctionName: 'dl', Qualifier: '$LATEST' })));
        expect([f.name, f.message]).toEqual(['InvalidParameterValueException', '$LATEST version cannot be deleted without deleting the function.']);
      });

      it('ListFunctions pages with Marker and MaxItems', async () => {
        for (const n of ['p1', 'p2', 'p3', 'p4', 'p5']) await create(n);
        const first = await lambda.send(new ListFunctionsCommand({ MaxItems: 2 }));
        expect(first.Functions?.map((f) => f.FunctionName)).toEqual(['p1', 'p2']);
        const second = await lambda.send(new ListFunctionsCommand({ MaxItems: 2, Marker: first.NextMarker! }));
        expect(second.Functions?.map((f) => f.FunctionName)).toEqual(['p3', 'p4']);
        const third = await lambda.send(new ListFunctionsCommand({ MaxItems: 2, Marker: second.NextMarker! }));
        expect(third.Functions?.map((f) => f.FunctionName)).toEqual(['p5']);
        expect(third.NextMarker).toBeUndefined();
      });

      it('CreateFunction refuses a dot in the name (GetFunction’s pattern allows one; CreateFunction’s does not)', async () => {
        const f = await failure(create('my.function'));
        expect([f.name, f.status, f.message]).toEqual([
          'ValidationException',
          400,
          "1 validation error detected: Value 'my.function' at 'functionName' failed to satisfy constraint: Member must satisfy regular expression pattern: (arn:(aws[a-zA-Z-]*)?:lambda:)?((eusc-)?[a-z]{2}((-gov)|(-iso([a-z]?)))?-[a-z]+-\\d{1}:)?(\\d{12}:)?(function:)?([a-zA-Z0-9-_]+)(:(\\$LATEST|[a-zA-Z0-9-_]+))?",
        ]);
        expect((await lambda.send(new ListFunctionsCommand({}))).Functions).toEqual([]);
      });

      it('a function name that is not a name or ARN is a ValidationException', async () => {
        const f = await failure(lambda.send(new GetFunctionCommand({ FunctionName: 'my-function!' })));
        expect(f.name).toBe('ValidationException');
        expect(f.message).toBe(
          "1 validation error detected: Value 'my-function!' at 'functionName' failed to satisfy constraint: Member must satisfy regular expression pattern: (arn:(aws[a-zA-Z-]*)?:lambda:)?((eusc-)?[a-z]{2}((-gov)|(-iso([a-z]?)))?-[a-z]+-\\d{1}:)?(\\d{12}:)?(function:)?([a-zA-Z0-9-_\\.]+)(:(\\$LATEST(\\.PUBLISHED)?|[a-zA-Z0-9-_]+))?",
        );
      });

      it('names that are Object.prototype keys are ordinary names', async () => {
        await create('constructor');
        await create('__proto__');
        await lambda.send(new PublishVersionCommand({ FunctionName: 'constructor' }));
        await lambda.send(new CreateAliasCommand({ FunctionName: 'constructor', Name: '__proto__', FunctionVersion: '1' }));
        await lambda.send(new CreateAliasCommand({ FunctionName: 'constructor', Name: 'hasOwnProperty', FunctionVersion: '1' }));
        const layer = await lambda.send(new PublishLayerVersionCommand({ LayerName: '__proto__', Content: { ZipFile: zipBytes({ 'nodejs/node_modules/x/index.js': '' }) } }));
        expect(layer.Version).toBe(1);
        expect((await lambda.send(new ListFunctionsCommand({}))).Functions?.map((f) => f.FunctionName)).toEqual(['__proto__', 'constructor']);
        expect((await lambda.send(new ListAliasesCommand({ FunctionName: 'constructor' }))).Aliases?.map((a) => a.Name)).toEqual(['__proto__', 'hasOwnProperty']);
        expect((await invoke('constructor:__proto__', { k: 1 })).json).toMatchObject({ version: '1', arn: ARN('constructor', '__proto__') });
        const f = await failure(lambda.send(new GetFunctionCommand({ FunctionName: 'toString' })));
        expect(f.name).toBe('ResourceNotFoundException');
        const env = await failure(create('envproto', { Environment: { Variables: JSON.parse('{"__proto__":"x"}') } }));
        expect([env.name, env.message]).toEqual(['ValidationException', "1 validation error detected: Value at 'environment.variables' failed to satisfy constraint: Map keys must satisfy constraint: [Member must satisfy regular expression pattern: [a-zA-Z]([a-zA-Z0-9_])+]"]);
        const restored = JSON.parse(JSON.stringify(service.snapshot()));
        expect(Object.keys(restored.functions).sort()).toEqual(['__proto__', 'constructor']);
      });

      it('an ARN from another Region is not reachable', async () => {
        const f = await failure(lambda.send(new GetFunctionCommand({ FunctionName: `arn:aws:lambda:ap-southeast-1:${ACCOUNT}:function:x` })));
        expect([f.name, f.status, f.message]).toEqual(['ResourceNotFoundException', 404, `Functions from 'ap-southeast-1' are not reachable in this region ('${REGION}')`]);
      });
    });

    describe('invoke', () => {
      it('RequestResponse answers 200 with the result and X-Amz-Executed-Version', async () => {
        await create('echo', { Environment: { Variables: { STAGE: 'dev' } } });
        const out = await invoke('echo', { a: 1 });
        expect(out.StatusCode).toBe(200);
        expect(out.ExecutedVersion).toBe('$LATEST');
        expect(out.FunctionError).toBeUndefined();
        expect(out.json).toEqual({ event: { a: 1 }, version: '$LATEST', arn: ARN('echo'), env: 'dev' });
      });

      it('LogType Tail returns the invocation’s log, base64, ending with REPORT', async () => {
        await create('tail');
        const out = await invoke('tail', { hello: 'log' }, { LogType: 'Tail' });
        const log = dec.decode(Uint8Array.from(atob(out.LogResult!), (ch) => ch.charCodeAt(0)));
        const lines = log.trimEnd().split('\n');
        expect(lines.find((l) => l.startsWith('START RequestId: '))).toMatch(/^START RequestId: [0-9a-f-]{36} Version: \$LATEST$/);
        expect(log).toContain('{"hello":"log"}');
        expect(lines.at(-1)).toMatch(/^REPORT RequestId: [0-9a-f-]{36}\tDuration: /);
      });

      it('LogType Tail keeps only the last 4 KB', async () => {
        await create('loud', {}, { 'index.js': 'exports.handler = async () => { for (let i = 0; i < 200; i++) console.log("line " + i + " " + "y".repeat(40)); return 1; };' });
        const out = await invoke('loud', {}, { LogType: 'Tail' });
        const bytes = Uint8Array.from(atob(out.LogResult!), (ch) => ch.charCodeAt(0));
        expect(bytes.byteLength).toBe(limits.logTailBytes);
        expect(dec.decode(bytes)).toMatch(/REPORT RequestId: [^\n]*\n$/);
      });

      it('a thrown error is a 200 with X-Amz-Function-Error: Unhandled and the error document', async () => {
        await create('boom');
        const out = await invoke('boom', { fail: 'kaput' });
        expect(out.StatusCode).toBe(200);
        expect(out.FunctionError).toBe('Unhandled');
        expect(out.json).toMatchObject({ errorType: 'Error', errorMessage: 'kaput' });
        expect(Array.isArray(out.json.trace)).toBe(true);
      });

      it('Event answers 202 with an empty body and runs later; DryRun answers 204 and runs nothing', async () => {
        await create('later');
        const event = await invoke('later', { x: 1 }, { InvocationType: 'Event' });
        expect(event.StatusCode).toBe(202);
        expect(event.Payload?.byteLength ?? 0).toBe(0);
        expect(service.queue.pending).toHaveLength(1);
        const dry = await invoke('later', { x: 1 }, { InvocationType: 'DryRun' });
        expect(dry.StatusCode).toBe(204);
        await service.scheduler.drain();
        expect(service.queue.pending).toHaveLength(0);
        const streams = await c.logs.send(new DescribeLogStreamsCommand({ logGroupName: '/aws/lambda/later' }));
        expect(streams.logStreams).toHaveLength(1);
      });

      it('InvokeAsync (deprecated) answers 202 with {"Status":202} and queues the event like an Event invoke', async () => {
        await create('old-style');
        const out = await lambda.send(new InvokeAsyncCommand({ FunctionName: 'old-style', InvokeArgs: enc.encode('{"legacy":true}') }));
        expect([out.$metadata.httpStatusCode, out.Status]).toEqual([202, 202]);
        expect(service.queue.pending.map((e) => [e.functionName, e.payload])).toEqual([['old-style', '{"legacy":true}']]);
        await service.scheduler.drain();
        const events = await c.logs.send(new FilterLogEventsCommand({ logGroupName: '/aws/lambda/old-style' }));
        expect(events.events?.map((e) => e.message).find((m) => m?.includes('\tINFO\tevent '))).toMatch(/\tINFO\tevent \{"legacy":true\}\n?$/);
        const missing = await failure(lambda.send(new InvokeAsyncCommand({ FunctionName: 'nope', InvokeArgs: enc.encode('{}') })));
        expect([missing.name, missing.status, missing.message]).toEqual(['ResourceNotFoundException', 404, `Function not found: ${ARN('nope', '$LATEST')}`]);
      });

      it('ClientContext reaches the handler as context.clientContext', async () => {
        await create('ctx', {}, { 'index.js': 'exports.handler = async (e, context) => context.clientContext;' });
        const cc = { custom: { learner: 'ada' } };
        const out = await invoke('ctx', {}, { ClientContext: btoa(JSON.stringify(cc)) });
        expect(out.json).toEqual(cc);
      });

      it('qualifiers in the name, the ARN or Qualifier pick the version, and ARNs agree with X-Amz-Executed-Version', async () => {
        await create('q', { Environment: { Variables: { STAGE: 'one' } } });
        await lambda.send(new PublishVersionCommand({ FunctionName: 'q' }));
        await lambda.send(new UpdateFunctionConfigurationCommand({ FunctionName: 'q', Environment: { Variables: { STAGE: 'latest' } } }));
        await lambda.send(new CreateAliasCommand({ FunctionName: 'q', Name: 'live', FunctionVersion: '1' }));
        const cases: [Record<string, unknown>, string, string, string][] = [
          [{ FunctionName: 'q:1' }, '1', ARN('q', '1'), 'one'],
          [{ FunctionName: ARN('q', '1') }, '1', ARN('q', '1'), 'one'],
          [{ FunctionName: 'q', Qualifier: '1' }, '1', ARN('q', '1'), 'one'],
          [{ FunctionName: 'q', Qualifier: 'live' }, '1', ARN('q', 'live'), 'one'],
          [{ FunctionName: `${ACCOUNT}:function:q:live` }, '1', ARN('q', 'live'), 'one'],
          [{ FunctionName: 'q:$LATEST' }, '$LATEST', ARN('q', '$LATEST'), 'latest'],
          [{ FunctionName: 'q' }, '$LATEST', ARN('q'), 'latest'],
        ];
        for (const [input, version, arn, stage] of cases) {
          const out = await lambda.send(new InvokeCommand({ ...(input as { FunctionName: string }), Payload: enc.encode('{}') }));
          const body = JSON.parse(dec.decode(out.Payload));
          expect([out.ExecutedVersion, body.version, body.arn, body.env]).toEqual([version, version, arn, stage]);
        }
      });

      it('a qualifier in the name that disagrees with Qualifier is refused', async () => {
        await create('mm');
        const f = await failure(lambda.send(new InvokeCommand({ FunctionName: 'mm:$LATEST', Qualifier: '1' })));
        expect([f.name, f.status, f.message]).toEqual(['InvalidParameterValueException', 400, 'The derived qualifier from the function name does not match the specified qualifier.']);
      });

      it('invoking a missing function names the $LATEST ARN; a missing version names that version', async () => {
        await create('have');
        let f = await failure(invoke('missing', {}));
        expect([f.name, f.status, f.message]).toEqual(['ResourceNotFoundException', 404, `Function not found: ${ARN('missing', '$LATEST')}`]);
        f = await failure(invoke('have', {}, { Qualifier: '9' }));
        expect(f.message).toBe(`Function not found: ${ARN('have', '9')}`);
      });

      it('payloads over 6 MB (sync) and 1 MB (async) are refused with 413 RequestEntityTooLargeException', async () => {
        await create('big');
        const sync = new Uint8Array(limits.payload.syncRequestBytes + 1).fill(32);
        let f = await failure(lambda.send(new InvokeCommand({ FunctionName: 'big', Payload: sync })));
        expect([f.name, f.status, f.message]).toEqual(['RequestEntityTooLargeException', 413, 'Request must be smaller than 6291456 bytes for the InvokeFunction operation']);
        const asyncPayload = new Uint8Array(limits.payload.asyncBytes + 1).fill(32);
        f = await failure(lambda.send(new InvokeCommand({ FunctionName: 'big', Payload: asyncPayload, InvocationType: 'Event' })));
        expect([f.name, f.status, f.message]).toEqual(['RequestEntityTooLargeException', 413, '1048577 byte payload is too large for the Event invocation type (limit 1048576 bytes)']);
        f = await failure(lambda.send(new InvokeAsyncCommand({ FunctionName: 'big', InvokeArgs: new Uint8Array(limits.payload.asyncBytes + 5).fill(32) })));
        expect([f.name, f.status, f.message]).toEqual(['RequestEntityTooLargeException', 413, '1048581 byte payload is too large for the Event invocation type (limit 1048576 bytes)']);
        const justUnder = enc.encode(JSON.stringify({ s: 'z'.repeat(limits.payload.asyncBytes - 10) }));
        expect((await lambda.send(new InvokeCommand({ FunctionName: 'big', Payload: justUnder, InvocationType: 'Event' }))).StatusCode).toBe(202);
      });

      it('a payload that is not JSON is InvalidRequestContentException', async () => {
        await create('nj');
        const f = await failure(lambda.send(new InvokeCommand({ FunctionName: 'nj', Payload: enc.encode('{not json') })));
        expect([f.name, f.status]).toEqual(['InvalidRequestContentException', 400]);
        expect(f.message).toMatch(/^Could not parse request body into json: Could not parse payload into json: /);
      });
    });

    describe('versions and aliases', () => {
      it('PublishVersion snapshots code and configuration; updates to $LATEST leave it unchanged', async () => {
        await create('v', { Description: 'First', Environment: { Variables: { STAGE: 'a' } } });
        const v1 = await lambda.send(new PublishVersionCommand({ FunctionName: 'v', Description: 'First version' }));
        expect(v1).toMatchObject({ Version: '1', FunctionArn: ARN('v', '1'), Description: 'First version', State: 'Active', LastUpdateStatus: 'Successful' });
        expect(v1.$metadata.httpStatusCode).toBe(201);
        await lambda.send(new UpdateFunctionCodeCommand({ FunctionName: 'v', ZipFile: zipBytes({ 'index.js': 'exports.handler = async () => "new code";' }) }));
        await lambda.send(new UpdateFunctionConfigurationCommand({ FunctionName: 'v', Environment: { Variables: { STAGE: 'b' } } }));
        const after = await lambda.send(new GetFunctionConfigurationCommand({ FunctionName: 'v', Qualifier: '1' }));
        expect(after).toMatchObject({ CodeSha256: v1.CodeSha256, Environment: { Variables: { STAGE: 'a' } }, Version: '1', FunctionArn: ARN('v', '1') });
        expect((await invoke('v:1', {})).json.env).toBe('a');
        expect((await invoke('v', {})).json).toBe('new code');
      });

      it('publishing without a change returns the latest version instead of a new one', async () => {
        await create('same');
        const a = await lambda.send(new PublishVersionCommand({ FunctionName: 'same' }));
        const b = await lambda.send(new PublishVersionCommand({ FunctionName: 'same' }));
        expect([a.Version, b.Version]).toEqual(['1', '1']);
        await lambda.send(new UpdateFunctionConfigurationCommand({ FunctionName: 'same', Description: 'changed' }));
        expect((await lambda.send(new PublishVersionCommand({ FunctionName: 'same' }))).Version).toBe('2');
        const list = await lambda.send(new ListVersionsByFunctionCommand({ FunctionName: 'same' }));
        expect(list.Versions?.map((v) => [v.Version, v.FunctionArn])).toEqual([
          ['$LATEST', ARN('same', '$LATEST')],
          ['1', ARN('same', '1')],
          ['2', ARN('same', '2')],
        ]);
      });

      it('PublishVersion with a CodeSha256 that is not $LATEST’s is refused', async () => {
        const fn = await create('sha');
        const f = await failure(lambda.send(new PublishVersionCommand({ FunctionName: 'sha', CodeSha256: 'somenonexistentsha256' })));
        expect([f.name, f.message]).toEqual(['InvalidParameterValueException', `CodeSHA256 (somenonexistentsha256) is different from current CodeSHA256 in $LATEST (${fn.CodeSha256}). Please try again with the CodeSHA256 in $LATEST.`]);
      });

      it('alias lifecycle: create, get, update, list, delete', async () => {
        await create('al');
        await lambda.send(new PublishVersionCommand({ FunctionName: 'al' }));
        await lambda.send(new UpdateFunctionConfigurationCommand({ FunctionName: 'al', Description: 'two' }));
        await lambda.send(new PublishVersionCommand({ FunctionName: 'al' }));
        const created = await lambda.send(new CreateAliasCommand({ FunctionName: 'al', Name: 'live', FunctionVersion: '1', Description: 'custom-alias', RoutingConfig: { AdditionalVersionWeights: { '2': 0.2 } } }));
        expect(created.$metadata.httpStatusCode).toBe(201);
        const { $metadata, ...body } = created;
        expect(body).toEqual({ AliasArn: ARN('al', 'live'), Description: 'custom-alias', FunctionVersion: '1', Name: 'live', RevisionId: expect.stringMatching(/^[0-9a-f-]{36}$/), RoutingConfig: { AdditionalVersionWeights: { '2': 0.2 } } });
        const got = await lambda.send(new GetAliasCommand({ FunctionName: 'al', Name: 'live' }));
        expect(got.RevisionId).toBe(created.RevisionId);
        const updated = await lambda.send(new UpdateAliasCommand({ FunctionName: 'al', Name: 'live', FunctionVersion: '2', RoutingConfig: { AdditionalVersionWeights: {} } }));
        expect(updated).toMatchObject({ FunctionVersion: '2' });
        expect(updated.RoutingConfig).toBeUndefined();
        const list = await lambda.send(new ListAliasesCommand({ FunctionName: 'al' }));
        expect(list.Aliases?.map((a) => a.Name)).toEqual(['live']);
        expect((await lambda.send(new DeleteAliasCommand({ FunctionName: 'al', Name: 'live' }))).$metadata.httpStatusCode).toBe(204);
        const f = await failure(lambda.send(new GetAliasCommand({ FunctionName: 'al', Name: 'live' })));
        expect([f.name, f.status, f.message]).toEqual(['ResourceNotFoundException', 404, `Cannot find alias arn: ${ARN('al', 'live')}`]);
      });

      it('alias validation matches Lambda’s recorded errors', async () => {
        await create('av');
        await lambda.send(new PublishVersionCommand({ FunctionName: 'av' }));
        await lambda.send(new UpdateFunctionConfigurationCommand({ FunctionName: 'av', Description: 'two' }));
        await lambda.send(new PublishVersionCommand({ FunctionName: 'av' }));
        const cases: [Record<string, unknown>, string, string][] = [
          [{ Name: 'a', FunctionVersion: '1', RoutingConfig: { AdditionalVersionWeights: { '2': 0.5, '3': 0.2 } } }, 'InvalidParameterValueException', 'Number of items in AdditionalVersionWeights cannot be greater than 1'],
          [{ Name: 'a', FunctionVersion: '1', RoutingConfig: { AdditionalVersionWeights: { '2': 2 } } }, 'ValidationException', "1 validation error detected: Value '{2=2.0}' at 'routingConfig.additionalVersionWeights' failed to satisfy constraint: Map value must satisfy constraint: [Member must have value less than or equal to 1.0, Member must have value greater than or equal to 0.0, Member must not be null]"],
          [{ Name: 'a', FunctionVersion: '1', RoutingConfig: { AdditionalVersionWeights: { '2': -1 } } }, 'ValidationException', "1 validation error detected: Value '{2=-1.0}' at 'routingConfig.additionalVersionWeights' failed to satisfy constraint: Map value must satisfy constraint: [Member must have value less than or equal to 1.0, Member must have value greater than or equal to 0.0, Member must not be null]"],
          [{ Name: 'a', FunctionVersion: '1', RoutingConfig: { AdditionalVersionWeights: { '1': 0.5 } } }, 'InvalidParameterValueException', 'Invalid function version 1. Function version 1 is already included in routing configuration.'],
          [{ Name: 'a', FunctionVersion: '10' }, 'ResourceNotFoundException', `Function not found: ${ARN('av', '10')}`],
          [{ Name: 'a', FunctionVersion: '1', RoutingConfig: { AdditionalVersionWeights: { '10': 0.5 } } }, 'ResourceNotFoundException', `Function not found: ${ARN('av', '10')}`],
          [{ Name: 'a', FunctionVersion: '$LATEST', RoutingConfig: { AdditionalVersionWeights: { '1': 0.5 } } }, 'InvalidParameterValueException', '$LATEST is not supported for an alias pointing to more than 1 version'],
          [{ Name: 'a', FunctionVersion: '1', RoutingConfig: { AdditionalVersionWeights: { $LATEST: 0.5 } } }, 'ValidationException', "1 validation error detected: Value '{$LATEST=0.5}' at 'routingConfig.additionalVersionWeights' failed to satisfy constraint: Map keys must satisfy constraint: [Member must have length less than or equal to 1024, Member must have length greater than or equal to 1, Member must satisfy regular expression pattern: [0-9]+]"],
          [{ Name: '2024', FunctionVersion: '1' }, 'ValidationException', "1 validation error detected: Value '2024' at 'name' failed to satisfy constraint: Member must satisfy regular expression pattern: (?!^[0-9]+$)([a-zA-Z0-9-_]+)"],
        ];
        for (const [input, code, message] of cases) {
          const f = await failure(lambda.send(new CreateAliasCommand({ FunctionName: 'av', ...(input as { Name: string; FunctionVersion: string }) })));
          expect([f.name, f.message]).toEqual([code, message]);
        }
        await lambda.send(new CreateAliasCommand({ FunctionName: 'av', Name: 'custom', FunctionVersion: '1' }));
        const f = await failure(lambda.send(new CreateAliasCommand({ FunctionName: 'av', Name: 'custom', FunctionVersion: '1' })));
        expect([f.name, f.status, f.message]).toEqual(['ResourceConflictException', 409, `Alias already exists: ${ARN('av', 'custom')}`]);
        const u = await failure(lambda.send(new UpdateAliasCommand({ FunctionName: 'av', Name: 'non-existent', FunctionVersion: '1' })));
        expect([u.name, u.message]).toEqual(['ResourceNotFoundException', `Alias not found: ${ARN('av', 'non-existent')}`]);
      });

      it('weighted routing follows the injected random source exactly', async () => {
        const rolls = [0.1, 0.5, 0.29, 0.3, 0.99, 0.0];
        const scripted = [...rolls];
        ({ service, clock } = makeService(engine(), { routingRandom: () => scripted.shift()! }));
        await c.close();
        c = await connect(service);
        lambda = c.lambda;
        await create('w', { Environment: { Variables: { STAGE: 'one' } } });
        await lambda.send(new PublishVersionCommand({ FunctionName: 'w' }));
        await lambda.send(new UpdateFunctionConfigurationCommand({ FunctionName: 'w', Environment: { Variables: { STAGE: 'two' } } }));
        await lambda.send(new PublishVersionCommand({ FunctionName: 'w' }));
        await lambda.send(new CreateAliasCommand({ FunctionName: 'w', Name: 'canary', FunctionVersion: '1', RoutingConfig: { AdditionalVersionWeights: { '2': 0.3 } } }));
        const seen: string[] = [];
        for (let i = 0; i < rolls.length; i++) {
          const out = await invoke('w:canary', {});
          expect(out.json.version).toBe(out.ExecutedVersion);
          expect(out.json.arn).toBe(ARN('w', 'canary'));
          seen.push(out.ExecutedVersion!);
        }
        expect(seen).toEqual(rolls.map((r) => (r < 0.3 ? '2' : '1')));
      });

      it('a version an alias points to cannot be deleted', async () => {
        await create('dv');
        await lambda.send(new PublishVersionCommand({ FunctionName: 'dv' }));
        await lambda.send(new CreateAliasCommand({ FunctionName: 'dv', Name: 'live', FunctionVersion: '1' }));
        const f = await failure(lambda.send(new DeleteFunctionCommand({ FunctionName: 'dv', Qualifier: '1' })));
        expect([f.name, f.status]).toEqual(['ResourceConflictException', 409]);
        await lambda.send(new DeleteAliasCommand({ FunctionName: 'dv', Name: 'live' }));
        await lambda.send(new DeleteFunctionCommand({ FunctionName: 'dv', Qualifier: '1' }));
        const g = await failure(lambda.send(new GetFunctionCommand({ FunctionName: 'dv', Qualifier: '1' })));
        expect(g.message).toBe(`Function not found: ${ARN('dv', '1')}`);
      });
    });

    describe('layers', () => {
      const layerZip = (files: Record<string, string>) => zipBytes(files);
      const publish = (name: string, files: Record<string, string>, extra: Record<string, unknown> = {}) =>
        lambda.send(new PublishLayerVersionCommand({ LayerName: name, Content: { ZipFile: layerZip(files) }, ...extra }));

      it('PublishLayerVersion, GetLayerVersion, ListLayerVersions, ListLayers, DeleteLayerVersion', async () => {
        const one = await publish('util', { 'nodejs/node_modules/util2/index.js': 'module.exports = 1;' }, { Description: 'first', CompatibleRuntimes: ['nodejs22.x'], CompatibleArchitectures: ['x86_64'], LicenseInfo: 'MIT' });
        expect(one.$metadata.httpStatusCode).toBe(201);
        const { $metadata, ...body } = one;
        expect(Object.keys(body).sort()).toEqual(['CompatibleArchitectures', 'CompatibleRuntimes', 'Content', 'CreatedDate', 'Description', 'LayerArn', 'LayerVersionArn', 'LicenseInfo', 'Version']);
        expect(body).toMatchObject({ LayerArn: `arn:aws:lambda:${REGION}:${ACCOUNT}:layer:util`, LayerVersionArn: `arn:aws:lambda:${REGION}:${ACCOUNT}:layer:util:1`, Version: 1, Description: 'first' });
        const two = await publish('util', { 'nodejs/node_modules/util2/index.js': 'module.exports = 2;' });
        expect(two.Version).toBe(2);
        const got = await lambda.send(new GetLayerVersionCommand({ LayerName: 'util', VersionNumber: 1 }));
        expect(got.Content?.CodeSha256).toBe(one.Content?.CodeSha256);
        const byArn = await lambda.send(new GetLayerVersionByArnCommand({ Arn: one.LayerVersionArn! }));
        expect(byArn.LayerVersionArn).toBe(one.LayerVersionArn);
        // Every layer operation takes the layer's ARN in place of its name.
        const byLayerArn = await lambda.send(new GetLayerVersionCommand({ LayerName: one.LayerArn!, VersionNumber: 1 }));
        expect(byLayerArn.LayerVersionArn).toBe(one.LayerVersionArn);
        const listedByArn = await lambda.send(new ListLayerVersionsCommand({ LayerName: one.LayerArn! }));
        expect(listedByArn.LayerVersions?.map((v) => v.Version)).toEqual([2, 1]);
        const foreign = await failure(lambda.send(new GetLayerVersionCommand({ LayerName: `arn:aws:lambda:${REGION}:999999999999:layer:util`, VersionNumber: 1 })));
        expect([foreign.name, foreign.status]).toEqual(['ResourceNotFoundException', 404]);
        const filtered = await lambda.send(new ListLayerVersionsCommand({ LayerName: 'util', CompatibleRuntime: 'nodejs22.x' }));
        expect(filtered.LayerVersions?.map((v) => v.Version)).toEqual([1]);
        const zip = await c.download(got.Content!.Location!);
        expect(Object.keys(unzipSync(zip))).toEqual(['nodejs/node_modules/util2/index.js']);
        const versions = await lambda.send(new ListLayerVersionsCommand({ LayerName: 'util' }));
        expect(versions.LayerVersions?.map((v) => v.Version)).toEqual([2, 1]);
        const layers = await lambda.send(new ListLayersCommand({}));
        expect(layers.Layers?.map((l) => [l.LayerName, l.LatestMatchingVersion?.Version])).toEqual([['util', 2]]);
        await lambda.send(new DeleteLayerVersionCommand({ LayerName: 'util', VersionNumber: 2 }));
        const f = await failure(lambda.send(new GetLayerVersionCommand({ LayerName: 'util', VersionNumber: 2 })));
        expect([f.name, f.status, f.message]).toEqual(['ResourceNotFoundException', 404, `Layer version arn:aws:lambda:${REGION}:${ACCOUNT}:layer:util:2 does not exist.`]);
      });

      it('a layer version is shared by AddLayerVersionPermission, read by GetLayerVersionPolicy and unshared by RemoveLayerVersionPermission, as recorded', async () => {
        const recorded = recordingsOf('test_lambda_api.snapshot.json', 'tests/aws/services/lambda_/test_lambda_api.py::TestLambdaLayer::');
        const lifecycle = (key: string) => recorded('test_layer_policy_lifecycle', key) as Record<string, unknown>;
        const exception = (key: string) => (recorded('test_layer_policy_exceptions', key) as { Error: { Code: string; Message: string }; ResponseMetadata: { HTTPStatusCode: number } });
        // The recordings' account, Region and layer name are placeholders or another account: ours in their place.
        const ours = (text: string) => text.replaceAll('<partition>', 'aws').replaceAll('<region>', REGION).replaceAll('111111111111', ACCOUNT).replaceAll('<resource:1>', 'shared');
        const expectFailure = async (call: Promise<unknown>, key: string) => {
          const f = await failure(call);
          const e = exception(key);
          expect([f.name, f.message, f.status]).toEqual([e.Error.Code, ours(e.Error.Message), e.ResponseMetadata.HTTPStatusCode]);
        };
        await publish('shared', { 'nodejs/node_modules/s/index.js': 'module.exports = 1;' });
        const permission = (sid: string, extra: Record<string, unknown> = {}) =>
          lambda.send(new AddLayerVersionPermissionCommand({ LayerName: 'shared', VersionNumber: 1, StatementId: sid, Action: 'lambda:GetLayerVersion', Principal: '*', ...extra }));

        await expectFailure(lambda.send(new GetLayerVersionPolicyCommand({ LayerName: 'shared', VersionNumber: 1 })), 'layer_permission_nopolicy_get');
        const s1 = await permission('s1');
        expect(s1.$metadata.httpStatusCode).toBe(201);
        const recordedS1 = lifecycle('add_policy_s1');
        expect(JSON.parse(s1.Statement!)).toEqual(JSON.parse(ours(JSON.stringify(recordedS1['Statement']))));
        const policy = await lambda.send(new GetLayerVersionPolicyCommand({ LayerName: 'shared', VersionNumber: 1 }));
        expect(JSON.parse(policy.Policy!)).toEqual(JSON.parse(ours(JSON.stringify(lifecycle('get_layer_version_policy')['Policy']))));
        expect(policy.RevisionId).toBe(s1.RevisionId);
        const s2 = await permission('s2', { RevisionId: s1.RevisionId });
        expect(s2.RevisionId).not.toBe(s1.RevisionId);
        const both = await lambda.send(new GetLayerVersionPolicyCommand({ LayerName: 'shared', VersionNumber: 1 }));
        expect(JSON.parse(both.Policy!)).toEqual(JSON.parse(ours(JSON.stringify(lifecycle('get_layer_version_policy_postadd2')['Policy']))));

        await expectFailure(permission('s3', { Action: '*' }), 'layer_permission_action_invalid');
        await expectFailure(permission('s1'), 'layer_permission_duplicate_statement');
        await expectFailure(permission('s3', { RevisionId: s1.RevisionId }), 'layer_permission_wrong_revision');
        await expectFailure(lambda.send(new AddLayerVersionPermissionCommand({ LayerName: 'shared-doesnotexist', VersionNumber: 1, StatementId: 'x', Action: 'lambda:GetLayerVersion', Principal: '*' })), 'layer_permission_layername_doesnotexist_add');
        await expectFailure(lambda.send(new GetLayerVersionPolicyCommand({ LayerName: 'shared', VersionNumber: 2 })), 'layer_permission_layerversion_doesnotexist_get');
        await expectFailure(lambda.send(new RemoveLayerVersionPermissionCommand({ LayerName: 'shared', VersionNumber: 2, StatementId: 's1' })), 'layer_permission_layerversion_doesnotexist_remove');
        await expectFailure(lambda.send(new RemoveLayerVersionPermissionCommand({ LayerName: 'shared', VersionNumber: 1, StatementId: 'doesnotexist' })), 'layer_permission_statementid_doesnotexist_remove');
        await expectFailure(lambda.send(new RemoveLayerVersionPermissionCommand({ LayerName: 'shared', VersionNumber: 1, StatementId: 's2', RevisionId: s1.RevisionId })), 'layer_permission_wrong_revision_remove');

        // One account, by id: written as its root ARN; and an organization, as a condition.
        const account = await permission('acct', { Principal: '210987654321', OrganizationId: 'o-t194hfs8cz' });
        expect(JSON.parse(account.Statement!)).toEqual({
          Sid: 'acct', Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::210987654321:root' }, Action: 'lambda:GetLayerVersion',
          Resource: `arn:aws:lambda:${REGION}:${ACCOUNT}:layer:shared:1`, Condition: { StringEquals: { 'aws:PrincipalOrgID': 'o-t194hfs8cz' } },
        });
        const badPrincipal = await failure(permission('bad', { Principal: 's3.amazonaws.com' }));
        expect([badPrincipal.name, badPrincipal.message]).toEqual(['ValidationException', "1 validation error detected: Value 's3.amazonaws.com' at 'principal' failed to satisfy constraint: Member must satisfy regular expression pattern: \\d{12}|\\*|arn:(aws[a-zA-Z-]*):iam::\\d{12}:root"]);

        const removed = await lambda.send(new RemoveLayerVersionPermissionCommand({ LayerName: 'shared', VersionNumber: 1, StatementId: 's2' }));
        expect(removed.$metadata.httpStatusCode).toBe(204);
        const after = await lambda.send(new GetLayerVersionPolicyCommand({ LayerName: 'shared', VersionNumber: 1 }));
        expect(JSON.parse(after.Policy!).Statement.map((s: { Sid: string }) => s.Sid)).toEqual(['s1', 'acct']);
      });

      it('layers merge into /opt in order, the last one winning', async () => {
        const a = await publish('first', { 'nodejs/node_modules/greet/index.js': 'module.exports = () => "from first";', 'nodejs/node_modules/only-a/index.js': 'module.exports = "a";' });
        const b = await publish('second', { 'nodejs/node_modules/greet/index.js': 'module.exports = () => "from second";' });
        const code = { 'index.js': 'exports.handler = async () => [require("greet")(), require("only-a")];' };
        await create('layered', { Layers: [a.LayerVersionArn!, b.LayerVersionArn!] }, code);
        expect((await invoke('layered', {})).json).toEqual(['from second', 'a']);
        const conf = await lambda.send(new UpdateFunctionConfigurationCommand({ FunctionName: 'layered', Layers: [b.LayerVersionArn!, a.LayerVersionArn!] }));
        expect(conf.Layers?.map((l) => l.Arn)).toEqual([b.LayerVersionArn, a.LayerVersionArn]);
        expect(conf.Layers?.[0]?.CodeSize).toBe(b.Content?.CodeSize);
        expect((await invoke('layered', {})).json).toEqual(['from first', 'a']);
      });

      it('two versions of one layer in a function are refused', async () => {
        const v1 = await publish('dupe', { 'nodejs/x.js': '' });
        const v2 = await publish('dupe', { 'nodejs/y.js': '' });
        const f = await failure(create('twice', { Layers: [v1.LayerVersionArn!, v2.LayerVersionArn!] }));
        expect(f.message).toBe(`Two different versions of the same layer are not allowed to be referenced in the same function. ${v1.LayerVersionArn} and ${v2.LayerVersionArn} are versions of the same layer.`);
      });

      it('a layer without nodejs/ is accepted with a warning raw clients and the inspection API can see', async () => {
        const out = await publish('flat', { 'node_modules/greet/index.js': 'module.exports = 1;' });
        expect(out.Version).toBe(1);
        const raw = await c.raw('GET', '/2018-10-31/layers/flat/versions/1');
        expect(raw.status).toBe(200);
        expect(JSON.parse(raw.body).EmulatorWarnings).toEqual([LAYER_WITHOUT_RUNTIME_FOLDER_WARNING]);
        const state = JSON.parse((await c.raw('GET', '/_emulator/state')).body);
        expect(state.layers).toEqual([{ LayerVersionArn: out.LayerVersionArn, warnings: [LAYER_WITHOUT_RUNTIME_FOLDER_WARNING] }]);
        const good = await publish('good', { 'nodejs/node_modules/g/index.js': '' });
        expect(JSON.parse((await c.raw('GET', '/2018-10-31/layers/good/versions/1')).body).EmulatorWarnings).toBeUndefined();
        expect(good.Version).toBe(1);
      });

      it('code plus layers over 250 MB unzipped is refused', async () => {
        const half = Math.floor(limits.deploymentPackage.maxUnzippedBytes / 2) + 1;
        const big = await lambda.send(new PublishLayerVersionCommand({ LayerName: 'big', Content: { ZipFile: zipSync({ 'nodejs/blob': new Uint8Array(half) }, { level: 9 }) } }));
        const f = await failure(lambda.send(new CreateFunctionCommand({ FunctionName: 'fat', Runtime: 'nodejs22.x', Role: ROLE, Handler: 'index.handler', Layers: [big.LayerVersionArn!], Code: { ZipFile: zipSync({ 'index.js': new Uint8Array(half) }, { level: 9 }) } })));
        expect([f.name, f.status]).toEqual(['InvalidParameterValueException', 400]);
        expect(f.message).toBe(`Function code combined with layers exceeds the maximum allowed size of 262144000 bytes. The actual size is ${2 * half} bytes.`);
      });
    });

    describe('asynchronous invocation', () => {
      const QUEUE = `arn:aws:sqs:${REGION}:${ACCOUNT}:failures`;
      const OK_QUEUE = `arn:aws:sqs:${REGION}:${ACCOUNT}:successes`;
      const DLQ = `arn:aws:sqs:${REGION}:${ACCOUNT}:dlq`;
      const BUS = `arn:aws:events:${REGION}:${ACCOUNT}:event-bus/results`;
      const TOPIC = `arn:aws:sns:${REGION}:${ACCOUNT}:results`;
      // Lambda sends results as the function's execution role, which must allow it.
      beforeEach(() => allowSending({ service }));

      it('refuses destinations and dead-letter queues the execution role may not send to, with Lambda\'s messages', async () => {
        service.iam.deleteRolePolicy({ RoleName: 'lambda-role', PolicyName: 'send-results' });
        await create('target');
        await create('src');
        const put = (destination: string) => failure(lambda.send(new PutFunctionEventInvokeConfigCommand({ FunctionName: 'src', DestinationConfig: { OnFailure: { Destination: destination } } })));
        for (const [destination, operation] of [[QUEUE, 'SendMessage'], [TOPIC, 'Publish'], [ARN('target'), 'InvokeFunction'], [BUS, 'PutEvents']] as const) {
          const f = await put(destination);
          expect([f.name, f.status, f.message]).toEqual(['InvalidParameterValueException', 400, `The function's execution role does not have permissions to call ${operation} on ${destination}`]);
        }
        const created = await failure(create('dead', { DeadLetterConfig: { TargetArn: DLQ } }));
        expect([created.name, created.status, created.message]).toEqual(['InvalidParameterValueException', 400, 'The provided execution role does not have permissions to call SendMessage on SQS']);
        const updated = await failure(lambda.send(new UpdateFunctionConfigurationCommand({ FunctionName: 'src', DeadLetterConfig: { TargetArn: TOPIC } })));
        expect([updated.name, updated.message]).toEqual(['InvalidParameterValueException', 'The provided execution role does not have permissions to call Publish on SNS']);
        // Allowing the one action on the one target is enough.
        const only = (action: string, resource: string) => JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: action, Resource: resource }] });
        service.iam.putRolePolicy({ RoleName: 'lambda-role', PolicyName: 'dlq', PolicyDocument: only('sns:Publish', TOPIC) });
        await lambda.send(new UpdateFunctionConfigurationCommand({ FunctionName: 'src', DeadLetterConfig: { TargetArn: TOPIC } }));
        expect((await put(QUEUE)).message).toBe(`The function's execution role does not have permissions to call SendMessage on ${QUEUE}`);
      });

      it('a role that loses its permission after the destinations were set: Lambda cannot deliver, and the results are lost', async () => {
        await create('lossy', { DeadLetterConfig: { TargetArn: DLQ } });
        await lambda.send(new PutFunctionEventInvokeConfigCommand({ FunctionName: 'lossy', MaximumRetryAttempts: 0, DestinationConfig: { OnFailure: { Destination: QUEUE }, OnSuccess: { Destination: OK_QUEUE } } }));
        service.iam.deleteRolePolicy({ RoleName: 'lambda-role', PolicyName: 'send-results' });
        await invoke('lossy', { fail: 'x' }, { InvocationType: 'Event' });
        await invoke('lossy', { fine: true }, { InvocationType: 'Event' });
        await service.scheduler.drain();
        expect(service.queue.pending).toHaveLength(0);
        expect(service.sinks.list()).toEqual([]);
      });

      it('a failing event runs 3 times, 1 and 2 minutes apart, then goes to the on-failure destination and the DLQ', async () => {
        await create('flaky', { DeadLetterConfig: { TargetArn: DLQ } });
        await lambda.send(new PutFunctionEventInvokeConfigCommand({ FunctionName: 'flaky', DestinationConfig: { OnFailure: { Destination: QUEUE } } }));
        const t0 = clock.now();
        await invoke('flaky', { fail: 'intentional failure' }, { InvocationType: 'Event' });
        await service.scheduler.drain();
        const starts = Object.values(service.logs.groups['/aws/lambda/flaky']!.streams)
          .flatMap((s) => s.events)
          .filter((e) => e.message.startsWith('START '))
          .map((e) => e.timestamp - t0)
          .sort((a, b) => a - b);
        expect(starts).toEqual([0, 60_000, 180_000]);
        const [dest] = service.sinks.list(QUEUE);
        const record = JSON.parse(dest!.body);
        expect(record).toEqual({
          version: '1.0',
          timestamp: new Date(t0 + 180_000).toISOString(),
          requestContext: { requestId: expect.stringMatching(/^[0-9a-f-]{36}$/), functionArn: ARN('flaky', '$LATEST'), condition: 'RetriesExhausted', approximateInvokeCount: 3 },
          requestPayload: { fail: 'intentional failure' },
          responseContext: { statusCode: 200, executedVersion: '$LATEST', functionError: 'Unhandled' },
          responsePayload: expect.objectContaining({ errorType: 'Error', errorMessage: 'intentional failure' }),
        });
        const [dead] = service.sinks.list(DLQ);
        expect(dead!.body).toBe('{"fail":"intentional failure"}');
        expect(dead!.attributes).toEqual({
          RequestID: { DataType: 'String', StringValue: record.requestContext.requestId },
          ErrorCode: { DataType: 'Number', StringValue: '200' },
          ErrorMessage: { DataType: 'String', StringValue: 'intentional failure' },
        });
      });

      it('MaximumRetryAttempts 0 means one attempt; success goes to the on-success destination', async () => {
        await create('once');
        await lambda.send(new PutFunctionEventInvokeConfigCommand({ FunctionName: 'once', MaximumRetryAttempts: 0, DestinationConfig: { OnFailure: { Destination: QUEUE }, OnSuccess: { Destination: OK_QUEUE } } }));
        await invoke('once', { fail: 'x' }, { InvocationType: 'Event' });
        await invoke('once', { fine: true }, { InvocationType: 'Event' });
        await service.scheduler.drain();
        const failed = JSON.parse(service.sinks.list(QUEUE)[0]!.body);
        expect(failed.requestContext).toMatchObject({ condition: 'RetriesExhausted', approximateInvokeCount: 1 });
        const ok = JSON.parse(service.sinks.list(OK_QUEUE)[0]!.body);
        expect(ok.requestContext).toMatchObject({ condition: 'Success', approximateInvokeCount: 1, functionArn: ARN('once', '$LATEST') });
        expect(ok.responseContext).toEqual({ statusCode: 200, executedVersion: '$LATEST' });
        expect(ok.responsePayload).toMatchObject({ event: { fine: true } });
      });

      it('EventBridge destinations get Lambda’s event envelope; Lambda destinations invoke the other function', async () => {
        await create('src');
        await create('sink', {}, { 'index.js': 'exports.handler = async (e) => { console.log("got", JSON.stringify(e.requestContext.condition)); return e.requestContext.condition; };' });
        await lambda.send(new PutFunctionEventInvokeConfigCommand({ FunctionName: 'src', MaximumRetryAttempts: 0, DestinationConfig: { OnSuccess: { Destination: BUS }, OnFailure: { Destination: ARN('sink') } } }));
        await invoke('src', { mode: 'success' }, { InvocationType: 'Event' });
        await invoke('src', { fail: 'nope' }, { InvocationType: 'Event' });
        await service.scheduler.drain();
        const envelope = JSON.parse(service.sinks.list(BUS)[0]!.body);
        expect(envelope).toMatchObject({ version: '0', 'detail-type': 'Lambda Function Invocation Result - Success', source: 'lambda', account: ACCOUNT, region: REGION, resources: [BUS, ARN('src', '$LATEST')], detail: { requestContext: { condition: 'Success' }, requestPayload: { mode: 'success' } } });
        const sinkLogs = await c.logs.send(new FilterLogEventsCommand({ logGroupName: '/aws/lambda/sink', filterPattern: 'got' }));
        expect(sinkLogs.events?.map((e) => e.message?.split('\t')[3]?.trim())).toEqual(['got "RetriesExhausted"']);
      });

      it('throttled events retry with backoff until MaximumEventAgeInSeconds, then fail as EventAgeExceeded', async () => {
        await create('blocked', { DeadLetterConfig: { TargetArn: DLQ } });
        await lambda.send(new PutFunctionConcurrencyCommand({ FunctionName: 'blocked', ReservedConcurrentExecutions: 0 }));
        await lambda.send(new PutFunctionEventInvokeConfigCommand({ FunctionName: 'blocked', MaximumEventAgeInSeconds: 60, DestinationConfig: { OnFailure: { Destination: QUEUE } } }));
        const t0 = clock.now();
        expect((await invoke('blocked', { n: 1 }, { InvocationType: 'Event' })).StatusCode).toBe(202);
        const attempts = await service.scheduler.drain();
        // Attempts at 0, 1, 3, 7, 15, 31 s (throttled), then at 63 s the event is too old.
        expect(attempts).toBe(7);
        expect(clock.now() - t0).toBe(63_000);
        const record = JSON.parse(service.sinks.list(QUEUE)[0]!.body);
        expect(record.requestContext).toMatchObject({ condition: 'EventAgeExceeded', approximateInvokeCount: 0 });
        expect(record.responseContext).toBeUndefined();
        expect(service.logs.groups['/aws/lambda/blocked']).toBeUndefined();
        expect(service.sinks.list(DLQ)[0]!.attributes).toEqual({
          RequestID: { DataType: 'String', StringValue: record.requestContext.requestId },
          ErrorCode: { DataType: 'Number', StringValue: '429' },
          ErrorMessage: { DataType: 'String', StringValue: 'Rate Exceeded.' },
        });
      });

      it('event invoke config: put, update, get, delete and Lambda’s errors', async () => {
        await create('eic');
        const put = await lambda.send(new PutFunctionEventInvokeConfigCommand({ FunctionName: 'eic', MaximumRetryAttempts: 0 }));
        const { $metadata, ...body } = put;
        expect(body).toEqual({ DestinationConfig: { OnFailure: {}, OnSuccess: {} }, FunctionArn: ARN('eic', '$LATEST'), LastModified: expect.any(Date), MaximumRetryAttempts: 0 });
        const upd = await lambda.send(new UpdateFunctionEventInvokeConfigCommand({ FunctionName: 'eic', MaximumEventAgeInSeconds: 60 }));
        expect(upd).toMatchObject({ MaximumRetryAttempts: 0, MaximumEventAgeInSeconds: 60 });
        const replaced = await lambda.send(new PutFunctionEventInvokeConfigCommand({ FunctionName: 'eic', MaximumRetryAttempts: 1 }));
        expect(replaced.MaximumEventAgeInSeconds).toBeUndefined();
        expect((await lambda.send(new GetFunctionEventInvokeConfigCommand({ FunctionName: 'eic' }))).MaximumRetryAttempts).toBe(1);
        const errors: [() => Promise<unknown>, string, string][] = [
          [() => lambda.send(new PutFunctionEventInvokeConfigCommand({ FunctionName: 'eic' })), 'InvalidParameterValueException', 'You must specify at least one of error handling or destination setting.'],
          [() => lambda.send(new PutFunctionEventInvokeConfigCommand({ FunctionName: 'ghost', MaximumRetryAttempts: 1 })), 'ResourceNotFoundException', "The function doesn't exist."],
          [() => lambda.send(new PutFunctionEventInvokeConfigCommand({ FunctionName: 'eic', DestinationConfig: { OnSuccess: { Destination: ARN('eic') } } })), 'InvalidParameterValueException', "You can't specify the function as a destination for itself."],
          [() => lambda.send(new PutFunctionEventInvokeConfigCommand({ FunctionName: 'eic', DestinationConfig: { OnFailure: { Destination: ARN('doesnotexist') } } })), 'InvalidParameterValueException', `The destination ARN ${ARN('doesnotexist')} is invalid.`],
          [() => lambda.send(new PutFunctionEventInvokeConfigCommand({ FunctionName: 'eic', DestinationConfig: { OnSuccess: { Destination: `arn:aws:iam:${REGION}:${ACCOUNT}:function:eic` } } })), 'InvalidParameterValueException', `The provided destination config DestinationConfig(onSuccess=OnSuccess(destination=arn:aws:iam:${REGION}:${ACCOUNT}:function:eic), onFailure=null) is invalid.`],
          [() => lambda.send(new PutFunctionEventInvokeConfigCommand({ FunctionName: 'eic', MaximumRetryAttempts: 3 })), 'ValidationException', "1 validation error detected: Value '3' at 'maximumRetryAttempts' failed to satisfy constraint: Member must have value less than or equal to 2"],
          [() => lambda.send(new GetFunctionEventInvokeConfigCommand({ FunctionName: 'eic', Qualifier: '1' })), 'ResourceNotFoundException', `The function ${ARN('eic', '1')} doesn't have an EventInvokeConfig`],
        ];
        for (const [call, code, message] of errors) {
          const f = await failure(call());
          expect([f.name, f.message]).toEqual([code, message]);
        }
        expect((await lambda.send(new DeleteFunctionEventInvokeConfigCommand({ FunctionName: 'eic' }))).$metadata.httpStatusCode).toBe(204);
        const gone = await failure(lambda.send(new GetFunctionEventInvokeConfigCommand({ FunctionName: 'eic' })));
        expect(gone.message).toBe(`The function ${ARN('eic', '$LATEST')} doesn't have an EventInvokeConfig`);
      });
    });

    describe('concurrency', () => {
      it('Put/Get/DeleteFunctionConcurrency', async () => {
        await create('cc');
        expect((await lambda.send(new GetFunctionConcurrencyCommand({ FunctionName: 'cc' }))).ReservedConcurrentExecutions).toBeUndefined();
        const put = await lambda.send(new PutFunctionConcurrencyCommand({ FunctionName: 'cc', ReservedConcurrentExecutions: 5 }));
        expect(put.ReservedConcurrentExecutions).toBe(5);
        expect((await lambda.send(new GetFunctionConcurrencyCommand({ FunctionName: 'cc' }))).ReservedConcurrentExecutions).toBe(5);
        expect((await lambda.send(new GetFunctionCommand({ FunctionName: 'cc' }))).Concurrency?.ReservedConcurrentExecutions).toBe(5);
        const settings = await lambda.send(new GetAccountSettingsCommand({}));
        expect(settings.AccountLimit).toMatchObject({ ConcurrentExecutions: limits.concurrency.accountDefault, UnreservedConcurrentExecutions: limits.concurrency.accountDefault - 5, CodeSizeZipped: limits.deploymentPackage.maxZippedBytes, CodeSizeUnzipped: limits.deploymentPackage.maxUnzippedBytes });
        expect(settings.AccountUsage?.FunctionCount).toBe(1);
        expect((await lambda.send(new DeleteFunctionConcurrencyCommand({ FunctionName: 'cc' }))).$metadata.httpStatusCode).toBe(204);
        expect((await lambda.send(new GetFunctionConcurrencyCommand({ FunctionName: 'cc' }))).ReservedConcurrentExecutions).toBeUndefined();
      });

      it('reserving into the last 100 unreserved is refused', async () => {
        await create('greedy');
        const f = await failure(lambda.send(new PutFunctionConcurrencyCommand({ FunctionName: 'greedy', ReservedConcurrentExecutions: limits.concurrency.accountDefault - limits.concurrency.minimumUnreserved + 1 })));
        expect([f.name, f.message]).toEqual(['InvalidParameterValueException', "Specified ReservedConcurrentExecutions for function decreases account's UnreservedConcurrentExecution below its minimum value of [100]."]);
      });

      it('reserved concurrency 0 throttles every synchronous invoke with 429 and a Reason', async () => {
        await create('zero');
        await lambda.send(new PutFunctionConcurrencyCommand({ FunctionName: 'zero', ReservedConcurrentExecutions: 0 }));
        const f = await failure(invoke('zero', {}));
        expect([f.name, f.status, f.message, f.error['Reason']]).toEqual(['TooManyRequestsException', 429, 'Rate Exceeded.', 'ReservedFunctionConcurrentInvocationLimitExceeded']);
        expect(f.error['retryAfterSeconds']).toBe('1');
      });

      it('when every allowed environment is busy the next invoke is throttled', async () => {
        const gate = createGate();
        ({ service, clock } = makeService(createVmEnvironmentFactory({ gate }), { accountConcurrency: 102 }));
        await c.close();
        c = await connect(service);
        lambda = c.lambda;
        await create('busy');
        await create('other');
        await lambda.send(new PutFunctionConcurrencyCommand({ FunctionName: 'busy', ReservedConcurrentExecutions: 2 }));
        gate.hold = true;
        const running = [invoke('busy', { n: 1 }), invoke('busy', { n: 2 })];
        while (gate.waiting < 2) await new Promise((r) => setTimeout(r, 1));
        const f = await failure(invoke('busy', { n: 3 }));
        expect([f.name, f.error['Reason']]).toEqual(['TooManyRequestsException', 'ReservedFunctionConcurrentInvocationLimitExceeded']);
        // The unreserved pool is 102 - 2 = 100: fill it, then 'other' is throttled on the account limit.
        const others = Array.from({ length: 100 }, (_, i) => invoke('other', { i }));
        while (gate.waiting < 102) await new Promise((r) => setTimeout(r, 1));
        const g = await failure(invoke('other', {}));
        expect([g.name, g.error['Reason']]).toEqual(['TooManyRequestsException', 'ConcurrentInvocationLimitExceeded']);
        gate.release();
        const done = await Promise.all([...running, ...others]);
        expect(done.every((d) => d.StatusCode === 200)).toBe(true);
        expect((await invoke('busy', { n: 4 })).StatusCode).toBe(200);
        const state = JSON.parse((await c.raw('GET', '/_emulator/state')).body);
        expect(state.functions.find((fn: { FunctionName: string }) => fn.FunctionName === 'busy').warm).toEqual({ $LATEST: 2 });
      });
    });

    describe('CloudWatch Logs', () => {
      it('DescribeLogGroups, DescribeLogStreams, GetLogEvents and FilterLogEvents see every invocation', async () => {
        await create('logged');
        const first = await invoke('logged', { n: 'first' });
        await invoke('logged', { n: 'second' });
        expect(first.StatusCode).toBe(200);
        const groups = await c.logs.send(new DescribeLogGroupsCommand({ logGroupNamePrefix: '/aws/lambda/' }));
        expect(groups.logGroups?.map((g) => g.logGroupName)).toEqual(['/aws/lambda/logged']);
        const streams = await c.logs.send(new DescribeLogStreamsCommand({ logGroupName: '/aws/lambda/logged', orderBy: 'LastEventTime', descending: true }));
        expect(streams.logStreams).toHaveLength(1);
        const name = streams.logStreams![0]!.logStreamName!;
        expect(name).toMatch(/^\d{4}\/\d\d\/\d\d\/\[\$LATEST\][0-9a-f]{32}$/);
        const events = await c.logs.send(new GetLogEventsCommand({ logGroupName: '/aws/lambda/logged', logStreamName: name, startFromHead: true }));
        const messages = events.events!.map((e) => e.message!);
        expect(messages.filter((m) => m.startsWith('START RequestId:'))).toHaveLength(2);
        expect(messages.filter((m) => m.startsWith('INIT_START'))).toHaveLength(1);
        const filtered = await c.logs.send(new FilterLogEventsCommand({ logGroupName: '/aws/lambda/logged', filterPattern: '"second"' }));
        expect(filtered.events).toHaveLength(1);
        expect(filtered.events![0]!.message).toContain('{"n":"second"}');
        expect(filtered.events![0]!.logStreamName).toBe(name);
        const f = await failure(c.logs.send(new GetLogEventsCommand({ logGroupName: '/aws/lambda/none', logStreamName: 'x' })));
        expect([f.name, f.message]).toEqual(['ResourceNotFoundException', 'The specified log group does not exist.']);
      });
    });
  });
}
