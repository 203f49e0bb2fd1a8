/** Execution environments are reclaimed when idle, bounded by a machine-wide cap, and a host that cannot start one throttles. */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { InvokeCommand, type LambdaClient } from '@aws-sdk/client-lambda';
import { ECHO_CODE, ROLE, makeService, quickJSEngine, zipBase64 } from '../../../tests/unit/support/harness.ts';
import { createGate, createVmEnvironmentFactory } from '../../../tests/unit/support/vm-engine.ts';
import { EnvironmentUnavailableError, type EnvironmentFactory } from '../runtime/contract.ts';
import type { LambdaService } from './lambda-service.ts';
import { HostCapacity } from './host-capacity.ts';

/** Wraps an engine to count the environments it made and how many of them were shut down. */
function counted(engine: EnvironmentFactory) {
  const count = { created: 0, shutDown: 0 };
  const factory: EnvironmentFactory = async (spec, deps) => {
    const env = await engine(spec, deps);
    count.created++;
    const shutdown = env.shutdown.bind(env);
    return Object.assign(env, { shutdown: () => (count.shutDown++, shutdown()) });
  };
  return { factory, count };
}

const create = (service: LambdaService, name: string) =>
  service.createFunction({ FunctionName: name, Runtime: 'nodejs22.x', Role: ROLE, Handler: 'index.handler', Code: { ZipFile: zipBase64(ECHO_CODE) } });
const invoke = async (lambda: LambdaClient, name: string, event: unknown = {}) => {
  const out = await lambda.send(new InvokeCommand({ FunctionName: name, Payload: new TextEncoder().encode(JSON.stringify(event)), LogType: 'Tail' }));
  return { status: out.StatusCode, coldStart: atob(out.LogResult ?? '').includes('INIT_START') };
};
const failure = async (p: Promise<unknown>) => {
  try {
    await p;
  } catch (err) {
    const e = err as Error & { $metadata?: { httpStatusCode?: number }; Reason?: string };
    return [e.name, e.$metadata?.httpStatusCode, e.message, e.Reason];
  }
  throw new Error('expected the invoke to fail');
};
const inspect = async (emulator: { inspect<T>(path: string): Promise<T> }) =>
  emulator.inspect<{ liveEnvironments: number; functions: { FunctionName: string; warm: Record<string, number> }[] }>('/_emulator/state');

afterEach(() => vi.useRealTimers());

describe('idle environments', () => {
  it('are shut down once idle for environmentIdleMs on the emulator’s clock: the next invoke is a cold start', async () => {
    const { factory, count } = counted(quickJSEngine());
    const emulator = makeService(factory, { environmentIdleMs: 60_000 });
    await create(emulator.service, 'idle');
    expect(await invoke(emulator.lambda, 'idle')).toEqual({ status: 200, coldStart: true });
    emulator.clock.advance(59_999);
    expect(await invoke(emulator.lambda, 'idle')).toEqual({ status: 200, coldStart: false });
    expect(count).toEqual({ created: 1, shutDown: 0 });
    emulator.clock.advance(60_000);
    expect(await invoke(emulator.lambda, 'idle')).toEqual({ status: 200, coldStart: true });
    expect(count).toEqual({ created: 2, shutDown: 1 });
    expect((await inspect(emulator)).liveEnvironments).toBe(1);
    emulator.close();
  });

  it('are reclaimed by whichever function is invoked next, each on its own last use, however the invokes interleave', async () => {
    const { factory, count } = counted(quickJSEngine());
    const emulator = makeService(factory, { environmentIdleMs: 60_000 });
    await create(emulator.service, 'a');
    await create(emulator.service, 'b');
    expect(await invoke(emulator.lambda, 'a')).toEqual({ status: 200, coldStart: true });
    emulator.clock.advance(30_000);
    expect(await invoke(emulator.lambda, 'b')).toEqual({ status: 200, coldStart: true });
    emulator.clock.advance(20_000);
    // a, used again at 50 s, is not due until 110 s although it first went idle at 0 s.
    expect(await invoke(emulator.lambda, 'a')).toEqual({ status: 200, coldStart: false });
    emulator.clock.advance(35_000);
    expect(await invoke(emulator.lambda, 'b')).toEqual({ status: 200, coldStart: false });
    expect(count).toEqual({ created: 2, shutDown: 0 });
    emulator.clock.advance(24_999);
    expect((await inspect(emulator)).liveEnvironments).toBe(2);
    emulator.clock.advance(1);
    // At 110 s an invoke of b reclaims a's environment, idle for 60 s.
    expect(await invoke(emulator.lambda, 'b')).toEqual({ status: 200, coldStart: false });
    expect(count).toEqual({ created: 2, shutDown: 1 });
    expect(await invoke(emulator.lambda, 'a')).toEqual({ status: 200, coldStart: true });
    emulator.close();
  });

  it('are reclaimed in the background once the service is started, with nothing else happening', async () => {
    const { factory, count } = counted(quickJSEngine());
    const emulator = makeService(factory, { environmentIdleMs: 300_000 });
    await create(emulator.service, 'bg');
    await invoke(emulator.lambda, 'bg');
    await invoke(emulator.lambda, 'bg');
    vi.useFakeTimers();
    emulator.service.start();
    emulator.clock.advance(299_999);
    await vi.advanceTimersByTimeAsync(299_999);
    expect(count).toEqual({ created: 1, shutDown: 0 });
    emulator.clock.advance(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(count).toEqual({ created: 1, shutDown: 1 });
    const state = await inspect(emulator);
    expect([state.liveEnvironments, state.functions[0]!.warm]).toEqual([0, { $LATEST: 0 }]);
    expect(vi.getTimerCount()).toBe(0);
    emulator.close();
  });
});

describe('the cap on live environments', () => {
  it('throttles a cold start when every environment under maxEnvironments is busy, and evicts the longest-idle one otherwise', async () => {
    const gate = createGate();
    const { factory, count } = counted(createVmEnvironmentFactory({ gate }));
    const emulator = makeService(factory, { maxEnvironments: 2 });
    await create(emulator.service, 'a');
    await create(emulator.service, 'b');
    gate.hold = true;
    const running = [invoke(emulator.lambda, 'a', { n: 1 }), invoke(emulator.lambda, 'a', { n: 2 })];
    while (gate.waiting < 2) await new Promise((r) => setTimeout(r, 1));
    expect(await failure(invoke(emulator.lambda, 'b'))).toEqual(['TooManyRequestsException', 429, 'Rate Exceeded.', 'ConcurrentInvocationLimitExceeded']);
    expect(await failure(invoke(emulator.lambda, 'a', { n: 3 }))).toEqual(['TooManyRequestsException', 429, 'Rate Exceeded.', 'ConcurrentInvocationLimitExceeded']);
    gate.release();
    expect(await Promise.all(running)).toEqual([{ status: 200, coldStart: true }, { status: 200, coldStart: true }]);
    emulator.clock.advance(1_000);
    // Both environments of 'a' are idle: 'b' takes the place of the one idle longest.
    expect(await invoke(emulator.lambda, 'b')).toEqual({ status: 200, coldStart: true });
    expect(count).toEqual({ created: 3, shutDown: 1 });
    const state = await inspect(emulator);
    expect([state.liveEnvironments, state.functions.map((f) => [f.FunctionName, f.warm])]).toEqual([2, [['a', { $LATEST: 1 }], ['b', { $LATEST: 1 }]]]);
    emulator.close();
  });

  it('is also the account’s concurrency: idle environments of other functions make way under it', async () => {
    const { factory, count } = counted(createVmEnvironmentFactory());
    const emulator = makeService(factory, { accountConcurrency: 1 });
    await create(emulator.service, 'a');
    await create(emulator.service, 'b');
    await invoke(emulator.lambda, 'a');
    await invoke(emulator.lambda, 'b');
    expect(count).toEqual({ created: 2, shutDown: 1 });
    expect((await inspect(emulator)).liveEnvironments).toBe(1);
    emulator.close();
  });
});

describe('the machine-wide cap across accounts (a lab server)', () => {
  it('one account’s cold start takes the machine’s longest-idle environment, whoever’s it is, and is throttled when all are busy', async () => {
    const gate = createGate();
    const { factory, count } = counted(createVmEnvironmentFactory({ gate }));
    const host = new HostCapacity(2);
    const alice = makeService(factory, { hostCapacity: host });
    const bob = makeService(factory, { hostCapacity: host });
    await create(alice.service, 'a');
    await create(bob.service, 'b');
    expect(await invoke(alice.lambda, 'a')).toEqual({ status: 200, coldStart: true });
    alice.clock.advance(1_000);
    expect(await invoke(bob.lambda, 'b')).toEqual({ status: 200, coldStart: true });
    expect(host.live).toBe(2);
    // Full: Bob's second function takes the place of Alice's environment, idle longest on the machine.
    await create(bob.service, 'b2');
    bob.clock.advance(2_000);
    expect(await invoke(bob.lambda, 'b2')).toEqual({ status: 200, coldStart: true });
    expect([host.live, count.shutDown, (await inspect(alice)).liveEnvironments, (await inspect(bob)).liveEnvironments]).toEqual([2, 1, 0, 2]);
    // Both of Bob's environments busy: Alice's cold start has no room anywhere and is throttled as Lambda throttles.
    gate.hold = true;
    const running = [invoke(bob.lambda, 'b'), invoke(bob.lambda, 'b2')];
    while (gate.waiting < 2) await new Promise((r) => setTimeout(r, 1));
    expect(await failure(invoke(alice.lambda, 'a'))).toEqual(['TooManyRequestsException', 429, 'Rate Exceeded.', 'ConcurrentInvocationLimitExceeded']);
    gate.release();
    expect(await Promise.all(running)).toEqual([{ status: 200, coldStart: false }, { status: 200, coldStart: false }]);
    // Once Bob's are idle again, Alice's next invoke gets a place.
    expect(await invoke(alice.lambda, 'a')).toEqual({ status: 200, coldStart: true });
    expect(host.live).toBe(2);
    alice.close();
    bob.close();
    expect(host.live).toBe(0);
  });
});

describe('a host that cannot start an environment', () => {
  it('answers the invoke with a throttle, never a function error', async () => {
    const emulator = makeService(async () => {
      throw new EnvironmentUnavailableError('the worker could not be started: ERR_WORKER_INIT_FAILED');
    });
    await create(emulator.service, 'full');
    expect(await failure(invoke(emulator.lambda, 'full'))).toEqual(['TooManyRequestsException', 429, 'Rate Exceeded.', 'ConcurrentInvocationLimitExceeded']);
    expect((await inspect(emulator)).liveEnvironments).toBe(0);
    emulator.close();
  });
});
