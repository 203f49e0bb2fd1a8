/**
 * One Lambda execution environment on its own QuickJS instance: INIT on the first invoke, warm
 * invokes after, and discard on timeout, crash or out-of-memory. The guest's event loop runs in
 * event-loop.ts and every call into QuickJS goes through guest-calls.ts; the host reads back only strings.
 */
import type { EngineDeps, EnvironmentSpec, ExecutionEnvironment, InvocationOutcome, InvokeInput, LogEvent } from './contract.ts';
import { limits, provisionedInitSeconds } from '../limits.ts';
import { EsModuleLoader } from './es-module-loader.ts';
import { EventLoop } from './event-loop.ts';
import { fromWire, toWire } from './python/wire.ts';
import { SDK_NOT_CONNECTED } from './sdk.ts';
import { ModuleNotFound, VirtualFileSystem, nodePath } from './file-system.ts';
import { APPLICATION_LEVELS, consoleLine, functionLogGroup, initReportLine, initStartLine, jsonApplicationRecord, jsonMessageOf, levelWritten, logStreamName, startLine } from './log-format.ts';
import { exitDocument, fatal, outOfMemoryDocument, settleInvocation, type InvocationEnd, type InvocationRecord } from './outcome.ts';
import type { Sandbox, SandboxEnd, SandboxPool, SandboxTenant } from './sandbox.ts';
import { buildEnvironmentVariables, nodeVersion, traceId } from './environment-variables.ts';
import { guestStack } from './host-stack.ts';
import { errorDocument, parseHandler, readErrorDocument, type ErrorDocument } from './runtime-errors.ts';

const MB = 1024 * 1024;

export interface EngineOptions {
  /** Real-time cap on one invocation's CPU work; under a virtual clock this is what stops `while (true) {}`. */
  cpuBudgetMs?: number;
  /** Log bytes one invocation may write before the rest is dropped. */
  logBytesPerInvocation?: number;
}

const LEVELS = new Set(['TRACE', 'DEBUG', 'INFO', 'WARN', 'ERROR', 'FATAL']);

export class QuickJSExecutionEnvironment implements ExecutionEnvironment {
  readonly logStreamName: string;
  private readonly fs: VirtualFileSystem;
  private readonly modules: EsModuleLoader;
  private readonly env: Record<string, string>;
  private sandbox: Sandbox | undefined;
  /** The event loop of the sandbox this environment took at INIT. */
  private loop: EventLoop | undefined;
  private initialized = false;
  private shutDown = false;
  private queue: Promise<unknown> = Promise.resolve();
  /** Invocations queued or running: a shutdown meanwhile must not hand the sandbox to anyone else. */
  private pending = 0;
  private readonly settled = (): void => {
    this.pending--;
  };

  // Per-invocation state, read by the host functions the guest calls.
  private requestId = 'undefined';
  /** The running invocation's X-Ray header: the SDK calls it makes carry it. */
  private traceHeader = '';
  private logs: LogEvent[] = [];
  private logBytes = 0;
  private logTruncated = false;

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

  /** INIT now, with no invocation (provisioned concurrency): INIT_START, module scope, and INIT_REPORT if it fails. */
  async initialize(): Promise<{ ok: boolean; logs: LogEvent[]; initDurationMs: number }> {
    if (this.initialized || this.pending > 0 || this.shutDown) throw new Error('Only a new execution environment can be initialised ahead.');
    this.logs = [];
    this.logBytes = 0;
    this.logTruncated = false;
    const initStart = this.deps.clock.now();
    this.push(initStart, initStartLine(this.spec.runtime, this.spec.region));
    // Provisioned INIT may run for the larger of 130 s and the function's timeout.
    const failure = await this.init('undefined', provisionedInitSeconds(this.spec.timeout));
    const initDurationMs = this.deps.clock.now() - initStart;
    this.sandboxes.replenishSoon();
    if (failure) {
      this.push(this.deps.clock.now(), initReportLine(initDurationMs, failure.status, failure.doc.errorType));
      this.discard();
      return { ok: false, logs: this.logs, initDurationMs };
    }
    this.initialized = true;
    return { ok: true, logs: this.logs, initDurationMs };
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
      const failure = await this.init(input.requestId);
      initDurationMs = this.deps.clock.now() - initStart;
      if (failure) return this.initFailed(input, failure, initDurationMs);
      this.initialized = true;
    }
    return this.runHandler(input, coldStart, initDurationMs);
  }

  /** INIT: start QuickJS, run the runtime bootstrap, then the function's module scope; a runtime that dies reports the invocation's id. */
  private async init(requestId: string, limitSeconds: number = limits.initDurationSeconds): Promise<{ doc: ErrorDocument; status: 'error' | 'timeout'; discardOnly?: boolean } | undefined> {
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
    const loop = this.loop!;
    this.requestId = 'undefined';
    loop.arm(clock.now() + limitSeconds * 1000, limitSeconds * 1000);
    const staticContext = JSON.stringify({
      functionName: this.spec.functionName, functionVersion: this.spec.version, memoryLimitInMB: String(this.spec.memorySize),
      logGroupName: this.spec.logging?.logGroup ?? functionLogGroup(this.spec.functionName), logStreamName: this.logStreamName,
    });
    loop.calls.callGuest(loop.calls.guest.init, [handler.kind, handler.path, handler.handlerPath, this.spec.handler, staticContext]);
    const end = await loop.run(loop.initDone);
    const initDeadline = loop.deadline;
    loop.disarm();
    const c = loop.completion;
    if (end.kind === 'done' && c?.kind === 'init') return undefined;
    if (end.kind === 'done' && c?.kind === 'error') return { doc: readErrorDocument(c.body), status: 'error' };
    if (end.kind === 'timeout') {
      await clock.sleepUntil(initDeadline);
      return { doc: errorDocument('Sandbox.Timedout', `Task timed out after ${limitSeconds.toFixed(2)} seconds`, false), status: 'timeout' };
    }
    if (end.kind === 'oom') return { doc: outOfMemoryDocument(requestId), status: 'error' };
    if (end.kind === 'crash') return { doc: readErrorDocument(end.body), status: 'error' };
    if (end.kind === 'exit') return { doc: exitDocument(requestId, end.code), status: 'error' };
    if (end.kind === 'abort') return { doc: exitDocument(requestId, 'aborted'), status: 'error' };
    // The module's top-level await never settled and nothing is left to run: Node exits with 13.
    return { doc: exitDocument(requestId, 13), status: 'error' };
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
    const record: InvocationRecord = {
      requestId: input.requestId, spec: this.spec, clock: this.deps.clock, start, logs: this.logs, push: this.pushLog,
      maxMemoryUsedMb: this.maxMemoryUsedMb(outOfMemory), coldStart,
    };
    if (initDurationMs !== undefined) record.initDurationMs = initDurationMs;
    return record;
  }

  /** `push` for the outcome, made once per environment rather than per invocation. */
  private readonly pushLog = (timestamp: number, message: string): void => this.push(timestamp, message);

  private async runHandler(input: InvokeInput, coldStart: boolean, initDurationMs: number | undefined): Promise<InvocationOutcome> {
    const clock = this.deps.clock;
    const timeoutMs = this.spec.timeout * 1000;
    const start = clock.now();
    const loop = this.loop!;
    this.requestId = input.requestId;
    // Drawn even when the invocation continues a trace, so the seeded sequence stays the same either way.
    const fresh = traceId(start, this.deps.random, this.spec.functionArn);
    this.traceHeader = input.traceId ?? fresh;
    this.push(start, startLine(input.requestId, this.spec.version));
    loop.arm(start + timeoutMs, timeoutMs);
    // The deadline is whole milliseconds, as the Runtime API's header gives it: remaining time never exceeds the timeout.
    const meta = [
      input.requestId, String(Math.floor(start) + timeoutMs), input.invokedFunctionArn, this.traceHeader,
      optionalJson(input.clientContext), optionalJson(input.identity), nestsDeeperThan(input.payload, limits.engine.nativeJsonDepth) ? '1' : '',
    ].join('\n');
    // Timers that fell due while the environment was frozen fire first, as they do in a thawed Node process.
    let end = loop.timersLoaded ? await loop.runOverdueTimers(start) : undefined;
    if (!end) {
      loop.calls.callGuest(loop.calls.guest.invoke, [input.payload, meta]);
      end = await loop.run(loop.invocationDone);
    }
    loop.disarm();

    let ending: InvocationEnd;
    switch (end.kind) {
      case 'done':
      case 'idle': {
        const c = loop.completion;
        if (c?.kind === 'error') {
          const doc = readErrorDocument(c.body);
          ending = { kind: 'answer', payload: JSON.stringify(doc), errorType: doc.errorType };
        } else {
          // Idle without a result: the event loop emptied first, and the runtime answers null.
          ending = { kind: 'answer', payload: c?.kind === 'result' ? c.body : 'null' };
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
      case 'abort':
        ending = fatal(exitDocument(input.requestId, 'aborted'));
        break;
      case 'crash':
        ending = { kind: 'fatal', errorType: end.errorType, payload: end.body };
        break;
    }
    this.requestId = 'undefined';
    const outcome = await settleInvocation(this.record(input, start, end.kind === 'oom', initDurationMs, coldStart), ending);
    if (outcome.environmentDiscarded) this.discard();
    return outcome;
  }

  // ---- starting QuickJS ------------------------------------------------------------------------

  /** Takes a sandbox (its bootstrap already evaluated, usually ahead of time) and gives it this function's settings. */
  private async startQuickJS(): Promise<void> {
    const sandbox = await this.sandboxes.take(this.spec.memorySize);
    const loop = new EventLoop(sandbox, this.deps.clock, this.options.cpuBudgetMs ?? Infinity);
    sandbox.bind(this.tenant(loop));
    this.sandbox = sandbox;
    this.loop = loop;
    const ctx = sandbox.ctx;
    loop.arm(this.deps.clock.now() + limits.initDurationSeconds * 1000, limits.initDurationSeconds * 1000);
    const r = this.deps.random;
    const seed = () => Math.floor(r() * 0x100000000);
    const settings = ctx.unwrapResult(ctx.evalCode(`(${JSON.stringify({
      seed0: seed(), seed1: seed(), seed2: seed(), seed3: seed(), envJson: JSON.stringify(this.env), nodeVersion: nodeVersion(this.spec.runtime),
      resultJsonDepth: guestStack().resultJsonDepth, nativeJsonDepth: limits.engine.nativeJsonDepth,
    })})`));
    const configured = ctx.callFunction(sandbox.guest.configure, ctx.undefined, settings);
    settings.dispose();
    ctx.unwrapResult(configured).dispose();
    loop.disarm();
  }

  /** What the sandbox's host functions and hooks act on: this environment's logs, files, clock and event loop. */
  private tenant(loop: EventLoop): SandboxTenant {
    return {
      log: (level, text) => {
        if (loop.interrupted || this.logTruncated) return;
        this.writeConsole(this.requestId, level, text);
      },
      raw: (text) => {
        if (loop.interrupted || this.logTruncated) return;
        this.writeLog(text.replace(/\n$/, '').replace(/\n/g, '\r'));
      },
      now: () => this.deps.clock.now(),
      exit: (code) => loop.exit(code),
      resolve: (specifier, parent, mode) => {
        try {
          return this.fs.resolve(specifier, parent, mode);
        } catch (e) {
          return `!${e instanceof ModuleNotFound ? e.message : String(e)}`;
        }
      },
      read: (path) => this.fs.readText(path),
      format: (path) => this.fs.formatOf(path),
      rejected: () => loop.rejected(),
      chunkLoaded: (name) => loop.chunkLoaded(name),
      shouldInterrupt: () => loop.shouldInterrupt(),
      loadModule: (name) => this.modules.load(name),
      normalizeModule: (base, requested) => this.modules.normalize(base, requested),
      awsCall: (id, service, operation, inputWire) => {
        loop.awsStarted();
        void this.callAws(service, operation, inputWire).then((answer) => loop.awsAnswered(id, answer));
      },
    };
  }

  /** One SDK call of the guest, run by the host as this function (its execution role), answered as wire text. */
  private async callAws(service: string, operation: string, inputWire: string): Promise<string> {
    let input: Record<string, unknown>;
    try {
      input = fromWire(inputWire) as Record<string, unknown>;
    } catch {
      input = {};
    }
    const caller = { functionName: this.spec.functionName, version: this.spec.version };
    const traced = this.traceHeader ? { traceHeader: this.traceHeader } : {};
    const answer = this.deps.aws ? await this.deps.aws({ service, operation, input, caller, ...traced }).catch((e: unknown) => ({ error: { code: 'EmulatorError', message: String(e), status: 500, requestId: '', headers: {}, fields: {} } })) : SDK_NOT_CONNECTED;
    return toWire(answer);
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
    this.writeConsole('undefined', 'ERROR', `Uncaught Exception \t${JSON.stringify(logged)}`);
  }

  /**
   * One console call's log event: Text's tab-separated line, or with LogFormat JSON the runtime's
   * JSON record, dropped below the function's application level (AWS_LAMBDA_LOG_LEVEL). The guest
   * marks a single non-string value it passes as JSON with `<LEVEL>:json` (a NUL would not cross into the host).
   */
  private writeConsole(requestId: string, guestLevel: string, text: string): void {
    const [name = 'INFO', kind] = guestLevel.split(':');
    const level = LEVELS.has(name) ? name : 'INFO';
    const logging = this.spec.logging;
    if (logging?.format !== 'JSON') {
      this.writeLog(consoleLine(this.deps.clock.now(), requestId, level, text));
      return;
    }
    if (!levelWritten(APPLICATION_LEVELS, level, logging.applicationLogLevel ?? 'INFO')) return;
    this.writeLog(jsonApplicationRecord(this.deps.clock.now(), requestId, level, jsonMessageOf(kind === 'json' ? 'json' : 'text', level, text)));
  }

  private maxMemoryUsedMb(outOfMemory: boolean): number {
    if (outOfMemory) return this.spec.memorySize;
    // An INIT that failed before QuickJS started still had the smallest heap an environment gets.
    const bytes = this.sandbox?.instance.memory.buffer.byteLength ?? limits.engine.minHeapMb * MB;
    return Math.min(this.spec.memorySize, Math.ceil(bytes / MB));
  }

  /**
   * Resets the environment after a failure (the next invoke is a cold start) or at shutdown, and
   * gives the sandbox back to the pool, which resets it for another environment unless it trapped.
   */
  private discard(end: SandboxEnd = 'failed'): void {
    const sandbox = this.sandbox;
    const how: SandboxEnd = this.loop?.calls.trapped || sandbox?.instance.outOfMemory() ? 'trapped' : end;
    this.initialized = false;
    this.modules.reset();
    this.sandbox = undefined;
    this.loop = undefined;
    if (sandbox) this.sandboxes.giveBack(sandbox, how);
  }
}

const optionalJson = (v: unknown): string => (v === undefined ? '' : JSON.stringify(v));

/** Whether JSON text nests arrays and objects more than `depth` deep (a shorter text cannot: no scan). */
export function nestsDeeperThan(json: string, depth: number): boolean {
  if (json.length <= 2 * depth) return false;
  let level = 0;
  let inString = false;
  for (let i = 0; i < json.length; i++) {
    const c = json.charCodeAt(i);
    if (inString) {
      if (c === 0x5c) i++;
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x5b || c === 0x7b) {
      if (++level > depth) return true;
    } else if (c === 0x5d || c === 0x7d) level--;
  }
  return false;
}

