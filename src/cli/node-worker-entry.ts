/** worker_threads entry: serves execution environments to the main thread (see node-worker-environment). */
import { parentPort } from 'node:worker_threads';
import { serveExecutionEnvironments } from '../emulator/runtime/worker-service';
import type { HostToWorker } from '../emulator/runtime/worker-protocol';
import { loadQuickJSWasmModule } from './quickjs-wasm';

const port = parentPort;
if (!port) throw new Error('node-worker-entry must run in a worker thread');
serveExecutionEnvironments(
  { post: (message) => port.postMessage(message), onMessage: (handler) => port.on('message', (m: HostToWorker) => handler(m)) },
  { wasmModule: loadQuickJSWasmModule },
);
