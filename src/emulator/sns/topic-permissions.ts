/**
 * AddPermission and RemovePermission: statements SNS writes into a topic's access policy (its
 * `Policy` attribute, starting from the default one), as recorded in sns_test_sns.snapshot.json.
 */
import { invalidParameter } from './errors.ts';
import { str, type Input } from './params.ts';
import type { SnsService } from './sns-service.ts';
import type { TopicRecord } from './state.ts';
import { defaultPolicy } from './topic-operations.ts';

/** The topic actions a permission may name (AddPermission's ActionName, without the `SNS:` prefix). */
const TOPIC_ACTIONS = ['GetTopicAttributes', 'SetTopicAttributes', 'AddPermission', 'RemovePermission', 'DeleteTopic', 'Subscribe', 'ListSubscriptionsByTopic', 'Publish'];

type Policy = { Version?: unknown; Id?: unknown; Statement?: unknown };

/** The topic's policy as a document (a Policy that is not JSON counts as one without statements). */
function policyOf(sns: SnsService, topic: TopicRecord): Policy & { Statement: Record<string, unknown>[] } {
  const text = topic.attributes['Policy'] ?? defaultPolicy(sns.topicArn(topic.name), sns.accountId);
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    parsed = {};
  }
  const policy = (typeof parsed === 'object' && parsed !== null ? parsed : {}) as Policy;
  const statements = Array.isArray(policy.Statement) ? policy.Statement : policy.Statement !== undefined ? [policy.Statement] : [];
  return { ...policy, Statement: statements.filter((s): s is Record<string, unknown> => typeof s === 'object' && s !== null) };
}

const strings = (value: unknown): string[] => (Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : []);
/** SNS writes one principal or action as a string, several as a list. */
const oneOrMany = (values: string[]): string | string[] => (values.length === 1 ? values[0]! : values);

export function addPermission(sns: SnsService, input: Input): Input {
  const topic = sns.topicByArn(str(input, 'TopicArn') ?? '');
  const label = str(input, 'Label') ?? '';
  if (label === '') throw invalidParameter('Label');
  const accounts = strings(input['AWSAccountId']);
  const actions = strings(input['ActionName']);
  if (accounts.length === 0) throw invalidParameter('AWSAccountId');
  if (actions.length === 0) throw invalidParameter('ActionName');
  if (!actions.every((a) => TOPIC_ACTIONS.includes(a))) throw invalidParameter('Policy statement action out of service scope!');
  const policy = policyOf(sns, topic);
  if (policy.Statement.some((s) => s['Sid'] === label)) throw invalidParameter('Statement already exists');
  const topicArn = sns.topicArn(topic.name);
  policy.Statement.push({
    Sid: label,
    Effect: 'Allow',
    Principal: { AWS: oneOrMany(accounts.map((a) => (/^\d{12}$/.test(a) ? `arn:aws:iam::${a}:root` : a))) },
    Action: oneOrMany(actions.map((a) => `SNS:${a}`)),
    Resource: topicArn,
  });
  topic.attributes['Policy'] = JSON.stringify(policy);
  return {};
}

export function removePermission(sns: SnsService, input: Input): Input {
  const topic = sns.topicByArn(str(input, 'TopicArn') ?? '');
  const label = str(input, 'Label');
  if (label === undefined || label === '') throw invalidParameter('Label');
  const policy = policyOf(sns, topic);
  const kept = policy.Statement.filter((s) => s['Sid'] !== label);
  if (kept.length === policy.Statement.length) return {};
  topic.attributes['Policy'] = JSON.stringify({ ...policy, Statement: kept });
  return {};
}
