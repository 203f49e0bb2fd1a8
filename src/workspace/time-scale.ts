/** The timeline's time axis: the visible window, zooming and panning it, and readable ticks. */

export interface TimeWindow {
  from: number;
  to: number;
}

/** The shortest window the timeline zooms into: 1 ms, below the REPORT's 0.01 ms only noise. */
export const MIN_SPAN_MS = 1;

/** The whole timeline with a margin, so the first and last bars are not on the edges. */
export function fullWindow(from: number, to: number): TimeWindow {
  const span = Math.max(MIN_SPAN_MS * 10, to - from);
  return { from: from - span * 0.02, to: to + span * 0.02 };
}

/** Zooms by `factor` (below 1 zooms in) around `center`, never beyond the full window nor under MIN_SPAN_MS. */
export function zoom(view: TimeWindow, full: TimeWindow, factor: number, center = (view.from + view.to) / 2): TimeWindow {
  const fullSpan = full.to - full.from;
  const span = Math.min(fullSpan, Math.max(MIN_SPAN_MS, (view.to - view.from) * factor));
  const ratio = (center - view.from) / Math.max(1e-9, view.to - view.from);
  return clampWindow({ from: center - span * ratio, to: center - span * ratio + span }, full);
}

/** Moves the window by a fraction of its span (negative: back in time), inside the full window. */
export function pan(view: TimeWindow, full: TimeWindow, fraction: number): TimeWindow {
  const shift = (view.to - view.from) * fraction;
  return clampWindow({ from: view.from + shift, to: view.to + shift }, full);
}

function clampWindow(w: TimeWindow, full: TimeWindow): TimeWindow {
  const span = w.to - w.from;
  if (span >= full.to - full.from) return { ...full };
  if (w.from < full.from) return { from: full.from, to: full.from + span };
  if (w.to > full.to) return { from: full.to - span, to: full.to };
  return w;
}

const STEPS_MS = [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000, 5000, 10_000, 15_000, 30_000, 60_000, 120_000, 300_000, 600_000, 900_000, 1_800_000, 3_600_000, 7_200_000, 10_800_000, 21_600_000, 43_200_000, 86_400_000];

export interface Tick {
  at: number;
  label: string;
}

/**
 * Ticks at a round step (1, 2 or 5 of a unit), at most `maxTicks` of them, labelled in UTC as
 * CloudWatch shows times: HH:MM, HH:MM:SS, or with milliseconds when the step is under a second.
 */
export function timeTicks(w: TimeWindow, maxTicks = 8): { step: number; ticks: Tick[] } {
  const span = Math.max(MIN_SPAN_MS, w.to - w.from);
  const step = STEPS_MS.find((s) => span / s <= maxTicks) ?? STEPS_MS[STEPS_MS.length - 1]!;
  const ticks: Tick[] = [];
  for (let at = Math.ceil(w.from / step) * step; at <= w.to; at += step) ticks.push({ at, label: timeLabel(at, step) });
  return { step, ticks };
}

export function timeLabel(at: number, step: number): string {
  const iso = new Date(at).toISOString(); // 2026-12-04T21:17:14.123Z
  if (step < 1000) return iso.slice(11, 23);
  if (step < 60_000) return iso.slice(11, 19);
  return iso.slice(11, 16);
}

/** A duration as the console writes it: milliseconds under a second, seconds above. */
export function spanLabel(ms: number): string {
  if (ms < 1000) return `${Number(ms.toFixed(2))} ms`;
  if (ms < 60_000) return `${Number((ms / 1000).toFixed(2))} s`;
  return `${Number((ms / 60_000).toFixed(1))} min`;
}
