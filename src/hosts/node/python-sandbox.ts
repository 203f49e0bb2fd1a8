/**
 * Node only: where untrusted Python runs. Pyodide is no sandbox from the JavaScript around it (its
 * `js` module, `os.system` and ctypes all reach Node), so each Python execution environment is a
 * child process under Node's permission model: it may read only its own bundled entry and Pyodide's
 * files, and may not write files, start processes, load addons or generate code from strings.
 * Whatever a handler escapes to, it lands in that process, and the emulator only loses the environment.
 *
 * The entry (python-worker-entry.ts and the emulator code it needs) is bundled once per server into
 * one file in node_modules/.cache, so the child needs neither tsx nor the project's source.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { readFile } from 'node:fs/promises';
import type { WorkerLike, WorkerToHost } from '../../emulator/index.ts';

const ENTRY = fileURLToPath(new URL('./python-worker-entry.ts', import.meta.url));
/** Where tools keep what they build for themselves: the project's node_modules/.cache. */
const CACHE = fileURLToPath(new URL('../../../node_modules/.cache', import.meta.url));

/** The packages the child imports from node_modules, left out of the bundle and read where they are installed. */
const EXTERNAL_PACKAGES = ['pyodide', 'ws'] as const;

function packageDirectory(name: string): string {
  return dirname(fileURLToPath(import.meta.resolve(`${name}/package.json`)));
}

let bundled: Promise<string> | undefined;

/** The child's entry as one ES module file; built at the first Python environment. */
export function pythonWorkerBundle(): Promise<string> {
  return (bundled ??= (async () => {
    const { build } = await import('esbuild');
    const result = await build({
      entryPoints: [ENTRY],
      bundle: true,
      platform: 'node',
      format: 'esm',
      target: 'node22',
      write: false,
      logLevel: 'silent',
      plugins: [{
        name: 'lambda-workbook',
        setup(b) {
          // `?raw` imports give the file's text, as Vite and text-imports.mjs do.
          b.onResolve({ filter: /\?raw$/ }, (args) => ({ path: join(args.resolveDir, args.path.slice(0, -'?raw'.length)), namespace: 'raw' }));
          b.onLoad({ filter: /.*/, namespace: 'raw' }, async (args) => ({ contents: await readFile(args.path, 'utf8'), loader: 'text' }));
          // Pyodide finds its wasm and standard library beside its own module: import it where it is installed.
          b.onResolve({ filter: /^(pyodide|ws)(\/.*)?$/ }, (args) => ({ path: pathToFileURL(fileURLToPath(import.meta.resolve(args.path))).href, external: true }));
        },
      }],
    });
    // Named by its content, so servers of different versions never share one, and written whole or not at all.
    const output = result.outputFiles[0]!;
    const folder = join(CACHE, 'lambda-workbook');
    const file = join(folder, `python-worker-${output.hash}.mjs`);
    mkdirSync(folder, { recursive: true });
    const partial = `${file}.${process.pid}.tmp`;
    writeFileSync(partial, output.contents);
    renameSync(partial, file);
    return file;
  })());
}

/** Node's options for the child: read its entry and the external packages, nothing else. */
export function sandboxArguments(entry: string): string[] {
  return [
    '--permission',
    `--allow-fs-read=${entry}`,
    ...EXTERNAL_PACKAGES.map((name) => `--allow-fs-read=${packageDirectory(name)}`),
    '--disallow-code-generation-from-strings',
    entry,
  ];
}

/** One sandboxed Python worker process, speaking the worker protocol over its IPC channel. */
export function spawnPythonSandbox(entry: Promise<string>, counted: (change: 1 | -1) => void = () => {}): WorkerLike {
  let child: ChildProcess | undefined;
  let terminated = false;
  let held = true;
  const queued: unknown[] = [];
  const messageHandlers: ((message: WorkerToHost) => void)[] = [];
  const errorHandlers: ((message: string) => void)[] = [];
  const failed = (message: string) => { for (const handler of errorHandlers) handler(message); };
  const hold = (busy: boolean) => {
    held = busy;
    if (!child) return;
    if (busy) { child.ref(); child.channel?.ref(); } else { child.unref(); child.channel?.unref(); }
  };
  entry.then((file) => {
    if (terminated) return;
    const started = spawn(process.execPath, sandboxArguments(file), { stdio: ['ignore', 'inherit', 'inherit', 'ipc'], serialization: 'advanced' });
    child = started;
    counted(1);
    started.once('exit', (code, signal) => {
      counted(-1);
      if (!terminated) failed(signal ? `exited on ${signal}` : `exited with code ${code}`);
    });
    started.on('error', (e) => failed(e.message));
    started.on('message', (m) => { for (const handler of messageHandlers) handler(m as WorkerToHost); });
    for (const message of queued.splice(0)) started.send(message as never);
    hold(held);
  }, (e: unknown) => failed(`could not build the Python worker: ${e instanceof Error ? e.message : String(e)}`));
  return {
    postMessage: (message) => {
      if (terminated) return;
      if (child?.connected) child.send(message as never);
      else if (!child) queued.push(message);
    },
    terminate: () => {
      terminated = true;
      child?.kill('SIGKILL');
    },
    onMessage: (handler) => void messageHandlers.push(handler),
    onError: (handler) => void errorHandlers.push(handler),
    hold,
  };
}
