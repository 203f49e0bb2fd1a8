/**
 * Node only: a worker's TypeScript entry bundled into one ES module file, so a worker starts without
 * tsx compiling the emulator again in every thread or process. Built once per entry and process,
 * named by its content, in node_modules/.cache/lambda-workbook (where package imports still resolve).
 */
import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

/** Where tools keep what they build for themselves: the project's node_modules/.cache. */
const CACHE = fileURLToPath(new URL('../../../node_modules/.cache/lambda-workbook', import.meta.url));

/** Which packages stay imports: all of them (resolved from node_modules at run time), or only these (the rest inlined). */
export type BundleExternals = 'packages' | readonly string[];

const built = new Map<string, Promise<string>>();

export function bundleWorkerEntry(entry: URL, externals: BundleExternals): Promise<string> {
  const key = `${entry.href} ${String(externals)}`;
  let file = built.get(key);
  if (!file) {
    file = build(entry, externals);
    built.set(key, file);
  }
  return file;
}

async function build(entry: URL, externals: BundleExternals): Promise<string> {
  const { build: esbuild } = await import('esbuild');
  const only = externals === 'packages' ? undefined : externals;
  const result = await esbuild({
    entryPoints: [fileURLToPath(entry)],
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node22',
    write: false,
    logLevel: 'silent',
    ...(only ? {} : { packages: 'external' as const }),
    plugins: [{
      name: 'lambda-workbook',
      setup(b) {
        // `?raw` imports give the file's text, as Vite and text-imports.mjs do.
        b.onResolve({ filter: /\?raw$/ }, (args) => ({ path: join(args.resolveDir, args.path.slice(0, -'?raw'.length)), namespace: 'raw' }));
        b.onLoad({ filter: /.*/, namespace: 'raw' }, async (args) => ({ contents: await readFile(args.path, 'utf8'), loader: 'text' }));
        if (only && only.length > 0) {
          // Imported where they are installed (a package that finds its files beside itself, such as Pyodide).
          const names = only.map((n) => n.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')).join('|');
          b.onResolve({ filter: new RegExp(`^(${names})(\\/.*)?$`) }, (args) => ({ path: pathToFileURL(fileURLToPath(import.meta.resolve(args.path))).href, external: true }));
        }
      },
    }],
  });
  // Named by its content, so servers of different versions never share one, and written whole or not at all.
  const output = result.outputFiles[0]!;
  const name = fileURLToPath(entry).split(/[\\/]/).pop()!.replace(/\.ts$/, '');
  const file = join(CACHE, `${name}-${output.hash.replace(/[^A-Za-z0-9]/g, '')}.mjs`);
  mkdirSync(CACHE, { recursive: true });
  const partial = `${file}.${process.pid}.tmp`;
  writeFileSync(partial, output.contents);
  renameSync(partial, file);
  return file;
}
