/**
 * Errors as Node.js shapes them and as Lambda's runtime reports them: stack traces of at most
 * Error.stackTraceLimit frames, stack overflows as RangeErrors, and thrown objects that only look
 * like errors read the way the runtime interface client reads them.
 */
import { describe, expect, it } from 'vitest';
import { loadQuickJSWasmModule } from '../../hosts/node/quickjs-wasm.ts';
import { createQuickJSEnvironmentFactory } from './index.ts';
import { harness, makeSpec, messages } from '../../../tests/support/engine-harness.ts';

const factory = createQuickJSEnvironmentFactory({ wasmModule: loadQuickJSWasmModule, cpuBudgetMs: 2000 });
const run = async (code: string, payload: unknown = {}) => (await harness(factory, makeSpec({ 'index.mjs': code }))).invoke(payload);
const json = (s: string): unknown => JSON.parse(s);
const DEEP = 'const deep = (n) => (n === 0 ? new Error("deep") : deep(n - 1));';
const FRAME = '    at deep (/var/task/index.mjs:1:';

describe('stack traces', () => {
  it('keep the message line and 10 frames for an error thrown 300 calls deep, in the response and the log', async () => {
    const out = await run(`${DEEP} export const handler = async () => { throw deep(300); };`);
    const trace = (json(out.payload) as { trace: string[] }).trace;
    expect(trace).toHaveLength(11);
    expect(trace[0]).toBe('Error: deep');
    expect(trace.slice(1).every((line) => line.startsWith(FRAME))).toBe(true);
    const logged = messages(out).find((m) => m.includes('\tERROR\tInvoke Error \t'))!;
    expect(JSON.parse(logged.slice(logged.indexOf('{'))).stack).toEqual(trace);
  });

  it('honour Error.stackTraceLimit as the function sets it, starting from Node\'s 10', async () => {
    const out = await run(`${DEEP} export const handler = async () => { Error.stackTraceLimit = 3; throw deep(50); };`);
    expect((json(out.payload) as { trace: string[] }).trace).toHaveLength(4);
    const none = await run(`${DEEP} export const handler = async () => { Error.stackTraceLimit = 0; throw deep(5); };`);
    expect(json(none.payload)).toEqual({ errorType: 'Error', errorMessage: 'deep', trace: ['Error: deep'] });
    const described = await run('export const handler = async () => Object.getOwnPropertyDescriptor(Error, "stackTraceLimit");');
    expect(json(described.payload)).toEqual({ value: 10, writable: true, enumerable: true, configurable: true });
  });

  it('print as Node prints them in console.log: the message line and at most 10 frames', async () => {
    const out = await run(`${DEEP} export const handler = async () => { console.log(deep(300)); return 1; };`);
    const line = messages(out).find((m) => m.includes('\tINFO\t'))!;
    const printed = line.slice(line.indexOf('\tINFO\t') + 6).split('\r');
    expect(printed).toHaveLength(11);
    expect(printed[0]).toBe('Error: deep');
  });
});

describe('stack overflows', () => {
  it('are caught as RangeError: Maximum call stack size exceeded, and there is no InternalError class', async () => {
    const out = await run(`export const handler = async () => {
      const down = (n) => down(n + 1) + 1;
      try { down(0); } catch (e) {
        return { name: e.name, range: e instanceof RangeError, error: e instanceof Error, constructor: e.constructor === RangeError,
          text: String(e), internalError: typeof InternalError };
      }
    };`);
    expect(json(out.payload)).toEqual({
      name: 'RangeError', range: true, error: true, constructor: true, text: 'RangeError: Maximum call stack size exceeded', internalError: 'undefined',
    });
  });
});

describe('thrown objects that are not errors', () => {
  it('report errorType object when reading their message would throw, as the runtime never reads it', async () => {
    const out = await run("export const handler = async () => { throw { get message() { throw new Error('no'); } }; };");
    expect(out.payload).toBe('{"errorType":"object","errorMessage":"[object Object]","trace":[]}');
  });

  it('report an error-like object\'s own stack as the trace, line for line', async () => {
    const out = await run(`export const handler = async () => {
      throw { name: 'ValidationError', message: 'bad input', stack: 'ValidationError: bad input\\n    at check (/var/task/index.mjs:1:1)' };
    };`);
    expect(json(out.payload)).toEqual({ errorType: 'ValidationError', errorMessage: 'bad input', trace: ['ValidationError: bad input', '    at check (/var/task/index.mjs:1:1)'] });
  });

  it('report an error whose stack the function replaced with that stack, line for line', async () => {
    const out = await run("export const handler = async () => { const e = new TypeError('wrapped'); e.stack = 'TypeError: wrapped\\n    at caller'; throw e; };");
    expect(json(out.payload)).toEqual({ errorType: 'TypeError', errorMessage: 'wrapped', trace: ['TypeError: wrapped', '    at caller'] });
  });
});
