/** Clocks for the control plane: the engine's real clock (one object, so workers know it is real) and a virtual one for tests. */
import type { Clock } from '../runtime/contract.ts';
export { realClock as systemClock } from '../runtime/clock.ts';

/** Time that moves only when told to: a six-hour retry schedule runs in milliseconds. */
export class VirtualClock implements Clock {
  #now: number;
  constructor(startMs = Date.UTC(2026, 0, 1)) {
    this.#now = startMs;
  }
  now(): number {
    return this.#now;
  }
  async sleepUntil(epochMs: number): Promise<void> {
    if (epochMs > this.#now) this.#now = epochMs;
  }
  advance(ms: number): void {
    this.#now += ms;
  }
}
