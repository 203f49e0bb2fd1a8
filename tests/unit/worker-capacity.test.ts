/**
 * Real worker threads under a burst (issue #20): with a cap of 8 environments, 60 concurrent
 * invokes over HTTP answer 200 or 429 and never hold more than 8 worker threads; once the
 * environments have been idle for the idle setting, no worker thread is left and the server rests.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { CreateFunctionCommand, InvokeCommand } from '@aws-sdk/client-lambda';
import { LambdaService, realClock, zip } from '../../src/emulator/index.ts';
import { startEmulatorServer, type RunningServer } from '../../src/hosts/node/http-server.ts';
import { createNodeWorkerEnvironmentFactory } from '../../src/hosts/node/node-worker-environment.ts';
import { ROLE, httpClients } from './support/harness.ts';

const CAP = 8;
const BURST = 60;
const IDLE_MS = 1_000;

const workers = { live: 0, peak: 0 };
const service = new LambdaService({
  environmentFactory: createNodeWorkerEnvironmentFactory({
    onWorkerCount: (live) => {
      workers.live = live;
      workers.peak = Math.max(workers.peak, live);
    },
  }),
  clock: realClock,
  region: 'us-east-1',
  accountId: '111111111111',
  maxEnvironments: CAP,
  environmentIdleMs: IDLE_MS,
});
let server: RunningServer | undefined;
afterAll(async () => {
  await server?.close();
  service.shutdown();
});

const until = async (done: () => boolean, ms: number) => {
  for (const end = Date.now() + ms; !done() && Date.now() < end; ) await new Promise((r) => setTimeout(r, 20));
};

describe('the emulator server with worker threads under a burst', () => {
  it(`${BURST} concurrent invokes at a cap of ${CAP}: 200 or 429, at most ${CAP} threads, none left after the idle time`, { timeout: 120_000 }, async () => {
    server = await startEmulatorServer(service, { port: 0 });
    service.start();
    const { lambda } = httpClients(server.url);
    await lambda.send(new CreateFunctionCommand({
      FunctionName: 'trivial', Runtime: 'nodejs22.x', Role: ROLE, Handler: 'index.handler',
      Code: { ZipFile: zip({ 'index.mjs': 'export const handler = async (e) => ({ n: e.n });' }) },
    }));
    const rssBefore = process.memoryUsage.rss();
    let rssPeak = rssBefore;
    const sampler = setInterval(() => (rssPeak = Math.max(rssPeak, process.memoryUsage.rss())), 20);

    const answers = await Promise.all(Array.from({ length: BURST }, async (_, n) => {
      try {
        const out = await lambda.send(new InvokeCommand({ FunctionName: 'trivial', Payload: new TextEncoder().encode(JSON.stringify({ n })) }));
        return { status: out.StatusCode, body: new TextDecoder().decode(out.Payload), functionError: out.FunctionError };
      } catch (err) {
        const e = err as Error & { $metadata?: { httpStatusCode?: number }; Reason?: string };
        return { status: e.$metadata?.httpStatusCode, body: `${e.name}: ${e.message} (${e.Reason})` };
      }
    }));

    const ok = answers.filter((a) => a.status === 200);
    const throttled = answers.filter((a) => a.status === 429);
    expect(ok.length + throttled.length).toBe(BURST);
    expect(ok.length).toBeGreaterThanOrEqual(1);
    for (const a of ok) expect(a).toEqual({ status: 200, body: `{"n":${answers.indexOf(a)}}`, functionError: undefined });
    for (const a of throttled) expect(a.body).toBe('TooManyRequestsException: Rate Exceeded. (ConcurrentInvocationLimitExceeded)');
    expect(workers.peak).toBeLessThanOrEqual(CAP);
    expect(workers.live).toBeGreaterThanOrEqual(1);

    // Nothing invokes again: the background reclaimer shuts every environment down after IDLE_MS.
    const idleFrom = Date.now();
    await until(() => workers.live === 0, IDLE_MS + 10_000);
    const reclaimedAfterMs = Date.now() - idleFrom;
    clearInterval(sampler);
    expect(workers.live).toBe(0);
    const state = (await (await fetch(`${server.url}/_emulator/state`)).json()) as { liveEnvironments: number };
    expect(state.liveEnvironments).toBe(0);

    // The idle server rests: CPU time over one second of nothing.
    const cpuFrom = process.cpuUsage();
    await new Promise((r) => setTimeout(r, 1_000));
    const cpu = process.cpuUsage(cpuFrom);
    const idleCpuMs = (cpu.user + cpu.system) / 1000;
    expect(idleCpuMs).toBeLessThan(250);
    lambda.destroy();
    console.log(
      `[worker-capacity] ${ok.length}x200 ${throttled.length}x429; peak worker threads ${workers.peak}; RSS ${Math.round(rssBefore / 2 ** 20)} MB -> peak ${Math.round(rssPeak / 2 ** 20)} MB -> ${Math.round(process.memoryUsage.rss() / 2 ** 20)} MB after reclaim; threads gone ${reclaimedAfterMs} ms after the burst; idle CPU ${idleCpuMs.toFixed(1)} ms in 1 s`,
    );
  });
});
