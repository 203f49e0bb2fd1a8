/** Builds emulators, clients and handler zips for the control-plane tests, through the emulator's front door. */
import { Agent } from 'node:http';
import { LambdaClient } from '@aws-sdk/client-lambda';
import { CloudWatchLogsClient } from '@aws-sdk/client-cloudwatch-logs';
import { S3Client } from '@aws-sdk/client-s3';
import {
  VIRTUAL_EPOCH,
  bytesToBase64,
  connectInProcess,
  createInProcessEmulator,
  createQuickJSEnvironmentFactory,
  createVirtualClock,
  seededRandom as mulberry32,
  zip,
  type EnvironmentFactory,
  type InProcessEmulator,
  type LambdaService,
  type LambdaServiceOptions,
  type VirtualClock,
} from '../../../src/emulator/index.ts';
import { loadQuickJSWasmModule } from '../../../src/hosts/node/quickjs-wasm.ts';

/** The real execution engine (QuickJS), as the emulator runs it in Node. */
export function quickJSEngine(): EnvironmentFactory {
  return createQuickJSEnvironmentFactory({ wasmModule: loadQuickJSWasmModule, cpuBudgetMs: 5_000 });
}

export const REGION = 'us-east-1';
export const ACCOUNT = '111111111111';
export const ROLE = `arn:aws:iam::${ACCOUNT}:role/lambda-role`;

/**
 * What lambda-role needs to send to destinations and dead-letter queues: Lambda checks it when they
 * are set, and sends as the role when it delivers.
 */
export const SEND_POLICY = JSON.stringify({
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Action: ['sqs:SendMessage', 'sns:Publish', 'lambda:InvokeFunction', 'events:PutEvents'], Resource: '*' }],
});

/** Lets the account's lambda-role send to destinations and dead-letter queues (SEND_POLICY, inline). */
export function allowSending(setup: { service: LambdaService }): void {
  setup.service.iam.putRolePolicy({ RoleName: 'lambda-role', PolicyName: 'send-results', PolicyDocument: SEND_POLICY });
}

/** Deterministic [0,1) source: the grader's, with the tests' default seed. */
export function seededRandom(seed = 42): () => number {
  return mulberry32(seed);
}

/** Deterministic UUIDs: `00000000-0000-4000-8000-<counter>`. */
export function sequentialUuid(): () => string {
  let n = 0;
  return () => `00000000-0000-4000-8000-${(++n).toString(16).padStart(12, '0')}`;
}

export interface Setup extends InProcessEmulator {
  clock: VirtualClock;
}

const credentials = { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'secret' };

export function makeService(factory: EnvironmentFactory, options: Partial<LambdaServiceOptions> = {}): Setup {
  const clock = createVirtualClock(VIRTUAL_EPOCH);
  const emulator = createInProcessEmulator({
    environmentFactory: factory,
    clock,
    random: seededRandom(),
    uuid: sequentialUuid(),
    region: REGION,
    accountId: ACCOUNT,
    endpoint: 'http://lambda.emulator.test',
    credentials,
    ...options,
  });
  return { ...emulator, clock };
}

/** SDK clients for a service built elsewhere (a restored one, or one the API suite made). */
export function inProcessClients(service: LambdaService): { lambda: LambdaClient; logs: CloudWatchLogsClient; s3: S3Client } {
  return connectInProcess(service, credentials);
}

export function httpClients(url: string): { lambda: LambdaClient; logs: CloudWatchLogsClient; s3: S3Client } {
  // The SDK's default agent allows 50 sockets; the throttling tests hold more invocations open than that.
  const requestHandler = { httpAgent: new Agent({ keepAlive: true, maxSockets: 512 }) };
  return {
    lambda: new LambdaClient({ region: REGION, credentials, endpoint: url, maxAttempts: 1, requestHandler }),
    logs: new CloudWatchLogsClient({ region: REGION, credentials, endpoint: url, maxAttempts: 1, requestHandler }),
    s3: new S3Client({ region: REGION, credentials, endpoint: url, maxAttempts: 1, requestHandler, forcePathStyle: true }),
  };
}

export function zipBytes(files: Record<string, string>): Uint8Array {
  return zip(files);
}

export function zipBase64(files: Record<string, string>): string {
  return bytesToBase64(zip(files));
}

/** A CommonJS handler that echoes what it saw; `{"fail": "msg"}` makes it throw. */
export const ECHO_HANDLER = `
exports.handler = async (event, context) => {
  if (event && event.fail) { const e = new Error(event.fail); throw e; }
  console.log('event', JSON.stringify(event));
  return { event, version: context.functionVersion, arn: context.invokedFunctionArn, env: process.env.STAGE || null };
};
`;

export const ECHO_CODE = { 'index.js': ECHO_HANDLER };

/** What a failed SDK call reports: the error's name, message, HTTP status, and the error itself for its other fields. */
export async function failure(p: Promise<unknown>): Promise<{ name: string; message: string; status: number | undefined; error: Record<string, unknown> }> {
  try {
    await p;
  } catch (err) {
    const e = err as Error & { $metadata?: { httpStatusCode?: number } };
    return { name: e.name, message: e.message, status: e.$metadata?.httpStatusCode, error: e as unknown as Record<string, unknown> };
  }
  throw new Error('expected the call to fail');
}
