/**
 * Bench section: what the shared lab server's front door costs. The same signed SDK requests
 * (GetFunction and a warm Invoke of a small function) against the lab server, which verifies
 * every signature, picks the learner's account, applies the rate limit and journals changes,
 * and against the single-account emulator server, which does none of that. Both are real HTTP
 * servers on loopback in this process, measured in interleaved rounds.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CreateFunctionCommand, GetFunctionCommand, InvokeCommand, LambdaClient } from '@aws-sdk/client-lambda';
import { LambdaService, connectInProcess, createQuickJSEnvironmentFactory, realClock, zip } from '../emulator/index.ts';
import { startEmulatorServer } from '../hosts/node/http-server.ts';
import { prepareLab } from '../hosts/node/lab-config.ts';
import { startLabServer } from '../hosts/node/lab-server.ts';
import { loadQuickJSWasmModule } from '../hosts/node/quickjs-wasm.ts';
import type { BenchSection } from './bench.ts';

const LEARNERS = 30;
const REQUESTS = 400;
const IN_FLIGHT = 8;
const ROUNDS = 7;
const CODE = { 'index.mjs': 'export const handler = async (event) => ({ ok: true, event });' };

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

/** REQUESTS calls, IN_FLIGHT at a time, half GetFunction and half a warm Invoke: requests per second. */
async function drive(client: LambdaClient): Promise<number> {
  let next = 0;
  const t0 = performance.now();
  await Promise.all(Array.from({ length: IN_FLIGHT }, async () => {
    for (let n = next++; n < REQUESTS; n = next++) {
      if (n % 2 === 0) await client.send(new GetFunctionCommand({ FunctionName: 'bench' }));
      else {
        const out = await client.send(new InvokeCommand({ FunctionName: 'bench', Payload: new TextEncoder().encode('{"n":1}') }));
        if (out.FunctionError) throw new Error(`the bench function failed: ${new TextDecoder().decode(out.Payload)}`);
      }
    }
  }));
  return (REQUESTS / (performance.now() - t0)) * 1000;
}

export const labSection: BenchSection = {
  name: `lab server: signed requests through the lab's front door (${LEARNERS} learner accounts) against the single-account server`,
  async run() {
    const dir = mkdtempSync(join(tmpdir(), 'workbook-bench-lab-'));
    const roster = Array.from({ length: LEARNERS }, (_, i) => ({ name: `Learner ${i}`, id: `l${i}` }));
    const config = prepareLab(dir, roster, 'us-east-1');
    const lab = await startLabServer({ dir, config, port: 0, inline: true, rateLimit: { perSecond: 1e9, burst: 1e9 } });
    const service = new LambdaService({ environmentFactory: createQuickJSEnvironmentFactory({ wasmModule: loadQuickJSWasmModule }), clock: realClock, accountId: '111111111111' });
    connectInProcess(service);
    const single = await startEmulatorServer(service, { port: 0 });
    const learner = config.learners[0]!;
    const clients = {
      lab: new LambdaClient({ endpoint: lab.url, region: 'us-east-1', credentials: { accessKeyId: learner.accessKeyId, secretAccessKey: learner.secretAccessKey }, maxAttempts: 1 }),
      single: new LambdaClient({ endpoint: single.url, region: 'us-east-1', credentials: { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'secret' }, maxAttempts: 1 }),
    };
    try {
      for (const [client, account] of [[clients.lab, learner.accountId], [clients.single, '111111111111']] as const) {
        await client.send(new CreateFunctionCommand({ FunctionName: 'bench', Runtime: 'nodejs22.x', Role: `arn:aws:iam::${account}:role/lambda-role`, Handler: 'index.handler', Code: { ZipFile: zip(CODE) } }));
        await drive(client);
      }
      const rates = { lab: [] as number[], single: [] as number[] };
      for (let r = 0; r < ROUNDS; r++) {
        rates.single.push(await drive(clients.single));
        rates.lab.push(await drive(clients.lab));
      }
      const [lab, one] = [median(rates.lab), median(rates.single)];
      return [
        `single-account server (no signature check):       ${Math.round(one).toLocaleString('en-US')} requests/s`,
        `lab server (SigV4 verified, account, rate, journal): ${Math.round(lab).toLocaleString('en-US')} requests/s  cost ${(one / lab).toFixed(2)}x  (target <= 1.3x)`,
      ];
    } finally {
      clients.lab.destroy();
      clients.single.destroy();
      await single.close();
      service.shutdown();
      await lab.close();
      rmSync(dir, { recursive: true, force: true });
    }
  },
};
