/** Clocks for the emulator: the real one for the page and the server, a virtual one for tests and replays. */
import type { Clock } from '../runtime/contract.ts';

export const systemClock: Clock = {
  now: () => Date.now(),
  sleepUntil: (epochMs) =>
    new Promise((resolve) => {
      globalThis.setTimeout(resolve, Math.max(0, epochMs - Date.now()));
    }),
};

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
