/**
 * The guest's event loop, driven by the host as Node drives its own: microtasks, then the timers
 * due on the environment's clock, until INIT or the invocation is done, the deadline passes or the
 * runtime dies. One per sandbox an environment takes; it holds the state of the run under way.
 */
import type { Clock } from './contract.ts';
import { GuestCalls, type AbortListener } from './guest-calls.ts';
import type { QuickJSInstance } from './quickjs-loader.ts';
import { readErrorDocument } from './runtime-errors.ts';
import type { Sandbox } from './sandbox.ts';

/** What the guest reported: INIT done, the handler's result, or an error document. */
export type Completion =
  | { kind: 'init' }
  | { kind: 'result'; body: string; waits: boolean }
  | { kind: 'error'; body: string };

/** How a run of the guest's event loop ended. */
export type LoopEnd =
  | { kind: 'done' }
  | { kind: 'idle' }
  | { kind: 'timeout' }
  | { kind: 'oom' }
  | { kind: 'exit'; code: number }
  /** The WebAssembly module aborted: the runtime died of a signal. */
  | { kind: 'abort' }
  | { kind: 'crash'; body: string; errorType: string };

export class EventLoop implements AbortListener {
  readonly calls: GuestCalls;
  private readonly instance: QuickJSInstance;
  private reported: Completion | undefined;
  private due = Infinity;
  private realDeadline = Infinity;
  private interruption: 'timeout' | 'oom' | 'exit' | 'abort' | undefined;
  private exitCode = 0;
  private rejectionPending = false;
  /** Set once guest code first touches a timer function: until then there is no timer to ask about. */
  private timersLoadedFlag = false;
  /** SDK calls the guest is waiting on, and the answers the host has for it, to hand in on the next turn. */
  private awsInFlight = 0;
  private readonly awsAnswers: [id: number, answerWire: string][] = [];
  private awsArrived: (() => void) | undefined;

  constructor(
    sandbox: Sandbox,
    private readonly clock: Clock,
    private readonly cpuBudgetMs: number,
  ) {
    this.instance = sandbox.instance;
    this.calls = new GuestCalls(sandbox, this);
  }

  /** What the guest reported in this run, if anything yet. */
  get completion(): Completion | undefined {
    return this.reported;
  }

  /** When this run times out, on the environment's clock. */
  get deadline(): number {
    return this.due;
  }

  /** Why QuickJS was stopped in this run: from then on the guest's logs are dropped. */
  get interrupted(): 'timeout' | 'oom' | 'exit' | 'abort' | undefined {
    return this.interruption;
  }

  get timersLoaded(): boolean {
    return this.timersLoadedFlag;
  }

  /** Starts a run: nothing reported yet, and this deadline (and CPU budget) from now. */
  arm(deadline: number, budgetMs: number): void {
    this.reported = undefined;
    this.due = deadline;
    this.realDeadline = performance.now() + Math.min(budgetMs, this.cpuBudgetMs);
    this.interruption = undefined;
  }

  disarm(): void {
    this.due = Infinity;
    this.realDeadline = Infinity;
  }

  // ---- what the guest tells the host -----------------------------------------------------------

  /** The guest made an SDK call: the loop keeps running (and waiting) until `answer` hands its result in. */
  awsStarted(): void {
    this.awsInFlight++;
  }

  awsAnswered(id: number, answerWire: string): void {
    this.awsAnswers.push([id, answerWire]);
    const wake = this.awsArrived;
    this.awsArrived = undefined;
    wake?.();
  }

  exit(code: number): void {
    this.exitCode = code;
    this.interruption = 'exit';
  }

  rejected(): void {
    this.rejectionPending = true;
  }

  chunkLoaded(name: string): void {
    if (name === 'timers') this.timersLoadedFlag = true;
  }

  aborted(outOfMemory: boolean): void {
    this.interruption = outOfMemory ? 'oom' : (this.interruption ?? 'abort');
  }

  /** QuickJS's interrupt handler: past the deadline or the CPU budget, or out of memory. */
  shouldInterrupt(): boolean {
    if (this.interruption) return true;
    if (this.instance.outOfMemory()) {
      this.interruption = 'oom';
      return true;
    }
    if (this.clock.now() >= this.due || performance.now() >= this.realDeadline) {
      this.interruption = 'timeout';
      return true;
    }
    return false;
  }

  // ---- running ---------------------------------------------------------------------------------

  /** INIT is over once the guest reported. */
  readonly initDone = (): boolean => this.reported !== undefined;

  /** An invocation is over once it reported, and, with callbackWaitsForEmptyEventLoop, once no timer is left. */
  readonly invocationDone = (): boolean => {
    const c = this.reported;
    if (!c) return false;
    if (c.kind === 'result' && c.waits) return !this.timersLoadedFlag || this.calls.guestNumber(this.calls.guest.nextDue) < 0;
    return true;
  };

  async run(isDone: () => boolean): Promise<LoopEnd> {
    const clock = this.clock;
    const calls = this.calls;
    for (;;) {
      this.deliverAwsAnswers();
      calls.runJobs();
      this.takeCompletion();
      const stopped = this.stopped();
      if (stopped) return stopped;
      // The guest flags a rejection nobody handled yet; only then is it worth asking.
      const rejection = this.rejectionPending ? calls.guestString(calls.guest.takeUnhandledRejection) : '';
      this.rejectionPending = false;
      if (this.stopped()) return this.stopped()!;
      if (rejection) return { kind: 'crash', body: rejection, errorType: 'Runtime.UnhandledPromiseRejection' };
      if (isDone()) return { kind: 'done' };
      if (this.stopped()) return this.stopped()!;
      const due = this.timersLoadedFlag ? calls.guestNumber(calls.guest.nextDue) : -1;
      if (this.stopped()) return this.stopped()!;
      if (this.awsInFlight > 0 && (due < 0 || due > clock.now())) {
        // An SDK call is a host round trip: wait for its answer (the call itself ran on the same clock), then count it against the deadline.
        await this.nextAwsAnswer();
        if (clock.now() >= this.due && !isDone()) return { kind: 'timeout' };
        continue;
      }
      if (due < 0) return { kind: 'idle' };
      if (due > this.due) return { kind: 'timeout' };
      if (due > clock.now()) await clock.sleepUntil(due);
      // A real clock may not have reached the deadline check inside QuickJS while we slept.
      if (clock.now() >= this.due && !isDone()) return { kind: 'timeout' };
      const thrown = calls.callGuest(calls.guest.runMacrotasks, [clock.now()]);
      const afterTimer = this.stopped();
      if (afterTimer) return afterTimer;
      if (thrown) {
        const body = calls.guestString(calls.guest.uncaught, [thrown]);
        thrown.dispose();
        const stoppedAgain = this.stopped();
        if (stoppedAgain) return stoppedAgain;
        const doc = readErrorDocument(body);
        return { kind: 'crash', body: JSON.stringify(doc), errorType: doc.errorType };
      }
    }
  }

  /** Runs timers already due at `now`; returns how the loop ended if one of them ended the environment. */
  async runOverdueTimers(now: number): Promise<LoopEnd | undefined> {
    const calls = this.calls;
    for (;;) {
      const due = calls.guestNumber(calls.guest.nextDue);
      if (due < 0 || due > now) return this.stopped();
      const end = await this.run(() => {
        const next = calls.guestNumber(calls.guest.nextDue);
        return next < 0 || next > now;
      });
      if (end.kind !== 'done' && end.kind !== 'idle') return end;
    }
  }

  private nextAwsAnswer(): Promise<void> {
    if (this.awsAnswers.length > 0) return Promise.resolve();
    return new Promise((resolve) => (this.awsArrived = resolve));
  }

  /** Hands the host's answers to the guest's waiting SDK calls. */
  private deliverAwsAnswers(): void {
    while (this.awsAnswers.length > 0 && !this.interruption) {
      const [id, wire] = this.awsAnswers.shift()!;
      this.awsInFlight--;
      const thrown = this.calls.callGuest(this.calls.guest.settleAws, [id, wire]);
      thrown?.dispose();
    }
  }

  /** Reads what the guest reported (a kind letter, then the body); interrupted guests report nothing. */
  private takeCompletion(): void {
    if (this.interruption || this.reported) return;
    const c = this.calls.poll();
    if (!c || this.interruption) return;
    const kind = c[0];
    const body = c.slice(1);
    if (kind === 'I') this.reported = { kind: 'init' };
    else if (kind === 'R' || kind === 'W') this.reported = { kind: 'result', body, waits: kind === 'W' };
    else if (kind === 'E') this.reported = { kind: 'error', body };
  }

  private stopped(): LoopEnd | undefined {
    if (this.instance.outOfMemory() || this.interruption === 'oom') return { kind: 'oom' };
    if (this.interruption === 'exit') return { kind: 'exit', code: this.exitCode };
    if (this.interruption === 'timeout') return { kind: 'timeout' };
    if (this.interruption === 'abort') return { kind: 'abort' };
    return undefined;
  }
}
