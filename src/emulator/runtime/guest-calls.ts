/**
 * The host's calls into a sandbox's QuickJS context. Any exception escaping into the host is an
 * abort inside the WebAssembly module: out of memory if the heap is at its cap, otherwise a crash
 * that ends the environment. Either way the sandbox is trapped and never reset for reuse.
 */
import type { DisposableResult, QuickJSContext, QuickJSHandle } from 'quickjs-emscripten-core';
import type { GuestRuntime, Sandbox } from './sandbox.ts';

const MB = 1024 * 1024;
const NO_ARGUMENTS: readonly GuestArgument[] = [];

/** Strings and numbers are copied into the guest for the call; handles are passed as they are. */
export type GuestArgument = string | number | QuickJSHandle;

/** Told when a call aborted, and whether that was the heap reaching its cap. */
export interface AbortListener {
  aborted(outOfMemory: boolean): void;
}

export class GuestCalls {
  /** The WebAssembly module trapped (or ran out of memory): its sandbox is never reset for reuse. */
  trapped = false;
  readonly guest: GuestRuntime;
  private readonly ctx: QuickJSContext;

  constructor(
    private readonly sandbox: Sandbox,
    private readonly listener: AbortListener,
  ) {
    this.ctx = sandbox.ctx;
    this.guest = sandbox.guest;
  }

  /** Calls a guest function; returns the thrown value's handle if it threw (caller disposes). */
  callGuest(fn: QuickJSHandle, args: readonly GuestArgument[]): QuickJSHandle | undefined {
    const result = this.call(fn, args);
    if (!result) return undefined;
    if (result.error) return result.error;
    this.dispose(result.value);
    return undefined;
  }

  /** The guest's completion string (poll always returns a string), or '' after an abort. */
  poll(): string {
    const value = this.value(this.guest.poll, NO_ARGUMENTS);
    if (!value) return '';
    try {
      const text = this.ctx.getString(value);
      value.dispose();
      return text;
    } catch {
      this.aborted();
      return '';
    }
  }

  /** A guest function's string result; '' if it threw, returned anything else or aborted. */
  guestString(fn: QuickJSHandle, args: readonly GuestArgument[] = NO_ARGUMENTS): string {
    const value = this.value(fn, args);
    if (!value) return '';
    try {
      const text = this.ctx.typeof(value) === 'string' ? this.ctx.getString(value) : '';
      value.dispose();
      return text;
    } catch {
      this.aborted();
      return '';
    }
  }

  /** A guest function's number result; -1 if it threw, returned anything else or aborted. */
  guestNumber(fn: QuickJSHandle): number {
    const value = this.value(fn, NO_ARGUMENTS);
    if (!value) return -1;
    try {
      const n = this.ctx.typeof(value) === 'number' ? this.ctx.getNumber(value) : -1;
      value.dispose();
      return n;
    } catch {
      this.aborted();
      return -1;
    }
  }

  /** Drains the guest's microtask queue (no closure per call: this runs on every turn of the loop). */
  runJobs(): void {
    try {
      this.sandbox.runPendingJobs();
    } catch {
      this.aborted();
    }
  }

  /** The value fn returned (caller disposes), or undefined if it threw (disposed here) or aborted. */
  private value(fn: QuickJSHandle, args: readonly GuestArgument[]): QuickJSHandle | undefined {
    const result = this.call(fn, args);
    if (!result) return undefined;
    if (!result.error) return result.value;
    this.dispose(result.error);
    return undefined;
  }

  /** Calls fn with its arguments copied in and freed after; undefined after an abort. */
  private call(fn: QuickJSHandle, args: readonly GuestArgument[]): DisposableResult<QuickJSHandle, QuickJSHandle> | undefined {
    const ctx = this.ctx;
    // Plain loops, no closures: this runs several times per invocation.
    const handles: QuickJSHandle[] = [];
    try {
      for (const a of args) handles.push(typeof a === 'string' ? ctx.newString(a) : typeof a === 'number' ? ctx.newNumber(a) : a);
      return ctx.callFunction(fn, ctx.undefined, ...handles);
    } catch {
      this.aborted();
      return undefined;
    } finally {
      try {
        for (let i = 0; i < handles.length; i++) if (typeof args[i] !== 'object') handles[i]!.dispose();
      } catch {
        this.aborted();
        // An abort while freeing the arguments reports no result, whatever the call returned.
        return undefined;
      }
    }
  }

  private dispose(handle: QuickJSHandle): void {
    try {
      handle.dispose();
    } catch {
      this.aborted();
    }
  }

  private aborted(): void {
    this.trapped = true;
    const inst = this.sandbox.instance;
    this.listener.aborted(inst.outOfMemory() || inst.memory.buffer.byteLength + 2 * MB >= inst.capBytes);
  }
}
