import { describe, expect, it } from 'vitest';
import { loadQuickJSWasmModule } from '../../hosts/node/quickjs-wasm.ts';
import { createQuickJSEnvironmentFactory, createVirtualClock } from './index.ts';
import { nestsDeeperThan } from './execution-environment.ts';
import { ARN, START, harness, makeSpec, messages, seededRandom } from '../../../tests/support/engine-harness.ts';

const factory = createQuickJSEnvironmentFactory({ wasmModule: loadQuickJSWasmModule, cpuBudgetMs: 2000 });
const run = async (files: Record<string, string>, payload: unknown = {}, overrides: Parameters<typeof makeSpec>[1] = {}) => {
  const h = await harness(factory, makeSpec(files, overrides));
  return h.invoke(payload);
};
const json = (s: string): unknown => JSON.parse(s);
const ISO = String.raw`\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z`;
const RUNTIME_ARN = String.raw`arn:aws:lambda:us-east-1::runtime:[0-9a-f]{64}`;

describe('handler loading', () => {
  it('runs an ES module handler from index.mjs', async () => {
    const out = await run({ 'index.mjs': 'export const handler = async (event) => ({ got: event.x });' }, { x: 7 });
    expect(out.payload).toBe('{"got":7}');
    expect(out.functionError).toBeUndefined();
  });

  it('runs a CommonJS handler via exports.handler and module.exports.handler', async () => {
    expect((await run({ 'index.js': 'exports.handler = async () => "a";' })).payload).toBe('"a"');
    expect((await run({ 'index.js': 'module.exports.handler = async () => "b";' })).payload).toBe('"b"');
    expect((await run({ 'index.cjs': 'module.exports = { handler: async () => "c" };' })).payload).toBe('"c"');
  });

  it('treats .js as an ES module when package.json says "type": "module"', async () => {
    const out = await run({ 'index.js': 'export const handler = async () => "esm";', 'package.json': '{"type":"module"}' });
    expect(out.payload).toBe('"esm"');
  });

  it('loads a nested handler path like src/app.handler', async () => {
    const out = await run({ 'src/app.mjs': 'export const handler = async () => "nested";' }, {}, { handler: 'src/app.handler' });
    expect(out.payload).toBe('"nested"');
  });

  it('resolves require over /var/task, node_modules and layers in NODE_PATH order', async () => {
    const out = await run(
      {
        'index.js': `const a = require('./lib/a'); const data = require('./data.json'); const pkg = require('pkg');
          const shared = require('shared'); const exp = require('exp/sub');
          exports.handler = async () => [a.name, data.v, pkg(), shared.from, exp.sub];`,
        'lib/a.js': 'exports.name = "a";',
        'data.json': '{"v": 1}',
        'node_modules/pkg/package.json': '{"main": "lib/main.js"}',
        'node_modules/pkg/lib/main.js': 'module.exports = () => "pkg";',
        'node_modules/exp/package.json': '{"exports": {".": "./index.js", "./sub": {"require": "./sub.cjs", "import": "./sub.mjs"}}}',
        'node_modules/exp/sub.cjs': 'exports.sub = "cjs-sub";',
      },
      {},
      { layer: { 'nodejs/node_modules/shared/index.js': 'exports.from = "layer";', 'nodejs/node22/node_modules/shared/index.js': 'exports.from = "node22 layer";' } },
    );
    expect(json(out.payload)).toEqual(['a', 1, 'pkg', 'node22 layer', 'cjs-sub']);
  });

  it('imports CommonJS, JSON and built-ins from an ES module, with named exports', async () => {
    const out = await run({
      'index.mjs': `import { greet } from './lib.cjs'; import lib from './lib.cjs'; import { join } from 'node:path'; import util from 'util';
        import { EventEmitter } from 'node:events';
        export const handler = async () => [greet(), lib.greet(), join('/a', 'b'), util.format('%s=%d', 'x', 1), typeof EventEmitter];`,
      'lib.cjs': 'exports.greet = () => "hi";',
    });
    expect(json(out.payload)).toEqual(['hi', 'hi', '/a/b', 'x=1', 'function']);
  });

  it('runs module scope once per environment: a counter survives warm invokes', async () => {
    const h = await harness(factory, makeSpec({ 'index.mjs': 'let count = 0; export const handler = async () => ++count;' }));
    const first = await h.invoke();
    const second = await h.invoke();
    const third = await h.invoke();
    expect([first.payload, second.payload, third.payload]).toEqual(['1', '2', '3']);
    expect([first.coldStart, second.coldStart, third.coldStart]).toEqual([true, false, false]);
    expect(first.initDurationMs).toBe(0);
    expect(second.initDurationMs).toBeUndefined();
  });

  it('resets module scope after a timeout: the next invoke is a cold start', async () => {
    const h = await harness(factory, makeSpec({
      'index.mjs': 'let count = 0; export const handler = async (e) => { count++; if (e.hang) while (true) {} return count; };',
    }));
    expect((await h.invoke({})).payload).toBe('1');
    expect((await h.invoke({})).payload).toBe('2');
    const timedOut = await h.invoke({ hang: true });
    expect(timedOut.errorType).toBe('Sandbox.Timedout');
    expect(timedOut.environmentDiscarded).toBe(true);
    const after = await h.invoke({});
    expect(after.payload).toBe('1');
    expect(after.coldStart).toBe(true);
  });

  it('lets several environments of one function run side by side with separate state', async () => {
    const spec = makeSpec({ 'index.mjs': 'let n = 0; export const handler = async () => ++n;' });
    const [a, b] = await Promise.all([harness(factory, spec), harness(factory, spec)]);
    await a.invoke();
    await a.invoke();
    const [ra, rb] = await Promise.all([a.invoke(), b.invoke()]);
    expect([ra.payload, rb.payload]).toEqual(['3', '1']);
  });

  it('shuts an idle environment down, and refuses to invoke it afterwards', async () => {
    const h = await harness(factory, makeSpec({ 'index.mjs': 'export const handler = async () => 1;' }));
    await h.invoke();
    h.env.shutdown();
    h.env.shutdown();
    await expect(h.invoke()).rejects.toThrow(/shut down/);
  });
});

describe('handler styles', () => {
  it('returns what a promise-returning (non-async) handler resolves to', async () => {
    const out = await run({ 'index.js': 'exports.handler = (e) => new Promise((r) => setTimeout(() => r("done"), 50));' });
    expect(out.payload).toBe('"done"');
    expect(out.durationMs).toBe(50);
  });

  it('answers null for an async handler that returns nothing', async () => {
    expect((await run({ 'index.mjs': 'export const handler = async () => {};' })).payload).toBe('null');
  });

  it('waits for the empty event loop after callback() by default', async () => {
    const out = await run({
      'index.js': `exports.handler = (e, context, callback) => {
        setTimeout(() => console.log('timer ran'), 1000);
        callback(null, { ok: true });
      };`,
    });
    expect(out.payload).toBe('{"ok":true}');
    expect(out.durationMs).toBe(1000);
    expect(messages(out).some((m) => m.endsWith('\tINFO\ttimer ran'))).toBe(true);
  });

  it('answers at once when callbackWaitsForEmptyEventLoop is false, and the timer runs in the next invoke', async () => {
    const h = await harness(factory, makeSpec({
      'index.js': `exports.handler = (e, context, callback) => {
        context.callbackWaitsForEmptyEventLoop = false;
        if (e.first) setTimeout(() => console.log('frozen timer'), 10);
        callback(null, 'fast');
      };`,
    }));
    const first = await h.invoke({ first: true });
    expect(first.payload).toBe('"fast"');
    expect(first.durationMs).toBe(0);
    expect(messages(first).some((m) => m.includes('frozen timer'))).toBe(false);
    h.clock.advance(100);
    const second = await h.invoke({});
    expect(messages(second).some((m) => m.includes('\tINFO\tfrozen timer'))).toBe(true);
  });

  it('reports callback(error) as the handler error', async () => {
    const out = await run({ 'index.js': 'exports.handler = (e, c, cb) => cb(new TypeError("bad input"));' });
    expect(out.errorType).toBe('TypeError');
    expect(json(out.payload)).toMatchObject({ errorType: 'TypeError', errorMessage: 'bad input' });
  });

  it('reports context.fail() with no error as the string "handled"', async () => {
    const out = await run({ 'index.js': 'exports.handler = (e, context) => { context.fail(); };' });
    expect(out.payload).toBe('{"errorType":"string","errorMessage":"handled","trace":[]}');
    expect(out.functionError).toBe('Unhandled');
  });

  it('fails INIT on nodejs24.x with Runtime.CallbackHandlerDeprecated for a handler that takes a callback', async () => {
    const message = 'ERROR: AWS Lambda has removed support for callback-based function handlers starting with Node.js 24. You need to modify this function to use a supported handler signature to use Node.js 24 or later. For more information see https://docs.aws.amazon.com/lambda/latest/dg/nodejs-handler.html.';
    const out = await run({ 'index.js': 'exports.handler = (event, context, callback) => callback(null, "ok");' }, {}, { runtime: 'nodejs24.x' });
    expect(json(out.payload)).toEqual({ errorType: 'Runtime.CallbackHandlerDeprecated', errorMessage: message, trace: [`Runtime.CallbackHandlerDeprecated: ${message}`] });
    expect(messages(out)).toContain('INIT_REPORT Init Duration: 0.00 ms\tPhase: init\tStatus: error\tError Type: Runtime.CallbackHandlerDeprecated');
    expect(messages(out).at(-1)).toBe(`REPORT RequestId: ${out.requestId}\tDuration: 0.00 ms\tBilled Duration: 1 ms\tMemory Size: 128 MB\tMax Memory Used: 16 MB\tStatus: error\tError Type: Runtime.CallbackHandlerDeprecated`);
    expect(out.environmentDiscarded).toBe(true);
  });

  it('runs two-argument handlers on nodejs24.x, and callback handlers on nodejs22.x', async () => {
    expect((await run({ 'index.mjs': 'export const handler = async (event, context) => context.functionName;' }, {}, { runtime: 'nodejs24.x' })).payload).toBe('"fn"');
    expect((await run({ 'index.js': 'exports.handler = (event, context, callback) => callback(null, "ok");' }, {}, { runtime: 'nodejs22.x' })).payload).toBe('"ok"');
  });
});

describe('context and environment', () => {
  it('gives every context field, and getRemainingTimeInMillis counts down against the timeout', async () => {
    const out = await run({
      'index.mjs': `export const handler = async (event, context) => {
        const before = context.getRemainingTimeInMillis();
        await new Promise((r) => setTimeout(r, 1200));
        return { ...context, before, after: context.getRemainingTimeInMillis() };
      };`,
    }, {}, { timeout: 5, memorySize: 256 });
    const ctx = json(out.payload) as Record<string, unknown>;
    expect(ctx).toEqual({
      callbackWaitsForEmptyEventLoop: true, functionVersion: '$LATEST', functionName: 'fn', memoryLimitInMB: '256',
      logGroupName: '/aws/lambda/fn', logStreamName: expect.stringMatching(/^2026\/07\/22\/\[\$LATEST\][0-9a-f]{32}$/),
      invokedFunctionArn: ARN, awsRequestId: out.requestId, before: 5000, after: 3800,
    });
  });

  it('gives getRemainingTimeInMillis in whole milliseconds, never above the timeout, whatever fraction of a millisecond the clock shows', async () => {
    const env = await factory(makeSpec({ 'index.mjs': 'export const handler = async (e, context) => context.getRemainingTimeInMillis();' }, { timeout: 1 }), {
      clock: createVirtualClock(START + 0.53), random: seededRandom(),
    });
    const out = await env.invoke({ requestId: '00000000-0000-4000-8000-0000000000aa', payload: '{}', invokedFunctionArn: ARN });
    expect(out.payload).toBe('1000');
  });

  it('passes clientContext and identity when the caller sends them, and a fresh X-Ray trace id per invocation', async () => {
    const h = await harness(factory, makeSpec({
      'index.mjs': 'export const handler = async (e, c) => ({ cc: c.clientContext, id: c.identity, has: "clientContext" in c, trace: process.env._X_AMZN_TRACE_ID });',
    }));
    const withBoth = await h.env.invoke({
      requestId: 'aaaaaaaa-0000-4000-8000-000000000009', payload: '{}', invokedFunctionArn: `${ARN}:prod`,
      clientContext: { custom: { tenant: 't1' } }, identity: { cognitoIdentityId: 'us-east-1:abc', cognitoIdentityPoolId: 'us-east-1:pool' },
    });
    const without = await h.invoke();
    const a = json(withBoth.payload) as { cc: unknown; id: unknown; trace: string };
    const b = json(without.payload) as { has: boolean; trace: string };
    expect(a.cc).toEqual({ custom: { tenant: 't1' } });
    expect(a.id).toEqual({ cognitoIdentityId: 'us-east-1:abc', cognitoIdentityPoolId: 'us-east-1:pool' });
    expect(b.has).toBe(false);
    expect(a.trace).toMatch(/^Root=1-[0-9a-f]{8}-[0-9a-f]{24};Parent=[0-9a-f]{16};Sampled=0;Lineage=1:[0-9a-f]{8}:0$/);
    expect(b.trace).not.toBe(a.trace);
  });

  it('sets every variable Lambda sets, plus the function\'s own', async () => {
    const out = await run({ 'index.mjs': 'export const handler = async () => process.env;' }, {}, { environment: { TABLE: 'orders' } });
    const env = json(out.payload) as Record<string, string>;
    expect(env).toMatchObject({
      AWS_REGION: 'us-east-1', AWS_DEFAULT_REGION: 'us-east-1', AWS_LAMBDA_FUNCTION_NAME: 'fn', AWS_LAMBDA_FUNCTION_VERSION: '$LATEST',
      AWS_LAMBDA_FUNCTION_MEMORY_SIZE: '128', AWS_LAMBDA_LOG_GROUP_NAME: '/aws/lambda/fn', AWS_LAMBDA_INITIALIZATION_TYPE: 'on-demand',
      AWS_EXECUTION_ENV: 'AWS_Lambda_nodejs22.x', _HANDLER: 'index.handler', LAMBDA_TASK_ROOT: '/var/task', LAMBDA_RUNTIME_DIR: '/var/runtime',
      TZ: ':UTC', LANG: 'en_US.UTF-8', TABLE: 'orders',
      NODE_PATH: '/opt/nodejs/node22/node_modules:/opt/nodejs/node_modules:/var/runtime/node_modules:/var/runtime:/var/task',
    });
    expect(env['AWS_LAMBDA_LOG_STREAM_NAME']).toMatch(/^2026\/07\/22\/\[\$LATEST\][0-9a-f]{32}$/);
    expect(env['AWS_ACCESS_KEY_ID']).toMatch(/^ASIA[A-Z2-7]{16}$/);
    expect(env['AWS_SECRET_ACCESS_KEY']).toMatch(/^.{40}$/);
    expect(env['AWS_SESSION_TOKEN']!.length).toBeGreaterThan(100);
  });

  it('runs Date, setTimeout and Duration on the virtual clock: a 1 s sleep costs no real time', async () => {
    const out = await run({
      'index.mjs': `export const handler = async () => { const t0 = Date.now(); await new Promise((r) => setTimeout(r, 1000)); return [t0, Date.now(), new Date().toISOString()]; };`,
    });
    expect(json(out.payload)).toEqual([START, START + 1000, '2026-07-22T10:00:01.000Z']);
    expect(out.durationMs).toBe(1000);
    expect(out.billedDurationMs).toBe(1000);
  });

  it('runs setInterval, setImmediate, clearInterval and process.nextTick in Node order', async () => {
    const out = await run({
      'index.mjs': `export const handler = async () => {
        const seen = [];
        await new Promise((done) => {
          let n = 0;
          const id = setInterval(() => { seen.push('interval' + ++n); if (n === 3) { clearInterval(id); done(); } }, 100);
          setImmediate(() => seen.push('immediate'));
          process.nextTick(() => seen.push('tick'));
          queueMicrotask(() => seen.push('microtask'));
        });
        return seen;
      };`,
    });
    expect(json(out.payload)).toEqual(['tick', 'microtask', 'immediate', 'interval1', 'interval2', 'interval3']);
    expect(out.durationMs).toBe(300);
  });

  it('makes Math.random and crypto.randomUUID reproducible from the injected random source', async () => {
    const code = { 'index.mjs': 'export const handler = async () => [Math.random(), crypto.randomUUID()];' };
    const a = await run(code);
    const b = await run(code);
    expect(a.payload).toBe(b.payload);
    expect((json(a.payload) as string[])[1]).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });
});

describe('log lines', () => {
  it('writes INIT_START, START, console lines, END and REPORT exactly as Lambda does on a cold start', async () => {
    const h = await harness(factory, makeSpec({
      'index.mjs': `console.log('loading'); export const handler = async (event) => {
        console.log('hello', { a: 1 }); console.info('info'); console.warn('careful'); console.error('bad'); console.debug('dbg');
        console.trace('trc'); console.log('two\\nlines'); console.log('%s has %d items', 'cart', 3); return 1; };`,
    }));
    const out = await h.invoke({}, '6bc28136-e2a8-4e2b-9b8c-3c2a43e5d1a1');
    const id = '6bc28136-e2a8-4e2b-9b8c-3c2a43e5d1a1';
    const lines = messages(out);
    expect(lines[0]).toMatch(new RegExp(`^INIT_START Runtime Version: nodejs:22\\.v\\d+\\tRuntime Version ARN: ${RUNTIME_ARN}$`));
    expect(lines.slice(1)).toEqual([
      '2026-07-22T10:00:00.000Z\tundefined\tINFO\tloading',
      `START RequestId: ${id} Version: $LATEST`,
      `2026-07-22T10:00:00.000Z\t${id}\tINFO\thello { a: 1 }`,
      `2026-07-22T10:00:00.000Z\t${id}\tINFO\tinfo`,
      `2026-07-22T10:00:00.000Z\t${id}\tWARN\tcareful`,
      `2026-07-22T10:00:00.000Z\t${id}\tERROR\tbad`,
      `2026-07-22T10:00:00.000Z\t${id}\tDEBUG\tdbg`,
      `2026-07-22T10:00:00.000Z\t${id}\tTRACE\ttrc`,
      `2026-07-22T10:00:00.000Z\t${id}\tINFO\ttwo\rlines`,
      `2026-07-22T10:00:00.000Z\t${id}\tINFO\tcart has 3 items`,
      `END RequestId: ${id}`,
      `REPORT RequestId: ${id}\tDuration: 0.00 ms\tBilled Duration: 1 ms\tMemory Size: 128 MB\tMax Memory Used: 16 MB\tInit Duration: 0.00 ms\t`,
    ]);
    expect(out.logs.every((l) => l.timestamp === START)).toBe(true);
  });

  it('bills INIT on a cold start: Billed Duration covers Init Duration plus Duration, and a warm start bills Duration only', async () => {
    const h = await harness(factory, makeSpec({
      'index.mjs': `await new Promise((r) => setTimeout(r, 250));
        export const handler = async () => { await new Promise((r) => setTimeout(r, 1000)); return 1; };`,
    }));
    const cold = await h.invoke({}, 'c01d0000-0000-4000-8000-000000000001');
    expect(messages(cold).at(-1)).toBe(
      'REPORT RequestId: c01d0000-0000-4000-8000-000000000001\tDuration: 1000.00 ms\tBilled Duration: 1250 ms\tMemory Size: 128 MB\tMax Memory Used: 16 MB\tInit Duration: 250.00 ms\t',
    );
    expect([cold.durationMs, cold.initDurationMs, cold.billedDurationMs]).toEqual([1000, 250, 1250]);
    const warm = await h.invoke({}, 'c01d0000-0000-4000-8000-000000000002');
    expect(messages(warm).at(-1)).toBe(
      'REPORT RequestId: c01d0000-0000-4000-8000-000000000002\tDuration: 1000.00 ms\tBilled Duration: 1000 ms\tMemory Size: 128 MB\tMax Memory Used: 16 MB\t',
    );
  });

  it('leaves Init Duration off warm REPORT lines and shows a published version in START', async () => {
    const h = await harness(factory, makeSpec({ 'index.mjs': 'export const handler = async () => 1;' }, { version: '3' }));
    await h.invoke();
    const warm = await h.invoke({}, 'b1c3a4de-0000-4000-8000-000000000001');
    expect(messages(warm)).toEqual([
      'START RequestId: b1c3a4de-0000-4000-8000-000000000001 Version: 3',
      'END RequestId: b1c3a4de-0000-4000-8000-000000000001',
      'REPORT RequestId: b1c3a4de-0000-4000-8000-000000000001\tDuration: 0.00 ms\tBilled Duration: 1 ms\tMemory Size: 128 MB\tMax Memory Used: 16 MB\t',
    ]);
    expect(h.env.logStreamName).toMatch(/^2026\/07\/22\/\[3\][0-9a-f]{32}$/);
  });

  it('logs Invoke Error with the error as JSON and the stack as an array', async () => {
    const out = await run({ 'index.mjs': 'export const handler = async () => { throw new Error("boom"); };' });
    const id = out.requestId;
    const lines = messages(out);
    const invokeError = lines.find((l) => l.includes('Invoke Error'))!;
    expect(invokeError).toMatch(new RegExp(`^${ISO}\\t${id}\\tERROR\\tInvoke Error \\t\\{"errorType":"Error","errorMessage":"boom","stack":\\["Error: boom","    at .*index\\.mjs:1:\\d+\\)"`));
    expect(json(out.payload)).toEqual({ errorType: 'Error', errorMessage: 'boom', trace: expect.arrayContaining(['Error: boom']) });
    expect((json(out.payload) as { trace: string[] }).trace[1]).toMatch(/^ {4}at .*\/var\/task\/index\.mjs:1:\d+\)$/);
    expect(out.functionError).toBe('Unhandled');
    expect(lines.at(-1)).toBe(`REPORT RequestId: ${id}\tDuration: 0.00 ms\tBilled Duration: 1 ms\tMemory Size: 128 MB\tMax Memory Used: 16 MB\tInit Duration: 0.00 ms\t`);
  });

  it('logs the timeout line and ends REPORT with Status: timeout', async () => {
    const out = await run({ 'index.mjs': 'export const handler = () => new Promise(() => setInterval(() => {}, 100));' }, {}, { timeout: 1 });
    const id = out.requestId;
    expect(json(out.payload)).toEqual({ errorType: 'Sandbox.Timedout', errorMessage: `RequestId: ${id} Error: Task timed out after 1.00 seconds` });
    expect(messages(out).slice(-3)).toEqual([
      `2026-07-22T10:00:01.000Z ${id} Task timed out after 1.00 seconds`,
      `END RequestId: ${id}`,
      `REPORT RequestId: ${id}\tDuration: 1000.00 ms\tBilled Duration: 1000 ms\tMemory Size: 128 MB\tMax Memory Used: 16 MB\tInit Duration: 0.00 ms\tStatus: timeout`,
    ]);
  });

  it('writes one log stream name per environment, the same across warm invokes', async () => {
    const h = await harness(factory, makeSpec({ 'index.mjs': 'export const handler = async (e, c) => c.logStreamName;' }));
    const a = await h.invoke();
    const b = await h.invoke();
    expect(json(a.payload)).toBe(h.env.logStreamName);
    expect(json(b.payload)).toBe(h.env.logStreamName);
  });
});

describe('runtime errors', () => {
  const trace = (o: { payload: string }) => (json(o.payload) as { trace: string[] }).trace;

  it('Runtime.ImportModuleError when the handler file is missing', async () => {
    const out = await run({ 'other.mjs': '' });
    expect(json(out.payload)).toEqual({
      errorType: 'Runtime.ImportModuleError',
      errorMessage: "Error: Cannot find module 'index'\nRequire stack:\n- /var/runtime/index.mjs",
      trace: ["Runtime.ImportModuleError: Error: Cannot find module 'index'", 'Require stack:', '- /var/runtime/index.mjs'],
    });
    const lines = messages(out);
    expect(lines[1]).toMatch(new RegExp(`^${ISO}\\tundefined\\tERROR\\tUncaught Exception \\t\\{"errorType":"Runtime.ImportModuleError","errorMessage":"Error: Cannot find module 'index'\\\\nRequire stack:\\\\n- /var/runtime/index.mjs","stack":\\[`));
    expect(lines[2]).toBe('INIT_REPORT Init Duration: 0.00 ms\tPhase: init\tStatus: error\tError Type: Runtime.ImportModuleError');
    expect(lines.at(-1)).toBe(`REPORT RequestId: ${out.requestId}\tDuration: 0.00 ms\tBilled Duration: 1 ms\tMemory Size: 128 MB\tMax Memory Used: 16 MB\tStatus: error\tError Type: Runtime.ImportModuleError`);
    expect(out.environmentDiscarded).toBe(true);
  });

  it('Runtime.ImportModuleError for a missing require and a missing package import', async () => {
    const cjs = await run({ 'index.js': "const x = require('left-pad'); exports.handler = async () => x;" });
    expect(json(cjs.payload)).toMatchObject({
      errorType: 'Runtime.ImportModuleError',
      errorMessage: "Error: Cannot find module 'left-pad'\nRequire stack:\n- /var/task/index.js\n- /var/runtime/index.mjs",
    });
    const esm = await run({ 'index.mjs': "import x from 'left-pad'; export const handler = async () => x;" });
    expect(json(esm.payload)).toMatchObject({
      errorType: 'Runtime.ImportModuleError',
      errorMessage: "Error: Cannot find package 'left-pad' imported from /var/task/index.mjs",
    });
  });

  it('Runtime.ImportModuleError naming the unsupported built-in the emulator does not provide', async () => {
    const out = await run({ 'index.mjs': "import fs from 'node:fs'; export const handler = async () => 1;" });
    expect(json(out.payload)).toMatchObject({
      errorType: 'Runtime.ImportModuleError',
      errorMessage: "Error: Cannot find module 'node:fs': the Lambda Workbook emulator does not provide this Node.js built-in module (it provides node:buffer, node:crypto, node:events, node:path, node:url, node:util)",
    });
    const cjs = await run({ 'index.js': "require('child_process'); exports.handler = async () => 1;" });
    expect((json(cjs.payload) as { errorMessage: string }).errorMessage).toMatch(/^Error: Cannot find module 'node:child_process': the Lambda Workbook emulator does not provide/);
  });

  it('Runtime.HandlerNotFound when the export is missing or not a function', async () => {
    const missing = await run({ 'index.mjs': 'export const other = 1;' });
    expect(json(missing.payload)).toEqual({
      errorType: 'Runtime.HandlerNotFound', errorMessage: 'index.handler is undefined or not exported',
      trace: ['Runtime.HandlerNotFound: index.handler is undefined or not exported'],
    });
    const notFn = await run({ 'index.js': 'exports.handler = 42;' });
    expect(json(notFn.payload)).toMatchObject({ errorType: 'Runtime.HandlerNotFound', errorMessage: 'index.handler is not a function' });
  });

  it('Runtime.HandlerNotFound for a handler that ends with its dot, as the runtime finds no export named ""', async () => {
    const out = await run({ 'index.mjs': 'export const handler = async () => 1;' }, {}, { handler: 'index.' });
    expect(json(out.payload)).toEqual({
      errorType: 'Runtime.HandlerNotFound', errorMessage: 'index. is undefined or not exported',
      trace: ['Runtime.HandlerNotFound: index. is undefined or not exported'],
    });
  });

  it('Runtime.MalformedHandlerName for a handler without a dot or with ..', async () => {
    const bad = await run({ 'index.mjs': '' }, {}, { handler: 'index' });
    expect(json(bad.payload)).toEqual({ errorType: 'Runtime.MalformedHandlerName', errorMessage: 'Bad handler', trace: ['Runtime.MalformedHandlerName: Bad handler'] });
    const up = await run({ 'index.mjs': '' }, {}, { handler: '../index.handler' });
    expect(json(up.payload)).toMatchObject({
      errorType: 'Runtime.MalformedHandlerName',
      errorMessage: "'../index.handler' is not a valid handler name. Use absolute paths when specifying root directories in handler names.",
    });
  });

  it('Runtime.UserCodeSyntaxError for a syntax error in the handler module', async () => {
    const out = await run({ 'index.mjs': 'export const handler = async () => { return 1 +; };' });
    const doc = json(out.payload) as { errorType: string; errorMessage: string };
    expect(doc.errorType).toBe('Runtime.UserCodeSyntaxError');
    expect(doc.errorMessage).toMatch(/^SyntaxError: /);
    expect(trace(out)[0]).toBe(`Runtime.UserCodeSyntaxError: ${doc.errorMessage}`);
    const cjs = await run({ 'index.js': 'exports.handler = async () => { return 1 +; };' });
    expect((json(cjs.payload) as { errorType: string }).errorType).toBe('Runtime.UserCodeSyntaxError');
  });

  it('an error thrown at module scope is returned as that error', async () => {
    const out = await run({ 'index.mjs': 'throw new RangeError("config missing"); export const handler = 1;' });
    expect(json(out.payload)).toMatchObject({ errorType: 'RangeError', errorMessage: 'config missing' });
    expect(trace(out)[0]).toBe('RangeError: config missing');
  });

  it('thrown non-errors: a string, a number, an object, null', async () => {
    expect(json((await run({ 'index.mjs': 'export const handler = async () => { throw "nope"; };' })).payload))
      .toEqual({ errorType: 'string', errorMessage: 'nope', trace: [] });
    expect(json((await run({ 'index.mjs': 'export const handler = async () => { throw 42; };' })).payload))
      .toEqual({ errorType: 'number', errorMessage: '42', trace: [] });
    expect(json((await run({ 'index.mjs': 'export const handler = async () => { throw { code: 1 }; };' })).payload))
      .toEqual({ errorType: 'object', errorMessage: '[object Object]', trace: [] });
    const nul = await run({ 'index.mjs': 'export const handler = async () => { throw null; };' });
    expect(json(nul.payload)).toEqual({
      errorType: 'handled',
      errorMessage: 'callback called with Error argument, but there was a problem while retrieving one or more of its message, name, and stack',
    });
    expect(nul.functionError).toBe('Unhandled');
  });

  it('Runtime.UnhandledPromiseRejection discards the environment', async () => {
    const out = await run({
      'index.js': `exports.handler = (e, c, cb) => { Promise.reject(new Error('lost')); setTimeout(() => cb(null, 1), 10); };`,
    });
    expect(json(out.payload)).toEqual({
      errorType: 'Runtime.UnhandledPromiseRejection', errorMessage: 'Error: lost',
      trace: ['Runtime.UnhandledPromiseRejection: Error: lost'],
    });
    expect(messages(out).find((l) => l.includes('Unhandled Promise Rejection'))).toMatch(
      new RegExp(`^${ISO}\\t${out.requestId}\\tERROR\\tUnhandled Promise Rejection \\t\\{"errorType":"Runtime.UnhandledPromiseRejection","errorMessage":"Error: lost","reason":\\{"errorType":"Error","errorMessage":"lost","stack":\\[`),
    );
    expect(messages(out).at(-1)).toMatch(/\tStatus: error\tError Type: Runtime.UnhandledPromiseRejection$/);
    expect(out.environmentDiscarded).toBe(true);
  });

  it('Function.ResponseSizeTooLarge over 6,291,556 bytes, with the recorded message', async () => {
    const out = await run({ 'index.mjs': "export const handler = async () => 'x'.repeat(7 * 1024 * 1024);" }, {}, { memorySize: 512 });
    expect(out.payload).toBe('{"errorMessage":"Response payload size exceeded maximum allowed payload size (6291556 bytes).","errorType":"Function.ResponseSizeTooLarge"}');
    expect(out.errorType).toBe('Function.ResponseSizeTooLarge');
    expect(out.functionError).toBe('Unhandled');
  });

  it('Runtime.ExitError when the handler calls process.exit', async () => {
    const out = await run({ 'index.mjs': 'export const handler = async () => { process.exit(1); };' });
    expect(json(out.payload)).toEqual({ errorType: 'Runtime.ExitError', errorMessage: `RequestId: ${out.requestId} Error: Runtime exited with error: exit status 1` });
    expect(out.environmentDiscarded).toBe(true);
  });

  it('Runtime.ExitError at module scope names the invocation that started INIT', async () => {
    const out = await run({ 'index.mjs': 'process.exit(2); export const handler = async () => 1;' });
    expect(json(out.payload)).toEqual({ errorType: 'Runtime.ExitError', errorMessage: `RequestId: ${out.requestId} Error: Runtime exited with error: exit status 2` });
    expect(messages(out)).toContain('INIT_REPORT Init Duration: 0.00 ms\tPhase: init\tStatus: error\tError Type: Runtime.ExitError');
  });
});

describe('deep JSON', () => {
  it('counts nesting outside strings only, and scans no text too short to be deeper', () => {
    expect(nestsDeeperThan('[[[]]]', 2)).toBe(true);
    expect(nestsDeeperThan('[[]]', 2)).toBe(false);
    expect(nestsDeeperThan(`["${'['.repeat(50)}"]`, 2)).toBe(false);
    expect(nestsDeeperThan(`["\\"", [[]]]`, 2)).toBe(true);
  });

  it('hands a 10,000-deep event to the handler exactly as JSON.parse reads it', async () => {
    const leafJson = String.raw`{"s":"tab\there \"quoted\" \\ \u00e9 \ud83d\ude00 \/","n":[-0.5e-3,12,0,1E2],"t":true,"f":false,"z":null,"e":{},"a":[ ],"__proto__":"own","__proto__":"last"}`;
    const payload = '{"a":['.repeat(5000) + leafJson + ']}'.repeat(5000);
    const out = await run({
      'index.mjs': `export const handler = async (event) => {
        let v = event, depth = 0;
        while (!('s' in v)) { v = Array.isArray(v) ? v[0] : v.a; depth++; }
        return { depth, leaf: v, ownProto: Object.keys(v).includes('__proto__'), proto: Object.getPrototypeOf(v) === Object.prototype };
      };`,
    }, payload);
    expect(json(out.payload)).toEqual({ depth: 10000, leaf: JSON.parse(leafJson), ownProto: true, proto: true });
  });
});
