/** pyodide.asm.mjs has no typings: its default export is Emscripten's module factory. */
declare module 'pyodide/pyodide.asm.mjs' {
  const createPyodideModule: (settings: Record<string, unknown>) => Promise<unknown>;
  export default createPyodideModule;
}
