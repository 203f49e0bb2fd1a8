import { describe, expect, it } from 'vitest';
import { billedDuration, consoleLine, endLine, initReportLine, initStartLine, logStreamName, pythonInitStartLine, reportLine, startLine, timeoutLine } from './log-format.ts';
import { seededRandom } from '../../../tests/support/engine-harness.ts';

const ID = 'c0ffee00-1234-4abc-8def-0123456789ab';

describe('platform log lines', () => {
  it('INIT_START names the runtime version and its ARN in the region', () => {
    expect(initStartLine('nodejs22.x', 'eu-west-1')).toMatch(/^INIT_START Runtime Version: nodejs:22\.v\d+\tRuntime Version ARN: arn:aws:lambda:eu-west-1::runtime:[0-9a-f]{64}$/);
    expect(initStartLine('nodejs20.x', 'us-east-1')).toMatch(/^INIT_START Runtime Version: nodejs:20\.v\d+\t/);
  });

  it('a Python INIT_START names the CPython and Pyodide that run, with a stable 64-hex runtime ARN', () => {
    const line = pythonInitStartLine('eu-west-1', '3.14', '314.0.8');
    expect(line).toMatch(/^INIT_START Runtime Version: python:3\.14\.pyodide-314\.0\.8\tRuntime Version ARN: arn:aws:lambda:eu-west-1::runtime:[0-9a-f]{64}$/);
    expect(pythonInitStartLine('eu-west-1', '3.14', '314.0.8')).toBe(line);
    expect(pythonInitStartLine('eu-west-1', '3.14', '314.0.9').split('runtime:')[1]).not.toBe(line.split('runtime:')[1]);
  });

  it('START, END and REPORT in every variant', () => {
    expect(startLine(ID, '$LATEST')).toBe(`START RequestId: ${ID} Version: $LATEST`);
    expect(startLine(ID, '7')).toBe(`START RequestId: ${ID} Version: 7`);
    expect(endLine(ID)).toBe(`END RequestId: ${ID}`);
    const base = { requestId: ID, durationMs: 3.014, billedDurationMs: 4, memorySizeMb: 128, maxMemoryUsedMb: 36 };
    expect(reportLine(base)).toBe(`REPORT RequestId: ${ID}\tDuration: 3.01 ms\tBilled Duration: 4 ms\tMemory Size: 128 MB\tMax Memory Used: 36 MB\t`);
    // A cold start bills INIT too (since 1 August 2025): 3.014 + 110.1 ms rounds up to 114 ms.
    expect(reportLine({ ...base, billedDurationMs: billedDuration(3.014, 110.1), initDurationMs: 110.1 }))
      .toBe(`REPORT RequestId: ${ID}\tDuration: 3.01 ms\tBilled Duration: 114 ms\tMemory Size: 128 MB\tMax Memory Used: 36 MB\tInit Duration: 110.10 ms\t`);
    expect(reportLine({ ...base, status: { kind: 'timeout' } })).toBe(`REPORT RequestId: ${ID}\tDuration: 3.01 ms\tBilled Duration: 4 ms\tMemory Size: 128 MB\tMax Memory Used: 36 MB\tStatus: timeout`);
    expect(reportLine({ ...base, maxMemoryUsedMb: 128, status: { kind: 'error', errorType: 'Runtime.OutOfMemory' } }))
      .toBe(`REPORT RequestId: ${ID}\tDuration: 3.01 ms\tBilled Duration: 4 ms\tMemory Size: 128 MB\tMax Memory Used: 128 MB\tStatus: error\tError Type: Runtime.OutOfMemory`);
    expect(initReportLine(10000, 'timeout')).toBe('INIT_REPORT Init Duration: 10000.00 ms\tPhase: init\tStatus: timeout');
    expect(initReportLine(0.8, 'error', 'Runtime.ImportModuleError')).toBe('INIT_REPORT Init Duration: 0.80 ms\tPhase: init\tStatus: error\tError Type: Runtime.ImportModuleError');
  });

  it('console lines carry timestamp, request id and level, with newlines folded to \\r', () => {
    const t = Date.UTC(2026, 6, 22, 8, 30, 0, 123);
    expect(consoleLine(t, ID, 'INFO', 'a\nb\nc')).toBe(`2026-07-22T08:30:00.123Z\t${ID}\tINFO\ta\rb\rc`);
    expect(consoleLine(t, 'undefined', 'WARN', 'init')).toBe('2026-07-22T08:30:00.123Z\tundefined\tWARN\tinit');
  });

  it('the timeout line is space-separated with two decimals of seconds', () => {
    expect(timeoutLine(Date.UTC(2026, 6, 22, 8, 30, 3), ID, 3)).toBe(`2026-07-22T08:30:03.000Z ${ID} Task timed out after 3.00 seconds`);
  });

  it('billed duration rounds up to the millisecond, never below 1 ms', () => {
    expect([billedDuration(0), billedDuration(0.2), billedDuration(3.01), billedDuration(3000), billedDuration(3000.0001)]).toEqual([1, 1, 4, 3000, 3001]);
  });

  it('billed duration on a cold start covers Init Duration plus Duration, rounded up once', () => {
    expect([billedDuration(3.01, 110.1), billedDuration(1049.63, 1293.83), billedDuration(1000, 250), billedDuration(0, 0)]).toEqual([114, 2344, 1250, 1]);
  });

  it('log stream names are YYYY/MM/DD/[version]<32 hex>', () => {
    expect(logStreamName(Date.UTC(2026, 0, 5), '$LATEST', seededRandom(1))).toMatch(/^2026\/01\/05\/\[\$LATEST\][0-9a-f]{32}$/);
    expect(logStreamName(Date.UTC(2026, 0, 5), '2', seededRandom(1))).toBe(logStreamName(Date.UTC(2026, 0, 5), '2', seededRandom(1)));
  });
});
