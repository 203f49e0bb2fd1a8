/**
 * One Lambda execution environment for a Python function, on its own interpreter: INIT (lay out
 * /var/task, /opt and /tmp, set the variables, import the handler's module) on the first invoke,
 * warm invokes after, discard on timeout, exit or out-of-memory. A function that uses boto3 runs
 * through JSPI (callPromising), so its synchronous SDK calls and sleeps can wait on the host; one
 * that does not is called directly, which costs a third as much per invoke (a sleep then blocks,
 * or jumps a virtual clock). INIT always runs through JSPI.
 *
 * Python cannot be interrupted from this thread: a deadline is noticed when the guest sleeps or
 * calls the host, and a busy loop is stopped by terminating the worker it runs in (worker-host).
 */
import type { AwsAnswer, EngineDeps, EnvironmentSpec, ExecutionEnvironment, InvocationOutcome, InvokeInput, LogEvent } from '../contract.ts';
import { limits, provisionedInitSeconds } from '../../limits.ts';
import { buildEnvironmentVariables, traceId } from '../environment-variables.ts';
import { initReportLine, logStreamName, logTruncatedNotice, pythonInitStartLine, startLine } from '../log-format.ts';
import { exitDocument, fatal, initTimeout, outOfMemoryDocument, settleFailedInit, settleInvocation, type InvocationEnd, type InvocationRecord } from '../outcome.ts';
import { SDK_NOT_CONNECTED } from '../sdk.ts';
import { pythonJson, readPythonErrorDocument } from './python-error.ts';
import type { InterpreterTenant, PythonInterpreter, PythonInterpreters } from './interpreters.ts';
import { layOutFileSystem, pythonSearchPath } from './layout.ts';
import { fromWire, toWire } from './wire.ts';
import { nestedPast } from './json-depth.ts';

const MB = 1024 * 1024;

export interface PythonEngineOptions {
  /** Log bytes one invocation may write before the rest is dropped. */
  logBytesPerInvocation?: number;
}

/** How a run of guest code ended. */
type GuestEnd =
  | { kind: 'answer'; text: string }
  | { kind: 'timeout' }
  | { kind: 'oom' }
  /** The interpreter itself stopped: os._exit (with its status) or a fatal error. */
  | { kind: 'crash'; exitStatus: number | undefined };

const never = <T>(): Promise<T> => new Promise<T>(() => undefined);

export class PythonExecutionEnvironment implements ExecutionEnvironment {
  readonly logStreamName: string;
  private readonly env: Record<string, string>;
  private interpreter: PythonInterpreter | undefined;
  private shutDown = false;
  private queue: Promise<unknown> = Promise.resolve();
  /** Invocations queued or running: an idle environment starts the next at once, not a promise turn later. */
  private pending = 0;
  private readonly settled = (): void => {
    this.pending--;
  };

  // Per invocation.
  private logs: LogEvent[] = [];
  private logBytes = 0;
  private logTruncated = false;
  private deadline = Infinity;
  /** The running invocation's X-Ray header: the SDK calls it makes carry it. */
  private traceHeader = '';
  private timedOut = false;
  private stopGuest: ((end: GuestEnd) => void) | undefined;
  /** The guest may call boto3, so it is called through JSPI (see mentionsSdk). */
  private suspendable = false;
  private readonly streams = { stdout: new LineBuffer(), stderr: new LineBuffer() };

  constructor(
    private readonly spec: EnvironmentSpec,
    private readonly deps: EngineDeps,
    private readonly interpreters: PythonInterpreters,
    private readonly options: PythonEngineOptions,
  ) {
    this.logStreamName = logStreamName(deps.clock.now(), spec.version, deps.random);
    this.env = buildEnvironmentVariables(spec, this.logStreamName, deps.random);
  }

  invoke(input: InvokeInput): Promise<InvocationOutcome> {
    // One invocation at a time, as Lambda sends an environment one request at a time.
    const run = this.pending === 0 ? this.invokeOnce(input) : this.queue.then(() => this.invokeOnce(input));
    this.pending++;
    this.queue = run.then(this.settled, this.settled);
    return run;
  }

  shutdown(): void {
    this.shutDown = true;
    this.discard();
  }

  private clearLogs(): void {
    this.logs = [];
    this.logBytes = 0;
    this.logTruncated = false;
  }

  /** The start of INIT: an interpreter for this environment, and the INIT_START line. */
  private async startInit(): Promise<{ interpreter: PythonInterpreter; initStart: number }> {
    const initStart = this.deps.clock.now();
    const interpreter = await this.interpreters.take();
    this.interpreter = interpreter;
    this.deps.progress?.initStarted();
    this.push(initStart, pythonInitStartLine(this.spec.region, interpreter.pythonVersion, interpreter.pyodideVersion));
    return { interpreter, initStart };
  }

  /** INIT now, with no invocation (provisioned concurrency): INIT_START, the module's scope, and INIT_REPORT if it fails. */
  async initialize(): Promise<{ ok: boolean; logs: LogEvent[]; initDurationMs: number }> {
    if (this.interpreter || this.pending > 0 || this.shutDown) throw new Error('Only a new execution environment can be initialised ahead.');
    this.clearLogs();
    const clock = this.deps.clock;
    const { interpreter, initStart } = await this.startInit();
    // Provisioned INIT may run for the larger of 130 s and the function's timeout.
    const failure = await this.init(interpreter, '', provisionedInitSeconds(this.spec.timeout));
    const initDurationMs = clock.now() - initStart;
    if (failure) {
      this.push(clock.now(), initReportLine(initDurationMs, failure.status, failure.errorType));
      this.discard();
      return { ok: false, logs: this.logs, initDurationMs };
    }
    return { ok: true, logs: this.logs, initDurationMs };
  }

  private async invokeOnce(input: InvokeInput): Promise<InvocationOutcome> {
    if (this.shutDown) throw new Error('This execution environment was shut down; create a new one.');
    this.clearLogs();
    if (this.interpreter) return this.runHandler(input, false, undefined);
    const clock = this.deps.clock;
    const { interpreter, initStart } = await this.startInit();
    const failure = await this.init(interpreter, input.requestId);
    const initDurationMs = clock.now() - initStart;
    if (!failure) return this.runHandler(input, true, initDurationMs);
    const outcome = await settleFailedInit(this.record(input, clock.now(), failure.errorType === 'Runtime.OutOfMemory', undefined, true), failure, failure.status, initDurationMs);
    this.discard();
    return outcome;
  }

  /** INIT: the file system, the variables, then the handler's module, within Lambda's 10 s. */
  private async init(interpreter: PythonInterpreter, requestId: string, seconds: number = limits.initDurationSeconds): Promise<{ errorType: string; payload: string; status: 'error' | 'timeout' } | undefined> {
    const clock = this.deps.clock;
    interpreter.capBytes = this.spec.memorySize * MB;
    interpreter.tenant = this.tenant();
    layOutFileSystem(interpreter.py, this.spec);
    this.suspendable = mentionsSdk(this.spec.code) || mentionsSdk(this.spec.opt);
    const seed = Math.floor(this.deps.random() * 0x100000000);
    interpreter.runtime.configure(JSON.stringify(this.env), JSON.stringify(pythonSearchPath(this.spec.runtime)), seed, this.ensureAscii);
    const initDeadline = clock.now() + seconds * 1000;
    const end = await this.runGuest(() => interpreter.runtime.init.callPromising(this.spec.handler), initDeadline);
    if (end.kind === 'answer' && end.text === '') return undefined;
    if (end.kind === 'answer' && end.text.startsWith('E')) {
      const doc = readPythonErrorDocument(end.text.slice(1), '');
      return { errorType: doc.errorType, payload: pythonJson(doc, this.ensureAscii), status: 'error' };
    }
    if (end.kind === 'timeout') {
      await clock.sleepUntil(initDeadline);
      return { ...initTimeout(requestId), status: 'timeout' };
    }
    const doc = this.fatalDocument(end, requestId);
    return { errorType: doc.errorType, payload: JSON.stringify(doc), status: 'error' };
  }

  private async runHandler(input: InvokeInput, coldStart: boolean, initDurationMs: number | undefined): Promise<InvocationOutcome> {
    const clock = this.deps.clock;
    const interpreter = this.interpreter!;
    const start = clock.now();
    // Whole milliseconds, as the Runtime API's deadline header gives it (the real clock has fractions).
    const deadline = Math.floor(start) + this.spec.timeout * 1000;
    // Drawn even when the invocation continues a trace, so the seeded sequence stays the same either way.
    const fresh = traceId(start, this.deps.random, this.spec.functionArn);
    this.traceHeader = input.traceId ?? fresh;
    this.push(start, startLine(input.requestId, this.spec.version));
    this.deps.progress?.handlerStarted();
    // Two strings cross into Python: each argument costs a conversion on every warm invoke.
    // The deadline crosses in whole milliseconds, as the Runtime API's header gives it (a page's clock has fractions).
    const meta = [
      input.requestId, Math.floor(start) + this.spec.timeout * 1000, input.invokedFunctionArn, this.traceHeader,
      input.clientContext === undefined ? '' : JSON.stringify(input.clientContext),
      input.identity === undefined ? '' : JSON.stringify(input.identity),
      nestedPast(input.payload) ?? '',
    ].join('\n');
    const invoke = interpreter.runtime.invoke;
    const end = await this.runGuest(this.suspendable ? () => invoke.callPromising(input.payload, meta) : () => invoke(input.payload, meta), deadline);
    let ending: InvocationEnd;
    if (end.kind === 'answer' && end.text.startsWith('R')) {
      const payload = end.text.slice(1);
      ending = { kind: 'answer', payload };
    } else if (end.kind === 'answer' && end.text.startsWith('E')) {
      const doc = readPythonErrorDocument(end.text.slice(1), input.requestId);
      ending = { kind: 'answer', payload: pythonJson(doc, this.ensureAscii), errorType: doc.errorType };
    } else if (end.kind === 'timeout') {
      ending = { kind: 'timeout' };
    } else {
      const doc = this.fatalDocument(end, input.requestId);
      this.push(clock.now(), doc.errorMessage);
      ending = fatal(doc);
    }
    const outcome = await settleInvocation(this.record(input, start, end.kind === 'oom', initDurationMs, coldStart), ending);
    if (outcome.environmentDiscarded) this.discard();
    return outcome;
  }

  /**
   * Runs guest code until it answers, or something outside it ends the run first: a deadline its
   * sleep or SDK call would pass, or the interpreter's memory cap.
   */
  private async runGuest(call: () => unknown, deadline: number): Promise<GuestEnd> {
    this.deadline = deadline;
    this.timedOut = false;
    let end: GuestEnd;
    try {
      const value = call();
      end = value instanceof Promise ? await this.untilStopped(value) : { kind: 'answer', text: String(value) };
    } catch (error) {
      end = { kind: 'crash', exitStatus: exitStatusOf(error) };
    }
    this.deadline = Infinity;
    this.flushStreams();
    if (this.interpreter?.exhausted) return { kind: 'oom' };
    return this.timedOut ? { kind: 'timeout' } : end;
  }

  /** A suspendable run: its answer, or the end the host declares while it waits (see timeOut). */
  private async untilStopped(running: Promise<unknown>): Promise<GuestEnd> {
    const stopped = new Promise<GuestEnd>((resolve) => {
      this.stopGuest = resolve;
    });
    const answered = running.then(
      (value): GuestEnd => ({ kind: 'answer', text: String(value) }),
      (error: unknown): GuestEnd => ({ kind: 'crash', exitStatus: exitStatusOf(error) }),
    );
    const end = await Promise.race([answered, stopped]);
    this.stopGuest = undefined;
    return end;
  }

  /** Runtime.OutOfMemory, or Runtime.ExitError with the status the process ended with. */
  private fatalDocument(end: GuestEnd, requestId: string) {
    if (end.kind === 'oom') return outOfMemoryDocument(requestId);
    if (end.kind === 'answer' && end.text.startsWith('X')) return exitDocument(requestId, Number(end.text.slice(1)));
    return exitDocument(requestId, end.kind === 'crash' && end.exitStatus !== undefined ? end.exitStatus : 'aborted');
  }

  /** python3.12's runtime writes JSON with non-ASCII characters as they are; later ones escape them. */
  private get ensureAscii(): boolean {
    return this.spec.runtime !== 'python3.12';
  }

  // ---- what the guest calls ----------------------------------------------------------------------

  private tenant(): InterpreterTenant {
    return {
      log: (text) => this.writeLog(text.endsWith('\n') ? text.slice(0, -1) : text),
      output: (stream, bytes) => {
        for (const line of this.streams[stream].lines(bytes)) this.writeLog(line);
      },
      now: () => this.deps.clock.now(),
      sleep: (ms) => this.sleep(ms),
      sleepNow: (ms) => this.sleepNow(ms),
      sdkImported: () => {
        this.suspendable = true;
      },
      outOfMemory: () => this.deps.progress?.outOfMemory(),
      aws: (service, operation, input) => this.callAws(service, operation, input),
    };
  }

  /** Ends the run as timed out: output written after this is not the function's any more. */
  private timeOut(stop: ((end: GuestEnd) => void) | undefined): void {
    this.timedOut = true;
    stop?.({ kind: 'timeout' });
  }

  /** A sleep that would pass the deadline ends the invocation there; the guest never wakes. */
  private async sleep(ms: number): Promise<void> {
    const clock = this.deps.clock;
    const until = clock.now() + Math.max(0, ms);
    if (until < this.deadline) return clock.sleepUntil(until);
    const stop = this.stopGuest;
    await clock.sleepUntil(this.deadline);
    this.timeOut(stop);
    return never();
  }

  private sleepNow(ms: number): number {
    const clock = this.deps.clock;
    const until = clock.now() + Math.max(0, ms);
    const target = Math.min(until, this.deadline);
    // A virtual clock jumps to the target here; a real one leaves the wait to the guest.
    void clock.sleepUntil(target);
    const block = Math.max(0, target - clock.now());
    if (until < this.deadline) return block;
    this.timeOut(undefined);
    return -block - 1;
  }

  private async callAws(service: string, operation: string, input: string): Promise<string> {
    const stop = this.stopGuest;
    const traced = this.traceHeader ? { traceHeader: this.traceHeader } : {};
    // boto3 inside Lambda signs with the execution role's session credentials: IAM evaluates the role, as for Node's SDK.
    const caller = { functionName: this.spec.functionName, version: this.spec.version };
    const answer: AwsAnswer = this.deps.aws ? await this.deps.aws({ service, operation, input: fromWire(input) as Record<string, unknown>, caller, ...traced }) : SDK_NOT_CONNECTED;
    // The call took the function past its deadline: it timed out while waiting.
    if (this.deps.clock.now() >= this.deadline) {
      this.timeOut(stop);
      return never();
    }
    return toWire(answer);
  }

  // ---- logs, records, teardown ---------------------------------------------------------------------

  private push(timestamp: number, message: string): void {
    const event = { timestamp, message };
    this.logs.push(event);
    this.deps.progress?.log(event);
  }

  private writeLog(message: string): void {
    // Lambda has killed the runtime by then: nothing it writes after its deadline or memory ran out is logged.
    if (this.logTruncated || this.timedOut || this.interpreter?.exhausted) return;
    const cap = this.options.logBytesPerInvocation ?? limits.engine.logBytesPerInvocation;
    this.logBytes += message.length;
    if (this.logBytes > cap) {
      this.logTruncated = true;
      this.push(this.deps.clock.now(), logTruncatedNotice(cap));
      return;
    }
    this.push(this.deps.clock.now(), message);
  }

  /** A line the guest left unfinished is its own event when the run ends. */
  private flushStreams(): void {
    for (const stream of [this.streams.stdout, this.streams.stderr]) {
      const rest = stream.rest();
      if (rest !== undefined) this.writeLog(rest);
    }
  }

  private record(input: InvokeInput, start: number, outOfMemory: boolean, initDurationMs: number | undefined, coldStart: boolean): InvocationRecord {
    const heapMb = Math.ceil((this.interpreter?.heapBytes() ?? 0) / MB);
    return {
      requestId: input.requestId, spec: this.spec, clock: this.deps.clock, start, logs: this.logs, push: (t, m) => this.push(t, m),
      maxMemoryUsedMb: outOfMemory ? this.spec.memorySize : Math.min(this.spec.memorySize, heapMb),
      ...(initDurationMs !== undefined ? { initDurationMs } : {}), coldStart,
    };
  }

  /** The interpreter cannot be reset: it is dropped, and the next invoke starts on a new one. */
  private discard(): void {
    const interpreter = this.interpreter;
    this.interpreter = undefined;
    if (interpreter) interpreter.tenant = undefined;
  }
}

/** Whether any Python file names the SDK: such a function is called so that its boto3 calls can wait on the host. */
function mentionsSdk(files: Record<string, Uint8Array>): boolean {
  const decoder = new TextDecoder();
  return Object.entries(files).some(([path, bytes]) => path.endsWith('.py') && /\bboto(?:3|core)\b/.test(decoder.decode(bytes)));
}

/** The exit status of an interpreter that stopped itself (os._exit), if that is what happened. */
function exitStatusOf(error: unknown): number | undefined {
  const status = (error as { status?: unknown } | null)?.status;
  return typeof status === 'number' ? status : undefined;
}

/** Splits what a stream receives into lines: Lambda makes each stdout line one log event. */
class LineBuffer {
  private readonly decoder = new TextDecoder();
  private pending = '';
  /** Bytes arrived since the last rest(): flushing the decoder costs more than a whole warm invoke's output. */
  private written = false;

  lines(bytes: Uint8Array): string[] {
    this.written = true;
    const text = this.pending + this.decoder.decode(bytes, { stream: true });
    const parts = text.split('\n');
    this.pending = parts.pop()!;
    return parts;
  }

  /** What is left after the last newline, if anything. */
  rest(): string | undefined {
    if (!this.written) return undefined;
    this.written = false;
    const text = this.pending + this.decoder.decode();
    this.pending = '';
    return text === '' ? undefined : text;
  }
}
