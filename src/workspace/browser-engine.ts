/** Execution environments for the page: each in its own Web Worker, which the page can terminate. */
import wasmLocation from '@jitl/quickjs-wasmfile-release-sync/wasm?url';
import type { EnvironmentFactory } from '../emulator/runtime/contract';
import { createWorkerEnvironmentFactory } from '../emulator/runtime/worker-host';
import type { WorkerLike } from '../emulator/runtime/worker-protocol';

function spawn(): WorkerLike {
  const worker = new Worker(new URL('../emulator/runtime/worker-entry.ts', import.meta.url), { type: 'module' });
  return {
    postMessage: (m) => worker.postMessage(m),
    terminate: () => worker.terminate(),
    onMessage: (handler) => worker.addEventListener('message', (e) => handler(e.data)),
    onError: (handler) =>
      worker.addEventListener('error', (e) => {
        e.preventDefault();
        handler(e.message || 'worker error');
      }),
  };
}

export function createBrowserEnvironmentFactory(): EnvironmentFactory {
  return createWorkerEnvironmentFactory({ spawn, wasmLocation: new URL(wasmLocation, location.href).href });
}
