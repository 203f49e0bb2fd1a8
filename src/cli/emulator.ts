/**
 * `npm run emulator -- --port 4010 [--state FILE] [--region us-east-1] [--account 000000000000] [--concurrency 1000] [--workers]
 *   [--max-environments N] [--idle-seconds S] [--log-budget 64MiB]`
 * Serves the Lambda, CloudWatch Logs, S3 and SQS APIs on 127.0.0.1 for the AWS CLI, boto3 and the SDKs.
 * With --state, the account is loaded at start, every change is on disk before it is answered
 * (FILE.journal), and FILE itself is rewritten shortly after changes and on exit.
 */
import { availableParallelism, freemem } from 'node:os';
import { parseArgs } from 'node:util';
import { LambdaService, connectInProcess, realClock, createEngineChooser, createQuickJSEnvironmentFactory, fmt, limits, mayChangeState, type EmulatorRequest } from '../emulator/index.ts';
import { loadQuickJSWasmModule } from '../hosts/node/quickjs-wasm.ts';
import { startEmulatorServer } from '../hosts/node/http-server.ts';
import { DurableStateFile, loadStateFile } from '../hosts/node/state-file.ts';
import { createNodePythonWorkerEnvironmentFactory, createNodeWorkerEnvironmentFactory } from '../hosts/node/node-worker-environment.ts';

const USAGE =
  'Usage: npm run emulator -- --port 4010 [--state FILE] [--region us-east-1] [--account 000000000000] [--concurrency N] [--workers] [--max-environments N] [--idle-seconds S] [--log-budget BYTES]';

/** The machine's share for execution environments: half its free memory and a few per core, at most limits.engine.maxEnvironments. */
function defaultMaxEnvironments(): number {
  const byMemory = Math.floor(freemem() / 2 / (limits.engine.environmentBudgetMb * 1024 * 1024));
  const byCores = availableParallelism() * limits.engine.environmentsPerCore;
  return Math.max(1, Math.min(limits.engine.maxEnvironments, byMemory, byCores));
}

function positive(flag: string, value: string | undefined, integer: boolean): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!(n > 0) || (integer && !Number.isInteger(n))) throw new Error(`${flag} must be a positive ${integer ? 'integer' : 'number'}, got "${value}".\n${USAGE}`);
  return n;
}

/** How long after a change the snapshot is rewritten and the journal emptied, at the least. */
const COMPACTION_DELAY_MS = 250;

const BYTE_UNITS: Record<string, number> = { '': 1, kib: 1024, mib: 1024 ** 2, gib: 1024 ** 3 };

/** `--log-budget`: bytes, or a number of KiB, MiB or GiB (`256MiB`). */
function parseByteSize(text: string): number | undefined {
  const m = /^(\d+(?:\.\d+)?)\s*(kib|mib|gib)?$/i.exec(text.trim());
  if (!m) return undefined;
  const bytes = Math.floor(Number(m[1]) * BYTE_UNITS[(m[2] ?? '').toLowerCase()]!);
  return bytes > 0 ? bytes : undefined;
}

/** A size for a person reading the server's output: `64 MiB (67,108,864 bytes)`. */
function describeBytes(bytes: number): string {
  const unit = (['gib', 'mib', 'kib'] as const).find((u) => bytes >= BYTE_UNITS[u]!) ?? 'kib';
  return `${fmt(Math.round((bytes / BYTE_UNITS[unit]!) * 10) / 10)} ${unit.slice(0, 1).toUpperCase()}iB (${fmt(bytes)} bytes)`;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      port: { type: 'string', default: '4010' },
      host: { type: 'string', default: '127.0.0.1' },
      state: { type: 'string' },
      region: { type: 'string' },
      account: { type: 'string' },
      concurrency: { type: 'string' },
      workers: { type: 'boolean', default: false },
      'max-environments': { type: 'string' },
      'idle-seconds': { type: 'string' },
      'log-budget': { type: 'string' },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) {
    console.log(USAGE);
    return;
  }
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65_535) throw new Error(`--port must be a TCP port number, got "${values.port}".\n${USAGE}`);
  const maxEnvironments = positive('--max-environments', values['max-environments'], true) ?? defaultMaxEnvironments();
  const idleSeconds = positive('--idle-seconds', values['idle-seconds'], false);
  const logBudget = values['log-budget'] === undefined ? limits.logBudget.defaultBytes : parseByteSize(values['log-budget']);
  if (logBudget === undefined) throw new Error(`--log-budget must be a number of bytes, KiB, MiB or GiB (such as 256MiB), got "${values['log-budget']}".\n${USAGE}`);
  const state = values.state ? loadStateFile(values.state) : undefined;
  const service = new LambdaService({
    // --workers: one worker thread per Node.js execution environment, so handlers run in parallel and a
    // spinning one never holds up other requests; without it they share the server's thread. Python
    // functions always run in workers: only terminating one stops a busy Python guest.
    environmentFactory: createEngineChooser({
      nodejs: values.workers ? createNodeWorkerEnvironmentFactory() : createQuickJSEnvironmentFactory({ wasmModule: loadQuickJSWasmModule }),
      python: createNodePythonWorkerEnvironmentFactory(),
    }),
    clock: realClock,
    ...(values.region ? { region: values.region } : {}),
    ...(values.account ? { accountId: values.account } : {}),
    ...(values.concurrency ? { accountConcurrency: Number(values.concurrency) } : {}),
    // Environments are bounded by the machine, beyond the account's concurrency, and shut down when idle.
    maxEnvironments,
    ...(idleSeconds !== undefined ? { environmentIdleMs: idleSeconds * 1000 } : {}),
    ...(state ? { state } : {}),
    logBudgetBytes: logBudget,
    onLogBudgetReached: (budget) =>
      console.error(`Log budget reached: the emulator keeps the newest ${describeBytes(budget)} of log events and now drops the oldest first. To keep more, restart it with --log-budget (for example --log-budget 256MiB).`),
  });
  // The SDK inside functions (boto3) calls this account through in-process clients.
  connectInProcess(service);
  const durable = values.state ? new DurableStateFile(values.state, service.snapshot()) : undefined;
  // Only log events wait for the next compaction; every other change is journaled before its answer.
  let compaction: ReturnType<typeof setTimeout> | undefined;
  let lastCompactionMs = 0;
  const compact = () => {
    const started = performance.now();
    durable?.compact(service.snapshot());
    lastCompactionMs = performance.now() - started;
  };
  const compactSoon = () => {
    if (!durable || compaction) return;
    // A compaction rewrites the whole state: waiting ten times as long as the last one took keeps it a small share of the server's time.
    compaction = setTimeout(() => {
      compaction = undefined;
      compact();
    }, Math.max(COMPACTION_DELAY_MS, 10 * lastCompactionMs));
  };
  const server = await startEmulatorServer(service, {
    port,
    host: values.host,
    // A request that may change the account is on disk before it is answered.
    ...(durable ? { beforeResponse: (request: EmulatorRequest) => void (mayChangeState(request) && durable.commit(service.liveState())) } : {}),
    // Synchronous invocations change only logs: they reach disk with the next compaction.
    onRequest: (request) => void (request.method !== 'GET' && compactSoon()),
  });
  service.scheduler.onBackgroundPass = () => {
    try {
      durable?.commit(service.liveState());
    } catch (err) {
      // Nothing waits on a background pass; the next request or compaction writes its changes.
      console.error(`Could not journal the scheduler's changes to ${values.state}: ${err instanceof Error ? err.message : String(err)}`);
    }
    compactSoon();
  };
  service.start();
  console.log(`Lambda emulator listening on ${server.url} (region ${service.region}, account ${service.accountId}, at most ${maxEnvironments} execution environments)${values.state ? `, state in ${values.state}` : ''}`);
  console.log(`  aws --endpoint-url ${server.url} lambda list-functions`);
  const stop = async () => {
    if (compaction) clearTimeout(compaction);
    compact();
    durable?.close();
    service.shutdown();
    await server.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop());
  process.on('SIGTERM', () => void stop());
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : String(err));
  process.exit(1);
});
