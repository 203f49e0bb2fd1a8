/**
 * `npm run emulator -- --port 4010 [--state FILE] [--region us-east-1] [--account 000000000000] [--concurrency 1000] [--workers]
 *   [--max-environments N] [--idle-seconds S] [--log-budget 64MiB]`
 * Serves the Lambda, CloudWatch Logs, S3 and SQS APIs on 127.0.0.1 for the AWS CLI, boto3 and the SDKs.
 * With --state, the account is loaded at start, every change is on disk before it is answered
 * (FILE.journal), and FILE itself is rewritten shortly after changes and on exit.
 *
 * `npm run emulator -- --lab roster.csv --state lab/ [--host 0.0.0.0] [--concurrency 10] [--rate 50] [--code-storage 512MiB] [--inline]`
 * serves a shared lab instead: one account per learner of the roster, and the instructor's, each
 * kept in lab/; every request must be signed with one of their keys (see lab-server.ts).
 */
import { readFileSync } from 'node:fs';
import { availableParallelism, freemem } from 'node:os';
import { parseArgs } from 'node:util';
import { DEFAULT_REGION, LambdaService, connectInProcess, createAdjustableClock, createEngineChooser, createQuickJSEnvironmentFactory, fmt, limits, mayChangeState, type EmulatorRequest } from '../emulator/index.ts';
import { loadQuickJSWasmModule } from '../hosts/node/quickjs-wasm.ts';
import { startEmulatorServer } from '../hosts/node/http-server.ts';
import { loadStateFile } from '../hosts/node/state-file.ts';
import { DurableAccount } from '../hosts/node/durable-account.ts';
import { startLabServer } from '../hosts/node/lab-server.ts';
import { labConfigPath, prepareLab } from '../hosts/node/lab-config.ts';
import { readLabRoster } from '../grading/roster.ts';
import { createNodePythonWorkerEnvironmentFactory, createNodeWorkerEnvironmentFactory } from '../hosts/node/node-worker-environment.ts';

const USAGE =
  'Usage: npm run emulator -- --port 4010 [--state FILE] [--region us-east-1] [--account 000000000000] [--concurrency N] [--workers] [--max-environments N] [--idle-seconds S] [--log-budget BYTES] [--tls-cert FILE --tls-key FILE]\n' +
  '       npm run emulator -- --lab roster.csv --state DIR [--port 4010] [--host 0.0.0.0] [--region us-east-1] [--concurrency 10] [--max-environments N] [--machine-environments N] [--rate 50] [--code-storage 512MiB] [--log-budget 32MiB] [--inline] [--tls-cert FILE --tls-key FILE]';

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
      'machine-environments': { type: 'string' },
      'idle-seconds': { type: 'string' },
      'log-budget': { type: 'string' },
      lab: { type: 'string' },
      rate: { type: 'string' },
      'code-storage': { type: 'string' },
      inline: { type: 'boolean', default: false },
      'tls-cert': { type: 'string' },
      'tls-key': { type: 'string' },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) {
    console.log(USAGE);
    return;
  }
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65_535) throw new Error(`--port must be a TCP port number, got "${values.port}".\n${USAGE}`);
  const tls = readTls(values['tls-cert'], values['tls-key']);
  if (values.lab !== undefined) return startLab(values, port, tls);
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
    // The wall clock, which POST /_emulator/clock/advance moves on (as the page's Advance time does).
    clock: createAdjustableClock(),
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
  const durable = values.state ? new DurableAccount(values.state, service) : undefined;
  const server = await startEmulatorServer(service, {
    port,
    host: values.host,
    ...(tls ? { tls } : {}),
    // A request that may change the account is on disk before it is answered.
    ...(durable ? { beforeResponse: (request: EmulatorRequest) => void (mayChangeState(request) && durable.commit()) } : {}),
    // Synchronous invocations change only logs: they reach disk with the next compaction.
    onRequest: (request) => void (request.method !== 'GET' && durable?.compactSoon()),
  });
  service.scheduler.onBackgroundPass = () => {
    try {
      durable?.commit();
    } catch (err) {
      // Nothing waits on a background pass; the next request or compaction writes its changes.
      console.error(`Could not journal the scheduler's changes to ${values.state}: ${err instanceof Error ? err.message : String(err)}`);
    }
    durable?.compactSoon();
  };
  service.start();
  console.log(`Lambda emulator listening on ${server.url} (region ${service.region}, account ${service.accountId}, at most ${maxEnvironments} execution environments)${values.state ? `, state in ${values.state}` : ''}`);
  console.log(`  aws --endpoint-url ${server.url} lambda list-functions`);
  const stop = async () => {
    durable?.close();
    service.shutdown();
    await server.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop());
  process.on('SIGTERM', () => void stop());
}

/** `--lab`: the shared lab server. */
/** `--tls-cert` and `--tls-key`: HTTPS with that certificate and key (PEM files), both or neither. */
function readTls(certPath: string | undefined, keyPath: string | undefined): { cert: string; key: string } | undefined {
  if (certPath === undefined && keyPath === undefined) return undefined;
  if (certPath === undefined || keyPath === undefined) throw new Error(`HTTPS needs both --tls-cert FILE and --tls-key FILE (PEM).\n${USAGE}`);
  const read = (flag: string, path: string) => {
    try {
      return readFileSync(path, 'utf8');
    } catch (err) {
      throw new Error(`${flag} ${path} cannot be read: ${(err as Error).message}`);
    }
  };
  return { cert: read('--tls-cert', certPath), key: read('--tls-key', keyPath) };
}

async function startLab(values: Record<string, string | boolean | undefined>, port: number, tls: { cert: string; key: string } | undefined): Promise<void> {
  const dir = values['state'];
  if (typeof dir !== 'string') throw new Error(`A lab keeps its accounts in a folder: give it with --state (for example --state lab/).\n${USAGE}`);
  const rosterPath = values['lab'] as string;
  const roster = readLabRoster(readFileSync(rosterPath, 'utf8'), rosterPath);
  const config = prepareLab(dir, roster, typeof values['region'] === 'string' ? values['region'] : DEFAULT_REGION);
  const bytes = (flag: string) => {
    const text = values[flag];
    if (typeof text !== 'string') return undefined;
    const n = parseByteSize(text);
    if (n === undefined) throw new Error(`--${flag} must be a number of bytes, KiB, MiB or GiB (such as 512MiB), got "${text}".\n${USAGE}`);
    return n;
  };
  const concurrency = positive('--concurrency', values['concurrency'] as string | undefined, true);
  const rate = positive('--rate', values['rate'] as string | undefined, false);
  const codeStorage = bytes('code-storage');
  const logBudget = bytes('log-budget');
  const maxEnvironments = positive('--max-environments', values['max-environments'] as string | undefined, true);
  // The whole class shares the machine: by default what its memory and cores allow.
  const machineEnvironments = positive('--machine-environments', values['machine-environments'] as string | undefined, true) ?? defaultMaxEnvironments();
  const idleSeconds = positive('--idle-seconds', values['idle-seconds'] as string | undefined, false);
  const lab = await startLabServer({
    dir,
    config,
    port,
    host: values['host'] as string,
    ...(concurrency !== undefined ? { concurrency } : {}),
    ...(rate !== undefined ? { rateLimit: { perSecond: rate, burst: 2 * rate } } : {}),
    ...(codeStorage !== undefined ? { codeStorageBytes: codeStorage } : {}),
    ...(logBudget !== undefined ? { logBudgetBytes: logBudget } : {}),
    ...(maxEnvironments !== undefined ? { maxEnvironments } : {}),
    machineEnvironments,
    ...(idleSeconds !== undefined ? { idleSeconds } : {}),
    inline: values['inline'] === true,
    ...(tls ? { tls } : {}),
  });
  console.log(`Lab server listening on ${lab.url} (region ${config.region}, ${config.learners.length} learner accounts, at most ${machineEnvironments} execution environments on this machine), state in ${dir}`);
  console.log(`  Instructor: account ${config.admin.accountId}, access key id ${config.admin.accessKeyId}, secret access key ${config.admin.secretAccessKey} (saved in ${labConfigPath(dir)})`);
  console.log(`  Hand-outs: npm run lab -- credentials --state ${dir} --endpoint ${lab.url}`);
  const stop = async () => {
    await lab.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop());
  process.on('SIGTERM', () => void stop());
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : String(err));
  process.exit(1);
});
