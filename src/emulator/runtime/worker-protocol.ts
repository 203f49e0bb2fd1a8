/** Messages between the page (or Node's main thread) and the worker that runs the environments. */
import type { AwsAnswer, AwsCall, EnvironmentSpec, InvocationOutcome, InvokeInput, LogEvent } from './contract.ts';

/** How the worker keeps time: the real clock, or a virtual clock the host moves at each invoke. */
/** `offsetMs`: how far ahead of the wall clock the host's clock runs (the page's advanced time). */
export type ClockMode = { mode: 'real'; offsetMs?: number } | { mode: 'virtual'; now: number };

export interface WorkerEngineOptions {
  wasmLocation?: string;
  /** Where a page serves Pyodide's files (pyodide.mjs, the wasm, the standard library), for a Python worker. */
  pyodideIndexURL?: string;
  /** Compiled once by the host and cloned into each worker, so a new worker does not compile QuickJS again. */
  wasmModule?: WebAssembly.Module;
  cpuBudgetMs?: number;
  logBytesPerInvocation?: number;
}

export type HostToWorker =
  | { type: 'create'; id: number; spec: EnvironmentSpec; clock: ClockMode; seed: number; options: WorkerEngineOptions }
  | { type: 'invoke'; id: number; input: InvokeInput; now?: number; offsetMs?: number }
  /** INIT ahead, with no invocation (provisioned concurrency). */
  | { type: 'initialize'; id: number; now?: number; offsetMs?: number }
  | { type: 'shutdown'; id: number }
  /** Sent to a spare worker: load the engine (QuickJS and a sandbox for this memory size, or an interpreter) before any environment needs it. */
  | { type: 'prepare'; options: WorkerEngineOptions; memorySizeMb: number }
  /** The answer to an aws-call; `now` moves a virtual clock to the host's after the call. */
  | { type: 'aws-answer'; id: number; callId: number; answer: AwsAnswer; now?: number };

export type WorkerToHost =
  | { type: 'created'; id: number; logStreamName: string }
  | { type: 'outcome'; id: number; outcome: InvocationOutcome; now: number }
  | { type: 'initialized'; id: number; ok: boolean; logs: LogEvent[]; initDurationMs: number; now: number }
  | { type: 'failed'; id: number; message: string }
  /** A spare worker has its engine loaded. */
  | { type: 'prepared' }
  /**
   * How far the worker is in downloading its engine's files (Pyodide's, about 14 MB, on a first
   * visit), for the page to show; `totalBytes` is 0 when the size is not known ahead.
   */
  | { type: 'engine-loading'; loadedBytes: number; totalBytes: number; done: boolean }
  /** Progress of the running invocation (see InvocationProgress in the contract). */
  | { type: 'log'; id: number; event: LogEvent }
  | { type: 'init-started'; id: number }
  | { type: 'handler-started'; id: number }
  | { type: 'out-of-memory'; id: number }
  /** The guest's SDK calls the account; `now` is the worker's virtual time, which the host catches up to first. */
  | { type: 'aws-call'; id: number; callId: number; call: AwsCall; now?: number };

/** The part of a Worker (Web or worker_threads, adapted) the host needs. */
export interface WorkerLike {
  postMessage(message: HostToWorker): void;
  terminate(): void;
  onMessage(handler: (message: WorkerToHost) => void): void;
  /** The worker died on its own (an abort inside the module, an uncaught error in the worker). */
  onError(handler: (message: string) => void): void;
  /** Keeps the host process alive while the worker works, and lets it exit while the worker idles (Node's ref/unref). */
  hold?(busy: boolean): void;
}

/** The worker's side of the channel. */
export interface WorkerPort {
  post(message: WorkerToHost): void;
  onMessage(handler: (message: HostToWorker) => void): void;
}
