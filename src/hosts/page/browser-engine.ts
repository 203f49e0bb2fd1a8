/**
 * Execution environments for the page: each in its own Web Worker, which the page can terminate.
 * Node.js functions run in QuickJS workers; Python functions in Pyodide workers, which load Pyodide
 * (about 14 MB, served by the site under pyodide/) only once a Python function first starts.
 */
import wasmLocation from '@jitl/quickjs-wasmfile-release-sync/wasm?url';
import { adaptWebWorker, createEngineChooser, createWorkerEnvironmentFactory, type WorkerEnvironmentFactory } from '../../emulator/index.ts';
import { RunningInvocations } from './running-invocations.ts';

/** Where the site serves Pyodide's files: copied there from the npm package at build (see astro.config.mjs). */
export function pyodideIndexURL(): string {
  return new URL(`${import.meta.env.BASE_URL}pyodide/`, location.href).href;
}

export interface BrowserEnvironmentFactory extends WorkerEnvironmentFactory {
  running: RunningInvocations;
}

export function createBrowserEnvironmentFactory(): BrowserEnvironmentFactory {
  const running = new RunningInvocations();
  const nodejs = createWorkerEnvironmentFactory({
    spawn: () => running.track(adaptWebWorker(new Worker(new URL('./worker-entry.ts', import.meta.url), { type: 'module' }))),
    wasmLocation: new URL(wasmLocation, location.href).href,
    spareWorker: true,
  });
  const python = createWorkerEnvironmentFactory({
    spawn: () => running.track(adaptWebWorker(new Worker(new URL('./python-worker-entry.ts', import.meta.url), { type: 'module' }))),
    pyodideIndexURL: pyodideIndexURL(),
    // Only terminating the worker stops a busy Python guest; a spare keeps the next cold start fast.
    interruptsItself: false,
    spareWorker: true,
  });
  return Object.assign(createEngineChooser({ nodejs, python }), { startSpareWorker: () => nodejs.startSpareWorker(), spareReady: () => nodejs.spareReady(), running });
}
