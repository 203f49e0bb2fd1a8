/**
 * The emulator server under mixed traffic for a while, loopback only: creates, code updates,
 * invokes, hostile invokes (endless loops, memory bombs, throws) and async events against
 * `npm run emulator -- --workers`. It checks what a lab server needs: every answer is Lambda's
 * (200, a function error where the code earned one, or 429), live execution environments never
 * pass the cap, memory stays within its bound, and once traffic stops the idle server reclaims its
 * environments and falls back to near-zero CPU.
 *
 *   npm run soak                      # 10 minutes, as issue #20 asks
 *   npm run soak -- --seconds 120     # what CI runs
 *
 * Ends with one line `soak: N passed, N failed` and exits 1 when a check failed.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { CreateFunctionCommand, InvokeCommand, LambdaClient, UpdateFunctionCodeCommand } from '@aws-sdk/client-lambda';
import { zip } from '../../src/emulator/index.ts';
import { TSX_WORKER_EXEC_ARGV } from '../../src/hosts/node/tsx.ts';

const { values } = parseArgs({ options: { seconds: { type: 'string', default: '600' }, clients: { type: 'string', default: '16' } } });
const SECONDS = Number(values.seconds);
const CLIENTS = Number(values.clients);
const MAX_ENVIRONMENTS = 8;
const IDLE_SECONDS = 5;
/** The bound on the server's resident memory: 8 workers at under 100 MB each, plus the server. */
const RSS_BOUND_MB = 1536;
/** Once idle, the server may use this share of one core. */
const IDLE_CPU_BOUND = 0.05;
const CLK_TCK = 100;

const HANDLERS = {
  ok: 'exports.handler = async (event) => ({ ok: true, n: event.n ?? 0 });',
  loop: 'exports.handler = async () => { for (;;) {} };',
  bomb: 'exports.handler = async () => { const hoard = []; for (;;) hoard.push(new Array(1e5).fill(1)); };',
  throws: 'exports.handler = async () => { throw new Error("planned failure"); };',
  logs: 'exports.handler = async () => { for (let i = 0; i < 200; i++) console.log("x".repeat(1000)); return "logged"; };',
} as const;
type Kind = keyof typeof HANDLERS;

function startServer(): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, [...TSX_WORKER_EXEC_ARGV, 'src/cli/emulator.ts', '--port', '0', '--workers', '--max-environments', String(MAX_ENVIRONMENTS), '--idle-seconds', String(IDLE_SECONDS)], { stdio: ['ignore', 'pipe', 'pipe'] });
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /listening on (http:\/\/[^\s]+)/.exec(out);
      if (m) resolve({ child, url: m[1]! });
    });
    child.stderr!.on('data', (d: Buffer) => process.stderr.write(d));
    child.once('exit', (code) => reject(new Error(`the server exited with ${code} before listening:\n${out}`)));
  });
}

const rssMb = (pid: number): number => Number(/VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))![1]) / 1024;
const cpuTicks = (pid: number): number => {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return Number(fields[11]) + Number(fields[12]); // utime + stime, in clock ticks
};
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function main(): Promise<void> {
  const { child, url } = await startServer();
  const pid = child.pid!;
  const lambda = new LambdaClient({ region: 'us-east-1', endpoint: url, credentials: { accessKeyId: 'AKIDSOAK', secretAccessKey: 'soak' }, maxAttempts: 1 });
  const inspect = async () => (await (await fetch(`${url}/_emulator/state`)).json()) as { liveEnvironments: number; queue: unknown[] };
  const counts = new Map<string, number>();
  const count = (what: string) => counts.set(what, (counts.get(what) ?? 0) + 1);
  const wrong: string[] = [];
  const functions: { name: string; kind: Kind }[] = [];
  let serial = 0;

  const create = async (kind: Kind) => {
    const name = `soak-${kind}-${serial++}`;
    await lambda.send(new CreateFunctionCommand({
      FunctionName: name, Runtime: 'nodejs22.x', Role: 'arn:aws:iam::000000000000:role/lambda-role', Handler: 'index.handler',
      Timeout: kind === 'loop' ? 1 : 3, MemorySize: 128, Code: { ZipFile: zip({ 'index.js': HANDLERS[kind] }) },
    }));
    functions.push({ name, kind });
    count('create');
  };
  for (const kind of Object.keys(HANDLERS) as Kind[]) await create(kind);

  let peakRss = rssMb(pid);
  let peakLive = 0;
  let stop = false;
  const sampler = (async () => {
    while (!stop) {
      peakRss = Math.max(peakRss, rssMb(pid));
      peakLive = Math.max(peakLive, (await inspect()).liveEnvironments);
      await sleep(1000);
    }
  })();

  const step = async (i: number) => {
    const roll = i % 20;
    if (roll === 0 && functions.length < 40) return create((['ok', 'logs', 'throws'] as const)[i % 3]!);
    const fn = functions[i % functions.length]!;
    if (roll === 1 && fn.kind === 'ok') {
      await lambda.send(new UpdateFunctionCodeCommand({ FunctionName: fn.name, ZipFile: zip({ 'index.js': `${HANDLERS.ok}\n// v${i}` }) }));
      return count('update');
    }
    // Async events go to healthy functions: a hostile one's would be retried for minutes, as Lambda retries them.
    const event = roll === 2 && (fn.kind === 'ok' || fn.kind === 'logs');
    try {
      const out = await lambda.send(new InvokeCommand({ FunctionName: fn.name, InvocationType: event ? 'Event' : 'RequestResponse', Payload: JSON.stringify({ n: i }) }));
      const expected = event ? 202 : 200;
      if (out.StatusCode !== expected) wrong.push(`${fn.name}: status ${out.StatusCode}`);
      // A healthy function never fails: an overloaded host must throttle, not report a function error.
      if (!event && (fn.kind === 'ok' || fn.kind === 'logs') && out.FunctionError) wrong.push(`${fn.name}: ${out.FunctionError} ${new TextDecoder().decode(out.Payload)}`);
      if (!event && (fn.kind === 'loop' || fn.kind === 'bomb' || fn.kind === 'throws') && !out.FunctionError) wrong.push(`${fn.name}: no function error`);
      count(event ? 'event' : `invoke ${fn.kind}`);
    } catch (err) {
      const name = (err as { name?: string }).name;
      if (name === 'TooManyRequestsException') count('throttled');
      else wrong.push(`${fn.name}: ${name} ${(err as Error).message}`);
    }
  };

  const until = Date.now() + SECONDS * 1000;
  let next = 0;
  await Promise.all(Array.from({ length: CLIENTS }, async () => {
    while (Date.now() < until) await step(next++);
  }));
  stop = true;
  await sampler;

  // Idle: queued events delivered (throttled ones are retried, as Lambda retries them), then
  // environments reclaimed after IDLE_SECONDS, then the server should barely use the CPU.
  let state = await inspect();
  const drainDeadline = Date.now() + 120_000;
  while (state.queue.length > 0 && Date.now() < drainDeadline) {
    await sleep(500);
    state = await inspect();
  }
  const queued = state.queue.length;
  const idleDeadline = Date.now() + 30_000;
  let live = state.liveEnvironments;
  while (live > 0 && Date.now() < idleDeadline) {
    await sleep(500);
    live = (await inspect()).liveEnvironments;
  }
  const ticks0 = cpuTicks(pid);
  await sleep(5000);
  const idleCpu = (cpuTicks(pid) - ticks0) / CLK_TCK / 5;
  const rssAfter = rssMb(pid);
  lambda.destroy();
  child.kill('SIGTERM');

  const checks: [string, boolean][] = [
    [`every answer was Lambda's (${wrong.length} were not${wrong.length ? `: ${wrong.slice(0, 5).join('; ')}` : ''})`, wrong.length === 0],
    [`live execution environments peaked at ${peakLive}, cap ${MAX_ENVIRONMENTS}`, peakLive <= MAX_ENVIRONMENTS],
    [`server memory peaked at ${peakRss.toFixed(0)} MB, bound ${RSS_BOUND_MB} MB`, peakRss <= RSS_BOUND_MB],
    [`every queued event delivered within 2 minutes (${queued} left)`, queued === 0],
    [`all environments reclaimed within 30 s of the last delivery (${live} left)`, live === 0],
    [`idle CPU ${(idleCpu * 100).toFixed(1)}% of a core, bound ${IDLE_CPU_BOUND * 100}%`, idleCpu <= IDLE_CPU_BOUND],
  ];
  console.log(`soak: ${SECONDS} s, ${CLIENTS} clients; ${[...counts].map(([k, v]) => `${k} ${v}`).join(', ')}; RSS after idle ${rssAfter.toFixed(0)} MB`);
  for (const [what, ok] of checks) console.log(`${ok ? '✓' : '✗'} ${what}`);
  const failed = checks.filter(([, ok]) => !ok).length;
  console.log(`soak: ${checks.length - failed} passed, ${failed} failed`);
  process.exit(failed ? 1 : 0);
}

await main();
