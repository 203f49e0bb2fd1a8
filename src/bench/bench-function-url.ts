/**
 * Function URL benchmark section: a request to a function's URL over HTTP (the path form, with
 * Node's fetch) against an Invoke of the same warm function over HTTP (LambdaClient), measured in
 * the same run with interleaved rounds. The URL path adds the 2.0 event, the resource-policy check
 * and the response mapping; Invoke adds the SDK's signing and parsing on the client side.
 */
import { Agent } from 'node:http';
import { AddPermissionCommand, CreateFunctionCommand, CreateFunctionUrlConfigCommand, InvokeCommand, LambdaClient } from '@aws-sdk/client-lambda';
import { LambdaService, createQuickJSEnvironmentFactory, realClock, zip } from '../emulator/index.ts';
import { loadQuickJSWasmModule } from '../hosts/node/quickjs-wasm.ts';
import { startEmulatorServer } from '../hosts/node/http-server.ts';
import type { BenchSection } from './bench.ts';

const HANDLER = 'exports.handler = async (event) => ({ statusCode: 200, body: JSON.stringify({ ok: true, path: event.rawPath }) });';
const credentials = { accessKeyId: 'test', secretAccessKey: 'test' };

async function timed(n: number, run: () => Promise<unknown>): Promise<number> {
  const start = performance.now();
  for (let i = 0; i < n; i++) await run();
  return performance.now() - start;
}

export async function benchFunctionUrl(requests = 2_000): Promise<string[]> {
  const service = new LambdaService({ environmentFactory: createQuickJSEnvironmentFactory({ wasmModule: loadQuickJSWasmModule }), clock: realClock });
  const server = await startEmulatorServer(service, { port: 0 });
  const client = new LambdaClient({ region: 'us-east-1', credentials, endpoint: server.url, maxAttempts: 1, requestHandler: { httpAgent: new Agent({ keepAlive: true }) } });
  try {
    await client.send(new CreateFunctionCommand({ FunctionName: 'bench-url', Runtime: 'nodejs22.x', Role: 'arn:aws:iam::000000000000:role/lambda-role', Handler: 'index.handler', Code: { ZipFile: zip({ 'index.js': HANDLER }) } }));
    const { FunctionUrl } = await client.send(new CreateFunctionUrlConfigCommand({ FunctionName: 'bench-url', AuthType: 'NONE' }));
    for (const [sid, action] of [['url', 'lambda:InvokeFunctionUrl'], ['invoke', 'lambda:InvokeFunction']] as const) {
      await client.send(new AddPermissionCommand({ FunctionName: 'bench-url', StatementId: sid, Action: action, Principal: '*' }));
    }
    const id = new URL(FunctionUrl!).host.split('.')[0]!;
    const url = `${server.url}/lambda-url/${id}/orders?x=1`;
    const payload = new TextEncoder().encode('{"rawPath":"/orders"}');
    const runs = {
      url: async () => (await fetch(url, { method: 'POST', body: '{"n":1}', headers: { 'content-type': 'application/json' } })).text(),
      invoke: () => client.send(new InvokeCommand({ FunctionName: 'bench-url', Payload: payload })),
    };
    for (const run of Object.values(runs)) await timed(100, run);
    const total = { url: 0, invoke: 0 };
    const rounds = 10;
    for (let round = 0; round < rounds; round++) for (const [name, run] of Object.entries(runs)) total[name as keyof typeof total] += await timed(requests / rounds, run);
    const us = (name: keyof typeof total) => (total[name] * 1000) / requests;
    const line = (name: string, value: number, unit: string, note?: string) => `${name.padEnd(50)} ${String(value).padStart(8)} ${unit}${note ? `   (${note})` : ''}`;
    return [
      line('function URL request over HTTP (fetch)', Math.round(us('url')), 'µs/request'),
      line('Invoke over HTTP (LambdaClient)', Math.round(us('invoke')), 'µs/request'),
      line('function URL / Invoke', Math.round((us('url') / us('invoke')) * 100) / 100, 'x', 'same warm function, same run'),
    ];
  } finally {
    client.destroy();
    await server.close();
    service.shutdown();
  }
}

/** The section `npm run bench` (src/bench/bench.ts) prints. */
export const functionUrlSection: BenchSection = {
  name: 'Function URLs: a URL request against an Invoke, both over HTTP',
  run: () => benchFunctionUrl(),
};

// Run alone: tsx --import ./src/hosts/node/text-imports.mjs src/bench/bench-function-url.ts
if (import.meta.url === `file://${process.argv[1]}`) {
  console.log(`## ${functionUrlSection.name}`);
  for (const line of await functionUrlSection.run()) console.log(line);
}
