/**
 * A token bucket per account: `perSecond` requests a second on average, bursts of up to `burst`.
 * AWS throttles each account's calls the same way, so one learner's loop cannot crowd out the class.
 */
export interface RateLimit {
  perSecond: number;
  burst: number;
}

export class RateLimiter {
  readonly #limit: RateLimit;
  readonly #now: () => number;
  readonly #buckets = new Map<string, { tokens: number; at: number }>();

  constructor(limit: RateLimit, now: () => number) {
    this.#limit = limit;
    this.#now = now;
  }

  /** Takes one request's token from `account`'s bucket; false when it is empty (the request is throttled). */
  take(account: string): boolean {
    const now = this.#now();
    const bucket = this.#buckets.get(account) ?? { tokens: this.#limit.burst, at: now };
    bucket.tokens = Math.min(this.#limit.burst, bucket.tokens + ((now - bucket.at) / 1000) * this.#limit.perSecond);
    bucket.at = now;
    this.#buckets.set(account, bucket);
    if (bucket.tokens < 1) return false;
    bucket.tokens -= 1;
    return true;
  }
}
