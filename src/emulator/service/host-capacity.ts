/**
 * Execution environments on one machine across every account it serves (a lab server's learners):
 * at most `max` alive at once. When the machine is full, a cold start anywhere shuts down the
 * machine's longest-idle environment, whoever's it is; when every one is busy, the cold start is
 * throttled as Lambda throttles (TooManyRequestsException). Each account keeps its own cap too, so
 * one learner's busy environments cannot take the whole machine.
 */

/** What the capacity needs from each account's pool. */
export interface IdleEnvironments {
  /** When the pool's longest-idle environment went idle, or undefined when none is idle. */
  longestIdleSince(): number | undefined;
  /** Shuts that environment down. */
  reclaimLongestIdle(): void;
}

export class HostCapacity {
  readonly #pools = new Set<IdleEnvironments>();
  #live = 0;

  constructor(readonly max: number) {
    if (!(max >= 1)) throw new RangeError(`a machine needs room for at least one execution environment, not ${max}`);
  }

  /** Environments alive on the machine now: starting, busy or idle. */
  get live(): number {
    return this.#live;
  }

  join(pool: IdleEnvironments): void {
    this.#pools.add(pool);
  }

  leave(pool: IdleEnvironments): void {
    this.#pools.delete(pool);
  }

  /** Whether one more environment fits, shutting down the machine's longest-idle ones to make room. */
  makeRoom(): boolean {
    while (this.#live >= this.max) {
      let oldest: IdleEnvironments | undefined;
      let since = Infinity;
      for (const pool of this.#pools) {
        const s = pool.longestIdleSince();
        if (s !== undefined && s < since) {
          since = s;
          oldest = pool;
        }
      }
      if (oldest === undefined) return false;
      oldest.reclaimLongestIdle();
    }
    return true;
  }

  started(): void {
    this.#live++;
  }

  stopped(): void {
    this.#live--;
  }
}
