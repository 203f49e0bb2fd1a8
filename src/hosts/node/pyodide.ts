/** Node only: Pyodide from the installed npm package, which finds its files beside itself (no network). */
import { loadPyodide } from 'pyodide';
import type { PyodideSource } from '../../emulator/index.ts';

export const nodePyodideSource: PyodideSource = {
  loadPyodide,
  createPyodideModule: async (settings) => (await import('pyodide/pyodide.asm.mjs')).default(settings),
};
