import { afterAll, describe, expect, it } from 'vitest';
import type { ExecutionEnvironment } from '../../emulator/index.ts';
import { harness, makeSpec } from '../../../tests/support/engine-harness.ts';
import { createNodeWorkerEnvironmentFactory } from './node-worker-environment.ts';

const factory = createNodeWorkerEnvironmentFactory({ cpuBudgetMs: 500 });
const started: ExecutionEnvironment[] = [];
afterAll(() => started.forEach((e) => e.shutdown()));

describe('execution environments in worker_threads', () => {
  it('runs a handler in a worker, keeps module scope warm, and moves the host clock by the virtual duration', async () => {
    const h = await harness(factory, makeSpec({
      'index.mjs': 'let n = 0; export const handler = async (e) => { await new Promise((r) => setTimeout(r, 250)); return { n: ++n, name: e.name }; };',
    }));
    started.push(h.env);
    const before = h.clock.now();
    const first = await h.invoke({ name: 'w' });
    const second = await h.invoke({ name: 'w' });
    expect([first.payload, second.payload]).toEqual(['{"n":1,"name":"w"}', '{"n":2,"name":"w"}']);
    expect([first.coldStart, second.coldStart]).toEqual([true, false]);
    expect(first.durationMs).toBe(250);
    expect(h.clock.now()).toBe(before + 500);
    expect(h.env.logStreamName).toMatch(/^2026\/07\/22\/\[\$LATEST\][0-9a-f]{32}$/);
  });

  it('survives an infinite loop: Sandbox.Timedout, then a cold start in the same environment', async () => {
    const h = await harness(factory, makeSpec({
      'index.mjs': 'let n = 0; export const handler = async (e) => { n++; if (e.spin) for (;;) {} return n; };',
    }, { timeout: 1 }));
    started.push(h.env);
    expect((await h.invoke({})).payload).toBe('1');
    const spun = await h.invoke({ spin: true });
    expect(spun.errorType).toBe('Sandbox.Timedout');
    expect(JSON.parse(spun.payload)).toEqual({ errorType: 'Sandbox.Timedout', errorMessage: `RequestId: ${spun.requestId} Error: Task timed out after 1.00 seconds` });
    const after = await h.invoke({});
    expect(after.payload).toBe('1');
    expect(after.coldStart).toBe(true);
  });

  it('lets guest code recurse 10,000 calls deep, as Lambda\'s Node.js does, and ends endless recursion as a RangeError', async () => {
    const h = await harness(factory, makeSpec({
      'index.mjs': 'const down = (n) => (n === 0 ? 0 : down(n - 1) + 1); export const handler = async (e) => down(e.depth);',
    }));
    started.push(h.env);
    expect((await h.invoke({ depth: 10_000 })).payload).toBe('10000');
    const endless = await h.invoke({ depth: -1 });
    expect(JSON.parse(endless.payload)).toMatchObject({ errorType: 'RangeError', errorMessage: 'Maximum call stack size exceeded' });
    expect(endless.environmentDiscarded).toBe(false);
  });

  it('takes a 10,000-deep event, and answers a 10,000-deep result with Unable to stringify response body', async () => {
    const h = await harness(factory, makeSpec({
      'index.mjs': `export const handler = async (e) => {
        if (e.build) { let r = []; for (let i = 0; i < e.build; i++) r = [r]; return r; }
        let depth = 0; for (let v = e; Array.isArray(v); v = v[0]) depth++; return depth;
      };`,
    }));
    started.push(h.env);
    expect((await h.invoke('['.repeat(10_000) + ']'.repeat(10_000))).payload).toBe('10000');
    const deep = await h.invoke({ build: 10_000 });
    expect(JSON.parse(deep.payload)).toMatchObject({ errorType: 'Error', errorMessage: 'Unable to stringify response body' });
  });
});
