import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { reportLine } from '../emulator/index.ts';
import { chartSummary, METRIC_CHARTS, perMinute } from './metrics.ts';
import { fullWindow, pan, spanLabel, timeTicks, zoom } from './time-scale.ts';
import { buildTimeline } from './timeline.ts';

const INIT_START = 'INIT_START Runtime Version: nodejs:22.v51\tRuntime Version ARN: arn:aws:lambda:us-east-1::runtime:3ee39d198acc4fa1c1888429c7a97861a7394b936e19287cf4d7dfb14732cf63';
const T0 = Date.UTC(2026, 11, 4, 10, 0, 0);
const start = (id: string) => `START RequestId: ${id} Version: $LATEST`;
const report = (id: string, ms: number, extra: Partial<Parameters<typeof reportLine>[0]> = {}) =>
  reportLine({ requestId: id, durationMs: ms, billedDurationMs: Math.ceil(ms), memorySizeMb: 128, maxMemoryUsedMb: 30, ...extra });

describe('per-minute metrics as CloudWatch defines them', () => {
  const timeline = buildTimeline(
    [
      { stream: 'a', events: [
        { timestamp: T0 + 1_000, message: INIT_START },
        { timestamp: T0 + 1_200, message: start('r1') },
        { timestamp: T0 + 1_300, message: report('r1', 100, { initDurationMs: 200 }) },
        { timestamp: T0 + 30_000, message: start('r2') },
        { timestamp: T0 + 30_050, message: report('r2', 50, { status: { kind: 'error', errorType: 'Runtime.ExitError' } }) },
        // The third minute is empty; in the fourth, an invocation that times out at 3 s.
        { timestamp: T0 + 180_000, message: start('r3') },
        { timestamp: T0 + 183_000, message: report('r3', 3000, { status: { kind: 'timeout' } }) },
      ] },
      { stream: 'b', events: [
        { timestamp: T0 + 1_250, message: start('r4') },
        { timestamp: T0 + 1_260, message: report('r4', 10.5) },
        { timestamp: T0 + 61_000, message: start('r2') }, // the asynchronous retry of r2
        { timestamp: T0 + 61_010, message: report('r2', 10) },
      ] },
    ],
    [{ at: T0 + 1_280, reason: 'ReservedFunctionConcurrentInvocationLimitExceeded' }, { at: T0 + 181_000, reason: 'ReservedFunctionConcurrentInvocationLimitExceeded' }],
  );

  it('sums invocations, errors and throttles, averages Duration without INIT, and takes the peak of concurrency', () => {
    expect(perMinute(timeline)).toEqual([
      { minute: T0, invocations: 3, errors: 1, durationAverage: 53.5, durationMaximum: 100, throttles: 1, concurrentExecutions: 2 },
      { minute: T0 + 60_000, invocations: 1, errors: 0, durationAverage: 10, durationMaximum: 10, throttles: 0, concurrentExecutions: 1 },
      { minute: T0 + 120_000, invocations: null, errors: null, durationAverage: null, durationMaximum: null, throttles: null, concurrentExecutions: null },
      { minute: T0 + 180_000, invocations: 1, errors: 1, durationAverage: 3000, durationMaximum: 3000, throttles: 1, concurrentExecutions: 1 },
    ]);
  });

  it('counts a failed INIT as an invocation and an error', () => {
    const t = buildTimeline([{ stream: 's', events: [
      { timestamp: T0, message: INIT_START },
      { timestamp: T0 + 5, message: 'INIT_REPORT Init Duration: 5.00 ms\tPhase: init\tStatus: error\tError Type: Runtime.ExitError' },
      { timestamp: T0 + 6, message: start('r1') },
      { timestamp: T0 + 8, message: report('r1', 2, { status: { kind: 'error', errorType: 'Runtime.ExitError' } }) },
    ] }]);
    expect(perMinute(t)).toEqual([{ minute: T0, invocations: 1, errors: 1, durationAverage: 2, durationMaximum: 2, throttles: 0, concurrentExecutions: 1 }]);
  });

  it('has no datapoints without activity', () => {
    expect(perMinute(buildTimeline([]))).toEqual([]);
  });

  it('keeps to the last three hours by default, as the console does', () => {
    const far = buildTimeline([{ stream: 's', events: [
      { timestamp: T0, message: start('old') },
      { timestamp: T0 + 1, message: report('old', 1) },
      { timestamp: T0 + 86_400_000, message: start('new') },
      { timestamp: T0 + 86_400_001, message: report('new', 1) },
    ] }]);
    const points = perMinute(far);
    expect(points).toHaveLength(180);
    expect(points.at(-1)).toMatchObject({ minute: T0 + 86_400_000, invocations: 1 });
  });
});

describe('the time axis', () => {
  it('picks round ticks labelled in UTC', () => {
    expect(timeTicks({ from: T0 + 950, to: T0 + 1_400 }, 6)).toEqual({
      step: 100,
      ticks: [1_000, 1_100, 1_200, 1_300, 1_400].map((ms) => ({ at: T0 + ms, label: `10:00:0${Math.floor(ms / 1000)}.${String(ms % 1000).padStart(3, '0')}` })),
    });
    expect(timeTicks({ from: T0, to: T0 + 3_600_000 }, 8).ticks.map((t) => t.label)).toEqual(['10:00', '10:10', '10:20', '10:30', '10:40', '10:50', '11:00']);
  });

  it('zooms around a point and pans inside the whole timeline', () => {
    const full = { from: 0, to: 1000 };
    const z = zoom(full, full, 0.5, 250);
    expect(z).toEqual({ from: 125, to: 625 });
    expect(pan(z, full, -1)).toEqual({ from: 0, to: 500 });
    expect(pan(z, full, 1)).toEqual({ from: 500, to: 1000 });
    expect(zoom(z, full, 4)).toEqual(full);
    expect(zoom(full, full, 1e-9).to - zoom(full, full, 1e-9).from).toBe(1);
    expect(fullWindow(0, 1000)).toEqual({ from: -20, to: 1020 });
  });

  it('writes spans as the console does', () => {
    expect([spanLabel(3.456), spanLabel(800), spanLabel(1500), spanLabel(90_000)]).toEqual(['3.46 ms', '800 ms', '1.5 s', '1.5 min']);
  });
});

describe('the charts in words', () => {
  it('summarises each chart for a screen reader', () => {
    const points = [
      { minute: T0, invocations: 3, errors: 1, durationAverage: 53.5, durationMaximum: 100, throttles: 1, concurrentExecutions: 2 },
      { minute: T0 + 60_000, invocations: null, errors: null, durationAverage: null, durationMaximum: null, throttles: null, concurrentExecutions: null },
      { minute: T0 + 120_000, invocations: 4, errors: 0, durationAverage: 10, durationMaximum: 12, throttles: 0, concurrentExecutions: 1 },
    ];
    expect(METRIC_CHARTS.map((c) => chartSummary(c, points))).toEqual([
      'Invocations (Sum per minute), 10:00 to 10:02 UTC: 7 in all, at most 4 in the minute from 10:02.',
      'Errors (Sum per minute), 10:00 to 10:02 UTC: 1 in all, at most 1 in the minute from 10:00.',
      'Duration (Average and Maximum per minute, ms), 10:00 to 10:02 UTC: average highest 53.5 ms in the minute from 10:00; maximum highest 100 ms in the minute from 10:00.',
      'Throttles (Sum per minute), 10:00 to 10:02 UTC: 1 in all, at most 1 in the minute from 10:00.',
      'ConcurrentExecutions (Maximum per minute), 10:00 to 10:02 UTC: highest 2 in the minute from 10:00.',
    ]);
    expect(chartSummary(METRIC_CHARTS[0], [])).toBe('Invocations (Sum per minute): no datapoints.');
  });
});

describe('per-minute metrics, for any history', () => {
  it('count every invocation and error once, and never more concurrency than ran at once', () => {
    const invocation = fc.record({ env: fc.integer({ min: 0, max: 4 }), gap: fc.integer({ min: 0, max: 90_000 }), ms: fc.integer({ min: 1, max: 70_000 }), error: fc.boolean() });
    fc.assert(
      fc.property(fc.array(invocation, { maxLength: 40 }), (runs) => {
        // One environment runs one invocation at a time: each starts after the previous one ended.
        const clock = [0, 0, 0, 0, 0];
        const streams = clock.map((_, i) => ({ stream: `env-${i}`, events: [] as { timestamp: number; message: string }[] }));
        runs.forEach((r, i) => {
          const begin = clock[r.env]! + r.gap;
          clock[r.env] = begin + r.ms;
          streams[r.env]!.events.push(
            { timestamp: T0 + begin, message: start(`r${i}`) },
            { timestamp: T0 + begin + r.ms, message: report(`r${i}`, r.ms, r.error ? { status: { kind: 'error', errorType: 'Runtime.ExitError' } } : {}) },
          );
        });
        const t = buildTimeline(streams);
        const points = perMinute(t, t.from, t.to);
        const total = (key: 'invocations' | 'errors') => points.reduce((n, p) => n + (p[key] ?? 0), 0);
        expect(total('invocations')).toBe(runs.length);
        expect(total('errors')).toBe(runs.filter((r) => r.error).length);
        for (const p of points) {
          expect(p.concurrentExecutions ?? 0).toBeLessThanOrEqual(Math.min(5, t.peakConcurrency));
          if (p.durationMaximum !== null) expect(p.durationAverage!).toBeLessThanOrEqual(p.durationMaximum);
        }
      }),
      { numRuns: 200 },
    );
  });
});
