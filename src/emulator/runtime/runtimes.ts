/**
 * The runtimes the emulator runs, by family. Each family has its own engine behind the contract
 * (engine-chooser.ts picks it); everything else reads the family from here.
 */

export const NODEJS_RUNTIMES = ['nodejs18.x', 'nodejs20.x', 'nodejs22.x', 'nodejs24.x'] as const;
/** All three run on the one CPython Pyodide ships (3.14): see python/interpreters.ts. */
export const PYTHON_RUNTIMES = ['python3.12', 'python3.13', 'python3.14'] as const;
export const EMULATED_RUNTIMES: readonly string[] = [...NODEJS_RUNTIMES, ...PYTHON_RUNTIMES];

export type EmulatedFamily = 'nodejs' | 'python';

export function runtimeFamily(runtime: string): EmulatedFamily | undefined {
  if ((NODEJS_RUNTIMES as readonly string[]).includes(runtime)) return 'nodejs';
  if ((PYTHON_RUNTIMES as readonly string[]).includes(runtime)) return 'python';
  return undefined;
}

/** The handler Lambda's console gives a new function of each family. */
export const DEFAULT_HANDLERS: Record<EmulatedFamily, string> = {
  nodejs: 'index.handler',
  python: 'lambda_function.lambda_handler',
};

/** `3.12` for `python3.12`: the version Lambda lays out paths for, whatever interpreter runs. */
export function pythonMinor(runtime: string): string {
  return /^python(\d+\.\d+)$/.exec(runtime)?.[1] ?? '3.14';
}
