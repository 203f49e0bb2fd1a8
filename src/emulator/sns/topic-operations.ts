/**
 * CreateTopic, DeleteTopic, ListTopics, GetTopicAttributes and SetTopicAttributes, with the
 * attributes and errors recorded from SNS (sns_test_sns.snapshot.json).
 */
import { invalidParameter } from './errors.ts';
import { page, str, stringMap, type Input } from './params.ts';
import type { SnsService } from './sns-service.ts';

const TOPIC_NAME = /^[A-Za-z0-9_-]{1,256}$/;

/** Attributes a caller may set on a standard topic. */
const SETTABLE = ['DisplayName', 'Policy', 'DeliveryPolicy', 'KmsMasterKeyId', 'SignatureVersion', 'TracingConfig', 'ArchivePolicy', 'DataProtectionPolicy'];

/** SNS's default topic policy: the owner account may do everything with the topic. */
export function defaultPolicy(topicArn: string, accountId: string): string {
  return JSON.stringify({
    Version: '2008-10-17',
    Id: '__default_policy_ID',
    Statement: [
      {
        Sid: '__default_statement_ID',
        Effect: 'Allow',
        Principal: { AWS: '*' },
        Action: ['SNS:GetTopicAttributes', 'SNS:SetTopicAttributes', 'SNS:AddPermission', 'SNS:RemovePermission', 'SNS:DeleteTopic', 'SNS:Subscribe', 'SNS:ListSubscriptionsByTopic', 'SNS:Publish'],
        Resource: topicArn,
        Condition: { StringEquals: { 'AWS:SourceOwner': accountId } },
      },
    ],
  });
}

/** The delivery policy every topic reports for HTTP endpoints until one is set. */
const EFFECTIVE_DELIVERY_POLICY = JSON.stringify({
  http: {
    defaultHealthyRetryPolicy: { minDelayTarget: 20, maxDelayTarget: 20, numRetries: 3, numMaxDelayRetries: 0, numNoDelayRetries: 0, numMinDelayRetries: 0, backoffFunction: 'linear' },
    disableSubscriptionOverrides: false,
    defaultRequestPolicy: { headerContentType: 'text/plain; charset=UTF-8' },
  },
});

function checkAttributes(attributes: Record<string, string>): void {
  for (const name of Object.keys(attributes)) {
    if (name === 'FifoTopic' || name === 'ContentBasedDeduplication') {
      if (name === 'FifoTopic' && attributes[name] === 'false') continue;
      throw invalidParameter(`Attributes Reason: The Lambda Workbook emulator does not provide FIFO topics yet (${name}); use a standard topic.`);
    }
    if (!SETTABLE.includes(name)) throw invalidParameter('AttributeName');
  }
}

export function createTopic(sns: SnsService, input: Input): Input {
  const name = str(input, 'Name') ?? '';
  const attributes = stringMap(input, 'Attributes');
  if (attributes['FifoTopic'] === 'true') checkAttributes(attributes);
  // A standard topic's name may not end in .fifo, and every name keeps to SNS's characters.
  if (!TOPIC_NAME.test(name)) throw invalidParameter('Topic Name');
  checkAttributes(attributes);
  const tags: Record<string, string> = Object.create(null) as Record<string, string>;
  for (const tag of Array.isArray(input['Tags']) ? (input['Tags'] as Input[]) : []) {
    const key = str(tag, 'Key');
    if (key !== undefined) tags[key] = str(tag, 'Value') ?? '';
  }
  const existing = Object.hasOwn(sns.state.topics, name) ? sns.state.topics[name]! : undefined;
  if (existing) {
    // Creating a topic again is idempotent, unless the tags differ (attributes given again are kept as they are).
    if (Object.keys(tags).length > 0 && JSON.stringify(Object.entries(tags).sort()) !== JSON.stringify(Object.entries(existing.tags).sort())) {
      throw invalidParameter('Tags Reason: Topic already exists with different tags');
    }
    return { TopicArn: sns.topicArn(name) };
  }
  sns.state.topics[name] = { name, attributes, tags, createdAt: sns.clock.now() };
  return { TopicArn: sns.topicArn(name) };
}

/** DeleteTopic answers 200 for a topic that is already gone; its subscriptions go with it. */
export function deleteTopic(sns: SnsService, input: Input): Input {
  const arn = str(input, 'TopicArn') ?? '';
  const topic = sns.findTopic(arn);
  if (!topic) {
    if (arn.split(':').length < 6) sns.topicByArn(arn);
    return {};
  }
  delete sns.state.topics[topic.name];
  for (const sub of sns.subscriptions(arn)) delete sns.state.subscriptions[sub.SubscriptionArn];
  return {};
}

export function listTopics(sns: SnsService, input: Input): Input {
  const { items, NextToken } = page(sns.topics(), str(input, 'NextToken'));
  return { Topics: items.map((t) => ({ TopicArn: sns.topicArn(t.name) })), ...(NextToken ? { NextToken } : {}) };
}

export function getTopicAttributes(sns: SnsService, input: Input): Input {
  const arn = str(input, 'TopicArn') ?? '';
  const topic = sns.topicByArn(arn);
  const topicArn = sns.topicArn(topic.name);
  const subscriptions = sns.subscriptions(topicArn).length;
  const { DisplayName = '', Policy, DeliveryPolicy, ...rest } = topic.attributes;
  return {
    Attributes: {
      Policy: Policy ?? defaultPolicy(topicArn, sns.accountId),
      Owner: sns.accountId,
      SubscriptionsPending: '0',
      TopicArn: topicArn,
      EffectiveDeliveryPolicy: DeliveryPolicy ?? EFFECTIVE_DELIVERY_POLICY,
      ...(DeliveryPolicy !== undefined ? { DeliveryPolicy } : {}),
      SubscriptionsConfirmed: String(subscriptions),
      DisplayName,
      SubscriptionsDeleted: '0',
      ...rest,
    },
  };
}

export function setTopicAttributes(sns: SnsService, input: Input): Input {
  const topic = sns.topicByArn(str(input, 'TopicArn') ?? '');
  const name = str(input, 'AttributeName');
  if (name === undefined) throw invalidParameter('AttributeName');
  checkAttributes({ [name]: str(input, 'AttributeValue') ?? '' });
  const value = str(input, 'AttributeValue');
  if (value === undefined || value === '') delete topic.attributes[name];
  else topic.attributes[name] = value;
  return {};
}
