/** Node only: the QuickJS release-sync WebAssembly module, compiled once from the installed file. */
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

/** Path of `emscripten-module.wasm` in node_modules. */
export const quickJSWasmPath: string = require.resolve('@jitl/quickjs-wasmfile-release-sync/wasm');

let compiled: Promise<WebAssembly.Module> | undefined;

export function loadQuickJSWasmModule(): Promise<WebAssembly.Module> {
  compiled ??= readFile(quickJSWasmPath).then((bytes) => WebAssembly.compile(bytes));
  return compiled;
}
