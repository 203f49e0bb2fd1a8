import { afterEach, describe, expect, it, vi } from 'vitest';
import { createWorkerEnvironmentFactory } from './worker-host.ts';
import { EnvironmentUnavailableError, type InvocationOutcome } from './contract.ts';
import type { HostToWorker, WorkerLike, WorkerToHost } from './worker-protocol.ts';
import { harness, makeSpec, messages } from '../../../tests/support/engine-harness.ts';
import { loadQuickJSWasmModule } from '../../hosts/node/quickjs-wasm.ts';
import { Sandbox, SandboxPool } from './sandbox.ts';
import { serveExecutionEnvironments } from './worker-service.ts';

/**
 * Workers that create environments but never answer an invoke ('hang') or die when asked to run
 * one ('die'); or that never answer create ('silent') or die creating ('die-creating').
 */
function fakeWorkers(behaviour: 'hang' | 'die' | 'silent' | 'die-creating') {
  const spawned: { terminated: boolean }[] = [];
  const spawn = (): WorkerLike => {
    const state = { terminated: false };
    spawned.push(state);
    let onMessage: (m: WorkerToHost) => void = () => {};
    let onError: (m: string) => void = () => {};
    const creates = behaviour === 'hang' || behaviour === 'die';
    return {
      postMessage(m: HostToWorker) {
        // A Python worker reports its engine's download before it answers; the host must wait on for `created`.
        if (m.type === 'create' && creates) queueMicrotask(() => onMessage({ type: 'engine-loading', loadedBytes: 10, totalBytes: 20, done: false }));
        if (m.type === 'create' && creates) queueMicrotask(() => onMessage({ type: 'created', id: m.id, logStreamName: '2026/07/22/[$LATEST]0123456789abcdef0123456789abcdef' }));
        if (m.type === 'create' && behaviour === 'die-creating') queueMicrotask(() => onError('ERR_WORKER_OUT_OF_MEMORY'));
        if (m.type === 'invoke' && behaviour === 'die') queueMicrotask(() => onError('Aborted()'));
      },
      terminate() { state.terminated = true; },
      onMessage(h) { onMessage = h; },
      onError(h) { onError = h; },
    };
  };
  return { spawn, spawned };
}

afterEach(() => vi.useRealTimers());

describe('worker host', () => {
  it('terminates and replaces a worker that overruns its deadline by the margin, answering Sandbox.Timedout', async () => {
    vi.useFakeTimers();
    const workers = fakeWorkers('hang');
    const h = await harness(createWorkerEnvironmentFactory({ spawn: workers.spawn, overrunMarginMs: 500 }), makeSpec({ 'index.mjs': '' }, { timeout: 2 }));
    const pending = h.invoke({}, 'aaaaaaaa-0000-4000-8000-000000000001');
    await vi.advanceTimersByTimeAsync(12_000 + 499);
    let settled = false;
    void pending.then(() => { settled = true; });
    await vi.advanceTimersByTimeAsync(0);
    expect(settled).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    const out = await pending;
    expect(workers.spawned[0]!.terminated).toBe(true);
    expect(JSON.parse(out.payload)).toEqual({ errorType: 'Sandbox.Timedout', errorMessage: 'RequestId: aaaaaaaa-0000-4000-8000-000000000001 Error: Task timed out after 2.00 seconds' });
    expect(messages(out)).toEqual([
      'START RequestId: aaaaaaaa-0000-4000-8000-000000000001 Version: $LATEST',
      '2026-07-22T10:00:02.000Z aaaaaaaa-0000-4000-8000-000000000001 Task timed out after 2.00 seconds',
      'END RequestId: aaaaaaaa-0000-4000-8000-000000000001',
      'REPORT RequestId: aaaaaaaa-0000-4000-8000-000000000001\tDuration: 2000.00 ms\tBilled Duration: 2000 ms\tMemory Size: 128 MB\tMax Memory Used: 128 MB\tStatus: timeout',
    ]);
    expect(out.environmentDiscarded).toBe(true);
    const next = h.invoke({});
    await vi.advanceTimersByTimeAsync(0);
    expect(workers.spawned.length).toBe(2);
    await vi.advanceTimersByTimeAsync(20_000);
    await next;
  });

  it('answers Runtime.ExitError when the worker dies mid-invocation, and starts a new worker next time', async () => {
    const workers = fakeWorkers('die');
    const h = await harness(createWorkerEnvironmentFactory({ spawn: workers.spawn }), makeSpec({ 'index.mjs': '' }));
    const out = await h.invoke({}, 'bbbbbbbb-0000-4000-8000-000000000002');
    expect(JSON.parse(out.payload)).toEqual({ errorType: 'Runtime.ExitError', errorMessage: 'RequestId: bbbbbbbb-0000-4000-8000-000000000002 Error: Runtime exited with error: signal: aborted' });
    expect(messages(out).at(-1)).toBe('REPORT RequestId: bbbbbbbb-0000-4000-8000-000000000002\tDuration: 0.00 ms\tBilled Duration: 1 ms\tMemory Size: 128 MB\tMax Memory Used: 128 MB\tStatus: error\tError Type: Runtime.ExitError');
    expect(workers.spawned[0]!.terminated).toBe(true);
    await h.invoke({});
    expect(workers.spawned.length).toBe(2);
  });
});

describe('a worker that does not come up', () => {
  const failure = async (p: Promise<unknown>) => {
    try {
      await p;
    } catch (e) {
      return e as Error;
    }
    throw new Error('expected the environment not to start');
  };

  it('a spawn that throws is EnvironmentUnavailableError (the control plane throttles it)', async () => {
    const factory = createWorkerEnvironmentFactory({ spawn: () => { throw new Error('ERR_WORKER_INIT_FAILED'); } });
    const err = await failure(harness(factory, makeSpec({ 'index.mjs': '' })));
    expect(err).toBeInstanceOf(EnvironmentUnavailableError);
    expect(err.message).toBe('the worker could not be started: ERR_WORKER_INIT_FAILED');
  });

  it('a worker that dies while creating its environment is terminated: EnvironmentUnavailableError', async () => {
    const workers = fakeWorkers('die-creating');
    const err = await failure(harness(createWorkerEnvironmentFactory({ spawn: workers.spawn }), makeSpec({ 'index.mjs': '' })));
    expect(err).toBeInstanceOf(EnvironmentUnavailableError);
    expect(err.message).toBe('the worker could not be started: worker died: ERR_WORKER_OUT_OF_MEMORY');
    expect(workers.spawned.map((w) => w.terminated)).toEqual([true]);
  });

  it('a worker that does not answer within startTimeoutMs is terminated: EnvironmentUnavailableError', async () => {
    vi.useFakeTimers();
    const workers = fakeWorkers('silent');
    const started = failure(harness(createWorkerEnvironmentFactory({ spawn: workers.spawn, startTimeoutMs: 5_000 }), makeSpec({ 'index.mjs': '' })));
    await vi.advanceTimersByTimeAsync(4_999);
    expect(workers.spawned.map((w) => w.terminated)).toEqual([false]);
    await vi.advanceTimersByTimeAsync(1);
    const err = await started;
    expect(err).toBeInstanceOf(EnvironmentUnavailableError);
    expect(err.message).toBe('the worker could not be started: it did not start in time');
    expect(workers.spawned.map((w) => w.terminated)).toEqual([true]);
  });
});

describe('a spare worker', () => {
  /** Workers that record what they were sent, answer create, and can be made to die. */
  function recordingWorkers() {
    const spawned: { sent: HostToWorker[]; terminated: boolean; held: boolean[]; die(): void; prepared(): void }[] = [];
    const spawn = (): WorkerLike => {
      let onMessage: (m: WorkerToHost) => void = () => {};
      const onError: ((m: string) => void)[] = [];
      const state = {
        sent: [] as HostToWorker[], terminated: false, held: [] as boolean[],
        die: () => onError.forEach((h) => h('worker error')),
        prepared: () => onMessage({ type: 'prepared' }),
      };
      spawned.push(state);
      return {
        postMessage(m: HostToWorker) {
          state.sent.push(m);
          if (m.type === 'create') queueMicrotask(() => onMessage({ type: 'created', id: m.id, logStreamName: 'stream' }));
          if (m.type === 'invoke') queueMicrotask(() => onMessage({ type: 'outcome', id: m.id, outcome: outcomeOf(m.input.requestId), now: 0 }));
        },
        terminate() { state.terminated = true; },
        onMessage(h) { onMessage = h; },
        onError(h) { onError.push(h); },
        hold(busy) { state.held.push(busy); },
      };
    };
    return { spawn, spawned };
  }
  const macrotask = () => new Promise((resolve) => setTimeout(resolve, 0));
  const outcomeOf = (requestId: string): InvocationOutcome => ({
    requestId, payload: 'null', logs: [], durationMs: 1, billedDurationMs: 1, maxMemoryUsedMb: 16, coldStart: true, environmentDiscarded: false,
  });

  it('is started once an invocation has answered, prepared for its memory size, and taken by the next environment', async () => {
    const workers = recordingWorkers();
    const factory = createWorkerEnvironmentFactory({ spawn: workers.spawn, spareWorker: true });
    const first = await harness(factory, makeSpec({ 'index.mjs': '' }, { memorySize: 512 }));
    await macrotask();
    expect(workers.spawned.length).toBe(1);
    await first.invoke();
    expect(workers.spawned.length).toBe(1);
    await macrotask();
    expect(workers.spawned.length).toBe(2);
    expect(workers.spawned[1]!.sent).toEqual([{ type: 'prepare', options: {}, memorySizeMb: 512 }]);
    const second = await harness(factory, makeSpec({ 'index.mjs': '' }));
    expect(workers.spawned[1]!.sent.map((m) => m.type)).toEqual(['prepare', 'create']);
    await second.invoke();
    await macrotask();
    expect(workers.spawned.length).toBe(3);
  });

  it('is never handed out once it has died: the environment gets a new worker', async () => {
    const workers = recordingWorkers();
    const factory = createWorkerEnvironmentFactory({ spawn: workers.spawn, spareWorker: true });
    await (await harness(factory, makeSpec({ 'index.mjs': '' }))).invoke();
    await macrotask();
    workers.spawned[1]!.die();
    await harness(factory, makeSpec({ 'index.mjs': '' }));
    expect(workers.spawned[1]!.terminated).toBe(true);
    expect(workers.spawned[2]!.sent.map((m) => m.type)).toEqual(['create']);
  });

  it('keeps the process alive while someone awaits it (spareReady), and lets it go once it is prepared', async () => {
    const workers = recordingWorkers();
    const factory = createWorkerEnvironmentFactory({ spawn: workers.spawn, spareWorker: true });
    let ready = false;
    const waiting = factory.spareReady().then(() => (ready = true));
    await macrotask();
    expect([workers.spawned.length, ready, workers.spawned[0]!.held]).toEqual([1, false, [true]]);
    workers.spawned[0]!.prepared();
    await waiting;
    expect(workers.spawned[0]!.held).toEqual([true, false]);
  });

  it('can be started before the first environment, which then takes it', async () => {
    const workers = recordingWorkers();
    const factory = createWorkerEnvironmentFactory({ spawn: workers.spawn, spareWorker: true });
    factory.startSpareWorker();
    await macrotask();
    expect(workers.spawned.length).toBe(1);
    expect(workers.spawned[0]!.sent).toEqual([{ type: 'prepare', options: {}, memorySizeMb: 128 }]);
    await harness(factory, makeSpec({ 'index.mjs': '' }));
    expect(workers.spawned.length).toBe(1);
    expect(workers.spawned[0]!.sent.map((m) => m.type)).toEqual(['prepare', 'create']);
  });

  it('is not started unless asked for', async () => {
    const workers = recordingWorkers();
    await (await harness(createWorkerEnvironmentFactory({ spawn: workers.spawn }), makeSpec({ 'index.mjs': '' }))).invoke();
    await macrotask();
    expect(workers.spawned.length).toBe(1);
  });

  it('builds the sandbox the environment then starts on, so its cold start skips the bootstrap', async () => {
    const create = vi.spyOn(Sandbox, 'create');
    const take = vi.spyOn(SandboxPool.prototype, 'take');
    try {
      // The worker's side, in this thread: a port that delivers each message in a later task.
      const spawn = (): WorkerLike => {
        let toHost: (m: WorkerToHost) => void = () => {};
        let toWorker: (m: HostToWorker) => void = () => {};
        serveExecutionEnvironments({ post: (m) => setTimeout(() => toHost(m), 0), onMessage: (h) => { toWorker = h; } }, { wasmModule: loadQuickJSWasmModule });
        return { postMessage: (m) => setTimeout(() => toWorker(m), 0), terminate() {}, onMessage: (h) => { toHost = h; }, onError() {} };
      };
      const factory = createWorkerEnvironmentFactory({ spawn, spareWorker: true });
      const first = await harness(factory, makeSpec({ 'index.mjs': 'export const handler = async () => 1;' }));
      expect((await first.invoke()).payload).toBe('1');
      // One sandbox for the first environment, one in the spare worker, built while it waits.
      for (let i = 0; i < 100 && create.mock.calls.length < 2; i++) await new Promise((resolve) => setTimeout(resolve, 10));
      expect(create).toHaveBeenCalledTimes(2);
      expect(take).toHaveBeenCalledTimes(1);
      const second = await harness(factory, makeSpec({ 'index.mjs': 'export const handler = async () => 2;' }));
      const outcome = await second.invoke();
      expect(outcome.payload).toBe('2');
      expect(outcome.coldStart).toBe(true);
      // The second environment's cold start took a sandbox built before it asked for one.
      expect(take).toHaveBeenCalledTimes(2);
      const taken = await take.mock.results[1]!.value;
      const built = create.mock.results.findIndex((r) => r.value === taken);
      expect(built).toBeGreaterThanOrEqual(0);
      expect(create.mock.invocationCallOrder[built]!).toBeLessThan(take.mock.invocationCallOrder[1]!);
    } finally {
      create.mockRestore();
      take.mockRestore();
    }
  });
});
