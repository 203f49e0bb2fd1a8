/**
 * The emulator as a page uses it: the in-process emulator, with execution environments in Web
 * Workers and the asynchronous queue running on real time. The workspace talks to it only through
 * the SDK clients (and the emulator's inspection routes for its emulated queues and topics).
 */
import { createAdjustableClock, createInProcessEmulator, type EmulatorState, type InProcessEmulator } from '../../emulator/index.ts';
import { createBrowserEnvironmentFactory } from './browser-engine.ts';
import type { EngineLoading } from './running-invocations.ts';

export interface PageEmulator extends InProcessEmulator {
  snapshot(): EmulatorState;
  /** Starts a worker with QuickJS loaded ahead of the first cold start; call once the page is idle. */
  warmUp(): void;
  /**
   * Stops the function's running invocations (not a Lambda feature: the workbook's own, for a
   * handler that never ends). Each ends with Runtime.ExitError and its environment is discarded.
   */
  stopInvocations(functionName: string): number;
  /** Hears the download of an engine's files (Pyodide, on a first visit); returns how to stop hearing. */
  onEngineLoading(listener: (loading: EngineLoading) => void): () => void;
  /** Moves the page's clock forward (schedules, retries and idle environments see the new time) and runs what became due. */
  advanceTime(ms: number): Promise<void>;
  /** How far the page's clock runs ahead of the wall clock. */
  readonly timeOffsetMs: number;
  dispose(): void;
}

export function createPageEmulator(state?: EmulatorState): PageEmulator {
  const environmentFactory = createBrowserEnvironmentFactory();
  const clock = createAdjustableClock();
  const emulator = createInProcessEmulator({
    environmentFactory,
    clock,
    random: Math.random,
    uuid: () => crypto.randomUUID(),
    ...(state ? { state } : {}),
  });
  // Event invocations run in the background on the real clock, retries included, and idle
  // environments (Web Workers) are shut down after a while, as in Lambda.
  emulator.service.start();
  return {
    ...emulator,
    snapshot: () => emulator.service.snapshot(),
    warmUp: () => environmentFactory.startSpareWorker(),
    stopInvocations: (functionName) => environmentFactory.running.stop(functionName),
    onEngineLoading: (listener) => environmentFactory.running.onEngineLoading(listener),
    async advanceTime(ms) {
      clock.advance(ms);
      emulator.service.scheduler.wake();
      await emulator.service.scheduler.processDue();
    },
    get timeOffsetMs() {
      return clock.wallOffsetMs;
    },
    dispose: () => emulator.close(),
  };
}
