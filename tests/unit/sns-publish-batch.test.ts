/**
 * SNS PublishBatch through the SDK v3 in process: each entry delivered as Publish delivers it, and
 * the request's errors with the codes and messages of sns_test_sns.snapshot.json (and Publish's
 * refusal of a deduplication id on a standard topic).
 */
import { readFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CreateTopicCommand, PublishBatchCommand, PublishCommand, SNSClient, SubscribeCommand, type PublishBatchRequestEntry } from '@aws-sdk/client-sns';
import { CreateQueueCommand, ReceiveMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { ACCOUNT, REGION, failure, makeService, quickJSEngine, type Setup } from './support/harness.ts';

const RECORDINGS = new URL('../fixtures/aws-recordings/', import.meta.url).pathname;
const snapshot = JSON.parse(readFileSync(`${RECORDINGS}/sns_test_sns.snapshot.json`, 'utf8')) as Record<string, { 'recorded-content': Record<string, { Error: { Code: string; Message: string }; ResponseMetadata: { HTTPStatusCode: number } }> }>;

function recordedError(test: string, key: string): { name: string; message: string; status: number } {
  const content = Object.entries(snapshot).find(([name]) => name.endsWith(`::${test}`))?.[1]['recorded-content'][key];
  if (!content) throw new Error(`no recording ${test} / ${key}`);
  return { name: content.Error.Code, message: content.Error.Message, status: content.ResponseMetadata.HTTPStatusCode };
}

describe('SNS PublishBatch', () => {
  let setup: Setup;
  let sns: SNSClient;
  let sqs: SQSClient;
  let topicArn: string;

  const batch = (entries: PublishBatchRequestEntry[], TopicArn = topicArn) => sns.send(new PublishBatchCommand({ TopicArn, PublishBatchRequestEntries: entries }));
  const failed = async (p: Promise<unknown>) => {
    const { message, status, error } = await failure(p);
    // The SDK names modeled errors by their exception class (TooManyEntriesInBatchRequestException): compare the wire's Code.
    return { name: (error['Error'] as { Code: string }).Code, message, status };
  };

  beforeEach(async () => {
    setup = makeService(quickJSEngine());
    ({ sns, sqs } = setup);
    topicArn = (await sns.send(new CreateTopicCommand({ Name: 'batch-topic' }))).TopicArn!;
  });
  afterEach(() => setup.close());

  it('publishes every entry to the subscribed queue, answering Successful with each Id and MessageId and an empty Failed', async () => {
    const queueUrl = (await sqs.send(new CreateQueueCommand({ QueueName: 'batch-queue', Attributes: { Policy: JSON.stringify({ Statement: [{ Effect: 'Allow', Principal: { Service: 'sns.amazonaws.com' }, Action: 'sqs:SendMessage' }] }) } }))).QueueUrl!;
    const sub = await sns.send(new SubscribeCommand({ TopicArn: topicArn, Protocol: 'sqs', Endpoint: `arn:aws:sqs:${REGION}:${ACCOUNT}:batch-queue`, Attributes: { RawMessageDelivery: 'true' } }));
    expect(sub.SubscriptionArn).toBeDefined();
    const out = await batch([
      { Id: '1', Message: 'Test Message with one attribute', MessageAttributes: { attr1: { DataType: 'Number', StringValue: '19.12' } } },
      { Id: 'valid-message_123', Message: 'Test Message without attribute' },
    ]);
    expect(out.Failed).toEqual([]);
    expect(out.Successful?.map((s) => s.Id)).toEqual(['1', 'valid-message_123']);
    for (const s of out.Successful ?? []) expect(s.MessageId).toMatch(/^[0-9a-f-]{36}$/);
    const got = await sqs.send(new ReceiveMessageCommand({ QueueUrl: queueUrl, MaxNumberOfMessages: 10, MessageAttributeNames: ['All'] }));
    expect(got.Messages?.map((m) => [m.Body, m.MD5OfMessageAttributes])).toEqual([
      ['Test Message with one attribute', '1f07082409022a373fa2a2601f82b3cb'],
      ['Test Message without attribute', undefined],
    ]);
  });

  it('refuses the request as SNS does', async () => {
    const t = 'test_publish_batch_exceptions';
    expect(await failed(batch(Array.from({ length: 11 }, (_, i) => ({ Id: String(i), Message: 'm' }))))).toEqual(recordedError(t, 'too-many-msg'));
    expect(await failed(batch([{ Id: '1', Message: 'a' }, { Id: '1', Message: 'b' }]))).toEqual(recordedError(t, 'same-msg-id'));
    expect(await failed(batch([{ Id: '1', Message: '{"sqs":"x"}', MessageStructure: 'json' }]))).toEqual(recordedError(t, 'no-default-key-json'));
    expect(await failed(batch([]))).toEqual({ name: 'EmptyBatchRequest', message: "The batch request doesn't contain any entries.", status: 400 });
    expect(await failed(batch([{ Id: '1', Message: 'm', MessageDeduplicationId: 'd' }]))).toEqual(recordedError('test_validations_for_fifo', 'no-msg-dedup-regular-topic'));
    expect(await failed(sns.send(new PublishCommand({ TopicArn: topicArn, Message: 'm', MessageDeduplicationId: 'd' })))).toEqual(recordedError('test_validations_for_fifo', 'no-msg-dedup-regular-topic'));
    const ids = 'test_publish_batch_invalid_entry_id';
    expect(await failed(batch([{ Id: 'message.id', Message: 'm' }]))).toEqual(recordedError(ids, 'invalid-char-dot'));
    expect(await failed(batch([{ Id: 'msg@123#test', Message: 'm' }]))).toEqual(recordedError(ids, 'invalid-char-special'));
    expect(await failed(batch([{ Id: 'a'.repeat(81), Message: 'm' }]))).toEqual(recordedError(ids, 'id-too-long-81'));
    expect((await batch([{ Id: 'a'.repeat(80), Message: 'm' }])).Successful?.[0]?.Id).toBe('a'.repeat(80));
    const long = 'x'.repeat(30_000);
    expect(await failed(batch(Array.from({ length: 9 }, (_, i) => ({ Id: String(i), Message: long }))))).toEqual(recordedError('test_publish_batch_too_long_message', 'error-no-attrs'));
    expect(await failed(batch([{ Id: '1', Message: 'm' }], `arn:aws:sns:${REGION}:${ACCOUNT}:no-such-topic`))).toEqual(recordedError('test_publish_batch_messages_without_topic', 'publish-batch-no-topic'));
  });
});
