/**
 * Python functions on Pyodide, each figure against raw Pyodide measured in the same run: a first
 * cold start (interpreter load, runtime, INIT, one invoke) against loadPyodide() and the same call;
 * a warm invoke against calling the same handler directly; a cold start on a spare worker whose
 * interpreter is already loaded, as a second cold start on the server is.
 */
import { loadPyodide } from 'pyodide';
import { createPythonEnvironmentFactory, createVirtualClock, type EnvironmentSpec, type InvokeInput } from '../emulator/index.ts';
import { createNodePythonWorkerEnvironmentFactory } from '../hosts/node/node-worker-environment.ts';
import { nodePyodideSource } from '../hosts/node/pyodide.ts';

const HANDLER = 'def lambda_handler(event, context):\n    return {"statusCode": 200, "body": event["name"]}\n';
const EVENT = '{"name": "bench"}';
const EXPECTED = '{"statusCode": 200, "body": "bench"}';

const spec: EnvironmentSpec = {
  functionName: 'bench', version: '$LATEST', functionArn: 'arn:aws:lambda:us-east-1:111111111111:function:bench',
  region: 'us-east-1', accountId: '111111111111', runtime: 'python3.12', handler: 'lambda_function.lambda_handler', memorySize: 128,
  timeout: 3, ephemeralStorage: 512, environment: {}, code: { 'lambda_function.py': new TextEncoder().encode(HANDLER) }, opt: {},
};
const deps = () => ({ clock: createVirtualClock(Date.UTC(2026, 0, 1)), random: Math.random });
const input = (i: number): InvokeInput => ({ requestId: `req-${i}`, payload: EVENT, invokedFunctionArn: spec.functionArn });

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const ms = (x: number) => (x < 1 ? `${(x * 1000).toFixed(1)} µs` : x < 1000 ? `${x.toFixed(1)} ms` : `${(x / 1000).toFixed(2)} s`);

async function timed(run: () => Promise<void>): Promise<number> {
  const t0 = performance.now();
  await run();
  return performance.now() - t0;
}

function check(out: string, what: string): void {
  if (out !== EXPECTED) throw new Error(`${what} returned ${out}`);
}

/** Raw Pyodide: load, define the handler, and a direct call with the event as JSON in and out. */
async function rawPyodide() {
  const py = await loadPyodide();
  py.runPython(`import json\n${HANDLER}\ndef call(payload):\n    return json.dumps(lambda_handler(json.loads(payload), None))\n`);
  const call = py.globals.get('call') as (payload: string) => string;
  check(call(EVENT), 'raw Pyodide');
  return call;
}

export const pythonSection = {
  name: 'python: Pyodide cold starts and warm invokes against raw Pyodide',
  async run(): Promise<string[]> {
    // Each sample is a whole interpreter load (seconds): few rounds, taking turns at going first.
    const COLD_ROUNDS = 5;
    const raw: number[] = [];
    const emulated: number[] = [];
    const rawCold = async () => raw.push(await timed(async () => void (await rawPyodide())));
    const emulatedCold = async (r: number) => {
      // A factory with nothing loaded ahead: the first cold start of a process.
      const factory = createPythonEnvironmentFactory({ pyodide: nodePyodideSource, singleEnvironment: true });
      emulated.push(await timed(async () => check((await (await factory(spec, deps())).invoke(input(r))).payload, 'first cold start')));
    };
    for (let r = 0; r < COLD_ROUNDS; r++) {
      if (r % 2 === 0) await rawCold().then(() => emulatedCold(r));
      else await emulatedCold(r).then(rawCold);
    }

    const call = await rawPyodide();
    const env = await createPythonEnvironmentFactory({ pyodide: nodePyodideSource, singleEnvironment: true })(spec, deps());
    await env.invoke(input(0));
    const WARM = 2000;
    const rawWarm: number[] = [];
    const emuWarm: number[] = [];
    for (let r = -1; r < 7; r++) {
      const a = await timed(async () => {
        for (let i = 0; i < WARM; i++) call(EVENT);
      });
      const b = await timed(async () => {
        for (let i = 0; i < WARM; i++) check((await env.invoke(input(i))).payload, 'warm invoke');
      });
      if (r >= 0) {
        rawWarm.push(a / WARM);
        emuWarm.push(b / WARM);
      }
    }

    // The server's way: a worker per environment, and a spare worker with its interpreter loaded.
    const workers = createNodePythonWorkerEnvironmentFactory();
    const first = await workers(spec, deps());
    await first.invoke(input(0));
    first.shutdown();
    const spareCold: number[] = [];
    for (let r = 0; r < COLD_ROUNDS; r++) {
      await workers.spareReady();
      spareCold.push(await timed(async () => {
        const cold = await workers(spec, deps());
        check((await cold.invoke(input(r))).payload, 'cold start on the spare worker');
        cold.shutdown();
      }));
    }

    const [rc, ec, rw, ew] = [median(raw), median(emulated), median(rawWarm), median(emuWarm)];
    return [
      `raw loadPyodide() + the same handler called once:          ${ms(rc)}`,
      `emulator first cold start (load, runtime, INIT, invoke):   ${ms(ec)}  ratio ${(ec / rc).toFixed(2)}x  (target 1.3x)`,
      `raw Pyodide warm call (JSON in and out):                   ${ms(rw)}`,
      `emulator warm invoke:                                      ${ms(ew)}  ratio ${(ew / rw).toFixed(2)}x  (target 3x)`,
      `second cold start, on a spare worker with Pyodide loaded:  ${ms(median(spareCold))}  (target under 50 ms)`,
    ];
  },
};
