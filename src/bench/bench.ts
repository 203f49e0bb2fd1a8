/**
 * `npm run bench`: performance figures for the emulator. Each section measures one thing and
 * prints its own lines; add a section by appending to `sections`.
 */
import { newQuickJSWASMModuleFromVariant, newVariant } from 'quickjs-emscripten-core';
import RELEASE_SYNC from '@jitl/quickjs-wasmfile-release-sync';
import { createQuickJSEnvironmentFactory, createVirtualClock, type EnvironmentSpec } from '../emulator/index.ts';
import { gradingSection } from './bench-grading.ts';
import { loadQuickJSWasmModule } from '../hosts/node/quickjs-wasm.ts';
import { apiBenchSection } from './bench-api.ts';
import { serviceSection } from './bench-service.ts';
import { workersSection } from './bench-workers.ts';
import { stateSection } from './bench-state.ts';
import { s3Section } from './bench-s3.ts';
import { sqsSection } from './bench-sqs.ts';
import { pythonSection } from './bench-python.ts';
import { functionUrlSection } from './bench-function-url.ts';

export interface BenchSection {
  name: string;
  run(): Promise<string[]>;
}

const ROUNDS = 7;

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

/** Median over rounds of the mean time per iteration, in milliseconds. */
async function measure(iterations: number, body: (i: number) => unknown): Promise<number> {
  const rounds: number[] = [];
  for (let i = 0; i < iterations; i++) await body(i); // warm-up round: JIT and caches, not counted
  for (let r = 0; r < ROUNDS; r++) {
    const t0 = performance.now();
    for (let i = 0; i < iterations; i++) await body(i);
    rounds.push((performance.now() - t0) / iterations);
  }
  return median(rounds);
}

/**
 * Median over rounds of the mean time of one iteration, each timed alone after an untimed pause:
 * the latency a learner sees when cold starts come one at a time, with the engine's background
 * work (a refilled sandbox) done in the pause rather than on the invocation's path.
 */
async function measureSpaced(iterations: number, pauseMs: number, body: (i: number) => unknown): Promise<number> {
  const pause = () => new Promise((resolve) => setTimeout(resolve, pauseMs));
  const rounds: number[] = [];
  for (let r = -1; r < ROUNDS; r++) {
    let total = 0;
    for (let i = 0; i < iterations; i++) {
      await pause();
      const t0 = performance.now();
      await body(i);
      total += performance.now() - t0;
    }
    if (r >= 0) rounds.push(total / iterations); // round -1 warms up
  }
  return median(rounds);
}

const fmtMs = (ms: number) => (ms < 1 ? `${(ms * 1000).toFixed(1)} µs` : `${ms.toFixed(3)} ms`);

const HANDLER = 'export const handler = async (event) => ({ statusCode: 200, body: event.name });';

const engineSection: BenchSection = {
  name: 'execution engine: raw QuickJS against emulator invokes',
  async run() {
    const wasmModule = await loadQuickJSWasmModule();
    const quickjs = await newQuickJSWASMModuleFromVariant(newVariant(RELEASE_SYNC, { wasmModule }));

    // Raw baseline, cold: new runtime + context, evaluate the handler module, call it once.
    const rawColdOnce = () => {
      const rt = quickjs.newRuntime();
      rt.setModuleLoader(() => HANDLER);
      const ctx = rt.newContext();
      const ns = ctx.unwrapResult(ctx.evalCode(HANDLER, 'index.mjs', { type: 'module' }));
      const handler = ctx.getProp(ns, 'handler');
      const event = ctx.unwrapResult(ctx.evalCode('({ name: "bench" })'));
      const promise = ctx.unwrapResult(ctx.callFunction(handler, ctx.undefined, event));
      rt.executePendingJobs();
      const state = ctx.getPromiseState(promise);
      if (state.type === 'fulfilled') state.value.dispose();
      for (const h of [promise, event, handler, ns]) h.dispose();
      ctx.dispose();
      rt.dispose();
    };
    const rawCold = await measure(200, rawColdOnce);
    const rawColdSpaced = await measureSpaced(40, 5, rawColdOnce);

    // Raw baseline, warm: call the loaded handler with a JSON event and read back a JSON string.
    const rt = quickjs.newRuntime();
    const ctx = rt.newContext();
    const ns = ctx.unwrapResult(ctx.evalCode(HANDLER, 'index.mjs', { type: 'module' }));
    const handler = ctx.getProp(ns, 'handler');
    const stringify = ctx.unwrapResult(ctx.evalCode('JSON.stringify'));
    const parse = ctx.unwrapResult(ctx.evalCode('JSON.parse'));
    let rawOut = '';
    const rawWarm = await measure(5000, () => {
      const text = ctx.newString('{"name":"bench"}');
      const event = ctx.unwrapResult(ctx.callFunction(parse, ctx.undefined, text));
      const promise = ctx.unwrapResult(ctx.callFunction(handler, ctx.undefined, event));
      rt.executePendingJobs();
      const state = ctx.getPromiseState(promise);
      if (state.type === 'fulfilled') {
        const json = ctx.unwrapResult(ctx.callFunction(stringify, ctx.undefined, state.value));
        rawOut = ctx.getString(json);
        json.dispose();
        state.value.dispose();
      }
      for (const h of [promise, event, text]) h.dispose();
    });
    if (rawOut !== '{"statusCode":200,"body":"bench"}') throw new Error(`raw warm call returned ${rawOut}`);

    // The emulator, through the contract the control plane uses.
    const factory = createQuickJSEnvironmentFactory({ wasmModule });
    const spec: EnvironmentSpec = {
      functionName: 'bench', version: '$LATEST', functionArn: 'arn:aws:lambda:us-east-1:111111111111:function:bench',
      region: 'us-east-1', accountId: '111111111111', runtime: 'nodejs22.x', handler: 'index.handler', memorySize: 128,
      timeout: 3, ephemeralStorage: 512, environment: {}, code: { 'index.mjs': new TextEncoder().encode(HANDLER) }, opt: {},
    };
    const deps = { clock: createVirtualClock(Date.UTC(2026, 0, 1)), random: Math.random };
    const input = (i: number) => ({ requestId: `req-${i}`, payload: '{"name":"bench"}', invokedFunctionArn: spec.functionArn });
    const env = await factory(spec, deps);
    await env.invoke(input(0));
    const emuWarm = await measure(5000, async (i) => {
      const out = await env.invoke(input(i));
      if (out.payload !== rawOut) throw new Error(`warm invoke returned ${out.payload}`);
    });
    env.shutdown();
    const coldInvoke = async (i: number) => {
      const coldEnv = await factory(spec, deps);
      const out = await coldEnv.invoke(input(i));
      if (out.payload !== rawOut) throw new Error(`cold invoke returned ${out.payload}`);
      coldEnv.shutdown();
    };
    // Back to back, nothing runs between cold starts: each takes the sandbox the one before gave back, reset.
    const emuCold = await measure(100, coldInvoke);
    // One at a time, as a learner clicks.
    const emuColdSpaced = await measureSpaced(40, 5, coldInvoke);
    // With no sandbox to reuse (a first cold start, or a burst): the runtime bootstrap runs on the path.
    const unpooled = createQuickJSEnvironmentFactory({ wasmModule, warmSandboxHeapSizes: 0 });
    const emuColdNew = await measure(50, async (i) => {
      const coldEnv = await unpooled(spec, deps);
      const out = await coldEnv.invoke(input(i));
      if (out.payload !== rawOut) throw new Error(`cold invoke returned ${out.payload}`);
      coldEnv.shutdown();
    });

    return [
      `raw QuickJS cold (new runtime + context + eval + call): ${fmtMs(rawCold)}`,
      `emulator cold invoke (new environment, INIT + invoke):  ${fmtMs(emuCold)}  ratio ${(emuCold / rawCold).toFixed(2)}x  (back to back)`,
      `raw QuickJS cold, one at a time (5 ms untimed pauses):  ${fmtMs(rawColdSpaced)}`,
      `emulator cold invoke, one at a time (sandbox reset):    ${fmtMs(emuColdSpaced)}  ratio ${(emuColdSpaced / rawColdSpaced).toFixed(2)}x`,
      `emulator cold invoke on a new sandbox (no reuse):       ${fmtMs(emuColdNew)}  ratio ${(emuColdNew / rawCold).toFixed(2)}x  (bootstrap on the path)`,
      `raw QuickJS warm call:                                  ${fmtMs(rawWarm)}`,
      `emulator warm invoke:                                   ${fmtMs(emuWarm)}  ratio ${(emuWarm / rawWarm).toFixed(2)}x`,
      `emulator warm invokes per second (one core):            ${Math.round(1000 / emuWarm).toLocaleString('en-US')}`,
    ];
  },
};

export const sections: BenchSection[] = [engineSection, serviceSection, sqsSection, apiBenchSection, functionUrlSection, stateSection, workersSection, s3Section, pythonSection];

const { workspaceSection } = await import('./bench-workspace.ts');
const { terminalSection } = await import('./bench-terminal.ts');
const { pythonPageSection } = await import('./bench-python-page.ts');
const { sdkInHandlerSection } = await import('./bench-sdk-in-handler.ts');
const { labSection } = await import('./bench-lab.ts');
const { labGradingSection } = await import('./bench-lab-grading.ts');
sections.push(sdkInHandlerSection, labSection, labGradingSection, workspaceSection, terminalSection, pythonPageSection, gradingSection);

async function main(): Promise<void> {
  console.log(`Lambda Workbook bench (medians of ${ROUNDS} rounds; Node ${process.version})`);
  // `npm run bench -- grading` runs only the sections whose name starts with a given word.
  const only = process.argv.slice(2);
  for (const section of sections.filter((s) => only.length === 0 || only.some((w) => s.name.startsWith(w)))) {
    console.log(`\n## ${section.name}`);
    for (const line of await section.run()) console.log(line);
  }
}

await main();
