import { describe, expect, it } from 'vitest';
import { reportLine } from '../emulator/index.ts';
import { buildTimeline } from './timeline.ts';

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

describe('the invocation timeline', () => {
  it('draws one lane per environment, marks cold starts, retries and peak concurrency', () => {
    const t = buildTimeline(
      [
        { stream: 'env-a', events: [
          { timestamp: 1000, message: 'START RequestId: r1 Version: $LATEST' },
          { timestamp: 1100, message: report('r1', 100, 50) },
          { timestamp: 2000, message: 'START RequestId: r2 Version: $LATEST' },
          { timestamp: 2010, message: report('r2', 10) },
        ] },
        { stream: 'env-b', events: [
          { timestamp: 1050, message: 'START RequestId: r3 Version: $LATEST' },
          { timestamp: 1070, message: report('r3', 20, 40, 'Runtime.ExitError') },
          { timestamp: 61070, message: 'START RequestId: r3 Version: $LATEST' },
          { timestamp: 61080, message: report('r3', 10) },
        ] },
      ],
      [{ at: 1060, reason: 'ReservedFunctionConcurrentInvocationLimitExceeded' }],
    );
    expect(t.lanes).toEqual(['env-a', 'env-b']);
    expect(t.invocations.map((i) => [i.requestId, i.lane, i.cold, i.retry, i.failed])).toEqual([
      ['r1', 0, true, false, false],
      ['r3', 1, true, false, true],
      ['r2', 0, false, false, false],
      ['r3', 1, false, true, false],
    ]);
    expect(t.peakConcurrency).toBe(2);
    expect(t.from).toBe(1000);
    expect(t.to).toBe(61080);
  });

  it('is empty without logs', () => {
    expect(buildTimeline([])).toMatchObject({ lanes: [], invocations: [], peakConcurrency: 0 });
  });
});
