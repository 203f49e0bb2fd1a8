import { describe, expect, it } from 'vitest';
import { reportLine } from '../emulator/index.ts';
import { buildTimeline, laneRows, maxInFlight, outcomeLabel, startLabel, type StreamEvents } from './timeline.ts';

const report = (id: string, ms: number, init?: number, errorType?: string) =>
  reportLine({
    requestId: id,
    durationMs: ms,
    billedDurationMs: Math.ceil(ms),
    memorySizeMb: 128,
    maxMemoryUsedMb: 30,
    ...(init ? { initDurationMs: init } : {}),
    ...(errorType ? { status: { kind: 'error' as const, errorType } } : {}),
  });
const initStart = 'INIT_START Runtime Version: nodejs:22.v51\tRuntime Version ARN: arn:aws:lambda:us-east-1::runtime:3ee39d198acc4fa1c1888429c7a97861a7394b936e19287cf4d7dfb14732cf63';
const start = (id: string, version = '$LATEST') => `START RequestId: ${id} Version: ${version}`;
const end = (id: string) => `END RequestId: ${id}`;

describe('the invocation timeline', () => {
  it('draws one lane per environment, marks cold starts, retries and peak concurrency', () => {
    const t = buildTimeline(
      [
        { stream: 'env-a', events: [
          { timestamp: 950, message: initStart },
          { timestamp: 1000, message: start('r1') },
          { timestamp: 1100, message: report('r1', 100, 50) },
          { timestamp: 2000, message: start('r2') },
          { timestamp: 2010, message: report('r2', 10) },
        ] },
        { stream: 'env-b', events: [
          { timestamp: 1010, message: initStart },
          { timestamp: 1050, message: start('r3') },
          { timestamp: 1070, message: report('r3', 20, 40, 'Runtime.ExitError') },
          { timestamp: 61070, message: start('r3') },
          { timestamp: 61080, message: report('r3', 10) },
        ] },
      ],
      [{ at: 1060, reason: 'ReservedFunctionConcurrentInvocationLimitExceeded' }],
    );
    expect(t.lanes).toEqual(['env-a', 'env-b']);
    expect(t.invocations.map((i) => [i.requestId, i.lane, i.startKind, i.attempt, i.retry, i.failed, i.outcome])).toEqual([
      ['r1', 0, 'cold', 1, false, false, 'success'],
      ['r3', 1, 'cold', 1, false, true, 'error'],
      ['r2', 0, 'warm', 1, false, false, 'success'],
      ['r3', 1, 'warm', 2, true, false, 'success'],
    ]);
    expect(t.invocations[0]!.init).toEqual({ start: 950, durationMs: 50 });
    expect(t.invocations[1]!.errorType).toBe('Runtime.ExitError');
    expect(t.peakConcurrency).toBe(2);
    expect(t.from).toBe(950);
    expect(t.to).toBe(61080);
  });

  it('labels a failed INIT as a cold start that failed, never as warm', () => {
    // What the emulator writes when module scope throws: INIT_REPORT, then START, END and a REPORT without Init Duration.
    const t = buildTimeline([{ stream: 's', events: [
      { timestamp: 0, message: initStart },
      { timestamp: 5, message: '2026-12-04T10:00:00.005Z\tundefined\tERROR\tUncaught Exception \t{"errorType":"Error","errorMessage":"boom","stack":["Error: boom"]}' },
      { timestamp: 6, message: 'INIT_REPORT Init Duration: 6.20 ms\tPhase: init\tStatus: error\tError Type: Runtime.ExitError' },
      { timestamp: 7, message: start('r1') },
      { timestamp: 9, message: end('r1') },
      { timestamp: 9, message: report('r1', 2.5, undefined, 'Runtime.ExitError') },
    ] }]);
    const [inv] = t.invocations;
    expect(inv).toMatchObject({ startKind: 'init-failed', failed: true, outcome: 'error', errorType: 'Runtime.ExitError', init: { start: 0, durationMs: 6.2, failure: { status: 'error', errorType: 'Runtime.ExitError' } } });
    expect(startLabel(inv!.startKind)).toBe('cold start, INIT failed');
    expect(outcomeLabel(inv!)).toBe('failed (Runtime.ExitError)');
  });

  it('counts the handler exception the runtime logs (Node.js and Python) as a function error', () => {
    const t = buildTimeline([{ stream: 's', events: [
      { timestamp: 0, message: start('n1') },
      { timestamp: 1, message: '2026-12-04T10:00:00.001Z\tn1\tERROR\tInvoke Error \t{"errorType":"TypeError","errorMessage":"x is not a function","stack":["TypeError: x"]}' },
      { timestamp: 2, message: report('n1', 2) },
      { timestamp: 10, message: start('n2') },
      // console.error from the handler is not a function error.
      { timestamp: 11, message: '2026-12-04T10:00:00.011Z\tn2\tERROR\tsomething went wrong' },
      { timestamp: 12, message: report('n2', 2) },
      { timestamp: 20, message: start('p1') },
      { timestamp: 21, message: '[ERROR] KeyError: \'name\'\nTraceback (most recent call last):\n\u00a0\u00a0File "/var/task/lambda_function.py", line 2' },
      { timestamp: 22, message: report('p1', 2) },
    ] }]);
    expect(t.invocations.map((i) => [i.requestId, i.failed, i.errorType])).toEqual([
      ['n1', true, 'TypeError'],
      ['n2', false, undefined],
      ['p1', true, 'KeyError'],
    ]);
  });

  it("counts the runtime's error record in the JSON log format as a function error", () => {
    const t = buildTimeline([{ stream: 's', events: [
      { timestamp: 0, message: start('n1') },
      { timestamp: 1, message: JSON.stringify({ timestamp: '2026-12-04T10:00:00.001Z', level: 'ERROR', requestId: 'n1', message: { errorType: 'TypeError', errorMessage: 'x', stackTrace: ['TypeError: x'] } }) },
      { timestamp: 2, message: report('n1', 2) },
      { timestamp: 10, message: start('p1') },
      { timestamp: 11, message: JSON.stringify({ timestamp: '2026-12-04T10:00:00', log_level: 'ERROR', errorMessage: "'name'", errorType: 'KeyError', requestId: 'p1', stackTrace: [] }) },
      { timestamp: 12, message: report('p1', 2) },
      { timestamp: 20, message: start('ok') },
      { timestamp: 21, message: JSON.stringify({ timestamp: '2026-12-04T10:00:00.021Z', level: 'ERROR', requestId: 'ok', message: 'a line the handler logged' }) },
      { timestamp: 22, message: report('ok', 2) },
    ] }]);
    expect(t.invocations.map((i) => [i.requestId, i.failed, i.errorType])).toEqual([
      ['n1', true, 'TypeError'],
      ['p1', true, 'KeyError'],
      ['ok', false, undefined],
    ]);
  });

  it('reads the JSON log format the same way as text', () => {
    const text = [
      { timestamp: 100, message: initStart },
      { timestamp: 130, message: start('j1') },
      { timestamp: 135, message: report('j1', 4.25, 30) },
      { timestamp: 200, message: start('j2', '3') },
      { timestamp: 230, message: reportLine({ requestId: 'j2', durationMs: 3000, billedDurationMs: 3000, memorySizeMb: 128, maxMemoryUsedMb: 40, status: { kind: 'timeout' } }) },
    ];
    const fromText = buildTimeline([{ stream: 's', events: text }]);
    // The same lines as Lambda's JSON log format writes them (platform records, and the runtime's error record).
    const platform = (timestamp: number, type: string, record: object) => ({ timestamp, message: JSON.stringify({ time: new Date(timestamp).toISOString(), type, record }) });
    const fromJson = buildTimeline([{ stream: 's', events: [
      platform(100, 'platform.initStart', { initializationType: 'on-demand', phase: 'init', runtimeVersion: 'nodejs:22.v51', runtimeVersionArn: 'arn:aws:lambda:us-east-1::runtime:3ee3' }),
      platform(130, 'platform.start', { requestId: 'j1', version: '$LATEST' }),
      platform(135, 'platform.report', { requestId: 'j1', metrics: { durationMs: 4.25, billedDurationMs: 5, memorySizeMB: 128, maxMemoryUsedMB: 30, initDurationMs: 30 }, status: 'success' }),
      platform(200, 'platform.start', { requestId: 'j2', version: '3' }),
      platform(230, 'platform.report', { requestId: 'j2', metrics: { durationMs: 3000, billedDurationMs: 3000, memorySizeMB: 128, maxMemoryUsedMB: 40 }, status: 'timeout' }),
    ] }]);
    expect(fromJson.invocations).toEqual(fromText.invocations);
    expect(fromText.invocations.map((i) => [i.startKind, i.version, i.outcome, i.errorType])).toEqual([
      ['cold', '$LATEST', 'success', undefined],
      ['warm', '3', 'timeout', 'Sandbox.Timedout'],
    ]);
  });

  it('shows INIT that ran ahead (provisioned concurrency) as a warm invocation', () => {
    const t = buildTimeline([{ stream: 's', events: [
      { timestamp: 0, message: initStart },
      { timestamp: 60_000, message: start('r1') },
      { timestamp: 60_003, message: report('r1', 3) },
    ] }]);
    expect(t.invocations[0]).toMatchObject({ startKind: 'provisioned', initializedAt: 0 });
    expect(t.invocations[0]!.init).toBeUndefined();
    expect(startLabel('provisioned')).toBe('warm (initialised ahead)');
  });

  it('keeps an invocation still running, up to now', () => {
    const t = buildTimeline([{ stream: 's', events: [{ timestamp: 0, message: initStart }, { timestamp: 40, message: start('r1') }] }], [], 1040);
    expect(t.invocations[0]).toMatchObject({ inFlight: true, outcome: 'running', durationMs: 1000, startKind: 'cold' });
  });

  it('counts concurrency only where invocations overlap', () => {
    const t = buildTimeline([
      { stream: 'a', events: [{ timestamp: 0, message: start('a1') }, { timestamp: 10, message: report('a1', 10) }] },
      { stream: 'b', events: [{ timestamp: 10, message: start('b1') }, { timestamp: 20, message: report('b1', 10) }] },
    ]);
    expect(t.peakConcurrency).toBe(1);
    expect(maxInFlight(t.invocations, 0, 5)).toBe(1);
    expect(maxInFlight(t.invocations, 30, 40)).toBe(0);
  });

  it('is empty without logs', () => {
    expect(buildTimeline([])).toMatchObject({ lanes: [], invocations: [], peakConcurrency: 0 });
  });
});

describe('rows of the timeline', () => {
  const streams: StreamEvents[] = Array.from({ length: 12 }, (_, i) => ({
    stream: `env-${i}`,
    events: [{ timestamp: i * 1000, message: start(`r${i}`) }, { timestamp: i * 1000 + 5, message: report(`r${i}`, 5) }],
  }));

  it('gives the most recently active environments a row and folds the older ones into one', () => {
    const rows = laneRows(buildTimeline(streams), 5);
    expect(rows.shown).toEqual([7, 8, 9, 10, 11]);
    expect(rows.collapsed).toEqual({ lanes: [0, 1, 2, 3, 4, 5, 6], invocations: 7 });
  });

  it('shows every environment when expanded', () => {
    const rows = laneRows(buildTimeline(streams), 5, true);
    expect(rows.shown).toHaveLength(12);
    expect(rows.collapsed).toEqual({ lanes: [], invocations: 0 });
  });
});
