/**
 * Python interpreters for execution environments: CPython 3.14 in Pyodide, one per environment
 * (module state must not leak between functions), each with Lambda's runtime (guest/bootstrap.py)
 * imported and its heap capped at the function's memory size. The host supplies Pyodide itself
 * (src/hosts/...), so this module imports no Node built-in.
 *
 * A source that serves many environments (in-process, for tests and the bench) keeps a spare
 * interpreter loading in the background, and after the first one restores the others from a memory
 * snapshot of a pristine interpreter, several times faster than a full load. A worker serves one.
 */
import type { PyodideAPI, loadPyodide } from 'pyodide';
import { limits } from '../../limits.ts';
import { RUNTIME_FILES } from './guest-files.ts';

const MB = 1024 * 1024;

/** How a host loads Pyodide: its `loadPyodide`, and the Emscripten module factory beside it. */
export interface PyodideSource {
  loadPyodide: typeof loadPyodide;
  /** pyodide.asm.mjs's default export: wrapped so the engine sees each heap growth and can refuse it. */
  createPyodideModule: (settings: Record<string, unknown>) => Promise<unknown>;
  /** Where Pyodide's files are served from, in a page; Node finds them beside the package. */
  indexURL?: string;
}

/** What the environment that adopts an interpreter gives it: where logs go, its clock and the SDK. */
export interface InterpreterTenant {
  /** One log event written by the runtime (a logging record, an error report). */
  log(text: string): void;
  /** Bytes the guest wrote to stdout or stderr (a view into the heap: read it at once). */
  output(stream: 'stdout' | 'stderr', bytes: Uint8Array): void;
  now(): number;
  /** Resolves after `ms` on the environment's clock; never resolves once the deadline has passed. */
  sleep(ms: number): Promise<void>;
  /**
   * The same, for a guest that cannot be suspended: a virtual clock jumps, and the answer is the
   * real time the guest must still block for; negative (-ms - 1) when the deadline comes first.
   */
  sleepNow(ms: number): number;
  /** The guest imported boto3: from now on it is called so that it can wait on the host. */
  sdkImported(): void;
  /** A heap growth past the cap was refused. */
  outOfMemory(): void;
  /** One AWS API call for the guest's boto3: JSON in, JSON out. */
  aws(service: string, operation: string, input: string): Promise<string>;
}

/** The PyProxy functions of guest/bootstrap.py the environment calls. */
export interface GuestRuntime {
  configure: PyCallable;
  init: PyCallable;
  invoke: PyCallable;
}

interface PyCallable {
  (...args: unknown[]): unknown;
  callPromising(...args: unknown[]): Promise<unknown>;
}

export class PythonInterpreter {
  /** Largest heap the interpreter may grow to; an environment sets its function's memory size. */
  capBytes = limits.engine.maxHeapMb * MB;
  /** A growth past the cap was refused: the function ran out of memory. */
  exhausted = false;
  tenant: InterpreterTenant | undefined;
  memory: WebAssembly.Memory | undefined;
  readonly pythonVersion: string;
  readonly runtime: GuestRuntime;

  constructor(readonly py: PyodideAPI) {
    const tenant = (): InterpreterTenant => {
      if (!this.tenant) throw new Error('This interpreter has no environment.');
      return this.tenant;
    };
    // Everything the guest may call on the host: plain values in and out, no host object.
    py.registerJsModule('_lambda_host', {
      log: (text: string) => tenant().log(String(text)),
      now: () => tenant().now(),
      sleep: (ms: number) => tenant().sleep(Number(ms)),
      sleep_now: (ms: number) => tenant().sleepNow(Number(ms)),
      sdk_imported: () => tenant().sdkImported(),
      aws: (service: string, operation: string, input: string) => tenant().aws(String(service), String(operation), String(input)),
    });
    const writer = (stream: 'stdout' | 'stderr') => ({
      write: (bytes: Uint8Array) => {
        tenant().output(stream, bytes);
        return bytes.length;
      },
      isatty: false,
    });
    py.setStdout(writer('stdout'));
    py.setStderr(writer('stderr'));
    py.FS.mkdirTree('/var/runtime');
    for (const [path, text] of Object.entries(RUNTIME_FILES)) {
      const full = `/var/runtime/${path}`;
      py.FS.mkdirTree(full.slice(0, full.lastIndexOf('/')));
      py.FS.writeFile(full, text);
    }
    py.runPython("import sys\nsys.path.insert(0, '/var/runtime')\nimport bootstrap");
    const bootstrap = py.pyimport('bootstrap');
    this.runtime = { configure: bootstrap.configure, init: bootstrap.init, invoke: bootstrap.invoke };
    this.pythonVersion = String(py.runPython("'%d.%d' % sys.version_info[:2]"));
  }

  get pyodideVersion(): string {
    return this.py.version;
  }

  heapBytes(): number {
    return this.memory?.buffer.byteLength ?? 0;
  }
}

export interface InterpreterSourceOptions {
  /** Keep one interpreter loading ahead of the next take (in-process); a worker's source serves one. */
  keepSpare?: boolean;
  /** After the first, restore interpreters from a memory snapshot instead of loading each. */
  snapshots?: boolean;
}

/** Stdlib modules the runtime imports, imported once before a snapshot so restored interpreters start warm. */
const WARM_IMPORTS = 'import json, logging, traceback, importlib, decimal, random, os, time, base64, datetime';

export class PythonInterpreters {
  private spare: Promise<PythonInterpreter> | undefined;
  private snapshot: Uint8Array | undefined;
  private snapshotting = false;
  private scheduled = false;

  constructor(
    private readonly source: PyodideSource,
    private readonly options: InterpreterSourceOptions = {},
  ) {}

  /** An interpreter no function has run in: the spare if one is ready or loading, else a new one. */
  take(): Promise<PythonInterpreter> {
    const next = this.spare ?? this.load(false);
    this.spare = undefined;
    if (this.options.keepSpare) void next.then(() => this.replenishSoon(), () => undefined);
    return next;
  }

  /** Loads the spare now, unless one is ready or loading. */
  prepare(): Promise<void> {
    this.spare ??= this.load(this.snapshotNext());
    return this.spare.then(() => undefined);
  }

  /** In a later macrotask, so the load does not compete with the invocation that just took one. */
  private replenishSoon(): void {
    if (this.scheduled || this.spare) return;
    this.scheduled = true;
    globalThis.setTimeout(() => {
      this.scheduled = false;
      if (this.spare) return;
      this.spare = this.load(this.snapshotNext());
      this.spare.catch(() => {
        this.spare = undefined;
      });
    }, 0);
  }

  /** The first spare (loaded in the background, pristine) is the one snapshotted; a cold start never waits for it. */
  private snapshotNext(): boolean {
    if (!this.options.snapshots || this.snapshot || this.snapshotting) return false;
    this.snapshotting = true;
    return true;
  }

  private async load(makeSnapshot: boolean): Promise<PythonInterpreter> {
    let interpreter: PythonInterpreter | undefined;
    const heap: HeapWatch = {
      capBytes: () => interpreter?.capBytes ?? limits.engine.maxHeapMb * MB,
      refused: () => {
        if (!interpreter || interpreter.exhausted) return;
        interpreter.exhausted = true;
        interpreter.tenant?.outOfMemory();
      },
    };
    const py = await this.source.loadPyodide({
      ...(this.source.indexURL ? { indexURL: this.source.indexURL } : {}),
      ...(makeSnapshot ? { _makeSnapshot: true } : this.snapshot ? { _loadSnapshot: this.snapshot } : {}),
      stdout: () => undefined,
      stderr: () => undefined,
      createPyodideModule: (settings: Record<string, unknown>) => this.source.createPyodideModule(capHeap(settings, heap)),
    } as unknown as Parameters<typeof loadPyodide>[0]);
    if (makeSnapshot) {
      py.runPython(WARM_IMPORTS);
      this.snapshot = py.makeMemorySnapshot();
    }
    interpreter = new PythonInterpreter(py);
    interpreter.memory = heap.memory;
    return interpreter;
  }
}

/** What the heap hook reads and reports, before and after the interpreter exists. */
interface HeapWatch {
  memory?: WebAssembly.Memory;
  capBytes(): number;
  refused(): void;
}

type Imports = { env: Record<string, unknown> };
type Instantiate = (imports: Imports, receive: (instance: WebAssembly.Instance, module: WebAssembly.Module) => void) => unknown;

/**
 * Wraps Emscripten's instantiation: every heap growth asks the interpreter's cap first, and a
 * refused one fails the allocation (Python raises MemoryError, and the environment reports
 * Runtime.OutOfMemory); the instance's memory is kept to report Max Memory Used.
 */
function capHeap(settings: Record<string, unknown>, heap: HeapWatch): Record<string, unknown> {
  const instantiate = settings['instantiateWasm'] as Instantiate | undefined;
  if (!instantiate) return settings;
  settings['instantiateWasm'] = (imports: Imports, receive: (instance: WebAssembly.Instance, module: WebAssembly.Module) => void) => {
    const grow = imports.env['emscripten_resize_heap'] as ((bytes: number) => number) | undefined;
    if (grow) {
      imports.env['emscripten_resize_heap'] = (bytes: number) => {
        if (bytes > heap.capBytes()) {
          heap.refused();
          return 0;
        }
        return grow(bytes);
      };
    }
    return instantiate(imports, (instance, module) => {
      heap.memory = instance.exports['memory'] as WebAssembly.Memory;
      receive(instance, module);
    });
  };
  return settings;
}
