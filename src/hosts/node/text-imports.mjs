// `node --import ./src/hosts/node/text-imports.mjs`: every Node entry point (the CLIs, their worker
// threads) registers this, so the emulator's `?raw` imports of its guest runtime load in Node too.
import { register } from 'node:module';

register('./text-import-hooks.mjs', import.meta.url);
