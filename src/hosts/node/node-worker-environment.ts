/**
 * Node only: execution environments in worker_threads, for the CLI and the HTTP server. A worker
 * that overruns its deadline or dies is terminated and replaced, as the page does with Web Workers.
 * Node.js functions run in QuickJS workers; Python functions always run in Pyodide workers, since
 * only terminating the worker stops a busy Python guest, and those are sandboxed child processes
 * (python-sandbox.ts), since Pyodide itself does not keep a handler from reaching Node.
 */
import { Worker } from 'node:worker_threads';
import { deferredWorker } from './deferred-worker.ts';
import { bundleWorkerEntry } from './worker-bundle.ts';
import {
  type EnvironmentFactory,
  createWorkerEnvironmentFactory,
  type WorkerEngineOptions,
  type WorkerEnvironmentFactory,
  type WorkerLike,
  type WorkerToHost,
} from '../../emulator/index.ts';
import { loadQuickJSWasmModule } from './quickjs-wasm.ts';
import { pythonWorkerBundle, spawnPythonSandbox } from './python-sandbox.ts';

export interface NodeWorkerEnvironmentOptions extends Omit<WorkerEngineOptions, 'wasmLocation' | 'wasmModule'> {
  overrunMarginMs?: number;
  startTimeoutMs?: number;
  /** Told how many worker threads are alive each time one starts or exits. */
  onWorkerCount?: (live: number) => void;
}

const quickJSEntry = new URL('./node-worker-entry.ts', import.meta.url);
/** A worker's stack: large enough that guest code recurses as deep as on Lambda's Node.js (see emulator/runtime/host-stack). */
const WORKER_STACK_MB = 16;

function spawnNodeWorker(entry: URL, counted: (change: 1 | -1) => void = () => {}): WorkerLike {
  // The entry is bundled once (no tsx in the thread), its packages imported from node_modules.
  return deferredWorker(bundleWorkerEntry(entry, 'packages').then((file) => {
    const worker = new Worker(file, { resourceLimits: { stackSizeMb: WORKER_STACK_MB } });
    counted(1);
    const ended: ((why: string) => void)[] = [];
    let killed = false;
    // A thread counts until it has really exited, not merely been asked to terminate.
    worker.once('exit', (code) => {
      counted(-1);
      if (!killed) for (const handler of ended) handler(`exited with code ${code}`);
    });
    worker.on('error', (e) => { if (!killed) for (const handler of ended) handler(e.message); });
    return {
      send: (message) => worker.postMessage(message),
      kill: () => { killed = true; void worker.terminate(); },
      hold: (busy) => (busy ? worker.ref() : worker.unref()),
      onMessage: (handler) => void worker.on('message', (m: WorkerToHost) => handler(m)),
      onEnd: (handler) => void ended.push(handler),
    };
  }), 'worker thread');
}

export function createNodeWorkerEnvironmentFactory(options: NodeWorkerEnvironmentOptions = {}): EnvironmentFactory {
  const { onWorkerCount, ...engine } = options;
  let live = 0;
  const counted = (change: 1 | -1) => {
    live += change;
    onWorkerCount?.(live);
  };
  return createWorkerEnvironmentFactory({ ...engine, wasmModule: loadQuickJSWasmModule, spawn: () => spawnNodeWorker(quickJSEntry, counted) });
}

/** Python functions, each environment in its own sandboxed process, with a spare one's interpreter loaded once the first has answered. */
export function createNodePythonWorkerEnvironmentFactory(options: NodeWorkerEnvironmentOptions = {}): WorkerEnvironmentFactory {
  const { onWorkerCount, ...engine } = options;
  let live = 0;
  const counted = (change: 1 | -1) => {
    live += change;
    onWorkerCount?.(live);
  };
  return createWorkerEnvironmentFactory({
    ...engine,
    spawn: () => {
      const worker = spawnPythonSandbox(pythonWorkerBundle(), counted);
      // Idle (a spare), it must not keep the process alive; request() holds it while it works.
      worker.hold?.(false);
      return worker;
    },
    interruptsItself: false,
    spareWorker: true,
  });
}
