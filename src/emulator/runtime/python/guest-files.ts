/**
 * The guest half of Lambda's Python runtime: real Python files beside this one, imported as text
 * with `?raw` (Vite in the page and tests, src/hosts/node/text-imports.mjs in Node) and written to
 * /var/runtime in each interpreter, where PYTHONPATH points as on Lambda.
 */
import bootstrap from './guest/bootstrap.py?raw';

/** Paths relative to /var/runtime. */
export const RUNTIME_FILES: Readonly<Record<string, string>> = {
  'bootstrap.py': bootstrap,
};
