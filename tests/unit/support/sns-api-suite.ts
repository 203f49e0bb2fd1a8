/**
 * The SNS specification, run through the real `SNSClient` (query protocol) on a virtual clock:
 * topics, subscriptions, Publish into an SQS queue (envelope and raw) and into a Lambda function
 * (SNS's event record, allowed by the function's resource policy). Each transport (in-process
 * request handler, HTTP server on 127.0.0.1) runs the same suite; codes, statuses and messages
 * are those of sns_test_sns.snapshot.json.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  CreateTopicCommand,
  DeleteTopicCommand,
  GetSubscriptionAttributesCommand,
  GetTopicAttributesCommand,
  ListSubscriptionsByTopicCommand,
  ListSubscriptionsCommand,
  ListTopicsCommand,
  PublishCommand,
  SetSubscriptionAttributesCommand,
  SubscribeCommand,
  UnsubscribeCommand,
  type SNSClient,
} from '@aws-sdk/client-sns';
import { CreateQueueCommand, ReceiveMessageCommand, type SQSClient } from '@aws-sdk/client-sqs';
import { AddPermissionCommand, CreateFunctionCommand, type LambdaClient } from '@aws-sdk/client-lambda';
import { FilterLogEventsCommand, type CloudWatchLogsClient } from '@aws-sdk/client-cloudwatch-logs';
import type { LambdaService } from '../../../src/emulator/index.ts';
import { ACCOUNT, REGION, ROLE, makeService, zipBytes } from './harness.ts';
import { failure } from './failure.ts';
import { pattern, recordingsOf } from './recordings.ts';
import { createVmEnvironmentFactory } from './vm-engine.ts';
import { allowSendPolicy } from './queue-policy.ts';

export interface SnsConnection {
  sns: SNSClient;
  sqs: SQSClient;
  lambda: LambdaClient;
  logs: CloudWatchLogsClient;
  close(): Promise<void>;
}

export const snsRecorded = recordingsOf('sns_test_sns.snapshot.json', 'tests/aws/services/sns/test_sns.py::');

type RecordedError = { Error: { Code: string; Message: string; Type: string }; ResponseMetadata: { HTTPStatusCode: number } };

/** A failed call against a recorded error: code, message (placeholders match anything) and status. */
async function expectRecordedError(call: Promise<unknown>, test: string, key: string): Promise<void> {
  const actual = await failure(call);
  const rec = snsRecorded(test, key) as RecordedError;
  // The SDK names the exception after its model's shape; the query error code is on the wire as recorded.
  expect({ code: actual.code ?? actual.name, status: actual.status }).toEqual({ code: rec.Error.Code, status: rec.ResponseMetadata.HTTPStatusCode });
  expect(actual.message).toMatch(pattern(rec.Error.Message));
}

const TOPIC_ARN = (name: string) => `arn:aws:sns:${REGION}:${ACCOUNT}:${name}`;
const QUEUE_ARN = (name: string) => `arn:aws:sqs:${REGION}:${ACCOUNT}:${name}`;
const FUNCTION_ARN = (name: string) => `arn:aws:lambda:${REGION}:${ACCOUNT}:function:${name}`;

export function snsApiSuite(transport: string, connect: (service: LambdaService) => Promise<SnsConnection>): void {
  describe(`SNS through ${transport}`, () => {
    let service: LambdaService;
    let c: SnsConnection;
    let sns: SNSClient;
    const topic = async (name: string) => (await sns.send(new CreateTopicCommand({ Name: name }))).TopicArn!;
    /** A queue whose policy lets SNS send to it for `topicArn`. */
    const queueFor = async (name: string, topicArn: string) =>
      (await c.sqs.send(new CreateQueueCommand({ QueueName: name, Attributes: { Policy: allowSendPolicy(QUEUE_ARN(name), 'sns.amazonaws.com', topicArn) } }))).QueueUrl!;

    beforeEach(async () => {
      ({ service } = makeService(createVmEnvironmentFactory()));
      c = await connect(service);
      sns = c.sns;
    });
    afterEach(async () => {
      await c.close();
      service.shutdown();
    });

    it('CreateTopic is idempotent; GetTopicAttributes answers what SNS records; ListTopics and DeleteTopic', async () => {
      const arn = await topic('orders');
      expect(arn).toBe(TOPIC_ARN('orders'));
      expect(await topic('orders')).toBe(arn);
      const { Attributes } = await sns.send(new GetTopicAttributesCommand({ TopicArn: arn }));
      const rec = (snsRecorded('TestSNSTopicCrud::test_create_topic_test_arn', 'get-topic-attrs') as { Attributes: Record<string, unknown> }).Attributes;
      const filled = JSON.parse(JSON.stringify(rec).replaceAll('<partition>', 'aws').replaceAll('<region>', REGION).replaceAll('<resource:1>', 'orders').replaceAll('111111111111', ACCOUNT)) as Record<string, unknown>;
      expect({ ...Attributes, Policy: JSON.parse(Attributes!['Policy']!), EffectiveDeliveryPolicy: JSON.parse(Attributes!['EffectiveDeliveryPolicy']!) }).toEqual(filled);
      await topic('alerts');
      expect((await sns.send(new ListTopicsCommand({}))).Topics).toEqual([{ TopicArn: TOPIC_ARN('alerts') }, { TopicArn: arn }]);
      await sns.send(new DeleteTopicCommand({ TopicArn: arn }));
      await sns.send(new DeleteTopicCommand({ TopicArn: arn }));
      await expectRecordedError(sns.send(new GetTopicAttributesCommand({ TopicArn: arn })), 'TestSNSTopicCrud::test_create_topic_test_arn', 'topic-not-exists');
      expect((await sns.send(new ListTopicsCommand({}))).Topics).toEqual([{ TopicArn: TOPIC_ARN('alerts') }]);
    });

    it('refuses what SNS refuses, with the recorded codes and messages', async () => {
      await expectRecordedError(sns.send(new GetTopicAttributesCommand({ TopicArn: 'mytopic' })), 'TestSNSTopicCrud::test_create_topic_with_attributes', 'get-attrs-malformed-topic');
      await expectRecordedError(sns.send(new CreateTopicCommand({ Name: 'a'.repeat(257) })), 'TestSNSTopicCrudV2::test_create_topic_name_constraints', 'name-too-long');
      await expectRecordedError(sns.send(new CreateTopicCommand({ Name: 'bad.fifo' })), 'TestSNSTopicCrudV2::test_create_topic_name_constraints', 'name-contains-fifo');
      await expectRecordedError(sns.send(new PublishCommand({ TopicArn: 'randomtopic', Message: 'x' })), 'TestSNSPublishCrud::test_publish_wrong_arn_format', 'invalid-topic-arn');
      await expectRecordedError(sns.send(new PublishCommand({ TopicArn: TOPIC_ARN('nope'), Message: 'x' })), 'TestSNSPublishCrud::test_unknown_topic_publish', 'error');
      const arn = await topic('t');
      await expectRecordedError(sns.send(new PublishCommand({ TopicArn: arn, Message: '' })), 'TestSNSPublishCrud::test_empty_sns_message', 'empty-msg-error');
      await expectRecordedError(sns.send(new PublishCommand({ TopicArn: arn, Message: 'x', Subject: '' })), 'TestSNSPublishCrud::test_publish_with_empty_subject', 'response-with-empty-subject');
      await expectRecordedError(sns.send(new PublishCommand({ TopicArn: arn, Message: 'x'.repeat(262_145) })), 'TestSNSPublishCrud::test_publish_too_long_message', 'error');
      await expectRecordedError(sns.send(new PublishCommand({ TopicArn: arn, Message: '{"sqs":"x"}', MessageStructure: 'json' })), 'TestSNSPublishCrud::test_message_structure_json_exc', 'missing-default-key');
      await expectRecordedError(
        sns.send(new PublishCommand({ TopicArn: arn, Message: 'x', MessageAttributes: { attr1: { DataType: 'String', StringValue: '' } } })),
        'TestSNSSubscriptionSQS::test_empty_or_wrong_message_attributes',
        'missing_string_attr',
      );
      await expectRecordedError(sns.send(new SubscribeCommand({ TopicArn: arn, Protocol: 'test-protocol', Endpoint: 'x' })), 'TestSNSSubscriptionCrud::test_subscribe_with_invalid_protocol', 'exception');
      await expectRecordedError(sns.send(new SubscribeCommand({ TopicArn: TOPIC_ARN('nope'), Protocol: 'sqs', Endpoint: QUEUE_ARN('q') })), 'TestSNSSubscriptionCrudV2::test_subscribe_unknown_topic', 'subscribe-unknown-topic');
      await expectRecordedError(sns.send(new SubscribeCommand({ TopicArn: arn, Protocol: 'sqs', Endpoint: 'http://127.0.0.1/000000000000/q' })), 'TestSNSSubscriptionCrudV2::test_subscribe_sqs_queue_url', 'subscribe-sqs-via-url-error');
      await expectRecordedError(sns.send(new UnsubscribeCommand({ SubscriptionArn: 'randomstring' })), 'TestSNSSubscriptionCrud::test_unsubscribe_wrong_arn_format', 'invalid-unsubscribe-arn-1');
      await expectRecordedError(sns.send(new UnsubscribeCommand({ SubscriptionArn: arn })), 'TestSNSSubscriptionCrud::test_unsubscribe_wrong_arn_format', 'invalid-unsubscribe-arn-3');
      await expectRecordedError(sns.send(new GetSubscriptionAttributesCommand({ SubscriptionArn: `${arn}:00000000-0000-4000-8000-000000000000` })), 'TestSNSSubscriptionCrudV2::test_get_subscription_attributes_error_not_exists', 'get-sub-attrs-nonexistent');
      const sub = (await sns.send(new SubscribeCommand({ TopicArn: arn, Protocol: 'sqs', Endpoint: QUEUE_ARN('q') }))).SubscriptionArn!;
      const set = (AttributeName: string, AttributeValue: string) => sns.send(new SetSubscriptionAttributesCommand({ SubscriptionArn: sub, AttributeName, AttributeValue }));
      await expectRecordedError(set('FakeAttribute', 'x'), 'TestSNSSubscriptionCrud::test_validate_set_sub_attributes', 'fake-attribute');
      await expectRecordedError(set('RawMessageDelivery', 'test-ValUe'), 'TestSNSSubscriptionCrud::test_validate_set_sub_attributes', 'raw-message-wrong-value');
      await expectRecordedError(set('RawMessageDelivery', ''), 'TestSNSSubscriptionCrud::test_validate_set_sub_attributes', 'raw-message-empty-value');
      await expectRecordedError(set('RedrivePolicy', JSON.stringify({ deadLetterTargetArn: 'fake-arn' })), 'TestSNSSubscriptionCrud::test_validate_set_sub_attributes', 'fake-arn-redrive-policy');
    });

    it('Subscribe, ListSubscriptions(ByTopic), Get/SetSubscriptionAttributes and Unsubscribe', async () => {
      const arn = await topic('t');
      const sub = (await sns.send(new SubscribeCommand({ TopicArn: arn, Protocol: 'sqs', Endpoint: QUEUE_ARN('q') }))).SubscriptionArn!;
      expect(sub).toMatch(new RegExp(`^${arn}:[0-9a-f-]{36}$`));
      expect((await sns.send(new SubscribeCommand({ TopicArn: arn, Protocol: 'sqs', Endpoint: QUEUE_ARN('q') }))).SubscriptionArn).toBe(sub);
      expect((await sns.send(new SubscribeCommand({ TopicArn: arn, Protocol: 'sqs', Endpoint: QUEUE_ARN('q'), Attributes: { RawMessageDelivery: 'false' } }))).SubscriptionArn).toBe(sub);
      await expectRecordedError(
        sns.send(new SubscribeCommand({ TopicArn: arn, Protocol: 'sqs', Endpoint: QUEUE_ARN('q'), Attributes: { RawMessageDelivery: 'true' } })),
        'TestSNSSubscriptionCrud::test_subscribe_idempotency',
        'subscribe-diff-attributes',
      );
      const summary = { SubscriptionArn: sub, Owner: ACCOUNT, Protocol: 'sqs', Endpoint: QUEUE_ARN('q'), TopicArn: arn };
      expect((await sns.send(new ListSubscriptionsByTopicCommand({ TopicArn: arn }))).Subscriptions).toEqual([summary]);
      expect((await sns.send(new ListSubscriptionsCommand({}))).Subscriptions).toEqual([summary]);
      await sns.send(new SetSubscriptionAttributesCommand({ SubscriptionArn: sub, AttributeName: 'RawMessageDelivery', AttributeValue: 'true' }));
      const { Attributes } = await sns.send(new GetSubscriptionAttributesCommand({ SubscriptionArn: sub }));
      const rec = (snsRecorded('TestSNSSubscriptionCrudV2::test_set_subscription_attributes', 'set-subscription-attributes') as { Attributes: Record<string, string> }).Attributes;
      expect(Object.keys(Attributes!).sort()).toEqual(Object.keys(rec).sort());
      expect(Attributes).toMatchObject({ ConfirmationWasAuthenticated: 'true', PendingConfirmation: 'false', Protocol: 'sqs', RawMessageDelivery: 'true', Owner: ACCOUNT, Endpoint: QUEUE_ARN('q'), TopicArn: arn, SubscriptionArn: sub });
      await sns.send(new UnsubscribeCommand({ SubscriptionArn: sub }));
      await sns.send(new UnsubscribeCommand({ SubscriptionArn: sub }));
      expect((await sns.send(new ListSubscriptionsByTopicCommand({ TopicArn: arn }))).Subscriptions).toEqual([]);
    });

    it('Publish delivers SNS JSON envelope to a queue, or the raw message with its attributes', async () => {
      const arn = await topic('t');
      const envelopeUrl = await queueFor('envelope', arn);
      const rawUrl = await queueFor('raw', arn);
      // A queue whose policy does not let SNS send gets nothing, as on AWS.
      const closedUrl = (await c.sqs.send(new CreateQueueCommand({ QueueName: 'closed' }))).QueueUrl!;
      await sns.send(new SubscribeCommand({ TopicArn: arn, Protocol: 'sqs', Endpoint: QUEUE_ARN('closed') }));
      const enveloped = (await sns.send(new SubscribeCommand({ TopicArn: arn, Protocol: 'sqs', Endpoint: QUEUE_ARN('envelope') }))).SubscriptionArn!;
      await sns.send(new SubscribeCommand({ TopicArn: arn, Protocol: 'sqs', Endpoint: QUEUE_ARN('raw'), Attributes: { RawMessageDelivery: 'true' } }));
      const published = await sns.send(new PublishCommand({ TopicArn: arn, Message: 'Test msg', MessageAttributes: { attr1: { DataType: 'Number', StringValue: '99.12' } } }));
      expect(published.MessageId).toMatch(/^[0-9a-f-]{36}$/);
      expect((await c.sqs.send(new ReceiveMessageCommand({ QueueUrl: closedUrl }))).Messages).toBeUndefined();

      const [raw] = (await c.sqs.send(new ReceiveMessageCommand({ QueueUrl: rawUrl, MessageAttributeNames: ['All'] }))).Messages!;
      const rawRec = (snsRecorded('TestSNSSubscriptionSQS::test_publish_sqs_from_sns', 'message-raw-true') as { Messages: Record<string, unknown>[] }).Messages[0]!;
      expect({ Body: raw!.Body, MessageAttributes: raw!.MessageAttributes, MD5OfMessageAttributes: raw!.MD5OfMessageAttributes }).toEqual({
        Body: rawRec['Body'],
        MessageAttributes: rawRec['MessageAttributes'],
        MD5OfMessageAttributes: rawRec['MD5OfMessageAttributes'],
      });

      const [message] = (await c.sqs.send(new ReceiveMessageCommand({ QueueUrl: envelopeUrl }))).Messages!;
      const body = JSON.parse(message!.Body!) as Record<string, unknown>;
      const envRec = (snsRecorded('TestSNSSubscriptionSQS::test_publish_sqs_from_sns', 'message-raw-false') as { Messages: { Body: Record<string, unknown> }[] }).Messages[0]!.Body;
      expect(Object.keys(body)).toEqual(Object.keys(envRec));
      expect(body).toMatchObject({ Type: 'Notification', MessageId: published.MessageId, TopicArn: arn, Message: 'Test msg', SignatureVersion: '1', MessageAttributes: { attr1: { Type: 'Number', Value: '99.12' } } });
      expect(body['Timestamp']).toBe(new Date(service.clock.now()).toISOString());
      expect(body['UnsubscribeURL']).toMatch(pattern(String(envRec['UnsubscribeURL']).replace('<unsubscribe-domain>', 'https://sns.<region>.amazonaws.com').replace('<resource:4>:<resource:2>', enveloped.split(':').slice(5).join(':'))));
      // SNS writes its envelope one member a line.
      expect(message!.Body!.split('\n')[1]).toBe('  "Type" : "Notification",');
    });

    it('Publish invokes a subscribed function asynchronously with SNS event record, once its resource policy allows sns.amazonaws.com', async () => {
      await c.lambda.send(new CreateFunctionCommand({
        FunctionName: 'reader', Runtime: 'nodejs22.x', Role: ROLE, Handler: 'index.handler',
        Code: { ZipFile: zipBytes({ 'index.js': 'exports.handler = async (event) => { console.log(JSON.stringify(event)); return "ok"; };' }) },
      }));
      const arn = await topic('t');
      const sub = (await sns.send(new SubscribeCommand({ TopicArn: arn, Protocol: 'lambda', Endpoint: FUNCTION_ARN('reader') }))).SubscriptionArn!;
      await sns.send(new PublishCommand({ TopicArn: arn, Message: 'refused' }));
      await service.scheduler.drain();
      await c.lambda.send(new AddPermissionCommand({ FunctionName: 'reader', StatementId: 'sns', Action: 'lambda:InvokeFunction', Principal: 'sns.amazonaws.com', SourceArn: arn }));
      const published = await sns.send(new PublishCommand({ TopicArn: arn, Message: 'Hello world.', Subject: '[Subject] Test subject', MessageAttributes: { a: { DataType: 'String', StringValue: 'b' } } }));
      await service.scheduler.drain();
      const logged = await c.logs.send(new FilterLogEventsCommand({ logGroupName: '/aws/lambda/reader', filterPattern: '"Records"' }));
      expect(logged.events).toHaveLength(1);
      const event = JSON.parse(logged.events![0]!.message!.split('\t')[3]!) as { Records: Record<string, unknown>[] };
      expect(Object.keys(event.Records[0]!)).toEqual(['EventSource', 'EventVersion', 'EventSubscriptionArn', 'Sns']);
      expect(event.Records[0]).toMatchObject({ EventSource: 'aws:sns', EventVersion: '1.0', EventSubscriptionArn: sub });
      const record = event.Records[0]!['Sns'] as Record<string, unknown>;
      const rec = snsRecorded('TestSNSSubscriptionLambda::test_python_lambda_subscribe_sns_topic', 'notification') as Record<string, unknown>;
      expect(Object.keys(record).sort()).toEqual(Object.keys(rec).sort());
      expect(Object.keys(record)).toEqual(['Type', 'MessageId', 'TopicArn', 'Subject', 'Message', 'Timestamp', 'SignatureVersion', 'Signature', 'SigningCertUrl', 'UnsubscribeUrl', 'MessageAttributes']);
      expect(record).toMatchObject({ Type: 'Notification', MessageId: published.MessageId, TopicArn: arn, Subject: rec['Subject'], Message: rec['Message'], SignatureVersion: '1', MessageAttributes: { a: { Type: 'String', Value: 'b' } } });
    });

    it('a FilterPolicy on message attributes lets through only what it matches', async () => {
      const arn = await topic('t');
      const url = await queueFor('filtered', arn);
      await sns.send(new SubscribeCommand({ TopicArn: arn, Protocol: 'sqs', Endpoint: QUEUE_ARN('filtered'), Attributes: { RawMessageDelivery: 'true', FilterPolicy: JSON.stringify({ color: ['red'], size: [{ numeric: ['>', 10] }] }) } }));
      await sns.send(new PublishCommand({ TopicArn: arn, Message: 'blue', MessageAttributes: { color: { DataType: 'String', StringValue: 'blue' }, size: { DataType: 'Number', StringValue: '20' } } }));
      await sns.send(new PublishCommand({ TopicArn: arn, Message: 'small', MessageAttributes: { color: { DataType: 'String', StringValue: 'red' }, size: { DataType: 'Number', StringValue: '5' } } }));
      await sns.send(new PublishCommand({ TopicArn: arn, Message: 'match', MessageAttributes: { color: { DataType: 'String', StringValue: 'red' }, size: { DataType: 'Number', StringValue: '11' } } }));
      const got = (await c.sqs.send(new ReceiveMessageCommand({ QueueUrl: url, MaxNumberOfMessages: 10 }))).Messages ?? [];
      expect(got.map((m) => m.Body)).toEqual(['match']);
    });
  });
}
