/**
 * The emulator as a page uses it: a LambdaService whose execution environments run in Web Workers,
 * with LambdaClient and CloudWatchLogsClient wired to it in-process. The workspace talks to it only
 * through those clients (and the emulator's inspection routes for its emulated queues and topics).
 */
import { LambdaClient } from '@aws-sdk/client-lambda';
import { CloudWatchLogsClient } from '@aws-sdk/client-cloudwatch-logs';
import { LambdaService, createEmulatorRequestHandler, type EmulatorState } from '../emulator';
import { realClock } from '../emulator/runtime/clock';
import { createRouter } from '../emulator';
import { createBrowserEnvironmentFactory } from './browser-engine';

export interface PageEmulator {
  service: LambdaService;
  lambda: LambdaClient;
  logs: CloudWatchLogsClient;
  /** The SDK request handler in front of the emulator, e.g. to download Code.Location URLs. */
  requestHandler: ReturnType<typeof createEmulatorRequestHandler>;
  /** GET/POST one of the emulator's own `/_emulator/...` inspection routes. */
  inspect<T = unknown>(path: string, method?: 'GET' | 'POST'): Promise<T>;
  snapshot(): EmulatorState;
  /** Starts a worker with QuickJS loaded ahead of the first cold start; call once the page is idle. */
  warmUp(): void;
  dispose(): void;
}

const credentials = { accessKeyId: 'AKIAWORKBOOKEMULATOR', secretAccessKey: 'emulator' };
const region = 'us-east-1';
const ENDPOINT = 'https://lambda.emulator.local';

export function createPageEmulator(state?: EmulatorState): PageEmulator {
  const environmentFactory = createBrowserEnvironmentFactory();
  const service = new LambdaService({
    environmentFactory,
    clock: realClock,
    random: Math.random,
    uuid: () => crypto.randomUUID(),
    region,
    endpoint: ENDPOINT,
    ...(state ? { state } : {}),
  });
  // Event invocations run in the background on the real clock, retries included, as in Lambda.
  service.queue.start();
  const requestHandler = createEmulatorRequestHandler(service);
  const route = createRouter(service);
  return {
    service,
    requestHandler,
    lambda: new LambdaClient({ region, credentials, endpoint: ENDPOINT, requestHandler, maxAttempts: 1 }),
    logs: new CloudWatchLogsClient({ region, credentials, endpoint: 'https://logs.emulator.local', requestHandler, maxAttempts: 1 }),
    async inspect<T>(path: string, method: 'GET' | 'POST' = 'GET') {
      const url = new URL(path, ENDPOINT);
      const res = await route({
        method,
        path: url.pathname,
        query: Object.fromEntries(url.searchParams),
        headers: {},
        body: new Uint8Array(),
      });
      return JSON.parse(new TextDecoder().decode(res.body)) as T;
    },
    snapshot: () => service.snapshot(),
    warmUp: () => environmentFactory.startSpareWorker(),
    dispose: () => service.shutdown(),
  };
}
