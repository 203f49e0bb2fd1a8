/**
 * Event source mappings for SQS, end to end on a virtual clock: the mapping API in the shapes and
 * states of lambda_esm_test_lambda_integration_sqs.snapshot.json, and the poller — batches, the
 * batching window, the SQS event record, partial batch failures, redrive to the dead-letter
 * queue, filters, scaling and concurrency — seen through the function's own logs.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  CreateEventSourceMappingCommand,
  CreateFunctionCommand,
  DeleteEventSourceMappingCommand,
  InvokeCommand,
  PutFunctionEventInvokeConfigCommand,
  GetEventSourceMappingCommand,
  ListEventSourceMappingsCommand,
  PutFunctionConcurrencyCommand,
  UpdateEventSourceMappingCommand,
  UpdateFunctionConfigurationCommand,
  type CreateEventSourceMappingCommandInput,
} from '@aws-sdk/client-lambda';
import { FilterLogEventsCommand } from '@aws-sdk/client-cloudwatch-logs';
import { CreateQueueCommand, GetQueueAttributesCommand, ReceiveMessageCommand, SendMessageBatchCommand, SendMessageCommand } from '@aws-sdk/client-sqs';
import { md5Hex, realClock, utf8 } from '../../src/emulator/index.ts';
import { ACCOUNT, REGION, ROLE, allowSending, makeService as makeAccount, quickJSEngine, zipBytes, type Setup } from './support/harness.ts';

const SQS_EXECUTION_POLICY = 'arn:aws:iam::aws:policy/service-role/AWSLambdaSQSQueueExecutionRole';

/** An account whose lambda-role may poll queues, as an SQS mapping needs (AWSLambdaSQSQueueExecutionRole), and send to destinations. */
function makeService(...args: Parameters<typeof makeAccount>): Setup {
  const setup = makeAccount(...args);
  setup.service.iam.attachRolePolicy({ RoleName: 'lambda-role', PolicyArn: SQS_EXECUTION_POLICY });
  allowSending(setup);
  return setup;
}
import { failure, type Failure } from './support/failure.ts';
import { pattern, recordingsOf } from './support/recordings.ts';
import { createGate, createVmEnvironmentFactory } from './support/vm-engine.ts';

const recorded = recordingsOf('lambda_esm_test_lambda_integration_sqs.snapshot.json', 'tests/aws/services/lambda_/event_source_mapping/test_lambda_integration_sqs.py::');

/** Logs each batch as `batch [[body, receive count], ...]`; a body with `"fail"` is reported as a batch item failure, `"throw"` fails the batch. */
const BATCH_HANDLER = `
exports.handler = async (event) => {
  console.log('batch ' + JSON.stringify(event.Records.map((r) => [r.body, r.attributes.ApproximateReceiveCount])));
  console.log('record ' + JSON.stringify(event.Records[0]));
  if (event.Records.some((r) => r.body.includes('throw'))) throw new Error('batch failed');
  return { batchItemFailures: event.Records.filter((r) => r.body.includes('fail')).map((r) => ({ itemIdentifier: r.messageId })) };
};`;

const queueArn = (name: string) => `arn:aws:sqs:${REGION}:${ACCOUNT}:${name}`;
const functionArn = (name: string) => `arn:aws:lambda:${REGION}:${ACCOUNT}:function:${name}`;

function expectRecordedError(actual: Failure, test: string, key: string): void {
  const rec = recorded(test, key) as { Error: { Code: string; Message: string }; ResponseMetadata: { HTTPStatusCode: number } };
  expect({ name: actual.name, status: actual.status }).toEqual({ name: rec.Error.Code, status: rec.ResponseMetadata.HTTPStatusCode });
  expect(actual.message).toMatch(pattern(rec.Error.Message));
}

/** The recorded field set of a mapping response. */
const fieldsOf = (o: object) => Object.keys(o).filter((k) => k !== '$metadata' && k !== 'ResponseMetadata').sort();

describe('SQS event source mappings', () => {
  let emulator: Setup;

  const createFunction = (name: string, code = BATCH_HANDLER) =>
    emulator.lambda.send(new CreateFunctionCommand({ FunctionName: name, Runtime: 'nodejs22.x', Role: ROLE, Handler: 'index.handler', Code: { ZipFile: zipBytes({ 'index.js': code }) } }));
  const createQueue = async (name: string, Attributes?: Record<string, string>) => (await emulator.sqs.send(new CreateQueueCommand({ QueueName: name, Attributes }))).QueueUrl!;
  const sendAll = async (queueUrl: string, bodies: string[]) => {
    for (let i = 0; i < bodies.length; i += 10) {
      const Entries = bodies.slice(i, i + 10).map((MessageBody, j) => ({ Id: `m${i + j}`, MessageBody }));
      await emulator.sqs.send(new SendMessageBatchCommand({ QueueUrl: queueUrl, Entries }));
    }
  };
  const map = (input: Partial<CreateEventSourceMappingCommandInput>) =>
    emulator.lambda.send(new CreateEventSourceMappingCommand({ EventSourceArn: queueArn('in'), FunctionName: 'fn', ...input }));
  /** What the function logged with `prefix`, in order. */
  const logged = async (prefix: string, fn = 'fn') => {
    if (!emulator.service.logs.groups[`/aws/lambda/${fn}`]) return [];
    const out = await emulator.logs.send(new FilterLogEventsCommand({ logGroupName: `/aws/lambda/${fn}` }));
    return (out.events ?? []).map((e) => e.message!.split('\t')[3]?.trim() ?? '').filter((m) => m.startsWith(`${prefix} `)).map((m) => JSON.parse(m.slice(prefix.length + 1)) as unknown);
  };
  const count = async (queueUrl: string) =>
    (await emulator.sqs.send(new GetQueueAttributesCommand({ QueueUrl: queueUrl, AttributeNames: ['ApproximateNumberOfMessages', 'ApproximateNumberOfMessagesNotVisible'] }))).Attributes;

  afterEach(() => emulator.close());

  describe('the mapping API', () => {
    beforeEach(async () => {
      emulator = makeService(quickJSEngine());
      await createFunction('fn');
      await createQueue('in');
    });

    it('is refused while the function\'s role may not poll the queue, naming the first action it lacks', async () => {
      emulator.service.iam.detachRolePolicy({ RoleName: 'lambda-role', PolicyArn: SQS_EXECUTION_POLICY });
      expect(await failure(map({}))).toMatchObject({ name: 'InvalidParameterValueException', status: 400, message: 'The provided execution role does not have permissions to call ReceiveMessage on SQS' });
      const receiveOnly = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: ['sqs:ReceiveMessage', 'sqs:GetQueueAttributes'], Resource: queueArn('in') }] };
      emulator.service.iam.putRolePolicy({ RoleName: 'lambda-role', PolicyName: 'receive', PolicyDocument: JSON.stringify(receiveOnly) });
      expect(await failure(map({}))).toMatchObject({ name: 'InvalidParameterValueException', status: 400, message: 'The provided execution role does not have permissions to call DeleteMessage on SQS' });
      emulator.service.iam.attachRolePolicy({ RoleName: 'lambda-role', PolicyArn: SQS_EXECUTION_POLICY });
      expect((await map({})).State).toBe('Creating');
    });

    it("is refused while the queue's visibility timeout is shorter than the function's timeout, in Lambda's words", async () => {
      await emulator.lambda.send(new UpdateFunctionConfigurationCommand({ FunctionName: 'fn', Timeout: 60 }));
      expect(await failure(map({}))).toEqual({ name: 'InvalidParameterValueException', status: 400, message: 'Queue visibility timeout: 30 seconds is less than Function timeout: 60 seconds' });
      await createQueue('slow', { VisibilityTimeout: '60' });
      expect((await map({ EventSourceArn: queueArn('slow') })).State).toBe('Creating');
    });

    it('CreateEventSourceMapping answers 202 Creating with the recorded fields; Get then reads Enabled', async () => {
      const created = await map({});
      const rec = recorded('TestSQSEventSourceMapping::test_event_source_mapping_default_batch_size', 'create-event-source-mapping') as Record<string, unknown>;
      expect(created.$metadata.httpStatusCode).toBe(202);
      expect(fieldsOf(created)).toEqual(fieldsOf(rec));
      expect(created).toMatchObject({
        BatchSize: 10,
        MaximumBatchingWindowInSeconds: 0,
        EventSourceArn: queueArn('in'),
        FunctionArn: functionArn('fn'),
        FunctionResponseTypes: [],
        State: 'Creating',
        StateTransitionReason: 'USER_INITIATED',
        EventSourceMappingArn: `arn:aws:lambda:${REGION}:${ACCOUNT}:event-source-mapping:${created.UUID}`,
      });
      expect(created.LastModified).toEqual(new Date(emulator.clock.now()));
      const got = await emulator.lambda.send(new GetEventSourceMappingCommand({ UUID: created.UUID }));
      expect(got.$metadata.httpStatusCode).toBe(200);
      expect(got.State).toBe('Enabled');
    });

    it('states through Update and Delete: Disabling, Enabling, Updating, Deleting; a mapping created disabled is Disabled', async () => {
      const { UUID } = await map({});
      const update = (input: Record<string, unknown>) => emulator.lambda.send(new UpdateEventSourceMappingCommand({ UUID, ...input }));
      const state = async () => (await emulator.lambda.send(new GetEventSourceMappingCommand({ UUID }))).State;
      expect((await update({ Enabled: false })).State).toBe('Disabling');
      expect(await state()).toBe('Disabled');
      const enabling = await update({ Enabled: true });
      expect({ status: enabling.$metadata.httpStatusCode, state: enabling.State }).toEqual({ status: 202, state: 'Enabling' });
      expect(await state()).toBe('Enabled');
      const updating = await update({ BatchSize: 5, FunctionResponseTypes: ['ReportBatchItemFailures'] });
      expect(updating).toMatchObject({ State: 'Updating', BatchSize: 5, FunctionResponseTypes: ['ReportBatchItemFailures'] });
      const deleted = await emulator.lambda.send(new DeleteEventSourceMappingCommand({ UUID }));
      expect({ status: deleted.$metadata.httpStatusCode, state: deleted.State }).toEqual({ status: 202, state: 'Deleting' });
      expect(await failure(state())).toEqual({ name: 'ResourceNotFoundException', status: 404, message: 'The resource you requested does not exist.' });

      await createQueue('other');
      const disabled = await map({ EventSourceArn: queueArn('other'), Enabled: false, BatchSize: 1 });
      const rec = recorded('test_fifo_message_group_parallelism', 'create_esm_disabled') as Record<string, unknown>;
      expect({ state: disabled.State, fields: fieldsOf(disabled) }).toEqual({ state: rec['State'], fields: fieldsOf(rec) });
    });

    it('ListEventSourceMappings filters by queue and by function', async () => {
      await createQueue('other');
      await createFunction('fn2');
      const a = await map({});
      const b = await map({ EventSourceArn: queueArn('other') });
      const c = await map({ FunctionName: 'fn2' });
      const list = async (input: Record<string, string>) => ((await emulator.lambda.send(new ListEventSourceMappingsCommand(input))).EventSourceMappings ?? []).map((m) => m.UUID);
      expect(await list({})).toEqual([a.UUID, b.UUID, c.UUID]);
      expect(await list({ EventSourceArn: queueArn('in') })).toEqual([a.UUID, c.UUID]);
      expect(await list({ FunctionName: functionArn('fn2') })).toEqual([c.UUID]);
    });

    it('refuses what Lambda refuses, with the recorded errors', async () => {
      const rule = 'TestSQSEventSourceMapping::test_event_source_mapping_default_batch_size';
      expectRecordedError(await failure(map({ BatchSize: 20 })), rule, 'invalid-create-event-source-mapping');
      const { UUID } = await map({});
      expectRecordedError(await failure(emulator.lambda.send(new UpdateEventSourceMappingCommand({ UUID, BatchSize: 20 }))), rule, 'invalid-update-event-source-mapping');
      expectRecordedError(await failure(map({})), 'TestSQSEventSourceMapping::test_duplicate_event_source_mappings', 'error');
      expectRecordedError(await failure(map({ EventSourceArn: queueArn('missing') })), 'test_esm_with_not_existing_sqs_queue', 'error');
      expectRecordedError(await failure(map({ EventSourceArn: queueArn('in'), FunctionName: 'fn', FilterCriteria: { Filters: [{ Pattern: 'simple string' }] } })), 'TestSQSEventSourceMapping::test_sqs_invalid_event_filter[simple string]', 'create_event_source_mapping_exception');
      expect(await failure(map({ FunctionName: 'nope', EventSourceArn: queueArn('in') }))).toEqual({ name: 'ResourceNotFoundException', status: 404, message: 'Function does not exist' });
      expect(await failure(map({ EventSourceArn: `arn:aws:kinesis:${REGION}:${ACCOUNT}:stream/clicks` }))).toEqual({
        name: 'InvalidParameterValueException',
        status: 400,
        message: 'The Lambda Workbook emulator does not provide event source mappings for Amazon Kinesis streams yet: only Amazon SQS queues.',
      });
      expect((await failure(map({ ScalingConfig: { MaximumConcurrency: 1 } }))).message).toBe(
        "1 validation error detected: Value '1' at 'scalingConfig.maximumConcurrency' failed to satisfy constraint: Member must have value greater than or equal to 2",
      );
    });
  });

  describe('the poller', () => {
    beforeEach(async () => {
      emulator = makeService(quickJSEngine());
      await createFunction('fn');
    });

    it('delivers batches of BatchSize in the recorded SQS event record, and deletes what succeeded', async () => {
      const queueUrl = await createQueue('in');
      await sendAll(queueUrl, Array.from({ length: 25 }, (_, i) => `{"n":${i}}`));
      await map({});
      await emulator.service.scheduler.drain();
      const batches = (await logged('batch')) as [string, string][][];
      expect(batches.map((b) => b.length)).toEqual([10, 10, 5]);
      expect(batches.flat().map(([body]) => JSON.parse(body).n)).toEqual(Array.from({ length: 25 }, (_, i) => i));
      expect(await count(queueUrl)).toEqual({ ApproximateNumberOfMessages: '0', ApproximateNumberOfMessagesNotVisible: '0' });

      const [record] = (await logged('record')) as Record<string, Record<string, unknown>>[];
      const rec = (recorded('TestSQSEventSourceMapping::test_sqs_event_source_mapping', 'events') as { Records: Record<string, Record<string, unknown>>[] }[])[0]!.Records[0]!;
      expect(Object.keys(record!)).toEqual(Object.keys(rec));
      expect(Object.keys(record!['attributes']!)).toEqual(Object.keys(rec['attributes']!));
      expect(record).toMatchObject({ body: '{"n":0}', md5OfMessageAttributes: null, messageAttributes: {}, eventSource: 'aws:sqs', eventSourceARN: queueArn('in'), awsRegion: REGION });
      expect(record!['attributes']).toEqual({
        ApproximateReceiveCount: '1',
        SentTimestamp: String(emulator.clock.now()),
        SenderId: 'AKIDEXAMPLE',
        ApproximateFirstReceiveTimestamp: String(emulator.clock.now()),
      });
      expect(record!['md5OfBody']).toBe(md5Hex(utf8('{"n":0}')));
    });

    it('message attributes reach the function in Lambda’s shape with their digest, as recorded', async () => {
      const queueUrl = await createQueue('in');
      await emulator.sqs.send(
        new SendMessageCommand({
          QueueUrl: queueUrl,
          MessageBody: 'book',
          MessageAttributes: {
            Title: { DataType: 'String', StringValue: 'The Whistler' },
            Author: { DataType: 'String', StringValue: 'John Grisham' },
            WeeksOn: { DataType: 'Number', StringValue: '6' },
          },
        }),
      );
      await map({});
      await emulator.service.scheduler.drain();
      const [record] = (await logged('record')) as Record<string, unknown>[];
      const rec = (recorded('test_message_body_and_attributes_passed_correctly', 'first_attempt') as { Messages: { Body: { event: { Records: Record<string, unknown>[] } } }[] }).Messages[0]!.Body.event.Records[0]!;
      expect(record!['messageAttributes']).toEqual(rec['messageAttributes']);
      expect(record!['md5OfMessageAttributes']).toBe(rec['md5OfMessageAttributes']);
    });

    it('MaximumBatchingWindowInSeconds waits on the clock for a fuller batch', async () => {
      const queueUrl = await createQueue('in');
      const t0 = emulator.clock.now();
      await sendAll(queueUrl, Array.from({ length: 30 }, (_, i) => `m${i}`));
      await map({ BatchSize: 100, MaximumBatchingWindowInSeconds: 5 });
      await emulator.service.scheduler.drain();
      expect(((await logged('batch')) as unknown[][]).map((b) => b.length)).toEqual([30]);
      expect(emulator.clock.now() - t0).toBe(5_000);
    });

    it('partial batch failures: successes are deleted, failures come back after the visibility timeout and go to the dead-letter queue after maxReceiveCount', async () => {
      const dlqUrl = await createQueue('dlq');
      const queueUrl = await createQueue('in', { VisibilityTimeout: '30', RedrivePolicy: JSON.stringify({ deadLetterTargetArn: queueArn('dlq'), maxReceiveCount: 2 }) });
      await sendAll(queueUrl, ['ok-1', 'fail-2', 'ok-3', 'fail-4']);
      const t0 = emulator.clock.now();
      await map({ FunctionResponseTypes: ['ReportBatchItemFailures'] });
      await emulator.service.scheduler.drain();
      expect(await logged('batch')).toEqual([
        [['ok-1', '1'], ['fail-2', '1'], ['ok-3', '1'], ['fail-4', '1']],
        [['fail-2', '2'], ['fail-4', '2']],
      ]);
      // The second attempt waited out the queue's visibility timeout; the third receive moved them instead.
      expect(emulator.clock.now() - t0).toBe(60_000);
      const dead = (await emulator.sqs.send(new ReceiveMessageCommand({ QueueUrl: dlqUrl, MaxNumberOfMessages: 10, MessageSystemAttributeNames: ['All'] }))).Messages ?? [];
      // Moved after their second receive, they keep the count; receiving them here is the third.
      expect(dead.map((m) => [m.Body, m.Attributes?.ApproximateReceiveCount, m.Attributes?.DeadLetterQueueSourceArn])).toEqual([
        ['fail-2', '3', queueArn('in')],
        ['fail-4', '3', queueArn('in')],
      ]);
      expect(await count(queueUrl)).toEqual({ ApproximateNumberOfMessages: '0', ApproximateNumberOfMessagesNotVisible: '0' });
    });

    it('a function error fails the whole batch; an invalid batchItemFailures answer fails it too', async () => {
      const dlqUrl = await createQueue('dlq');
      const queueUrl = await createQueue('in', { VisibilityTimeout: '10', RedrivePolicy: JSON.stringify({ deadLetterTargetArn: queueArn('dlq'), maxReceiveCount: 1 }) });
      await sendAll(queueUrl, ['throw', 'innocent']);
      await map({});
      await emulator.service.scheduler.drain();
      expect(await logged('batch')).toEqual([[['throw', '1'], ['innocent', '1']]]);
      const dead = async () => ((await emulator.sqs.send(new ReceiveMessageCommand({ QueueUrl: dlqUrl, MaxNumberOfMessages: 10 }))).Messages ?? []).map((m) => m.Body);
      expect(await dead()).toEqual(['throw', 'innocent']);

      await createFunction('invalid', `exports.handler = async (event) => { console.log('batch ' + JSON.stringify(event.Records.map((r) => [r.body, r.attributes.ApproximateReceiveCount]))); return { batchItemFailures: [{ foo: 'notvalid' }] }; };`);
      const q2 = await createQueue('q2', { VisibilityTimeout: '10', RedrivePolicy: JSON.stringify({ deadLetterTargetArn: queueArn('dlq'), maxReceiveCount: 2 }) });
      await sendAll(q2, ['m']);
      await map({ EventSourceArn: queueArn('q2'), FunctionName: 'invalid', FunctionResponseTypes: ['ReportBatchItemFailures'] });
      await emulator.service.scheduler.drain();
      const rec = recorded('test_report_batch_item_failures_invalid_result_json_batch_fails', 'second_invocation') as { Messages: { Body: { event: { Records: { attributes: { ApproximateReceiveCount: string } }[] } } }[] };
      expect(await logged('batch', 'invalid')).toEqual([[['m', '1']], [['m', rec.Messages[0]!.Body.event.Records[0]!.attributes.ApproximateReceiveCount]]]);
      expect(await dead()).toEqual(['m']);
    });

    it('FilterCriteria: messages whose JSON body does not match are deleted without an invocation', async () => {
      const queueUrl = await createQueue('in');
      await sendAll(queueUrl, ['{"testItem":"test24"}', '{"testItem":"test45"}', 'plain text', '{"test2":105}']);
      const patternText = JSON.stringify((recorded('TestSQSEventSourceMapping::test_sqs_event_filter[filter1-item_matching1-item_not_matching1]', 'create_event_source_mapping_response') as { FilterCriteria: { Filters: { Pattern: unknown }[] } }).FilterCriteria.Filters[0]!.Pattern);
      const numeric = JSON.stringify({ body: { test2: [{ numeric: ['>', 100] }] } });
      const created = await map({ FilterCriteria: { Filters: [{ Pattern: patternText }, { Pattern: numeric }] } });
      expect(created.FilterCriteria).toEqual({ Filters: [{ Pattern: patternText }, { Pattern: numeric }] });
      const cleared = await emulator.lambda.send(new UpdateEventSourceMappingCommand({ UUID: created.UUID, FilterCriteria: {} }));
      expect(cleared.FilterCriteria).toBeUndefined();
      await emulator.lambda.send(new UpdateEventSourceMappingCommand({ UUID: created.UUID, FilterCriteria: created.FilterCriteria }));
      await emulator.service.scheduler.drain();
      expect(await logged('batch')).toEqual([[['{"testItem":"test24"}', '1'], ['{"testItem":"test45"}', '1'], ['{"test2":105}', '1']]]);
      expect(await count(queueUrl)).toEqual({ ApproximateNumberOfMessages: '0', ApproximateNumberOfMessagesNotVisible: '0' });
    });

    const filterCases = [
      'filter0-item_matching0-item_not_matching0', 'filter1-item_matching1-item_not_matching1', 'filter2-item_matching2-item_not_matching2',
      'filter3-item_matching3-item_not_matching3', 'filter4-item_matching4-this is a test string', 'filter5-item_matching5-item_not_matching5',
      'filter6-item_matching6-item_not_matching6', 'filter7-item_matching7-item_not_matching7', 'single-filter', 'or-filter', 'and-filter',
      'exists-filter', 'numeric-bigger', 'numeric-smaller', 'numeric-range', 'numeric-prefix', 'single', 'or', 'and', 'exists', 'valid-json-filter', 'prefix',
    ];
    for (const name of filterCases) {
      it(`FilterCriteria as recorded: ${name}`, async () => {
        const t = `TestSQSEventSourceMapping::test_sqs_event_filter[${name}]`;
        const { FilterCriteria } = recorded(t, 'create_event_source_mapping_response') as { FilterCriteria: { Filters: { Pattern: unknown }[] } };
        const matching = (recorded(t, 'invocation_events') as { Records: { body: unknown }[] }[])[0]!.Records[0]!.body;
        const matchingBody = typeof matching === 'string' ? matching : JSON.stringify(matching);
        const queueUrl = await createQueue('in');
        await sendAll(queueUrl, ['{"unrelated":"value"}', 'this is a test string', matchingBody]);
        await map({ FilterCriteria: { Filters: FilterCriteria.Filters.map((f) => ({ Pattern: JSON.stringify(f.Pattern) })) } });
        await emulator.service.scheduler.drain();
        expect(await logged('batch')).toEqual([[[matchingBody, '1']]]);
        expect(await count(queueUrl)).toEqual({ ApproximateNumberOfMessages: '0', ApproximateNumberOfMessagesNotVisible: '0' });
      });
    }

    it('a disabled mapping does not poll; enabling it does', async () => {
      const queueUrl = await createQueue('in');
      await sendAll(queueUrl, ['a']);
      const { UUID } = await map({ Enabled: false });
      await emulator.service.scheduler.drain();
      expect(await logged('batch')).toEqual([]);
      await emulator.lambda.send(new UpdateEventSourceMappingCommand({ UUID, Enabled: true }));
      await emulator.service.scheduler.drain();
      expect(await logged('batch')).toEqual([[['a', '1']]]);
    });
  });

  describe('on real time', () => {
    it('with the scheduler started (as on the server), a message sent is delivered without anyone draining', async () => {
      emulator = makeService(createVmEnvironmentFactory(), { clock: realClock });
      await createFunction('fn', `exports.handler = async (event) => { console.log('batch ' + JSON.stringify(event.Records.map((r) => [r.body, r.attributes.ApproximateReceiveCount]))); };`);
      const queueUrl = await createQueue('in');
      emulator.service.scheduler.start();
      await map({});
      await emulator.sqs.send(new SendMessageCommand({ QueueUrl: queueUrl, MessageBody: 'now' }));
      for (let waited = 0; (await logged('batch')).length === 0 && waited < 5_000; waited += 20) await new Promise((r) => setTimeout(r, 20));
      expect(await logged('batch')).toEqual([[['now', '1']]]);
    });
  });

  describe('asynchronous invocation into SQS queues', () => {
    beforeEach(async () => {
      emulator = makeService(quickJSEngine());
    });

    it('a dead-letter queue and an on-failure destination that are SQS queues receive Lambda’s messages, as recorded', async () => {
      const dlqUrl = await createQueue('dlq');
      const destUrl = await createQueue('failures');
      await emulator.lambda.send(
        new CreateFunctionCommand({
          FunctionName: 'failing', Runtime: 'nodejs22.x', Role: ROLE, Handler: 'index.handler', DeadLetterConfig: { TargetArn: queueArn('dlq') },
          Code: { ZipFile: zipBytes({ 'index.js': 'exports.handler = async (e) => { throw new Error("Test exception (this is intentional)"); };' }) },
        }),
      );
      await emulator.lambda.send(new PutFunctionEventInvokeConfigCommand({ FunctionName: 'failing', MaximumRetryAttempts: 0, DestinationConfig: { OnFailure: { Destination: queueArn('failures') } } }));
      await emulator.lambda.send(new InvokeCommand({ FunctionName: 'failing', InvocationType: 'Event', Payload: utf8('{"raise_error":1}') }));
      await emulator.service.scheduler.drain();
      const receive = async (QueueUrl: string) => (await emulator.sqs.send(new ReceiveMessageCommand({ QueueUrl, MessageAttributeNames: ['All'] }))).Messages ?? [];
      const [dead] = await receive(dlqUrl);
      const rec = (recorded('test_sqs_queue_as_lambda_dead_letter_queue', 'messages') as { Messages: Record<string, unknown>[] }).Messages[0]!;
      expect(JSON.parse(dead!.Body!)).toEqual(rec['Body']);
      const attributes = rec['MessageAttributes'] as Record<string, { DataType: string; StringValue: string }>;
      expect(Object.keys(dead!.MessageAttributes!).sort()).toEqual(Object.keys(attributes).sort());
      for (const [name, value] of Object.entries(attributes)) {
        expect(dead!.MessageAttributes![name]!.DataType).toBe(value.DataType);
        expect(dead!.MessageAttributes![name]!.StringValue).toMatch(pattern(value.StringValue));
      }
      expect(dead!.MD5OfMessageAttributes).toMatch(/^[0-9a-f]{32}$/);
      const [record] = await receive(destUrl);
      expect(JSON.parse(record!.Body!)).toMatchObject({ requestContext: { condition: 'RetriesExhausted', functionArn: `${functionArn('failing')}:$LATEST` }, requestPayload: { raise_error: 1 } });
    });
  });

  describe('scaling and concurrency', () => {
    const gate = createGate();
    beforeEach(async () => {
      emulator = makeService(createVmEnvironmentFactory({ gate }));
      // The test engine holds every invocation at the gate while `gate.hold` is set.
      await createFunction('fn', 'exports.handler = async () => null;');
    });

    /** Holds invocations at the gate, lets the poller start as many as it will, and reports how many ran at once. */
    const peak = async () => {
      gate.hold = true;
      const pass = emulator.service.scheduler.processDue();
      for (let i = 0; i < 50; i++) await new Promise((r) => setTimeout(r, 0));
      const running = gate.waiting;
      gate.release();
      await pass;
      await emulator.service.scheduler.drain();
      return running;
    };

    it('batches run side by side: five pollers at first, up to ScalingConfig.MaximumConcurrency', async () => {
      const queueUrl = await createQueue('in');
      await sendAll(queueUrl, Array.from({ length: 40 }, (_, i) => `m${i}`));
      const { UUID } = await map({ BatchSize: 1 });
      expect(await peak()).toBe(5);
      await emulator.lambda.send(new UpdateEventSourceMappingCommand({ UUID, ScalingConfig: { MaximumConcurrency: 2 } }));
      await sendAll(queueUrl, Array.from({ length: 40 }, (_, i) => `m${i}`));
      expect(await peak()).toBe(2);
      expect(await count(queueUrl)).toEqual({ ApproximateNumberOfMessages: '0', ApproximateNumberOfMessagesNotVisible: '0' });
    });

    it('the function’s reserved concurrency caps the pollers; with none reserved, nothing is received', async () => {
      const queueUrl = await createQueue('in');
      await sendAll(queueUrl, Array.from({ length: 10 }, (_, i) => `m${i}`));
      await emulator.lambda.send(new PutFunctionConcurrencyCommand({ FunctionName: 'fn', ReservedConcurrentExecutions: 0 }));
      await map({ BatchSize: 1 });
      expect(await peak()).toBe(0);
      expect(await count(queueUrl)).toEqual({ ApproximateNumberOfMessages: '10', ApproximateNumberOfMessagesNotVisible: '0' });
      await emulator.lambda.send(new PutFunctionConcurrencyCommand({ FunctionName: 'fn', ReservedConcurrentExecutions: 1 }));
      expect(await peak()).toBe(1);
      expect(await count(queueUrl)).toEqual({ ApproximateNumberOfMessages: '0', ApproximateNumberOfMessagesNotVisible: '0' });
    });
  });
});
