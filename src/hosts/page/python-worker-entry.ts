/**
 * Web Worker entry for Python functions: one Pyodide interpreter per worker, loaded from where the
 * site serves Pyodide's files (the host sends `pyodideIndexURL`), so nothing comes from a CDN and
 * a second visit loads from the browser's cache. The page terminates the worker to stop a guest.
 */
import { createPythonEnvironmentFactory, serveEnvironments, type HostToWorker, type PyodideSource, type PythonEnvironmentFactory, type WorkerToHost } from '../../emulator/index.ts';

interface WorkerScope {
  postMessage(message: WorkerToHost): void;
  addEventListener(type: 'message', listener: (event: { data: HostToWorker }) => void): void;
}

/** Pyodide's own modules, from the site, not bundled: they find their wasm and standard library beside themselves. */
function pyodideFrom(indexURL: string): PyodideSource {
  const load = <T>(file: string) => import(/* @vite-ignore */ `${indexURL}${file}`) as Promise<T>;
  return {
    indexURL,
    loadPyodide: async (options) => (await load<typeof import('pyodide')>('pyodide.mjs')).loadPyodide(options),
    createPyodideModule: async (settings) => (await load<{ default: (s: Record<string, unknown>) => Promise<unknown> }>('pyodide.asm.mjs')).default(settings),
  };
}

const scope = globalThis as unknown as WorkerScope;
let factory: PythonEnvironmentFactory | undefined;
serveEnvironments(
  { post: (message) => scope.postMessage(message), onMessage: (handler) => scope.addEventListener('message', (event) => handler(event.data)) },
  (options) => {
    if (!options.pyodideIndexURL) throw new Error('The page did not say where Pyodide is served (pyodideIndexURL).');
    return (factory ??= createPythonEnvironmentFactory({
      pyodide: pyodideFrom(options.pyodideIndexURL), singleEnvironment: true,
      ...(options.logBytesPerInvocation !== undefined ? { logBytesPerInvocation: options.logBytesPerInvocation } : {}),
    }));
  },
);
