/**
 * SqsService: the account's queues in one Region. It owns SQS's part of the saved state, finds
 * queues by URL, name or ARN, long-polls on the injected clock, and tells listeners (the event
 * source mapping pollers) when messages arrive. The wire operations live in queue-operations.ts
 * and message-operations.ts; Lambda reaches queues through the methods here.
 */
import type { Clock } from '../runtime/contract.ts';
import { md5Hex } from '../md5.ts';
import { utf8 } from '../zip.ts';
import { queueDoesNotExist } from './errors.ts';
import { md5OfMessageAttributes, type MessageAttributes } from './message-attributes.ts';
import { Queue, type Received } from './queue.ts';
import type { QueueRecord, SqsMessage, SqsState } from './state.ts';

export interface SqsServiceOptions {
  clock: Clock;
  uuid: () => string;
  region: string;
  accountId: string;
  state: SqsState;
}

/** What an operation knows about the request that carried it. */
export interface SqsRequestContext {
  /** `scheme://host[:port]` the client addressed: queue URLs are built on it. */
  origin: string;
  /** Who sent it (the SigV4 access key id, else the account): messages' SenderId. */
  senderId: string;
  /** The request's X-Amzn-Trace-Id (an SDK inside a Lambda function sends its invocation's): messages' AWSTraceHeader. */
  traceHeader?: string;
}

/** A message another service puts on a queue (Lambda's destinations and dead-letter queues). */
export interface ServiceMessage {
  body: string;
  attributes?: MessageAttributes;
  senderId: string;
  /** The X-Ray header of what caused it (an SNS publish from a function): the message's AWSTraceHeader. */
  traceHeader?: string;
}

export class SqsService {
  readonly clock: Clock;
  readonly uuid: () => string;
  readonly region: string;
  readonly accountId: string;
  /** Called when a queue may have messages to receive (sent, made visible, moved in). */
  onMessages: ((queue: Queue) => void) | undefined;
  readonly #state: SqsState;
  readonly #queues = new Map<string, Queue>();
  /** When each queue name was last deleted: the name is blocked for a minute after. */
  readonly #deletedAt = new Map<string, number>();
  readonly #waiters = new Map<Queue, Set<() => void>>();

  constructor(options: SqsServiceOptions) {
    this.clock = options.clock;
    this.uuid = options.uuid;
    this.region = options.region;
    this.accountId = options.accountId;
    this.#state = options.state;
    for (const record of Object.values(this.#state.queues)) this.#queues.set(record.name, new Queue(record, this.queueArn(record.name)));
  }

  queueArn(name: string): string {
    return `arn:aws:sqs:${this.region}:${this.accountId}:${name}`;
  }

  queueUrl(origin: string, name: string): string {
    return `${origin}/${this.accountId}/${name}`;
  }

  /** Writes every queue's live messages back into the state, for a snapshot. */
  flush(): void {
    for (const queue of this.#queues.values()) queue.flush();
  }

  queues(): Queue[] {
    return [...this.#queues.values()].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  }

  queueByName(name: string): Queue | undefined {
    return this.#queues.get(name);
  }

  queueByArn(arn: string): Queue | undefined {
    const [, , service, region, account, name] = arn.split(':');
    if (service !== 'sqs' || region !== this.region || account !== this.accountId || name === undefined) return undefined;
    return this.#queues.get(name);
  }

  /** The queue a QueueUrl names (any host: clients keep the URL they were given), or QueueDoesNotExist. */
  queueByUrl(url: string): Queue {
    const path = /^[a-z]+:\/\/[^/]+\/(\d{12})\/([^/?#]+)\/?$/i.exec(url);
    const queue = path && path[1] === this.accountId ? this.#queues.get(decodeURIComponent(path[2]!)) : undefined;
    if (!queue) throw queueDoesNotExist();
    return queue;
  }

  createQueue(record: QueueRecord): Queue {
    this.#state.queues[record.name] = record;
    const queue = new Queue(record, this.queueArn(record.name));
    this.#queues.set(record.name, queue);
    return queue;
  }

  deleteQueue(queue: Queue): void {
    delete this.#state.queues[queue.name];
    this.#queues.delete(queue.name);
    this.#deletedAt.set(queue.name, this.clock.now());
    this.#wake(queue);
  }

  deletedAt(name: string): number | undefined {
    return this.#deletedAt.get(name);
  }

  /** Stores a message and wakes whoever waits on the queue. */
  enqueue(queue: Queue, message: SqsMessage): void {
    queue.add(message);
    this.#wake(queue);
  }

  /** A message from another AWS service, as SendMessage would store it. */
  sendServiceMessage(queue: Queue, message: ServiceMessage): SqsMessage {
    const now = this.clock.now();
    const stored: SqsMessage = {
      MessageId: this.uuid(),
      Body: message.body,
      MD5OfBody: md5Hex(utf8(message.body)),
      ...(message.attributes ? { MessageAttributes: message.attributes, MD5OfMessageAttributes: md5OfMessageAttributes(message.attributes) } : {}),
      ...(message.traceHeader !== undefined ? { AWSTraceHeader: message.traceHeader } : {}),
      SenderId: message.senderId,
      SentTimestamp: now,
      visibleAt: now + queue.record.attributes.DelaySeconds * 1000,
      receiveCount: 0,
    };
    this.enqueue(queue, stored);
    return stored;
  }

  /** Receives now, moving messages over maxReceiveCount to their dead-letter queue. */
  receive(queue: Queue, max: number, visibilitySeconds: number): Received[] {
    return queue.receive(max, visibilitySeconds, this.clock.now(), (message, dlqArn) => this.#moveToDeadLetter(queue, message, dlqArn));
  }

  /**
   * Long polling: receives as soon as a message is there, or returns nothing at the deadline.
   * It sleeps on the clock until the next hidden message shows or the deadline, and wakes early
   * when one is sent; on a virtual clock the sleep is a jump in time.
   */
  async receiveWaiting(queue: Queue, max: number, visibilitySeconds: number, waitSeconds: number): Promise<Received[]> {
    const deadline = this.clock.now() + waitSeconds * 1000;
    for (;;) {
      const received = this.receive(queue, max, visibilitySeconds);
      const now = this.clock.now();
      if (received.length > 0 || now >= deadline || !this.#queues.has(queue.name)) return received;
      let wake: () => void = () => {};
      const arrived = new Promise<void>((resolve) => (wake = resolve));
      const waiters = this.#waiters.get(queue) ?? new Set();
      this.#waiters.set(queue, waiters.add(wake));
      try {
        await Promise.race([this.clock.sleepUntil(Math.min(deadline, queue.nextVisibleAt(now) ?? deadline)), arrived]);
      } finally {
        waiters.delete(wake);
        if (waiters.size === 0) this.#waiters.delete(queue);
      }
    }
  }

  /** Makes a message visible again at once or later; false when it is gone. */
  changeVisibility(queue: Queue, messageId: string, seconds: number): boolean {
    const changed = queue.changeVisibility(messageId, seconds, this.clock.now());
    if (changed && seconds === 0) this.#wake(queue);
    return changed;
  }

  #moveToDeadLetter(source: Queue, message: SqsMessage, dlqArn: string): boolean {
    const dlq = this.queueByArn(dlqArn);
    if (!dlq || dlq === source) return false;
    // The message keeps its id, body, attributes and receive count; SQS adds where it came from.
    this.enqueue(dlq, { ...message, visibleAt: this.clock.now(), DeadLetterQueueSourceArn: source.arn });
    return true;
  }

  #wake(queue: Queue): void {
    for (const wake of this.#waiters.get(queue) ?? []) wake();
    this.onMessages?.(queue);
  }
}
