/** worker_threads entry: serves execution environments to the main thread (see node-worker-environment). */
import { parentPort } from 'node:worker_threads';
import { serveExecutionEnvironments, type HostToWorker } from '../../emulator/index.ts';
import { loadQuickJSWasmModule } from './quickjs-wasm.ts';

const port = parentPort;
if (!port) throw new Error('node-worker-entry must run in a worker thread');
serveExecutionEnvironments(
  { post: (message) => port.postMessage(message), onMessage: (handler) => port.on('message', (m: HostToWorker) => handler(m)) },
  { wasmModule: loadQuickJSWasmModule },
);
