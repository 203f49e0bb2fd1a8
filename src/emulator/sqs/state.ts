/**
 * SQS's part of the account's saved state: queues, their attributes and tags, and every message
 * with what SQS tracks about it (receive count, when it is visible again). Times are epoch ms.
 */
import * as z from 'zod/mini';

const record = <T extends z.core.SomeType>(value: T) => z.record(z.string(), value);

export const messageAttributeValueSchema = z.object({
  DataType: z.string(),
  StringValue: z.optional(z.string()),
  /** Base64, as both wire protocols carry it. */
  BinaryValue: z.optional(z.string()),
});

export const sqsMessageSchema = z.object({
  MessageId: z.string(),
  Body: z.string(),
  MD5OfBody: z.string(),
  MessageAttributes: z.optional(record(messageAttributeValueSchema)),
  MD5OfMessageAttributes: z.optional(z.string()),
  AWSTraceHeader: z.optional(z.string()),
  MessageGroupId: z.optional(z.string()),
  SenderId: z.string(),
  SentTimestamp: z.number(),
  /** When the message can next be received (delay, visibility timeout). */
  visibleAt: z.number(),
  receiveCount: z.int(),
  firstReceivedAt: z.optional(z.number()),
  /** Set on a message SQS moved here from the source queue's redrive policy. */
  DeadLetterQueueSourceArn: z.optional(z.string()),
});

export const redrivePolicySchema = z.object({ deadLetterTargetArn: z.string(), maxReceiveCount: z.int() });

export const queueAttributesSchema = z.object({
  DelaySeconds: z.int(),
  MaximumMessageSize: z.int(),
  MessageRetentionPeriod: z.int(),
  ReceiveMessageWaitTimeSeconds: z.int(),
  VisibilityTimeout: z.int(),
  RedrivePolicy: z.optional(redrivePolicySchema),
  Policy: z.optional(z.string()),
  KmsMasterKeyId: z.optional(z.string()),
  KmsDataKeyReusePeriodSeconds: z.optional(z.int()),
  SqsManagedSseEnabled: z.boolean(),
});

export const queueRecordSchema = z.object({
  name: z.string(),
  createdAt: z.number(),
  lastModifiedAt: z.number(),
  attributes: queueAttributesSchema,
  tags: record(z.string()),
  /** In the order they were sent (a queue works on a Map of them and writes them back here for a snapshot). */
  messages: z.array(sqsMessageSchema),
  lastPurgedAt: z.optional(z.number()),
});

export const sqsStateSchema = z.object({ queues: record(queueRecordSchema) });

export type MessageAttributeValue = z.infer<typeof messageAttributeValueSchema>;
export type SqsMessage = z.infer<typeof sqsMessageSchema>;
export type RedrivePolicy = z.infer<typeof redrivePolicySchema>;
export type QueueAttributes = z.infer<typeof queueAttributesSchema>;
export type QueueRecord = z.infer<typeof queueRecordSchema>;
export type SqsState = z.infer<typeof sqsStateSchema>;
