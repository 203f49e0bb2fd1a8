/**
 * The service layer's cost: a full warm Invoke through LambdaService (validation, qualifier,
 * concurrency, logs, REPORT, sandboxed) against the engine's warm invoke alone and against the
 * npm peer lambda-local, which runs the same handler in-process with no sandbox, in one run.
 */
import * as lambdaLocal from 'lambda-local';
import { LambdaService, createQuickJSEnvironmentFactory, realClock, zip, type EnvironmentSpec } from '../emulator/index.ts';
import { loadQuickJSWasmModule } from '../hosts/node/quickjs-wasm.ts';

const SOURCE = 'exports.handler = async (event) => ({ ok: true, n: event.n });';
const handler = async (event: { n: number }) => ({ ok: true, n: event.n });
const EXPECTED = '{"ok":true,"n":1}';
const payload = new TextEncoder().encode('{"n":1}');
const decoder = new TextDecoder();

/** Mean µs per call over `n` sequential calls. */
async function perCall(n: number, run: () => Promise<unknown>): Promise<number> {
  const t0 = performance.now();
  for (let i = 0; i < n; i++) await run();
  return ((performance.now() - t0) * 1000) / n;
}

export const serviceSection = {
  name: 'service layer: a full warm Invoke against the engine alone and against lambda-local',
  async run(): Promise<string[]> {
    const wasmModule = await loadQuickJSWasmModule();
    const factory = createQuickJSEnvironmentFactory({ wasmModule });

    const service = new LambdaService({ environmentFactory: factory, clock: realClock, region: 'us-east-1', accountId: '111111111111' });
    await service.createFunction({
      FunctionName: 'bench', Runtime: 'nodejs22.x', Role: 'arn:aws:iam::111111111111:role/lambda-role', Handler: 'index.handler',
      Code: { ZipFile: Buffer.from(zip({ 'index.js': SOURCE })).toString('base64') },
    });

    const spec: EnvironmentSpec = {
      functionName: 'engine', version: '$LATEST', functionArn: 'arn:aws:lambda:us-east-1:111111111111:function:engine',
      region: 'us-east-1', accountId: '111111111111', runtime: 'nodejs22.x', handler: 'index.handler', memorySize: 128,
      timeout: 3, ephemeralStorage: 512, environment: {}, code: { 'index.js': new TextEncoder().encode(SOURCE) }, opt: {},
    };
    // The same clock as the service's, so the two differ only by the service layer.
    const env = await factory(spec, { clock: realClock, random: Math.random });
    let id = 0;

    const runs = {
      engine: async () => {
        const out = await env.invoke({ requestId: `req-${id++}`, payload: '{"n":1}', invokedFunctionArn: spec.functionArn });
        if (out.payload !== EXPECTED) throw new Error(`engine returned ${out.payload}`);
      },
      service: async () => {
        const out = await service.invoke({ FunctionName: 'bench', Payload: payload });
        if (decoder.decode(out.Payload) !== EXPECTED) throw new Error(`service returned ${decoder.decode(out.Payload)}`);
      },
      lambdaLocal: async () => {
        const out = await lambdaLocal.execute({ event: { n: 1 }, lambdaFunc: { handler }, timeoutMs: 3000, verboseLevel: 0 });
        if (JSON.stringify(out) !== EXPECTED) throw new Error(`lambda-local returned ${JSON.stringify(out)}`);
      },
    };
    const names = Object.keys(runs) as (keyof typeof runs)[];
    const rounds: Record<keyof typeof runs, number[]> = { engine: [], service: [], lambdaLocal: [] };
    for (const name of names) await perCall(500, runs[name]); // warm-up
    // Interleaved rounds, so drift (GC, other load) hits every variant alike.
    for (let r = 0; r < 9; r++) for (const name of names) rounds[name].push(await perCall(1000, runs[name]));
    env.shutdown();
    service.shutdown();

    const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
    const us = { engine: median(rounds.engine), service: median(rounds.service), lambdaLocal: median(rounds.lambdaLocal) };
    const fmt = (n: number) => `${n.toFixed(1)} µs`;
    return [
      `engine warm invoke (the environment alone):             ${fmt(us.engine)}`,
      `LambdaService warm Invoke (full: logs, REPORT, limits): ${fmt(us.service)}  ${(us.service / us.engine).toFixed(2)}x the engine  (target <= 1.5x)`,
      `lambda-local 2.2.0 warm execute (in-process, no sandbox): ${fmt(us.lambdaLocal)}  LambdaService is ${(us.lambdaLocal / us.service).toFixed(2)}x its speed  (target >= 3x)`,
    ];
  },
};

// Run alone: tsx --import ./src/hosts/node/text-imports.mjs src/bench/bench-service.ts
if (import.meta.url === `file://${process.argv[1]}`) {
  console.log(`## ${serviceSection.name}`);
  for (const line of await serviceSection.run()) console.log(line);
}
