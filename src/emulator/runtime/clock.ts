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
  wallOffsetMs: 0,
  now: () => performance.timeOrigin + performance.now(),
  sleepUntil(epochMs: number) {
    const wait = epochMs - realClock.now();
    if (wait <= 0) return Promise.resolve();
    return new Promise((resolve) => globalThis.setTimeout(resolve, Math.ceil(wait)));
  },
};

/** Wall-clock time that a learner may move forward (the page's "Advance time"), so a schedule fires without waiting. */
export interface AdjustableClock extends Clock {
  /** Moves time forward by `ms`; sleeps due by the new time end at once. */
  advance(ms: number): void;
  /** How far ahead of the wall clock it runs, in milliseconds. */
  readonly wallOffsetMs: number;
}

export function createAdjustableClock(): AdjustableClock {
  let offset = 0;
  /** Sleepers, each woken early when an advance makes it due. */
  const sleepers = new Set<{ until: number; wake: () => void }>();
  const clock: AdjustableClock = {
    now: () => realClock.now() + offset,
    get wallOffsetMs() {
      return offset;
    },
    sleepUntil(epochMs: number) {
      const wait = epochMs - clock.now();
      if (wait <= 0) return Promise.resolve();
      return new Promise<void>((resolve) => {
        const sleeper = {
          until: epochMs,
          wake: () => {
            globalThis.clearTimeout(timer);
            sleepers.delete(sleeper);
            resolve();
          },
        };
        const timer = globalThis.setTimeout(sleeper.wake, Math.ceil(wait));
        sleepers.add(sleeper);
      });
    },
    advance(ms: number) {
      if (!(ms > 0)) return;
      offset += ms;
      const now = clock.now();
      for (const sleeper of [...sleepers]) if (sleeper.until <= now) sleeper.wake();
    },
  };
  return clock;
}

/** The wall clock `offset.ms` ahead: a worker's copy of the host's adjustable clock, moved at each message. */
export function createOffsetClock(offset: { ms: number }): Clock {
  return {
    get wallOffsetMs() {
      return offset.ms;
    },
    now: () => realClock.now() + offset.ms,
    sleepUntil: (epochMs) => realClock.sleepUntil(epochMs - offset.ms),
  };
}
