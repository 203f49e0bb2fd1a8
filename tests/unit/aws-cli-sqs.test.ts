/**
 * SQS's query protocol through the real AWS CLI 2.9 (it sends `Action=...&Version=2012-11-05`
 * forms and reads XML), against the HTTP server on a virtual clock the test moves between calls.
 * The CLI checks the MD5 digests itself, so a wrong digest fails the call.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulatorServer, type RunningServer } from '../../src/hosts/node/http-server.ts';
import type { VirtualClock, LambdaService } from '../../src/emulator/index.ts';
import { awsCli, type AwsCli } from './support/aws-cli.ts';
import { ACCOUNT, makeService } from './support/harness.ts';
import { pattern, recordingsOf } from './support/recordings.ts';
import { createVmEnvironmentFactory } from './support/vm-engine.ts';

const recorded = recordingsOf('sqs_test_sqs.snapshot.json', 'tests/aws/services/sqs/test_sqs.py::');
const esmRecorded = recordingsOf('lambda_esm_test_lambda_integration_sqs.snapshot.json', 'tests/aws/services/lambda_/event_source_mapping/test_lambda_integration_sqs.py::');

describe('the AWS CLI v2.9 (query protocol) against the HTTP server', () => {
  let server: RunningServer;
  let service: LambdaService;
  let clock: VirtualClock;
  let aws: AwsCli;

  /** The CLI's own error line for a failed call. */
  const stderrOf = (p: Promise<unknown>) => p.then(() => '', (err: { stderr: string }) => err.stderr.trim());

  beforeAll(async () => {
    ({ service, clock } = makeService(createVmEnvironmentFactory()));
    server = await startEmulatorServer(service, { port: 0 });
    aws = await awsCli(server.url);
  });

  afterAll(async () => {
    await server?.close();
    service?.shutdown();
  });

  it('create-queue, send-message, receive-message, visibility, delete-message', { timeout: 120_000 }, async () => {
    const created = await aws('sqs', 'create-queue', '--queue-name', 'cli-q', '--attributes', 'VisibilityTimeout=30,DelaySeconds=0', '--tags', 'team=labs');
    const queueUrl = `${server.url}/${ACCOUNT}/cli-q`;
    expect(created).toEqual({ QueueUrl: queueUrl });
    const attrs = await aws('sqs', 'get-queue-attributes', '--queue-url', queueUrl, '--attribute-names', 'VisibilityTimeout', 'QueueArn');
    expect(attrs).toEqual({ Attributes: { VisibilityTimeout: '30', QueueArn: `arn:aws:sqs:us-east-1:${ACCOUNT}:cli-q` } });
    expect(await aws('sqs', 'list-queue-tags', '--queue-url', queueUrl)).toEqual({ Tags: { team: 'labs' } });

    const attributes = JSON.stringify({
      WeeksOn: { DataType: 'Number', StringValue: '6' },
      Author: { DataType: 'String', StringValue: 'John Grisham' },
      Title: { DataType: 'String', StringValue: 'The Whistler' },
    });
    const sent = await aws('sqs', 'send-message', '--queue-url', queueUrl, '--message-body', 'hello', '--message-attributes', attributes);
    const record = (esmRecorded('test_message_body_and_attributes_passed_correctly', 'first_attempt') as { Messages: { Body: { event: { Records: Record<string, unknown>[] } } }[] })
      .Messages[0]!.Body.event.Records[0]!;
    expect(sent).toEqual({ MD5OfMessageBody: '5d41402abc4b2a76b9719d911017c592', MD5OfMessageAttributes: record['md5OfMessageAttributes'], MessageId: expect.any(String) });

    const got = await aws('sqs', 'receive-message', '--queue-url', queueUrl, '--attribute-names', 'All', '--message-attribute-names', 'All', '--max-number-of-messages', '10');
    const [message] = got['Messages'] as Record<string, unknown>[];
    expect(message).toMatchObject({ MessageId: sent['MessageId'], Body: 'hello', MD5OfBody: '5d41402abc4b2a76b9719d911017c592' });
    expect(message!['Attributes']).toEqual({
      ApproximateFirstReceiveTimestamp: String(clock.now()),
      ApproximateReceiveCount: '1',
      SenderId: 'AKIDEXAMPLE',
      SentTimestamp: String(clock.now()),
    });
    expect(message!['MessageAttributes']).toEqual(JSON.parse(attributes));

    expect(await aws('sqs', 'receive-message', '--queue-url', queueUrl)).toEqual({});
    clock.advance(30_000);
    const again = await aws('sqs', 'receive-message', '--queue-url', queueUrl, '--attribute-names', 'ApproximateReceiveCount');
    const [second] = again['Messages'] as Record<string, unknown>[];
    expect(second!['Attributes']).toEqual({ ApproximateReceiveCount: '2' });
    expect(await aws('sqs', 'delete-message', '--queue-url', queueUrl, '--receipt-handle', String(second!['ReceiptHandle']))).toEqual({});
    clock.advance(30_000);
    expect(await aws('sqs', 'receive-message', '--queue-url', queueUrl)).toEqual({});
  });

  it('batches, change-message-visibility, list-queues, purge and delete', { timeout: 120_000 }, async () => {
    const queueUrl = String((await aws('sqs', 'create-queue', '--queue-name', 'cli-batch'))['QueueUrl']);
    const batch = await aws('sqs', 'send-message-batch', '--queue-url', queueUrl, '--entries', 'Id=a,MessageBody=one', 'Id=b,MessageBody=two,DelaySeconds=10');
    expect((batch['Successful'] as { Id: string }[]).map((s) => s.Id)).toEqual(['a', 'b']);
    const first = (await aws('sqs', 'receive-message', '--queue-url', queueUrl, '--max-number-of-messages', '10'))['Messages'] as { Body: string; ReceiptHandle: string }[];
    expect(first.map((m) => m.Body)).toEqual(['one']);
    await aws('sqs', 'change-message-visibility', '--queue-url', queueUrl, '--receipt-handle', first[0]!.ReceiptHandle, '--visibility-timeout', '0');
    clock.advance(10_000);
    const both = (await aws('sqs', 'receive-message', '--queue-url', queueUrl, '--max-number-of-messages', '10'))['Messages'] as { Body: string; ReceiptHandle: string }[];
    expect(both.map((m) => m.Body)).toEqual(['one', 'two']);
    const deleted = await aws('sqs', 'delete-message-batch', '--queue-url', queueUrl, '--entries', ...both.map((m, i) => `Id=d${i},ReceiptHandle=${m.ReceiptHandle}`));
    expect(deleted).toEqual({ Successful: [{ Id: 'd0' }, { Id: 'd1' }] });
    expect((await aws('sqs', 'list-queues', '--queue-name-prefix', 'cli-'))['QueueUrls']).toEqual([`${server.url}/${ACCOUNT}/cli-batch`, `${server.url}/${ACCOUNT}/cli-q`]);
    await aws('sqs', 'purge-queue', '--queue-url', queueUrl);
    await aws('sqs', 'delete-queue', '--queue-url', queueUrl);
    expect((await aws('sqs', 'list-queues', '--queue-name-prefix', 'cli-'))['QueueUrls']).toEqual([`${server.url}/${ACCOUNT}/cli-q`]);
  });

  it('errors arrive as XML ErrorResponses with the query codes and messages recorded', { timeout: 120_000 }, async () => {
    const missing = await stderrOf(aws('sqs', 'get-queue-url', '--queue-name', 'nope'));
    const rec = recorded('TestSqsProvider::test_non_existent_queue', 'queue-does-not-exist-query') as { Error: { Code: string; Message: string } };
    expect(missing).toBe(`An error occurred (${rec.Error.Code}) when calling the GetQueueUrl operation: ${rec.Error.Message}`);
    const queueUrl = String((await aws('sqs', 'create-queue', '--queue-name', 'cli-errors'))['QueueUrl']);
    const tooMany = await stderrOf(aws('sqs', 'receive-message', '--queue-url', queueUrl, '--max-number-of-messages', '11'));
    const max = recorded('TestSqsProvider::test_send_receive_max_number_of_messages[sqs_query]', 'send_max_number_of_messages') as { Error: { Code: string; Message: string } };
    expect(tooMany).toMatch(pattern(`An error occurred (${max.Error.Code}) when calling the ReceiveMessage operation: ${max.Error.Message}`));
    const unknown = await stderrOf(aws('sqs', 'set-queue-attributes', '--queue-url', queueUrl, '--attributes', 'FifoQueue=true'));
    expect(unknown).toBe('An error occurred (InvalidAttributeName) when calling the SetQueueAttributes operation: Unknown Attribute FifoQueue.');
  });
});
