/**
 * The execution engine: Lambda's Node.js runtime on QuickJS, behind the contract in ./contract.
 *
 * In-process (tests, and behind a worker):
 *   const factory = createQuickJSEnvironmentFactory({ wasmModule });   // or { wasmLocation } in a page
 *   const env = await factory(spec, { clock: createVirtualClock(t0), random });
 *   const outcome = await env.invoke({ requestId, payload, invokedFunctionArn });
 *
 * In the page, each environment in its own Web Worker (see worker-host):
 *   createWorkerEnvironmentFactory({ spawn: () => adaptWebWorker(new Worker(new URL('../../hosts/page/worker-entry.ts', import.meta.url),
 *     { type: 'module' })), wasmLocation, wasmModule })
 * In Node: createNodeWorkerEnvironmentFactory() from src/hosts/node/node-worker-environment.
 *
 * An in-process factory keeps sandboxes (QuickJS runtimes with the generic bootstrap evaluated) ready
 * per recently used heap size: each environment that ends gives its sandbox back, reset from a memory
 * snapshot taken after the bootstrap (see heap-snapshot.ts), and one is built in a later macrotask
 * when none is left (see sandbox.ts).
 */
import type { EnvironmentFactory } from './contract.ts';
import { QuickJSExecutionEnvironment, type EngineOptions } from './execution-environment.ts';
import { QuickJSInstanceSource, type WasmSource } from './quickjs-loader.ts';
import { SandboxPool } from './sandbox.ts';

export type { Clock, EngineDeps, EnvironmentFactory, EnvironmentSpec, ExecutionEnvironment, InvocationOutcome, InvokeInput, LogEvent } from './contract.ts';
export { createVirtualClock, realClock, type VirtualClock } from './clock.ts';
export type { EngineOptions } from './execution-environment.ts';
export type { WasmSource } from './quickjs-loader.ts';

export interface QuickJSEnvironmentFactoryOptions extends EngineOptions, WasmSource {
  /**
   * Heap sizes for which sandboxes (bootstrap already evaluated) are kept ready between cold
   * starts, and reset for reuse; 0 when the factory serves a single environment, as in a worker. Default 2.
   */
  warmSandboxHeapSizes?: number;
  /**
   * The factory serves one environment for its life, as in a worker: no sandbox is built after a
   * cold start or reset for another environment, and only prepare() builds one ahead.
   */
  singleEnvironment?: boolean;
}

/** An EnvironmentFactory that can also build a sandbox ahead of the first environment that needs it. */
export interface QuickJSEnvironmentFactory extends EnvironmentFactory {
  /** Loads QuickJS and builds a sandbox for this memory size, unless one is ready. */
  prepare(memorySizeMb: number): Promise<void>;
}

/** Environments run in this thread: use behind a Worker (worker-host) wherever a page must survive hostile code. */
export function createQuickJSEnvironmentFactory(options: QuickJSEnvironmentFactoryOptions = {}): QuickJSEnvironmentFactory {
  const many = !options.singleEnvironment;
  const size = options.warmSandboxHeapSizes ?? 2;
  const sandboxes = new SandboxPool(new QuickJSInstanceSource(options), size, many, many && size > 0);
  const factory = async (spec: Parameters<EnvironmentFactory>[0], deps: Parameters<EnvironmentFactory>[1]) =>
    new QuickJSExecutionEnvironment(spec, deps, sandboxes, options);
  return Object.assign(factory, { prepare: (memorySizeMb: number) => sandboxes.prepare(memorySizeMb) });
}
