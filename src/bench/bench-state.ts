/**
 * Bench section: what `--state FILE` costs now that every change is on disk before it is answered.
 * In a lab-sized account (10 functions with 100 KB packages, 8 MB of logs), per CreateFunction and
 * UpdateFunctionCode: the call alone (all the old deferred save left on a request's path), the call
 * plus the journal append and fsync the server now does, and the call plus a full atomic snapshot
 * (the simple alternative the journal avoids); and a warm Invoke through the router, alone, with
 * the server's hook (a synchronous Invoke is not journaled) and with a comparison of every record
 * (what journaling every POST would cost). Each ratio is against the call alone, in the same run.
 * `tsx --import ./src/hosts/node/text-imports.mjs src/bench/bench-state.ts` runs it alone.
 */
import { mkdtempSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LambdaService, bytesToBase64, createQuickJSEnvironmentFactory, createRouter, mayChangeState, realClock, zip, type EmulatorRequest, type Router } from '../emulator/index.ts';
import { loadQuickJSWasmModule } from '../hosts/node/quickjs-wasm.ts';
import { DurableStateFile, saveStateFile } from '../hosts/node/state-file.ts';

const FUNCTIONS = 10;
const PACKAGE_BYTES = 100 * 1024;
const LOG_BYTES = 8 * 1024 * 1024;
const ITERATIONS = 10;
/** As many as the other sections (bench.ts), whose header line states it. */
const ROUNDS = 7;
const ROLE = 'arn:aws:iam::111111111111:role/lambda-role';

type Persistence = 'none' | 'journal' | 'snapshot';

/** Incompressible bytes, like a package's dependencies, so zips weigh what they say. */
function noise(bytes: number): Uint8Array {
  const out = new Uint8Array(bytes);
  for (let at = 0; at < bytes; at += 65_536) crypto.getRandomValues(out.subarray(at, Math.min(bytes, at + 65_536)));
  return out;
}

const packageZip = (tag: string, bytes: number) => bytesToBase64(zip({ 'index.js': `exports.handler = async () => '${tag}';`, 'node_modules/dep/blob.bin': noise(bytes) }));

async function labAccount(factory: ReturnType<typeof createQuickJSEnvironmentFactory>): Promise<LambdaService> {
  const service = new LambdaService({ environmentFactory: factory, clock: realClock, region: 'us-east-1', accountId: '111111111111' });
  for (let i = 0; i < FUNCTIONS; i++) {
    await service.createFunction({ FunctionName: `fn-${i}`, Runtime: 'nodejs22.x', Role: ROLE, Handler: 'index.handler', Code: { ZipFile: packageZip(`fn-${i}`, PACKAGE_BYTES) } });
  }
  const line = 'x'.repeat(1_000);
  for (let written = 0, n = 0; written < LOG_BYTES; n++, written += line.length) {
    service.logs.append(`/aws/lambda/fn-${n % FUNCTIONS}`, 'stream', [{ timestamp: Date.now(), message: line }], Date.now());
  }
  return service;
}

interface Account {
  service: LambdaService;
  route: Router;
  persist(): void;
  close(): void;
}

async function account(factory: ReturnType<typeof createQuickJSEnvironmentFactory>, persistence: Persistence): Promise<Account> {
  const service = await labAccount(factory);
  const dir = mkdtempSync(join(tmpdir(), 'workbook-bench-state-'));
  const file = join(dir, 'state.json');
  const durable = persistence === 'journal' ? new DurableStateFile(file, service.snapshot()) : undefined;
  return {
    service,
    route: createRouter(service),
    persist:
      persistence === 'journal' ? () => void durable!.commit(service.liveState()) : persistence === 'snapshot' ? () => saveStateFile(file, service.snapshot()) : () => {},
    close() {
      durable?.close();
      service.shutdown();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

/** Median over rounds of the mean time of `op` plus persisting, in ms; `reset` runs untimed after each. Variants interleave round by round. */
async function compare(
  accounts: Record<Persistence, Account>,
  op: (a: Account, i: number) => Promise<unknown>,
  options: { reset?: (a: Account) => Promise<unknown>; iterations?: number } = {},
): Promise<Record<Persistence, number>> {
  const { reset, iterations = ITERATIONS } = options;
  const rounds: Record<Persistence, number[]> = { none: [], journal: [], snapshot: [] };
  for (let round = -1; round < ROUNDS; round++) {
    for (const [name, a] of Object.entries(accounts) as [Persistence, Account][]) {
      let total = 0;
      for (let i = 0; i < iterations; i++) {
        const started = performance.now();
        await op(a, round * iterations + i);
        a.persist();
        total += performance.now() - started;
        if (reset) {
          await reset(a);
          a.persist();
        }
      }
      if (round >= 0) rounds[name].push(total / iterations); // round -1 warms up
    }
  }
  return { none: median(rounds.none), journal: median(rounds.journal), snapshot: median(rounds.snapshot) };
}

const fmtMs = (ms: number) => (ms < 1 ? `${(ms * 1000).toFixed(0)} µs` : `${ms.toFixed(2)} ms`);

export const stateSection = {
  name: `state file: durable writes per change (${FUNCTIONS} functions of ${PACKAGE_BYTES / 1024} KB, ${LOG_BYTES / 1024 / 1024} MB of logs)`,
  async run(): Promise<string[]> {
    const wasmModule = await loadQuickJSWasmModule();
    const factory = createQuickJSEnvironmentFactory({ wasmModule });
    const accounts = {
      none: await account(factory, 'none'),
      journal: await account(factory, 'journal'),
      snapshot: await account(factory, 'snapshot'),
    };
    try {
      const smallZip = packageZip('new', 1_024);
      const create = await compare(
        accounts,
        (a) => a.service.createFunction({ FunctionName: 'created', Runtime: 'nodejs22.x', Role: ROLE, Handler: 'index.handler', Code: { ZipFile: smallZip } }),
        { reset: async (a) => a.service.deleteFunction('created') },
      );
      const zips = Array.from({ length: (ROUNDS + 1) * ITERATIONS }, (_, i) => packageZip(`v${i}`, PACKAGE_BYTES));
      const update = await compare(accounts, (a, i) => a.service.updateFunctionCode('fn-0', { ZipFile: zips[i + ITERATIONS]! }));
      const invokeRequest: EmulatorRequest = { method: 'POST', path: '/2015-03-31/functions/fn-1/invocations', query: {}, headers: {}, body: new TextEncoder().encode('{}') };
      const journal = accounts.journal;
      await journal.route(invokeRequest);
      const invoke = await compare(
        {
          none: { ...journal, persist: () => {} },
          journal: { ...journal, persist: () => void (mayChangeState(invokeRequest) && journal.persist()) },
          snapshot: journal,
        },
        (a) => a.route(invokeRequest),
        { iterations: 500 },
      );

      // What each burst of changes paid before, once, a quarter second later: no fsync, off the request's path.
      const oldDir = mkdtempSync(join(tmpdir(), 'workbook-bench-state-'));
      const oldSaves: number[] = [];
      for (let i = 0; i < ROUNDS; i++) {
        const started = performance.now();
        writeFileSync(join(oldDir, 'state.json.tmp'), JSON.stringify(accounts.none.service.snapshot()));
        renameSync(join(oldDir, 'state.json.tmp'), join(oldDir, 'state.json'));
        oldSaves.push(performance.now() - started);
      }
      rmSync(oldDir, { recursive: true, force: true });

      const line = (label: string, ms: number, base?: number) => `${label.padEnd(66)} ${fmtMs(ms).padStart(10)}${base === undefined ? '' : `  ratio ${(ms / base).toFixed(2)}x`}`;
      const rows = (what: string, t: Record<Persistence, number>) => [
        line(`${what}, alone (old: saved later)`, t.none),
        line(`${what} + journal append, fsync (now)`, t.journal, t.none),
        line(`${what} + whole snapshot, fsync (instead)`, t.snapshot, t.none),
      ];
      return [
        ...rows('CreateFunction, 1 KB package', create),
        ...rows('UpdateFunctionCode, 100 KB package', update),
        line('warm Invoke through the router, alone', invoke.none),
        line("warm Invoke + the server's hook (not journaled)", invoke.journal, invoke.none),
        line('warm Invoke + comparing every record (nothing to write)', invoke.snapshot, invoke.none),
        line('old deferred save of the whole state, once per burst', median(oldSaves)),
      ];
    } finally {
      for (const a of Object.values(accounts)) a.close();
    }
  },
};

// Run alone: tsx --import ./src/hosts/node/text-imports.mjs src/bench/bench-state.ts
if (import.meta.url === `file://${process.argv[1]}`) {
  console.log(`## ${stateSection.name}`);
  for (const line of await stateSection.run()) console.log(line);
}
