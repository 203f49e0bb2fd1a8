/**
 * Publish, and what SNS delivers: to a Lambda function, an asynchronous invocation with SNS's
 * event record; to an SQS queue, SNS's JSON envelope (or the bare message with its attributes,
 * when the subscription has RawMessageDelivery). Subscriptions with a FilterPolicy get only the
 * messages it matches.
 */
import { matchesEventPattern, parseEventPattern } from '../patterns/event-pattern.ts';
import type { MessageAttributes } from '../sqs/message-attributes.ts';
import { md5 } from '../md5.ts';
import { bytesToBase64, utf8 } from '../zip.ts';
import { SnsError, checkArnElements, invalidParameter } from './errors.ts';
import { str, type Input } from './params.ts';
import type { SnsService } from './sns-service.ts';
import type { SubscriptionRecord } from './state.ts';

/** SNS's largest message, with its attributes: 256 KiB. */
export const MAX_MESSAGE_BYTES = 262_144;

/** A message attribute as Publish takes it. */
interface AttributeValue {
  DataType: string;
  StringValue?: string;
  BinaryValue?: string;
}

/** One published message, as SNS carries it to every subscription. */
export interface Notification {
  MessageId: string;
  TopicArn: string;
  Subject?: string;
  Message: string;
  /** Per-protocol messages, when MessageStructure is json. */
  structured?: Record<string, unknown>;
  Timestamp: string;
  MessageAttributes: Record<string, AttributeValue>;
}

/** A message's size as SNS counts it against 256 KiB: the body, and each attribute's name, type and value. */
function messageBytes(message: string, attributes: Record<string, AttributeValue>): number {
  return utf8(message).byteLength + Object.entries(attributes).reduce((n, [k, v]) => n + utf8(k).byteLength + utf8(v.DataType).byteLength + utf8(v.StringValue ?? v.BinaryValue ?? '').byteLength, 0);
}

const invalidAttribute = (message: string) => new SnsError('ParameterValueInvalid', message);

/** Checks and reads MessageAttributes with the recorded wording. */
function readAttributes(raw: unknown): Record<string, AttributeValue> {
  const out: Record<string, AttributeValue> = {};
  if (typeof raw !== 'object' || raw === null) return out;
  for (const [name, value] of Object.entries(raw as Record<string, Input>)) {
    if (utf8(name).byteLength >= 256) throw invalidAttribute('Length of message attribute name must be less than 256 bytes.');
    const bad = /[^A-Za-z0-9_.-]/.exec(name);
    if (bad) throw invalidAttribute(`Invalid non-alphanumeric character '#x${bad[0].codePointAt(0)!.toString(16).toUpperCase()}' was found in the message attribute name. Can only include alphanumeric characters, hyphens, underscores, or dots.`);
    if (name.startsWith('.')) throw invalidAttribute("Invalid message attribute name starting with character '.' was found.");
    if (name.endsWith('.')) throw invalidAttribute("Invalid message attribute name ending with character '.' was found.");
    if (name.includes('..')) throw invalidAttribute("Message attribute name can not have successive '.' character.");
    const type = typeof value === 'object' && value !== null ? str(value, 'DataType') : undefined;
    if (type === undefined) throw new SnsError('ValidationError', `1 validation error detected: Value null at 'messageAttributes.${name}.member.dataType' failed to satisfy constraint: Member must not be null`);
    const base = type.split('.')[0]!;
    if (!['String', 'Number', 'Binary'].includes(base)) {
      throw invalidAttribute(`The message attribute '${name}' has an invalid message attribute type, the set of supported type prefixes is Binary, Number, and String.`);
    }
    const stringValue = str(value, 'StringValue');
    const binaryValue = str(value, 'BinaryValue');
    if (base === 'Binary') {
      if (stringValue !== undefined) throw invalidAttribute(`The message attribute '${name}' with type 'Binary' must use field 'Binary'.`);
      if (!binaryValue) throw invalidAttribute(`The message attribute '${name}' must contain non-empty message attribute value for message attribute type 'Binary'.`);
      out[name] = { DataType: type, BinaryValue: binaryValue };
    } else {
      if (binaryValue !== undefined) throw invalidAttribute(`The message attribute '${name}' with type '${base}' must use field 'String'.`);
      if (!stringValue) throw invalidAttribute(`The message attribute '${name}' must contain non-empty message attribute value for message attribute type '${base}'.`);
      out[name] = { DataType: type, StringValue: stringValue };
    }
  }
  return out;
}

export function publish(sns: SnsService, input: Input, traceHeader?: string): Input {
  const topicArn = str(input, 'TopicArn') ?? str(input, 'TargetArn') ?? '';
  checkArnElements(input['TopicArn'] === undefined && input['TargetArn'] !== undefined ? 'TargetArn' : 'TopicArn', topicArn);
  const notification = readMessage(sns, input, topicArn);
  deliver(sns, notification, traceHeader);
  return { MessageId: notification.MessageId };
}

/** One message's fields (Publish's, or a PublishBatch entry's), checked as SNS checks them, for the topic `topicArn`. */
function readMessage(sns: SnsService, input: Input, topicArn: string): Notification {
  const message = str(input, 'Message');
  if (message === undefined || message === '') throw invalidParameter('Empty message');
  const subject = str(input, 'Subject');
  if (subject !== undefined && (subject === '' || subject.length > 100 || /[\n\r]/.test(subject))) throw invalidParameter('Subject');
  const attributes = readAttributes(input['MessageAttributes']);
  if (messageBytes(message, attributes) > MAX_MESSAGE_BYTES) throw invalidParameter('Message too long');
  let structured: Record<string, unknown> | undefined;
  if (str(input, 'MessageStructure') === 'json') {
    try {
      structured = JSON.parse(message) as Record<string, unknown>;
    } catch {
      throw invalidParameter('Message Structure - JSON message body failed to parse');
    }
    if (typeof structured !== 'object' || structured === null || typeof structured['default'] !== 'string') {
      throw invalidParameter('Message Structure - No default entry in JSON message body');
    }
  }
  const topic = sns.topicByArn(topicArn);
  // Every topic here is a standard one (FIFO topics are refused at CreateTopic): deduplication belongs to FIFO topics.
  if (input['MessageDeduplicationId'] !== undefined) {
    throw invalidParameter('MessageDeduplicationId Reason: The request includes MessageDeduplicationId parameter that is not valid for this topic type');
  }
  const notification: Notification = {
    MessageId: sns.uuid(),
    TopicArn: sns.topicArn(topic.name),
    ...(subject !== undefined ? { Subject: subject } : {}),
    Message: message,
    ...(structured ? { structured } : {}),
    Timestamp: new Date(sns.clock.now()).toISOString(),
    MessageAttributes: attributes,
  };
  return notification;
}

const MAX_BATCH_ENTRIES = 10;
/** A PublishBatch entry's Id: letters, digits, `-` and `_`, up to 80 characters. */
const MAX_ENTRY_ID = 80;

/**
 * PublishBatch: up to ten messages to one topic. SNS checks the whole request first (entry count,
 * distinct and well-formed Ids, the topic, every entry's fields: the recordings show these as the
 * request's error, not as Failed entries), then publishes each entry as Publish would.
 */
export function publishBatch(sns: SnsService, input: Input, traceHeader?: string): Input {
  const topicArn = str(input, 'TopicArn') ?? '';
  checkArnElements('TopicArn', topicArn);
  const raw = input['PublishBatchRequestEntries'];
  const entries = (Array.isArray(raw) ? raw : []).map((e) => (typeof e === 'object' && e !== null ? (e as Input) : {}));
  if (entries.length === 0) throw new SnsError('EmptyBatchRequest', "The batch request doesn't contain any entries.");
  if (entries.length > MAX_BATCH_ENTRIES) throw new SnsError('TooManyEntriesInBatchRequest', 'The batch request contains more entries than permissible.');
  const ids = entries.map((e) => str(e, 'Id') ?? '');
  if (new Set(ids).size !== ids.length) throw new SnsError('BatchEntryIdsNotDistinct', 'Two or more batch entries in the request have the same Id.');
  for (const id of ids) {
    if (id.length > MAX_ENTRY_ID) throw new SnsError('InvalidBatchEntryId', `The Id of a batch entry in the batch request is too long: ${id}`);
    if (!/^[A-Za-z0-9_-]+$/.test(id)) throw new SnsError('InvalidBatchEntryId', `The Id of a batch entry in the batch request contains an impermissible character: ${id}`);
  }
  const notifications = entries.map((entry) => readMessage(sns, entry, topicArn));
  const total = notifications.reduce((n, m) => n + messageBytes(m.Message, m.MessageAttributes), 0);
  if (total > MAX_MESSAGE_BYTES) throw new SnsError('BatchRequestTooLong', 'The length of all the messages put together is more than the limit.');
  const successful = notifications.map((n, i) => {
    deliver(sns, n, traceHeader);
    return { Id: ids[i]!, MessageId: n.MessageId };
  });
  return { Successful: successful, Failed: [] };
}

/** A message from another AWS service (Lambda's destinations and dead-letter queues, S3's notifications); false when the topic does not exist. */
export function publishFromService(sns: SnsService, topicArn: string, message: string, attributes: MessageAttributes | undefined, subject?: string): boolean {
  const topic = sns.findTopic(topicArn);
  if (!topic) return false;
  deliver(sns, {
    MessageId: sns.uuid(),
    TopicArn: sns.topicArn(topic.name),
    ...(subject !== undefined ? { Subject: subject } : {}),
    Message: message,
    Timestamp: new Date(sns.clock.now()).toISOString(),
    MessageAttributes: { ...(attributes ?? {}) },
  });
  return true;
}

function deliver(sns: SnsService, n: Notification, traceHeader?: string): void {
  for (const sub of sns.subscriptions(n.TopicArn)) {
    if (!passesFilter(sub, n)) continue;
    const message = messageFor(n, sub.Protocol);
    const signature = signatureOf(n, message);
    if (sub.Protocol === 'lambda') sns.deliveries.invokeFunction(sub.Endpoint, JSON.stringify(lambdaEvent(sns, sub, n, message, signature)), n.TopicArn, traceHeader);
    else if (sub.attributes['RawMessageDelivery'] === 'true') sns.deliveries.sendToQueue(sub.Endpoint, message, Object.keys(n.MessageAttributes).length > 0 ? n.MessageAttributes : undefined, n.TopicArn, traceHeader);
    else sns.deliveries.sendToQueue(sub.Endpoint, sqsEnvelope(sns, sub, n, message, signature), undefined, n.TopicArn, traceHeader);
  }
}

/** The message a protocol gets: its own entry of a json MessageStructure, else `default`. */
function messageFor(n: Notification, protocol: string): string {
  if (!n.structured) return n.Message;
  const own = n.structured[protocol];
  return typeof own === 'string' ? own : (n.structured['default'] as string);
}

/** A FilterPolicy matches message attributes (String, Number, String.Array) by default, or the JSON body with FilterPolicyScope MessageBody. */
function passesFilter(sub: SubscriptionRecord, n: Notification): boolean {
  const text = sub.attributes['FilterPolicy'];
  if (!text) return true;
  const pattern = parseEventPattern(text);
  if (sub.attributes['FilterPolicyScope'] === 'MessageBody') {
    try {
      return matchesEventPattern(pattern, JSON.parse(n.Message));
    } catch {
      return false;
    }
  }
  const values: Record<string, unknown> = {};
  for (const [name, v] of Object.entries(n.MessageAttributes)) {
    if (v.DataType.startsWith('Number')) values[name] = Number(v.StringValue);
    else if (v.DataType === 'String.Array') {
      try {
        values[name] = JSON.parse(v.StringValue ?? '');
      } catch {
        values[name] = v.StringValue;
      }
    } else if (v.StringValue !== undefined) values[name] = v.StringValue;
  }
  return matchesEventPattern(pattern, values);
}

/** Attributes as the envelope and the Lambda record carry them: `{ Type, Value }`. */
function envelopeAttributes(n: Notification): Record<string, { Type: string; Value: string }> {
  return Object.fromEntries(Object.entries(n.MessageAttributes).map(([k, v]) => [k, { Type: v.DataType, Value: v.StringValue ?? v.BinaryValue ?? '' }]));
}

const unsubscribeUrl = (sns: SnsService, sub: SubscriptionRecord) => `https://sns.${sns.region}.amazonaws.com/?Action=Unsubscribe&SubscriptionArn=${sub.SubscriptionArn}`;
/** SNS names its signing certificate by the Region's endpoint; the emulator signs with no certificate of AWS's (see signatureOf). */
const signingCertUrl = (sns: SnsService) => `https://sns.${sns.region}.amazonaws.com/SimpleNotificationService-0000000000000000000000000000000.pem`;

/**
 * SNS signs each notification with AWS's private key (SignatureVersion 1: SHA1withRSA over the
 * canonical string). The emulator holds no such key, so the Signature is the MD5 of that same
 * string, base64: the field is there and changes with the message, but it does not verify.
 */
function signatureOf(n: Notification, message: string): string {
  const canonical = ['Message', message, 'MessageId', n.MessageId, ...(n.Subject !== undefined ? ['Subject', n.Subject] : []), 'Timestamp', n.Timestamp, 'TopicArn', n.TopicArn, 'Type', 'Notification', ''].join('\n');
  return bytesToBase64(md5(utf8(canonical)));
}

/** SNS's event record for Lambda (Records[0].Sns), field for field. */
function lambdaEvent(sns: SnsService, sub: SubscriptionRecord, n: Notification, message: string, signature: string): unknown {
  return {
    Records: [
      {
        EventSource: 'aws:sns',
        EventVersion: '1.0',
        EventSubscriptionArn: sub.SubscriptionArn,
        Sns: {
          Type: 'Notification',
          MessageId: n.MessageId,
          TopicArn: n.TopicArn,
          Subject: n.Subject ?? null,
          Message: message,
          Timestamp: n.Timestamp,
          SignatureVersion: '1',
          Signature: signature,
          SigningCertUrl: signingCertUrl(sns),
          UnsubscribeUrl: unsubscribeUrl(sns, sub),
          MessageAttributes: envelopeAttributes(n),
        },
      },
    ],
  };
}

/**
 * SNS's JSON envelope in an SQS message body, written as SNS writes it: one member a line,
 * `"Name" : value`, two spaces in; the attributes one a line inside theirs.
 */
function sqsEnvelope(sns: SnsService, sub: SubscriptionRecord, n: Notification, message: string, signature: string): string {
  const fields: [string, string][] = [
    ['Type', 'Notification'],
    ['MessageId', n.MessageId],
    ['TopicArn', n.TopicArn],
    ...(n.Subject !== undefined ? ([['Subject', n.Subject]] as [string, string][]) : []),
    ['Message', message],
    ['Timestamp', n.Timestamp],
    ['SignatureVersion', '1'],
    ['Signature', signature],
    ['SigningCertURL', signingCertUrl(sns)],
    ['UnsubscribeURL', unsubscribeUrl(sns, sub)],
  ];
  const lines = fields.map(([k, v]) => `  ${JSON.stringify(k)} : ${JSON.stringify(v)}`);
  const attributes = Object.entries(envelopeAttributes(n));
  if (attributes.length > 0) {
    lines.push(`  "MessageAttributes" : {\n${attributes.map(([k, v]) => `    ${JSON.stringify(k)} : ${JSON.stringify(v)}`).join(',\n')}\n  }`);
  }
  return `{\n${lines.join(',\n')}\n}`;
}
