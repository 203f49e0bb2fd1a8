/** Execution environments for the page: each in its own Web Worker, which the page can terminate. */
import wasmLocation from '@jitl/quickjs-wasmfile-release-sync/wasm?url';
import { adaptWebWorker, createWorkerEnvironmentFactory, type WorkerEnvironmentFactory } from '../../emulator/index.ts';

export function createBrowserEnvironmentFactory(): WorkerEnvironmentFactory {
  return createWorkerEnvironmentFactory({
    spawn: () => adaptWebWorker(new Worker(new URL('./worker-entry.ts', import.meta.url), { type: 'module' })),
    wasmLocation: new URL(wasmLocation, location.href).href,
    spareWorker: true,
  });
}
