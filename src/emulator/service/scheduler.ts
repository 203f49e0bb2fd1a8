/**
 * The account's one scheduler: everything that falls due on the injected clock (asynchronous
 * invocations and their retries, event source mapping pollers) is worked off here, so a test can
 * replay hours of schedule on a virtual clock and the server runs the same work on real time.
 */
import type { Clock } from '../runtime/contract.ts';

/** The longest a timer may wait (setTimeout fires at once beyond 2^31-1 ms): a monthly cron re-arms on the way. */
const MAX_TIMER_MS = 2 ** 31 - 1;

/** Work that falls due on the clock. */
export interface ScheduledWork {
  /** When work is next due, if any. */
  nextDueAt(): number | undefined;
  /** Runs what is due now; returns how many invocations that took. Afterwards nothing may be due now that could make progress. */
  runDue(): Promise<number>;
  /** Work that never runs out (EventBridge schedules): `drain()` without an end time does not wait for it. */
  readonly recurring?: boolean;
}

export class Scheduler {
  /** Called after every background pass, e.g. so the CLI can save state the pass changed. */
  onBackgroundPass: (() => void) | undefined;
  /** The last error of a background pass (an emulator bug if ever set). */
  lastError: string | undefined;
  readonly #work: ScheduledWork[] = [];
  #timer: ReturnType<typeof globalThis.setTimeout> | undefined;
  #running = false;
  #processing: Promise<void> | undefined;

  constructor(private readonly clock: Clock) {}

  add(work: ScheduledWork): void {
    this.#work.push(work);
  }

  /** When anything is next due (`finite`: leaving out recurring work). */
  nextDueAt(options: { finite?: boolean } = {}): number | undefined {
    let next: number | undefined;
    for (const work of this.#work) {
      if (options.finite && work.recurring) continue;
      const at = work.nextDueAt();
      if (at !== undefined && (next === undefined || at < next)) next = at;
    }
    return next;
  }

  /** Runs everything due now (and what becomes due while doing so without time passing). Returns how many invocations ran. */
  processDue(): Promise<number> {
    // One pass at a time, so the background scheduler and a test's drain never run work twice.
    const run = (this.#processing ?? Promise.resolve()).then(() => this.#processDueNow());
    const settled = run.then(
      () => undefined,
      () => undefined,
    );
    this.#processing = settled;
    void settled.then(() => {
      if (this.#processing === settled) this.#processing = undefined;
    });
    return run;
  }

  /**
   * Works everything off, sleeping on the clock between due times: with a virtual clock this
   * replays a six-hour retry schedule at once. `untilMs` stops at a point in time instead; only
   * then do recurring schedules (EventBridge rules) count, since they never run out.
   */
  async drain(options: { untilMs?: number } = {}): Promise<number> {
    let invocations = 0;
    for (;;) {
      invocations += await this.processDue();
      const next = this.nextDueAt({ finite: options.untilMs === undefined });
      if (next === undefined) return invocations;
      if (options.untilMs !== undefined && next > options.untilMs) {
        await this.clock.sleepUntil(options.untilMs);
        return invocations;
      }
      await this.clock.sleepUntil(next);
    }
  }

  /** Background scheduling on real time (the HTTP server and the page). */
  start(): void {
    this.#running = true;
    this.wake();
  }

  stop(): void {
    this.#running = false;
    if (this.#timer !== undefined) globalThis.clearTimeout(this.#timer);
    this.#timer = undefined;
  }

  /** Something new may be due: re-arm the background timer for the earliest due time. */
  wake(): void {
    if (!this.#running) return;
    if (this.#timer !== undefined) globalThis.clearTimeout(this.#timer);
    const next = this.nextDueAt();
    if (next === undefined) return;
    this.#timer = globalThis.setTimeout(() => {
      this.#timer = undefined;
      this.processDue()
        .catch((err: unknown) => {
          // Nothing awaits the background pass: keep the failure where the inspection API shows it.
          this.lastError = err instanceof Error ? (err.stack ?? err.message) : String(err);
        })
        .finally(() => {
          this.onBackgroundPass?.();
          this.wake();
        });
    }, Math.min(MAX_TIMER_MS, Math.max(0, next - this.clock.now())));
  }

  async #processDueNow(): Promise<number> {
    let invocations = 0;
    for (;;) {
      const now = this.clock.now();
      const due = this.#work.filter((w) => {
        const at = w.nextDueAt();
        return at !== undefined && at <= now;
      });
      if (due.length === 0) return invocations;
      let ran = 0;
      for (const work of due) ran += await work.runDue();
      invocations += ran;
      // Due work that ran nothing cannot progress until time passes (it was refused, say): stop here.
      if (ran === 0) return invocations;
    }
  }
}
