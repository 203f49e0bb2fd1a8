/**
 * `npm run emulator -- --port 4010 [--state FILE] [--region us-east-1] [--account 000000000000] [--concurrency 1000] [--workers]`
 * Serves the Lambda and CloudWatch Logs APIs on 127.0.0.1 for the AWS CLI, boto3 and the SDKs.
 * With --state, the account is loaded at start and saved after every change and on exit.
 */
import { parseArgs } from 'node:util';
import { LambdaService, connectInProcess, realClock, createEngineChooser, createQuickJSEnvironmentFactory } from '../emulator/index.ts';
import { loadQuickJSWasmModule } from '../hosts/node/quickjs-wasm.ts';
import { startEmulatorServer } from '../hosts/node/http-server.ts';
import { loadStateFile, saveStateFile } from '../hosts/node/state-file.ts';
import { createNodePythonWorkerEnvironmentFactory, createNodeWorkerEnvironmentFactory } from '../hosts/node/node-worker-environment.ts';

const USAGE = 'Usage: npm run emulator -- --port 4010 [--state FILE] [--region us-east-1] [--account 000000000000] [--concurrency N] [--workers]';

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      port: { type: 'string', default: '4010' },
      host: { type: 'string', default: '127.0.0.1' },
      state: { type: 'string' },
      region: { type: 'string' },
      account: { type: 'string' },
      concurrency: { type: 'string' },
      workers: { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) {
    console.log(USAGE);
    return;
  }
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65_535) throw new Error(`--port must be a TCP port number, got "${values.port}".\n${USAGE}`);
  const state = values.state ? loadStateFile(values.state) : undefined;
  const service = new LambdaService({
    // --workers: one worker thread per Node.js execution environment, so handlers run in parallel and a
    // spinning one never holds up other requests; without it they share the server's thread. Python
    // functions always run in workers: only terminating one stops a busy Python guest.
    environmentFactory: createEngineChooser({
      nodejs: values.workers ? createNodeWorkerEnvironmentFactory() : createQuickJSEnvironmentFactory({ wasmModule: loadQuickJSWasmModule }),
      python: createNodePythonWorkerEnvironmentFactory(),
    }),
    clock: realClock,
    ...(values.region ? { region: values.region } : {}),
    ...(values.account ? { accountId: values.account } : {}),
    ...(values.concurrency ? { accountConcurrency: Number(values.concurrency) } : {}),
    ...(state ? { state } : {}),
  });
  // The SDK inside functions (boto3) calls this account through in-process clients.
  connectInProcess(service);
  const save = values.state ? () => saveStateFile(values.state!, service.snapshot()) : () => {};
  // Coalesce saves: a burst of invokes writes the file once, a quarter second after it ends.
  let pending: ReturnType<typeof setTimeout> | undefined;
  const saveSoon = () => {
    if (!values.state || pending) return;
    pending = setTimeout(() => {
      pending = undefined;
      save();
    }, 250);
  };
  const server = await startEmulatorServer(service, { port, host: values.host, onRequest: saveSoon });
  service.queue.onBackgroundPass = saveSoon;
  service.queue.start();
  console.log(`Lambda emulator listening on ${server.url} (region ${service.region}, account ${service.accountId})${values.state ? `, state in ${values.state}` : ''}`);
  console.log(`  aws --endpoint-url ${server.url} lambda list-functions`);
  const stop = async () => {
    if (pending) clearTimeout(pending);
    save();
    service.shutdown();
    await server.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop());
  process.on('SIGTERM', () => void stop());
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : String(err));
  process.exit(1);
});
