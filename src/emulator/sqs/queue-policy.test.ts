import { describe, expect, it } from 'vitest';
import { queuePolicyAllowsSend } from './queue-policy.ts';

const QUEUE = 'arn:aws:sqs:us-east-1:111111111111:inbox';
const TOPIC = 'arn:aws:sns:us-east-1:111111111111:news';
const sns = { service: 'sns.amazonaws.com', sourceArn: TOPIC, sourceAccount: '111111111111' };
const policy = (...statements: object[]) => JSON.stringify({ Version: '2012-10-17', Statement: statements });
const allow = { Effect: 'Allow', Principal: { Service: 'sns.amazonaws.com' }, Action: 'sqs:SendMessage', Resource: QUEUE };

describe("a queue's policy for services sending to it", () => {
  it('refuses without a policy, or with one that does not name the service, the action or the queue', () => {
    expect(queuePolicyAllowsSend(undefined, QUEUE, sns)).toBe(false);
    expect(queuePolicyAllowsSend('not json', QUEUE, sns)).toBe(false);
    expect(queuePolicyAllowsSend(policy({ ...allow, Principal: { Service: 'events.amazonaws.com' } }), QUEUE, sns)).toBe(false);
    expect(queuePolicyAllowsSend(policy({ ...allow, Principal: { AWS: 'arn:aws:iam::111111111111:root' } }), QUEUE, sns)).toBe(false);
    expect(queuePolicyAllowsSend(policy({ ...allow, Action: 'sqs:ReceiveMessage' }), QUEUE, sns)).toBe(false);
    expect(queuePolicyAllowsSend(policy({ ...allow, Resource: 'arn:aws:sqs:us-east-1:111111111111:other' }), QUEUE, sns)).toBe(false);
  });

  it('allows the service by name, everyone, wildcards and lists, and any case of the action', () => {
    expect(queuePolicyAllowsSend(policy(allow), QUEUE, sns)).toBe(true);
    expect(queuePolicyAllowsSend(policy({ ...allow, Principal: '*' }), QUEUE, sns)).toBe(true);
    expect(queuePolicyAllowsSend(policy({ ...allow, Principal: { AWS: '*' }, Action: ['SQS:SendMessage'] }), QUEUE, sns)).toBe(true);
    expect(queuePolicyAllowsSend(policy({ ...allow, Action: 'sqs:*', Resource: 'arn:aws:sqs:*:111111111111:*' }), QUEUE, sns)).toBe(true);
  });

  it('holds it to aws:SourceArn and aws:SourceAccount conditions, and a Deny wins', () => {
    expect(queuePolicyAllowsSend(policy({ ...allow, Condition: { ArnEquals: { 'aws:SourceArn': TOPIC } } }), QUEUE, sns)).toBe(true);
    expect(queuePolicyAllowsSend(policy({ ...allow, Condition: { ArnEquals: { 'aws:SourceArn': `${TOPIC}-2` } } }), QUEUE, sns)).toBe(false);
    expect(queuePolicyAllowsSend(policy({ ...allow, Condition: { ArnLike: { 'aws:SourceArn': 'arn:aws:sns:*:111111111111:*' }, StringEquals: { 'aws:SourceAccount': '111111111111' } } }), QUEUE, sns)).toBe(true);
    expect(queuePolicyAllowsSend(policy({ ...allow, Condition: { StringEquals: { 'aws:SourceAccount': '222222222222' } } }), QUEUE, sns)).toBe(false);
    expect(queuePolicyAllowsSend(policy(allow, { ...allow, Effect: 'Deny' }), QUEUE, sns)).toBe(false);
  });
});
