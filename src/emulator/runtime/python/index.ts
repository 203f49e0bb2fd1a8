/**
 * The Python engine: Lambda's Python runtimes (python3.12 to python3.14) on CPython 3.14 in
 * Pyodide, behind the contract in ../contract. The host supplies Pyodide (a PyodideSource):
 *
 *   const factory = createPythonEnvironmentFactory({ pyodide: await nodePyodideSource() });
 *   const env = await factory(spec, { clock, random, aws });
 *
 * In-process, an interpreter is kept loading ahead and later ones restore from a snapshot; that
 * suits tests and the bench. Hosts run it in a worker (src/hosts/node/python-worker-environment.ts),
 * where a busy loop can be stopped by terminating the worker.
 */
import type { EngineDeps, EnvironmentFactory, EnvironmentSpec } from '../contract.ts';
import { PythonInterpreters, type PyodideSource } from './interpreters.ts';
import { PythonExecutionEnvironment, type PythonEngineOptions } from './python-environment.ts';

export type { PyodideSource } from './interpreters.ts';
export type { PythonEngineOptions } from './python-environment.ts';

export interface PythonEnvironmentFactoryOptions extends PythonEngineOptions {
  pyodide: PyodideSource;
  /** The factory serves one environment for its life, as in a worker: one interpreter, no spare, no snapshot. */
  singleEnvironment?: boolean;
}

/** An EnvironmentFactory that can also load an interpreter before the first environment needs one. */
export interface PythonEnvironmentFactory extends EnvironmentFactory {
  prepare(memorySizeMb?: number): Promise<void>;
}

export function createPythonEnvironmentFactory(options: PythonEnvironmentFactoryOptions): PythonEnvironmentFactory {
  const many = !options.singleEnvironment;
  const interpreters = new PythonInterpreters(options.pyodide, { keepSpare: many, snapshots: many });
  const factory = async (spec: EnvironmentSpec, deps: EngineDeps) => new PythonExecutionEnvironment(spec, deps, interpreters, options);
  return Object.assign(factory, { prepare: () => interpreters.prepare() });
}
