import { describe, expect, it } from 'vitest';
import { lastReport } from './report.ts';

describe('the console reads REPORT lines', () => {
  it('takes the last REPORT line of a tail', () => {
    const log = 'START RequestId: a Version: $LATEST\nREPORT RequestId: a\tDuration: 1.00 ms\tBilled Duration: 1 ms\tMemory Size: 128 MB\tMax Memory Used: 30 MB\t\nREPORT RequestId: b\tDuration: 2.00 ms\tBilled Duration: 2 ms\tMemory Size: 128 MB\tMax Memory Used: 31 MB\t';
    expect(lastReport(log)?.requestId).toBe('b');
    expect(lastReport('nothing here')).toBeUndefined();
  });
});
