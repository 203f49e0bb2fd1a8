/** Execution environments for the page: each in its own Web Worker, which the page can terminate. */
import wasmLocation from '@jitl/quickjs-wasmfile-release-sync/wasm?url';
import type { EnvironmentFactory } from '../emulator/runtime/contract';
import { adaptWebWorker, createWorkerEnvironmentFactory } from '../emulator/runtime/worker-host';

export function createBrowserEnvironmentFactory(): EnvironmentFactory {
  return createWorkerEnvironmentFactory({
    spawn: () => adaptWebWorker(new Worker(new URL('../emulator/runtime/worker-entry.ts', import.meta.url), { type: 'module' })),
    wasmLocation: new URL(wasmLocation, location.href).href,
    spareWorker: true,
  });
}
