/**
 * Hostile guest code is normal input: every case ends in the Lambda error a learner would see,
 * the host keeps running, and a fresh function invoked afterwards succeeds.
 */
import { describe, expect, it } from 'vitest';
import { loadQuickJSWasmModule } from '../../hosts/node/quickjs-wasm.ts';
import type { InvocationOutcome } from './contract.ts';
import { createQuickJSEnvironmentFactory } from './index.ts';
import { harness, makeSpec, messages } from '../../../tests/support/engine-harness.ts';

const factory = createQuickJSEnvironmentFactory({ wasmModule: loadQuickJSWasmModule, cpuBudgetMs: 1000 });

async function invokeOnce(code: string, opts: { file?: string; timeout?: number; memorySize?: number } = {}): Promise<InvocationOutcome> {
  const h = await harness(factory, makeSpec({ [opts.file ?? 'index.mjs']: code }, { timeout: opts.timeout ?? 3, memorySize: opts.memorySize ?? 128 }));
  return h.invoke({ probe: true });
}

/** After each hostile case: the host still runs a new function normally. */
async function expectHostAlive(): Promise<void> {
  const out = await invokeOnce('export const handler = async (e) => ({ ok: e.probe });');
  expect(out.payload).toBe('{"ok":true}');
  expect(out.functionError).toBeUndefined();
}

const doc = (o: InvocationOutcome) => JSON.parse(o.payload) as { errorType: string; errorMessage: string; trace?: string[] };

interface HostileCase {
  name: string;
  code: string;
  file?: string;
  timeout?: number;
  errorType: string | undefined;
  /** Extra checks on the outcome. */
  check?: (o: InvocationOutcome) => void;
}

const timedOut = (seconds: number) => (o: InvocationOutcome) => {
  expect(doc(o).errorMessage).toBe(`RequestId: ${o.requestId} Error: Task timed out after ${seconds.toFixed(2)} seconds`);
  expect(o.durationMs).toBe(seconds * 1000);
  expect(o.environmentDiscarded).toBe(true);
};
const outOfMemory = (o: InvocationOutcome) => {
  expect(doc(o)).toEqual({ errorType: 'Runtime.OutOfMemory', errorMessage: `RequestId: ${o.requestId} Error: Runtime exited with error: signal: killed` });
  expect(messages(o).at(-1)).toMatch(/\tMax Memory Used: 128 MB\t.*Status: error\tError Type: Runtime.OutOfMemory$/);
  expect(o.environmentDiscarded).toBe(true);
};

const cases: HostileCase[] = [
  { name: 'while (true) {} in the handler', code: 'export const handler = async () => { while (true) {} };', errorType: 'Sandbox.Timedout', check: timedOut(3) },
  { name: 'for (;;) {} in a synchronous CommonJS handler', file: 'index.js', code: 'exports.handler = () => { for (;;) {} };', timeout: 2, errorType: 'Sandbox.Timedout', check: timedOut(2) },
  { name: 'a loop inside an awaited promise', code: 'export const handler = async () => { await Promise.resolve(); await new Promise((r) => { while (true) {} }); };', errorType: 'Sandbox.Timedout', check: timedOut(3) },
  { name: 'a loop inside a timer callback', code: 'export const handler = () => new Promise(() => setTimeout(() => { while (true) {} }, 100));', errorType: 'Sandbox.Timedout', check: timedOut(3) },
  { name: 'an infinite microtask chain', code: 'export const handler = () => { const spin = () => Promise.resolve().then(spin); spin(); return new Promise(() => {}); };', errorType: 'Sandbox.Timedout', check: timedOut(3) },
  { name: 'an infinite process.nextTick chain', code: 'export const handler = () => { const spin = () => process.nextTick(spin); spin(); return new Promise(() => {}); };', errorType: 'Sandbox.Timedout', check: timedOut(3) },
  { name: 'setInterval that never stops, with a callback handler waiting for the empty loop', file: 'index.js', code: 'exports.handler = (e, c, cb) => { setInterval(() => {}, 10); cb(null, "never sent"); };', errorType: 'Sandbox.Timedout', check: timedOut(3) },
  { name: 'a promise that never settles while an interval keeps the loop alive', code: 'export const handler = () => { setInterval(() => {}, 1000); return new Promise(() => {}); };', timeout: 900, errorType: 'Sandbox.Timedout', check: timedOut(900) },
  { name: 'a promise that never settles with nothing left to run (the runtime answers null)', code: 'export const handler = () => new Promise(() => {});', errorType: undefined, check: (o) => expect(o.payload).toBe('null') },
  { name: 'an endless loop at module scope (INIT)', code: 'while (true) {} export const handler = async () => 1;', errorType: 'Sandbox.Timedout', check: (o) => {
      expect(messages(o)).toContain('INIT_REPORT Init Duration: 10000.00 ms\tPhase: init\tStatus: timeout');
      expect(doc(o).errorMessage).toBe(`RequestId: ${o.requestId} Error: Task timed out after 10.00 seconds`);
      expect(messages(o).at(-1)).toMatch(/\tStatus: timeout$/);
    } },
  { name: 'new Function that loops', code: "export const handler = async () => new Function('while (1) {}')();", errorType: 'Sandbox.Timedout', check: timedOut(3) },
  { name: 'an array memory bomb', code: 'export const handler = async () => { const a = []; for (;;) a.push(new Array(100000).fill(7)); };', errorType: 'Runtime.OutOfMemory', check: outOfMemory },
  { name: 'a string memory bomb', code: "export const handler = async () => { const keep = []; for (let i = 0; ; i++) keep.push('x'.repeat(1e6) + i); };", errorType: 'Runtime.OutOfMemory', check: outOfMemory },
  { name: 'a string doubled past the longest string QuickJS allows', code: "export const handler = async () => { let s = 'x'; for (;;) s = s + s; };", errorType: 'RangeError', check: (o) => expect(doc(o).errorMessage).toBe('Invalid string length') },
  { name: 'a memory bomb that catches its own out-of-memory errors', code: 'export const handler = async () => { const a = []; for (;;) { try { a.push(new Array(100000).fill(1)); } catch (e) {} } };', errorType: 'Runtime.OutOfMemory', check: outOfMemory },
  { name: 'a memory bomb at module scope', code: 'const a = []; for (;;) a.push(new Float64Array(1e6)); export const handler = async () => 1;', errorType: 'Runtime.OutOfMemory', check: (o) => expect(o.environmentDiscarded).toBe(true) },
  { name: 'a memory bomb inside a promise job', code: 'export const handler = async () => { await null; const a = []; for (;;) a.push(new Array(100000).fill(2)); };', errorType: 'Runtime.OutOfMemory', check: outOfMemory },
  { name: 'deep recursion', code: 'const f = (n) => f(n + 1) + 1; export const handler = async () => f(0);', errorType: 'RangeError', check: (o) => expect(doc(o).errorMessage).toBe('Maximum call stack size exceeded') },
  { name: 'deep recursion at module scope', code: 'function f() { return f() } f(); export const handler = async () => 1;', errorType: 'RangeError', check: (o) => expect(o.environmentDiscarded).toBe(true) },
  ...[
    ['a getter', 'const o = { get g() { return this.g; } }; export const handler = async () => o.g;'],
    ['valueOf', 'const o = { valueOf() { return +o; } }; export const handler = async () => +o;'],
    ['an async function', 'const f = async (n) => f(n + 1); export const handler = async () => f(0);'],
    ['a generator', 'function* g() { yield* g(); } export const handler = async () => g().next();'],
    ['Array.prototype.map', 'const f = () => [1].map(f); export const handler = async () => f();'],
    ['a Proxy trap', 'const p = new Proxy({}, { get: () => p.x }); export const handler = async () => p.x;'],
  ].map(([through, code]) => ({
    name: `endless recursion through ${through} (RangeError, never a host stack overflow)`, code: code!, errorType: 'RangeError',
    check: (o: InvocationOutcome) => {
      expect(doc(o).errorMessage).toBe('Maximum call stack size exceeded');
      expect(o.environmentDiscarded).toBe(false);
    },
  })),
  {
    name: '5,000 setTimeout(cb, 0) calls, run in the order they were set', errorType: undefined,
    code: 'export const handler = () => new Promise((resolve) => { const ran = []; for (let i = 0; i < 5000; i++) setTimeout(() => { ran.push(i); if (ran.length === 5000) resolve(ran.every((v, j) => v === j)); }, 0); });',
    check: (o) => expect(o.payload).toBe('true'),
  },
  {
    name: 'a result nested 10,000 deep (Unable to stringify response body, as Node runs out of stack)', errorType: 'Error',
    code: 'export const handler = async () => { let v = []; for (let i = 0; i < 10000; i++) v = [v]; return v; };',
    check: (o) => {
      expect(doc(o).errorMessage).toBe('Unable to stringify response body');
      expect(o.environmentDiscarded).toBe(false);
    },
  },
  {
    name: "the function's own JSON.parse of a text nested 100,000 deep: parsed, as Node parses it", errorType: undefined,
    code: "export const handler = async () => { const v = JSON.parse('['.repeat(100000) + ']'.repeat(100000)); let d = 0; for (let x = v; x.length; x = x[0]) d++; return d; };",
    check: (o) => {
      expect(o.payload).toBe('99999');
      expect(o.environmentDiscarded).toBe(false);
    },
  },
  {
    name: "the function's own JSON.stringify of a value nested 10,000 deep: Node's RangeError, which it can catch", errorType: undefined,
    code: "export const handler = async () => { let v = {}; for (let i = 0; i < 10000; i++) v = { v }; try { JSON.stringify(v); return 'no error'; } catch (e) { return [e.name, e.message, e instanceof RangeError]; } };",
    check: (o) => {
      expect(JSON.parse(o.payload)).toEqual(['RangeError', 'Maximum call stack size exceeded', true]);
      expect(o.environmentDiscarded).toBe(false);
    },
  },
  {
    name: 'a memory bomb at module scope names the invocation in its error', errorType: 'Runtime.OutOfMemory',
    code: 'const a = []; for (;;) a.push(new Float64Array(1e6)); export const handler = async () => 1;',
    check: (o) => expect(doc(o)).toEqual({ errorType: 'Runtime.OutOfMemory', errorMessage: `RequestId: ${o.requestId} Error: Runtime exited with error: signal: killed` }),
  },
  {
    name: '100 MB of console.log', code: "export const handler = async () => { const line = 'x'.repeat(100000); for (let i = 0; i < 1000; i++) console.log(line); return 'done'; };", errorType: undefined,
    check: (o) => {
      expect(o.payload).toBe('"done"');
      expect(messages(o)).toContain('[Lambda Workbook emulator] Log output truncated: this invocation wrote more than 1048576 bytes of logs; the rest was dropped.');
      expect(o.logs.reduce((n, l) => n + l.message.length, 0)).toBeLessThan(1_100_000);
    },
  },
  { name: 'a 7 MB result', code: "export const handler = async () => ({ blob: 'y'.repeat(7 * 1024 * 1024) });", errorType: 'Function.ResponseSizeTooLarge' },
  { name: 'a toJSON that lies about its size (serialised once, measured by the host)', code: "let calls = 0; export const handler = async () => ({ toJSON() { calls++; return calls === 1 ? 'z'.repeat(6300000) : 'small'; } });", errorType: 'Function.ResponseSizeTooLarge' },
  { name: 'a toJSON that throws', code: "export const handler = async () => ({ toJSON() { throw new Error('gotcha'); } });", errorType: 'Error', check: (o) => expect(doc(o).errorMessage).toBe('Unable to stringify response body') },
  { name: 'a circular result', code: 'export const handler = async () => { const o = {}; o.self = o; return o; };', errorType: 'Error', check: (o) => expect(doc(o).errorMessage).toBe('Unable to stringify response body') },
  { name: 'a toJSON that never returns', code: 'export const handler = async () => ({ toJSON() { for (;;) {} } });', errorType: 'Sandbox.Timedout', check: timedOut(3) },
  {
    name: 'throwing null', code: 'export const handler = async () => { throw null; };', errorType: 'handled',
    check: (o) => expect(doc(o).errorMessage).toBe('callback called with Error argument, but there was a problem while retrieving one or more of its message, name, and stack'),
  },
  { name: 'an error whose name getter throws', code: "export const handler = async () => { const e = new Error('x'); Object.defineProperty(e, 'name', { get() { throw new Error('no'); } }); throw e; };", errorType: 'handled' },
  { name: 'an error whose message getter never returns', code: "export const handler = async () => { const e = new Error(); Object.defineProperty(e, 'message', { get() { for (;;) {} } }); throw e; };", errorType: 'Sandbox.Timedout', check: timedOut(3) },
  {
    name: 'Object.prototype, Array.prototype and String.prototype tampering before a throw', errorType: 'Error',
    code: "Array.prototype.push = () => { throw new Error('push'); }; String.prototype.split = () => []; Array.prototype.join = () => ''; Object.prototype.toString = () => 'pwned';\nexport const handler = async () => { throw new Error('still reported'); };",
    check: (o) => {
      expect(doc(o).errorMessage).toBe('still reported');
      expect(doc(o).trace![0]).toBe('Error: still reported');
    },
  },
  {
    name: 'JSON tampering cannot forge the response', errorType: undefined,
    code: "JSON.stringify = () => '{\"forged\":true}'; JSON.parse = () => ({ forged: true });\nexport const handler = async (e) => ({ real: e.probe });",
    check: (o) => expect(o.payload).toBe('{"real":true}'),
  },
  {
    name: 'replacing Promise, setTimeout and Date does not break the runtime', errorType: undefined,
    code: "exports.handler = (e, c, cb) => { globalThis.Promise = null; globalThis.setTimeout = null; Date.now = () => -1; cb(null, 'fine'); };", file: 'index.js',
    check: (o) => expect(o.payload).toBe('"fine"'),
  },
  {
    name: 'reaching for host objects through globalThis, Function and constructor.constructor', errorType: undefined,
    code: `export const handler = async () => {
      const viaFunction = Function('return this')();
      const viaCtor = ({}).constructor.constructor('return this')();
      const names = Object.getOwnPropertyNames(globalThis);
      return {
        same: viaFunction === globalThis && viaCtor === globalThis,
        hostNames: names.filter((n) => /host|quickjs|emscripten|wasm|module$/i.test(n)),
        require: typeof globalThis.require, fetch: typeof globalThis.fetch, wasm: typeof globalThis.WebAssembly,
        binding: typeof process.binding, mainModule: typeof process.mainModule, std: typeof globalThis.std, os: typeof globalThis.os,
      };
    };`,
    check: (o) => expect(JSON.parse(o.payload)).toEqual({ same: true, hostNames: [], require: 'undefined', fetch: 'undefined', wasm: 'undefined', binding: 'undefined', mainModule: 'undefined', std: 'undefined', os: 'undefined' }),
  },
  {
    name: 'a getter-laden result cannot run code in the host', errorType: undefined,
    code: "export const handler = async () => { const r = {}; Object.defineProperty(r, 'x', { enumerable: true, get() { return 'read in the guest'; } }); return r; };",
    check: (o) => expect(o.payload).toBe('{"x":"read in the guest"}'),
  },
  { name: 'process.exit in the handler', code: 'export const handler = async () => { process.exit(0); };', errorType: 'Runtime.ExitError', check: (o) => expect(doc(o).errorMessage).toBe(`RequestId: ${o.requestId} Error: Runtime exited without providing a reason`) },
  {
    name: 'an uncaught exception thrown from a timer', code: "export const handler = () => new Promise(() => setTimeout(() => { throw new TypeError('late'); }, 5));", errorType: 'TypeError',
    check: (o) => {
      expect(messages(o).some((l) => /\tERROR\tUncaught Exception \t\{"errorType":"TypeError","errorMessage":"late"/.test(l))).toBe(true);
      expect(o.environmentDiscarded).toBe(true);
    },
  },
  { name: 'an unhandled rejection', code: "export const handler = async () => { Promise.reject(new Error('dropped')); await new Promise((r) => setTimeout(r, 10)); return 1; };", errorType: 'Runtime.UnhandledPromiseRejection' },
  { name: 'timers until memory runs out', code: 'export const handler = () => new Promise(() => { for (let i = 0; ; i++) setTimeout(() => {}, 1000 + i, new Float64Array(100000)); });', errorType: 'Runtime.OutOfMemory', check: outOfMemory },
];

describe('hostile guest code', () => {
  it.each(cases)('$name', async (c) => {
    const out = await invokeOnce(c.code, { ...(c.file ? { file: c.file } : {}), ...(c.timeout ? { timeout: c.timeout } : {}) });
    expect(out.errorType).toBe(c.errorType);
    if (c.errorType) {
      expect(out.functionError).toBe('Unhandled');
      expect(doc(out).errorType).toBe(c.errorType);
    } else {
      expect(out.functionError).toBeUndefined();
    }
    c.check?.(out);
    expect(messages(out).at(-1)).toMatch(new RegExp(`^REPORT RequestId: ${out.requestId}\\t`));
    await expectHostAlive();
  });

  it('has at least 25 cases', () => {
    expect(cases.length).toBeGreaterThanOrEqual(25);
  });
});
