/**
 * Entry of a Python worker: serves Pyodide environments to the main thread (see
 * node-worker-environment). It runs as a sandboxed child process (python-sandbox.ts), talking over
 * its IPC channel; as a worker thread (parentPort) where a caller still starts it so.
 */
import dgram from 'node:dgram';
import { constants as fsConstants } from 'node:fs';
import net from 'node:net';
import { constants as osConstants } from 'node:os';
import { parentPort } from 'node:worker_threads';
import { createPythonEnvironmentFactory, serveEnvironments, type HostToWorker, type PythonEnvironmentFactory, type WorkerPort } from '../../emulator/index.ts';
import { nodePyodideSource } from './pyodide.ts';

function channel(): WorkerPort {
  if (parentPort) {
    const port = parentPort;
    return { post: (message) => port.postMessage(message), onMessage: (handler) => port.on('message', (m: HostToWorker) => handler(m)) };
  }
  if (!process.send) throw new Error('python-worker-entry must run in a worker thread or a child process with an IPC channel');
  const send = process.send.bind(process);
  // The parent gone (killed, crashed), this process has no one to serve: a message still on its way is dropped, not thrown.
  process.once('disconnect', () => process.exit(0));
  const post = (message: unknown) => {
    if (process.connected) send(message as never, undefined, undefined, () => {});
  };
  return { post, onMessage: (handler) => process.on('message', (m) => handler(m as HostToWorker)) };
}

// Under the permission model process.binding is refused, and Pyodide's NODEFS reads only the
// file-system constants through it at load: give it those, and nothing else.
// The permission model has no say over the network: a sandboxed worker closes it itself, before
// any guest code runs (its IPC channel is already open and needs none of these).
const sandboxed = process as unknown as { permission?: unknown; binding(name: string): unknown };
if (sandboxed.permission) {
  const refused = sandboxed.binding.bind(process);
  sandboxed.binding = (name) => (name === 'constants' ? { fs: fsConstants, os: osConstants } : refused(name));
  const noNetwork = () => {
    throw new Error('Network access is not available to functions in the Lambda Workbook emulator.');
  };
  net.Socket.prototype.connect = noNetwork;
  net.Server.prototype.listen = noNetwork;
  dgram.Socket.prototype.bind = noNetwork;
  dgram.Socket.prototype.send = noNetwork;
  dgram.Socket.prototype.connect = noNetwork;
}

let factory: PythonEnvironmentFactory | undefined;
// One environment per worker, one interpreter: loaded on prepare (a spare) or at the first INIT.
serveEnvironments(channel(), (options) => (factory ??= createPythonEnvironmentFactory({
  pyodide: nodePyodideSource, singleEnvironment: true,
  ...(options.logBytesPerInvocation !== undefined ? { logBytesPerInvocation: options.logBytesPerInvocation } : {}),
})));
