/**
 * One standard queue at work: messages wait (DelaySeconds), are received and hidden for the
 * visibility timeout, come back if not deleted, move to the dead-letter queue once received more
 * than maxReceiveCount times, and expire after the retention period. Time is the injected clock's.
 * Messages live in an array in the order sent, indexed by id: receiving walks it from the oldest
 * live one, deleting is O(1) and the array is compacted as deleted ones pile up; `flush()` writes
 * them back into the saved record.
 */
import type { QueueRecord, SqsMessage } from './state.ts';

/** A received message: the stored one and the receipt handle this receive gave it. */
export interface Received {
  message: SqsMessage;
  receiptHandle: string;
}

/** Moves a message over its queue's maxReceiveCount; false when the dead-letter queue is gone (SQS then keeps delivering). */
export type DeadLetterMover = (message: SqsMessage, deadLetterTargetArn: string) => boolean;

export class Queue {
  /** Live messages by id. */
  readonly #byId: Map<string, SqsMessage>;
  /** Messages in the order sent, deleted ones included until compaction; live ones are those #byId holds. */
  #order: SqsMessage[];
  /** Index of the oldest entry that may be live. */
  #head = 0;

  constructor(
    readonly record: QueueRecord,
    readonly arn: string,
  ) {
    this.#order = [...record.messages];
    this.#byId = new Map(this.#order.map((m) => [m.MessageId, m]));
  }

  get name(): string {
    return this.record.name;
  }

  /** Writes the live messages back into the record, for a snapshot. */
  flush(): void {
    this.record.messages = this.messages();
  }

  add(message: SqsMessage): void {
    this.#byId.set(message.MessageId, message);
    this.#order.push(message);
  }

  /** Every live message, oldest first. */
  messages(): SqsMessage[] {
    return [...this.#live()];
  }

  *#live(): Generator<SqsMessage> {
    // Walks the array as it was when the walk began: removing during the walk may compact #order into a new one.
    const order = this.#order;
    for (let i = this.#head; i < order.length; i++) {
      const message = order[i]!;
      if (this.#byId.get(message.MessageId) === message) yield message;
    }
  }

  #remove(message: SqsMessage): void {
    this.#byId.delete(message.MessageId);
    while (this.#head < this.#order.length && this.#byId.get(this.#order[this.#head]!.MessageId) !== this.#order[this.#head]) this.#head++;
    // Compact once dead entries outnumber live ones, so walking stays proportional to what is there.
    if (this.#order.length - this.#head > 64 && this.#order.length - this.#head > 2 * this.#byId.size) {
      this.#order = this.messages();
      this.#head = 0;
    } else if (this.#head > 1024 && this.#head * 2 > this.#order.length) {
      this.#order = this.#order.slice(this.#head);
      this.#head = 0;
    }
  }

  #expired(message: SqsMessage, now: number): boolean {
    if (message.SentTimestamp > now - this.record.attributes.MessageRetentionPeriod * 1000) return false;
    this.#remove(message);
    return true;
  }

  /**
   * Up to `max` visible messages, oldest first, each hidden for `visibilitySeconds` and counted
   * as received once more. A message already received maxReceiveCount times goes to the
   * dead-letter queue instead, as SQS does at the receive that would exceed the count.
   */
  receive(max: number, visibilitySeconds: number, now: number, moveToDeadLetter: DeadLetterMover): Received[] {
    const out: Received[] = [];
    const redrive = this.record.attributes.RedrivePolicy;
    // A plain loop rather than #live(): this is the hot path of every poller.
    const order = this.#order;
    for (let i = this.#head; i < order.length && out.length < max; i++) {
      const message = order[i]!;
      if (message.visibleAt > now || this.#byId.get(message.MessageId) !== message || this.#expired(message, now)) continue;
      if (redrive && message.receiveCount >= redrive.maxReceiveCount && moveToDeadLetter(message, redrive.deadLetterTargetArn)) {
        this.#remove(message);
        continue;
      }
      message.receiveCount++;
      message.firstReceivedAt ??= now;
      message.visibleAt = now + visibilitySeconds * 1000;
      out.push({ message, receiptHandle: this.#receiptHandle(message) });
    }
    return out;
  }

  /** The message id a receipt handle names, if the handle is this queue's (the message may be gone). */
  messageIdOf(receiptHandle: string): string | undefined {
    let text: string;
    try {
      text = atob(receiptHandle);
    } catch {
      return undefined;
    }
    const [arn, messageId, receive] = text.split('\n');
    if (arn !== this.arn || !messageId || receive === undefined || !/^\d+$/.test(receive)) return undefined;
    return messageId;
  }

  /** Deletes a message; deleting one already gone succeeds, as in SQS. */
  delete(messageId: string): void {
    const message = this.#byId.get(messageId);
    if (message) this.#remove(message);
  }

  /** Sets when a message becomes visible again; false when it no longer exists. */
  changeVisibility(messageId: string, seconds: number, now: number): boolean {
    const message = this.#byId.get(messageId);
    if (!message) return false;
    message.visibleAt = now + seconds * 1000;
    return true;
  }

  purge(now: number): void {
    this.#byId.clear();
    this.#order = [];
    this.#head = 0;
    this.record.lastPurgedAt = now;
  }

  /** ApproximateNumberOfMessages, ...NotVisible (received, not deleted) and ...Delayed (not yet received). */
  counts(now: number): { visible: number; notVisible: number; delayed: number } {
    let visible = 0;
    let notVisible = 0;
    let delayed = 0;
    for (const message of this.#live()) {
      if (this.#expired(message, now)) continue;
      if (message.visibleAt <= now) visible++;
      else if (message.receiveCount > 0) notVisible++;
      else delayed++;
    }
    return { visible, notVisible, delayed };
  }

  /** Whether a receive now would find a message. */
  hasVisible(now: number): boolean {
    for (const message of this.#live()) if (message.visibleAt <= now && !this.#expired(message, now)) return true;
    return false;
  }

  /** When the next hidden message becomes visible, if any is hidden. */
  nextVisibleAt(now: number): number | undefined {
    let next: number | undefined;
    for (const message of this.#live()) if (message.visibleAt > now && (next === undefined || message.visibleAt < next)) next = message.visibleAt;
    return next;
  }

  /** Opaque to clients; names the queue, the message and which receive gave it (all ASCII, so btoa serves). */
  #receiptHandle(message: SqsMessage): string {
    return btoa(`${this.arn}\n${message.MessageId}\n${message.receiveCount}`);
  }
}
