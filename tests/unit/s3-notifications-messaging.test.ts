/**
 * S3 event notifications to SQS queues and SNS topics, through the SDK clients in-process: S3
 * refuses a queue or topic whose policy does not let s3.amazonaws.com send for the bucket, sends
 * `s3:TestEvent` when a configuration is saved, and then the same event record (eventVersion 2.1)
 * it sends to Lambda as the queue's message body or the topic's message.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CreateBucketCommand, DeleteObjectCommand, GetBucketNotificationConfigurationCommand, PutBucketNotificationConfigurationCommand, PutObjectCommand, S3Client, type NotificationConfiguration } from '@aws-sdk/client-s3';
import { CreateQueueCommand, ReceiveMessageCommand, SetQueueAttributesCommand, SQSClient } from '@aws-sdk/client-sqs';
import { CreateTopicCommand, SetTopicAttributesCommand, SNSClient, SubscribeCommand } from '@aws-sdk/client-sns';
import { ACCOUNT, REGION, failure, makeService, quickJSEngine, type Setup } from './support/harness.ts';

const QUEUE_ARN = `arn:aws:sqs:${REGION}:${ACCOUNT}:s3-events`;
const TOPIC_ARN = `arn:aws:sns:${REGION}:${ACCOUNT}:s3-topic`;

/** A policy letting S3 perform `action` on `resource` for the bucket `uploads`, as S3's documentation writes it. */
const allowS3 = (action: string, resource: string, bucket = 'uploads') =>
  JSON.stringify({
    Version: '2012-10-17',
    Statement: [{ Effect: 'Allow', Principal: { Service: 's3.amazonaws.com' }, Action: action, Resource: resource, Condition: { ArnLike: { 'aws:SourceArn': `arn:aws:s3:::${bucket}` }, StringEquals: { 'aws:SourceAccount': ACCOUNT } } }],
  });

describe('S3 event notifications to SQS and SNS', () => {
  let setup: Setup;
  let s3: S3Client;
  let sqs: SQSClient;
  let sns: SNSClient;
  let queueUrl: string;

  const configure = (config: NotificationConfiguration) => s3.send(new PutBucketNotificationConfigurationCommand({ Bucket: 'uploads', NotificationConfiguration: config }));
  const receiveAll = async (url = queueUrl): Promise<string[]> => {
    const out: string[] = [];
    for (;;) {
      const got = await sqs.send(new ReceiveMessageCommand({ QueueUrl: url, MaxNumberOfMessages: 10, VisibilityTimeout: 300 }));
      if (!got.Messages?.length) return out;
      out.push(...got.Messages.map((m) => m.Body!));
    }
  };
  const failedWith = async (p: Promise<unknown>) => {
    const { name, message, status, error } = await failure(p);
    return { name, message, status, ArgumentName1: error['ArgumentName1'], ArgumentValue1: error['ArgumentValue1'] };
  };

  beforeEach(async () => {
    setup = makeService(quickJSEngine());
    ({ s3, sqs, sns } = setup);
    await s3.send(new CreateBucketCommand({ Bucket: 'uploads' }));
    queueUrl = (await sqs.send(new CreateQueueCommand({ QueueName: 's3-events' }))).QueueUrl!;
  });
  afterEach(() => setup.close());

  it('refuses a queue without a policy for S3, a missing queue, and a topic with SNS’s default policy, as S3 does', async () => {
    const queueConfig = { QueueConfigurations: [{ QueueArn: QUEUE_ARN, Events: ['s3:ObjectCreated:*' as const] }] };
    const unable = { name: 'InvalidArgument', message: 'Unable to validate the following destination configurations', status: 400 };
    expect(await failedWith(configure(queueConfig))).toEqual({ ...unable, ArgumentName1: QUEUE_ARN, ArgumentValue1: 'Permissions on the destination queue do not allow S3 to publish notifications from this bucket' });
    // A policy for another bucket does not do.
    await sqs.send(new SetQueueAttributesCommand({ QueueUrl: queueUrl, Attributes: { Policy: allowS3('sqs:SendMessage', QUEUE_ARN, 'other') } }));
    expect((await failedWith(configure(queueConfig))).ArgumentValue1).toBe('Permissions on the destination queue do not allow S3 to publish notifications from this bucket');
    const missing = `arn:aws:sqs:${REGION}:${ACCOUNT}:nope`;
    expect(await failedWith(configure({ QueueConfigurations: [{ QueueArn: missing, Events: ['s3:ObjectCreated:*'] }] }))).toEqual({ ...unable, ArgumentName1: missing, ArgumentValue1: 'The destination queue does not exist' });
    await sns.send(new CreateTopicCommand({ Name: 's3-topic' }));
    expect(await failedWith(configure({ TopicConfigurations: [{ TopicArn: TOPIC_ARN, Events: ['s3:ObjectCreated:*'] }] }))).toEqual({
      ...unable,
      ArgumentName1: TOPIC_ARN,
      ArgumentValue1: 'Permissions on the destination topic do not allow S3 to publish notifications from this bucket',
    });
    expect((await s3.send(new GetBucketNotificationConfigurationCommand({ Bucket: 'uploads' }))).QueueConfigurations).toBeUndefined();
  });

  it('sends s3:TestEvent once the configuration is saved, then each matching event record as the message body', async () => {
    await sqs.send(new SetQueueAttributesCommand({ QueueUrl: queueUrl, Attributes: { Policy: allowS3('sqs:SendMessage', QUEUE_ARN) } }));
    await configure({
      QueueConfigurations: [
        { Id: 'images', QueueArn: QUEUE_ARN, Events: ['s3:ObjectCreated:*'], Filter: { Key: { FilterRules: [{ Name: 'prefix', Value: 'images/' }, { Name: 'suffix', Value: '.png' }] } } },
        { Id: 'removed', QueueArn: QUEUE_ARN, Events: ['s3:ObjectRemoved:*'] },
      ],
    });
    const saved = await s3.send(new GetBucketNotificationConfigurationCommand({ Bucket: 'uploads' }));
    expect(saved.QueueConfigurations).toEqual([
      { Id: 'images', QueueArn: QUEUE_ARN, Events: ['s3:ObjectCreated:*'], Filter: { Key: { FilterRules: [{ Name: 'Prefix', Value: 'images/' }, { Name: 'Suffix', Value: '.png' }] } } },
      { Id: 'removed', QueueArn: QUEUE_ARN, Events: ['s3:ObjectRemoved:*'] },
    ]);
    const [test, ...others] = (await receiveAll()).map((b) => JSON.parse(b) as Record<string, unknown>);
    expect(others).toEqual([]);
    expect(test).toEqual({ Service: 'Amazon S3', Event: 's3:TestEvent', Time: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/), Bucket: 'uploads', RequestId: expect.stringMatching(/^[0-9A-F]{16}$/), HostId: expect.any(String) });

    await s3.send(new PutObjectCommand({ Bucket: 'uploads', Key: 'images/a cat.png', Body: 'meow' }));
    await s3.send(new PutObjectCommand({ Bucket: 'uploads', Key: 'images/a cat.jpg', Body: 'meow' }));
    await s3.send(new DeleteObjectCommand({ Bucket: 'uploads', Key: 'images/a cat.png' }));
    const records = (await receiveAll()).map((b) => (JSON.parse(b) as { Records: Record<string, any>[] }).Records);
    expect(records.map((r) => r.length)).toEqual([1, 1]);
    const [created, removed] = records.map((r) => r[0]!);
    expect(created).toMatchObject({ eventVersion: '2.1', eventSource: 'aws:s3', awsRegion: REGION, eventName: 'ObjectCreated:Put' });
    expect(created!['s3']).toMatchObject({ s3SchemaVersion: '1.0', configurationId: 'images', bucket: { name: 'uploads', arn: 'arn:aws:s3:::uploads' }, object: { key: 'images/a+cat.png', size: 4, eTag: '4a4be40c96ac6314e91d93f38043a634' } });
    expect(removed).toMatchObject({ eventName: 'ObjectRemoved:Delete', s3: { configurationId: 'removed', object: { key: 'images/a+cat.png' } } });
  });

  it('publishes the test event and the records to a topic whose policy allows S3, subject "Amazon S3 Notification"', async () => {
    const { TopicArn } = await sns.send(new CreateTopicCommand({ Name: 's3-topic' }));
    await sns.send(new SetTopicAttributesCommand({ TopicArn, AttributeName: 'Policy', AttributeValue: allowS3('SNS:Publish', TOPIC_ARN) }));
    await sqs.send(new SetQueueAttributesCommand({
      QueueUrl: queueUrl,
      Attributes: { Policy: JSON.stringify({ Statement: [{ Effect: 'Allow', Principal: { Service: 'sns.amazonaws.com' }, Action: 'sqs:SendMessage', Resource: QUEUE_ARN }] }) },
    }));
    await sns.send(new SubscribeCommand({ TopicArn, Protocol: 'sqs', Endpoint: QUEUE_ARN }));
    await configure({ TopicConfigurations: [{ Id: 'all', TopicArn: TOPIC_ARN, Events: ['s3:ObjectCreated:Put'] }] });
    expect((await s3.send(new GetBucketNotificationConfigurationCommand({ Bucket: 'uploads' }))).TopicConfigurations).toEqual([{ Id: 'all', TopicArn: TOPIC_ARN, Events: ['s3:ObjectCreated:Put'] }]);
    await s3.send(new PutObjectCommand({ Bucket: 'uploads', Key: 'k', Body: 'v' }));
    const envelopes = (await receiveAll()).map((b) => JSON.parse(b) as { Type: string; Subject: string; Message: string; TopicArn: string });
    expect(envelopes.map((e) => [e.Type, e.Subject, e.TopicArn])).toEqual([
      ['Notification', 'Amazon S3 Notification', TOPIC_ARN],
      ['Notification', 'Amazon S3 Notification', TOPIC_ARN],
    ]);
    expect(JSON.parse(envelopes[0]!.Message)).toMatchObject({ Service: 'Amazon S3', Event: 's3:TestEvent', Bucket: 'uploads' });
    expect(JSON.parse(envelopes[1]!.Message).Records[0]).toMatchObject({ eventVersion: '2.1', eventName: 'ObjectCreated:Put', s3: { configurationId: 'all', object: { key: 'k', size: 1 } } });
  });
});
