import { afterEach, describe, expect, it, vi } from 'vitest';
import { createWorkerEnvironmentFactory } from './worker-host';
import type { HostToWorker, WorkerLike, WorkerToHost } from './worker-protocol';
import { harness, makeSpec, messages } from './testing';

/** A worker that creates environments but never answers an invoke, or dies when asked to. */
function fakeWorkers(behaviour: 'hang' | 'die') {
  const spawned: { terminated: boolean }[] = [];
  const spawn = (): WorkerLike => {
    const state = { terminated: false };
    spawned.push(state);
    let onMessage: (m: WorkerToHost) => void = () => {};
    let onError: (m: string) => void = () => {};
    return {
      postMessage(m: HostToWorker) {
        if (m.type === 'create') queueMicrotask(() => onMessage({ type: 'created', id: m.id, logStreamName: '2026/07/22/[$LATEST]0123456789abcdef0123456789abcdef' }));
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
