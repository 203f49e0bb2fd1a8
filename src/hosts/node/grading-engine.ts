/**
 * The execution engine a grader uses: QuickJS environments in the grading thread itself (each
 * grading worker is already its own thread), Python ones in sandboxed processes, with a real-time CPU budget per invocation so a
 * `while (true) {}` ends as Lambda's Sandbox.Timedout under the virtual clock. It also measures
 * how long sandboxes take to start, for the bench.
 */
import { type EnvironmentFactory, createEngineChooser, createQuickJSEnvironmentFactory } from '../../emulator/index.ts';
import { createNodePythonWorkerEnvironmentFactory } from './node-worker-environment.ts';
import type { SubmissionGrade } from '../../grading/results.ts';
import { loadQuickJSWasmModule } from './quickjs-wasm.ts';

/** Real milliseconds one invocation may compute before it is stopped as timed out. */
export const defaultCpuBudgetMs = 2_000;
/** Seconds a task's check may take on the grader before it scores 0 "timed out". */
export const defaultGradingTaskTimeoutMs = 20_000;

export interface GradingWorkerData {
  taskTimeoutMs: number;
  cpuBudgetMs: number;
  /** The instructor's bank file, read once by the main thread. */
  bank?: { path: string; text: string };
}

export interface PoolRequest {
  id: number;
  file: string;
}

export type PoolReply = { id: number; grade: SubmissionGrade } | { id: number; error: string };

export interface GradingEngine {
  factory: EnvironmentFactory;
  resetTiming(): void;
  /** Wall time spent creating environments and in their first (cold) invoke since the last reset. */
  sandboxStartMs(): number;
}

export function createGradingEngine(cpuBudgetMs: number = defaultCpuBudgetMs): GradingEngine {
  // Python submissions run as on the emulator server: each environment a sandboxed process, started only when one is graded.
  let python: EnvironmentFactory | undefined;
  const inner = createEngineChooser({
    nodejs: createQuickJSEnvironmentFactory({ wasmModule: loadQuickJSWasmModule, cpuBudgetMs }),
    // An interpreter needs more real time than QuickJS to do the same work: never less than the default budget.
    python: (spec, deps) => (python ??= createNodePythonWorkerEnvironmentFactory({ cpuBudgetMs: Math.max(cpuBudgetMs, defaultCpuBudgetMs) }))(spec, deps),
  });
  let spent = 0;
  const factory: EnvironmentFactory = async (spec, deps) => {
    const t0 = performance.now();
    const env = await inner(spec, deps);
    spent += performance.now() - t0;
    let cold = true;
    return {
      get logStreamName() {
        return env.logStreamName;
      },
      async invoke(input) {
        if (!cold) return env.invoke(input);
        cold = false;
        const t1 = performance.now();
        try {
          return await env.invoke(input);
        } finally {
          spent += performance.now() - t1;
        }
      },
      shutdown: () => env.shutdown(),
    };
  };
  return { factory, resetTiming: () => void (spent = 0), sandboxStartMs: () => spent };
}
