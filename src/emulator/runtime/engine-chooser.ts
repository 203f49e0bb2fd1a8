/**
 * One EnvironmentFactory over one engine per runtime family (QuickJS for Node.js, Pyodide for
 * Python): the service hands every function to it and never learns which engine runs it.
 */
import type { EnvironmentFactory } from './contract.ts';
import { runtimeFamily, type EmulatedFamily } from './runtimes.ts';

export type EnginesByFamily = { [F in EmulatedFamily]?: EnvironmentFactory };

export function createEngineChooser(engines: EnginesByFamily): EnvironmentFactory {
  return (spec, deps) => {
    const family = runtimeFamily(spec.runtime);
    const engine = family ? engines[family] : undefined;
    // Validation lets only emulated runtimes through; a host may still lack an engine for one family.
    if (!engine) return Promise.reject(new Error(`This emulator host has no engine for ${spec.runtime} functions.`));
    return engine(spec, deps);
  };
}
