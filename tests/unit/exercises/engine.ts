/** The execution engine the exercise tests run handlers on: the real one, Lambda's Node.js runtime on QuickJS. */
import { loadQuickJSWasmModule } from '../../../src/cli/quickjs-wasm';
import { createQuickJSEnvironmentFactory } from '../../../src/emulator/runtime/index';

export const environmentFactory = createQuickJSEnvironmentFactory({ wasmModule: loadQuickJSWasmModule });
