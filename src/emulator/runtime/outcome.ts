/**
 * How an invocation ends, in one place for both engines (QuickJS in this thread, or a worker that
 * was killed from outside): the timeout line, END and REPORT, the error document, and whether the
 * environment is discarded, as Lambda reports each.
 */
import { limits } from '../limits.ts';
import type { Clock, EnvironmentSpec, InvocationOutcome, LogEvent } from './contract.ts';
import { billedDuration, endLine, initReportLine, reportLine, startLine, timeoutLine, type ReportFields } from './log-format.ts';
import type { ErrorDocument } from './runtime-errors.ts';
import { utf8 } from '../zip.ts';

/** How the handler's run ended. */
export type InvocationEnd =
  /** The runtime answered: a result, or a handled error document (the environment stays warm). */
  | { kind: 'answer'; payload: string; errorType?: string }
  /** The function ran past its timeout: Sandbox.Timedout, and the environment is discarded. */
  | { kind: 'timeout' }
  /** The runtime died (out of memory, exit, crash, failed INIT): the environment is discarded. */
  | { kind: 'fatal'; errorType: string; payload: string; status?: 'timeout' };

export interface InvocationRecord {
  requestId: string;
  spec: Pick<EnvironmentSpec, 'timeout' | 'memorySize' | 'version'>;
  clock: Clock;
  /** When START was written. */
  start: number;
  logs: LogEvent[];
  push(timestamp: number, message: string): void;
  maxMemoryUsedMb: number;
  initDurationMs?: number;
  coldStart: boolean;
}

export const timeoutMessage = (timeoutSeconds: number): string => `Task timed out after ${timeoutSeconds.toFixed(2)} seconds`;

export function outOfMemoryDocument(requestId: string): ErrorDocument {
  return { errorType: 'Runtime.OutOfMemory', errorMessage: `RequestId: ${requestId} Error: Runtime exited with error: signal: killed` };
}

export function exitDocument(requestId: string, code: number | 'aborted'): ErrorDocument {
  const reason = code === 'aborted' ? 'Runtime exited with error: signal: aborted'
    : code === 0 ? 'Runtime exited without providing a reason' : `Runtime exited with error: exit status ${code}`;
  return { errorType: 'Runtime.ExitError', errorMessage: `RequestId: ${requestId} Error: ${reason}` };
}

/** What Invoke returns in place of a result or error document over the response limit. */
function responseSizeTooLargeDocument(): { errorMessage: string; errorType: string } {
  const max = limits.payload.syncResponseEnforcedBytes;
  return { errorMessage: `Response payload size exceeded maximum allowed payload size (${max} bytes).`, errorType: 'Function.ResponseSizeTooLarge' };
}

/** Whether a response is over the limit, in UTF-8 bytes (counted only when the UTF-16 length leaves it open). */
function overResponseLimit(payload: string): boolean {
  const max = limits.payload.syncResponseEnforcedBytes;
  // A UTF-16 code unit takes one to three UTF-8 bytes (a surrogate pair four for two).
  if (payload.length > max) return true;
  if (payload.length * 3 <= max) return false;
  return utf8(payload).byteLength > max;
}

/** INIT ran past its limit: Sandbox.Timedout, answered to the invocation that asked for it. */
export function initTimeout(requestId: string): { errorType: string; payload: string } {
  const errorType = 'Sandbox.Timedout';
  return { errorType, payload: JSON.stringify({ errorType, errorMessage: `RequestId: ${requestId} Error: ${timeoutMessage(limits.initDurationSeconds)}` }) };
}

/** The end of a runtime that died with this error document. */
export const fatal = (doc: ErrorDocument, status?: 'timeout'): InvocationEnd => ({ kind: 'fatal', errorType: doc.errorType, payload: JSON.stringify(doc), ...(status ? { status } : {}) });

/**
 * INIT failed (an error, an exit, or its 10 s ran out): INIT_REPORT, then START, END and REPORT for
 * the invocation that asked for it; the environment is discarded.
 */
export async function settleFailedInit(r: InvocationRecord, doc: { errorType: string; payload: string }, status: 'error' | 'timeout', initDurationMs: number): Promise<InvocationOutcome> {
  r.push(r.clock.now(), initReportLine(initDurationMs, status, doc.errorType));
  r.start = r.clock.now();
  r.push(r.start, startLine(r.requestId, r.spec.version));
  const outcome = await settleInvocation(r, { kind: 'fatal', errorType: doc.errorType, payload: doc.payload, ...(status === 'timeout' ? { status } : {}) });
  return { ...outcome, initDurationMs };
}

/** Writes the closing platform lines and returns what the invocation reports. */
export async function settleInvocation(r: InvocationRecord, end: InvocationEnd): Promise<InvocationOutcome> {
  const timeoutMs = r.spec.timeout * 1000;
  let payload: string;
  let errorType: string | undefined;
  let status: ReportFields['status'];
  if (end.kind === 'timeout') {
    await r.clock.sleepUntil(r.start + timeoutMs);
    r.push(r.clock.now(), timeoutLine(r.clock.now(), r.requestId, r.spec.timeout));
    errorType = 'Sandbox.Timedout';
    payload = JSON.stringify({ errorType, errorMessage: `RequestId: ${r.requestId} Error: ${timeoutMessage(r.spec.timeout)}` });
    status = { kind: 'timeout' };
  } else if (end.kind === 'fatal') {
    errorType = end.errorType;
    payload = end.payload;
    status = end.status === 'timeout' ? { kind: 'timeout' } : { kind: 'error', errorType };
  } else {
    payload = end.payload;
    errorType = end.errorType;
  }
  // Results and error documents alike: Lambda never returns more than the response limit.
  if (overResponseLimit(payload)) {
    const doc = responseSizeTooLargeDocument();
    errorType = doc.errorType;
    payload = JSON.stringify(doc);
  }
  const durationMs = end.kind === 'timeout' ? timeoutMs : r.clock.now() - r.start;
  r.push(r.clock.now(), endLine(r.requestId));
  const report: ReportFields = {
    requestId: r.requestId, durationMs, billedDurationMs: billedDuration(durationMs, r.initDurationMs), memorySizeMb: r.spec.memorySize,
    maxMemoryUsedMb: r.maxMemoryUsedMb, ...(r.initDurationMs !== undefined ? { initDurationMs: r.initDurationMs } : {}),
    ...(status ? { status } : {}),
  };
  r.push(r.clock.now(), reportLine(report));
  return {
    requestId: r.requestId, payload,
    ...(errorType ? { functionError: 'Unhandled' as const, errorType } : {}),
    logs: r.logs, durationMs, billedDurationMs: report.billedDurationMs, maxMemoryUsedMb: report.maxMemoryUsedMb,
    ...(r.initDurationMs !== undefined ? { initDurationMs: r.initDurationMs } : {}),
    coldStart: r.coldStart, environmentDiscarded: end.kind !== 'answer',
  };
}
