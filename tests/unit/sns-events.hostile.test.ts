/**
 * Hostile input to SNS and EventBridge ends in their own errors, never a crash: arbitrary forms
 * for every SNS action and arbitrary JSON for every EventBridge operation are answered with a
 * 2xx or a 4xx in the service's shape, never a 500.
 */
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { fromUtf8, utf8 } from '../../src/emulator/index.ts';
import { makeService } from './support/harness.ts';
import { createVmEnvironmentFactory } from './support/vm-engine.ts';

const SNS_ACTIONS = ['CreateTopic', 'DeleteTopic', 'ListTopics', 'GetTopicAttributes', 'SetTopicAttributes', 'Subscribe', 'Unsubscribe', 'ListSubscriptions', 'ListSubscriptionsByTopic', 'GetSubscriptionAttributes', 'SetSubscriptionAttributes', 'Publish'];
const EVENTS_OPERATIONS = ['CreateEventBus', 'DeleteEventBus', 'ListEventBuses', 'PutRule', 'DescribeRule', 'ListRules', 'DeleteRule', 'EnableRule', 'DisableRule', 'PutTargets', 'RemoveTargets', 'ListTargetsByRule', 'ListRuleNamesByTarget', 'PutEvents'];
const SNS_KEYS = ['Name', 'TopicArn', 'TargetArn', 'Protocol', 'Endpoint', 'Message', 'Subject', 'MessageStructure', 'SubscriptionArn', 'AttributeName', 'AttributeValue', 'NextToken', 'Attributes.entry.1.key', 'Attributes.entry.1.value', 'MessageAttributes.entry.1.Name', 'MessageAttributes.entry.1.Value.DataType', 'MessageAttributes.entry.1.Value.StringValue', 'Tags.member.1.Key', '__proto__', 'constructor'];
const EVENTS_KEYS = ['Name', 'EventBusName', 'ScheduleExpression', 'EventPattern', 'State', 'Rule', 'Targets', 'Ids', 'Entries', 'Limit', 'NextToken', 'NamePrefix', 'TargetArn', '__proto__'];

describe('hostile input to SNS and EventBridge', () => {
  const setup = makeService(createVmEnvironmentFactory());
  afterAll(() => setup.close());
  const auth = (service: string) => `AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20260101/us-east-1/${service}/aws4_request, SignedHeaders=host, Signature=0`;
  const text = fc.oneof(fc.string(), fc.constantFrom('arn:aws:sns:us-east-1:111111111111:t', 'sqs', 'lambda', 'true', '{"a":["b"]}', 'rate(1 minute)', 'cron(0 1 * * ? *)', 't'));

  it('every SNS action answers a form of arbitrary members with SNS XML, never a 500', async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...SNS_ACTIONS), fc.dictionary(fc.constantFrom(...SNS_KEYS), text), async (action, params) => {
        const body = new URLSearchParams({ Action: action, Version: '2010-03-31', ...params }).toString();
        const res = await setup.route({ method: 'POST', path: '/', query: {}, headers: { authorization: auth('sns'), 'content-type': 'application/x-www-form-urlencoded' }, body: utf8(body) });
        expect(res.status, fromUtf8(res.body)).toBeLessThan(500);
        expect(fromUtf8(res.body)).toMatch(/^<\?xml version="1.0"\?><(\w+Response|ErrorResponse) xmlns="http:\/\/sns.amazonaws.com\/doc\/2010-03-31\/">/);
      }),
      { numRuns: 300 },
    );
  });

  it('every EventBridge operation answers arbitrary JSON with its JSON, never a 500', async () => {
    const value = fc.oneof(text, fc.integer(), fc.constant(null), fc.array(fc.oneof(text, fc.constant(null), fc.dictionary(fc.constantFrom('Id', 'Arn', 'Source', 'DetailType', 'Detail', 'Input', 'InputPath', 'EventBusName'), text)), { maxLength: 12 }));
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...EVENTS_OPERATIONS), fc.dictionary(fc.constantFrom(...EVENTS_KEYS), value), async (operation, input) => {
        const res = await setup.route({ method: 'POST', path: '/', query: {}, headers: { authorization: auth('events'), 'x-amz-target': `AWSEvents.${operation}`, 'content-type': 'application/x-amz-json-1.1' }, body: utf8(JSON.stringify(input)) });
        expect(res.status, fromUtf8(res.body)).toBeLessThan(500);
        expect(() => JSON.parse(fromUtf8(res.body))).not.toThrow();
      }),
      { numRuns: 300 },
    );
  });
});
