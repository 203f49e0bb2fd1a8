/** The execution engine the exercise tests run handlers on: the real one, Lambda's Node.js runtime on QuickJS. */
import { loadQuickJSWasmModule } from '../../../src/hosts/node/quickjs-wasm.ts';
import { createQuickJSEnvironmentFactory } from '../../../src/emulator/index.ts';

export const environmentFactory = createQuickJSEnvironmentFactory({ wasmModule: loadQuickJSWasmModule });
