/**
 * Node only: a worker (thread or process) as the worker host sees it (WorkerLike), usable at once
 * although the worker itself starts only once its bundled entry is built: messages wait until then.
 */
import type { WorkerLike, WorkerToHost } from '../../emulator/index.ts';

/** What a started worker offers, whatever it is. */
export interface StartedWorker {
  send(message: unknown): void;
  kill(): void;
  hold(busy: boolean): void;
  onMessage(handler: (message: WorkerToHost) => void): void;
  /** It ended (or failed to start) on its own; never called after kill(). */
  onEnd(handler: (why: string) => void): void;
}

export function deferredWorker(starting: Promise<StartedWorker>, what: string): WorkerLike {
  let worker: StartedWorker | undefined;
  let terminated = false;
  let held = true;
  const queued: unknown[] = [];
  const messageHandlers: ((message: WorkerToHost) => void)[] = [];
  const errorHandlers: ((message: string) => void)[] = [];
  const failed = (message: string) => {
    if (!terminated) for (const handler of errorHandlers) handler(message);
  };
  starting.then((started) => {
    if (terminated) return started.kill();
    worker = started;
    started.onMessage((m) => { for (const handler of messageHandlers) handler(m); });
    started.onEnd(failed);
    for (const message of queued.splice(0)) started.send(message);
    started.hold(held);
  }, (e: unknown) => failed(`could not start the ${what}: ${e instanceof Error ? e.message : String(e)}`));
  return {
    postMessage: (message) => {
      if (terminated) return;
      if (worker) worker.send(message);
      else queued.push(message);
    },
    terminate: () => {
      terminated = true;
      worker?.kill();
    },
    onMessage: (handler) => void messageHandlers.push(handler),
    onError: (handler) => void errorHandlers.push(handler),
    hold: (busy) => {
      held = busy;
      worker?.hold(busy);
    },
  };
}
