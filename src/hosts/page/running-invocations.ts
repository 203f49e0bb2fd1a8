import type { WorkerLike, WorkerToHost } from '../../emulator/index.ts';

/** Why a stopped worker died, as the environment hears it. */
export const STOPPED_BY_EMULATOR = 'stopped by the emulator at the learner’s request';

/**
 * The workers running an invocation, by the function they run, so the page can stop one. Lambda
 * has no such control (an invocation runs to its end or its timeout); the workbook offers it so a
 * `while (true) {}` costs the learner nothing. A stopped worker is terminated and reported to its
 * environment as dead, which then ends the invocation as Lambda ends a runtime that is killed
 * (Runtime.ExitError) and discards the environment.
 */
/** How far a worker is in downloading its engine (see the `engine-loading` message). */
export type EngineLoading = Extract<WorkerToHost, { type: 'engine-loading' }>;

export class RunningInvocations {
  readonly #running = new Map<WorkerLike, { functionName: string; stop: () => void }>();
  readonly #loadingListeners = new Set<(loading: EngineLoading) => void>();

  /** Hears every worker's engine download (Pyodide on a first visit); returns how to stop hearing. */
  onEngineLoading(listener: (loading: EngineLoading) => void): () => void {
    this.#loadingListeners.add(listener);
    return () => this.#loadingListeners.delete(listener);
  }

  /** Wraps a worker so its invocations are known and can be stopped. */
  track(inner: WorkerLike): WorkerLike {
    const deathHandlers: ((message: string) => void)[] = [];
    const running = this.#running;
    const loadingListeners = this.#loadingListeners;
    inner.onMessage((message) => {
      if (message.type === 'engine-loading') for (const listener of loadingListeners) listener(message);
    });
    const wrapped: WorkerLike = {
      postMessage(message) {
        if (message.type === 'invoke') {
          // arn:aws:lambda:<region>:<account>:function:<name>[:<qualifier>]
          const functionName = message.input.invokedFunctionArn.split(':')[6] ?? '';
          running.set(wrapped, {
            functionName,
            stop: () => {
              running.delete(wrapped);
              inner.terminate();
              for (const h of deathHandlers) h(STOPPED_BY_EMULATOR);
            },
          });
        }
        inner.postMessage(message);
      },
      terminate() {
        running.delete(wrapped);
        inner.terminate();
      },
      onMessage(handler) {
        inner.onMessage((message) => {
          if (message.type === 'outcome' || message.type === 'failed') running.delete(wrapped);
          handler(message);
        });
      },
      onError(handler) {
        deathHandlers.push(handler);
        inner.onError((message) => {
          running.delete(wrapped);
          handler(message);
        });
      },
      ...(inner.hold ? { hold: (busy: boolean) => inner.hold!(busy) } : {}),
    };
    return wrapped;
  }

  /** How many invocations of the function are running now. */
  count(functionName: string): number {
    return [...this.#running.values()].filter((r) => r.functionName === functionName).length;
  }

  /** Stops every running invocation of the function; returns how many were stopped. */
  stop(functionName: string): number {
    const matching = [...this.#running.values()].filter((r) => r.functionName === functionName);
    for (const r of matching) r.stop();
    return matching.length;
  }
}
