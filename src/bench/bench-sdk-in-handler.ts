/**
 * Bench section: the AWS SDK inside a handler. A Node.js function calls GetFunction on the emulator
 * N times in one invocation (as its role session, through the guest's SDK and the host's bridge);
 * the host makes the same N calls with LambdaClient in process. Per call, the handler's share is
 * its invocation's time less that of the same invocation making no call. Interleaved rounds.
 */
import { CreateFunctionCommand, GetFunctionCommand, InvokeCommand } from '@aws-sdk/client-lambda';
import { createInProcessEmulator, createQuickJSEnvironmentFactory, realClock, zip } from '../emulator/index.ts';
import { loadQuickJSWasmModule } from '../hosts/node/quickjs-wasm.ts';
import type { BenchSection } from './bench.ts';

const CALLS = 200;
const HANDLER = `import { LambdaClient, GetFunctionCommand } from '@aws-sdk/client-lambda';
const client = new LambdaClient({});
export const handler = async (event) => {
  for (let i = 0; i < event.calls; i++) await client.send(new GetFunctionCommand({ FunctionName: 'target' }));
  return event.calls;
};
`;
const ROLE = 'arn:aws:iam::000000000000:role/lambda-role';

export const sdkInHandlerSection: BenchSection = {
  name: 'sdk inside a handler: GetFunction from a Node.js handler against the same call by the host',
  async run() {
    const emulator = createInProcessEmulator({ environmentFactory: createQuickJSEnvironmentFactory({ wasmModule: loadQuickJSWasmModule, cpuBudgetMs: 60_000 }), clock: realClock });
    const { lambda, service } = emulator;
    try {
      service.iam.putRolePolicy({ RoleName: 'lambda-role', PolicyName: 'read-functions', PolicyDocument: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'lambda:GetFunction', Resource: '*' }] }) });
      await lambda.send(new CreateFunctionCommand({ FunctionName: 'target', Runtime: 'nodejs22.x', Role: ROLE, Handler: 'index.handler', Code: { ZipFile: zip({ 'index.js': 'exports.handler = async () => 1;' }) } }));
      await lambda.send(new CreateFunctionCommand({ FunctionName: 'caller', Runtime: 'nodejs22.x', Role: ROLE, Handler: 'index.handler', Timeout: 60, Code: { ZipFile: zip({ 'index.mjs': HANDLER }) } }));
      const invoke = async (calls: number) => {
        const out = await lambda.send(new InvokeCommand({ FunctionName: 'caller', Payload: new TextEncoder().encode(JSON.stringify({ calls })) }));
        if (out.FunctionError) throw new Error(`the handler failed: ${new TextDecoder().decode(out.Payload)}`);
      };
      const timed = async (run: () => Promise<unknown>) => {
        const t0 = performance.now();
        await run();
        return performance.now() - t0;
      };
      const host = async () => {
        for (let i = 0; i < CALLS; i++) await lambda.send(new GetFunctionCommand({ FunctionName: 'target' }));
      };
      await invoke(CALLS);
      await host();
      const rounds = { handler: [] as number[], empty: [] as number[], host: [] as number[] };
      for (let r = 0; r < 7; r++) {
        rounds.handler.push(await timed(() => invoke(CALLS)));
        rounds.empty.push(await timed(() => invoke(0)));
        rounds.host.push(await timed(host));
      }
      const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
      const inHandler = ((median(rounds.handler) - median(rounds.empty)) * 1000) / CALLS;
      const byHost = (median(rounds.host) * 1000) / CALLS;
      return [
        `GetFunction by the host (LambdaClient, in process):     ${byHost.toFixed(0)} µs/call`,
        `GetFunction from inside a handler (the guest's SDK):    ${inHandler.toFixed(0)} µs/call  ${(inHandler / byHost).toFixed(2)}x the host's  (target <= 2x)`,
      ];
    } finally {
      emulator.close();
    }
  },
};
