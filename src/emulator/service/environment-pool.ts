/**
 * Execution environments per function version, and the concurrency they add up to. One
 * environment serves one request at a time; warm ones wait idle for the next invoke.
 */
import type { EngineDeps, EnvironmentFactory, EnvironmentSpec, ExecutionEnvironment, InvocationOutcome, InvokeInput } from '../runtime/contract.ts';
import { LambdaError } from './errors.ts';

export type ThrottleReason = 'ReservedFunctionConcurrentInvocationLimitExceeded' | 'ConcurrentInvocationLimitExceeded';

export interface ConcurrencyView {
  accountLimit: number;
  /** Reserved concurrency by function name. */
  reserved(functionName: string): number | undefined;
  totalReserved(): number;
}

interface Pool {
  /** Bumped when $LATEST changes: environments of an older generation are not reused. */
  generation: number;
  idle: ExecutionEnvironment[];
}

export class EnvironmentPool {
  readonly #pools = new Map<string, Pool>();
  readonly #busyByFunction = new Map<string, number>();
  #busyUnreserved = 0;

  constructor(
    private readonly factory: EnvironmentFactory,
    private readonly deps: EngineDeps,
    private readonly concurrency: ConcurrencyView,
  ) {}

  busy(functionName: string): number {
    return this.#busyByFunction.get(functionName) ?? 0;
  }

  idleCount(functionName: string, version: string): number {
    return this.#pools.get(key(functionName, version))?.idle.length ?? 0;
  }

  /** How many more invocations of `functionName` could run at once now. */
  available(functionName: string): number {
    const reserved = this.concurrency.reserved(functionName);
    if (reserved !== undefined) return Math.max(0, reserved - this.busy(functionName));
    return Math.max(0, this.concurrency.accountLimit - this.concurrency.totalReserved() - this.#busyUnreserved);
  }

  /** Why an invoke of `functionName` would be throttled now, if it would. */
  throttleReason(functionName: string): ThrottleReason | undefined {
    const reserved = this.concurrency.reserved(functionName);
    if (reserved !== undefined) return this.busy(functionName) >= reserved ? 'ReservedFunctionConcurrentInvocationLimitExceeded' : undefined;
    const unreservedPool = this.concurrency.accountLimit - this.concurrency.totalReserved();
    return this.#busyUnreserved >= unreservedPool ? 'ConcurrentInvocationLimitExceeded' : undefined;
  }

  /** Runs one invocation on a warm environment or a new one; throws TooManyRequestsException when throttled. */
  async invoke(spec: () => EnvironmentSpec, functionName: string, version: string, input: InvokeInput): Promise<{ outcome: InvocationOutcome; logStreamName: string }> {
    const reason = this.throttleReason(functionName);
    if (reason) throw throttled(reason);
    const reserved = this.concurrency.reserved(functionName) !== undefined;
    this.#busyByFunction.set(functionName, this.busy(functionName) + 1);
    if (!reserved) this.#busyUnreserved++;
    const pool = this.#pool(functionName, version);
    const generation = pool.generation;
    try {
      const env = pool.idle.pop() ?? (await this.factory(spec(), this.deps));
      let outcome: InvocationOutcome;
      try {
        outcome = await env.invoke(input);
      } catch (err) {
        // The contract says invoke never rejects; if an engine breaks that, the environment is not trusted again.
        env.shutdown();
        throw err;
      }
      if (outcome.environmentDiscarded || pool.generation !== generation) env.shutdown();
      else pool.idle.push(env);
      return { outcome, logStreamName: env.logStreamName };
    } finally {
      this.#busyByFunction.set(functionName, this.busy(functionName) - 1);
      if (!reserved) this.#busyUnreserved--;
    }
  }

  /** Code or configuration changed: idle environments of this version are shut down, busy ones after they finish. */
  retire(functionName: string, version: string): void {
    const pool = this.#pools.get(key(functionName, version));
    if (!pool) return;
    pool.generation++;
    for (const env of pool.idle.splice(0)) env.shutdown();
  }

  retireFunction(functionName: string): void {
    for (const [k, pool] of this.#pools) {
      if (k.startsWith(`${functionName}\u0000`)) {
        pool.generation++;
        for (const env of pool.idle.splice(0)) env.shutdown();
      }
    }
  }

  shutdownAll(): void {
    for (const pool of this.#pools.values()) {
      pool.generation++;
      for (const env of pool.idle.splice(0)) env.shutdown();
    }
  }

  #pool(functionName: string, version: string): Pool {
    const k = key(functionName, version);
    let pool = this.#pools.get(k);
    if (!pool) {
      pool = { generation: 0, idle: [] };
      this.#pools.set(k, pool);
    }
    return pool;
  }
}

function key(functionName: string, version: string): string {
  return `${functionName}\u0000${version}`;
}

export function throttled(reason: ThrottleReason): LambdaError {
  return new LambdaError('TooManyRequestsException', 'Rate Exceeded.', { fields: { Reason: reason }, headers: { 'Retry-After': '1' } });
}
