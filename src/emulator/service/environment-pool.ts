/**
 * Execution environments per function version, and the concurrency they add up to. One
 * environment serves one request at a time; warm ones wait idle for the next invoke until they
 * have been idle for `idleMs` (Lambda reclaims idle environments), and no more than
 * `maxEnvironments` live at once on this machine.
 */
import { EnvironmentUnavailableError, type EngineDeps, type EnvironmentFactory, type EnvironmentSpec, type ExecutionEnvironment, type InvocationOutcome, type InvokeInput } from '../runtime/contract.ts';
import { LambdaError } from './errors.ts';
import type { HostCapacity, IdleEnvironments } from './host-capacity.ts';

export type ThrottleReason = 'ReservedFunctionConcurrentInvocationLimitExceeded' | 'ConcurrentInvocationLimitExceeded';

export interface ConcurrencyView {
  accountLimit: number;
  /** Reserved concurrency by function name. */
  reserved(functionName: string): number | undefined;
  totalReserved(): number;
}

export interface PoolLimits {
  /** An environment idle this long (on the injected clock) is shut down. */
  idleMs: number;
  /** Most environments alive at once (starting, busy or idle), whatever the account allows. */
  maxEnvironments: number;
  /** The machine's cap across every account it serves (a lab server). */
  host?: HostCapacity;
}

interface IdleEnvironment {
  env: ExecutionEnvironment;
  /** When it last finished an invocation. */
  since: number;
}

/** Environments initialised ahead for one version or alias (provisioned concurrency). */
interface ProvisionedSet {
  functionName: string;
  version: string;
  idle: ExecutionEnvironment[];
  /** Serving an invocation now. */
  busy: number;
  /** Deprovisioned while some were busy: those are shut down when they finish. */
  retired: boolean;
}

interface Pool {
  /** Bumped when $LATEST changes: environments of an older generation are not reused. */
  generation: number;
  /** Oldest first: the newest is reused first, so the others age out. */
  idle: IdleEnvironment[];
}

export class EnvironmentPool implements IdleEnvironments {
  /** By function name, then version: both keys are the version config's own strings, so no key is built per invoke. */
  readonly #pools = new Map<string, Map<string, Pool>>();
  /** Provisioned environments by `provisionedKey` (function and qualifier). */
  readonly #provisioned = new Map<string, ProvisionedSet>();
  readonly #busyByFunction = new Map<string, number>();
  #busyUnreserved = 0;
  /** Environments starting, busy or idle. */
  #live = 0;
  #reclaiming = false;
  /**
   * No idle environment went idle before this (a lower bound: taking one out only raises the true
   * oldest), so an invoke skips the walk over every pool until the clock passes it plus `idleMs`.
   */
  #oldestIdleSince = Infinity;
  #timer: ReturnType<typeof globalThis.setTimeout> | undefined;

  constructor(
    private readonly factory: EnvironmentFactory,
    private readonly deps: EngineDeps,
    private readonly concurrency: ConcurrencyView,
    private readonly limits: PoolLimits,
  ) {
    limits.host?.join(this);
  }

  busy(functionName: string): number {
    return this.#busyByFunction.get(functionName) ?? 0;
  }

  idleCount(functionName: string, version: string): number {
    return this.#pools.get(functionName)?.get(version)?.idle.length ?? 0;
  }

  /** Environments alive now: starting, busy or idle. */
  get live(): number {
    return this.#live;
  }

  /** How many more invocations of `functionName` could run at once now. */
  available(functionName: string): number {
    const reserved = this.concurrency.reserved(functionName);
    if (reserved !== undefined) return Math.max(0, reserved - this.busy(functionName));
    return Math.max(0, this.concurrency.accountLimit - this.concurrency.totalReserved() - this.#busyUnreserved);
  }

  /** Why an invoke of `functionName` would be throttled now, if it would. */
  throttleReason(functionName: string): ThrottleReason | undefined {
    return this.#throttleReason(functionName, this.concurrency.reserved(functionName));
  }

  #throttleReason(functionName: string, reserved: number | undefined): ThrottleReason | undefined {
    if (reserved !== undefined) return this.busy(functionName) >= reserved ? 'ReservedFunctionConcurrentInvocationLimitExceeded' : undefined;
    const unreservedPool = this.concurrency.accountLimit - this.concurrency.totalReserved();
    return this.#busyUnreserved >= unreservedPool ? 'ConcurrentInvocationLimitExceeded' : undefined;
  }

  /**
   * Runs one invocation on a provisioned environment of `provisionedKey` if one is free, else on a
   * warm environment or a new one (spillover is on demand); throws TooManyRequestsException when throttled.
   */
  async invoke(spec: () => EnvironmentSpec, functionName: string, version: string, input: InvokeInput, provisionedKey?: string): Promise<{ outcome: InvocationOutcome; logStreamName: string }> {
    if (this.deps.clock.now() - this.limits.idleMs >= this.#oldestIdleSince) this.reclaimIdle();
    const reservedLimit = this.concurrency.reserved(functionName);
    const reason = this.#throttleReason(functionName, reservedLimit);
    if (reason) throw throttled(reason);
    const provisioned = provisionedKey === undefined ? undefined : this.#provisioned.get(provisionedKey);
    if (provisioned && provisioned.version === version && provisioned.idle.length > 0) return this.#invokeProvisioned(provisioned, input);
    const pool = this.#pool(functionName, version);
    const warm = pool.idle.pop()?.env;
    // A cold start needs room under the cap: the longest-idle environment makes way, or the invoke is throttled.
    if (!warm && !this.#makeRoom()) throw throttled('ConcurrentInvocationLimitExceeded');
    const reserved = reservedLimit !== undefined;
    this.#enter(functionName, reserved);
    if (!warm) this.#started();
    const generation = pool.generation;
    try {
      const env = warm ?? (await this.#start(spec()));
      const outcome = await this.#invokeIn(env, input);
      if (outcome.environmentDiscarded || pool.generation !== generation) this.#shutdown(env);
      else this.#park(pool, env);
      return { outcome, logStreamName: env.logStreamName };
    } finally {
      this.#leave(functionName, reserved);
    }
  }

  /** Counts an invocation of the function as running (and in the unreserved pool unless it has its own). */
  #enter(functionName: string, reserved: boolean): void {
    this.#busyByFunction.set(functionName, this.busy(functionName) + 1);
    if (!reserved) this.#busyUnreserved++;
  }

  #leave(functionName: string, reserved: boolean): void {
    this.#busyByFunction.set(functionName, this.busy(functionName) - 1);
    if (!reserved) this.#busyUnreserved--;
  }

  /** The environment's outcome. The contract says invoke never rejects for guest code: one that does is not trusted again. */
  async #invokeIn(env: ExecutionEnvironment, input: InvokeInput): Promise<InvocationOutcome> {
    try {
      return await env.invoke(input);
    } catch (err) {
      this.#shutdown(env);
      throw hostFailure(err);
    }
  }

  async #invokeProvisioned(set: ProvisionedSet, input: InvokeInput): Promise<{ outcome: InvocationOutcome; logStreamName: string }> {
    const env = set.idle.pop()!;
    const reserved = this.concurrency.reserved(set.functionName) !== undefined;
    this.#enter(set.functionName, reserved);
    set.busy++;
    try {
      const outcome = await this.#invokeIn(env, input);
      // A provisioned environment that had to be discarded is not replaced here: the config's status shows it.
      if (outcome.environmentDiscarded || set.retired) this.#shutdown(env);
      else set.idle.push(env);
      return { outcome, logStreamName: env.logStreamName };
    } finally {
      set.busy--;
      this.#leave(set.functionName, reserved);
    }
  }

  /**
   * Starts `count` environments for `provisionedKey` and runs their INIT now. Resolves with each
   * one's INIT log events (by log stream), and a failure when the engine cannot INIT ahead or INIT
   * failed (then none is kept).
   */
  async provision(provisionedKey: string, spec: EnvironmentSpec, count: number): Promise<{ inits: { logStreamName: string; logs: InvocationOutcome['logs'] }[]; failure?: 'init' | 'unsupported' | 'capacity' }> {
    this.deprovision(provisionedKey);
    const set: ProvisionedSet = { functionName: spec.functionName, version: spec.version, idle: [], busy: 0, retired: false };
    const inits: { logStreamName: string; logs: InvocationOutcome['logs'] }[] = [];
    let failure: 'init' | 'unsupported' | 'capacity' | undefined;
    for (let i = 0; i < count && !failure; i++) {
      if (!this.#makeRoom()) {
        failure = 'capacity';
        break;
      }
      this.#started();
      let env: ExecutionEnvironment;
      try {
        env = await this.#start(spec);
      } catch {
        failure = 'capacity';
        break;
      }
      if (!env.initialize) {
        this.#shutdown(env);
        failure = 'unsupported';
        break;
      }
      const init = await env.initialize();
      inits.push({ logStreamName: env.logStreamName, logs: init.logs });
      if (!init.ok) {
        this.#shutdown(env);
        failure = 'init';
        break;
      }
      set.idle.push(env);
    }
    if (failure) {
      for (const env of set.idle.splice(0)) this.#shutdown(env);
      return { inits, failure };
    }
    this.#provisioned.set(provisionedKey, set);
    return { inits };
  }

  /** Shuts the provisioned environments of `provisionedKey` down (busy ones when they finish). */
  deprovision(provisionedKey: string): void {
    const set = this.#provisioned.get(provisionedKey);
    if (!set) return;
    this.#provisioned.delete(provisionedKey);
    set.retired = true;
    for (const env of set.idle.splice(0)) this.#shutdown(env);
  }

  /** Provisioned environments of `provisionedKey` ready now (idle or busy), and the version they run. */
  provisionedCount(provisionedKey: string): { count: number; version: string } | undefined {
    const set = this.#provisioned.get(provisionedKey);
    return set ? { count: set.idle.length + set.busy, version: set.version } : undefined;
  }

  /** Shuts down every environment idle for `idleMs` or longer, as of the clock's now; returns how many. */
  reclaimIdle(): number {
    const cutoff = this.deps.clock.now() - this.limits.idleMs;
    let reclaimed = 0;
    let oldest = Infinity;
    for (const pool of this.#allPools()) {
      let expired = 0;
      while (expired < pool.idle.length && pool.idle[expired]!.since <= cutoff) expired++;
      for (const { env } of pool.idle.splice(0, expired)) this.#shutdown(env);
      reclaimed += expired;
      if (pool.idle.length > 0 && pool.idle[0]!.since < oldest) oldest = pool.idle[0]!.since;
    }
    this.#oldestIdleSince = oldest;
    return reclaimed;
  }

  /** When the next idle environment is due to be reclaimed, if any is idle. */
  nextReclaimAt(): number | undefined {
    let next: number | undefined;
    for (const pool of this.#allPools()) {
      const oldest = pool.idle[0];
      if (oldest && (next === undefined || oldest.since < next)) next = oldest.since;
    }
    return next === undefined ? undefined : next + this.limits.idleMs;
  }

  /** Reclaims idle environments in the background on real time (the HTTP server and the page). */
  startReclaiming(): void {
    this.#reclaiming = true;
    this.#wake();
  }

  stopReclaiming(): void {
    this.#reclaiming = false;
    if (this.#timer !== undefined) globalThis.clearTimeout(this.#timer);
    this.#timer = undefined;
  }

  /** Code or configuration changed: idle environments of this version are shut down, busy ones after they finish. */
  retire(functionName: string, version: string): void {
    const pool = this.#pools.get(functionName)?.get(version);
    if (pool) this.#retirePool(pool);
  }

  retireFunction(functionName: string): void {
    for (const pool of this.#pools.get(functionName)?.values() ?? []) this.#retirePool(pool);
    for (const k of [...this.#provisioned.keys()]) if (k.startsWith(`${functionName}\u0000`)) this.deprovision(k);
  }

  shutdownAll(): void {
    this.stopReclaiming();
    this.limits.host?.leave(this);
    for (const pool of this.#allPools()) this.#retirePool(pool);
    for (const k of [...this.#provisioned.keys()]) this.deprovision(k);
  }

  async #start(spec: EnvironmentSpec): Promise<ExecutionEnvironment> {
    try {
      return await this.factory(spec, this.deps);
    } catch (err) {
      this.#stopped();
      throw hostFailure(err);
    }
  }

  #park(pool: Pool, env: ExecutionEnvironment): void {
    const since = this.deps.clock.now();
    pool.idle.push({ env, since });
    if (since < this.#oldestIdleSince) this.#oldestIdleSince = since;
    if (this.#timer === undefined) this.#wake();
  }

  #shutdown(env: ExecutionEnvironment): void {
    this.#stopped();
    env.shutdown();
  }

  #started(): void {
    this.#live++;
    this.limits.host?.started();
  }

  #stopped(): void {
    this.#live--;
    this.limits.host?.stopped();
  }

  longestIdleSince(): number | undefined {
    return this.#longestIdle()?.idle[0]?.since;
  }

  reclaimLongestIdle(): void {
    const pool = this.#longestIdle();
    if (pool) this.#shutdown(pool.idle.shift()!.env);
  }

  #longestIdle(): Pool | undefined {
    let oldest: Pool | undefined;
    for (const pool of this.#allPools()) if (pool.idle[0] && (!oldest || pool.idle[0].since < oldest.idle[0]!.since)) oldest = pool;
    return oldest;
  }

  #retirePool(pool: Pool): void {
    pool.generation++;
    for (const { env } of pool.idle.splice(0)) this.#shutdown(env);
  }

  /** Whether one more environment fits under the cap, shutting down the longest-idle ones to make room. */
  #makeRoom(): boolean {
    const cap = Math.min(this.limits.maxEnvironments, this.concurrency.accountLimit);
    while (this.#live >= cap) {
      if (this.longestIdleSince() === undefined) return false;
      this.reclaimLongestIdle();
    }
    return this.limits.host?.makeRoom() ?? true;
  }

  #wake(): void {
    if (!this.#reclaiming) return;
    if (this.#timer !== undefined) globalThis.clearTimeout(this.#timer);
    this.#timer = undefined;
    const next = this.nextReclaimAt();
    if (next === undefined) return;
    this.#timer = globalThis.setTimeout(() => {
      this.#timer = undefined;
      this.reclaimIdle();
      this.#wake();
    }, Math.max(0, next - this.deps.clock.now()));
  }

  #pool(functionName: string, version: string): Pool {
    let versions = this.#pools.get(functionName);
    if (!versions) {
      versions = new Map();
      this.#pools.set(functionName, versions);
    }
    let pool = versions.get(version);
    if (!pool) {
      pool = { generation: 0, idle: [] };
      versions.set(version, pool);
    }
    return pool;
  }

  *#allPools(): Iterable<Pool> {
    for (const versions of this.#pools.values()) yield* versions.values();
  }
}

/** A host that cannot start an environment is out of capacity: Lambda throttles, it never fails the function. */
function hostFailure(err: unknown): unknown {
  return err instanceof EnvironmentUnavailableError ? throttled('ConcurrentInvocationLimitExceeded') : err;
}

export function throttled(reason: ThrottleReason): LambdaError {
  return new LambdaError('TooManyRequestsException', 'Rate Exceeded.', { fields: { Reason: reason }, headers: { 'Retry-After': '1' } });
}
