/**
 * Subscribe, Unsubscribe, ListSubscriptions, ListSubscriptionsByTopic and
 * Get/SetSubscriptionAttributes, for the two protocols the emulator delivers to: `lambda` and
 * `sqs`. Both are confirmed at once, as SNS confirms them; other protocols SNS knows are refused
 * with a message that says the emulator does not deliver to them.
 */
import { InvalidPatternError, parseEventPattern } from '../patterns/event-pattern.ts';
import { checkArnElements, invalidParameter, subscriptionNotFound } from './errors.ts';
import { page, str, stringMap, type Input } from './params.ts';
import type { SnsService } from './sns-service.ts';
import type { SubscriptionRecord } from './state.ts';

/** Every protocol SNS accepts; the emulator delivers to the first two. */
const DELIVERED = ['lambda', 'sqs'] as const;
const KNOWN = ['http', 'https', 'email', 'email-json', 'sms', 'application', 'firehose'];

const SUBSCRIPTION_ATTRIBUTES = ['RawMessageDelivery', 'FilterPolicy', 'FilterPolicyScope', 'RedrivePolicy', 'DeliveryPolicy', 'SubscriptionRoleArn'];

const ENDPOINT_ARN: Record<(typeof DELIVERED)[number], { re: RegExp; what: string }> = {
  sqs: { re: /^arn:aws[a-z-]*:sqs:[a-z0-9-]+:\d{12}:[A-Za-z0-9_.-]+$/, what: 'SQS endpoint ARN' },
  lambda: { re: /^arn:aws[a-z-]*:lambda:[a-z0-9-]+:\d{12}:function:[A-Za-z0-9_-]+(:[A-Za-z0-9$_-]+)?$/, what: 'Lambda endpoint ARN' },
};

/** A JSON attribute's text, parsed, or SNS's InvalidParameter naming it. */
function parseJsonAttribute(name: string, value: string, prefix: string): unknown {
  try {
    return JSON.parse(value) as unknown;
  } catch (err) {
    throw invalidParameter(`${prefix}${name}: failed to parse JSON. ${err instanceof Error ? err.message : String(err)}`);
  }
}

/** Checks one subscription attribute as SetSubscriptionAttributes (and Subscribe's Attributes) do. */
function checkAttribute(sub: Pick<SubscriptionRecord, 'Protocol'>, name: string, value: string, prefix = ''): void {
  if (!SUBSCRIPTION_ATTRIBUTES.includes(name)) throw invalidParameter('AttributeName');
  if (name === 'RawMessageDelivery') {
    if (!['true', 'false'].includes(value.toLowerCase())) throw invalidParameter(`${prefix}RawMessageDelivery: Invalid value [${value}]. Must be true or false.`);
    if (sub.Protocol === 'lambda') throw invalidParameter(`${prefix}Delivery protocol [lambda] does not support raw message delivery.`);
  }
  if (name === 'FilterPolicy' && value !== '') {
    parseJsonAttribute(name, value, prefix);
    try {
      parseEventPattern(value);
    } catch (err) {
      if (err instanceof InvalidPatternError) throw invalidParameter(`${prefix}FilterPolicy: ${err.message}`);
      throw err;
    }
  }
  if (name === 'FilterPolicyScope' && !['MessageAttributes', 'MessageBody'].includes(value)) {
    throw invalidParameter(`${prefix}FilterPolicyScope: Invalid value [${value}]. Please use either MessageBody or MessageAttributes`);
  }
  if (name === 'RedrivePolicy' && value !== '') {
    const policy = parseJsonAttribute(name, value, prefix) as { deadLetterTargetArn?: unknown } | null;
    if (typeof policy?.deadLetterTargetArn !== 'string' || !ENDPOINT_ARN.sqs.re.test(policy.deadLetterTargetArn)) {
      throw invalidParameter(`${prefix}RedrivePolicy: deadLetterTargetArn is an invalid arn`);
    }
  }
}

export function subscribe(sns: SnsService, input: Input): Input {
  const topicArn = str(input, 'TopicArn') ?? '';
  checkArnElements('TopicArn', topicArn);
  const protocol = str(input, 'Protocol') ?? '';
  const endpoint = str(input, 'Endpoint') ?? '';
  if (!(DELIVERED as readonly string[]).includes(protocol)) {
    if (KNOWN.includes(protocol)) throw invalidParameter(`The Lambda Workbook emulator does not deliver to ${protocol} endpoints; subscribe a lambda function or an sqs queue.`);
    throw invalidParameter(`Amazon SNS does not support this protocol string: ${protocol}`);
  }
  const topic = sns.topicByArn(topicArn);
  const kind = protocol as (typeof DELIVERED)[number];
  if (!ENDPOINT_ARN[kind].re.test(endpoint)) throw invalidParameter(ENDPOINT_ARN[kind].what);
  const attributes = stringMap(input, 'Attributes');
  for (const [name, value] of Object.entries(attributes)) checkAttribute({ Protocol: kind }, name, value, 'Attributes Reason: ');
  const arn = sns.topicArn(topic.name);
  if (attributes['RawMessageDelivery'] !== undefined) attributes['RawMessageDelivery'] = attributes['RawMessageDelivery'].toLowerCase();
  // Subscribing the same endpoint again returns the subscription it has, unless an attribute given differs from its own.
  const existing = sns.subscriptions(arn).find((s) => s.Protocol === kind && s.Endpoint === endpoint);
  if (existing) {
    if (Object.entries(attributes).some(([k, v]) => (existing.attributes[k] ?? (k === 'RawMessageDelivery' ? 'false' : undefined)) !== v)) {
      throw invalidParameter('Attributes Reason: Subscription already exists with different attributes');
    }
    return { SubscriptionArn: existing.SubscriptionArn };
  }
  const subscriptionArn = `${arn}:${sns.uuid()}`;
  sns.state.subscriptions[subscriptionArn] = { SubscriptionArn: subscriptionArn, TopicArn: arn, Protocol: kind, Endpoint: endpoint, attributes };
  return { SubscriptionArn: subscriptionArn };
}

/** The SubscriptionArn parameter: six elements or more, the last one a subscription id. */
function checkSubscriptionArn(arn: string | undefined): string {
  if (arn === undefined || arn === '') throw invalidParameter('SubscriptionArn Reason: no value for required parameter');
  checkArnElements('SubscriptionArn', arn);
  if (arn.split(':').length < 7) throw invalidParameter('SubscriptionId');
  return arn;
}

export function unsubscribe(sns: SnsService, input: Input): Input {
  const arn = checkSubscriptionArn(str(input, 'SubscriptionArn'));
  delete sns.state.subscriptions[arn];
  return {};
}

function summary(sns: SnsService, s: SubscriptionRecord): Input {
  return { SubscriptionArn: s.SubscriptionArn, Owner: sns.accountId, Protocol: s.Protocol, Endpoint: s.Endpoint, TopicArn: s.TopicArn };
}

export function listSubscriptions(sns: SnsService, input: Input): Input {
  const { items, NextToken } = page(sns.subscriptions(), str(input, 'NextToken'));
  return { Subscriptions: items.map((s) => summary(sns, s)), ...(NextToken ? { NextToken } : {}) };
}

export function listSubscriptionsByTopic(sns: SnsService, input: Input): Input {
  const topic = sns.topicByArn(str(input, 'TopicArn') ?? '');
  const { items, NextToken } = page(sns.subscriptions(sns.topicArn(topic.name)), str(input, 'NextToken'));
  return { Subscriptions: items.map((s) => summary(sns, s)), ...(NextToken ? { NextToken } : {}) };
}

function subscriptionOf(sns: SnsService, input: Input): SubscriptionRecord {
  const arn = checkSubscriptionArn(str(input, 'SubscriptionArn'));
  const sub = sns.subscription(arn);
  if (!sub) throw subscriptionNotFound();
  return sub;
}

export function getSubscriptionAttributes(sns: SnsService, input: Input): Input {
  const sub = subscriptionOf(sns, input);
  return {
    Attributes: {
      ConfirmationWasAuthenticated: 'true',
      Endpoint: sub.Endpoint,
      Owner: sns.accountId,
      PendingConfirmation: 'false',
      Protocol: sub.Protocol,
      // Lambda subscriptions have no raw delivery; SQS ones say false until it is set.
      ...(sub.Protocol === 'sqs' ? { RawMessageDelivery: 'false' } : {}),
      SubscriptionArn: sub.SubscriptionArn,
      // The emulator has no IAM users: subscriptions are made as the account's root.
      SubscriptionPrincipal: `arn:aws:iam::${sns.accountId}:root`,
      TopicArn: sub.TopicArn,
      ...sub.attributes,
    },
  };
}

export function setSubscriptionAttributes(sns: SnsService, input: Input): Input {
  const sub = subscriptionOf(sns, input);
  const name = str(input, 'AttributeName') ?? '';
  const value = str(input, 'AttributeValue') ?? '';
  checkAttribute(sub, name, value);
  if (value === '' && name !== 'RawMessageDelivery') delete sub.attributes[name];
  else sub.attributes[name] = name === 'RawMessageDelivery' ? value.toLowerCase() : value;
  return {};
}
