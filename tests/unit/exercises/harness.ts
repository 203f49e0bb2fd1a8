/**
 * Emulators for the exercise tests: the in-process one (the SDK's request handler, as in the page)
 * and the HTTP server started by `npm run emulator`, on a free 127.0.0.1 port. Tests reach both
 * only through the two SDK clients, as the checks do.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import { CloudWatchLogsClient } from '@aws-sdk/client-cloudwatch-logs';
import { LambdaClient } from '@aws-sdk/client-lambda';
import { fetchDownload, requestHandlerDownload, type Download } from '../../../src/checks/context.ts';
import type { StepsContext } from '../../../src/checks/reference-steps.ts';
import { VIRTUAL_EPOCH, createInProcessEmulator, createVirtualClock, type Clock, type EnvironmentFactory } from '../../../src/emulator/index.ts';
import { environmentFactory } from './engine.ts';
import { seededRandom as mulberry32 } from '../support/harness.ts';
import { TEXT_IMPORTS_ARGS } from '../../../src/hosts/node/tsx.ts';

export const REGION = 'us-east-1';
export const ACCOUNT = '111111111111';
export const ROLE = `arn:aws:iam::${ACCOUNT}:role/lambda-role`;
const credentials = { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'workbook-secret' };
const root = fileURLToPath(new URL('../../../', import.meta.url));

export type EmulatorKind = 'in-process' | 'http';

export interface Emulator {
  kind: EmulatorKind;
  /** Where the HTTP server listens; undefined in process. */
  url: string | undefined;
  lambda: LambdaClient;
  logs: CloudWatchLogsClient;
  download: Download;
  close(): Promise<void>;
}

/** Deterministic [0, 1) source, so weighted aliases and probe names repeat. */
export function seededRandom(seed = 7): () => number {
  return mulberry32(seed);
}

/** `engines`: QuickJS for Node.js unless told otherwise (an engine chooser adds Python); `clock`: a virtual one, which a test may move on. */
export function inProcessEmulator(engines: EnvironmentFactory = environmentFactory, clock: Clock = createVirtualClock(VIRTUAL_EPOCH)): Emulator {
  const emulator = createInProcessEmulator({
    environmentFactory: engines,
    clock,
    random: seededRandom(),
    region: REGION,
    accountId: ACCOUNT,
    endpoint: 'http://lambda.workbook.test',
    credentials,
  });
  return {
    kind: 'in-process',
    url: undefined,
    lambda: emulator.lambda,
    logs: emulator.logs,
    download: requestHandlerDownload(emulator.requestHandler),
    close: async () => emulator.close(),
  };
}

export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (address === null || typeof address === 'string') throw new Error('no port');
  return address.port;
}

async function waitForServer(url: string, child: ChildProcess, output: () => string): Promise<void> {
  const deadline = Date.now() + 20_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`npm run emulator exited with ${child.exitCode}: ${output()}`);
    try {
      await fetch(`${url}/2015-03-31/functions`);
      return;
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
  throw new Error(`npm run emulator did not answer on ${url} within 20 s: ${output()}`);
}

export function clientsFor(url: string): { lambda: LambdaClient; logs: CloudWatchLogsClient } {
  const config = { region: REGION, credentials, endpoint: url, maxAttempts: 1 };
  return { lambda: new LambdaClient(config), logs: new CloudWatchLogsClient(config) };
}

/** Starts the emulator's HTTP server as its own process, as a learner would with `npm run emulator`. */
/** `npm run emulator` on a free port; `extraArgs` such as `--workers` go to the server. */
export async function httpEmulator(extraArgs: string[] = []): Promise<Emulator> {
  const port = await freePort();
  const child = spawn(`${root}node_modules/.bin/tsx`, [...TEXT_IMPORTS_ARGS, 'src/cli/emulator.ts', '--port', String(port), '--account', ACCOUNT, ...extraArgs], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const url = `http://127.0.0.1:${port}`;
  try {
    await waitForServer(url, child, () => output);
  } catch (err) {
    child.kill();
    throw err;
  }
  const { lambda, logs } = clientsFor(url);
  return {
    kind: 'http',
    url,
    lambda,
    logs,
    download: fetchDownload,
    close: async () => {
      lambda.destroy();
      logs.destroy();
      if (child.exitCode === null) {
        const exited = new Promise((resolve) => child.once('exit', resolve));
        child.kill();
        await exited;
      }
    },
  };
}

export async function emulator(kind: EmulatorKind): Promise<Emulator> {
  return kind === 'in-process' ? inProcessEmulator() : httpEmulator();
}

export function stepsContext(prefix = '', language: StepsContext['language'] = undefined): StepsContext {
  return { prefix, role: ROLE, answers: {}, ...(language === undefined ? {} : { language }) };
}
