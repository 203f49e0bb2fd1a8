/**
 * A sandbox's linear memory as it was right after the runtime bootstrap, put back before the
 * sandbox serves its next execution environment: the same fresh QuickJS runtime for the copy of a
 * few hundred kilobytes, instead of a new runtime and a second bootstrap. (Lambda SnapStart resumes
 * functions from a memory snapshot in the same spirit.)
 *
 * The memory of a QuickJS instance is laid out by the linker as static data, then the C call stack
 * (5 MB, growing down), then the heap. A snapshot copies the static data and the heap up to its
 * last used byte. The call stack between them is left out: whenever the host is not inside a
 * QuickJS call, every frame in it is dead. Memory above the heap's last used byte is free to the
 * allocator, which never reads what free memory holds, so what a tenant left there is harmless.
 */

const WORD = 4;
/** A zero run this long inside the used memory can only be the unused part of the call stack. */
const STACK_GAP_MIN_BYTES = 1024 * 1024;
/** Copied past the start of the gap, in case zero-initialised static data runs into it. */
const STATIC_GUARD_BYTES = 64 * 1024;

/** The byte range left out of every snapshot: inside the call stack, between its dead frames. */
export interface StackGap {
  start: number;
  end: number;
}

/** The gap is a property of the QuickJS build (one per page or process), looked for once; null if none. */
let knownGap: StackGap | null | undefined;

/** One past the last non-zero byte, rounded up to a word. */
export function usedTop(words: Int32Array): number {
  let i = words.length;
  while (i > 0 && words[i - 1] === 0) i--;
  return i * WORD;
}

/** The longest run of zero words below `top`, if one is long enough to be the unused call stack. */
export function findStackGap(words: Int32Array, top: number): StackGap | undefined {
  let best: StackGap | undefined;
  const end = top / WORD;
  for (let i = 0; i < end; ) {
    if (words[i] !== 0) {
      i++;
      continue;
    }
    const start = i;
    while (i < end && words[i] === 0) i++;
    if ((i - start) * WORD >= STACK_GAP_MIN_BYTES && (!best || (i - start) * WORD > best.end - best.start)) {
      best = { start: start * WORD + STATIC_GUARD_BYTES, end: i * WORD };
    }
  }
  return best;
}

export class HeapSnapshot {
  private constructor(
    private readonly byteLength: number,
    private readonly low: Uint8Array,
    private readonly highOffset: number,
    private readonly high: Uint8Array,
  ) {}

  /** Copies the memory as it is now; call it only while no QuickJS call is running. */
  static take(memory: WebAssembly.Memory): HeapSnapshot {
    const buffer = memory.buffer;
    const bytes = new Uint8Array(buffer);
    const words = new Int32Array(buffer);
    const top = usedTop(words);
    if (knownGap === undefined) knownGap = findStackGap(words, top) ?? null;
    const gap = knownGap && knownGap.end <= top ? knownGap : undefined;
    // Without a gap (a build laid out differently) the whole used memory is copied: slower, still exact.
    const lowEnd = gap ? gap.start : top;
    const highOffset = gap ? gap.end : top;
    return new HeapSnapshot(buffer.byteLength, bytes.slice(0, lowEnd), highOffset, bytes.slice(highOffset, top));
  }

  /** Bytes the snapshot holds (the memory it costs, and what a restore copies). */
  get size(): number {
    return this.low.length + this.high.length;
  }

  /** Puts the memory back as it was taken; false (and nothing written) if the memory has grown since. */
  restore(memory: WebAssembly.Memory): boolean {
    if (memory.buffer.byteLength !== this.byteLength) return false;
    const bytes = new Uint8Array(memory.buffer);
    bytes.set(this.low, 0);
    bytes.set(this.high, this.highOffset);
    return true;
  }
}

/** For tests: the gap in use, once a snapshot has been taken. */
export function stackGap(): StackGap | undefined {
  return knownGap ?? undefined;
}
