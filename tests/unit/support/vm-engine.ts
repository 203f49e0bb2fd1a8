/**
 * A test double of the execution engine for control-plane tests: runs CommonJS handlers in a
 * Node `vm` context with Lambda's log lines. It is deliberately small (no sandboxing, no
 * deadlines); the real engine is QuickJS. `gate` lets a test hold invocations open to build up
 * concurrency.
 */
import vm from 'node:vm';
import {
  type EngineDeps,
  type EnvironmentFactory,
  type EnvironmentSpec,
  type ExecutionEnvironment,
  type InvocationOutcome,
  type InvokeInput,
  type LogEvent,
  joinPath,
} from '../../../src/emulator/index.ts';

export interface Gate {
  /** Invocations currently waiting. */
  waiting: number;
  hold: boolean;
  release(): void;
}

export function createGate(): Gate & { wait(): Promise<void> } {
  let resolvers: (() => void)[] = [];
  const gate = {
    waiting: 0,
    hold: false,
    release() {
      gate.hold = false;
      const r = resolvers;
      resolvers = [];
      r.forEach((f) => f());
    },
    wait(): Promise<void> {
      if (!gate.hold) return Promise.resolve();
      gate.waiting++;
      return new Promise<void>((resolve) => resolvers.push(() => {
        gate.waiting--;
        resolve();
      }));
    },
  };
  return gate;
}

const decoder = new TextDecoder();

function hex32(random: () => number): string {
  let s = '';
  for (let i = 0; i < 32; i++) s += Math.floor(random() * 16).toString(16);
  return s;
}

export function createVmEnvironmentFactory(options: { gate?: ReturnType<typeof createGate>; created?: EnvironmentSpec[] } = {}): EnvironmentFactory {
  return async (spec: EnvironmentSpec, deps: EngineDeps): Promise<ExecutionEnvironment> => {
    options.created?.push(spec);
    const day = new Date(deps.clock.now()).toISOString().slice(0, 10).replaceAll('-', '/');
    const logStreamName = `${day}/[${spec.version}]${hex32(deps.random)}`;
    let handler: ((event: unknown, context: unknown) => unknown) | undefined;
    let initialised = false;
    let currentRequestId = 'undefined';
    let lines: LogEvent[] = [];
    const log = (level: string) => (...args: unknown[]) =>
      lines.push({
        timestamp: deps.clock.now(),
        message: `${new Date(deps.clock.now()).toISOString()}\t${currentRequestId}\t${level}\t${args.map((a) => (typeof a === 'string' ? a : JSON.stringify(a))).join(' ')}\n`,
      });
    const files = (root: string, tree: Record<string, Uint8Array>) => new Map(Object.entries(tree).map(([p, b]) => [`${root}/${p}`, b]));
    const fs = new Map([...files('/var/task', spec.code), ...files('/opt', spec.opt)]);
    const moduleCache = new Map<string, unknown>();
    const context = vm.createContext({ console: { log: log('INFO'), info: log('INFO'), warn: log('WARN'), error: log('ERROR') }, process: { env: { ...spec.environment, AWS_REGION: spec.region, AWS_LAMBDA_FUNCTION_VERSION: spec.version } }, gate: options.gate });
    const load = (path: string): unknown => {
      if (moduleCache.has(path)) return moduleCache.get(path);
      const src = fs.get(path);
      if (!src) throw Object.assign(new Error(`Cannot find module '${path}'`), { name: 'Runtime.ImportModuleError' });
      const module = { exports: {} as Record<string, unknown> };
      moduleCache.set(path, module.exports);
      const dir = path.slice(0, path.lastIndexOf('/'));
      const fn = vm.runInContext(`(function (module, exports, require) {${decoder.decode(src)}\n})`, context) as (m: unknown, e: unknown, r: unknown) => void;
      fn(module, module.exports, (spec2: string) => load(resolve(dir, spec2)));
      moduleCache.set(path, module.exports);
      return module.exports;
    };
    const resolve = (dir: string, request: string): string => {
      const candidates = request.startsWith('.') || request.startsWith('/')
        ? [joinPath(dir, request)]
        : ['/opt/nodejs/node22/node_modules', '/opt/nodejs/node_modules', '/var/task/node_modules'].map((base) => `${base}/${request}`);
      for (const c of candidates) for (const f of [c, `${c}.js`, `${c}/index.js`]) if (fs.has(f)) return f;
      return candidates[0]!;
    };
    return {
      logStreamName,
      async invoke(input: InvokeInput): Promise<InvocationOutcome> {
        lines = [];
        const coldStart = !initialised;
        const [file, name] = [spec.handler.slice(0, spec.handler.lastIndexOf('.')), spec.handler.slice(spec.handler.lastIndexOf('.') + 1)];
        if (coldStart) {
          lines.push({ timestamp: deps.clock.now(), message: `INIT_START Runtime Version: nodejs:22.v1\tRuntime Version ARN: arn:aws:lambda:${spec.region}::runtime:0\n` });
          initialised = true;
        }
        lines.push({ timestamp: deps.clock.now(), message: `START RequestId: ${input.requestId} Version: ${spec.version}\n` });
        currentRequestId = input.requestId;
        let payload: string;
        let functionError: 'Unhandled' | undefined;
        let errorType: string | undefined;
        try {
          if (!handler) {
            const exports = load(`/var/task/${file}.js`) as Record<string, unknown>;
            const h = exports[name];
            if (typeof h !== 'function') throw Object.assign(new Error(`${spec.handler} is undefined or not exported`), { name: 'Runtime.HandlerNotFound' });
            handler = h as (event: unknown, context: unknown) => unknown;
          }
          await options.gate?.wait();
          const result = await handler!(JSON.parse(input.payload), {
            functionName: spec.functionName,
            functionVersion: spec.version,
            invokedFunctionArn: input.invokedFunctionArn,
            awsRequestId: input.requestId,
            clientContext: input.clientContext,
            optFiles: Object.keys(spec.opt).sort(),
          });
          payload = result === undefined ? 'null' : JSON.stringify(result);
        } catch (err) {
          const e = err as Error;
          functionError = 'Unhandled';
          errorType = e.name;
          payload = JSON.stringify({ errorType: e.name, errorMessage: e.message, trace: String(e.stack ?? '').split('\n') });
          lines.push({ timestamp: deps.clock.now(), message: `${new Date(deps.clock.now()).toISOString()}\t${input.requestId}\tERROR\tInvoke Error \t${payload}\n` });
        }
        currentRequestId = 'undefined';
        lines.push({ timestamp: deps.clock.now(), message: `END RequestId: ${input.requestId}\n` });
        lines.push({ timestamp: deps.clock.now(), message: `REPORT RequestId: ${input.requestId}\tDuration: 1.00 ms\tBilled Duration: 1 ms\tMemory Size: ${spec.memorySize} MB\tMax Memory Used: 10 MB\t\n` });
        return {
          requestId: input.requestId,
          payload,
          ...(functionError ? { functionError, errorType: errorType! } : {}),
          logs: lines,
          durationMs: 1,
          billedDurationMs: 1,
          maxMemoryUsedMb: 10,
          ...(coldStart ? { initDurationMs: 1 } : {}),
          coldStart,
          environmentDiscarded: false,
        };
      },
      shutdown() {},
    };
  };
}

