import { describe, expect, it } from 'vitest';
import { lastReport, parseReport } from './report';
import { reportLine } from '../emulator/runtime/log-format';

describe('REPORT lines', () => {
  it('reads a cold start', () => {
    expect(parseReport('REPORT RequestId: 0f0e\tDuration: 3.01 ms\tBilled Duration: 4 ms\tMemory Size: 128 MB\tMax Memory Used: 36 MB\tInit Duration: 110.10 ms\t')).toEqual({
      requestId: '0f0e',
      durationMs: 3.01,
      billedDurationMs: 4,
      memorySizeMb: 128,
      maxMemoryUsedMb: 36,
      initDurationMs: 110.1,
    });
  });

  it('reads a failure status and error type', () => {
    const r = parseReport('REPORT RequestId: a\tDuration: 1000.00 ms\tBilled Duration: 1000 ms\tMemory Size: 128 MB\tMax Memory Used: 128 MB\tStatus: error\tError Type: Runtime.OutOfMemory');
    expect(r).toMatchObject({ status: 'error', errorType: 'Runtime.OutOfMemory' });
    expect(r).not.toHaveProperty('initDurationMs');
  });

  it('reads back every REPORT line the emulator writes', () => {
    const base = { requestId: 'r-1', durationMs: 12.5, billedDurationMs: 13, memorySizeMb: 256, maxMemoryUsedMb: 17 };
    expect(parseReport(reportLine({ ...base, initDurationMs: 4.25 }))).toEqual({ ...base, initDurationMs: 4.25 });
    expect(parseReport(reportLine({ ...base, status: { kind: 'timeout' } }))).toEqual({ ...base, status: 'timeout' });
    expect(parseReport(reportLine({ ...base, initDurationMs: 1, status: { kind: 'error', errorType: 'Runtime.ExitError' } })))
      .toEqual({ ...base, initDurationMs: 1, status: 'error', errorType: 'Runtime.ExitError' });
  });

  it('takes the last REPORT line of a tail', () => {
    const log = 'START RequestId: a Version: $LATEST\nREPORT RequestId: a\tDuration: 1.00 ms\tBilled Duration: 1 ms\tMemory Size: 128 MB\tMax Memory Used: 30 MB\t\nREPORT RequestId: b\tDuration: 2.00 ms\tBilled Duration: 2 ms\tMemory Size: 128 MB\tMax Memory Used: 31 MB\t';
    expect(lastReport(log)?.requestId).toBe('b');
    expect(lastReport('nothing here')).toBeUndefined();
  });
});
