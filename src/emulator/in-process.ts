/**
 * The emulator assembled in one call: an account's LambdaService (with its SQS queues), the SDK
 * request handler in front of it, and SDK clients wired to that handler (no network). The page, the grader, the checks, the
 * tests and the bench all build their emulator here.
 */
import { CloudWatchLogsClient } from '@aws-sdk/client-cloudwatch-logs';
import { LambdaClient } from '@aws-sdk/client-lambda';
import { S3Client } from '@aws-sdk/client-s3';
import { SQSClient } from '@aws-sdk/client-sqs';
import { SNSClient } from '@aws-sdk/client-sns';
import { EventBridgeClient } from '@aws-sdk/client-eventbridge';
import { createRouter, type Router } from './api/router.ts';
import { createEmulatorRequestHandler, type EmulatorRequestHandler } from './api/request-handler.ts';
import { realClock } from './runtime/clock.ts';
import type { Clock, EnvironmentFactory } from './runtime/contract.ts';
import { LambdaService, type LambdaServiceOptions } from './service/lambda-service.ts';
import { createSdkBridge } from './sdk-bridge.ts';
import { fromUtf8 } from './zip.ts';

/** The endpoint in-process clients address; Code.Location URLs start with it. */
export const IN_PROCESS_ENDPOINT = 'https://lambda.emulator.local';

export interface InProcessEmulatorOptions extends Omit<LambdaServiceOptions, 'environmentFactory' | 'clock'> {
  environmentFactory: EnvironmentFactory;
  /** Defaults to the real clock; pass a virtual clock for tests and grading. */
  clock?: Clock;
  /** What the clients sign with; the in-process emulator accepts any. */
  credentials?: { accessKeyId: string; secretAccessKey: string };
}

/** The configuration any SDK v3 client needs to talk to this emulator in-process. */
export interface InProcessClientConfig {
  region: string;
  endpoint: string;
  credentials: { accessKeyId: string; secretAccessKey: string };
  requestHandler: EmulatorRequestHandler;
  maxAttempts: 1;
}

export interface InProcessEmulator {
  service: LambdaService;
  requestHandler: EmulatorRequestHandler;
  /** For any other SDK client: `new XClient(emulator.clientConfig)`. */
  clientConfig: InProcessClientConfig;
  lambda: LambdaClient;
  logs: CloudWatchLogsClient;
  /** Path-style (`/bucket/key`), as the emulator addresses buckets. */
  s3: S3Client;
  sqs: SQSClient;
  sns: SNSClient;
  events: EventBridgeClient;
  /** The router itself, e.g. for the emulator's own `/_emulator/...` routes. */
  route: Router;
  /** GET or POST one of the `/_emulator/...` inspection routes and parse its JSON. */
  inspect<T = unknown>(path: string, method?: 'GET' | 'POST'): Promise<T>;
  /** Destroys the clients and shuts every execution environment down. */
  close(): void;
}

/** SDK client settings for requests that go unsigned: Smithy's noAuth scheme, and a signer that leaves them as they are. */
const UNSIGNED = {
  httpAuthSchemeProvider: () => [{ schemeId: 'smithy.api#noAuth' }],
  httpAuthSchemes: [{ schemeId: 'smithy.api#noAuth', identityProvider: () => async () => ({}), signer: { sign: async (request: unknown) => request } }],
};

export function createInProcessEmulator(options: InProcessEmulatorOptions): InProcessEmulator {
  const { credentials, clock = realClock, ...rest } = options;
  return connectInProcess(new LambdaService({ ...rest, clock, endpoint: rest.endpoint ?? IN_PROCESS_ENDPOINT }), credentials);
}

/**
 * SDK clients and the request handler for a service that already exists (one restored from a
 * snapshot, say); the functions' own SDK calls (boto3) go through the same clients.
 */
export function connectInProcess(service: LambdaService, credentials = { accessKeyId: 'AKIAWORKBOOKEMULATOR', secretAccessKey: 'emulator' }): InProcessEmulator {
  const endpoint = service.endpoint || IN_PROCESS_ENDPOINT;
  // Its clients' key is one the account knows, so what they sign (an AWS_IAM function URL) verifies.
  service.accessKeys.set(credentials.accessKeyId, credentials.secretAccessKey);
  const requestHandler = createEmulatorRequestHandler(service);
  const route = createRouter(service);
  const clientConfig: InProcessClientConfig = { region: service.region, endpoint, credentials, requestHandler, maxAttempts: 1 };
  const lambda = new LambdaClient(clientConfig);
  const logs = new CloudWatchLogsClient(clientConfig);
  // The SDK inside functions: the same endpoint, each request acting as the calling function's role.
  // Its requests carry that principal and the service they address, so nothing reads a signature
  // on them: none is computed (SigV4 was 40% of each call's time).
  service.connectSdk(
    createSdkBridge((principal, addressed) =>
      principal ? { ...clientConfig, ...UNSIGNED, requestHandler: createEmulatorRequestHandler(service, { principal, service: addressed }, route) } : clientConfig,
    ),
  );
  // Built on first use: most emulators (the page's, the grader's) never talk to S3 or SQS.
  let s3: S3Client | undefined;
  let sqs: SQSClient | undefined;
  let sns: SNSClient | undefined;
  let events: EventBridgeClient | undefined;
  const emulator: InProcessEmulator = {
    service,
    requestHandler,
    clientConfig,
    lambda,
    logs,
    get s3() {
      return (s3 ??= new S3Client({ ...clientConfig, forcePathStyle: true }));
    },
    get sqs() {
      return (sqs ??= new SQSClient(clientConfig));
    },
    get sns() {
      return (sns ??= new SNSClient(clientConfig));
    },
    get events() {
      return (events ??= new EventBridgeClient(clientConfig));
    },
    route,
    async inspect<T>(path: string, method: 'GET' | 'POST' = 'GET') {
      const url = new URL(path, endpoint);
      const res = await route({ method, path: url.pathname, query: Object.fromEntries(url.searchParams), headers: {}, body: new Uint8Array() });
      return JSON.parse(fromUtf8(res.body)) as T;
    },
    close() {
      lambda.destroy();
      logs.destroy();
      s3?.destroy();
      sqs?.destroy();
      sns?.destroy();
      events?.destroy();
      service.shutdown();
    },
  };
  return emulator;
}
