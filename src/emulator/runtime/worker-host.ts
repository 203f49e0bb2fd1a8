/**
 * An EnvironmentFactory whose environments each live in their own worker. The host watches every
 * invocation with a real-time watchdog: a worker that overruns its deadline by a margin, or dies,
 * is terminated and replaced, and the invocation ends as Lambda would end it. No DOM: only the
 * WorkerLike the caller spawns (a Web Worker in the page, worker_threads in Node).
 */
import { limits } from '../limits.ts';
import { realClock } from './clock.ts';
import { EnvironmentUnavailableError, type EngineDeps, type EnvironmentFactory, type EnvironmentSpec, type ExecutionEnvironment, type InvocationOutcome, type InvokeInput, type LogEvent } from './contract.ts';
import { startLine } from './log-format.ts';
import { exitDocument, fatal, settleInvocation } from './outcome.ts';
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
   * Keep one worker started ahead, with QuickJS loaded and a sandbox built for the memory size last
   * used, so a cold start skips the worker's own start-up. For a page; a Node process would be kept alive by it.
   */
  spareWorker?: boolean;
}

/** What a worker is sent with each environment: the options, without the host-only ones. */
function engineOptions(options: WorkerEnvironmentOptions, wasmModule: WebAssembly.Module | undefined): WorkerEngineOptions {
  const { spawn: _spawn, overrunMarginMs: _margin, startTimeoutMs: _start, wasmModule: _module, spareWorker: _spare, ...rest } = options;
  return wasmModule ? { ...rest, wasmModule } : rest;
}

/** Hands out workers: the spare one started ahead when there is one, else a new one. */
class WorkerSupply {
  private spare: { worker: WorkerLike; dead: boolean } | undefined;
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

  private async startSpare(): Promise<void> {
    const worker = this.options.spawn();
    const spare = { worker, dead: false };
    // A spare that dies before it is taken is never handed out: nothing would hear its death.
    worker.onError(() => {
      spare.dead = true;
    });
    this.spare = spare;
    try {
      worker.postMessage({ type: 'prepare', options: engineOptions(this.options, await this.wasmModule()), memorySizeMb: this.memorySizeMb });
    } catch {
      spare.dead = true;
    }
  }
}

let nextId = 1;

class WorkerExecutionEnvironment implements ExecutionEnvironment {
  logStreamName = '';
  private worker: WorkerLike | undefined;
  private readonly id = nextId++;
  private readonly wasmModule: () => Promise<WebAssembly.Module | undefined>;
  private pending: { resolve: (m: WorkerToHost) => void } | undefined;
  private closed = false;
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly spec: EnvironmentSpec,
    private readonly deps: EngineDeps,
    private readonly options: WorkerEnvironmentOptions,
    wasmModule: () => Promise<WebAssembly.Module | undefined>,
    private readonly workers: WorkerSupply,
  ) {
    this.wasmModule = wasmModule;
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
      if (worker === this.worker) this.pending?.resolve(m);
    });
    worker.onError((message) => {
      if (worker === this.worker) this.pending?.resolve({ type: 'failed', id: this.id, message: `worker died: ${message}` });
    });
    const reply = await this.request(
      () => worker.postMessage({
        type: 'create', id: this.id, spec: this.spec, seed: Math.floor(this.deps.random() * 2147483646) + 1, options,
        clock: this.deps.clock === realClock ? { mode: 'real' } : { mode: 'virtual', now: this.deps.clock.now() },
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

  private async invokeNow(input: InvokeInput): Promise<InvocationOutcome> {
    if (this.closed) throw new Error('This execution environment was shut down; create a new one.');
    if (!this.worker) await this.start();
    const worker = this.worker!;
    const start = this.deps.clock.now();
    const budgetMs = (Math.max(this.spec.timeout, limits.initDurationSeconds) + this.spec.timeout) * 1000;
    const reply = await this.request(
      () => worker.postMessage({ type: 'invoke', id: this.id, input, ...(this.deps.clock === realClock ? {} : { now: start }) }),
      budgetMs + (this.options.overrunMarginMs ?? limits.engine.workerOverrunMarginMs),
    );
    if (reply.type === 'outcome') {
      this.workers.startSpareSoon();
      await this.deps.clock.sleepUntil(reply.now);
      return reply.outcome;
    }
    // The worker overran its deadline or died: it is terminated, and the next invoke starts a new one.
    this.replaceWorker();
    return reply.type === 'failed' && reply.message !== 'watchdog'
      ? this.synthesize(input, start, 'crash')
      : this.synthesize(input, start, 'timeout');
  }

  /** Sends a message and waits for the reply, or for the watchdog after `watchdogMs` of real time. */
  private request(send: () => void, watchdogMs: number): Promise<WorkerToHost> {
    return new Promise((resolve) => {
      const pending = {
        resolve: (m: WorkerToHost) => {
          globalThis.clearTimeout(timer);
          if (this.pending === pending) this.pending = undefined;
          resolve(m);
        },
      };
      this.pending = pending;
      const timer = globalThis.setTimeout(() => pending.resolve({ type: 'failed', id: this.id, message: 'watchdog' }), watchdogMs);
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

  /** The outcome Lambda reports when the runtime is killed from outside: only platform lines survive. */
  private synthesize(input: InvokeInput, start: number, kind: 'timeout' | 'crash'): Promise<InvocationOutcome> {
    const clock = this.deps.clock;
    const logs: LogEvent[] = [{ timestamp: start, message: startLine(input.requestId, this.spec.version) }];
    const push = (timestamp: number, message: string) => void logs.push({ timestamp, message });
    const record = { requestId: input.requestId, spec: this.spec, clock, start, logs, push, maxMemoryUsedMb: this.spec.memorySize, coldStart: false };
    if (kind === 'timeout') return settleInvocation(record, { kind: 'timeout' });
    const doc = exitDocument(input.requestId, 'aborted');
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
  return Object.assign(factory, { startSpareWorker: () => workers.startSpareSoon() });
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
