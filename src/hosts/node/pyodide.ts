/** Node only: Pyodide from the installed npm package, which finds its files beside itself (no network). */
import { loadPyodide } from 'pyodide';
import type { PyodideSource } from '../../emulator/index.ts';

/** pyodide.asm.mjs has no typings: its default export is Emscripten's module factory. */
const ASM = 'pyodide/pyodide.asm.mjs';

export const nodePyodideSource: PyodideSource = {
  loadPyodide,
  createPyodideModule: async (settings) => {
    const asm = (await import(ASM)) as { default: (settings: Record<string, unknown>) => Promise<unknown> };
    return asm.default(settings);
  },
};
