/**
 * Queue attributes: which names a standard queue takes, their ranges and defaults, how
 * CreateQueue/SetQueueAttributes read them (every value is a string on the wire) and how
 * GetQueueAttributes writes them back.
 */
import { SqsError, invalidAttributeValue, unknownAttribute } from './errors.ts';
import { sqsLimits } from './limits.ts';
import type { QueueAttributes, RedrivePolicy } from './state.ts';

/** Integer attributes and their ranges. */
const RANGES = {
  DelaySeconds: sqsLimits.delay,
  MaximumMessageSize: sqsLimits.messageSize,
  MessageRetentionPeriod: sqsLimits.retention,
  ReceiveMessageWaitTimeSeconds: sqsLimits.waitTime,
  VisibilityTimeout: sqsLimits.visibilityTimeout,
  KmsDataKeyReusePeriodSeconds: sqsLimits.kmsDataKeyReuse,
} as const;

const SETTABLE = [...Object.keys(RANGES), 'RedrivePolicy', 'Policy', 'KmsMasterKeyId', 'SqsManagedSseEnabled'];

/** What GetQueueAttributes can name besides the settable ones. */
const COMPUTED = [
  'ApproximateNumberOfMessages',
  'ApproximateNumberOfMessagesDelayed',
  'ApproximateNumberOfMessagesNotVisible',
  'CreatedTimestamp',
  'LastModifiedTimestamp',
  'QueueArn',
];

/** FIFO-only attributes on a standard queue: some are unknown, some need FifoQueue (both recorded). */
const NEEDS_FIFO = ['DeduplicationScope', 'FifoThroughputLimit'];

export function defaultAttributes(): QueueAttributes {
  return {
    DelaySeconds: sqsLimits.delay.default,
    MaximumMessageSize: sqsLimits.messageSize.default,
    MessageRetentionPeriod: sqsLimits.retention.default,
    ReceiveMessageWaitTimeSeconds: sqsLimits.waitTime.default,
    VisibilityTimeout: sqsLimits.visibilityTimeout.default,
    SqsManagedSseEnabled: true,
  };
}

const ARN = /^arn:aws[a-z-]*:sqs:[a-z0-9-]+:\d{12}:[A-Za-z0-9_-]{1,80}$/;

function parseRedrivePolicy(text: string, queueExists: (arn: string) => boolean): RedrivePolicy | undefined {
  if (text === '') return undefined; // an empty policy removes redrive (recorded: test_set_empty_redrive_policy)
  const invalid = (reason: string) => new SqsError('InvalidParameterValue', `Value ${text} for parameter RedrivePolicy is invalid. Reason: ${reason}`);
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw invalid('Redrive policy is not a valid JSON map.');
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw invalid('Redrive policy is not a valid JSON map.');
  const { deadLetterTargetArn: arn, maxReceiveCount } = parsed as Record<string, unknown>;
  if (arn === undefined) throw invalid('Redrive policy does not contain mandatory attribute: deadLetterTargetArn.');
  if (maxReceiveCount === undefined) throw invalid('Redrive policy does not contain mandatory attribute: maxReceiveCount.');
  const count = Number(maxReceiveCount);
  const { min, max } = sqsLimits.maxReceiveCount;
  if (!Number.isInteger(count) || count < min || count > max) {
    throw invalid(`Invalid value for maxReceiveCount: ${String(maxReceiveCount)}, valid values are from ${min} to ${max} both inclusive.`);
  }
  if (typeof arn !== 'string' || !ARN.test(arn)) throw invalid('Invalid value for deadLetterTargetArn.');
  if (!queueExists(arn)) throw invalid('Dead letter target does not exist.');
  return { deadLetterTargetArn: arn, maxReceiveCount: count };
}

function parseInteger(name: keyof typeof RANGES, value: string): number {
  const n = Number(value);
  const { min, max } = RANGES[name];
  if (!/^-?\d+$/.test(value.trim()) || n < min || n > max) throw invalidAttributeValue(name);
  return n;
}

/** Checks a name a standard queue does not take, with the error SQS gives for it. */
function refuseFifoAttribute(name: string): never {
  if (NEEDS_FIFO.includes(name)) throw new SqsError('InvalidAttributeName', `You can specify the ${name} only when FifoQueue is set to true.`);
  throw unknownAttribute(name);
}

/**
 * `current` with `given` applied, as CreateQueue and SetQueueAttributes read it. Every value is
 * checked before any is applied, so a bad one changes nothing.
 */
export function applyAttributes(current: QueueAttributes, given: Record<string, unknown>, queueExists: (arn: string) => boolean): QueueAttributes {
  const next: QueueAttributes = { ...current };
  for (const [name, raw] of Object.entries(given)) {
    if (!SETTABLE.includes(name)) refuseFifoAttribute(name);
    const value = String(raw);
    if (name in RANGES) {
      next[name as keyof typeof RANGES] = parseInteger(name as keyof typeof RANGES, value);
    } else if (name === 'RedrivePolicy') {
      const policy = parseRedrivePolicy(value, queueExists);
      if (policy) next.RedrivePolicy = policy;
      else delete next.RedrivePolicy;
    } else if (name === 'Policy') {
      if (value === '') delete next.Policy;
      else next.Policy = value;
    } else if (name === 'KmsMasterKeyId') {
      if (value === '') delete next.KmsMasterKeyId;
      else next.KmsMasterKeyId = value;
    } else if (name === 'SqsManagedSseEnabled') {
      if (value !== 'true' && value !== 'false') throw invalidAttributeValue(name);
      next.SqsManagedSseEnabled = value === 'true';
    }
  }
  if (given['KmsMasterKeyId'] !== undefined && given['SqsManagedSseEnabled'] === 'true' && next.KmsMasterKeyId) {
    throw new SqsError('InvalidAttributeName', 'You can use one type of server-side encryption (SSE) at one time. You can either enable KMS SSE or SQS SSE.');
  }
  // KMS encryption replaces SQS-managed encryption (recorded: SqsManagedSseEnabled reads "false" once a key is set).
  if (given['KmsMasterKeyId'] !== undefined && next.KmsMasterKeyId) {
    next.SqsManagedSseEnabled = false;
    next.KmsDataKeyReusePeriodSeconds ??= sqsLimits.kmsDataKeyReuse.default;
  }
  if (!next.KmsMasterKeyId) delete next.KmsDataKeyReusePeriodSeconds;
  return next;
}

/** The settable attributes as GetQueueAttributes writes them (strings; RedrivePolicy as JSON text). */
export function attributeStrings(attributes: QueueAttributes): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(attributes)) {
    if (value === undefined) continue;
    out[name] = name === 'RedrivePolicy' ? JSON.stringify(value) : String(value);
  }
  return out;
}

/** The first attribute `requested` gives a value other than the queue's (CreateQueue on an existing name). */
export function differingAttribute(existing: QueueAttributes, requested: QueueAttributes): string | undefined {
  const a = attributeStrings(existing);
  const b = attributeStrings(requested);
  return [...new Set([...Object.keys(a), ...Object.keys(b)])].find((name) => a[name] !== b[name]);
}

/** The names GetQueueAttributes answers for `requested` (`All` is every one). */
export function requestedAttributeNames(requested: readonly string[]): string[] {
  if (requested.includes('All')) return [...COMPUTED, ...SETTABLE];
  for (const name of requested) if (!COMPUTED.includes(name) && !SETTABLE.includes(name)) refuseFifoAttribute(name);
  return [...requested];
}
