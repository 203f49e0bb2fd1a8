/**
 * Node only: execution environments in worker_threads, for the CLI and the HTTP server. A worker
 * that overruns its deadline or dies is terminated and replaced, as the page does with Web Workers.
 */
import { Worker } from 'node:worker_threads';
import { TSX_WORKER_EXEC_ARGV } from './tsx.ts';
import {
  type EnvironmentFactory,
  createWorkerEnvironmentFactory,
  type WorkerEngineOptions,
  type WorkerLike,
  type WorkerToHost,
} from '../../emulator/index.ts';
import { loadQuickJSWasmModule } from './quickjs-wasm.ts';

export interface NodeWorkerEnvironmentOptions extends Omit<WorkerEngineOptions, 'wasmLocation' | 'wasmModule'> {
  overrunMarginMs?: number;
  startTimeoutMs?: number;
  /** Told how many worker threads are alive each time one starts or exits. */
  onWorkerCount?: (live: number) => void;
}

const entry = new URL('./node-worker-entry.ts', import.meta.url);
/** A worker's stack: large enough that guest code recurses as deep as on Lambda's Node.js (see emulator/runtime/host-stack). */
const WORKER_STACK_MB = 16;

function spawnNodeWorker(counted: (change: 1 | -1) => void): WorkerLike {
  // The entry is TypeScript: the worker loads it through tsx, as the CLI itself runs.
  const worker = new Worker(entry, { execArgv: TSX_WORKER_EXEC_ARGV, resourceLimits: { stackSizeMb: WORKER_STACK_MB } });
  counted(1);
  // A thread counts until it has really exited, not merely been asked to terminate.
  worker.once('exit', () => counted(-1));
  return {
    postMessage: (message) => worker.postMessage(message),
    terminate: () => void worker.terminate(),
    onMessage: (handler) => worker.on('message', (m: WorkerToHost) => handler(m)),
    onError: (handler) => {
      worker.on('error', (e) => handler(e.message));
      worker.on('exit', (code) => handler(`exited with code ${code}`));
    },
  };
}

export function createNodeWorkerEnvironmentFactory(options: NodeWorkerEnvironmentOptions = {}): EnvironmentFactory {
  const { onWorkerCount, ...engine } = options;
  let live = 0;
  const counted = (change: 1 | -1) => {
    live += change;
    onWorkerCount?.(live);
  };
  return createWorkerEnvironmentFactory({ ...engine, wasmModule: loadQuickJSWasmModule, spawn: () => spawnNodeWorker(counted) });
}
