/**
 * SQS's message operations: SendMessage(Batch), ReceiveMessage, DeleteMessage(Batch),
 * ChangeMessageVisibility(Batch). The batch forms run each entry as the single form does and
 * report per-entry failures under `Failed`.
 */
import { md5Hex } from '../md5.ts';
import { utf8 } from '../zip.ts';
import { SqsError, invalidParameter, missingParameter } from './errors.ts';
import { sqsLimits } from './limits.ts';
import { md5OfMessageAttributes, messageAttributesSize, readMessageAttributes, selectMessageAttributes } from './message-attributes.ts';
import { batchEntries, batchFailure, integerParameter, optionalString, requiredString, stringList, type Input } from './params.ts';
import { queueOf } from './queue-operations.ts';
import type { Queue, Received } from './queue.ts';
import type { SqsRequestContext, SqsService } from './sqs-service.ts';
import type { SqsMessage } from './state.ts';

/** Characters SQS accepts in a body: XML's. */
const INVALID_CHARACTER = /[^\x09\x0A\x0D\x20-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/u;
/** MessageGroupId and MessageDeduplicationId: printable ASCII without spaces, 1 to 128 (messages recorded). */
const GROUP_OR_DEDUPLICATION_ID = /^[!-~]{1,128}$/;

/** Checks one message (SendMessage or one batch entry) and stores it; the batch form words the size error differently (recorded). */
function send(sqs: SqsService, queue: Queue, input: Input, ctx: SqsRequestContext, inBatch: boolean): Input {
  const body = requiredString(input, 'MessageBody');
  if (INVALID_CHARACTER.test(body)) {
    throw new SqsError('InvalidParameterValue', 'Invalid characters found. Valid unicode characters are #x9 | #xA | #xD | #x20 to #xD7FF | #xE000 to #xFFFD | #x10000 to #x10FFFF');
  }
  const attributes = readMessageAttributes(input['MessageAttributes']);
  const max = queue.record.attributes.MaximumMessageSize;
  if (utf8(body).byteLength + messageAttributesSize(attributes) > max) {
    throw new SqsError('InvalidParameterValue', `One or more parameters ${inBatch ? 'cannot be validated' : 'are invalid'}. Reason: Message must be shorter than ${max} bytes.`);
  }
  const delay = integerParameter(input, 'DelaySeconds', sqsLimits.delay, queue.record.attributes.DelaySeconds, `DelaySeconds must be >= ${sqsLimits.delay.min} and <= ${sqsLimits.delay.max}`);
  for (const key of ['MessageGroupId', 'MessageDeduplicationId']) {
    const id = optionalString(input, key);
    if (id !== undefined && !GROUP_OR_DEDUPLICATION_ID.test(id)) {
      throw invalidParameter(key, id, `${key} can only include alphanumeric and punctuation characters. 1 to 128 in length.`);
    }
  }
  const system = readMessageAttributes(input['MessageSystemAttributes']);
  // SQS keeps the sender's X-Ray header, given as a system attribute or as the request's X-Amzn-Trace-Id.
  const trace = system?.['AWSTraceHeader']?.StringValue ?? ctx.traceHeader;
  const groupId = optionalString(input, 'MessageGroupId');
  const now = sqs.clock.now();
  const message: SqsMessage = {
    MessageId: sqs.uuid(),
    Body: body,
    MD5OfBody: md5Hex(utf8(body)),
    ...(attributes ? { MessageAttributes: attributes, MD5OfMessageAttributes: md5OfMessageAttributes(attributes) } : {}),
    ...(trace !== undefined ? { AWSTraceHeader: trace } : {}),
    ...(groupId !== undefined ? { MessageGroupId: groupId } : {}),
    SenderId: ctx.senderId,
    SentTimestamp: now,
    visibleAt: now + delay * 1000,
    receiveCount: 0,
  };
  sqs.enqueue(queue, message);
  return {
    MD5OfMessageBody: message.MD5OfBody,
    ...(message.MD5OfMessageAttributes ? { MD5OfMessageAttributes: message.MD5OfMessageAttributes } : {}),
    ...(system ? { MD5OfMessageSystemAttributes: md5OfMessageAttributes(system) } : {}),
    MessageId: message.MessageId,
  };
}

export function sendMessage(sqs: SqsService, input: Input, ctx: SqsRequestContext): Input {
  return send(sqs, queueOf(sqs, input), input, ctx, false);
}

export function sendMessageBatch(sqs: SqsService, input: Input, ctx: SqsRequestContext): Input {
  const queue = queueOf(sqs, input);
  const entries = batchEntries(input, 'SendMessageBatchRequestEntry');
  const total = entries.reduce((n, e) => n + utf8(optionalString(e, 'MessageBody') ?? '').byteLength + messageAttributesSize(safeAttributes(e)), 0);
  if (total > sqsLimits.batch.maxBytes) {
    throw new SqsError('BatchRequestTooLong', `Batch requests cannot be longer than ${sqsLimits.batch.maxBytes} bytes. You have sent ${total} bytes.`);
  }
  return eachEntry(entries, (entry) => send(sqs, queue, entry, ctx, true));
}

/** An entry's attributes for the batch size check, or none when they are invalid (the entry then fails on its own). */
function safeAttributes(entry: Input): ReturnType<typeof readMessageAttributes> {
  try {
    return readMessageAttributes(entry['MessageAttributes']);
  } catch {
    return undefined;
  }
}

/** The system attributes ReceiveMessage can return, and how each reads from a stored message. */
const SYSTEM_ATTRIBUTES: Record<string, (m: SqsMessage) => string | undefined> = {
  ApproximateFirstReceiveTimestamp: (m) => (m.firstReceivedAt === undefined ? undefined : String(Math.floor(m.firstReceivedAt))),
  ApproximateReceiveCount: (m) => String(m.receiveCount),
  AWSTraceHeader: (m) => m.AWSTraceHeader,
  DeadLetterQueueSourceArn: (m) => m.DeadLetterQueueSourceArn,
  MessageGroupId: (m) => m.MessageGroupId,
  SenderId: (m) => m.SenderId,
  SentTimestamp: (m) => String(Math.floor(m.SentTimestamp)),
};

/** The system attributes `names` ask for (`All` is every one the message has). */
export function systemAttributes(message: SqsMessage, names: readonly string[]): Record<string, string> | undefined {
  const all = names.includes('All');
  const out: Record<string, string> = {};
  for (const [name, read] of Object.entries(SYSTEM_ATTRIBUTES)) {
    if (!all && !names.includes(name)) continue;
    const value = read(message);
    if (value !== undefined) out[name] = value;
  }
  return Object.keys(out).length > 0 ? out : undefined;
}

function receivedView({ message, receiptHandle }: Received, systemNames: readonly string[], attributeNames: readonly string[]): Input {
  const attributes = systemAttributes(message, systemNames);
  const selected = selectMessageAttributes(message.MessageAttributes, attributeNames);
  return {
    MessageId: message.MessageId,
    ReceiptHandle: receiptHandle,
    MD5OfBody: message.MD5OfBody,
    Body: message.Body,
    ...(attributes ? { Attributes: attributes } : {}),
    // Recorded: the digest covers only the attributes returned.
    ...(selected ? { MD5OfMessageAttributes: md5OfMessageAttributes(selected), MessageAttributes: selected } : {}),
  };
}

export async function receiveMessage(sqs: SqsService, input: Input): Promise<Input> {
  const queue = queueOf(sqs, input);
  const { receiveBatch, waitTime, visibilityTimeout } = sqsLimits;
  const max = integerParameter(input, 'MaxNumberOfMessages', receiveBatch, receiveBatch.default, `Must be between ${receiveBatch.min} and ${receiveBatch.max}, if provided.`);
  const wait = integerParameter(input, 'WaitTimeSeconds', waitTime, queue.record.attributes.ReceiveMessageWaitTimeSeconds, `Must be >= ${waitTime.min} and <= ${waitTime.max}, if provided.`);
  const visibility = integerParameter(
    input,
    'VisibilityTimeout',
    visibilityTimeout,
    queue.record.attributes.VisibilityTimeout,
    `Must be >= ${visibilityTimeout.min} and <= ${visibilityTimeout.max}, if provided.`,
  );
  const systemNames = [...stringList(input, 'AttributeNames'), ...stringList(input, 'MessageSystemAttributeNames')];
  const attributeNames = stringList(input, 'MessageAttributeNames');
  const received = await sqs.receiveWaiting(queue, max, visibility, wait);
  return received.length > 0 ? { Messages: received.map((r) => receivedView(r, systemNames, attributeNames)) } : {};
}

/** The message a receipt handle names in `queue`, or ReceiptHandleIsInvalid. */
function messageIdOf(queue: Queue, receiptHandle: string): string {
  const id = queue.messageIdOf(receiptHandle);
  if (id === undefined) throw new SqsError('ReceiptHandleIsInvalid', `The input receipt handle "${receiptHandle}" is not a valid receipt handle.`);
  return id;
}

function deleteOne(queue: Queue, input: Input): Input {
  queue.delete(messageIdOf(queue, requiredString(input, 'ReceiptHandle')));
  return {};
}

export function deleteMessage(sqs: SqsService, input: Input): Input {
  return deleteOne(queueOf(sqs, input), input);
}

export function deleteMessageBatch(sqs: SqsService, input: Input): Input {
  const queue = queueOf(sqs, input);
  return eachEntry(batchEntries(input, 'DeleteMessageBatchRequestEntry'), (entry) => deleteOne(queue, entry));
}

function changeOne(sqs: SqsService, queue: Queue, input: Input): Input {
  const handle = requiredString(input, 'ReceiptHandle');
  const { visibilityTimeout: range } = sqsLimits;
  if (input['VisibilityTimeout'] === undefined) throw missingParameter('VisibilityTimeout');
  const seconds = integerParameter(input, 'VisibilityTimeout', range, 0, `Must be >= ${range.min} and <= ${range.max}, if provided.`);
  if (!sqs.changeVisibility(queue, messageIdOf(queue, handle), seconds)) {
    throw invalidParameter('ReceiptHandle', handle, 'Message does not exist or is not available for visibility timeout change.');
  }
  return {};
}

export function changeMessageVisibility(sqs: SqsService, input: Input): Input {
  return changeOne(sqs, queueOf(sqs, input), input);
}

export function changeMessageVisibilityBatch(sqs: SqsService, input: Input): Input {
  const queue = queueOf(sqs, input);
  return eachEntry(batchEntries(input, 'ChangeMessageVisibilityBatchRequestEntry'), (entry) => changeOne(sqs, queue, entry));
}

/** Runs `one` for every entry: `Successful` lists each Id with what `one` returned, `Failed` each SqsError. */
function eachEntry(entries: Input[], one: (entry: Input) => Input): Input {
  const successful: Input[] = [];
  const failed: Input[] = [];
  for (const entry of entries) {
    const id = optionalString(entry, 'Id')!;
    try {
      successful.push({ Id: id, ...one(entry) });
    } catch (err) {
      if (!(err instanceof SqsError)) throw err;
      failed.push(batchFailure(id, err));
    }
  }
  return { ...(successful.length > 0 ? { Successful: successful } : {}), ...(failed.length > 0 ? { Failed: failed } : {}) };
}
