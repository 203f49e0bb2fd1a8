/**
 * The pollers behind SQS event source mappings, as work for the account's scheduler. For each
 * enabled mapping they receive batches (BatchSize, after MaximumBatchingWindowInSeconds when the
 * queue holds fewer), drop what FilterCriteria rejects (deleting it, as Lambda does), invoke the
 * function synchronously with the SQS event, and delete what succeeded. A failed batch stays
 * received, so it comes back after the queue's visibility timeout and, past maxReceiveCount, SQS
 * moves it to the dead-letter queue. Batches run side by side up to ScalingConfig's
 * MaximumConcurrency and never beyond what the function's concurrency allows. A message that
 * continues a recursive loop past Lambda's limit is held back (recursion.ts).
 */
import { limits } from '../limits.ts';
import { matchesEventPattern, parseEventPattern, type EventPattern } from '../patterns/event-pattern.ts';
import type { Clock, InvocationOutcome } from '../runtime/contract.ts';
import type { Queue, Received } from '../sqs/queue.ts';
import type { SqsService } from '../sqs/sqs-service.ts';
import { LambdaError } from './errors.ts';
import type { ScheduledWork } from './scheduler.ts';
import type { EventSourceMappingRecord } from './state.ts';
import type { TraceContinuation } from './recursion.ts';

/** How long a mapping waits before polling again after its function was throttled. */
export const THROTTLED_POLL_BACKOFF_MS = 1_000;

/** What the pollers need from the account. */
export interface PollerHost<T> {
  readonly clock: Clock;
  readonly region: string;
  readonly sqs: SqsService;
  uuid(): string;
  /** Every mapping, enabled or not. */
  mappings(): EventSourceMappingRecord[];
  /** The function version a mapping invokes now, or undefined when it no longer exists. */
  target(mapping: EventSourceMappingRecord): T | undefined;
  runInvocation(target: T, payload: string, requestId: string, traceId?: string): Promise<{ outcome: InvocationOutcome }>;
  /** Recursive loop detection for a message's AWSTraceHeader: the trace the invocation continues, or that Lambda stops it. */
  continueTrace(target: T, traceHeader: string | undefined): TraceContinuation;
  /** How many more invocations the function could run at once, and how many it runs now. */
  available(functionName: string): number;
  busy(functionName: string): number;
}

/** What a poller remembers between passes (not state: a restart starts afresh, as Lambda's pollers would). */
interface PollerState {
  /** When the mapping first saw fewer messages than BatchSize, for MaximumBatchingWindowInSeconds. */
  windowOpenedAt?: number;
  /** Not before this (after a throttle, or while the function has no room). */
  retryAt?: number;
  /** Since when messages have been waiting: pollers scale out with it. */
  backlogSince?: number;
}

/** The SQS event record Lambda sends for one message (field order as recorded). */
function sqsRecord(received: Received, eventSourceARN: string, awsRegion: string): Record<string, unknown> {
  const m = received.message;
  const messageAttributes: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(m.MessageAttributes ?? {})) {
    messageAttributes[name] = {
      ...(value.StringValue !== undefined ? { stringValue: value.StringValue } : {}),
      ...(value.BinaryValue !== undefined ? { binaryValue: value.BinaryValue } : {}),
      stringListValues: [],
      binaryListValues: [],
      dataType: value.DataType,
    };
  }
  return {
    messageId: m.MessageId,
    receiptHandle: received.receiptHandle,
    body: m.Body,
    attributes: {
      ApproximateReceiveCount: String(m.receiveCount),
      ...(m.AWSTraceHeader !== undefined ? { AWSTraceHeader: m.AWSTraceHeader } : {}),
      SentTimestamp: String(Math.floor(m.SentTimestamp)),
      ...(m.MessageGroupId !== undefined ? { MessageGroupId: m.MessageGroupId } : {}),
      SenderId: m.SenderId,
      ApproximateFirstReceiveTimestamp: String(Math.floor(m.firstReceivedAt ?? m.SentTimestamp)),
    },
    messageAttributes,
    md5OfMessageAttributes: m.MD5OfMessageAttributes ?? null,
    md5OfBody: m.MD5OfBody,
    eventSource: 'aws:sqs',
    eventSourceARN,
    awsRegion,
  };
}

/** The message as FilterCriteria sees it: the record, with a JSON body parsed. */
function filterView(record: Record<string, unknown>): Record<string, unknown> {
  try {
    const body: unknown = JSON.parse(record['body'] as string);
    return typeof body === 'object' && body !== null ? { ...record, body } : record;
  } catch {
    return record;
  }
}

/**
 * Which messages of a batch failed, read from the function's answer with ReportBatchItemFailures.
 * Lambda's rules: no answer, `{}` or an empty or null batchItemFailures is success; an item
 * without an itemIdentifier of this batch, or an answer that is not an object, fails the batch.
 */
export function batchItemFailures(payload: string, messageIds: ReadonlySet<string>): Set<string> | 'all' {
  let parsed: unknown;
  try {
    parsed = payload === '' ? null : JSON.parse(payload);
  } catch {
    return 'all';
  }
  if (parsed === null) return new Set();
  if (typeof parsed !== 'object' || Array.isArray(parsed)) return 'all';
  const items = (parsed as { batchItemFailures?: unknown }).batchItemFailures;
  if (items === undefined || items === null) return new Set();
  if (!Array.isArray(items)) return 'all';
  const failed = new Set<string>();
  for (const item of items) {
    const id = (item as { itemIdentifier?: unknown } | null)?.itemIdentifier;
    if (typeof id !== 'string' || !messageIds.has(id)) return 'all';
    failed.add(id);
  }
  return failed;
}

export class SqsPoller<T> implements ScheduledWork {
  readonly #state = new Map<string, PollerState>();
  readonly #patterns = new Map<string, EventPattern[]>();

  constructor(private readonly host: PollerHost<T>) {}

  nextDueAt(): number | undefined {
    const now = this.host.clock.now();
    let next: number | undefined;
    for (const mapping of this.host.mappings()) {
      const at = this.#dueAt(mapping, now);
      if (at !== undefined && (next === undefined || at < next)) next = at;
    }
    return next;
  }

  /** Polls every mapping that is due; returns how many batches it handled. */
  async runDue(): Promise<number> {
    const now = this.host.clock.now();
    let batches = 0;
    for (const mapping of this.host.mappings()) {
      const at = this.#dueAt(mapping, now);
      if (at !== undefined && at <= now) batches += await this.#poll(mapping);
    }
    return batches;
  }

  #stateOf(mapping: EventSourceMappingRecord): PollerState {
    let state = this.#state.get(mapping.UUID);
    if (!state) this.#state.set(mapping.UUID, (state = {}));
    return state;
  }

  #queueOf(mapping: EventSourceMappingRecord): Queue | undefined {
    return mapping.Enabled ? this.host.sqs.queueByArn(mapping.EventSourceArn) : undefined;
  }

  /** When `mapping` next has work: a batch to take, a window to close, a hidden message to show. */
  #dueAt(mapping: EventSourceMappingRecord, now: number): number | undefined {
    const queue = this.#queueOf(mapping);
    if (!queue || this.host.target(mapping) === undefined) return undefined;
    const state = this.#stateOf(mapping);
    // No room for the function and nothing of its running that could make room: nothing to do until that changes.
    if (this.host.available(mapping.FunctionName) === 0 && this.host.busy(mapping.FunctionName) === 0) return undefined;
    const notBefore = state.retryAt ?? 0;
    if (!queue.hasVisible(now)) {
      const visibleAt = queue.nextVisibleAt(now);
      return visibleAt === undefined ? undefined : Math.max(visibleAt, notBefore);
    }
    if (mapping.MaximumBatchingWindowInSeconds > 0 && state.windowOpenedAt !== undefined && !this.#fullBatchVisible(mapping, queue, now)) {
      return Math.max(state.windowOpenedAt + mapping.MaximumBatchingWindowInSeconds * 1000, notBefore);
    }
    // Due since it could first poll (not `now`: on a real clock the scheduler's own now is a moment earlier).
    return notBefore;
  }

  #fullBatchVisible(mapping: EventSourceMappingRecord, queue: Queue, now: number): boolean {
    return queue.counts(now).visible >= mapping.BatchSize;
  }

  /** How many batches may run at once now: Lambda's scale-out, MaximumConcurrency, the function's room, the messages waiting. */
  #pollers(mapping: EventSourceMappingRecord, state: PollerState, visible: number, now: number): number {
    const { initialPollers, pollersAddedPerMinute, defaultMaximumConcurrency } = limits.eventSourceMapping;
    state.backlogSince ??= now;
    const scaledOut = initialPollers + pollersAddedPerMinute * Math.floor((now - state.backlogSince) / 60_000);
    const ceiling = mapping.ScalingConfig?.MaximumConcurrency ?? defaultMaximumConcurrency;
    return Math.min(scaledOut, ceiling, this.host.available(mapping.FunctionName), Math.ceil(visible / mapping.BatchSize));
  }

  async #poll(mapping: EventSourceMappingRecord): Promise<number> {
    const queue = this.#queueOf(mapping)!;
    const state = this.#stateOf(mapping);
    const now = this.host.clock.now();
    if (mapping.MaximumBatchingWindowInSeconds > 0 && !this.#fullBatchVisible(mapping, queue, now)) {
      state.windowOpenedAt ??= now;
      if (now < state.windowOpenedAt + mapping.MaximumBatchingWindowInSeconds * 1000) return 0;
    }
    state.windowOpenedAt = undefined;
    state.retryAt = undefined;
    const pollers = this.#pollers(mapping, state, queue.counts(now).visible, now);
    if (pollers === 0) {
      state.retryAt = now + THROTTLED_POLL_BACKOFF_MS;
      return 0;
    }
    let batches = 0;
    // The first batch of the pass is taken whatever the window: it is the one the window waited for.
    let first = true;
    const worker = async () => {
      for (;;) {
        if (!first && mapping.MaximumBatchingWindowInSeconds > 0 && !this.#fullBatchVisible(mapping, queue, this.host.clock.now())) return;
        first = false;
        const outcome = await this.#batch(mapping, queue);
        if (outcome === 'empty') return;
        batches++;
        if (outcome === 'throttled') {
          state.retryAt = this.host.clock.now() + THROTTLED_POLL_BACKOFF_MS;
          return;
        }
      }
    };
    await Promise.all(Array.from({ length: pollers }, worker));
    if (!queue.hasVisible(this.host.clock.now())) state.backlogSince = undefined;
    return batches;
  }

  /** Receives, filters, invokes and settles one batch. */
  async #batch(mapping: EventSourceMappingRecord, queue: Queue): Promise<'empty' | 'done' | 'throttled'> {
    const target = this.host.target(mapping);
    if (target === undefined || this.host.available(mapping.FunctionName) === 0) return 'empty';
    const received = this.host.sqs.receive(queue, mapping.BatchSize, queue.record.attributes.VisibilityTimeout);
    if (received.length === 0) return 'empty';
    const records = received.map((r) => sqsRecord(r, mapping.EventSourceArn, this.host.region));
    const patterns = this.#filters(mapping);
    const kept: Received[] = [];
    const keptRecords: Record<string, unknown>[] = [];
    received.forEach((r, i) => {
      if (patterns.length === 0 || patterns.some((p) => matchesEventPattern(p, filterView(records[i]!)))) {
        kept.push(r);
        keptRecords.push(records[i]!);
      } else {
        queue.delete(r.message.MessageId);
      }
    });
    // Recursive loop detection: a message whose chain has invoked the function 16 times is not
    // delivered. Lambda does not delete it either, so it comes back after the visibility timeout
    // and SQS's redrive policy moves it to the dead-letter queue after maxReceiveCount.
    let traceId: string | undefined;
    for (let i = kept.length - 1; i >= 0; i--) {
      const trace = this.host.continueTrace(target, kept[i]!.message.AWSTraceHeader);
      if (trace.stopped) {
        kept.splice(i, 1);
        keptRecords.splice(i, 1);
      } else if (trace.traceId !== undefined) {
        traceId = trace.traceId;
      }
    }
    if (kept.length === 0) return 'done';
    let outcome: InvocationOutcome;
    try {
      ({ outcome } = await this.host.runInvocation(target, JSON.stringify({ Records: keptRecords }), this.host.uuid(), traceId));
    } catch (err) {
      // Throttled: the batch stays received and comes back after the visibility timeout.
      if (err instanceof LambdaError && err.code === 'TooManyRequestsException') return 'throttled';
      throw err;
    }
    if (outcome.functionError) return 'done';
    const failed = mapping.FunctionResponseTypes.includes('ReportBatchItemFailures')
      ? batchItemFailures(outcome.payload, new Set(kept.map((r) => r.message.MessageId)))
      : new Set<string>();
    if (failed === 'all') return 'done';
    for (const r of kept) if (!failed.has(r.message.MessageId)) queue.delete(r.message.MessageId);
    return 'done';
  }

  /** The mapping's parsed filter patterns (checked when the mapping was saved), cached by their text. */
  #filters(mapping: EventSourceMappingRecord): EventPattern[] {
    const filters = mapping.FilterCriteria?.Filters ?? [];
    const key = `${mapping.UUID}\n${filters.map((f) => f.Pattern).join('\n')}`;
    let patterns = this.#patterns.get(key);
    if (!patterns) this.#patterns.set(key, (patterns = filters.map((f) => parseEventPattern(f.Pattern))));
    return patterns;
  }
}
