/**
 * The SQS specification, run through the real `SQSClient` (the JSON protocol) on a virtual
 * clock. Each transport (in-process request handler, HTTP server on 127.0.0.1) runs the same
 * suite; codes, statuses, messages and digests are those of sqs_test_sqs.snapshot.json.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  ChangeMessageVisibilityCommand,
  CreateQueueCommand,
  DeleteMessageBatchCommand,
  DeleteMessageCommand,
  DeleteQueueCommand,
  GetQueueAttributesCommand,
  GetQueueUrlCommand,
  ListQueuesCommand,
  ListQueueTagsCommand,
  PurgeQueueCommand,
  ReceiveMessageCommand,
  SendMessageBatchCommand,
  SendMessageCommand,
  SetQueueAttributesCommand,
  TagQueueCommand,
  UntagQueueCommand,
  type SQSClient,
} from '@aws-sdk/client-sqs';
import type { LambdaService, VirtualClock } from '../../../src/emulator/index.ts';
import { ACCOUNT, REGION, makeService } from './harness.ts';
import { failure, type Failure } from './failure.ts';
import { pattern, recordingsOf } from './recordings.ts';
import { createVmEnvironmentFactory } from './vm-engine.ts';

export interface SqsConnection {
  sqs: SQSClient;
  /** `scheme://host` the client addresses: queue URLs start with it. */
  origin: string;
  close(): Promise<void>;
}

const recorded = recordingsOf('sqs_test_sqs.snapshot.json', 'tests/aws/services/sqs/test_sqs.py::');

/** Compares with a recorded boto3 error (JSON protocol): its Code is the query error code SDKs read from x-amzn-query-error. */
function expectRecordedError(actual: Failure, test: string, key: string): void {
  const rec = recorded(test, key) as { Error: { Code: string; Message: string }; ResponseMetadata: { HTTPStatusCode: number } };
  expect({ code: actual.code, status: actual.status }).toEqual({ code: rec.Error.Code, status: rec.ResponseMetadata.HTTPStatusCode });
  expect(actual.message).toMatch(pattern(rec.Error.Message));
}

const withoutMetadata = <T extends object>(o: T): Omit<T, '$metadata'> => {
  const { $metadata: _, ...rest } = o as T & { $metadata?: unknown };
  return rest;
};

export function sqsApiSuite(transport: string, connect: (service: LambdaService) => Promise<SqsConnection>): void {
  describe(`SQS through ${transport}`, () => {
    let service: LambdaService;
    let clock: VirtualClock;
    let c: SqsConnection;
    let sqs: SQSClient;
    const url = (name: string) => `${c.origin}/${ACCOUNT}/${name}`;
    const create = async (name: string, Attributes?: Record<string, string>) => (await sqs.send(new CreateQueueCommand({ QueueName: name, Attributes }))).QueueUrl!;
    const send = (QueueUrl: string, MessageBody: string, extra: Record<string, unknown> = {}) => sqs.send(new SendMessageCommand({ QueueUrl, MessageBody, ...extra }));
    const receive = async (QueueUrl: string, extra: Record<string, unknown> = {}) => (await sqs.send(new ReceiveMessageCommand({ QueueUrl, ...extra }))).Messages ?? [];
    const attributes = async (QueueUrl: string, names: string[] = ['All']) =>
      (await sqs.send(new GetQueueAttributesCommand({ QueueUrl, AttributeNames: names as never }))).Attributes as Record<string, string> | undefined;

    beforeEach(async () => {
      ({ service, clock } = makeService(createVmEnvironmentFactory()));
      c = await connect(service);
      sqs = c.sqs;
    });
    afterEach(async () => {
      await c.close();
      service.shutdown();
    });

    describe('queues', () => {
      it('CreateQueue answers the queue URL on the endpoint the client used; GetQueueUrl and ListQueues agree', async () => {
        expect(await create('orders')).toBe(url('orders'));
        expect((await sqs.send(new GetQueueUrlCommand({ QueueName: 'orders' }))).QueueUrl).toBe(url('orders'));
        expect(withoutMetadata(await sqs.send(new ListQueuesCommand({})))).toEqual({ QueueUrls: [url('orders')] });
      });

      it('a new queue has the recorded attributes and defaults', async () => {
        const queueUrl = await create('defaults');
        const rec = recorded('TestSqsProvider::test_set_queue_attributes_default_values[sqs]', 'get-queue-attributes-initial-values') as { Attributes: Record<string, string> };
        const got = (await attributes(queueUrl))!;
        expect(Object.keys(got).sort()).toEqual(Object.keys(rec.Attributes).sort());
        for (const [name, value] of Object.entries(rec.Attributes)) {
          if (name.endsWith('Timestamp')) expect(got[name]).toBe(String(Math.floor(clock.now() / 1000)));
          else if (name === 'QueueArn') expect(got[name]).toBe(`arn:aws:sqs:${REGION}:${ACCOUNT}:defaults`);
          else expect(got[name]).toBe(value);
        }
      });

      it('SetQueueAttributes changes what GetQueueAttributes reads, as recorded', async () => {
        const queueUrl = await create('updated', { VisibilityTimeout: '20', ReceiveMessageWaitTimeSeconds: '10', MessageRetentionPeriod: '604800' });
        await sqs.send(new SetQueueAttributesCommand({ QueueUrl: queueUrl, Attributes: { DelaySeconds: '420', MaximumMessageSize: '2048', VisibilityTimeout: '69' } }));
        const rec = recorded('TestSqsProvider::test_create_and_update_queue_attributes[sqs]', 'get_updated_queue_attributes') as { Attributes: Record<string, string> };
        const got = (await attributes(queueUrl))!;
        for (const name of ['DelaySeconds', 'MaximumMessageSize', 'MessageRetentionPeriod', 'ReceiveMessageWaitTimeSeconds', 'SqsManagedSseEnabled', 'VisibilityTimeout']) {
          expect(got[name]).toBe(rec.Attributes[name]);
        }
      });

      it('KMS encryption replaces SQS-managed encryption, and setting both is refused', async () => {
        const queueUrl = await create('kms');
        await sqs.send(new SetQueueAttributesCommand({ QueueUrl: queueUrl, Attributes: { KmsMasterKeyId: 'testKeyId', KmsDataKeyReusePeriodSeconds: '6000' } }));
        const rec = recorded('TestSqsProvider::test_sse_queue_attributes[sqs]', 'sse_kms_attributes') as { Attributes: Record<string, string> };
        expect(await attributes(queueUrl, ['KmsMasterKeyId', 'KmsDataKeyReusePeriodSeconds', 'SqsManagedSseEnabled'])).toEqual(rec.Attributes);
        const both = await failure(sqs.send(new SetQueueAttributesCommand({ QueueUrl: queueUrl, Attributes: { KmsMasterKeyId: 'k', SqsManagedSseEnabled: 'true' } })));
        const error = recorded('TestSqsProvider::test_sse_kms_and_sqs_are_mutually_exclusive[sqs]', 'error') as string;
        expect(`An error occurred (${String(both.code)}) when calling the SetQueueAttributes operation: ${both.message}`).toBe(error);
      });

      it('CreateQueue with the same name and other attributes fails as recorded; with the same ones it answers the URL', async () => {
        await create('same', { DelaySeconds: '1' });
        expect(await create('same', { DelaySeconds: '1' })).toBe(url('same'));
        const f = await failure(create('same', { DelaySeconds: '2' }));
        expectRecordedError(f, 'TestSqsProvider::test_create_queue_with_different_attributes_raises_exception[sqs]', 'create_queue_01');
        expect(f.name).toBe('QueueNameExists');
      });

      it('FIFO attributes on a standard queue fail as recorded; a FIFO queue is refused with what the emulator lacks', async () => {
        const t = 'TestSqsProvider::test_create_standard_queue_with_fifo_attribute_raises_error[sqs]';
        expectRecordedError(await failure(create('std', { FifoQueue: 'false' })), t, 'invalid-attribute-fifo-queue');
        expectRecordedError(await failure(create('std', { ContentBasedDeduplication: 'true' })), t, 'invalid-attribute-content-based-deduplication');
        expectRecordedError(await failure(create('std', { DeduplicationScope: 'queue' })), t, 'invalid-attribute-deduplication-scope');
        expectRecordedError(await failure(create('std', { FifoThroughputLimit: 'perQueue' })), t, 'invalid-attribute-throughput-limit');
        const fifo = await failure(create('jobs.fifo', { FifoQueue: 'true' }));
        expect(fifo).toEqual({
          name: 'UnsupportedOperation',
          code: 'AWS.SimpleQueueService.UnsupportedOperation',
          status: 400,
          message: 'The Lambda Workbook emulator does not provide FIFO queues yet: create a standard queue (a name without .fifo and no FifoQueue attribute).',
        });
      });

      it('a queue that does not exist is QueueDoesNotExist, by URL and by name, as recorded', async () => {
        const t = 'TestSqsProvider::test_non_existent_queue';
        const byUrl = await failure(attributes(url('missing')));
        expectRecordedError(byUrl, t, 'queue-does-not-exist');
        expect(byUrl.name).toBe('QueueDoesNotExist');
        expectRecordedError(await failure(sqs.send(new GetQueueUrlCommand({ QueueName: 'missing' }))), t, 'queue-does-not-exist-url');
      });

      it('ListQueues pages with MaxResults and NextToken, and filters by prefix', async () => {
        for (let i = 0; i < 5; i++) await create(`page-${i}`);
        await create('other');
        const first = await sqs.send(new ListQueuesCommand({ QueueNamePrefix: 'page-', MaxResults: 2 }));
        expect(first.QueueUrls).toEqual([url('page-0'), url('page-1')]);
        expect(first.NextToken).toEqual(expect.any(String));
        const rest = await sqs.send(new ListQueuesCommand({ QueueNamePrefix: 'page-', MaxResults: 10, NextToken: first.NextToken }));
        expect(withoutMetadata(rest)).toEqual({ QueueUrls: [2, 3, 4].map((i) => url(`page-${i}`)) });
      });

      it('tags as recorded: TagQueue adds, UntagQueue removes, no tags means no Tags', async () => {
        const queueUrl = await create('tagged');
        await sqs.send(new TagQueueCommand({ QueueUrl: queueUrl, Tags: { tag1: 'value1', tag2: 'value2', tag3: '' } }));
        const t = 'TestSqsProvider::test_tag_untag_queue[sqs]';
        const tags = async () => withoutMetadata(await sqs.send(new ListQueueTagsCommand({ QueueUrl: queueUrl })));
        expect(await tags()).toEqual({ Tags: (recorded(t, 'get-tag-1') as { Tags: unknown }).Tags });
        await sqs.send(new UntagQueueCommand({ QueueUrl: queueUrl, TagKeys: ['tag1', 'tag3'] }));
        expect(await tags()).toEqual({ Tags: (recorded(t, 'get-tag-2') as { Tags: unknown }).Tags });
        await sqs.send(new UntagQueueCommand({ QueueUrl: queueUrl, TagKeys: ['tag2'] }));
        expect(await tags()).toEqual({});
      });

      it('a second PurgeQueue within 60 seconds is refused with 403, as recorded; after a minute it purges', async () => {
        const queueUrl = await create('purged');
        await send(queueUrl, 'x');
        await sqs.send(new PurgeQueueCommand({ QueueUrl: queueUrl }));
        const f = await failure(sqs.send(new PurgeQueueCommand({ QueueUrl: queueUrl })));
        expectRecordedError(f, 'TestSqsProvider::test_successive_purge_calls_fail[sqs]', 'purge_queue_error');
        expect(f.message).toBe('Only one PurgeQueue operation on purged is allowed every 60 seconds.');
        clock.advance(60_000);
        await sqs.send(new PurgeQueueCommand({ QueueUrl: queueUrl }));
        expect(await receive(queueUrl)).toEqual([]);
      });

      it('DeleteQueue removes the queue; its name is free again after a minute', async () => {
        const queueUrl = await create('gone');
        await sqs.send(new DeleteQueueCommand({ QueueUrl: queueUrl }));
        expect((await failure(receive(queueUrl))).name).toBe('QueueDoesNotExist');
        const again = await failure(create('gone'));
        expect(again).toMatchObject({ code: 'AWS.SimpleQueueService.QueueDeletedRecently', message: 'You must wait 60 seconds after deleting a queue before you can create another with the same name.' });
        clock.advance(60_000);
        expect(await create('gone')).toBe(url('gone'));
      });
    });

    describe('messages', () => {
      it('SendMessage and ReceiveMessage report SQS’s MD5 digests of body and attributes, as recorded', async () => {
        const queueUrl = await create('digests');
        const attrs = { General: { DataType: 'String', StringValue: 'Kenobi' }, Hello: { DataType: 'String', StringValue: 'There' }, 'Help.Me': { DataType: 'String', StringValue: 'Me' } };
        const t = 'TestSqsProvider::test_receive_message_message_attribute_names_filters[sqs]';
        const sent = await send(queueUrl, 'msg', { MessageAttributes: attrs });
        const rec = recorded(t, 'send_message_response') as Record<string, string>;
        expect({ body: sent.MD5OfMessageBody, attributes: sent.MD5OfMessageAttributes }).toEqual({ body: rec['MD5OfMessageBody'], attributes: rec['MD5OfMessageAttributes'] });
        // Each filter sees the message again: a zero visibility timeout leaves it visible.
        const filtered = async (names: string[]) => (await receive(queueUrl, { MessageAttributeNames: names, VisibilityTimeout: 0 }))[0]!;
        for (const [names, key] of [
          [['All'], 'all_wildcard'],
          [['.*'], 'all_wildcard_asterisk'],
          [['General', 'Hello'], 'only_existing'],
          [['Hello', 'Nope'], 'existing_and_non_existing'],
          [['Hel.*'], 'prefix_filter'],
          [['Nope'], 'only_non_existing_names'],
        ] as const) {
          const want = recorded(t, key) as Record<string, unknown>;
          const got = await filtered([...names]);
          expect({ md5: got.MD5OfMessageAttributes, attributes: got.MessageAttributes }).toEqual({ md5: want['MD5OfMessageAttributes'], attributes: want['MessageAttributes'] });
          expect(got.MD5OfBody).toBe(want['MD5OfBody']);
        }
      });

      it('a Binary attribute is digested with transport byte 2, as recorded', async () => {
        const queueUrl = await create('binary');
        const value = new TextEncoder().encode('traceparent\x1e00-774062d6c37081a5a0b9b5b88e30627c-2d2482211f6489da-01');
        const sent = await send(queueUrl, 'test', { MessageAttributes: { attr1: { DataType: 'Binary', BinaryValue: value } } });
        const rec = (recorded('TestSqsProvider::test_send_message_with_binary_attributes[sqs]', 'binary-attrs-msg') as { Messages: Record<string, string>[] }).Messages[0]!;
        expect(sent.MD5OfMessageAttributes).toBe(rec['MD5OfMessageAttributes']);
        const [got] = await receive(queueUrl, { MessageAttributeNames: ['All'] });
        expect(got!.MessageAttributes!['attr1']!.BinaryValue).toEqual(value);
        expect(got!.MD5OfBody).toBe(rec['MD5OfBody']);
      });

      it('system attributes: SenderId, SentTimestamp, ApproximateReceiveCount, ApproximateFirstReceiveTimestamp', async () => {
        const queueUrl = await create('system');
        const sentAt = clock.now();
        await send(queueUrl, 'msg');
        clock.advance(1_500);
        const [first] = await receive(queueUrl, { MessageSystemAttributeNames: ['All'], VisibilityTimeout: 1 });
        const t = 'TestSqsProvider::test_receive_message_attribute_names_filters[sqs]';
        const rec = (recorded(t, 'all_attributes') as { Messages: { Attributes: Record<string, string> }[] }).Messages[0]!.Attributes;
        expect(Object.keys(first!.Attributes!).sort()).toEqual(Object.keys(rec).sort());
        expect(first!.Attributes).toEqual({
          SenderId: expect.any(String),
          SentTimestamp: String(sentAt),
          ApproximateReceiveCount: '1',
          ApproximateFirstReceiveTimestamp: String(sentAt + 1_500),
        });
        clock.advance(1_000);
        const [second] = await receive(queueUrl, { AttributeNames: ['SenderId'] });
        expect(second!.Attributes).toEqual({ SenderId: first!.Attributes!['SenderId'] });
        expect(second!.MessageId).toBe(first!.MessageId);
      });

      it('parameter errors on ReceiveMessage and SendMessage are worded as recorded', async () => {
        const queueUrl = await create('params');
        expectRecordedError(await failure(receive(queueUrl, { MaxNumberOfMessages: 11 })), 'TestSqsProvider::test_send_receive_max_number_of_messages[sqs]', 'send_max_number_of_messages');
        const wait = 'TestSqsProvider::test_send_receive_wait_time_seconds[sqs]';
        expectRecordedError(await failure(receive(queueUrl, { WaitTimeSeconds: 21 })), wait, 'recieve_message_error_too_large');
        expectRecordedError(await failure(receive(queueUrl, { WaitTimeSeconds: -1 })), wait, 'recieve_message_error_too_small');
        expectRecordedError(await failure(send(queueUrl, '')), 'TestSqsProvider::test_send_empty_message[sqs]', 'send_empty_message');
        const empty = await failure(send(queueUrl, 'x', { MessageAttributes: { ErrorDetails: { DataType: 'String', StringValue: '' } } }));
        expectRecordedError(empty, 'TestSqsProvider::test_send_message_with_empty_string_attribute[sqs]', 'empty-string-attr');
        for (const [id, key] of [['', 'empty'], ['a'.repeat(129), 'too_long'], ['group 123', 'spaces']] as const) {
          const t = `TestSqsProvider::test_send_message_to_standard_queue_with_invalid_message_group_id[${key}]`;
          expectRecordedError(await failure(send(queueUrl, 'x', { MessageGroupId: id })), t, 'error-response');
        }
      });

      it('message size: over the queue’s MaximumMessageSize fails, alone or in a batch, as recorded', async () => {
        const big = await create('big');
        expectRecordedError(await failure(send(big, 'a'.repeat(1_048_577))), 'TestSqsProvider::test_send_oversized_message[sqs]', 'send_oversized_message');
        const small = await create('small', { MaximumMessageSize: '1024' });
        expectRecordedError(await failure(send(small, 'a'.repeat(1_025))), 'TestSqsProvider::test_send_message_with_updated_maximum_message_size[sqs]', 'send_oversized_message');
        const batch = await sqs.send(new SendMessageBatchCommand({ QueueUrl: small, Entries: [{ Id: 'big', MessageBody: 'a'.repeat(1_025) }, { Id: 'ok', MessageBody: 'a' }] }));
        const rec = recorded('TestSqsProvider::test_send_batch_message_size', 'send-message-batch-result') as { Failed: Record<string, unknown>[] };
        expect(batch.Failed).toEqual([{ ...rec.Failed[0], Id: 'big' }]);
        expect(batch.Successful!.map((s) => [s.Id, s.MD5OfMessageBody])).toEqual([['ok', '0cc175b9c0f1b6a831c399e269772661']]);
        const tooLong = await failure(
          sqs.send(new SendMessageBatchCommand({ QueueUrl: big, Entries: [{ Id: '1', MessageBody: 'a'.repeat(524_289) }, { Id: '2', MessageBody: 'a'.repeat(524_288) }] })),
        );
        expectRecordedError(tooLong, 'TestSqsProvider::test_send_message_batch_with_oversized_contents[sqs]', 'send_oversized_message_batch');
      });

      it('batch requests: more than ten entries and bad entry ids are refused as recorded', async () => {
        const queueUrl = await create('batches');
        const twenty = Array.from({ length: 20 }, (_, i) => ({ Id: String(i), MessageBody: 'x' }));
        expectRecordedError(
          await failure(sqs.send(new SendMessageBatchCommand({ QueueUrl: queueUrl, Entries: twenty }))),
          'TestSqsProvider::test_too_many_entries_in_batch_request[sqs]',
          'test_too_many_entries_in_batch_request',
        );
        const handles = twenty.map((e) => ({ Id: e.Id, ReceiptHandle: 'x' }));
        expectRecordedError(
          await failure(sqs.send(new DeleteMessageBatchCommand({ QueueUrl: queueUrl, Entries: handles }))),
          'TestSqsProvider::test_delete_message_batch_with_too_large_batch[sqs]',
          'error_response',
        );
        for (const id of ['', 'testLongId'.repeat(10), 'invalid:id']) {
          const f = await failure(sqs.send(new DeleteMessageBatchCommand({ QueueUrl: queueUrl, Entries: [{ Id: id, ReceiptHandle: 'x' }] })));
          expectRecordedError(f, `TestSqsProvider::test_delete_message_batch_invalid_msg_id[sqs-${id}]`, 'error_response');
        }
      });

      it('visibility timeout on the clock: hidden while received, back afterwards with a new receipt handle and a higher count', async () => {
        const queueUrl = await create('visibility', { VisibilityTimeout: '30' });
        await send(queueUrl, 'again');
        const [first] = await receive(queueUrl);
        expect(await receive(queueUrl)).toEqual([]);
        expect(await attributes(queueUrl, ['ApproximateNumberOfMessages', 'ApproximateNumberOfMessagesNotVisible'])).toEqual({ ApproximateNumberOfMessages: '0', ApproximateNumberOfMessagesNotVisible: '1' });
        clock.advance(29_999);
        expect(await receive(queueUrl)).toEqual([]);
        clock.advance(1);
        const [second] = await receive(queueUrl, { AttributeNames: ['ApproximateReceiveCount'] });
        expect(second!.MessageId).toBe(first!.MessageId);
        expect(second!.ReceiptHandle).not.toBe(first!.ReceiptHandle);
        expect(second!.Attributes).toEqual({ ApproximateReceiveCount: '2' });
        // Recorded: changing the visibility of a message whose timeout expired still succeeds.
        await sqs.send(new ChangeMessageVisibilityCommand({ QueueUrl: queueUrl, ReceiptHandle: first!.ReceiptHandle!, VisibilityTimeout: 0 }));
        const [third] = await receive(queueUrl);
        // Recorded: the first receipt handle still deletes the message after its timeout expired.
        await sqs.send(new DeleteMessageCommand({ QueueUrl: queueUrl, ReceiptHandle: first!.ReceiptHandle! }));
        expect(third!.MessageId).toBe(first!.MessageId);
        clock.advance(60_000);
        expect(await receive(queueUrl)).toEqual([]);
      });

      it('a receipt handle that is not one is ReceiptHandleIsInvalid', async () => {
        const queueUrl = await create('handles');
        const f = await failure(sqs.send(new DeleteMessageCommand({ QueueUrl: queueUrl, ReceiptHandle: 'bogus' })));
        expect(f).toEqual({ name: 'ReceiptHandleIsInvalid', code: 'ReceiptHandleIsInvalid', status: 400, message: 'The input receipt handle "bogus" is not a valid receipt handle.' });
      });

      it('DelaySeconds hides a message until its time; long polling waits for it on the clock', async () => {
        const queueUrl = await create('delayed');
        const t0 = clock.now();
        await send(queueUrl, 'later', { DelaySeconds: 5 });
        expect(await attributes(queueUrl, ['ApproximateNumberOfMessagesDelayed'])).toEqual({ ApproximateNumberOfMessagesDelayed: '1' });
        expect(await receive(queueUrl)).toEqual([]);
        const [got] = await receive(queueUrl, { WaitTimeSeconds: 20 });
        expect(got!.Body).toBe('later');
        expect(clock.now() - t0).toBe(5_000);
        const waited = clock.now();
        expect(await receive(queueUrl, { WaitTimeSeconds: 20 })).toEqual([]);
        expect(clock.now() - waited).toBe(20_000);
      });

      it('the queue’s ReceiveMessageWaitTimeSeconds makes every receive a long poll', async () => {
        const queueUrl = await create('long', { ReceiveMessageWaitTimeSeconds: '10' });
        const t0 = clock.now();
        expect(await receive(queueUrl)).toEqual([]);
        expect(clock.now() - t0).toBe(10_000);
      });

      it('MaxNumberOfMessages takes up to ten, oldest first; DeleteMessageBatch deletes them', async () => {
        const queueUrl = await create('many');
        await sqs.send(new SendMessageBatchCommand({ QueueUrl: queueUrl, Entries: Array.from({ length: 10 }, (_, i) => ({ Id: `m${i}`, MessageBody: `body-${i}` })) }));
        await send(queueUrl, 'body-10');
        const got = await receive(queueUrl, { MaxNumberOfMessages: 10 });
        expect(got.map((m) => m.Body)).toEqual(Array.from({ length: 10 }, (_, i) => `body-${i}`));
        const deleted = await sqs.send(new DeleteMessageBatchCommand({ QueueUrl: queueUrl, Entries: got.map((m, i) => ({ Id: `d${i}`, ReceiptHandle: m.ReceiptHandle! })) }));
        expect(deleted.Successful!.map((s) => s.Id)).toEqual(got.map((_, i) => `d${i}`));
        expect((await receive(queueUrl, { MaxNumberOfMessages: 10 })).map((m) => m.Body)).toEqual(['body-10']);
      });

      it('redrive: past maxReceiveCount a message moves to the dead-letter queue, keeping its id, attributes and count, as recorded', async () => {
        const dlqUrl = await create('dead');
        const dlqArn = (await attributes(dlqUrl, ['QueueArn']))!['QueueArn']!;
        const sourceUrl = await create('source', { RedrivePolicy: JSON.stringify({ deadLetterTargetArn: dlqArn, maxReceiveCount: 1 }), VisibilityTimeout: '1' });
        expect(await attributes(sourceUrl, ['RedrivePolicy'])).toEqual({ RedrivePolicy: `{"deadLetterTargetArn":"${dlqArn}","maxReceiveCount":1}` });
        await send(sourceUrl, 'message-1', { MessageAttributes: { MyAttribute: { DataType: 'String', StringValue: 'foobar' } } });
        const t = 'TestSqsProvider::test_dead_letter_queue_message_attributes';
        const [before] = await receive(sourceUrl, { MessageAttributeNames: ['All'] });
        clock.advance(1_000);
        expect(await receive(sourceUrl)).toEqual([]);
        const [moved] = await receive(dlqUrl, { MessageAttributeNames: ['All'], MessageSystemAttributeNames: ['All'] });
        const rec = (recorded(t, 'dlq-messages') as Record<string, unknown>[])[0]!;
        expect(moved!.MessageId).toBe(before!.MessageId);
        expect({ body: moved!.Body, md5: moved!.MD5OfBody, attrMd5: moved!.MD5OfMessageAttributes, attrs: moved!.MessageAttributes }).toEqual({
          body: rec['Body'],
          md5: rec['MD5OfBody'],
          attrMd5: rec['MD5OfMessageAttributes'],
          attrs: rec['MessageAttributes'],
        });
        expect(moved!.Attributes).toMatchObject({ ApproximateReceiveCount: '2', DeadLetterQueueSourceArn: `arn:aws:sqs:${REGION}:${ACCOUNT}:source` });
        const empty = await sqs.send(new SetQueueAttributesCommand({ QueueUrl: sourceUrl, Attributes: { RedrivePolicy: '' } }));
        expect(empty.$metadata.httpStatusCode).toBe(200);
        expect(await attributes(sourceUrl, ['RedrivePolicy'])).toBeUndefined();
      });

      it('a redrive policy whose dead-letter queue does not exist is refused', async () => {
        const f = await failure(create('orphan', { RedrivePolicy: JSON.stringify({ deadLetterTargetArn: `arn:aws:sqs:${REGION}:${ACCOUNT}:nowhere`, maxReceiveCount: 3 }) }));
        expect(f).toMatchObject({ code: 'InvalidParameterValue', status: 400 });
        expect(f.message).toBe(`Value {"deadLetterTargetArn":"arn:aws:sqs:${REGION}:${ACCOUNT}:nowhere","maxReceiveCount":3} for parameter RedrivePolicy is invalid. Reason: Dead letter target does not exist.`);
      });

      it('messages older than MessageRetentionPeriod are gone', async () => {
        const queueUrl = await create('retained', { MessageRetentionPeriod: '60' });
        await send(queueUrl, 'old');
        clock.advance(60_000);
        expect(await receive(queueUrl)).toEqual([]);
        expect(await attributes(queueUrl, ['ApproximateNumberOfMessages'])).toEqual({ ApproximateNumberOfMessages: '0' });
      });
    });
  });
}
