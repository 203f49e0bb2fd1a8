/** worker_threads entry for Python functions: serves Pyodide environments to the main thread (see node-worker-environment). */
import { parentPort } from 'node:worker_threads';
import { createPythonEnvironmentFactory, serveEnvironments, type HostToWorker, type PythonEnvironmentFactory } from '../../emulator/index.ts';
import { nodePyodideSource } from './pyodide.ts';

const port = parentPort;
if (!port) throw new Error('python-worker-entry must run in a worker thread');
let factory: PythonEnvironmentFactory | undefined;
// One environment per worker, one interpreter: loaded on prepare (a spare) or at the first INIT.
serveEnvironments(
  { post: (message) => port.postMessage(message), onMessage: (handler) => port.on('message', (m: HostToWorker) => handler(m)) },
  (options) => (factory ??= createPythonEnvironmentFactory({
    pyodide: nodePyodideSource, singleEnvironment: true,
    ...(options.logBytesPerInvocation !== undefined ? { logBytesPerInvocation: options.logBytesPerInvocation } : {}),
  })),
);
