/**
 * SNS's part of the account's saved state: topics with their attributes and tags, and
 * subscriptions (confirmed at once: the emulator delivers only to Lambda functions and SQS queues,
 * which SNS confirms without a handshake).
 */
import * as z from 'zod/mini';

const record = <T extends z.core.SomeType>(value: T) => z.record(z.string(), value);

export const topicRecordSchema = z.object({
  name: z.string(),
  /** Attributes a caller set (DisplayName, Policy, DeliveryPolicy, ...), as the strings given. */
  attributes: record(z.string()),
  tags: record(z.string()),
  createdAt: z.number(),
});

export const subscriptionRecordSchema = z.object({
  SubscriptionArn: z.string(),
  TopicArn: z.string(),
  Protocol: z.enum(['lambda', 'sqs']),
  Endpoint: z.string(),
  /** RawMessageDelivery, FilterPolicy, FilterPolicyScope, RedrivePolicy, as the strings given. */
  attributes: record(z.string()),
});

export const snsStateSchema = z.object({
  topics: record(topicRecordSchema),
  /** By SubscriptionArn, in the order they were made. */
  subscriptions: record(subscriptionRecordSchema),
});

export type TopicRecord = z.infer<typeof topicRecordSchema>;
export type SubscriptionRecord = z.infer<typeof subscriptionRecordSchema>;
export type SnsState = z.infer<typeof snsStateSchema>;
