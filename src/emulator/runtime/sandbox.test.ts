import { describe, expect, it, vi } from 'vitest';
import { loadQuickJSWasmModule } from '../../hosts/node/quickjs-wasm.ts';
import { createQuickJSEnvironmentFactory } from './index.ts';
import { QuickJSInstanceSource } from './quickjs-loader.ts';
import { HeapSnapshot } from './heap-snapshot.ts';
import { Sandbox, SandboxPool } from './sandbox.ts';
import { harness, makeSpec, messages } from '../../../tests/support/engine-harness.ts';

/** Lets pending macrotasks (the pool's refill) run. */
const settle = async (pool?: SandboxPool, sizes?: number[]) => {
  for (let i = 0; i < 200; i++) {
    await new Promise((resolve) => setTimeout(resolve, 5));
    if (!pool || JSON.stringify(pool.readyHeapSizes().sort((a, b) => a - b)) === JSON.stringify(sizes)) return;
  }
};

describe('the sandbox pool', () => {
  it('fills only after a cold start asked for a heap size, in a later macrotask, and hands each sandbox out once', async () => {
    const pool = new SandboxPool(new QuickJSInstanceSource({ wasmModule: loadQuickJSWasmModule }), 2);
    expect(pool.readyHeapSizes()).toEqual([]);
    pool.replenishSoon();
    await settle();
    expect(pool.readyHeapSizes()).toEqual([]);
    const first = await pool.take(128);
    pool.replenishSoon();
    expect(pool.readyHeapSizes()).toEqual([]);
    await settle(pool, [128]);
    expect(pool.readyHeapSizes()).toEqual([128]);
    const second = await pool.take(128);
    expect(second).not.toBe(first);
    expect(pool.readyHeapSizes()).toEqual([]);
    first.dispose(true, pool.instances);
    second.dispose(true, pool.instances);
  });

  it('keeps sandboxes for the most recently asked heap sizes only, each with its own memory cap', async () => {
    const pool = new SandboxPool(new QuickJSInstanceSource({ wasmModule: loadQuickJSWasmModule }), 2);
    for (const mb of [128, 512]) {
      (await pool.take(mb)).dispose(true, pool.instances);
      pool.replenishSoon();
      await settle(pool, mb === 128 ? [128] : [128, 512]);
    }
    expect(pool.readyHeapSizes().sort((a, b) => a - b)).toEqual([128, 512]);
    const big = await pool.take(1024);
    expect(big.instance.capBytes).toBe(1024 * 1024 * 1024);
    // 128 MB was asked for least recently: its sandbox is dropped, not kept for a third size.
    expect(pool.readyHeapSizes()).toEqual([512]);
    big.dispose(true, pool.instances);
  });

  it('keeps nothing when its size is 0', async () => {
    const pool = new SandboxPool(new QuickJSInstanceSource({ wasmModule: loadQuickJSWasmModule }), 0);
    (await pool.take(128)).dispose(true, pool.instances);
    pool.replenishSoon();
    await settle();
    expect(pool.readyHeapSizes()).toEqual([]);
  });
});

describe('an environment on a sandbox built ahead of time', () => {
  const code = {
    'index.mjs': `globalThis.left = (globalThis.left ?? '') + process.env.WHO;
      export const handler = async (event, context) => ({
        left: globalThis.left, who: process.env.WHO, other: process.env.OTHER ?? null, random: Math.random(),
        origin: performance.timeOrigin, memory: context.memoryLimitInMB,
      });`,
  };

  it('sees only its own function: nothing of an earlier function is left in its globals or environment', async () => {
    const factory = createQuickJSEnvironmentFactory({ wasmModule: loadQuickJSWasmModule });
    const a = await harness(factory, makeSpec(code, { environment: { WHO: 'a', OTHER: 'x' }, memorySize: 256 }));
    expect(JSON.parse((await a.invoke()).payload)).toMatchObject({ left: 'a', who: 'a', other: 'x' });
    a.env.shutdown();
    await settle();
    // Same memory size: b takes the sandbox built after a's cold start.
    const b = await harness(factory, makeSpec(code, { environment: { WHO: 'b' }, memorySize: 256 }));
    expect(JSON.parse((await b.invoke()).payload)).toMatchObject({ left: 'b', who: 'b', other: null, memory: '256' });
  });

  it('behaves exactly as one whose sandbox was built at INIT: same randomness, start time and log lines', async () => {
    const spec = makeSpec(code, { environment: { WHO: 'c' } });
    // A pool of size 0 builds every sandbox at INIT; the other hands out one built in the pause before.
    const atInit = createQuickJSEnvironmentFactory({ wasmModule: loadQuickJSWasmModule, warmSandboxHeapSizes: 0 });
    const ahead = createQuickJSEnvironmentFactory({ wasmModule: loadQuickJSWasmModule });
    (await (await harness(ahead, spec)).invoke()).payload;
    await settle();
    const x = await harness(atInit, spec);
    const y = await harness(ahead, spec);
    const ox = await x.invoke({}, 'req-1');
    const oy = await y.invoke({}, 'req-1');
    expect(oy.payload).toBe(ox.payload);
    expect(messages(oy)).toEqual(messages(ox));
    expect(y.env.logStreamName).toBe(x.env.logStreamName);
  });
});

describe('a sandbox reset for the next environment', () => {
  /** Counts sandboxes built, so a test knows the second environment ran on the first one's, reset. */
  const counted = () => {
    const create = vi.spyOn(Sandbox, 'create');
    return { built: () => create.mock.calls.length, done: () => create.mockRestore() };
  };

  it('keeps nothing of the environment before, however it tampered with its runtime', async () => {
    const factory = createQuickJSEnvironmentFactory({ wasmModule: loadQuickJSWasmModule, cpuBudgetMs: 200 });
    const spy = counted();
    try {
      const tamper = await harness(factory, makeSpec({
        'index.mjs': `Object.prototype.polluted = 'yes'; JSON.stringify = () => '"forged"'; Array.prototype.push = () => 0;
          Math.random = () => 4; globalThis.left = 'a'; setInterval(() => {}, 10);
          Promise.reject(new Error('never handled'));
          const hoard = []; for (let i = 0; i < 2000; i++) hoard[i] = { i, text: 'x'.repeat(100) };
          export const handler = async () => 'tampered';`,
      }));
      await tamper.invoke();
      tamper.env.shutdown();
      const clean = await harness(factory, makeSpec({
        'index.mjs': `export const handler = async () => ({
          polluted: ({}).polluted ?? null, left: globalThis.left ?? null, random: Math.random() < 1, pushed: [1].push(2),
          stringify: JSON.stringify({ a: 1 }) });`,
      }));
      const outcome = await clean.invoke();
      expect(JSON.parse(outcome.payload)).toEqual({ polluted: null, left: null, random: true, pushed: 2, stringify: '{"a":1}' });
      expect(spy.built()).toBe(1);
    } finally {
      spy.done();
    }
  });

  it('is reused after a timeout, and the next environment runs normally on it', async () => {
    const factory = createQuickJSEnvironmentFactory({ wasmModule: loadQuickJSWasmModule, cpuBudgetMs: 100 });
    const spy = counted();
    try {
      const spin = await harness(factory, makeSpec({ 'index.mjs': 'export const handler = async () => { while (true) {} };' }, { timeout: 1 }));
      const timedOut = await spin.invoke();
      expect(timedOut.errorType).toBe('Sandbox.Timedout');
      const next = await harness(factory, makeSpec({ 'index.mjs': 'let n = 0; export const handler = async () => ++n;' }));
      expect((await next.invoke()).payload).toBe('1');
      expect((await next.invoke()).payload).toBe('2');
      expect(spy.built()).toBe(1);
    } finally {
      spy.done();
    }
  });

  it('is not reused once its heap has grown: the next environment gets a new one', async () => {
    const factory = createQuickJSEnvironmentFactory({ wasmModule: loadQuickJSWasmModule });
    const spy = counted();
    try {
      const big = await harness(factory, makeSpec({ 'index.mjs': `export const handler = async () => 'x'.repeat(40 * 1024 * 1024).length;` }));
      expect((await big.invoke()).payload).toBe(String(40 * 1024 * 1024));
      big.env.shutdown();
      const small = await harness(factory, makeSpec({ 'index.mjs': 'export const handler = async () => 1;' }));
      const outcome = await small.invoke();
      expect(outcome.payload).toBe('1');
      expect(outcome.maxMemoryUsedMb).toBe(16);
      expect(spy.built()).toBe(2);
    } finally {
      spy.done();
    }
  });

  it('serves function after function, each computing what it would on a new sandbox, through timeouts and tampering', async () => {
    const code = `const seed = Number(process.env.SEED);
      const map = new Map(); const list = [];
      for (let i = 0; i < 4000 + seed * 100; i++) { const o = { i, s: 'v' + (i * seed) % 977, a: new Array(i % 7).fill(i) }; list.push(o); map.set('k' + i, o); }
      let sum = 0; for (const o of list) sum += o.i + o.s.length + o.a.length;
      export const handler = async () => {
        const bytes = new Uint8Array(100000 + seed * 1000); for (let i = 0; i < bytes.length; i++) bytes[i] = (i * seed) & 255;
        let x = 0; for (let i = 0; i < bytes.length; i += 97) x = (x + bytes[i]) % 1000003;
        if (seed % 5 === 0) { globalThis.junk = 'y'.repeat(1000); Object.prototype.evil = seed; }
        if (seed % 7 === 0) while (true) {}
        return { sum, x, size: map.size, roundTrip: JSON.parse(JSON.stringify(list.slice(0, 50))).length, evil: ({}).evil ?? null };
      };`;
    const expected = (seed: number) => {
      let sum = 0;
      for (let i = 0; i < 4000 + seed * 100; i++) sum += i + ('v' + ((i * seed) % 977)).length + (i % 7);
      let x = 0;
      for (let i = 0; i < 100000 + seed * 1000; i += 97) x = (x + ((i * seed) & 255)) % 1000003;
      return { sum, x, size: 4000 + seed * 100, roundTrip: 50, evil: seed % 5 === 0 ? seed : null };
    };
    const factory = createQuickJSEnvironmentFactory({ wasmModule: loadQuickJSWasmModule, cpuBudgetMs: 100 });
    const spy = counted();
    try {
      for (let seed = 1; seed <= 24; seed++) {
        const h = await harness(factory, makeSpec({ 'index.mjs': code }, { environment: { SEED: String(seed) } }));
        const outcome = await h.invoke();
        if (seed % 7 === 0) expect(outcome.errorType).toBe('Sandbox.Timedout');
        else expect(JSON.parse(outcome.payload)).toEqual(expected(seed));
        h.env.shutdown();
      }
      expect(spy.built()).toBe(1);
    } finally {
      spy.done();
    }
  });

  it('is never made by a factory that keeps no sandboxes: it takes no snapshot it would not use', async () => {
    const take = vi.spyOn(HeapSnapshot, 'take');
    try {
      for (const options of [{ warmSandboxHeapSizes: 0 }, { warmSandboxHeapSizes: 1, singleEnvironment: true }]) {
        const factory = createQuickJSEnvironmentFactory({ wasmModule: loadQuickJSWasmModule, ...options });
        const h = await harness(factory, makeSpec({ 'index.mjs': 'export const handler = async () => 1;' }));
        expect((await h.invoke()).payload).toBe('1');
        h.env.shutdown();
      }
      expect(take).not.toHaveBeenCalled();
    } finally {
      take.mockRestore();
    }
  });

  it('gives the same payload, log lines and stream name as a sandbox built for the environment', async () => {
    const spec = makeSpec({ 'index.mjs': `let calls = 0; export const handler = async (event, context) => {
      console.log('hello', { calls: ++calls }); return { random: Math.random(), now: Date.now(), id: crypto.randomUUID() }; };` });
    const fresh = createQuickJSEnvironmentFactory({ wasmModule: loadQuickJSWasmModule, warmSandboxHeapSizes: 0 });
    const reusing = createQuickJSEnvironmentFactory({ wasmModule: loadQuickJSWasmModule });
    const first = await harness(reusing, spec);
    await first.invoke();
    first.env.shutdown();
    const x = await harness(fresh, spec);
    const y = await harness(reusing, spec);
    for (const id of ['req-1', 'req-2']) {
      const [ox, oy] = [await x.invoke({}, id), await y.invoke({}, id)];
      expect(oy.payload).toBe(ox.payload);
      expect(messages(oy)).toEqual(messages(ox));
    }
    expect(y.env.logStreamName).toBe(x.env.logStreamName);
  });
});
