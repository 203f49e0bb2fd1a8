/**
 * Node only: where untrusted Python runs. Pyodide is no sandbox from the JavaScript around it (its
 * `js` module, `os.system` and ctypes all reach Node), so each Python execution environment is a
 * child process under Node's permission model: it may read only its own bundled entry and Pyodide's
 * files, and may not write files, start processes, load addons or generate code from strings (and
 * the entry closes the network before any guest code runs). Whatever a handler escapes to, it lands
 * in that process, and the emulator only loses the environment.
 */
import { spawn } from 'node:child_process';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { WorkerLike, WorkerToHost } from '../../emulator/index.ts';
import { deferredWorker } from './deferred-worker.ts';
import { bundleWorkerEntry } from './worker-bundle.ts';

const ENTRY = new URL('./python-worker-entry.ts', import.meta.url);

/** The packages the child imports where they are installed; everything else is inlined in its entry. */
const EXTERNAL_PACKAGES = ['pyodide', 'ws'] as const;

function packageDirectory(name: string): string {
  return dirname(fileURLToPath(import.meta.resolve(`${name}/package.json`)));
}

/** The child's entry as one ES module file; built at the first Python environment. */
export function pythonWorkerBundle(): Promise<string> {
  return bundleWorkerEntry(ENTRY, EXTERNAL_PACKAGES);
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
  return deferredWorker(entry.then((file) => {
    const child = spawn(process.execPath, sandboxArguments(file), { stdio: ['ignore', 'inherit', 'inherit', 'ipc'], serialization: 'advanced' });
    counted(1);
    const ended: ((why: string) => void)[] = [];
    let killed = false;
    child.once('exit', (code, signal) => {
      counted(-1);
      if (!killed) for (const handler of ended) handler(signal ? `exited on ${signal}` : `exited with code ${code}`);
    });
    child.on('error', (e) => { if (!killed) for (const handler of ended) handler(e.message); });
    return {
      send: (message) => { if (child.connected) child.send(message as never); },
      kill: () => { killed = true; child.kill('SIGKILL'); },
      hold: (busy) => {
        if (busy) { child.ref(); child.channel?.ref(); } else { child.unref(); child.channel?.unref(); }
      },
      onMessage: (handler) => void child.on('message', (m) => handler(m as WorkerToHost)),
      onEnd: (handler) => void ended.push(handler),
    };
  }), 'Python worker');
}
