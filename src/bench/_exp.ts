import { LambdaService, createQuickJSEnvironmentFactory, realClock, createVirtualClock, zip, type EnvironmentSpec } from '../emulator/index.ts';
import { loadQuickJSWasmModule } from '../hosts/node/quickjs-wasm.ts';
const SOURCE = 'exports.handler = async (event) => ({ ok: true, n: event.n });';
const factory = createQuickJSEnvironmentFactory({ wasmModule: await loadQuickJSWasmModule() });
async function mk(clock: any) { const s = new LambdaService({ environmentFactory: factory, clock, region: 'us-east-1', accountId: '111111111111' });
await s.createFunction({ FunctionName: 'bench', Runtime: 'nodejs22.x', Role: 'arn:aws:iam::111111111111:role/bench', Handler: 'index.handler', Code: { ZipFile: Buffer.from(zip({ 'index.js': SOURCE })).toString('base64') } }); return s; }
const spec: EnvironmentSpec = { functionName: 'engine', version: '$LATEST', functionArn: 'arn:aws:lambda:us-east-1:111111111111:function:engine', region: 'us-east-1', accountId: '111111111111', runtime: 'nodejs22.x', handler: 'index.handler', memorySize: 128, timeout: 3, ephemeralStorage: 512, environment: {}, code: { 'index.js': new TextEncoder().encode(SOURCE) }, opt: {} };
const envV = await factory(spec, { clock: createVirtualClock(Date.UTC(2026, 0, 1)), random: Math.random });
const envR = await factory(spec, { clock: realClock, random: Math.random });
const sR = await mk(realClock); const sV = await mk(createVirtualClock(Date.UTC(2026,0,1)));
const sNoLog = await mk(realClock); (sNoLog as any)['_noop'] = 1; 
const payload = new TextEncoder().encode('{"n":1}');
let id = 0;
const runs: Record<string, () => Promise<unknown>> = {
  engineVirtual: () => envV.invoke({ requestId: `r${id++}`, payload: '{"n":1}', invokedFunctionArn: spec.functionArn }),
  engineReal: () => envR.invoke({ requestId: `r${id++}`, payload: '{"n":1}', invokedFunctionArn: spec.functionArn }),
  serviceReal: () => sR.invoke({ FunctionName: 'bench', Payload: payload }),
  serviceVirtual: () => sV.invoke({ FunctionName: 'bench', Payload: payload }),
};
const res: Record<string, number[]> = {};
for (const [k, r] of Object.entries(runs)) { for (let i = 0; i < 500; i++) await r(); res[k] = []; }
for (let round = 0; round < 7; round++) for (const [k, r] of Object.entries(runs)) { const t0 = performance.now(); for (let i = 0; i < 1000; i++) await r(); res[k]!.push(performance.now() - t0); }
for (const [k, v] of Object.entries(res)) console.log(k.padEnd(16), v.sort((a,b)=>a-b)[3]!.toFixed(1), 'µs');
process.exit(0);
