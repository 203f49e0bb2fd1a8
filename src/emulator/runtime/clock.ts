import type { Clock } from './contract.ts';

export type { Clock };

/** Where virtual time starts by default: a fixed instant, so logs and ARNs in tests repeat. */
export const VIRTUAL_EPOCH = Date.UTC(2026, 0, 1);

/** A clock that can be moved by hand; `sleepUntil` jumps at once, so long timeouts cost no real time. */
export interface VirtualClock extends Clock {
  /** Moves time forward by `ms` (never backwards). */
  advance(ms: number): void;
}

export function createVirtualClock(startEpochMs: number): VirtualClock {
  let current = startEpochMs;
  return {
    now: () => current,
    sleepUntil(epochMs: number) {
      if (epochMs > current) current = epochMs;
      return Promise.resolve();
    },
    advance(ms: number) {
      if (ms > 0) current += ms;
    },
  };
}

/** Wall-clock time with sub-millisecond precision, so Duration in REPORT lines has real decimals. */
export const realClock: Clock = {
  now: () => performance.timeOrigin + performance.now(),
  sleepUntil(epochMs: number) {
    const wait = epochMs - realClock.now();
    if (wait <= 0) return Promise.resolve();
    return new Promise((resolve) => globalThis.setTimeout(resolve, Math.ceil(wait)));
  },
};
