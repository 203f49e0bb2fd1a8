/** Builds services, clients and handler zips for the control-plane tests. */
import { Agent } from 'node:http';
import { LambdaClient } from '@aws-sdk/client-lambda';
import { CloudWatchLogsClient } from '@aws-sdk/client-cloudwatch-logs';
import { LambdaService, type LambdaServiceOptions } from '../../../src/emulator/service/lambda-service.ts';
import { VIRTUAL_EPOCH, createVirtualClock, type VirtualClock } from '../../../src/emulator/service/clock.ts';
import { createEmulatorRequestHandler } from '../../../src/emulator/api/request-handler.ts';
import { bytesToBase64, zip } from '../../../src/emulator/zip.ts';
import type { EnvironmentFactory } from '../../../src/emulator/runtime/contract.ts';
import { createQuickJSEnvironmentFactory } from '../../../src/emulator/runtime/index.ts';
import { loadQuickJSWasmModule } from '../../../src/cli/quickjs-wasm.ts';
import { seededRandom as mulberry32 } from '../../../src/grading/seeded.ts';

/** The real execution engine (QuickJS), as the emulator runs it in Node. */
export function quickJSEngine(): EnvironmentFactory {
  return createQuickJSEnvironmentFactory({ wasmModule: loadQuickJSWasmModule, cpuBudgetMs: 5_000 });
}

export const REGION = 'us-east-1';
export const ACCOUNT = '111111111111';
export const ROLE = `arn:aws:iam::${ACCOUNT}:role/lambda-role`;

/** Deterministic [0,1) source: the grader's, with the tests' default seed. */
export function seededRandom(seed = 42): () => number {
  return mulberry32(seed);
}

/** Deterministic UUIDs: `00000000-0000-4000-8000-<counter>`. */
export function sequentialUuid(): () => string {
  let n = 0;
  return () => `00000000-0000-4000-8000-${(++n).toString(16).padStart(12, '0')}`;
}

export interface Setup {
  service: LambdaService;
  clock: VirtualClock;
}

export function makeService(factory: EnvironmentFactory, options: Partial<LambdaServiceOptions> = {}): Setup {
  const clock = createVirtualClock(VIRTUAL_EPOCH);
  const service = new LambdaService({
    environmentFactory: factory,
    clock,
    random: seededRandom(),
    uuid: sequentialUuid(),
    region: REGION,
    accountId: ACCOUNT,
    endpoint: 'http://lambda.emulator.test',
    ...options,
  });
  return { service, clock };
}

const credentials = { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'secret' };

export function inProcessClients(service: LambdaService): { lambda: LambdaClient; logs: CloudWatchLogsClient } {
  const requestHandler = createEmulatorRequestHandler(service);
  return {
    lambda: new LambdaClient({ region: REGION, credentials, requestHandler, endpoint: 'http://lambda.emulator.test', maxAttempts: 1 }),
    logs: new CloudWatchLogsClient({ region: REGION, credentials, requestHandler, endpoint: 'http://lambda.emulator.test', maxAttempts: 1 }),
  };
}

export function httpClients(url: string): { lambda: LambdaClient; logs: CloudWatchLogsClient } {
  // The SDK's default agent allows 50 sockets; the throttling tests hold more invocations open than that.
  const requestHandler = { httpAgent: new Agent({ keepAlive: true, maxSockets: 512 }) };
  return {
    lambda: new LambdaClient({ region: REGION, credentials, endpoint: url, maxAttempts: 1, requestHandler }),
    logs: new CloudWatchLogsClient({ region: REGION, credentials, endpoint: url, maxAttempts: 1, requestHandler }),
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
