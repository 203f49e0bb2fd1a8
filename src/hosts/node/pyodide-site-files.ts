/**
 * Node only, at build time: the Pyodide files a page needs, copied from the installed npm package
 * into the site (public/pyodide/), so the page loads Python from its own origin, never a CDN.
 */
import { copyFileSync, mkdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** What loadPyodide fetches: its module, the Emscripten module and wasm, the standard library and the package lock. */
export const PYODIDE_SITE_FILES = ['pyodide.mjs', 'pyodide.asm.mjs', 'pyodide.asm.wasm', 'python_stdlib.zip', 'pyodide-lock.json'] as const;

/** Copies each file whose size or date differs from the package's; returns how many it copied. */
export function copyPyodideFiles(toDirectory: string): number {
  const from = dirname(fileURLToPath(import.meta.resolve('pyodide/package.json')));
  mkdirSync(toDirectory, { recursive: true });
  let copied = 0;
  for (const file of PYODIDE_SITE_FILES) {
    const source = statSync(join(from, file));
    const target = join(toDirectory, file);
    let current: { size: number; mtimeMs: number } | undefined;
    try {
      current = statSync(target);
    } catch {
      current = undefined;
    }
    if (current && current.size === source.size && current.mtimeMs >= source.mtimeMs) continue;
    copyFileSync(join(from, file), target);
    copied++;
  }
  return copied;
}
