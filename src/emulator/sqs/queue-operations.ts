/**
 * SQS's queue operations: CreateQueue, GetQueueUrl, ListQueues, DeleteQueue, Get/SetQueueAttributes,
 * PurgeQueue, TagQueue, UntagQueue, ListQueueTags. Each takes the JSON-shaped input (the query
 * protocol is decoded to it) and returns the JSON-shaped output.
 */
import { bytesToBase64, base64ToBytes, fromUtf8, utf8 } from '../zip.ts';
import { SqsError, queueDoesNotExist } from './errors.ts';
import { sqsLimits } from './limits.ts';
import { applyAttributes, attributeStrings, defaultAttributes, differingAttribute, requestedAttributeNames } from './queue-attributes.ts';
import { integerParameter, optionalString, requiredString, stringList, stringMap, type Input } from './params.ts';
import type { Queue } from './queue.ts';
import type { SqsRequestContext, SqsService } from './sqs-service.ts';

const QUEUE_NAME = new RegExp(`^[A-Za-z0-9_-]{1,${sqsLimits.queueNameMax}}$`);

/** FIFO queues are not emulated yet; say so rather than answer as a standard queue would. */
const FIFO_NOT_PROVIDED =
  'The Lambda Workbook emulator does not provide FIFO queues yet: create a standard queue (a name without .fifo and no FifoQueue attribute).';

export function createQueue(sqs: SqsService, input: Input, ctx: SqsRequestContext): Input {
  const name = requiredString(input, 'QueueName');
  const given = stringMap(input, 'Attributes');
  if (name.endsWith('.fifo') || given['FifoQueue'] === 'true') throw new SqsError('UnsupportedOperation', FIFO_NOT_PROVIDED);
  if (!QUEUE_NAME.test(name)) {
    throw new SqsError('InvalidParameterValue', `Can only include alphanumeric characters, hyphens, or underscores. 1 to ${sqsLimits.queueNameMax} in length`);
  }
  const exists = (arn: string) => sqs.queueByArn(arn) !== undefined;
  const existing = sqs.queueByName(name);
  if (existing) {
    const differs = differingAttribute(existing.record.attributes, applyAttributes(existing.record.attributes, given, exists));
    if (differs) throw new SqsError('QueueNameExists', `A queue already exists with the same name and a different value for attribute ${differs}`);
    return { QueueUrl: sqs.queueUrl(ctx.origin, name) };
  }
  const deletedAt = sqs.deletedAt(name);
  if (deletedAt !== undefined && sqs.clock.now() - deletedAt < sqsLimits.deleteQueueCooldownMs) {
    throw new SqsError('QueueDeletedRecently', 'You must wait 60 seconds after deleting a queue before you can create another with the same name.');
  }
  const attributes = applyAttributes(defaultAttributes(), given, exists);
  const now = sqs.clock.now();
  sqs.createQueue({ name, createdAt: now, lastModifiedAt: now, attributes, tags: stringMap(input, 'tags'), messages: [] });
  return { QueueUrl: sqs.queueUrl(ctx.origin, name) };
}

export function getQueueUrl(sqs: SqsService, input: Input, ctx: SqsRequestContext): Input {
  const name = requiredString(input, 'QueueName');
  const owner = optionalString(input, 'QueueOwnerAWSAccountId');
  if (!sqs.queueByName(name) || (owner !== undefined && owner !== sqs.accountId)) throw queueDoesNotExist();
  return { QueueUrl: sqs.queueUrl(ctx.origin, name) };
}

/** ListQueues pages by name; NextToken names where the next page starts. */
export function listQueues(sqs: SqsService, input: Input, ctx: SqsRequestContext): Input {
  const prefix = optionalString(input, 'QueueNamePrefix') ?? '';
  const { max } = sqsLimits.listQueues;
  const maxResults = input['MaxResults'] === undefined ? undefined : integerParameter(input, 'MaxResults', sqsLimits.listQueues, max, `MaxResults must be an integer between 1 and ${max}.`);
  const token = optionalString(input, 'NextToken');
  const after = token ? fromUtf8(base64ToBytes(token) ?? new Uint8Array()) : undefined;
  const names = sqs
    .queues()
    .map((q) => q.name)
    .filter((n) => n.startsWith(prefix) && (after === undefined || n > after));
  const page = names.slice(0, maxResults ?? max);
  const more = maxResults !== undefined && names.length > page.length;
  return {
    ...(page.length > 0 ? { QueueUrls: page.map((n) => sqs.queueUrl(ctx.origin, n)) } : {}),
    ...(more ? { NextToken: bytesToBase64(utf8(page[page.length - 1]!)) } : {}),
  };
}

export function deleteQueue(sqs: SqsService, input: Input): Input {
  sqs.deleteQueue(queueOf(sqs, input));
  return {};
}

export function getQueueAttributes(sqs: SqsService, input: Input): Input {
  const queue = queueOf(sqs, input);
  const names = requestedAttributeNames(stringList(input, 'AttributeNames'));
  const now = sqs.clock.now();
  const counts = names.some((n) => n.startsWith('Approximate')) ? queue.counts(now) : undefined;
  const all: Record<string, string | undefined> = {
    ...attributeStrings(queue.record.attributes),
    ApproximateNumberOfMessages: String(counts?.visible),
    ApproximateNumberOfMessagesNotVisible: String(counts?.notVisible),
    ApproximateNumberOfMessagesDelayed: String(counts?.delayed),
    CreatedTimestamp: String(Math.floor(queue.record.createdAt / 1000)),
    LastModifiedTimestamp: String(Math.floor(queue.record.lastModifiedAt / 1000)),
    QueueArn: queue.arn,
  };
  const attributes: Record<string, string> = {};
  for (const name of names) if (all[name] !== undefined) attributes[name] = all[name]!;
  return Object.keys(attributes).length > 0 ? { Attributes: attributes } : {};
}

export function setQueueAttributes(sqs: SqsService, input: Input): Input {
  const queue = queueOf(sqs, input);
  queue.record.attributes = applyAttributes(queue.record.attributes, stringMap(input, 'Attributes'), (arn) => sqs.queueByArn(arn) !== undefined);
  queue.record.lastModifiedAt = sqs.clock.now();
  return {};
}

export function purgeQueue(sqs: SqsService, input: Input): Input {
  const queue = queueOf(sqs, input);
  const now = sqs.clock.now();
  const last = queue.record.lastPurgedAt;
  if (last !== undefined && now - last < sqsLimits.purgeCooldownMs) {
    throw new SqsError('PurgeQueueInProgress', `Only one PurgeQueue operation on ${queue.name} is allowed every 60 seconds.`);
  }
  queue.purge(now);
  return {};
}

export function tagQueue(sqs: SqsService, input: Input): Input {
  const queue = queueOf(sqs, input);
  Object.assign(queue.record.tags, stringMap(input, 'Tags'));
  return {};
}

export function untagQueue(sqs: SqsService, input: Input): Input {
  const queue = queueOf(sqs, input);
  for (const key of stringList(input, 'TagKeys')) delete queue.record.tags[key];
  return {};
}

export function listQueueTags(sqs: SqsService, input: Input): Input {
  const tags = queueOf(sqs, input).record.tags;
  return Object.keys(tags).length > 0 ? { Tags: { ...tags } } : {};
}

/** The queue `QueueUrl` names. */
export function queueOf(sqs: SqsService, input: Input): Queue {
  return sqs.queueByUrl(requiredString(input, 'QueueUrl'));
}
