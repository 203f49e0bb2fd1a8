/**
 * Control-plane benchmark section: Invoke requests per second through the HTTP server on a warm
 * function, and the in-process SDK request handler's cost per Invoke against calling the service
 * directly. `npm run bench` includes it; `tsx --import ./src/hosts/node/text-imports.mjs src/bench/bench-api.ts` runs it alone.
 */
import { Agent } from 'node:http';
import { InvokeCommand, LambdaClient } from '@aws-sdk/client-lambda';
import { HttpRequest, HttpResponse } from '@smithy/core/transport';
import { LambdaService, createEmulatorRequestHandler, createQuickJSEnvironmentFactory, realClock, zip } from '../emulator/index.ts';
import { loadQuickJSWasmModule } from '../hosts/node/quickjs-wasm.ts';
import { startEmulatorServer } from '../hosts/node/http-server.ts';

export interface BenchLine {
  name: string;
  value: number;
  unit: string;
  note?: string;
}

const HANDLER = 'exports.handler = async (event) => ({ ok: true, n: event.n });';
const credentials = { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'secret' };
const payload = new TextEncoder().encode('{"n":1}');

async function newService(): Promise<LambdaService> {
  const service = new LambdaService({
    environmentFactory: createQuickJSEnvironmentFactory({ wasmModule: loadQuickJSWasmModule }),
    clock: realClock,
    region: 'us-east-1',
    accountId: '111111111111',
  });
  await service.createFunction({
    FunctionName: 'bench',
    Runtime: 'nodejs22.x',
    Role: 'arn:aws:iam::111111111111:role/lambda-role',
    Handler: 'index.handler',
    Code: { ZipFile: Buffer.from(zip({ 'index.js': HANDLER })).toString('base64') },
  });
  return service;
}

async function timed(n: number, run: (i: number) => Promise<unknown>, concurrency = 1): Promise<number> {
  let next = 0;
  const start = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < n) await run(next++);
    }),
  );
  return performance.now() - start;
}

export async function benchApi(options: { invokes?: number } = {}): Promise<BenchLine[]> {
  const n = options.invokes ?? 2_000;
  const lines: BenchLine[] = [];

  // HTTP server, warm function.
  {
    const service = await newService();
    const server = await startEmulatorServer(service, { port: 0 });
    const client = new LambdaClient({ region: 'us-east-1', credentials, endpoint: server.url, maxAttempts: 1, requestHandler: { httpAgent: new Agent({ keepAlive: true, maxSockets: 64 }) } });
    const invoke = () => client.send(new InvokeCommand({ FunctionName: 'bench', Payload: payload }));
    await timed(50, invoke, 8); // warm 8 environments and the connection pool
    const seq = await timed(n, invoke);
    lines.push({ name: 'HTTP Invoke, warm, 1 in flight', value: Math.round((n / seq) * 1000), unit: 'req/s' });
    const par = await timed(n, invoke, 8);
    lines.push({ name: 'HTTP Invoke, warm, 8 in flight', value: Math.round((n / par) * 1000), unit: 'req/s' });
    client.destroy();
    await server.close();
    service.shutdown();
  }

  // In-process: the service called directly, through the request handler alone, and through the SDK.
  {
    const service = await newService();
    const handler = createEmulatorRequestHandler(service);
    const client = new LambdaClient({ region: 'us-east-1', credentials, endpoint: 'http://lambda.emulator.local', maxAttempts: 1, requestHandler: handler });
    // The SDK's own cost per call, with a handler that answers at once: not the emulator's to shrink.
    const canned = {
      handle: async () => ({ response: new HttpResponse({ statusCode: 200, headers: { 'content-type': 'application/json' }, body: new TextEncoder().encode('{}') }) }),
    };
    const floorClient = new LambdaClient({ region: 'us-east-1', credentials, endpoint: 'http://lambda.emulator.local', maxAttempts: 1, requestHandler: canned });
    const request = new HttpRequest({ method: 'POST', protocol: 'http:', hostname: 'lambda.emulator.local', path: '/2015-03-31/functions/bench/invocations', headers: { 'content-type': 'application/octet-stream' }, body: payload });
    const runs: Record<string, () => Promise<unknown>> = {
      direct: () => service.invoke({ FunctionName: 'bench', Payload: payload }),
      handler: () => handler.handle(request),
      sdk: () => client.send(new InvokeCommand({ FunctionName: 'bench', Payload: payload })),
      floor: () => floorClient.send(new InvokeCommand({ FunctionName: 'bench', Payload: payload })),
    };
    const total: Record<string, number> = { direct: 0, handler: 0, sdk: 0, floor: 0 };
    for (const run of Object.values(runs)) await timed(200, run);
    // Interleave rounds so drift (GC, other load) hits every variant alike.
    const rounds = 10;
    for (let round = 0; round < rounds; round++) for (const [name, run] of Object.entries(runs)) total[name]! += await timed(n / rounds, run);
    const us = (name: string) => (total[name]! * 1000) / n;
    lines.push({ name: 'Invoke via service.invoke (no SDK, no router)', value: Math.round(us('direct')), unit: 'µs/invoke' });
    lines.push({ name: 'Invoke via the request handler (router, no SDK)', value: Math.round(us('handler')), unit: 'µs/invoke' });
    lines.push({ name: 'Invoke via LambdaClient + in-process handler', value: Math.round(us('sdk')), unit: 'µs/invoke' });
    lines.push({ name: 'LambdaClient with an instant handler (SDK floor)', value: Math.round(us('floor')), unit: 'µs/call', note: 'the SDK’s own middleware and signing' });
    lines.push({ name: 'request handler / direct', value: Math.round((us('handler') / us('direct')) * 100) / 100, unit: 'x', note: 'target <= 2x' });
    lines.push({ name: 'LambdaClient + handler / direct', value: Math.round((us('sdk') / us('direct')) * 100) / 100, unit: 'x', note: 'includes the SDK floor' });
    client.destroy();
    floorClient.destroy();
    service.shutdown();
  }
  return lines;
}

const format = (l: BenchLine) => `${l.name.padEnd(50)} ${String(l.value).padStart(8)} ${l.unit}${l.note ? `   (${l.note})` : ''}`;

/** The section `npm run bench` (src/bench/bench.ts) prints. */
export const apiBenchSection = {
  name: 'Lambda API (control plane): HTTP server and in-process SDK handler',
  async run(): Promise<string[]> {
    return (await benchApi()).map(format);
  },
};

// Run alone: tsx --import ./src/hosts/node/text-imports.mjs src/bench/bench-api.ts
if (import.meta.url === `file://${process.argv[1]}`) {
  console.log(`## ${apiBenchSection.name}`);
  for (const line of await apiBenchSection.run()) console.log(line);
}
