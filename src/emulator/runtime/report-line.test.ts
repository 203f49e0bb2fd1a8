import { describe, expect, it } from 'vitest';
import { parseReportLine, reportLine } from './log-format.ts';

describe('REPORT lines', () => {
  it('reads a cold start', () => {
    expect(parseReportLine('REPORT RequestId: 0f0e\tDuration: 3.01 ms\tBilled Duration: 4 ms\tMemory Size: 128 MB\tMax Memory Used: 36 MB\tInit Duration: 110.10 ms\t')).toEqual({
      requestId: '0f0e',
      durationMs: 3.01,
      billedDurationMs: 4,
      memorySizeMb: 128,
      maxMemoryUsedMb: 36,
      initDurationMs: 110.1,
    });
  });

  it('reads a failure status and error type', () => {
    const r = parseReportLine('REPORT RequestId: a\tDuration: 1000.00 ms\tBilled Duration: 1000 ms\tMemory Size: 128 MB\tMax Memory Used: 128 MB\tStatus: error\tError Type: Runtime.OutOfMemory');
    expect(r).toMatchObject({ status: { kind: 'error', errorType: 'Runtime.OutOfMemory' } });
    expect(r).not.toHaveProperty('initDurationMs');
  });

  it('reads back every REPORT line the emulator writes', () => {
    const base = { requestId: 'r-1', durationMs: 12.5, billedDurationMs: 13, memorySizeMb: 256, maxMemoryUsedMb: 17 };
    for (const fields of [
      { ...base, initDurationMs: 4.25 },
      { ...base, status: { kind: 'timeout' as const } },
      { ...base, initDurationMs: 1, status: { kind: 'error' as const, errorType: 'Runtime.ExitError' } },
    ]) expect(parseReportLine(reportLine(fields))).toEqual(fields);
  });

  it('refuses lines Lambda could not have written', () => {
    expect(parseReportLine('REPORT RequestId: a\tDuration: 1 ms\tBilled Duration: 1 ms\tMemory Size: 128 MB\tMax Memory Used: 30 MB\t')).toBeUndefined();
    expect(parseReportLine('REPORT RequestId: a\tDuration: 1.00 ms\tBilled Duration: 1 ms\tMemory Size: 128 MB\tMax Memory Used: 30 MB\tStatus: fine')).toBeUndefined();
  });
});
