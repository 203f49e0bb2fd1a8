/**
 * Web Worker entry: the page starts it with
 * `new Worker(new URL('./worker-entry.ts', import.meta.url), { type: 'module' })`.
 * Uses only the worker's own `postMessage` and `message` events.
 */
import { type HostToWorker, type WorkerToHost, serveExecutionEnvironments } from '../../emulator/index.ts';

interface WorkerScope {
  postMessage(message: WorkerToHost): void;
  addEventListener(type: 'message', listener: (event: { data: HostToWorker }) => void): void;
}

const scope = globalThis as unknown as WorkerScope;
serveExecutionEnvironments({
  post: (message) => scope.postMessage(message),
  onMessage: (handler) => scope.addEventListener('message', (event) => handler(event.data)),
});
