/**
 * One Lambda execution environment on its own QuickJS instance: INIT on the first invoke, warm
 * invokes after, and discard on timeout, crash or out-of-memory. The host drives the guest's
 * event loop (microtasks, then timers on the environment's clock) and reads back only strings.
 */
import type { QuickJSContext, QuickJSHandle } from 'quickjs-emscripten-core';
import type { EngineDeps, EnvironmentSpec, ExecutionEnvironment, InvocationOutcome, InvokeInput, LogEvent } from './contract.ts';
import { limits } from '../limits.ts';
import { EsModuleLoader } from './es-module-loader.ts';
import { ModuleNotFound, VirtualFileSystem, nodePath } from './file-system.ts';
import { consoleLine, functionLogGroup, initReportLine, initStartLine, logStreamName, startLine } from './log-format.ts';
import { exitDocument, fatal, outOfMemoryDocument, settleInvocation, type InvocationEnd, type InvocationRecord } from './outcome.ts';
import type { QuickJSInstance } from './quickjs-loader.ts';
import type { GuestRuntime, Sandbox, SandboxEnd, SandboxPool, SandboxTenant } from './sandbox.ts';
import { buildEnvironmentVariables, nodeVersion, traceId } from './environment-variables.ts';
import { errorDocument, parseHandler, type ErrorDocument } from './runtime-errors.ts';

const MB = 1024 * 1024;

export interface EngineOptions {
  /** Real-time cap on one invocation's CPU work; under a virtual clock this is what stops `while (true) {}`. */
  cpuBudgetMs?: number;
  /** Log bytes one invocation may write before the rest is dropped. */
  logBytesPerInvocation?: number;
}

type Completion =
  | { kind: 'init' }
  | { kind: 'result'; body: string; waits: boolean }
  | { kind: 'error'; body: string };

/** How a run of the guest's event loop ended. */
type LoopEnd =
  | { kind: 'done' }
  | { kind: 'idle' }
  | { kind: 'timeout' }
  | { kind: 'oom' }
  | { kind: 'exit'; code: number }
  | { kind: 'crash'; body: string; errorType: string };

const LEVELS = new Set(['TRACE', 'DEBUG', 'INFO', 'WARN', 'ERROR', 'FATAL']);

export class QuickJSExecutionEnvironment implements ExecutionEnvironment {
  readonly logStreamName: string;
  private readonly fs: VirtualFileSystem;
  private readonly modules: EsModuleLoader;
  private readonly env: Record<string, string>;
  private sandbox: Sandbox | undefined;
  private instance: QuickJSInstance | undefined;
  private ctx: QuickJSContext | undefined;
  private guest: GuestRuntime | undefined;
  private initialized = false;
  private shutDown = false;
  /** The WebAssembly module trapped (or ran out of memory): its sandbox is never reset for reuse. */
  private trapped = false;
  private queue: Promise<unknown> = Promise.resolve();
  /** Invocations queued or running: a shutdown meanwhile must not hand the sandbox to anyone else. */
  private pending = 0;
  private readonly settled = (): void => {
    this.pending--;
  };

  // Per-invocation state, read by the host functions the guest calls.
  private requestId = 'undefined';
  private logs: LogEvent[] = [];
  private logBytes = 0;
  private logTruncated = false;
  private completion: Completion | undefined;
  private deadline = Infinity;
  private realDeadline = Infinity;
  private interrupted: 'timeout' | 'oom' | 'exit' | 'abort' | undefined;
  private exitCode = 0;
  private rejectionPending = false;
  /** Set once guest code first touches a timer function: until then there is no timer to ask about. */
  private timersLoaded = false;

  constructor(
    private readonly spec: EnvironmentSpec,
    private readonly deps: EngineDeps,
    private readonly sandboxes: SandboxPool,
    private readonly options: EngineOptions,
  ) {
    this.logStreamName = logStreamName(deps.clock.now(), spec.version, deps.random);
    this.fs = new VirtualFileSystem(spec.code, spec.opt, nodePath(spec.runtime));
    this.modules = new EsModuleLoader(this.fs);
    this.env = buildEnvironmentVariables(spec, this.logStreamName, deps.random);
  }

  invoke(input: InvokeInput): Promise<InvocationOutcome> {
    // One invocation at a time: queued behind the last one, or started at once when none is pending.
    const run = this.pending === 0 ? this.invokeNow(input) : this.queue.then(() => this.invokeNow(input));
    this.pending++;
    this.queue = run.then(this.settled, this.settled);
    return run;
  }

  shutdown(): void {
    this.shutDown = true;
    this.discard(this.pending > 0 ? 'trapped' : this.initialized ? 'clean' : 'failed');
  }

  // ---- invocation ----------------------------------------------------------------------------

  private invokeNow(input: InvokeInput): Promise<InvocationOutcome> {
    const coldStart = !this.initialized;
    const run = this.invokeOnce(input);
    if (coldStart) run.then(this.replenish, this.replenish);
    return run;
  }

  /** The sandbox a cold start took is replaced once the invocation has returned. */
  private readonly replenish = (): void => {
    this.sandboxes.replenishSoon();
  };

  private async invokeOnce(input: InvokeInput): Promise<InvocationOutcome> {
    this.logs = [];
    this.logBytes = 0;
    this.logTruncated = false;
    const coldStart = !this.initialized;
    let initDurationMs: number | undefined;
    if (coldStart) {
      if (this.shutDown) throw new Error('This execution environment was shut down; create a new one.');
      const initStart = this.deps.clock.now();
      this.push(initStart, initStartLine(this.spec.runtime, this.spec.region));
      const failure = await this.init();
      initDurationMs = this.deps.clock.now() - initStart;
      if (failure) return this.initFailed(input, failure, initDurationMs);
      this.initialized = true;
    }
    return this.runHandler(input, coldStart, initDurationMs);
  }

  /** INIT: start QuickJS, run the runtime bootstrap, then the function's module scope. */
  private async init(): Promise<{ doc: ErrorDocument; status: 'error' | 'timeout'; discardOnly?: boolean } | undefined> {
    const handler = parseHandler(this.spec.handler, this.fs);
    if ('error' in handler) {
      this.logUncaught(handler.error);
      return { doc: handler.error, status: 'error' };
    }
    try {
      await this.startQuickJS();
    } catch (e) {
      const doc = errorDocument('Runtime.Unknown', `The emulator could not start QuickJS: ${String(e)}`);
      return { doc, status: 'error' };
    }
    const clock = this.deps.clock;
    this.requestId = 'undefined';
    this.completion = undefined;
    this.arm(clock.now() + limits.initDurationSeconds * 1000, limits.initDurationSeconds * 1000);
    const staticContext = JSON.stringify({
      functionName: this.spec.functionName, functionVersion: this.spec.version, memoryLimitInMB: String(this.spec.memorySize),
      logGroupName: functionLogGroup(this.spec.functionName), logStreamName: this.logStreamName,
    });
    this.callGuest(this.guest!.init, [handler.kind, handler.path, handler.handlerPath, this.spec.handler, staticContext]);
    const end = await this.runEventLoop(() => this.completion !== undefined);
    const initDeadline = this.deadline;
    this.disarm();
    const c = this.completion as Completion | undefined;
    if (end.kind === 'done' && c?.kind === 'init') return undefined;
    if (end.kind === 'done' && c?.kind === 'error') return { doc: readErrorDocument(c.body), status: 'error' };
    if (end.kind === 'timeout') {
      await clock.sleepUntil(initDeadline);
      return { doc: errorDocument('Sandbox.Timedout', `Task timed out after ${limits.initDurationSeconds.toFixed(2)} seconds`, false), status: 'timeout' };
    }
    if (end.kind === 'oom') return { doc: outOfMemoryDocument('undefined'), status: 'error' };
    if (end.kind === 'crash') return { doc: readErrorDocument(end.body), status: 'error' };
    if (end.kind === 'exit') return { doc: exitDocument('undefined', end.code), status: 'error' };
    // The module's top-level await never settled and nothing is left to run: Node exits with 13.
    return { doc: exitDocument('undefined', 13), status: 'error' };
  }

  private async initFailed(input: InvokeInput, failure: { doc: ErrorDocument; status: 'error' | 'timeout' }, initDurationMs: number): Promise<InvocationOutcome> {
    const clock = this.deps.clock;
    const errorType = failure.doc.errorType;
    const doc = failure.status === 'timeout' ? { errorType, errorMessage: `RequestId: ${input.requestId} Error: ${failure.doc.errorMessage}` } : failure.doc;
    this.push(clock.now(), initReportLine(initDurationMs, failure.status, errorType));
    const start = clock.now();
    this.push(start, startLine(input.requestId, this.spec.version));
    const outcome = await settleInvocation(
      this.record(input, start, errorType === 'Runtime.OutOfMemory', undefined, true),
      fatal(doc, failure.status === 'timeout' ? 'timeout' : undefined),
    );
    this.discard();
    return { ...outcome, initDurationMs };
  }

  private record(input: InvokeInput, start: number, outOfMemory: boolean, initDurationMs: number | undefined, coldStart: boolean): InvocationRecord {
    return {
      requestId: input.requestId, spec: this.spec, clock: this.deps.clock, start, logs: this.logs, push: (t, m) => this.push(t, m),
      maxMemoryUsedMb: this.maxMemoryUsedMb(outOfMemory), ...(initDurationMs !== undefined ? { initDurationMs } : {}), coldStart,
    };
  }

  private async runHandler(input: InvokeInput, coldStart: boolean, initDurationMs: number | undefined): Promise<InvocationOutcome> {
    const clock = this.deps.clock;
    const timeoutMs = this.spec.timeout * 1000;
    const start = clock.now();
    this.requestId = input.requestId;
    this.completion = undefined;
    this.push(start, startLine(input.requestId, this.spec.version));
    this.arm(start + timeoutMs, timeoutMs);
    const meta = [
      input.requestId, String(start + timeoutMs), input.invokedFunctionArn, traceId(start, this.deps.random),
      optionalJson(input.clientContext), optionalJson(input.identity),
    ].join('\n');
    // Timers that fell due while the environment was frozen fire first, as they do in a thawed Node process.
    let end = this.timersLoaded ? await this.runOverdueTimers(start) : undefined;
    if (!end) {
      this.callGuest(this.guest!.invoke, [input.payload, meta]);
      end = await this.runEventLoop(this.invocationDone);
    }
    this.disarm();

    let ending: InvocationEnd;
    switch (end.kind) {
      case 'done':
      case 'idle': {
        const c = this.completion as Completion | undefined;
        if (c?.kind === 'error') {
          const doc = readErrorDocument(c.body);
          ending = { kind: 'answer', payload: JSON.stringify(doc), errorType: doc.errorType };
        } else {
          // Idle without a result: the event loop emptied first, and the runtime answers null.
          const payload = c?.kind === 'result' ? c.body : 'null';
          if (utf8Length(payload) > limits.payload.syncResponseEnforcedBytes) {
            const errorType = 'Function.ResponseSizeTooLarge';
            ending = {
              kind: 'answer',
              errorType,
              payload: JSON.stringify({ errorMessage: `Response payload size exceeded maximum allowed payload size (${limits.payload.syncResponseEnforcedBytes} bytes).`, errorType }),
            };
          } else ending = { kind: 'answer', payload };
        }
        break;
      }
      case 'timeout':
        ending = { kind: 'timeout' };
        break;
      case 'oom':
      case 'exit': {
        const doc = end.kind === 'oom' ? outOfMemoryDocument(input.requestId) : exitDocument(input.requestId, end.code);
        this.push(clock.now(), doc.errorMessage);
        ending = fatal(doc);
        break;
      }
      case 'crash':
        ending = { kind: 'fatal', errorType: end.errorType, payload: end.body };
        break;
    }
    this.requestId = 'undefined';
    const outcome = await settleInvocation(this.record(input, start, end.kind === 'oom', initDurationMs, coldStart), ending);
    if (outcome.environmentDiscarded) this.discard();
    return outcome;
  }

  /** An invocation is over once it reported, and, with callbackWaitsForEmptyEventLoop, once no timer is left. */
  private readonly invocationDone = (): boolean => {
    const c = this.completion;
    if (!c) return false;
    if (c.kind === 'result' && c.waits) return !this.timersLoaded || this.guestNumber(this.guest!.nextDue, []) < 0;
    return true;
  };

  // ---- the guest's event loop ------------------------------------------------------------------

  private async runEventLoop(isDone: () => boolean): Promise<LoopEnd> {
    const clock = this.deps.clock;
    const sandbox = this.sandbox!;
    for (;;) {
      this.runJobs(sandbox);
      this.takeCompletion();
      const stopped = this.stopped();
      if (stopped) return stopped;
      // The guest flags a rejection nobody handled yet; only then is it worth asking.
      const rejection = this.rejectionPending ? this.guestString(this.guest!.takeUnhandledRejection, []) : '';
      this.rejectionPending = false;
      if (this.stopped()) return this.stopped()!;
      if (rejection) return { kind: 'crash', body: rejection, errorType: 'Runtime.UnhandledPromiseRejection' };
      if (isDone()) return { kind: 'done' };
      if (this.stopped()) return this.stopped()!;
      const due = this.timersLoaded ? this.guestNumber(this.guest!.nextDue, []) : -1;
      if (this.stopped()) return this.stopped()!;
      if (due < 0) return { kind: 'idle' };
      if (due > this.deadline) return { kind: 'timeout' };
      if (due > clock.now()) await clock.sleepUntil(due);
      // A real clock may not have reached the deadline check inside QuickJS while we slept.
      if (clock.now() >= this.deadline && !isDone()) return { kind: 'timeout' };
      const thrown = this.callGuest(this.guest!.runMacrotasks, [clock.now()]);
      const afterTimer = this.stopped();
      if (afterTimer) return afterTimer;
      if (thrown) {
        const body = this.guestString(this.guest!.uncaught, [thrown]);
        thrown.dispose();
        const stoppedAgain = this.stopped();
        if (stoppedAgain) return stoppedAgain;
        const doc = readErrorDocument(body);
        return { kind: 'crash', body: JSON.stringify(doc), errorType: doc.errorType };
      }
    }
  }

  /** Runs timers already due at `now`; returns how the loop ended if one of them ended the environment. */
  private async runOverdueTimers(now: number): Promise<LoopEnd | undefined> {
    for (;;) {
      const due = this.guestNumber(this.guest!.nextDue, []);
      if (due < 0 || due > now) return this.stopped();
      const end = await this.runEventLoop(() => {
        const next = this.guestNumber(this.guest!.nextDue, []);
        return next < 0 || next > now;
      });
      if (end.kind !== 'done' && end.kind !== 'idle') return end;
    }
  }

  /** Reads what the guest reported (a kind letter, then the body); interrupted guests report nothing. */
  private takeCompletion(): void {
    if (this.interrupted || this.completion) return;
    const c = this.poll();
    if (!c || this.interrupted) return;
    const kind = c[0];
    const body = c.slice(1);
    if (kind === 'I') this.completion = { kind: 'init' };
    else if (kind === 'R' || kind === 'W') this.completion = { kind: 'result', body, waits: kind === 'W' };
    else if (kind === 'E') this.completion = { kind: 'error', body };
  }

  private stopped(): LoopEnd | undefined {
    if (this.instance?.outOfMemory() || this.interrupted === 'oom') return { kind: 'oom' };
    if (this.interrupted === 'exit') return { kind: 'exit', code: this.exitCode };
    if (this.interrupted === 'timeout') return { kind: 'timeout' };
    if (this.interrupted === 'abort') {
      const doc = { errorType: 'Runtime.ExitError', errorMessage: `RequestId: ${this.requestId} Error: Runtime exited with error: signal: aborted` };
      return { kind: 'crash', body: JSON.stringify(doc), errorType: doc.errorType };
    }
    return undefined;
  }

  private arm(deadline: number, budgetMs: number): void {
    this.deadline = deadline;
    this.realDeadline = performance.now() + Math.min(budgetMs, this.options.cpuBudgetMs ?? Infinity);
    this.interrupted = undefined;
  }

  private disarm(): void {
    this.deadline = Infinity;
    this.realDeadline = Infinity;
  }

  private shouldInterrupt(): boolean {
    if (this.interrupted) return true;
    if (this.instance?.outOfMemory()) {
      this.interrupted = 'oom';
      return true;
    }
    if (this.deps.clock.now() >= this.deadline || performance.now() >= this.realDeadline) {
      this.interrupted = 'timeout';
      return true;
    }
    return false;
  }

  /**
   * Runs a QuickJS call; an abort inside the module (any exception escaping into the host) is
   * out of memory if the heap is at its cap, otherwise a crash that ends the environment.
   */
  private guard<T>(fn: () => T): T | undefined {
    try {
      return fn();
    } catch {
      this.aborted();
      return undefined;
    }
  }

  /** Drains the guest's microtask queue (no closure per call: this runs on every turn of the loop). */
  private runJobs(sandbox: Sandbox): void {
    try {
      sandbox.runPendingJobs();
    } catch {
      this.aborted();
    }
  }

  private aborted(): void {
    this.trapped = true;
    const inst = this.instance;
    const nearCap = inst ? inst.memory.buffer.byteLength + 2 * MB >= inst.capBytes : false;
    this.interrupted = inst?.outOfMemory() || nearCap ? 'oom' : (this.interrupted ?? 'abort');
  }

  /** Calls a guest function; returns the thrown value's handle if it threw (caller disposes). */
  private callGuest(fn: QuickJSHandle, args: (string | number | QuickJSHandle)[]): QuickJSHandle | undefined {
    const ctx = this.ctx!;
    // Plain loops, no closures: this runs several times per invocation.
    const handles: QuickJSHandle[] = [];
    try {
      for (const a of args) handles.push(typeof a === 'string' ? ctx.newString(a) : typeof a === 'number' ? ctx.newNumber(a) : a);
      const result = ctx.callFunction(fn, ctx.undefined, ...handles);
      if (result.error) return result.error;
      result.value.dispose();
      return undefined;
    } catch {
      this.aborted();
      return undefined;
    } finally {
      try {
        for (let i = 0; i < handles.length; i++) if (typeof args[i] !== 'object') handles[i]!.dispose();
      } catch {
        this.aborted();
        // As before: an abort while freeing the arguments reports nothing thrown.
        return undefined;
      }
    }
  }

  /** The guest's completion string (poll always returns a string), or '' after an abort. */
  private poll(): string {
    const ctx = this.ctx!;
    try {
      const result = ctx.callFunction(this.guest!.poll, ctx.undefined);
      if (result.error) {
        result.error.dispose();
        return '';
      }
      const text = ctx.getString(result.value);
      result.value.dispose();
      return text;
    } catch {
      this.aborted();
      return '';
    }
  }

  private guestString(fn: QuickJSHandle, args: (string | number | QuickJSHandle)[]): string {
    const ctx = this.ctx!;
    return this.guard(() => {
      const handles = args.map((a) => (typeof a === 'string' ? ctx.newString(a) : typeof a === 'number' ? ctx.newNumber(a) : a));
      try {
        const result = ctx.callFunction(fn, ctx.undefined, ...handles);
        if (result.error) {
          result.error.dispose();
          return '';
        }
        const text = ctx.typeof(result.value) === 'string' ? ctx.getString(result.value) : '';
        result.value.dispose();
        return text;
      } finally {
        handles.forEach((h, i) => typeof args[i] !== 'object' && h.dispose());
      }
    }) ?? '';
  }

  private guestNumber(fn: QuickJSHandle, args: (string | number)[]): number {
    const ctx = this.ctx!;
    return this.guard(() => {
      const result = ctx.callFunction(fn, ctx.undefined, ...args.map((a) => (typeof a === 'string' ? ctx.newString(a) : ctx.newNumber(a))));
      if (result.error) {
        result.error.dispose();
        return -1;
      }
      const n = ctx.typeof(result.value) === 'number' ? ctx.getNumber(result.value) : -1;
      result.value.dispose();
      return n;
    }) ?? -1;
  }

  // ---- starting QuickJS ------------------------------------------------------------------------

  /** Takes a sandbox (its bootstrap already evaluated, usually ahead of time) and gives it this function's settings. */
  private async startQuickJS(): Promise<void> {
    const sandbox = await this.sandboxes.take(this.spec.memorySize);
    sandbox.bind(this.tenant());
    this.sandbox = sandbox;
    this.instance = sandbox.instance;
    const ctx = sandbox.ctx;
    this.ctx = ctx;
    this.guest = sandbox.guest;
    this.arm(this.deps.clock.now() + limits.initDurationSeconds * 1000, limits.initDurationSeconds * 1000);
    const r = this.deps.random;
    const seed = () => Math.floor(r() * 0x100000000);
    const settings = ctx.unwrapResult(ctx.evalCode(`(${JSON.stringify({
      seed0: seed(), seed1: seed(), seed2: seed(), seed3: seed(), envJson: JSON.stringify(this.env), nodeVersion: nodeVersion(this.spec.runtime),
    })})`));
    const configured = ctx.callFunction(this.guest.configure, ctx.undefined, settings);
    settings.dispose();
    ctx.unwrapResult(configured).dispose();
    this.disarm();
  }

  /** What the sandbox's host functions and hooks act on: this environment's logs, files and clock. */
  private tenant(): SandboxTenant {
    return {
      log: (level, text) => {
        if (this.interrupted || this.logTruncated) return;
        this.writeLog(consoleLine(this.deps.clock.now(), this.requestId, LEVELS.has(level) ? level : 'INFO', text));
      },
      raw: (text) => {
        if (this.interrupted || this.logTruncated) return;
        this.writeLog(text.replace(/\n$/, '').replace(/\n/g, '\r'));
      },
      now: () => this.deps.clock.now(),
      exit: (code) => {
        this.exitCode = code;
        this.interrupted = 'exit';
      },
      resolve: (specifier, parent, mode) => {
        try {
          return this.fs.resolve(specifier, parent, mode);
        } catch (e) {
          return `!${e instanceof ModuleNotFound ? e.message : String(e)}`;
        }
      },
      read: (path) => this.fs.readText(path),
      format: (path) => this.fs.formatOf(path),
      rejected: () => {
        this.rejectionPending = true;
      },
      chunkLoaded: (name) => {
        if (name === 'timers') this.timersLoaded = true;
      },
      shouldInterrupt: () => this.shouldInterrupt(),
      loadModule: (name) => this.modules.load(name),
      normalizeModule: (base, requested) => this.modules.normalize(base, requested),
    };
  }

  // ---- logs, errors, teardown ------------------------------------------------------------------

  private push(timestamp: number, message: string): void {
    this.logs.push({ timestamp, message });
  }

  private writeLog(message: string): void {
    if (this.logTruncated) return;
    const cap = this.options.logBytesPerInvocation ?? limits.engine.logBytesPerInvocation;
    this.logBytes += message.length;
    if (this.logBytes > cap) {
      this.logTruncated = true;
      this.push(this.deps.clock.now(), `[Lambda Workbook emulator] Log output truncated: this invocation wrote more than ${cap} bytes of logs; the rest was dropped.`);
      return;
    }
    this.push(this.deps.clock.now(), message);
  }

  private logUncaught(doc: ErrorDocument): void {
    const logged = doc.trace ? { errorType: doc.errorType, errorMessage: doc.errorMessage, stack: doc.trace } : doc;
    this.writeLog(consoleLine(this.deps.clock.now(), 'undefined', 'ERROR', `Uncaught Exception \t${JSON.stringify(logged)}`));
  }

  private maxMemoryUsedMb(outOfMemory: boolean): number {
    if (outOfMemory) return this.spec.memorySize;
    // An INIT that failed before QuickJS started still had the smallest heap an environment gets.
    const bytes = this.instance?.memory.buffer.byteLength ?? limits.engine.minHeapMb * MB;
    return Math.min(this.spec.memorySize, Math.ceil(bytes / MB));
  }

  /**
   * Resets the environment after a failure (the next invoke is a cold start) or at shutdown, and
   * gives the sandbox back to the pool, which resets it for another environment unless it trapped.
   */
  private discard(end: SandboxEnd = 'failed'): void {
    const how: SandboxEnd = this.trapped || this.instance?.outOfMemory() ? 'trapped' : end;
    this.trapped = false;
    this.initialized = false;
    this.timersLoaded = false;
    this.rejectionPending = false;
    this.modules.reset();
    const sandbox = this.sandbox;
    this.sandbox = undefined;
    this.guest = undefined;
    this.ctx = undefined;
    this.instance = undefined;
    if (sandbox) this.sandboxes.giveBack(sandbox, how);
  }
}

const optionalJson = (v: unknown): string => (v === undefined ? '' : JSON.stringify(v));

/**
 * Re-reads an error document the guest serialised, keeping only the fields Lambda returns, as
 * plain strings: nothing the guest wrote reaches the caller unchecked.
 */
export function readErrorDocument(body: string): ErrorDocument {
  try {
    const parsed: unknown = JSON.parse(body);
    if (parsed && typeof parsed === 'object') {
      const p = parsed as Record<string, unknown>;
      if (typeof p['errorType'] === 'string' && typeof p['errorMessage'] === 'string') {
        const trace = Array.isArray(p['trace']) ? p['trace'].map((line) => String(line)) : undefined;
        // Key order as the runtime writes it: errorType, errorMessage, trace.
        return trace ? { errorType: p['errorType'], errorMessage: p['errorMessage'], trace } : { errorType: p['errorType'], errorMessage: p['errorMessage'] };
      }
    }
  } catch {
    /* falls through to the document below */
  }
  return { errorType: 'Runtime.Unknown', errorMessage: 'The function reported an error the emulator could not read.' };
}

function utf8Length(s: string): number {
  if (s.length > limits.payload.syncResponseEnforcedBytes) return s.length;
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff) {
      n += 4;
      i++;
    } else n += 3;
  }
  return n;
}

