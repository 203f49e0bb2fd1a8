/**
 * The function's CloudWatch metrics (namespace AWS/Lambda) at one-minute period, computed from the
 * invocation timeline as Lambda defines them:
 * - Invocations (Sum): every time the function code ran, errors and retries included; throttled
 *   requests are not invocations.
 * - Errors (Sum): invocations that ended in a function error (the handler's exception, a runtime
 *   crash, a timeout, a failed INIT).
 * - Duration (Average, Maximum), milliseconds: time the function code spent processing the event,
 *   as REPORT's Duration; INIT (cold start) time is not included.
 * - Throttles (Sum): invocation requests refused for lack of concurrency.
 * - ConcurrentExecutions (Maximum): the most environments processing an event at once.
 * A datapoint belongs to the minute its invocation started in (UTC minutes). A minute with nothing
 * to report has no datapoint, as in CloudWatch: null, drawn as a gap.
 */
import { maxInFlight, type Timeline } from './timeline.ts';

export const PERIOD_MS = 60_000;

export interface MinuteDatapoint {
  /** Start of the minute, epoch milliseconds. */
  minute: number;
  invocations: number | null;
  errors: number | null;
  durationAverage: number | null;
  durationMaximum: number | null;
  throttles: number | null;
  concurrentExecutions: number | null;
}

export const METRICS = [
  { key: 'invocations', name: 'Invocations', statistic: 'Sum', unit: 'Count' },
  { key: 'errors', name: 'Errors', statistic: 'Sum', unit: 'Count' },
  { key: 'durationAverage', name: 'Duration', statistic: 'Average', unit: 'Milliseconds' },
  { key: 'durationMaximum', name: 'Duration', statistic: 'Maximum', unit: 'Milliseconds' },
  { key: 'throttles', name: 'Throttles', statistic: 'Sum', unit: 'Count' },
  { key: 'concurrentExecutions', name: 'ConcurrentExecutions', statistic: 'Maximum', unit: 'Count' },
] as const;

export type MetricKey = (typeof METRICS)[number]['key'];

const minuteOf = (t: number): number => Math.floor(t / PERIOD_MS) * PERIOD_MS;

/** The console's default range: the last three hours. */
export const DEFAULT_RANGE_MS = 3 * 60 * PERIOD_MS;

/** Every minute of [from, to] (by default the last three hours of activity), datapoints or gaps. */
export function perMinute(t: Timeline, from = Math.max(t.from, t.to - DEFAULT_RANGE_MS + PERIOD_MS), to = t.to): MinuteDatapoint[] {
  if (!t.invocations.length && !t.throttles.length) return [];
  const first = minuteOf(from);
  const last = minuteOf(to);
  const buckets = new Map<number, { invocations: number; errors: number; durations: number[]; throttles: number; active: boolean }>();
  const bucket = (m: number) => {
    let b = buckets.get(m);
    if (!b) buckets.set(m, (b = { invocations: 0, errors: 0, durations: [], throttles: 0, active: false }));
    return b;
  };
  for (const inv of t.invocations) {
    const b = bucket(minuteOf(inv.start));
    b.invocations += 1;
    if (inv.failed) b.errors += 1;
    // An invocation still running has no Duration yet.
    if (!inv.inFlight) b.durations.push(inv.durationMs);
    // A long invocation keeps its environment busy in every minute it spans.
    for (let m = minuteOf(inv.start) + PERIOD_MS; m <= minuteOf(inv.start + inv.durationMs); m += PERIOD_MS) bucket(m).active = true;
  }
  for (const th of t.throttles) bucket(minuteOf(th.at)).throttles += 1;
  const out: MinuteDatapoint[] = [];
  for (let m = first; m <= last; m += PERIOD_MS) {
    const b = buckets.get(m);
    if (!b) {
      out.push({ minute: m, invocations: null, errors: null, durationAverage: null, durationMaximum: null, throttles: null, concurrentExecutions: null });
      continue;
    }
    const d = b.durations;
    out.push({
      minute: m,
      invocations: b.invocations,
      errors: b.errors,
      durationAverage: d.length ? round2(d.reduce((s, x) => s + x, 0) / d.length) : null,
      durationMaximum: d.length ? Math.max(...d) : null,
      throttles: b.throttles,
      concurrentExecutions: maxInFlight(t.invocations, m, m + PERIOD_MS),
    });
  }
  return out;
}

const round2 = (n: number): number => Math.round(n * 100) / 100;

/** The charts Monitor draws, as the console groups them: Duration's Average and Maximum share one. */
export const METRIC_CHARTS = [
  { title: 'Invocations', caption: 'Invocations (Sum per minute)', unit: 'count', series: [{ key: 'invocations', label: 'Invocations' }] },
  { title: 'Errors', caption: 'Errors (Sum per minute)', unit: 'count', series: [{ key: 'errors', label: 'Errors' }] },
  { title: 'Duration', caption: 'Duration (Average and Maximum per minute, ms)', unit: 'ms', series: [{ key: 'durationAverage', label: 'Average' }, { key: 'durationMaximum', label: 'Maximum' }] },
  { title: 'Throttles', caption: 'Throttles (Sum per minute)', unit: 'count', series: [{ key: 'throttles', label: 'Throttles' }] },
  { title: 'ConcurrentExecutions', caption: 'ConcurrentExecutions (Maximum per minute)', unit: 'count', series: [{ key: 'concurrentExecutions', label: 'Maximum' }] },
] as const satisfies readonly { title: string; caption: string; unit: 'count' | 'ms'; series: readonly { key: MetricKey; label: string }[] }[];

export type MetricChart = (typeof METRIC_CHARTS)[number];

const utcMinute = (t: number): string => new Date(t).toISOString().slice(11, 16);

/** What a chart shows, in words: its text alternative. */
export function chartSummary(chart: MetricChart, points: readonly MinuteDatapoint[]): string {
  const withData = points.filter((p) => chart.series.some((s) => p[s.key] !== null));
  if (!withData.length) return `${chart.caption}: no datapoints.`;
  const range = `${utcMinute(points[0]!.minute)} to ${utcMinute(points.at(-1)!.minute)} UTC`;
  const parts = chart.series.map((s) => {
    let best: MinuteDatapoint | undefined;
    for (const p of withData) if (p[s.key] !== null && (best === undefined || p[s.key]! > best[s.key]!)) best = p;
    const unit = chart.unit === 'ms' ? ' ms' : '';
    const name = chart.series.length > 1 ? `${s.label.toLowerCase()} ` : '';
    if (chart.unit === 'count' && s.key !== 'concurrentExecutions') {
      const total = withData.reduce((n, p) => n + (p[s.key] ?? 0), 0);
      return `${total} in all, at most ${best![s.key]} in the minute from ${utcMinute(best!.minute)}`;
    }
    return `${name}highest ${best![s.key]}${unit} in the minute from ${utcMinute(best!.minute)}`;
  });
  return `${chart.caption}, ${range}: ${parts.join('; ')}.`;
}
