/**
 * `npm run emulator -- --port 4010 [--state FILE] [--region us-east-1] [--account 000000000000] [--concurrency 1000] [--workers] [--log-budget 64MiB]`
 * Serves the Lambda and CloudWatch Logs APIs on 127.0.0.1 for the AWS CLI, boto3 and the SDKs.
 * With --state, the account is loaded at start and saved after every change and on exit.
 */
import { parseArgs } from 'node:util';
import { LambdaService, realClock, createQuickJSEnvironmentFactory, fmt, limits } from '../emulator/index.ts';
import { loadQuickJSWasmModule } from '../hosts/node/quickjs-wasm.ts';
import { startEmulatorServer } from '../hosts/node/http-server.ts';
import { loadStateFile, saveStateFile } from '../hosts/node/state-file.ts';
import { createNodeWorkerEnvironmentFactory } from '../hosts/node/node-worker-environment.ts';

const USAGE = 'Usage: npm run emulator -- --port 4010 [--state FILE] [--region us-east-1] [--account 000000000000] [--concurrency N] [--workers] [--log-budget BYTES]';

const BYTE_UNITS: Record<string, number> = { '': 1, kib: 1024, mib: 1024 ** 2, gib: 1024 ** 3 };

/** `--log-budget`: bytes, or a number of KiB, MiB or GiB (`256MiB`). */
function parseByteSize(text: string): number | undefined {
  const m = /^(\d+(?:\.\d+)?)\s*(kib|mib|gib)?$/i.exec(text.trim());
  if (!m) return undefined;
  const bytes = Math.floor(Number(m[1]) * BYTE_UNITS[(m[2] ?? '').toLowerCase()]!);
  return bytes > 0 ? bytes : undefined;
}

/** One line for a person reading the server's output: the budget in MiB and bytes. */
function describeBytes(bytes: number): string {
  return `${fmt(Math.round((bytes / 1024 ** 2) * 10) / 10)} MiB (${fmt(bytes)} bytes)`;
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
  const logBudget = values['log-budget'] === undefined ? limits.logBudget.defaultBytes : parseByteSize(values['log-budget']);
  if (logBudget === undefined) throw new Error(`--log-budget must be a number of bytes, KiB, MiB or GiB (such as 256MiB), got "${values['log-budget']}".\n${USAGE}`);
  const state = values.state ? loadStateFile(values.state) : undefined;
  const service = new LambdaService({
    // --workers: one worker thread per execution environment, so handlers run in parallel and a
    // spinning one never holds up other requests; without it they share the server's thread.
    environmentFactory: values.workers ? createNodeWorkerEnvironmentFactory() : createQuickJSEnvironmentFactory({ wasmModule: loadQuickJSWasmModule }),
    clock: realClock,
    ...(values.region ? { region: values.region } : {}),
    ...(values.account ? { accountId: values.account } : {}),
    ...(values.concurrency ? { accountConcurrency: Number(values.concurrency) } : {}),
    ...(state ? { state } : {}),
    logBudgetBytes: logBudget,
    onLogBudgetReached: (budget) =>
      console.error(`Log budget reached: the emulator keeps the newest ${describeBytes(budget)} of log events and now drops the oldest first. To keep more, restart it with --log-budget (for example --log-budget 256MiB).`),
  });
  const save = values.state ? () => saveStateFile(values.state!, service.snapshot()) : () => {};
  // Coalesce saves: a burst of invokes writes the file once, a quarter second after it ends.
  let pending: ReturnType<typeof setTimeout> | undefined;
  const saveSoon = () => {
    if (!values.state || pending) return;
    pending = setTimeout(() => {
      pending = undefined;
      save();
    }, 250);
  };
  const server = await startEmulatorServer(service, { port, host: values.host, onRequest: saveSoon });
  service.queue.onBackgroundPass = saveSoon;
  service.queue.start();
  console.log(`Lambda emulator listening on ${server.url} (region ${service.region}, account ${service.accountId})${values.state ? `, state in ${values.state}` : ''}`);
  console.log(`  aws --endpoint-url ${server.url} lambda list-functions`);
  const stop = async () => {
    if (pending) clearTimeout(pending);
    save();
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
