/** Execution environments for the page: each in its own Web Worker, which the page can terminate. */
import wasmLocation from '@jitl/quickjs-wasmfile-release-sync/wasm?url';
import { adaptWebWorker, createEngineChooser, createWorkerEnvironmentFactory, type WorkerEnvironmentFactory } from '../../emulator/index.ts';

/** Node.js functions only, for now: a Python function is refused with a message that says so. */
export function createBrowserEnvironmentFactory(): WorkerEnvironmentFactory {
  const nodejs = createWorkerEnvironmentFactory({
    spawn: () => adaptWebWorker(new Worker(new URL('./worker-entry.ts', import.meta.url), { type: 'module' })),
    wasmLocation: new URL(wasmLocation, location.href).href,
    spareWorker: true,
  });
  return Object.assign(createEngineChooser({ nodejs }), { startSpareWorker: () => nodejs.startSpareWorker(), spareReady: () => nodejs.spareReady() });
}
