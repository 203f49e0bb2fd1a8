/** Runs execution environments inside a worker, answering the host's messages (see worker-protocol). */
import { createOffsetClock, createVirtualClock, realClock, type VirtualClock } from './clock.ts';
import type { AwsAnswer, EngineDeps, EnvironmentFactory, ExecutionEnvironment } from './contract.ts';
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

/** An engine a worker can serve: a factory that can also load ahead, for a spare worker. */
export interface PreparableFactory extends EnvironmentFactory {
  prepare(memorySizeMb: number): Promise<void>;
}

/** The QuickJS engine in a worker (the page's worker-entry and Node's node-worker-entry). */
export function serveExecutionEnvironments(port: WorkerPort, base: QuickJSEnvironmentFactoryOptions = {}): void {
  let factory: QuickJSEnvironmentFactory | undefined;
  // A worker serves one environment for its life: a sandbox is built ahead only when the host asks
  // a spare worker to prepare one, for the one heap size its environment will use.
  serveEnvironments(port, ({ wasmModule, ...options }) =>
    (factory ??= createQuickJSEnvironmentFactory({ warmSandboxHeapSizes: 1, singleEnvironment: true, ...base, ...options, ...(wasmModule ? { wasmModule } : {}) })));
}

/** Any engine in a worker: `engine` builds its factory once, from the first options the host sends. */
export function serveEnvironments(port: WorkerPort, engine: (options: WorkerEngineOptions) => PreparableFactory): void {
  /** Each environment's clock: a virtual one the host moves, or the wall clock plus the host's lead (`wall.ms`). */
  const environments = new Map<number, { env: ExecutionEnvironment; clock: VirtualClock | undefined; wall: { ms: number } }>();
  const awsCalls = new Map<number, (answer: AwsAnswer, now: number | undefined) => void>();
  let nextCallId = 1;

  /** What an environment gets: its clock and randomness, and the host's SDK and progress, relayed. */
  const depsFor = (id: number, clock: VirtualClock | undefined, wall: { ms: number }, seed: number): EngineDeps => ({
    clock: clock ?? createOffsetClock(wall),
    random: seeded(seed),
    aws: (call) =>
      new Promise((resolve) => {
        const callId = nextCallId++;
        awsCalls.set(callId, (answer, now) => {
          if (clock && now !== undefined) clock.advance(now - clock.now());
          resolve(answer);
        });
        port.post({ type: 'aws-call', id, callId, call, ...(clock ? { now: clock.now() } : {}) });
      }),
    progress: {
      log: (event) => port.post({ type: 'log', id, event }),
      initStarted: () => port.post({ type: 'init-started', id }),
      handlerStarted: () => port.post({ type: 'handler-started', id }),
      outOfMemory: () => port.post({ type: 'out-of-memory', id }),
    },
  });

  /** Brings an environment's clock to the host's: a virtual one jumps to `now`, a wall one takes the host's lead. */
  const keepTime = (entry: { clock: VirtualClock | undefined; wall: { ms: number } }, message: { now?: number; offsetMs?: number }): void => {
    if (entry.clock && message.now !== undefined) entry.clock.advance(message.now - entry.clock.now());
    if (message.offsetMs !== undefined) entry.wall.ms = message.offsetMs;
  };
  const timeOf = (entry: { clock: VirtualClock | undefined; wall: { ms: number } }): number => (entry.clock ? entry.clock.now() : realClock.now() + entry.wall.ms);

  port.onMessage(async (message: HostToWorker) => {
    if (message.type === 'prepare') {
      // A spare worker: a failure here only costs the environment that adopts it its head start.
      await engine(message.options).prepare(message.memorySizeMb).then(() => port.post({ type: 'prepared' }), () => undefined);
      return;
    }
    if (message.type === 'aws-answer') {
      awsCalls.get(message.callId)?.(message.answer, message.now);
      awsCalls.delete(message.callId);
      return;
    }
    try {
      if (message.type === 'create') {
        const factory = engine(message.options);
        const clock = message.clock.mode === 'virtual' ? createVirtualClock(message.clock.now) : undefined;
        const wall = { ms: message.clock.mode === 'real' ? (message.clock.offsetMs ?? 0) : 0 };
        const env = await factory(message.spec, depsFor(message.id, clock, wall, message.seed));
        environments.set(message.id, { env, clock, wall });
        port.post({ type: 'created', id: message.id, logStreamName: env.logStreamName });
      } else if (message.type === 'invoke') {
        const entry = environments.get(message.id);
        if (!entry) throw new Error(`no execution environment ${message.id} in this worker`);
        keepTime(entry, message);
        const outcome = await entry.env.invoke(message.input);
        port.post({ type: 'outcome', id: message.id, outcome, now: timeOf(entry) });
      } else if (message.type === 'initialize') {
        const entry = environments.get(message.id);
        if (!entry) throw new Error(`no execution environment ${message.id} in this worker`);
        if (!entry.env.initialize) throw new Error('this engine cannot run INIT ahead');
        keepTime(entry, message);
        const init = await entry.env.initialize();
        port.post({ type: 'initialized', id: message.id, ...init, now: timeOf(entry) });
      } else if (message.type === 'shutdown') {
        environments.get(message.id)?.env.shutdown();
        environments.delete(message.id);
      }
    } catch (e) {
      port.post({ type: 'failed', id: message.id, message: e instanceof Error ? e.message : String(e) });
    }
  });
}
