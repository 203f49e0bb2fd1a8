import { describe, expect, it } from 'vitest';
import { createAdjustableClock, createVirtualClock, realClock } from './clock.ts';

describe('clocks', () => {
  it('a virtual clock jumps to the time slept until, and never goes back', async () => {
    const clock = createVirtualClock(1_000);
    await clock.sleepUntil(901_000);
    expect(clock.now()).toBe(901_000);
    await clock.sleepUntil(5);
    expect(clock.now()).toBe(901_000);
    clock.advance(-10);
    clock.advance(10);
    expect(clock.now()).toBe(901_010);
  });

  it('the real clock reads epoch milliseconds and resolves a past deadline at once', async () => {
    const before = Date.now();
    expect(Math.abs(realClock.now() - before)).toBeLessThan(1_000);
    await realClock.sleepUntil(realClock.now() - 1);
  });

  it('an adjustable clock runs on the wall clock, moves forward by hand, and wakes the sleepers an advance makes due', async () => {
    const clock = createAdjustableClock();
    const start = clock.now();
    let woke = false;
    const sleeping = clock.sleepUntil(start + 3_600_000).then(() => (woke = true));
    clock.advance(60_000);
    await Promise.resolve();
    expect(woke).toBe(false);
    clock.advance(3_600_000);
    await sleeping;
    expect(woke).toBe(true);
    expect(clock.now() - start).toBeGreaterThanOrEqual(3_660_000);
    clock.advance(-5);
    expect(clock.wallOffsetMs).toBe(3_660_000);
  });
});
