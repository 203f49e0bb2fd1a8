/**
 * Loads one QuickJS WebAssembly instance per execution environment, each with its own
 * `WebAssembly.Memory` whose maximum is the environment's hard memory cap (QuickJS's own
 * setMemoryLimit does not hold in this build). A failed grow marks the instance out of memory.
 */
import { newQuickJSWASMModuleFromVariant, newVariant, type QuickJSWASMModule } from 'quickjs-emscripten-core';
import RELEASE_SYNC from '@jitl/quickjs-wasmfile-release-sync';
import { limits } from '../limits.ts';

const PAGE = 64 * 1024;
const MB = 1024 * 1024;
/** Idle instances kept per heap size: enough for a burst of environments without hoarding memory. */
const MAX_IDLE_PER_SIZE = 4;

export interface WasmSource {
  /** URL or path of `emscripten-module.wasm` (in Vite: `@jitl/quickjs-wasmfile-release-sync/wasm?url`). */
  wasmLocation?: string;
  /** A compiled module, or a loader for one; compiled once and instantiated per environment. */
  wasmModule?: WebAssembly.Module | (() => Promise<WebAssembly.Module>);
}

export interface QuickJSInstance {
  module: QuickJSWASMModule;
  memory: WebAssembly.Memory;
  capBytes: number;
  /** True once the heap asked to grow past its cap: the instance must be thrown away. */
  outOfMemory(): boolean;
}

/** The heap cap for a function's configured memory size, clamped to what one environment may take. */
export function heapCapMb(memorySizeMb: number): number {
  return Math.min(Math.max(memorySizeMb, limits.engine.minHeapMb), limits.engine.maxHeapMb);
}

export class QuickJSInstanceSource {
  private compiled: Promise<WebAssembly.Module | undefined> | undefined;
  /** One instance made ahead per heap size, so a cold start does not wait for instantiation. */
  private readonly spares = new Map<number, Promise<QuickJSInstance>>();

  constructor(private readonly source: WasmSource) {}

  private compiledModule(): Promise<WebAssembly.Module | undefined> {
    this.compiled ??= (async () => {
      const m = this.source.wasmModule;
      if (m instanceof WebAssembly.Module) return m;
      if (typeof m === 'function') return m();
      // In a page or worker the location is a URL: compile it once. A file path (Node) fails to
      // fetch and is left to Emscripten, which then compiles per environment.
      if (this.source.wasmLocation && typeof fetch === 'function') {
        try {
          const response = await fetch(this.source.wasmLocation);
          if (response.ok) return await WebAssembly.compile(await response.arrayBuffer());
        } catch {
          return undefined;
        }
      }
      return undefined;
    })();
    return this.compiled;
  }

  /** Instances whose environment shut down cleanly: reused, since a new runtime in them starts empty. */
  private readonly idle = new Map<number, QuickJSInstance[]>();

  /** Takes back an instance whose runtime was disposed without error (never one that failed). */
  release(instance: QuickJSInstance): void {
    // A heap never shrinks: reusing a grown one would report the last environment's Max Memory Used.
    if (instance.outOfMemory() || instance.memory.buffer.byteLength > limits.engine.minHeapMb * MB) return;
    const capMb = instance.capBytes / MB;
    const list = this.idle.get(capMb) ?? [];
    if (list.length < MAX_IDLE_PER_SIZE) list.push(instance);
    this.idle.set(capMb, list);
  }

  async take(memorySizeMb: number): Promise<QuickJSInstance> {
    const capMb = heapCapMb(memorySizeMb);
    const reused = this.idle.get(capMb)?.pop();
    if (reused) return reused;
    const spare = this.spares.get(capMb);
    this.spares.delete(capMb);
    const instance = spare ? await spare.catch(() => this.create(capMb)) : await this.create(capMb);
    // Refill in the background; a failure here only costs the next cold start its head start.
    const next = this.create(capMb);
    next.catch(() => this.spares.delete(capMb));
    this.spares.set(capMb, next);
    return instance;
  }

  async create(capMb: number): Promise<QuickJSInstance> {
    const capBytes = capMb * MB;
    const memory = new WebAssembly.Memory({ initial: (limits.engine.minHeapMb * MB) / PAGE, maximum: capBytes / PAGE });
    let outOfMemory = false;
    const grow = memory.grow.bind(memory);
    // Emscripten grows the heap through this method: a refusal is the out-of-memory signal.
    Object.defineProperty(memory, 'grow', {
      value: (delta: number) => {
        try {
          return grow(delta);
        } catch (e) {
          outOfMemory = true;
          throw e;
        }
      },
    });
    const compiled = await this.compiledModule();
    const variant = newVariant(RELEASE_SYNC, {
      wasmMemory: memory,
      ...(compiled ? { wasmModule: compiled } : {}),
      ...(!compiled && this.source.wasmLocation ? { wasmLocation: this.source.wasmLocation } : {}),
    });
    const module = await newQuickJSWASMModuleFromVariant(variant);
    return { module, memory, capBytes, outOfMemory: () => outOfMemory };
  }
}
