/** Shared set-up for the engine's tests: a function spec from source text, seeded randomness, a virtual clock. */
import {
  type EngineDeps,
  type EnvironmentFactory,
  type EnvironmentSpec,
  type ExecutionEnvironment,
  type InvocationOutcome,
  createVirtualClock,
  seededRandom as mulberry32,
  type VirtualClock,
} from '../../src/emulator/index.ts';

export const START = Date.UTC(2026, 6, 22, 10, 0, 0);
export const ARN = 'arn:aws:lambda:us-east-1:111111111111:function:fn';

/** The emulator's seeded generator, so log stream names and ids repeat run to run. */
export function seededRandom(seed = 42): () => number {
  return mulberry32(seed);
}

export function makeSpec(files: Record<string, string>, overrides: Partial<EnvironmentSpec> & { layer?: Record<string, string> } = {}): EnvironmentSpec {
  const enc = new TextEncoder();
  const bytes = (m: Record<string, string>) => Object.fromEntries(Object.entries(m).map(([k, v]) => [k, enc.encode(v)]));
  const { layer, ...rest } = overrides;
  return {
    functionName: 'fn', version: '$LATEST', functionArn: ARN, region: 'us-east-1', accountId: '111111111111',
    runtime: 'nodejs22.x', handler: 'index.handler', memorySize: 128, timeout: 3, ephemeralStorage: 512, environment: {},
    code: bytes(files), opt: bytes(layer ?? {}), ...rest,
  };
}

export interface Harness {
  clock: VirtualClock;
  deps: EngineDeps;
  env: ExecutionEnvironment;
  invoke(payload?: unknown, requestId?: string): Promise<InvocationOutcome>;
}

let counter = 0;
/** A fresh environment on a virtual clock; request ids are `00000000-0000-4000-8000-<12 digits>`. */
export async function harness(factory: EnvironmentFactory, spec: EnvironmentSpec): Promise<Harness> {
  const clock = createVirtualClock(START);
  const deps = { clock, random: seededRandom() };
  const env = await factory(spec, deps);
  return {
    clock, deps, env,
    invoke: (payload: unknown = {}, requestId?: string) =>
      env.invoke({
        requestId: requestId ?? `00000000-0000-4000-8000-${String(++counter).padStart(12, '0')}`,
        payload: typeof payload === 'string' ? payload : JSON.stringify(payload),
        invokedFunctionArn: ARN,
      }),
  };
}

export const messages = (o: InvocationOutcome): string[] => o.logs.map((l) => l.message);
