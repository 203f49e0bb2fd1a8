/**
 * `npm run emulator -- --port 4010 [--state FILE] [--region us-east-1] [--account 000000000000] [--concurrency 1000] [--workers]
 *   [--max-environments N] [--idle-seconds S]`
 * Serves the Lambda and CloudWatch Logs APIs on 127.0.0.1 for the AWS CLI, boto3 and the SDKs.
 * With --state, the account is loaded at start and saved after every change and on exit.
 */
import { availableParallelism, freemem } from 'node:os';
import { parseArgs } from 'node:util';
import { LambdaService, limits, realClock, createQuickJSEnvironmentFactory } from '../emulator/index.ts';
import { loadQuickJSWasmModule } from '../hosts/node/quickjs-wasm.ts';
import { startEmulatorServer } from '../hosts/node/http-server.ts';
import { loadStateFile, saveStateFile } from '../hosts/node/state-file.ts';
import { createNodeWorkerEnvironmentFactory } from '../hosts/node/node-worker-environment.ts';

const USAGE =
  'Usage: npm run emulator -- --port 4010 [--state FILE] [--region us-east-1] [--account 000000000000] [--concurrency N] [--workers] [--max-environments N] [--idle-seconds S]';

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
  const state = values.state ? loadStateFile(values.state) : undefined;
  const service = new LambdaService({
    // --workers: one worker thread per execution environment, so handlers run in parallel and a
    // spinning one never holds up other requests; without it they share the server's thread.
    environmentFactory: values.workers ? createNodeWorkerEnvironmentFactory() : createQuickJSEnvironmentFactory({ wasmModule: loadQuickJSWasmModule }),
    clock: realClock,
    ...(values.region ? { region: values.region } : {}),
    ...(values.account ? { accountId: values.account } : {}),
    ...(values.concurrency ? { accountConcurrency: Number(values.concurrency) } : {}),
    // Environments are bounded by the machine, beyond the account's concurrency, and shut down when idle.
    maxEnvironments,
    ...(idleSeconds !== undefined ? { environmentIdleMs: idleSeconds * 1000 } : {}),
    ...(state ? { state } : {}),
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
  service.start();
  console.log(`Lambda emulator listening on ${server.url} (region ${service.region}, account ${service.accountId}, at most ${maxEnvironments} execution environments)${values.state ? `, state in ${values.state}` : ''}`);
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
