/**
 * How deep guest code may recurse, from the stack of the thread QuickJS runs on. QuickJS checks
 * recursion against its own stack in WebAssembly memory, but each level also takes host stack for
 * the WebAssembly frames, and a host stack overflow aborts the module mid-call instead of throwing
 * in the guest. Measured with the module freshly compiled (its largest frames): one byte of
 * QuickJS stack costs up to 3.9 bytes of host stack for recursion through JavaScript functions,
 * getters and valueOf, and a level of JSON.stringify about 180 bytes. So QuickJS gets the host
 * stack this thread has (a Node worker is given a large one, Node's main thread and a page's Web
 * Worker have about 1 MB), divided with a margin, up to the depth Node allows.
 *
 * Measured (December 2026, x64): frames of `f = () => f()`, of a function returning `[h(n + 1)]`
 * and of a method, before the RangeError. Node 24 itself: 12,518 / 8,938 / 9,629. A worker with
 * the Node host's 16 MB stack: 11,911 / 10,918 / 10,078. Node's main thread (984 KB, in-process
 * mode): 1,114 / 1,021 / 942, as deep as its stack safely allows; deeper recursion needs a worker.
 */
import { limits } from '../limits.ts';

/** Host stack one frame of the probe below takes (V8, Node 24: 12,516 frames in 984 KB). */
const PROBE_FRAME_BYTES = 80;
/** Host stack per byte of QuickJS stack: the worst measured ratio, 3.9, with a margin. */
const HOST_BYTES_PER_QUICKJS_BYTE = 5;
/** Host stack per level of the runtime's JSON.stringify of a result: 180 bytes measured, with a margin. */
const HOST_BYTES_PER_JSON_LEVEL = 400;

export interface GuestStack {
  /** The host stack this thread has, as probed. */
  hostBytes: number;
  /** The limit QuickJS checks recursion against. */
  quickJSBytes: number;
  /** How deep a result the runtime serialises before it is "Unable to stringify response body". */
  resultJsonDepth: number;
}

let measured: GuestStack | undefined;

/** Probed once per thread: every environment on it gets the same limits. */
export function guestStack(): GuestStack {
  if (measured) return measured;
  const hostBytes = probeHostStack() * PROBE_FRAME_BYTES;
  const engine = limits.engine;
  measured = {
    hostBytes,
    quickJSBytes: Math.max(engine.minStackSizeBytes, Math.min(engine.maxStackSizeBytes, Math.floor(hostBytes / HOST_BYTES_PER_QUICKJS_BYTE))),
    resultJsonDepth: Math.min(engine.resultJsonDepth, Math.floor(hostBytes / HOST_BYTES_PER_JSON_LEVEL)),
  };
  return measured;
}

/** Frames of a trivial function that fit on the host stack from here. */
function probeHostStack(): number {
  let depth = 0;
  const down = (): void => {
    depth++;
    down();
  };
  try {
    down();
  } catch {
    /* the host stack is full: depth says how much there was */
  }
  return depth;
}
