/**
 * The execution engine: Lambda's Node.js runtime on QuickJS, behind the contract in ./contract.
 *
 * In-process (tests, and behind a worker):
 *   const factory = createQuickJSEnvironmentFactory({ wasmModule });   // or { wasmLocation } in a page
 *   const env = await factory(spec, { clock: createVirtualClock(t0), random });
 *   const outcome = await env.invoke({ requestId, payload, invokedFunctionArn });
 *
 * In the page, each environment in its own Web Worker (see worker-host):
 *   createWorkerEnvironmentFactory({ spawn: () => adaptWebWorker(new Worker(new URL('./worker-entry.ts', import.meta.url),
 *     { type: 'module' })), wasmLocation, wasmModule })
 * In Node: createNodeWorkerEnvironmentFactory() from src/cli/node-worker-environment.
 */
import type { EnvironmentFactory } from './contract';
import { QuickJSExecutionEnvironment, type EngineOptions } from './execution-environment';
import { QuickJSInstanceSource, type WasmSource } from './quickjs-loader';

export type { Clock, EngineDeps, EnvironmentFactory, EnvironmentSpec, ExecutionEnvironment, InvocationOutcome, InvokeInput, LogEvent } from './contract';
export { createVirtualClock, realClock, type VirtualClock } from './clock';
export type { EngineOptions } from './execution-environment';
export type { WasmSource } from './quickjs-loader';

export interface QuickJSEnvironmentFactoryOptions extends EngineOptions, WasmSource {}

/** Environments run in this thread: use behind a Worker (worker-host) wherever a page must survive hostile code. */
export function createQuickJSEnvironmentFactory(options: QuickJSEnvironmentFactoryOptions = {}): EnvironmentFactory {
  const instances = new QuickJSInstanceSource(options);
  return async (spec, deps) => new QuickJSExecutionEnvironment(spec, deps, instances, options);
}
