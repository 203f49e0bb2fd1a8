import { describe, expect, it } from 'vitest';
import type { EnvironmentFactory, ExecutionEnvironment } from './contract.ts';
import { createEngineChooser } from './engine-chooser.ts';
import { DEFAULT_HANDLERS, EMULATED_RUNTIMES, pythonMinor, runtimeFamily } from './runtimes.ts';
import { createVirtualClock } from './clock.ts';
import { makeSpec } from '../../../tests/support/engine-harness.ts';

/** A fake engine that only records which runtimes it was asked for. */
function recorder(asked: string[]): EnvironmentFactory {
  return async (spec) => {
    asked.push(spec.runtime);
    return { logStreamName: 'x', invoke: () => Promise.reject(new Error('not run')), shutdown: () => {} } satisfies ExecutionEnvironment;
  };
}

const deps = { clock: createVirtualClock(0), random: () => 0.5 };

describe('the engine chooser', () => {
  it('hands each runtime to its family\'s engine, and nothing else', async () => {
    const node: string[] = [];
    const python: string[] = [];
    const choose = createEngineChooser({ nodejs: recorder(node), python: recorder(python) });
    for (const runtime of EMULATED_RUNTIMES) await choose(makeSpec({}, { runtime }), deps);
    expect(node).toEqual(['nodejs18.x', 'nodejs20.x', 'nodejs22.x', 'nodejs24.x']);
    expect(python).toEqual(['python3.12', 'python3.13', 'python3.14']);
  });

  it('refuses a family the host has no engine for, naming the runtime', async () => {
    const choose = createEngineChooser({ nodejs: recorder([]) });
    await expect(choose(makeSpec({}, { runtime: 'python3.13' }), deps)).rejects.toThrow('This emulator host has no engine for python3.13 functions.');
  });
});

describe('runtime families', () => {
  it('names the family, the console\'s default handler and the Python minor version Lambda lays paths out for', () => {
    expect([runtimeFamily('nodejs22.x'), runtimeFamily('python3.12'), runtimeFamily('python3.11'), runtimeFamily('java21')]).toEqual(['nodejs', 'python', undefined, undefined]);
    expect(DEFAULT_HANDLERS).toEqual({ nodejs: 'index.handler', python: 'lambda_function.lambda_handler' });
    expect([pythonMinor('python3.12'), pythonMinor('python3.13'), pythonMinor('python3.14')]).toEqual(['3.12', '3.13', '3.14']);
  });
});
