import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadQuickJSWasmModule, quickJSWasmPath } from '../../hosts/node/quickjs-wasm.ts';
import { HeapSnapshot, stackGap, usedTop } from './heap-snapshot.ts';
import { QuickJSInstanceSource } from './quickjs-loader.ts';
import { Sandbox } from './sandbox.ts';

/** quickjs-emscripten links every variant with `-s STACK_SIZE=5MB` (its variant Makefiles). */
const STACK_SIZE = 5 * 1024 * 1024;

/** The initial value of the module's one mutable global, the C stack pointer: the top of the stack. */
function stackTop(wasm: Uint8Array): number {
  let p = 8;
  const leb = () => {
    let result = 0;
    let shift = 0;
    let byte: number;
    do {
      byte = wasm[p++]!;
      result |= (byte & 0x7f) << shift;
      shift += 7;
    } while (byte & 0x80);
    return result >>> 0;
  };
  while (p < wasm.length) {
    const id = wasm[p++]!;
    const size = leb();
    const next = p + size;
    if (id === 6) {
      const count = leb();
      for (let i = 0; i < count; i++) {
        p++; // value type
        const mutable = wasm[p++]! === 1;
        if (wasm[p++] !== 0x41) throw new Error('expected an i32.const initialiser');
        const value = leb();
        p++; // end
        if (mutable) return value;
      }
    }
    p = next;
  }
  throw new Error('no mutable global in the module');
}

const newSandbox = async () => {
  const source = new QuickJSInstanceSource({ wasmModule: loadQuickJSWasmModule });
  return Sandbox.create(await source.create(128), true);
};

describe('heap snapshots', () => {
  it('leave out only memory inside the C call stack', async () => {
    await newSandbox();
    const gap = stackGap()!;
    const top = stackTop(readFileSync(quickJSWasmPath));
    expect(gap).toBeDefined();
    expect(gap.start).toBeGreaterThanOrEqual(top - STACK_SIZE);
    expect(gap.end).toBeLessThanOrEqual(top);
    // The snapshot itself stays small: static data and the bootstrapped heap.
    expect(gap.end - gap.start).toBeGreaterThan(4 * 1024 * 1024);
  });

  it('put back every byte outside the stack gap, whatever a tenant wrote', async () => {
    const sandbox = await newSandbox();
    const memory = sandbox.instance.memory;
    const before = new Uint8Array(memory.buffer).slice();
    const top = usedTop(new Int32Array(before.buffer));
    // A tenant's worth of work inside QuickJS, then raw damage across the used memory.
    sandbox.ctx.evalCode('globalThis.junk = Array.from({ length: 20000 }, (_, i) => ({ i, s: "x".repeat(i % 50) })); Object.prototype.polluted = 1;').dispose();
    const bytes = new Uint8Array(memory.buffer);
    for (let i = 1024; i < top; i += 4093) bytes[i] = bytes[i]! ^ 0xff;
    expect(sandbox.reset()).toBe(true);
    const after = new Uint8Array(memory.buffer);
    const gap = stackGap()!;
    const differs = (from: number, to: number) => after.subarray(from, to).findIndex((b, i) => b !== before[from + i]);
    expect(differs(0, gap.start)).toBe(-1);
    expect(differs(gap.end, top)).toBe(-1);
    // And the runtime works as fresh: the tenant's globals are gone.
    const probe = sandbox.ctx.unwrapResult(sandbox.ctx.evalCode('typeof junk + "," + ({}).polluted'));
    expect(sandbox.ctx.getString(probe)).toBe('undefined,undefined');
    probe.dispose();
  });

  it('refuse to restore a memory that has grown', async () => {
    const source = new QuickJSInstanceSource({ wasmModule: loadQuickJSWasmModule });
    const instance = await source.create(128);
    const snapshot = HeapSnapshot.take(instance.memory);
    instance.memory.grow(1);
    expect(snapshot.restore(instance.memory)).toBe(false);
  });
});
