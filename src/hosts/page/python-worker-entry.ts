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

/**
 * Counts Pyodide's files (the wasm and the standard library, about 14 MB) as they stream in, and
 * tells the page, which shows a first visit's download; a cached or encoded file reports no total.
 */
function reportDownloads(indexURL: string): void {
  const original = globalThis.fetch.bind(globalThis);
  const files = new Map<string, { loaded: number; total: number; done: boolean }>();
  const report = () => {
    let loadedBytes = 0;
    let totalBytes = 0;
    let done = true;
    let sized = true;
    for (const f of files.values()) {
      loadedBytes += f.loaded;
      totalBytes += f.total;
      done &&= f.done;
      sized &&= f.total > 0;
    }
    scope.postMessage({ type: 'engine-loading', loadedBytes, totalBytes: sized ? totalBytes : 0, done });
  };
  globalThis.fetch = async (input, init) => {
    const response = await original(input, init);
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    if (!url.startsWith(indexURL) || !response.body) return response;
    // With Content-Encoding, Content-Length counts the compressed bytes, not the ones read here.
    const total = response.headers.has('content-encoding') ? 0 : Number(response.headers.get('content-length')) || 0;
    const file = { loaded: 0, total, done: false };
    files.set(url, file);
    // A clone is read to count: Pyodide gets the response itself, whose URL lets the browser reuse
    // its compiled wasm on a later visit (a rebuilt Response would lose that).
    const reader = response.clone().body!.getReader();
    void (async () => {
      let reported = 0;
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        file.loaded += value.byteLength;
        if (performance.now() - reported > 100) {
          reported = performance.now();
          report();
        }
      }
      file.done = true;
      report();
    })().catch(() => undefined);
    return response;
  };
}

let factory: PythonEnvironmentFactory | undefined;
serveEnvironments(
  { post: (message) => scope.postMessage(message), onMessage: (handler) => scope.addEventListener('message', (event) => handler(event.data)) },
  (options) => {
    if (!options.pyodideIndexURL) throw new Error('The page did not say where Pyodide is served (pyodideIndexURL).');
    if (!factory) reportDownloads(options.pyodideIndexURL);
    return (factory ??= createPythonEnvironmentFactory({
      pyodide: pyodideFrom(options.pyodideIndexURL), singleEnvironment: true,
      ...(options.logBytesPerInvocation !== undefined ? { logBytesPerInvocation: options.logBytesPerInvocation } : {}),
    }));
  },
);
