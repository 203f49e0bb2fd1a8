/**
 * The server with `--workers` under a burst: 200 concurrent Invoke requests over HTTP at a warm
 * function, with throughput and the process's peak memory, against the in-process engine serving
 * the same burst in the same run. Environments are capped as the server caps them by default.
 */
import { Agent } from 'node:http';
import { memoryUsage } from 'node:process';
import { InvokeCommand, LambdaClient } from '@aws-sdk/client-lambda';
import { LambdaService, createQuickJSEnvironmentFactory, realClock, zip, type EnvironmentFactory } from '../emulator/index.ts';
import { loadQuickJSWasmModule } from '../hosts/node/quickjs-wasm.ts';
import { createNodeWorkerEnvironmentFactory } from '../hosts/node/node-worker-environment.ts';
import { startEmulatorServer } from '../hosts/node/http-server.ts';

const CONCURRENT = 200;
const ROUNDS = 5;
const MAX_ENVIRONMENTS = 8;
const HANDLER = 'exports.handler = async (event) => ({ ok: true, n: event.n });';

async function burst(factory: EnvironmentFactory): Promise<{ perSecond: number; throttled: number; peakRssMb: number }> {
  const service = new LambdaService({ environmentFactory: factory, clock: realClock, region: 'us-east-1', accountId: '111111111111', maxEnvironments: MAX_ENVIRONMENTS });
  await service.createFunction({
    FunctionName: 'burst', Runtime: 'nodejs22.x', Role: 'arn:aws:iam::111111111111:role/lambda-role', Handler: 'index.handler',
    Code: { ZipFile: Buffer.from(zip({ 'index.js': HANDLER })).toString('base64') },
  });
  const server = await startEmulatorServer(service, { port: 0 });
  const client = new LambdaClient({
    region: 'us-east-1', endpoint: server.url, maxAttempts: 1, credentials: { accessKeyId: 'AKIDBENCH', secretAccessKey: 'bench' },
    requestHandler: { httpAgent: new Agent({ keepAlive: true, maxSockets: CONCURRENT }) },
  });
  let peakRss = memoryUsage.rss();
  const sampler = setInterval(() => (peakRss = Math.max(peakRss, memoryUsage.rss())), 20);
  let ok = 0;
  let throttled = 0;
  const invoke = (n: number) =>
    client.send(new InvokeCommand({ FunctionName: 'burst', Payload: JSON.stringify({ n }) })).then(
      () => void ok++,
      (err: { name?: string }) => {
        if (err.name !== 'TooManyRequestsException') throw err;
        throttled++;
      },
    );
  await Promise.all(Array.from({ length: MAX_ENVIRONMENTS }, (_, n) => invoke(n))); // warm the environments
  ok = 0;
  throttled = 0;
  const t0 = performance.now();
  for (let r = 0; r < ROUNDS; r++) await Promise.all(Array.from({ length: CONCURRENT }, (_, n) => invoke(n)));
  const seconds = (performance.now() - t0) / 1000;
  clearInterval(sampler);
  client.destroy();
  await server.close();
  service.shutdown();
  return { perSecond: ok / seconds, throttled, peakRssMb: peakRss / 1024 / 1024 };
}

export const workersSection = {
  name: `workers: ${CONCURRENT} concurrent Invoke requests over HTTP, worker threads against the in-process engine`,
  async run(): Promise<string[]> {
    const inProcess = await burst(createQuickJSEnvironmentFactory({ wasmModule: loadQuickJSWasmModule }));
    const workers = await burst(createNodeWorkerEnvironmentFactory());
    const line = (name: string, r: typeof inProcess) =>
      `${name.padEnd(28)} ${Math.round(r.perSecond).toLocaleString('en-US').padStart(7)} answered invokes/s, ${String(r.throttled).padStart(4)} throttled (429), peak RSS ${r.peakRssMb.toFixed(0)} MB`;
    return [
      line('in-process engine:', inProcess),
      line(`--workers (cap ${MAX_ENVIRONMENTS}):`, workers),
      `--workers / in-process throughput: ${(workers.perSecond / inProcess.perSecond).toFixed(2)}x`,
    ];
  },
};
