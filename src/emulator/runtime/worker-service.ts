/** Runs execution environments inside a worker, answering the host's messages (see worker-protocol). */
import { createVirtualClock, realClock, type VirtualClock } from './clock.ts';
import type { ExecutionEnvironment } from './contract.ts';
import { createQuickJSEnvironmentFactory, type QuickJSEnvironmentFactory, type QuickJSEnvironmentFactoryOptions } from './index.ts';
import type { HostToWorker, WorkerEngineOptions, WorkerPort } from './worker-protocol.ts';

/** Park–Miller generator: the host sends a seed, so the worker's randomness is reproducible. */
function seeded(seed: number): () => number {
  let s = Math.abs(Math.floor(seed)) % 2147483647 || 1;
  return () => {
    s = (s * 16807) % 2147483647;
    return (s - 1) / 2147483646;
  };
}

export function serveExecutionEnvironments(port: WorkerPort, base: QuickJSEnvironmentFactoryOptions = {}): void {
  let factory: QuickJSEnvironmentFactory | undefined;
  // A worker serves one environment for its life: a sandbox is built ahead only when the host asks
  // a spare worker to prepare one, for the one heap size its environment will use.
  const engine = ({ wasmModule, ...options }: WorkerEngineOptions) =>
    (factory ??= createQuickJSEnvironmentFactory({ warmSandboxHeapSizes: 1, singleEnvironment: true, ...base, ...options, ...(wasmModule ? { wasmModule } : {}) }));
  const environments = new Map<number, { env: ExecutionEnvironment; clock: VirtualClock | undefined }>();
  port.onMessage(async (message: HostToWorker) => {
    if (message.type === 'prepare') {
      // A spare worker: a failure here only costs the environment that adopts it its head start.
      await engine(message.options).prepare(message.memorySizeMb).catch(() => undefined);
      return;
    }
    try {
      if (message.type === 'create') {
        const factory = engine(message.options);
        const clock = message.clock.mode === 'virtual' ? createVirtualClock(message.clock.now) : undefined;
        const env = await factory(message.spec, { clock: clock ?? realClock, random: seeded(message.seed) });
        environments.set(message.id, { env, clock });
        port.post({ type: 'created', id: message.id, logStreamName: env.logStreamName });
      } else if (message.type === 'invoke') {
        const entry = environments.get(message.id);
        if (!entry) throw new Error(`no execution environment ${message.id} in this worker`);
        if (entry.clock && message.now !== undefined) entry.clock.advance(message.now - entry.clock.now());
        const outcome = await entry.env.invoke(message.input);
        port.post({ type: 'outcome', id: message.id, outcome, now: (entry.clock ?? realClock).now() });
      } else if (message.type === 'shutdown') {
        environments.get(message.id)?.env.shutdown();
        environments.delete(message.id);
      }
    } catch (e) {
      port.post({ type: 'failed', id: message.id, message: e instanceof Error ? e.message : String(e) });
    }
  });
}
