/**
 * A shared lab server: every account of a lab (lab-config.ts) as its own LambdaService, kept on
 * disk per account, behind one HTTP endpoint that checks every request's signature and keeps each
 * learner in their own account (the emulator's lab router). Handlers run in worker threads by
 * default, so one learner's spinning handler never holds up another learner's requests.
 */
import {
  HostCapacity,
  LambdaService,
  connectInProcess,
  createEngineChooser,
  createLabRouter,
  labLayerAccess,
  createQuickJSEnvironmentFactory,
  mayChangeState,
  realClock,
  type EmulatorRequest,
  type LabAccount,
  type RateLimit,
} from '../../emulator/index.ts';
import { startEmulatorServer, type RunningServer } from './http-server.ts';
import { createNodePythonWorkerEnvironmentFactory, createNodeWorkerEnvironmentFactory } from './node-worker-environment.ts';
import { loadQuickJSWasmModule } from './quickjs-wasm.ts';
import { loadStateFile } from './state-file.ts';
import { DurableAccount } from './durable-account.ts';
import { accountStatePath, type LabConfig, type LabIdentity } from './lab-config.ts';

/** What each learner's account gets unless the instructor says otherwise: enough for every lesson, little enough that 30 share one machine. */
export const LAB_DEFAULTS = {
  /** Concurrent executions per account (Lambda's default is 1,000; lessons need a few). */
  concurrency: 10,
  /** Deployment packages kept per account. */
  codeStorageBytes: 512 * 1024 ** 2,
  /** Requests per second per account, with bursts of twice that. */
  requestsPerSecond: 50,
  /** Log events kept per account. */
  logBudgetBytes: 32 * 1024 ** 2,
  /** The largest request body: a 50 MB zip as base64 in CreateFunction's JSON, as Lambda allows. */
  maxBodyBytes: 69_905_067,
} as const;

/**
 * The least wait before an account's snapshot is rewritten: with 30 accounts on one disk, 250 ms
 * (the single-account server's) would keep the disk busy rewriting snapshots. Only log events wait
 * for it; every other change is journaled before its answer.
 */
const LAB_COMPACTION_DELAY_MS = 5_000;

export interface LabServerOptions {
  dir: string;
  config: LabConfig;
  port?: number;
  /** HTTPS with this certificate and key (PEM). */
  tls?: { cert: string; key: string };
  host?: string;
  concurrency?: number;
  codeStorageBytes?: number;
  rateLimit?: RateLimit;
  logBudgetBytes?: number;
  maxBodyBytes?: number;
  /** Execution environments alive at once per account; the account's concurrency by default. */
  maxEnvironments?: number;
  /** Execution environments alive at once on the machine, across every account (unbounded by default; the CLI sizes it to the machine). */
  machineEnvironments?: number;
  /** Run Node.js handlers on the server's own thread (QuickJS) instead of worker threads. */
  inline?: boolean;
  idleSeconds?: number;
  now?: () => number;
}

export interface RunningLab {
  server: RunningServer;
  url: string;
  accounts: readonly LabAccount[];
  close(): Promise<void>;
}

export async function startLabServer(options: LabServerOptions): Promise<RunningLab> {
  const concurrency = options.concurrency ?? LAB_DEFAULTS.concurrency;
  const environmentFactory = createEngineChooser({
    nodejs: options.inline ? createQuickJSEnvironmentFactory({ wasmModule: loadQuickJSWasmModule }) : createNodeWorkerEnvironmentFactory(),
    python: createNodePythonWorkerEnvironmentFactory(),
  });
  // Idle environments of any account make way for another account's cold start; all busy, it is throttled.
  const hostCapacity = new HostCapacity(options.machineEnvironments ?? Infinity);
  const disks = new Map<string, DurableAccount>();
  const services = new Map<string, LambdaService>();
  const open = (identity: LabIdentity, admin: boolean): LabAccount => {
    const path = accountStatePath(options.dir, identity.accountId);
    const service = new LambdaService({
      environmentFactory,
      clock: realClock,
      region: options.config.region,
      accountId: identity.accountId,
      accountConcurrency: concurrency,
      maxEnvironments: options.maxEnvironments ?? concurrency,
      hostCapacity,
      ...(options.idleSeconds !== undefined ? { environmentIdleMs: options.idleSeconds * 1000 } : {}),
      codeStorageBytes: options.codeStorageBytes ?? LAB_DEFAULTS.codeStorageBytes,
      logBudgetBytes: options.logBudgetBytes ?? LAB_DEFAULTS.logBudgetBytes,
      // Only this account's own key signs its AWS_IAM function URLs.
      accessKeys: { [identity.accessKeyId]: identity.secretAccessKey },
      // Layer versions other learners shared with this account (add-layer-version-permission).
      foreignLayerVersion: labLayerAccess(identity.accountId, (accountId) => services.get(accountId)),
      ...((state) => (state ? { state } : {}))(loadStateFile(path)),
    });
    services.set(identity.accountId, service);
    // Handlers' own SDK calls (boto3) reach their account in process, signed with its key.
    connectInProcess(service, { accessKeyId: identity.accessKeyId, secretAccessKey: identity.secretAccessKey });
    const disk = new DurableAccount(path, service, LAB_COMPACTION_DELAY_MS);
    disks.set(identity.accountId, disk);
    service.scheduler.onBackgroundPass = () => {
      try {
        disk.commit();
      } catch (err) {
        // Nothing waits on a background pass; the next request or compaction writes its changes.
        console.error(`Could not journal the scheduler's changes to ${path}: ${err instanceof Error ? err.message : String(err)}`);
      }
      disk.compactSoon();
    };
    return { ...identity, admin, service };
  };
  const accounts = [open(options.config.admin, true), ...options.config.learners.map((l) => open(l, false))];
  const rate = options.rateLimit ?? { perSecond: LAB_DEFAULTS.requestsPerSecond, burst: 2 * LAB_DEFAULTS.requestsPerSecond };
  const lab = createLabRouter({ accounts, now: options.now ?? (() => Date.now()), rateLimit: rate });
  const maxBodyBytes = options.maxBodyBytes ?? LAB_DEFAULTS.maxBodyBytes;
  const server = await startEmulatorServer(accounts[0]!.service, {
    port: options.port ?? 0,
    host: options.host ?? '127.0.0.1',
    route: lab.route,
    maxBodyBytes,
    ...(options.tls ? { tls: options.tls } : {}),
    tooLarge: (request, max) => lab.tooLarge(request, max),
    // A change is on disk, in every account that answered, before it is acknowledged.
    beforeResponse: async (request: EmulatorRequest) => {
      if (!mayChangeState(request)) return;
      await Promise.all(lab.accountsOf(request).map((account) => disks.get(account.accountId)!.commitSoon()));
    },
    onRequest: (request) => {
      if (request.method === 'GET') return;
      for (const account of lab.accountsOf(request)) disks.get(account.accountId)!.compactSoon();
    },
  });
  for (const account of accounts) {
    account.service.endpoint = server.url;
    account.service.start();
  }
  return {
    server,
    url: server.url,
    accounts,
    async close() {
      await server.close();
      for (const account of accounts) {
        disks.get(account.accountId)!.close();
        account.service.shutdown();
      }
    },
  };
}
