/** Clocks for the control plane are the engine's: one real clock (workers recognise it) and one virtual. */
export { createVirtualClock, realClock as systemClock, type VirtualClock } from '../runtime/clock.ts';

/** Where virtual time starts by default: a fixed instant, so logs and ARNs in tests repeat. */
export const VIRTUAL_EPOCH = Date.UTC(2026, 0, 1);

/** Lambda's timestamp format: `2026-01-01T00:00:00.000+0000`. */
export function isoMillis(epochMs: number): string {
  return new Date(epochMs).toISOString().replace('Z', '+0000');
}
