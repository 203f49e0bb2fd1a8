/**
 * A sandbox: one QuickJS runtime and context with the generic runtime bootstrap already
 * evaluated, bound to no function yet. An execution environment takes one at INIT, binds itself
 * as the tenant and configures it. Tenants never share a sandbox: when an environment ends, its
 * sandbox's memory is put back to the snapshot taken after the bootstrap (see heap-snapshot), and
 * only then can another environment take it. The pool keeps such sandboxes per heap size, so a
 * cold start pays only for the function's own code, as Lambda keeps sandboxes warm ahead of INIT.
 */
import type { JSContextPointerPointer, JSRuntimePointer, QuickJSContext, QuickJSFFI, QuickJSHandle, QuickJSRuntime } from 'quickjs-emscripten-core';
import { builtinSources, runtimeChunks, runtimeSource } from './guest/index.ts';
import { compactGuestSource } from './guest/compact.ts';
import { HeapSnapshot } from './heap-snapshot.ts';
import { heapCapMb, type QuickJSInstance, type QuickJSInstanceSource } from './quickjs-loader.ts';
import { stripShebang } from './es-module-loader.ts';
import { guestStack } from './host-stack.ts';
import { nodeSyntaxMessage, parsePosition } from './syntax-errors.ts';

/** What a CommonJS file is compiled inside, on the file's first line (as Node's wrapper). */
const COMMONJS_WRAPPER_HEAD = '(function (exports, require, module, __filename, __dirname) {';

/** Guest sources, compacted once per page or process. */
const bootstrapSource = compactGuestSource(runtimeSource);
const chunkSources = new Map(Object.entries(runtimeChunks).map(([name, src]) => [name, compactGuestSource(src)]));
const builtinSourcesCompact = new Map(Object.entries(builtinSources).map(([name, src]) => [name, compactGuestSource(src)]));

/** What the guest's host functions and QuickJS's hooks reach: the environment that took the sandbox. */
export interface SandboxTenant {
  log(level: string, text: string): void;
  raw(text: string): void;
  now(): number;
  exit(code: number): void;
  /** The resolved path, or `!` and Node's message. */
  resolve(specifier: string, parent: string, mode: 'import' | 'require'): string;
  read(path: string): string | undefined;
  format(path: string): string;
  rejected(): void;
  chunkLoaded(name: string): void;
  shouldInterrupt(): boolean;
  loadModule(name: string): string | { error: Error };
  normalizeModule(base: string, requested: string): string;
  /** The SDK inside the guest made call `id`; the host settles it later with `settleAws`. */
  awsCall(id: number, service: string, operation: string, inputWire: string): void;
}

export interface GuestRuntime {
  configure: QuickJSHandle;
  init: QuickJSHandle;
  invoke: QuickJSHandle;
  runMacrotasks: QuickJSHandle;
  nextDue: QuickJSHandle;
  takeUnhandledRejection: QuickJSHandle;
  uncaught: QuickJSHandle;
  poll: QuickJSHandle;
  settleAws: QuickJSHandle;
}

const GUEST_FUNCTIONS: (keyof GuestRuntime)[] = ['configure', 'init', 'invoke', 'runMacrotasks', 'nextDue', 'takeUnhandledRejection', 'uncaught', 'poll', 'settleAws'];

export class Sandbox {
  private tenant: SandboxTenant | undefined;
  /** The memory right after the bootstrap, when the sandbox may serve more than one environment. */
  private snapshot: HeapSnapshot | undefined;
  /** What runPendingJobs calls, taken once: the runtime's FFI, its pointer, and a word for the job's context. */
  private jobs: { ffi: QuickJSFFI; rt: JSRuntimePointer; contextOut: JSContextPointerPointer; free(): void } | undefined;
  private constructor(
    readonly instance: QuickJSInstance,
    readonly runtime: QuickJSRuntime,
    readonly ctx: QuickJSContext,
    private guestRuntime: GuestRuntime | undefined,
  ) {}

  get guest(): GuestRuntime {
    return this.guestRuntime!;
  }

  /**
   * Starts a runtime in the instance and evaluates the bootstrap; throws if the bootstrap fails.
   * A `reusable` sandbox snapshots its memory, so it can be reset for another environment.
   */
  static create(instance: QuickJSInstance, reusable = false): Sandbox {
    const runtime = instance.module.newRuntime();
    const ctx = runtime.newContext();
    const sandbox = new Sandbox(instance, runtime, ctx, undefined);
    try {
      sandbox.start();
      if (reusable) sandbox.snapshot = HeapSnapshot.take(instance.memory);
    } catch (e) {
      ctx.dispose();
      runtime.dispose();
      throw e;
    }
    return sandbox;
  }

  private start(): void {
    const { runtime, ctx } = this;
    runtime.setMaxStackSize(guestStack().quickJSBytes);
    // Until a tenant binds, only the trusted bootstrap runs: nothing to interrupt or load.
    runtime.setInterruptHandler(() => this.tenant?.shouldInterrupt() ?? false);
    runtime.setModuleLoader(
      (name) => this.tenant?.loadModule(name) ?? { error: new Error('no function in this sandbox') },
      (base, requested) => this.tenant?.normalizeModule(base, requested) ?? requested,
    );
    // Allocated before the snapshot, so a reset sandbox keeps it.
    const internals = runtime as unknown as {
      ffi: QuickJSFFI; rt: { value: JSRuntimePointer }; memory: { newMutablePointerArray(n: number): { value: { ptr: number }; dispose(): void } };
    };
    const word = internals.memory.newMutablePointerArray(1);
    this.jobs = { ffi: internals.ffi, rt: internals.rt.value, contextOut: word.value.ptr as JSContextPointerPointer, free: () => word.dispose() };
    const bootstrap = ctx.evalCode(bootstrapSource, '/var/runtime/index.mjs');
    if (bootstrap.error) {
      const detail = ctx.dump(bootstrap.error) as unknown;
      bootstrap.error.dispose();
      throw new Error(`runtime bootstrap failed: ${JSON.stringify(detail)}`);
    }
    const host = this.hostFunctions();
    const result = ctx.callFunction(bootstrap.value, ctx.undefined, host);
    bootstrap.value.dispose();
    host.dispose();
    const runtimeObject = ctx.unwrapResult(result);
    const guest = {} as GuestRuntime;
    for (const name of GUEST_FUNCTIONS) guest[name] = ctx.getProp(runtimeObject, name);
    runtimeObject.dispose();
    this.guestRuntime = guest;
  }

  /**
   * Runs every pending promise job, as QuickJSRuntime.executePendingJobs does, in two calls into
   * the module instead of eight: this runs on every turn of the guest's event loop. A job that
   * throws stops the run and its exception is dropped; the guest tracks unhandled rejections itself.
   * A trap inside the module throws.
   */
  runPendingJobs(): void {
    const { ffi, rt, contextOut } = this.jobs!;
    ffi.QTS_FreeValuePointerRuntime(rt, ffi.QTS_ExecutePendingJob(rt, -1, contextOut));
  }

  /** Hands the sandbox to its one environment; from here on the host functions act for it. */
  bind(tenant: SandboxTenant): void {
    if (this.tenant) throw new Error('a sandbox serves one execution environment only');
    this.tenant = tenant;
  }

  /**
   * Puts the sandbox back as the bootstrap left it, unbound, ready for another environment. Only
   * after a clean end: a trap inside the WebAssembly module can leave its call stack mid-frame,
   * and a heap that grew would report the last tenant's Max Memory Used.
   */
  reset(): boolean {
    if (!this.snapshot || !this.guestRuntime || this.instance.outOfMemory()) return false;
    if (!this.snapshot.restore(this.instance.memory)) return false;
    this.tenant = undefined;
    return true;
  }

  /** Frees the runtime; only a clean one gives its instance back for reuse, to `instances` if given. */
  dispose(clean: boolean, instances?: QuickJSInstanceSource): void {
    const guest = this.guestRuntime;
    this.guestRuntime = undefined;
    if (!clean) return;
    try {
      if (guest) for (const h of Object.values(guest)) h.dispose();
      this.jobs?.free();
      this.ctx.dispose();
      this.runtime.dispose();
      instances?.release(this.instance);
    } catch {
      /* the instance is unreachable from here on */
    }
  }

  /**
   * A CommonJS file's compile error, with Node's message for a syntax error. The file is parsed
   * again without the wrapper so positions are the file's own and an extra `}` is not read as the
   * wrapper's end; the wrapped error stands when that parse fails only on a top-level `return`,
   * which CommonJS allows.
   */
  private commonJsSyntaxError(error: QuickJSHandle, path: string, source: string): QuickJSHandle {
    const ctx = this.ctx;
    const read = (h: QuickJSHandle, key: string): string => {
      const v = ctx.getProp(h, key);
      try {
        return ctx.typeof(v) === 'string' ? ctx.getString(v) : '';
      } finally {
        v.dispose();
      }
    };
    if (read(error, 'name') !== 'SyntaxError') return error;
    let chosen = error;
    let wrapped = true;
    const script = ctx.evalCode(source, path, { type: 'global', compileOnly: true });
    if (script.error) {
      if (read(script.error, 'message') !== 'return not in a function') {
        error.dispose();
        chosen = script.error;
        wrapped = false;
      } else {
        script.error.dispose();
      }
    } else {
      script.value.dispose();
    }
    const at = parsePosition(read(chosen, 'stack'), path);
    if (at && wrapped && at.line === 1) at.column -= COMMONJS_WRAPPER_HEAD.length;
    const message = nodeSyntaxMessage({ message: read(chosen, 'message'), source, at, module: false });
    const text = ctx.newString(message);
    ctx.setProp(chosen, 'message', text);
    text.dispose();
    return chosen;
  }

  /** The only functions the guest can call into the host. Each takes and returns primitives. */
  private hostFunctions(): QuickJSHandle {
    const ctx = this.ctx;
    const host = ctx.newObject();
    // Only the bootstrap holds these functions, and it passes strings; getString converts anything else.
    const str = (h: QuickJSHandle | undefined): string => (h ? ctx.getString(h) : '');
    const define = (name: string, fn: (...args: QuickJSHandle[]) => QuickJSHandle | undefined | { error: QuickJSHandle }) => {
      const f = ctx.newFunction(name, fn as never);
      ctx.setProp(host, name, f);
      f.dispose();
    };
    define('log', (level, text) => {
      this.tenant?.log(str(level), str(text));
      return undefined;
    });
    define('raw', (text) => {
      this.tenant?.raw(str(text));
      return undefined;
    });
    define('now', () => ctx.newNumber(this.tenant?.now() ?? 0));
    define('memory', () => ctx.newNumber(this.instance.memory.buffer.byteLength));
    define('exit', (code) => {
      this.tenant?.exit(code && ctx.typeof(code) === 'number' ? ctx.getNumber(code) : 0);
      return undefined;
    });
    define('resolve', (specifier, parent, mode) =>
      ctx.newString(this.tenant?.resolve(str(specifier), str(parent), str(mode) === 'import' ? 'import' : 'require') ?? '!no function'));
    define('read', (path) => {
      const text = this.tenant?.read(str(path));
      return text === undefined ? undefined : ctx.newString(text);
    });
    define('format', (path) => ctx.newString(this.tenant?.format(str(path)) ?? ''));
    define('builtinSource', (name) => {
      const src = builtinSourcesCompact.get(str(name));
      return src === undefined ? undefined : ctx.newString(src);
    });
    define('compileCommonJS', (pathHandle) => {
      const path = str(pathHandle);
      const source = this.tenant?.read(path) ?? '';
      // Same first line as the file, so line numbers in stack traces match what the learner wrote.
      const compiled = ctx.evalCode(`${COMMONJS_WRAPPER_HEAD}${stripShebang(source)}\n})`, path);
      if (compiled.error) return { error: this.commonJsSyntaxError(compiled.error, path, stripShebang(source)) };
      return compiled.value;
    });
    // Node's message for a syntax error in an ES module, which QuickJS compiles out of the host's sight.
    define('moduleSyntaxMessage', (messageHandle, stackHandle) => {
      const stack = str(stackHandle);
      const message = str(messageHandle);
      const path = /^    at (\/[^:]*):\d+:\d+$/m.exec(stack)?.[1];
      // CommonJS files were put in Node's words when they were compiled.
      if (path && this.tenant?.format(path) !== 'esm') return ctx.newString(message);
      const source = path ? this.tenant?.read(path) : undefined;
      const at = path && source !== undefined ? parsePosition(stack, path) : undefined;
      return ctx.newString(nodeSyntaxMessage({ message, source: stripShebang(source ?? ''), at, module: true }));
    });
    define('awsCall', (id, service, operation, input) => {
      this.tenant?.awsCall(id && ctx.typeof(id) === 'number' ? ctx.getNumber(id) : 0, str(service), str(operation), str(input));
      return undefined;
    });
    define('rejected', () => {
      this.tenant?.rejected();
      return undefined;
    });
    define('chunkSource', (name) => {
      const chunkName = str(name);
      this.tenant?.chunkLoaded(chunkName);
      const src = chunkSources.get(chunkName);
      return src === undefined ? undefined : ctx.newString(src);
    });
    return host;
  }
}

/** How an environment's use of a sandbox ended, which decides whether it can be reset for another. */
export type SandboxEnd =
  /** Shut down after clean invocations. */
  | 'clean'
  /** Discarded after a timeout, crash or exit: QuickJS unwound normally, so the memory is consistent. */
  | 'failed'
  /** A trap inside the WebAssembly module, out of memory, or a shutdown mid-invocation: never reused. */
  | 'trapped';

/** Reset sandboxes kept per heap size: enough for a burst of environments without hoarding memory. */
const READY_PER_HEAP_SIZE = 4;

/**
 * Sandboxes ready for a cold start, for the `size` heap sizes asked for most recently: reset after
 * an environment ended, or built ahead in a later macrotask when none is left, so an unused factory
 * holds nothing and an invocation never waits for a refill.
 */
export class SandboxPool {
  private readonly ready = new Map<number, Sandbox[]>();
  /** Heap sizes asked for, most recent last; at most `size` of them. */
  private wanted: number[] = [];
  private building = false;
  private scheduled = false;

  /**
   * `buildAhead`: build a sandbox in a later macrotask when a cold start took the last one.
   * `reuse`: sandboxes snapshot their memory and are reset for the next environment (see heap-snapshot).
   */
  constructor(
    readonly instances: QuickJSInstanceSource,
    private readonly size: number,
    private readonly buildAhead = true,
    private readonly reuse = size > 0,
  ) {}

  /** Heap sizes (MB) with a sandbox ready now. */
  readyHeapSizes(): number[] {
    return [...this.ready.entries()].filter(([, list]) => list.length > 0).map(([capMb]) => capMb);
  }

  async take(memorySizeMb: number): Promise<Sandbox> {
    const capMb = heapCapMb(memorySizeMb);
    this.want(capMb);
    const ready = this.ready.get(capMb)?.pop();
    if (ready) return ready;
    return Sandbox.create(await this.instances.take(capMb), this.reuse);
  }

  /** Takes back the sandbox of an environment that ended: reset and kept for the next one, or freed. */
  giveBack(sandbox: Sandbox, end: SandboxEnd): void {
    const capMb = heapCapMb(sandbox.instance.capBytes / (1024 * 1024));
    if (end !== 'trapped' && sandbox.reset()) {
      const list = this.ready.get(capMb) ?? [];
      if (this.wanted.includes(capMb) && list.length < READY_PER_HEAP_SIZE) {
        list.push(sandbox);
        this.ready.set(capMb, list);
      } else this.free(sandbox, true);
      return;
    }
    this.free(sandbox, end === 'clean');
  }

  /** Builds a sandbox for this memory size now, unless one is ready (a spare worker does this while it waits). */
  async prepare(memorySizeMb: number): Promise<void> {
    const capMb = heapCapMb(memorySizeMb);
    this.want(capMb);
    if (this.ready.get(capMb)?.length) return;
    const sandbox = Sandbox.create(await this.instances.take(capMb), this.reuse);
    if (this.wanted.includes(capMb)) this.ready.set(capMb, [...(this.ready.get(capMb) ?? []), sandbox]);
    else this.free(sandbox, true);
  }

  /** Called when an invocation has returned: builds the next sandbox off its path. */
  replenishSoon(): void {
    if (!this.buildAhead || this.scheduled || this.building || this.missing() === undefined) return;
    this.scheduled = true;
    globalThis.setTimeout(() => {
      this.scheduled = false;
      void this.replenish();
    }, 0);
  }

  private missing(): number | undefined {
    for (let i = this.wanted.length - 1; i >= 0; i--) if (!this.ready.get(this.wanted[i]!)?.length) return this.wanted[i];
    return undefined;
  }

  private async replenish(): Promise<void> {
    const capMb = this.missing();
    if (capMb === undefined || this.building) return;
    this.building = true;
    try {
      const sandbox = Sandbox.create(await this.instances.take(capMb), this.reuse);
      // The size may have fallen out of demand (or been filled) while the instance was made.
      const list = this.ready.get(capMb) ?? [];
      if (this.wanted.includes(capMb) && list.length === 0) this.ready.set(capMb, [sandbox]);
      else this.free(sandbox, true);
    } catch {
      /* a failed build only costs the next cold start its head start */
    } finally {
      this.building = false;
    }
    this.replenishSoon();
  }

  /**
   * Frees a sandbox's runtime. A reusing pool does not hand the instance on to a new sandbox: its
   * memory holds what earlier tenants left above the heap, which would swell the new snapshot.
   */
  private free(sandbox: Sandbox, clean: boolean): void {
    sandbox.dispose(clean, this.reuse ? undefined : this.instances);
  }

  private want(capMb: number): void {
    this.wanted = this.wanted.filter((c) => c !== capMb);
    this.wanted.push(capMb);
    while (this.wanted.length > this.size) {
      const dropped = this.wanted.shift()!;
      for (const sandbox of this.ready.get(dropped) ?? []) this.free(sandbox, true);
      this.ready.delete(dropped);
    }
  }
}
