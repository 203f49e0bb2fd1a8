import { describe, expect, it } from 'vitest';
import { createVirtualClock, realClock } from './clock.ts';

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
});
