/**
 * What the Test tab's "Execution result" says, as the Lambda console lays it out: the status, the
 * response, a summary read from the REPORT line, and the function's logs. Pure, so its wording is
 * tested without a page.
 */
import { lastReport } from './report.ts';

export interface ExecutionResult {
  status: 'Succeeded' | 'Failed';
  /** The response, pretty-printed when it is JSON, as the console shows it. */
  response: string;
  /** Label → value, in the console's order; Init duration only on a cold start. */
  summary: [label: string, value: string][];
  logs: string;
}

export function executionResult(out: { Payload?: Uint8Array; FunctionError?: string; ExecutedVersion?: string }, log: string): ExecutionResult {
  const payload = new TextDecoder().decode(out.Payload ?? new Uint8Array());
  let response = payload;
  try {
    response = JSON.stringify(JSON.parse(payload), null, 2);
  } catch {
    /* not JSON: shown as returned */
  }
  const report = lastReport(log);
  const summary: [string, string][] = [];
  if (report) summary.push(['Request ID', report.requestId]);
  if (out.ExecutedVersion) summary.push(['Executed version', out.ExecutedVersion]);
  if (report) {
    if (report.initDurationMs !== undefined) summary.push(['Init duration', `${report.initDurationMs.toFixed(2)} ms`]);
    summary.push(
      ['Duration', `${report.durationMs.toFixed(2)} ms`],
      ['Billed duration', `${report.billedDurationMs} ms`],
      ['Resources configured', `${report.memorySizeMb} MB`],
      ['Max memory used', `${report.maxMemoryUsedMb} MB`],
    );
  }
  return { status: out.FunctionError ? 'Failed' : 'Succeeded', response, summary, logs: log };
}

/** The workbook's own line under a stopped invocation's logs: it says who stopped it, and that Lambda cannot. */
export function stoppedByEmulatorNote(functionName: string): string {
  return `The workbook's emulator stopped this invocation of ${functionName} because you pressed Stop, and discarded its execution environment: the next invocation is a cold start. This is not a Lambda feature: Lambda has no way to stop a running invocation, which runs until it returns or reaches the function's timeout.`;
}
