/**
 * An EnvironmentFactory whose environments each live in their own worker. The host watches every
 * invocation with a real-time watchdog: a worker that overruns its deadline by a margin, or dies,
 * is terminated and replaced, and the invocation ends as Lambda would end it. An engine that cannot
 * stop its own guest (Pyodide) is stopped at INIT's limit and then at the function's timeout, with
 * the lines it streamed kept. The guest's SDK calls are relayed to the host's account. No DOM: only
 * the WorkerLike the caller spawns (a Web Worker in the page, worker_threads in Node).
 */
import { limits, provisionedInitSeconds } from '../limits.ts';
import { EnvironmentUnavailableError, type EngineDeps, type EnvironmentFactory, type EnvironmentSpec, type ExecutionEnvironment, type InvocationOutcome, type InvokeInput, type LogEvent } from './contract.ts';
import { startLine } from './log-format.ts';
import { exitDocument, fatal, initTimeout, outOfMemoryDocument, settleFailedInit, settleInvocation, type InvocationRecord } from './outcome.ts';
import { SDK_NOT_CONNECTED } from './sdk.ts';
import type { WorkerEngineOptions, WorkerLike, WorkerToHost } from './worker-protocol.ts';

export interface WorkerEnvironmentOptions extends Omit<WorkerEngineOptions, 'wasmModule'> {
  /** The compiled QuickJS module, or a loader for it: resolved once, then sent to every worker. */
  wasmModule?: WebAssembly.Module | (() => Promise<WebAssembly.Module>);
  /** Starts one worker running worker-entry (or its Node equivalent). */
  spawn: () => WorkerLike;
  /** Real time a worker may run past the invocation's timeout before it is terminated. */
  overrunMarginMs?: number;
  /** Real time a worker may take to start and create its environment; defaults to limits.engine.workerStartMs. */
  startTimeoutMs?: number;
  /**
   * Keep one worker started ahead, with its engine loaded (QuickJS and a sandbox built for the memory
   * size last used, or a Python interpreter), so a cold start skips the worker's own start-up.
   */
  spareWorker?: boolean;
  /**
   * The engine stops its own guest at the deadline (QuickJS, the default): the watchdog is a
   * backstop. When false (Pyodide), the watchdog itself stops the guest: at INIT's limit, then at
   * the function's timeout from the moment the handler starts, paused while the host answers an SDK call.
   */
  interruptsItself?: boolean;
}

/** What a worker is sent with each environment: the options, without the host-only ones. */
function engineOptions(options: WorkerEnvironmentOptions, wasmModule: WebAssembly.Module | undefined): WorkerEngineOptions {
  const { spawn: _spawn, overrunMarginMs: _margin, startTimeoutMs: _start, wasmModule: _module, spareWorker: _spare, interruptsItself: _interrupts, ...rest } = options;
  return wasmModule ? { ...rest, wasmModule } : rest;
}

/** Hands out workers: the spare one started ahead when there is one, else a new one. */
class WorkerSupply {
  private spare: { worker: WorkerLike; dead: boolean; ready: Promise<void> } | undefined;
  /** The memory size the next environment will most likely ask for: the last one's, at first Lambda's default. */
  private memorySizeMb: number = limits.memory.default;
  private scheduled = false;

  constructor(
    private readonly options: WorkerEnvironmentOptions,
    private readonly wasmModule: () => Promise<WebAssembly.Module | undefined>,
  ) {}

  take(memorySizeMb: number): WorkerLike {
    this.memorySizeMb = memorySizeMb;
    const spare = this.spare;
    this.spare = undefined;
    if (spare && !spare.dead) return spare.worker;
    spare?.worker.terminate();
    return this.options.spawn();
  }

  /**
   * Called when an invocation has answered: the spare starts now, in a later macrotask, rather than
   * while an environment is starting, where the two workers would compete for the CPU.
   */
  startSpareSoon(): void {
    if (!this.options.spareWorker || this.scheduled) return;
    this.scheduled = true;
    globalThis.setTimeout(() => {
      this.scheduled = false;
      if (!this.spare) void this.startSpare();
    }, 0);
  }

  /** Resolves once a spare worker has its engine loaded (for the bench and tests: a cold start now skips the load). */
  async spareReady(): Promise<void> {
    if (!this.spare) await this.startSpare();
    const spare = this.spare;
    if (!spare) return;
    // An idle spare lets the process exit; one that is awaited must keep it alive until it is ready.
    spare.worker.hold?.(true);
    try {
      await spare.ready;
    } finally {
      if (this.spare === spare) spare.worker.hold?.(false);
    }
  }

  private async startSpare(): Promise<void> {
    const worker = this.options.spawn();
    let prepared = () => {};
    const spare = { worker, dead: false, ready: new Promise<void>((resolve) => (prepared = resolve)) };
    worker.onMessage((m) => {
      if (m.type === 'prepared') prepared();
    });
    // A spare that dies before it is taken is never handed out: nothing would hear its death.
    worker.onError(() => {
      spare.dead = true;
      prepared();
    });
    this.spare = spare;
    try {
      worker.postMessage({ type: 'prepare', options: engineOptions(this.options, await this.wasmModule()), memorySizeMb: this.memorySizeMb });
    } catch {
      spare.dead = true;
      prepared();
    }
  }
}

/** A real-time alarm, re-armed as the invocation moves from INIT to the handler, paused while the host answers the guest. */
class Watchdog {
  private timer: ReturnType<typeof globalThis.setTimeout> | undefined;
  private due = 0;
  private remaining: number | undefined;

  constructor(private readonly fire: () => void) {}

  arm(ms: number | undefined): void {
    this.clear();
    if (ms === undefined) return;
    this.due = performance.now() + ms;
    this.timer = globalThis.setTimeout(this.fire, ms);
  }

  pause(): void {
    if (this.timer === undefined) return;
    this.remaining = Math.max(0, this.due - performance.now());
    globalThis.clearTimeout(this.timer);
    this.timer = undefined;
  }

  resume(): void {
    const ms = this.remaining;
    if (ms !== undefined) this.arm(ms);
  }

  clear(): void {
    if (this.timer !== undefined) globalThis.clearTimeout(this.timer);
    this.timer = undefined;
    this.remaining = undefined;
  }
}

let nextId = 1;

class WorkerExecutionEnvironment implements ExecutionEnvironment {
  logStreamName = '';
  private worker: WorkerLike | undefined;
  private readonly id = nextId++;
  private readonly wasmModule: () => Promise<WebAssembly.Module | undefined>;
  private pending: { resolve: (m: WorkerToHost) => void } | undefined;
  private readonly watchdog = new Watchdog(() => this.pending?.resolve({ type: 'failed', id: this.id, message: 'watchdog' }));
  private closed = false;
  private queue: Promise<unknown> = Promise.resolve();
  /** What the running invocation streamed (engines that cannot stop themselves), and whether its handler has started. */
  private streamed: LogEvent[] = [];
  private handlerStarted = false;

  constructor(
    private readonly spec: EnvironmentSpec,
    private readonly deps: EngineDeps,
    private readonly options: WorkerEnvironmentOptions,
    wasmModule: () => Promise<WebAssembly.Module | undefined>,
    private readonly workers: WorkerSupply,
  ) {
    this.wasmModule = wasmModule;
    this.initialize = () => this.initializeNow();
  }

  private get interruptsItself(): boolean {
    return this.options.interruptsItself ?? true;
  }

  /**
   * Starts (or restarts) the worker and creates the environment inside it. A worker that cannot be
   * spawned, dies or does not answer in time is terminated: EnvironmentUnavailableError.
   */
  async start(): Promise<void> {
    const options = engineOptions(this.options, await this.wasmModule());
    let worker: WorkerLike;
    try {
      worker = this.workers.take(this.spec.memorySize);
    } catch (e) {
      throw new EnvironmentUnavailableError(`the worker could not be started: ${e instanceof Error ? e.message : String(e)}`);
    }
    this.worker = worker;
    worker.onMessage((m) => {
      if (worker !== this.worker) return;
      if (m.type === 'log') this.streamed.push(m.event);
      else if (m.type === 'init-started') this.watchPhase(this.initSeconds);
      else if (m.type === 'handler-started') this.startHandlerWatch();
      else if (m.type === 'out-of-memory') this.pending?.resolve({ type: 'failed', id: this.id, message: 'out-of-memory' });
      else if (m.type === 'aws-call') {
        // The guest waits on the host, so its engine is idle: a slow engine's spare loads now, and a
        // cold start the call causes (a function invoking itself, a fan-out) is more likely to find it ready.
        if (!this.interruptsItself) this.workers.startSpareSoon();
        void this.relayAws(worker, m);
      } else if (m.type !== 'prepared' && m.type !== 'engine-loading') this.pending?.resolve(m);
    });
    worker.onError((message) => {
      if (worker === this.worker) this.pending?.resolve({ type: 'failed', id: this.id, message: `worker died: ${message}` });
    });
    const reply = await this.request(
      () => worker.postMessage({
        type: 'create', id: this.id, spec: this.spec, seed: Math.floor(this.deps.random() * 2147483646) + 1, options,
        clock: this.#wallOffset() !== undefined ? { mode: 'real', offsetMs: this.#wallOffset()! } : { mode: 'virtual', now: this.deps.clock.now() },
      }),
      this.options.startTimeoutMs ?? limits.engine.workerStartMs,
    );
    if (reply.type !== 'created') {
      this.replaceWorker();
      const why = reply.type !== 'failed' ? 'it did not create the environment' : reply.message === 'watchdog' ? 'it did not start in time' : reply.message;
      throw new EnvironmentUnavailableError(`the worker could not be started: ${why}`);
    }
    // The first worker's stream names the environment for its whole life, as in Lambda after a reset.
    if (!this.logStreamName) this.logStreamName = reply.logStreamName;
  }

  invoke(input: InvokeInput): Promise<InvocationOutcome> {
    const run = this.queue.then(() => this.invokeNow(input));
    this.queue = run.catch(() => undefined);
    return run;
  }

  /**
   * INIT ahead in the worker (provisioned concurrency). Engines that stop their own guest (Node.js)
   * do it at INIT's limit; a Python worker is stopped from here by the watchdog, armed when INIT starts.
   */
  readonly initialize: (() => Promise<{ ok: boolean; logs: LogEvent[]; initDurationMs: number }>) | undefined;
  /** INIT's limit for the watchdog: Lambda's 10 s on demand, longer while provisioned concurrency initialises ahead. */
  private initSeconds: number = limits.initDurationSeconds;

  private async initializeNow(): Promise<{ ok: boolean; logs: LogEvent[]; initDurationMs: number }> {
    if (this.closed) throw new Error('This execution environment was shut down; create a new one.');
    if (!this.worker) await this.start();
    const worker = this.worker!;
    const start = this.deps.clock.now();
    // Provisioned INIT may run for the larger of 130 s and the function's timeout (the watchdog's limit for an engine that cannot stop itself).
    this.initSeconds = provisionedInitSeconds(this.spec.timeout);
    const reply = await this.request(
      () => worker.postMessage({ type: 'initialize', id: this.id, ...this.#clockNow(start) }),
      (this.interruptsItself ? 0 : limits.engine.workerLoadTimeoutMs) + provisionedInitSeconds(this.spec.timeout) * 1000 + this.marginMs,
    ).finally(() => {
      this.initSeconds = limits.initDurationSeconds;
    });
    if (reply.type === 'initialized') {
      this.workers.startSpareSoon();
      await this.deps.clock.sleepUntil(reply.now);
      return { ok: reply.ok, logs: reply.logs, initDurationMs: reply.initDurationMs };
    }
    // The worker died or overran INIT: as an INIT that failed, the environment is not kept.
    this.replaceWorker();
    return { ok: false, logs: [], initDurationMs: this.deps.clock.now() - start };
  }

  private get marginMs(): number {
    return this.options.overrunMarginMs ?? (this.interruptsItself ? limits.engine.workerOverrunMarginMs : limits.engine.workerStopMarginMs);
  }

  /** Real time one phase may take: the function's timeout, or INIT's limit, capped by the CPU budget. */
  private phaseBudgetMs(seconds: number): number {
    return Math.min(seconds * 1000, this.options.cpuBudgetMs ?? Infinity) + this.marginMs;
  }

  private async invokeNow(input: InvokeInput): Promise<InvocationOutcome> {
    if (this.closed) throw new Error('This execution environment was shut down; create a new one.');
    if (!this.worker) await this.start();
    const worker = this.worker!;
    const start = this.deps.clock.now();
    this.streamed = [];
    this.handlerStarted = false;
    // A self-interrupting engine gets INIT and the handler together as a backstop; otherwise the
    // engine's own load is not the function's (only a hang is stopped), then each phase gets its limit.
    const budgetMs = this.interruptsItself
      ? (Math.max(this.spec.timeout, limits.initDurationSeconds) + this.spec.timeout) * 1000 + this.marginMs
      : limits.engine.workerLoadTimeoutMs;
    const reply = await this.request(
      () => worker.postMessage({ type: 'invoke', id: this.id, input, ...this.#clockNow(start) }),
      budgetMs,
    );
    if (reply.type === 'outcome') {
      this.workers.startSpareSoon();
      await this.deps.clock.sleepUntil(reply.now);
      return reply.outcome;
    }
    // The worker overran its deadline, ran out of memory or died: it is terminated, and the next invoke starts a new one.
    this.replaceWorker();
    const message = reply.type === 'failed' ? reply.message : '';
    return this.synthesize(input, start, message === 'watchdog' ? 'timeout' : message === 'out-of-memory' ? 'oom' : 'crash');
  }

  /** The handler started: from now on its timeout is what the watchdog allows. */
  private startHandlerWatch(): void {
    this.handlerStarted = true;
    this.watchPhase(this.spec.timeout);
  }

  /** For an engine that cannot stop its guest: a phase (INIT, the handler) starts, with `seconds` to run. */
  private watchPhase(seconds: number): void {
    if (!this.interruptsItself) this.watchdog.arm(this.phaseBudgetMs(seconds));
  }

  /** The host clock's lead on the wall clock when it runs at wall speed; undefined for a virtual clock. */
  #wallOffset(): number | undefined {
    return this.deps.clock.wallOffsetMs;
  }

  /** What a message tells the worker's clock: the lead to keep (wall speed), or the time to jump to (virtual). */
  #clockNow(start: number): { offsetMs: number } | { now: number } {
    const offset = this.#wallOffset();
    return offset !== undefined ? { offsetMs: offset } : { now: start };
  }

  /** Runs the guest's SDK call against the host's account, on the host's clock, with the watchdog paused. */
  private async relayAws(worker: WorkerLike, m: Extract<WorkerToHost, { type: 'aws-call' }>): Promise<void> {
    const clock = this.deps.clock;
    const virtual = this.#wallOffset() === undefined;
    this.watchdog.pause();
    if (virtual && m.now !== undefined) await clock.sleepUntil(m.now);
    // The host, not the worker, says which function calls: guest code cannot borrow another function's role.
    const call = { ...m.call, caller: { functionName: this.spec.functionName, version: this.spec.version } };
    const answer = this.deps.aws ? await this.deps.aws(call) : SDK_NOT_CONNECTED;
    if (worker !== this.worker) return;
    worker.postMessage({ type: 'aws-answer', id: this.id, callId: m.callId, answer, ...(virtual ? { now: clock.now() } : {}) });
    this.watchdog.resume();
  }

  /** Sends a message and waits for the reply, or for the watchdog after `watchdogMs` of real time. */
  private request(send: () => void, watchdogMs: number | undefined): Promise<WorkerToHost> {
    const worker = this.worker;
    worker?.hold?.(true);
    return new Promise((resolve) => {
      const pending = {
        resolve: (m: WorkerToHost) => {
          this.watchdog.clear();
          if (this.pending === pending) this.pending = undefined;
          worker?.hold?.(false);
          resolve(m);
        },
      };
      this.pending = pending;
      this.watchdog.arm(watchdogMs);
      try {
        send();
      } catch (e) {
        pending.resolve({ type: 'failed', id: this.id, message: `the worker refused the message: ${e instanceof Error ? e.message : String(e)}` });
      }
    });
  }

  private replaceWorker(): void {
    const worker = this.worker;
    this.worker = undefined;
    worker?.terminate();
  }

  /**
   * The outcome Lambda reports when the runtime is killed from outside: the lines it streamed (or
   * START alone), then the platform's own; a kill during INIT ends as INIT's timeout does.
   */
  private async synthesize(input: InvokeInput, start: number, kind: 'timeout' | 'oom' | 'crash'): Promise<InvocationOutcome> {
    const clock = this.deps.clock;
    const logs: LogEvent[] = [...this.streamed];
    const push = (timestamp: number, message: string) => void logs.push({ timestamp, message });
    const initStart = logs[0]?.message.startsWith('INIT_START ') ? logs[0].timestamp : undefined;
    const record: InvocationRecord = { requestId: input.requestId, spec: this.spec, clock, start, logs, push, maxMemoryUsedMb: this.spec.memorySize, coldStart: initStart !== undefined };
    if (initStart !== undefined && !this.handlerStarted) {
      // Killed during INIT: it failed there, as a module-scope loop or memory bomb does in Lambda.
      if (kind === 'timeout') {
        const initMs = limits.initDurationSeconds * 1000;
        await clock.sleepUntil(initStart + initMs);
        return settleFailedInit(record, initTimeout(input.requestId), 'timeout', initMs);
      }
      const doc = kind === 'oom' ? outOfMemoryDocument(input.requestId) : exitDocument(input.requestId, 'aborted');
      return settleFailedInit(record, { errorType: doc.errorType, payload: JSON.stringify(doc) }, 'error', clock.now() - initStart);
    }
    const startLineEvent = logs.find((l) => l.message.startsWith('START RequestId: '));
    if (startLineEvent) {
      record.start = startLineEvent.timestamp;
      if (initStart !== undefined) record.initDurationMs = startLineEvent.timestamp - initStart;
    } else {
      push(start, startLine(input.requestId, this.spec.version));
    }
    if (kind === 'timeout') return settleInvocation(record, { kind: 'timeout' });
    const doc = kind === 'oom' ? outOfMemoryDocument(input.requestId) : exitDocument(input.requestId, 'aborted');
    push(clock.now(), doc.errorMessage);
    return settleInvocation(record, fatal(doc));
  }

  shutdown(): void {
    this.closed = true;
    const worker = this.worker;
    this.worker = undefined;
    if (worker) {
      worker.postMessage({ type: 'shutdown', id: this.id });
      worker.terminate();
    }
  }
}

/** An EnvironmentFactory whose spare worker (with `spareWorker`) can be started before the first cold start. */
export interface WorkerEnvironmentFactory extends EnvironmentFactory {
  /** Starts the spare worker now, in a later macrotask, if there is none: a page calls this once it is idle. */
  startSpareWorker(): void;
  /** Resolves once a spare worker has its engine loaded, starting one if there is none. */
  spareReady(): Promise<void>;
}

export function createWorkerEnvironmentFactory(options: WorkerEnvironmentOptions): WorkerEnvironmentFactory {
  let compiled: Promise<WebAssembly.Module | undefined> | undefined;
  const wasmModule = () => {
    const m = options.wasmModule;
    compiled ??= m instanceof WebAssembly.Module ? Promise.resolve(m) : typeof m === 'function' ? m() : Promise.resolve(undefined);
    return compiled;
  };
  const workers = new WorkerSupply(options, wasmModule);
  const factory = async (spec: EnvironmentSpec, deps: EngineDeps) => {
    const env = new WorkerExecutionEnvironment(spec, deps, options, wasmModule, workers);
    await env.start();
    return env;
  };
  return Object.assign(factory, { startSpareWorker: () => workers.startSpareSoon(), spareReady: () => workers.spareReady() });
}

/** The part of a Web Worker the adapter uses (structural, so this module needs no DOM types). */
export interface WebWorkerLike {
  postMessage(message: unknown): void;
  terminate(): void;
  addEventListener(type: 'message', listener: (event: { data: unknown }) => void): void;
  addEventListener(type: 'error', listener: (event: { message?: string }) => void): void;
}

/**
 * Adapts a Web Worker running worker-entry. In the site (Vite bundles the worker from this form):
 * `spawn: () => adaptWebWorker(new Worker(new URL('../../hosts/page/worker-entry.ts', import.meta.url), { type: 'module' }))`.
 */
export function adaptWebWorker(worker: WebWorkerLike): WorkerLike {
  return {
    postMessage: (message) => worker.postMessage(message),
    terminate: () => worker.terminate(),
    onMessage: (handler) => worker.addEventListener('message', (event) => handler(event.data as WorkerToHost)),
    onError: (handler) => worker.addEventListener('error', (event) => handler(event.message || 'worker error')),
  };
}
