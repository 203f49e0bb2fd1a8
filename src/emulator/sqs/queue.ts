/**
 * One standard queue at work: messages wait (DelaySeconds), are received and hidden for the
 * visibility timeout, come back if not deleted, move to the dead-letter queue once received more
 * than maxReceiveCount times, and expire after the retention period. Time is the injected clock's.
 * Messages live in a Map (receiving walks it from the oldest, deleting is O(1)); `flush()` writes
 * them back into the saved record.
 */
import { bytesToBase64, base64ToBytes, fromUtf8, utf8 } from '../zip.ts';
import type { QueueRecord, SqsMessage } from './state.ts';

/** A received message: the stored one and the receipt handle this receive gave it. */
export interface Received {
  message: SqsMessage;
  receiptHandle: string;
}

/** Moves a message over its queue's maxReceiveCount; false when the dead-letter queue is gone (SQS then keeps delivering). */
export type DeadLetterMover = (message: SqsMessage, deadLetterTargetArn: string) => boolean;

export class Queue {
  readonly #messages: Map<string, SqsMessage>;

  constructor(
    readonly record: QueueRecord,
    readonly arn: string,
  ) {
    this.#messages = new Map(record.messages.map((m) => [m.MessageId, m]));
  }

  get name(): string {
    return this.record.name;
  }

  /** Writes the live messages back into the record, for a snapshot. */
  flush(): void {
    this.record.messages = [...this.#messages.values()];
  }

  add(message: SqsMessage): void {
    this.#messages.set(message.MessageId, message);
  }

  /** Every message, oldest first (for the inspection API and tests). */
  messages(): SqsMessage[] {
    return [...this.#messages.values()];
  }

  #expired(message: SqsMessage, now: number): boolean {
    if (message.SentTimestamp > now - this.record.attributes.MessageRetentionPeriod * 1000) return false;
    this.#messages.delete(message.MessageId);
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
    for (const message of this.#messages.values()) {
      if (out.length >= max) break;
      if (message.visibleAt > now || this.#expired(message, now)) continue;
      if (redrive && message.receiveCount >= redrive.maxReceiveCount && moveToDeadLetter(message, redrive.deadLetterTargetArn)) {
        this.#messages.delete(message.MessageId);
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
    const bytes = base64ToBytes(receiptHandle);
    if (!bytes) return undefined;
    const [arn, messageId, receive] = fromUtf8(bytes).split('\n');
    if (arn !== this.arn || !messageId || receive === undefined || !/^\d+$/.test(receive)) return undefined;
    return messageId;
  }

  /** Deletes a message; deleting one already gone succeeds, as in SQS. */
  delete(messageId: string): void {
    this.#messages.delete(messageId);
  }

  /** Sets when a message becomes visible again; false when it no longer exists. */
  changeVisibility(messageId: string, seconds: number, now: number): boolean {
    const message = this.#messages.get(messageId);
    if (!message) return false;
    message.visibleAt = now + seconds * 1000;
    return true;
  }

  purge(now: number): void {
    this.#messages.clear();
    this.record.lastPurgedAt = now;
  }

  /** ApproximateNumberOfMessages, ...NotVisible (received, not deleted) and ...Delayed (not yet received). */
  counts(now: number): { visible: number; notVisible: number; delayed: number } {
    let visible = 0;
    let notVisible = 0;
    let delayed = 0;
    for (const message of this.#messages.values()) {
      if (this.#expired(message, now)) continue;
      if (message.visibleAt <= now) visible++;
      else if (message.receiveCount > 0) notVisible++;
      else delayed++;
    }
    return { visible, notVisible, delayed };
  }

  /** Whether a receive now would find a message. */
  hasVisible(now: number): boolean {
    for (const message of this.#messages.values()) if (message.visibleAt <= now && !this.#expired(message, now)) return true;
    return false;
  }

  /** When the next hidden message becomes visible, if any is hidden. */
  nextVisibleAt(now: number): number | undefined {
    let next: number | undefined;
    for (const message of this.#messages.values()) if (message.visibleAt > now && (next === undefined || message.visibleAt < next)) next = message.visibleAt;
    return next;
  }

  /** Opaque to clients; names the queue, the message and which receive gave it. */
  #receiptHandle(message: SqsMessage): string {
    return bytesToBase64(utf8(`${this.arn}\n${message.MessageId}\n${message.receiveCount}`));
  }
}
