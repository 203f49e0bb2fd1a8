/**
 * Asynchronous invocation: Lambda's internal event queue and the scheduler that works it off on
 * the injected clock. Function errors are retried per MaximumRetryAttempts (about 1 minute, then
 * 2 minutes later); throttles go back to the queue with backoff until MaximumEventAgeInSeconds;
 * then the event goes to the on-failure destination and the dead-letter queue.
 */
import type { Clock, InvocationOutcome } from '../runtime/contract.ts';
import { LambdaError } from './errors.ts';
import { destinationKind, parseJsonOr, type InvocationRecord, type Sinks } from './destinations.ts';
import type { QueuedEvent, SinkMessage } from './state.ts';
import { LATEST } from './arn.ts';
import type { EventInvokeSettings } from './event-invoke-config.ts';
import type { ScheduledWork } from './scheduler.ts';
import { RECURSIVE_INVOCATION_MESSAGE, type TraceContinuation } from './recursion.ts';

/** Delay before retry n (1-based) after a function error, as Lambda documents it. */
export const RETRY_DELAYS_MS = [60_000, 120_000] as const;
/** Throttle backoff: from 1 s, doubling, up to 5 minutes. */
export const THROTTLE_BACKOFF_MS = { first: 1_000, max: 300_000 } as const;

/** What the queue needs from the service. */
export interface QueueHost<T = unknown> {
  readonly clock: Clock;
  readonly sinks: Sinks;
  readonly region: string;
  readonly accountId: string;
  uuid(): string;
  /** The function version an event targets now, or undefined when it no longer exists. */
  resolveQueued(functionName: string, qualifier: string | undefined): T | undefined;
  runInvocation(target: T, payload: string, requestId: string, traceId?: string): Promise<{ outcome: InvocationOutcome; executedVersion: string }>;
  /** Recursive loop detection for an event that carried `traceHeader`: the trace the invocation continues, or that Lambda stops it. */
  continueTrace(target: T, traceHeader: string | undefined): TraceContinuation;
  eventInvokeSettings(functionName: string, qualifier: string): EventInvokeSettings;
  functionArn(name: string, qualifier?: string): string;
  /**
   * Whether the function's execution role may send to a destination or dead-letter queue now. The
   * role was checked when they were set, but its policies may have changed since: Lambda then fails
   * the delivery, and the message is lost.
   */
  maySend(roleArn: string, functionName: string, target: string): boolean;
}

/** Lambda's asynchronous queue, as work for the account's scheduler (scheduler.ts). */
export class EventQueue<T = unknown> implements ScheduledWork {
  constructor(
    private readonly events: QueuedEvent[],
    private readonly host: QueueHost<T>,
    /** Tells the scheduler an event may be due sooner than it planned. */
    private readonly wake: () => void = () => {},
  ) {}

  get pending(): readonly QueuedEvent[] {
    return this.events;
  }

  enqueue(event: { requestId: string; functionName: string; qualifier?: string; payload: string; traceHeader?: string }): void {
    const now = this.host.clock.now();
    this.events.push({ ...event, enqueuedAt: now, nextAttemptAt: now, attempts: 0, throttleBackoffMs: THROTTLE_BACKOFF_MS.first });
    this.wake();
  }

  /** When the next queued event is due, if any. */
  nextDueAt(): number | undefined {
    let next: number | undefined;
    for (const e of this.events) if (next === undefined || e.nextAttemptAt < next) next = e.nextAttemptAt;
    return next;
  }

  /** Attempts every event due now, oldest due first; returns how many attempts ran. */
  async runDue(): Promise<number> {
    const now = this.host.clock.now();
    const due = this.events.filter((e) => e.nextAttemptAt <= now).sort((a, b) => a.nextAttemptAt - b.nextAttemptAt);
    for (const event of due) await this.#attempt(event);
    return due.length;
  }

  async #attempt(event: QueuedEvent): Promise<void> {
    const now = this.host.clock.now();
    const qualifier = event.qualifier ?? LATEST;
    const settings = this.host.eventInvokeSettings(event.functionName, qualifier);
    if (now - event.enqueuedAt >= settings.maxAgeMs) {
      this.#remove(event);
      this.#fail(event, 'EventAgeExceeded', settings);
      return;
    }
    const target = this.host.resolveQueued(event.functionName, event.qualifier);
    if (!target) {
      // The function or qualifier was deleted while the event waited: Lambda drops it.
      this.#remove(event);
      return;
    }
    const trace = this.host.continueTrace(target, event.traceHeader);
    if (trace.stopped) {
      // Recursive loop detection: Lambda does not run the event, and sends it to the dead-letter
      // queue or on-failure destination, if configured. AWS does not document the record's
      // condition or the dead-letter message's ErrorCode for it: the emulator names the API's
      // RecursiveInvocationException and its status, 400 (unverified against AWS).
      this.#remove(event);
      event.lastSystemError = RECURSIVE_INVOCATION_MESSAGE;
      this.#fail(event, 'RecursiveInvocationException', settings);
      return;
    }
    let result: { outcome: InvocationOutcome; executedVersion: string };
    try {
      result = await this.host.runInvocation(target, event.payload, event.requestId, trace.traceId);
    } catch (err) {
      // Throttles and system errors (an environment that could not start) go back to the queue with backoff.
      if (!(err instanceof LambdaError && err.code === 'TooManyRequestsException')) {
        event.lastSystemError = err instanceof Error ? `${err.name}: ${err.message}` : String(err);
      }
      event.nextAttemptAt = now + event.throttleBackoffMs;
      event.throttleBackoffMs = Math.min(event.throttleBackoffMs * 2, THROTTLE_BACKOFF_MS.max);
      return;
    }
    event.attempts++;
    const { outcome, executedVersion } = result;
    if (!outcome.functionError) {
      this.#remove(event);
      if (settings.onSuccess && this.#allowed(event, settings, settings.onSuccess)) {
        this.#deliver(settings.onSuccess, this.#record(event, 'Success', { payload: outcome.payload, executedVersion }), 'destination', true);
      }
      return;
    }
    event.lastFailure = {
      payload: outcome.payload,
      executedVersion,
      functionError: outcome.functionError,
      ...(outcome.errorType ? { errorType: outcome.errorType } : {}),
    };
    if (event.attempts <= settings.retries) {
      event.nextAttemptAt = now + RETRY_DELAYS_MS[Math.min(event.attempts - 1, RETRY_DELAYS_MS.length - 1)]!;
      return;
    }
    this.#remove(event);
    this.#fail(event, 'RetriesExhausted', settings);
  }

  #allowed(event: QueuedEvent, settings: { role?: string }, target: string): boolean {
    return settings.role === undefined || this.host.maySend(settings.role, event.functionName, target);
  }

  #fail(event: QueuedEvent, condition: 'RetriesExhausted' | 'EventAgeExceeded' | 'RecursiveInvocationException', settings: { onFailure?: string; deadLetter?: string; role?: string }): void {
    const last = event.lastFailure;
    if (settings.onFailure && this.#allowed(event, settings, settings.onFailure)) {
      const response = last ? { payload: last.payload, executedVersion: last.executedVersion, functionError: last.functionError } : undefined;
      this.#deliver(settings.onFailure, this.#record(event, condition, response), 'destination', false);
    }
    if (settings.deadLetter && this.#allowed(event, settings, settings.deadLetter)) {
      const error = last ? (parseJsonOr(last.payload) as { errorMessage?: unknown }) : undefined;
      const message: SinkMessage = {
        target: settings.deadLetter,
        kind: destinationKind(settings.deadLetter) === 'sns' ? 'sns' : 'sqs',
        body: event.payload,
        attributes: {
          RequestID: { DataType: 'String', StringValue: event.requestId },
          // A function error is a 200 from the function; an event that never ran was throttled (429) or hit a system error (500).
          ErrorCode: { DataType: 'Number', StringValue: last ? '200' : event.lastSystemError === RECURSIVE_INVOCATION_MESSAGE ? '400' : event.lastSystemError ? '500' : '429' },
          ErrorMessage: {
            DataType: 'String',
            StringValue: last
              ? typeof error?.errorMessage === 'string'
                ? error.errorMessage
                : last.payload
              : (event.lastSystemError ?? 'Rate Exceeded.'),
          },
        },
        sentAt: this.host.clock.now(),
        via: 'dead-letter',
      };
      this.host.sinks.add(message);
    }
  }

  #record(
    event: QueuedEvent,
    condition: InvocationRecord['requestContext']['condition'],
    response: { payload: string; executedVersion: string; functionError?: string } | undefined,
  ): InvocationRecord {
    return {
      version: '1.0',
      timestamp: new Date(this.host.clock.now()).toISOString(),
      requestContext: {
        requestId: event.requestId,
        functionArn: this.host.functionArn(event.functionName, event.qualifier ?? LATEST),
        condition,
        approximateInvokeCount: event.attempts,
      },
      requestPayload: parseJsonOr(event.payload),
      ...(response
        ? {
            responseContext: {
              statusCode: 200,
              executedVersion: response.executedVersion,
              ...(response.functionError ? { functionError: response.functionError } : {}),
            },
            responsePayload: parseJsonOr(response.payload),
          }
        : {}),
    };
  }

  #deliver(target: string, record: InvocationRecord, via: 'destination', success: boolean): void {
    const kind = destinationKind(target);
    const sentAt = this.host.clock.now();
    if (kind === 'events') {
      const envelope = {
        version: '0',
        id: this.host.uuid(),
        'detail-type': `Lambda Function Invocation Result - ${success ? 'Success' : 'Failure'}`,
        source: 'lambda',
        account: this.host.accountId,
        time: new Date(sentAt).toISOString().replace(/\.\d{3}Z$/, 'Z'),
        region: this.host.region,
        resources: [target, record.requestContext.functionArn],
        detail: record,
      };
      this.host.sinks.add({ target, kind, body: JSON.stringify(envelope), sentAt, via });
      return;
    }
    const body = JSON.stringify(record);
    this.host.sinks.add({ target, kind: kind ?? 'sqs', body, sentAt, via });
    if (kind === 'lambda') {
      const ref = target.split(':');
      const name = ref[6]!;
      const qualifier = ref[7];
      this.enqueue({ requestId: this.host.uuid(), functionName: name, ...(qualifier ? { qualifier } : {}), payload: body });
    }
  }

  #remove(event: QueuedEvent): void {
    const i = this.events.indexOf(event);
    if (i >= 0) this.events.splice(i, 1);
  }
}
