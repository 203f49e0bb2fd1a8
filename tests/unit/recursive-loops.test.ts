/**
 * Recursive loop detection: Put/GetFunctionRecursionConfig through the real LambdaClient, with
 * Lambda's shapes and validation errors; and a function that writes to the queue that triggers it,
 * stopped after 16 invocations of one chain (its message held back, then moved to the queue's
 * dead-letter queue by SQS's redrive policy), or left to run with RecursiveLoop Allow.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  AddPermissionCommand, CreateEventSourceMappingCommand, CreateFunctionCommand, PutFunctionEventInvokeConfigCommand, UpdateFunctionConfigurationCommand, GetFunctionRecursionConfigCommand, PutFunctionRecursionConfigCommand, type RecursiveLoop,
} from '@aws-sdk/client-lambda';
import { FilterLogEventsCommand } from '@aws-sdk/client-cloudwatch-logs';
import { CreateQueueCommand, GetQueueAttributesCommand, ReceiveMessageCommand, SendMessageCommand } from '@aws-sdk/client-sqs';
import { CreateTopicCommand, PublishCommand, SubscribeCommand } from '@aws-sdk/client-sns';
import { CreateBucketCommand, PutBucketNotificationConfigurationCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { ACCOUNT, REGION, ROLE, allowSending, failure, makeService, quickJSEngine, zipBytes, type Setup } from './support/harness.ts';

describe('the recursion config API', () => {
  let emulator: Setup;
  beforeEach(async () => {
    emulator = makeService(quickJSEngine());
    await emulator.lambda.send(new CreateFunctionCommand({
      FunctionName: 'fn', Runtime: 'nodejs22.x', Role: ROLE, Handler: 'index.handler', Code: { ZipFile: zipBytes({ 'index.js': 'exports.handler = async () => 1;' }) },
    }));
  });
  afterEach(() => emulator.close());
  const get = (FunctionName: string) => emulator.lambda.send(new GetFunctionRecursionConfigCommand({ FunctionName }));
  const put = (FunctionName: string, RecursiveLoop: string) => emulator.lambda.send(new PutFunctionRecursionConfigCommand({ FunctionName, RecursiveLoop: RecursiveLoop as RecursiveLoop }));

  it('is Terminate until changed, and Put answers the new setting, by name or ARN', async () => {
    const before = await get('fn');
    expect(before.$metadata.httpStatusCode).toBe(200);
    expect(before.RecursiveLoop).toBe('Terminate');
    const allowed = await put(`arn:aws:lambda:${REGION}:${ACCOUNT}:function:fn`, 'Allow');
    expect(allowed.$metadata.httpStatusCode).toBe(200);
    expect(allowed.RecursiveLoop).toBe('Allow');
    expect((await get('fn')).RecursiveLoop).toBe('Allow');
    expect((await put('fn', 'Terminate')).RecursiveLoop).toBe('Terminate');
    expect((await get(`${ACCOUNT}:function:fn`)).RecursiveLoop).toBe('Terminate');
  });

  it('refuses a value outside the enum, and a missing one, with Lambda\'s validation messages', async () => {
    expect(await failure(put('fn', 'Stop'))).toMatchObject({
      name: 'ValidationException', status: 400,
      message: "1 validation error detected: Value 'Stop' at 'recursiveLoop' failed to satisfy constraint: Member must satisfy enum value set: [Allow, Terminate]",
    });
    expect(await failure(put('fn', undefined as unknown as string))).toMatchObject({
      name: 'ValidationException', status: 400, message: "1 validation error detected: Value null at 'recursiveLoop' failed to satisfy constraint: Member must not be null",
    });
    expect((await get('fn')).RecursiveLoop).toBe('Terminate');
  });

  it('answers ResourceNotFoundException for a function that does not exist, and refuses a qualifier', async () => {
    expect(await failure(get('nope'))).toMatchObject({ name: 'ResourceNotFoundException', status: 404, message: `Function not found: arn:aws:lambda:${REGION}:${ACCOUNT}:function:nope` });
    expect(await failure(put('nope', 'Allow'))).toMatchObject({ name: 'ResourceNotFoundException', status: 404 });
    expect(await failure(put('fn:1', 'Allow'))).toMatchObject({ name: 'InvalidParameterValueException', status: 400 });
  });
});

/** Logs `got [n, trace]` and sends {n: n + 1} back to the queue that triggered it, until n reaches 20. */
const LOOP_HANDLER = `
const { SQSClient, SendMessageCommand } = require('@aws-sdk/client-sqs');
const sqs = new SQSClient({});
exports.handler = async (event) => {
  const n = JSON.parse(event.Records[0].body).n;
  console.log('got ' + JSON.stringify([n, process.env._X_AMZN_TRACE_ID]));
  if (n < 20) await sqs.send(new SendMessageCommand({ QueueUrl: process.env.QUEUE_URL, MessageBody: JSON.stringify({ n: n + 1 }) }));
};`;

describe('a function that sends to the queue that triggers it', () => {
  let emulator: Setup;
  const queueArn = (name: string) => `arn:aws:sqs:${REGION}:${ACCOUNT}:${name}`;
  let queueUrl: string;
  let dlqUrl: string;

  beforeEach(async () => {
    emulator = makeService(quickJSEngine());
    emulator.service.iam.attachRolePolicy({ RoleName: 'lambda-role', PolicyArn: 'arn:aws:iam::aws:policy/service-role/AWSLambdaSQSQueueExecutionRole' });
    const send = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'sqs:SendMessage', Resource: queueArn('loop') }] };
    emulator.service.iam.putRolePolicy({ RoleName: 'lambda-role', PolicyName: 'send', PolicyDocument: JSON.stringify(send) });
    dlqUrl = (await emulator.sqs.send(new CreateQueueCommand({ QueueName: 'loop-dlq' }))).QueueUrl!;
    queueUrl = (await emulator.sqs.send(new CreateQueueCommand({
      QueueName: 'loop', Attributes: { VisibilityTimeout: '30', RedrivePolicy: JSON.stringify({ deadLetterTargetArn: queueArn('loop-dlq'), maxReceiveCount: 2 }) },
    }))).QueueUrl!;
    await emulator.lambda.send(new CreateFunctionCommand({
      FunctionName: 'fn', Runtime: 'nodejs22.x', Role: ROLE, Handler: 'index.handler', Code: { ZipFile: zipBytes({ 'index.js': LOOP_HANDLER }) },
      Environment: { Variables: { QUEUE_URL: queueUrl } },
    }));
    await emulator.lambda.send(new CreateEventSourceMappingCommand({ EventSourceArn: queueArn('loop'), FunctionName: 'fn', BatchSize: 1 }));
  });
  afterEach(() => emulator.close());

  /** What each invocation logged: [n, its _X_AMZN_TRACE_ID]. */
  const invocations = async () => {
    const out = await emulator.logs.send(new FilterLogEventsCommand({ logGroupName: '/aws/lambda/fn' }));
    return (out.events ?? []).map((e) => e.message!.split('\t')[3]?.trim() ?? '').filter((m) => m.startsWith('got ')).map((m) => JSON.parse(m.slice(4)) as [number, string]);
  };
  const lineageCount = (trace: string) => Number(/Lineage=1:[0-9a-f]{8}:(\d+)$/.exec(trace)?.[1]);
  const rootOf = (trace: string) => /^Root=([^;]+);/.exec(trace)?.[1];

  it('is stopped after 16 invocations of the chain: the 17th message is not delivered and SQS moves it to the dead-letter queue', async () => {
    await emulator.sqs.send(new SendMessageCommand({ QueueUrl: queueUrl, MessageBody: JSON.stringify({ n: 0 }) }));
    await emulator.service.scheduler.drain();
    const seen = await invocations();
    expect(seen.map(([n]) => n)).toEqual(Array.from({ length: 16 }, (_, i) => i));
    // One trace through the chain, its Lineage counting the function's invocations in it.
    expect(seen.map(([, trace]) => lineageCount(trace))).toEqual(Array.from({ length: 16 }, (_, i) => i));
    expect(new Set(seen.map(([, trace]) => rootOf(trace))).size).toBe(1);
    const counts = await emulator.sqs.send(new GetQueueAttributesCommand({ QueueUrl: queueUrl, AttributeNames: ['ApproximateNumberOfMessages', 'ApproximateNumberOfMessagesNotVisible'] }));
    expect(counts.Attributes).toEqual({ ApproximateNumberOfMessages: '0', ApproximateNumberOfMessagesNotVisible: '0' });
    const dead = (await emulator.sqs.send(new ReceiveMessageCommand({ QueueUrl: dlqUrl, MaxNumberOfMessages: 10, MessageSystemAttributeNames: ['All'] }))).Messages ?? [];
    expect(dead.map((m) => m.Body)).toEqual([JSON.stringify({ n: 16 })]);
    // The held-back message keeps the trace the 16th invocation sent it with.
    expect(dead[0]!.Attributes?.AWSTraceHeader).toBe(seen[15]![1]);
    // Held back at each of its two receives: the inspection API counts them as RecursiveInvocationsDropped would.
    expect((emulator.service.inspect() as { functions: Record<string, unknown>[] }).functions[0]).toMatchObject({ recursiveLoop: 'Terminate', recursiveInvocationsDropped: 2 });
  });

  it('without a dead-letter queue, the held-back message stays in the queue until its retention period ends', async () => {
    const plainUrl = (await emulator.sqs.send(new CreateQueueCommand({ QueueName: 'plain', Attributes: { VisibilityTimeout: '30', MessageRetentionPeriod: '600' } }))).QueueUrl!;
    const send = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'sqs:SendMessage', Resource: queueArn('plain') }] };
    emulator.service.iam.putRolePolicy({ RoleName: 'lambda-role', PolicyName: 'send-plain', PolicyDocument: JSON.stringify(send) });
    await emulator.lambda.send(new CreateFunctionCommand({
      FunctionName: 'plain-fn', Runtime: 'nodejs22.x', Role: ROLE, Handler: 'index.handler', Code: { ZipFile: zipBytes({ 'index.js': LOOP_HANDLER }) },
      Environment: { Variables: { QUEUE_URL: plainUrl } },
    }));
    await emulator.lambda.send(new CreateEventSourceMappingCommand({ EventSourceArn: queueArn('plain'), FunctionName: 'plain-fn', BatchSize: 1 }));
    const t0 = emulator.clock.now();
    await emulator.sqs.send(new SendMessageCommand({ QueueUrl: plainUrl, MessageBody: JSON.stringify({ n: 0 }) }));
    await emulator.service.scheduler.drain({ untilMs: t0 + 300_000 });
    const counts = () => emulator.sqs.send(new GetQueueAttributesCommand({ QueueUrl: plainUrl, AttributeNames: ['ApproximateNumberOfMessages', 'ApproximateNumberOfMessagesNotVisible'] }));
    const held = (await counts()).Attributes!;
    expect(Number(held['ApproximateNumberOfMessages']) + Number(held['ApproximateNumberOfMessagesNotVisible'])).toBe(1);
    const dropped = (emulator.service.inspect() as { functions: { FunctionName: string; recursiveInvocationsDropped: number }[] }).functions.find((f) => f.FunctionName === 'plain-fn')!;
    expect(dropped.recursiveInvocationsDropped).toBeGreaterThan(1);
    await emulator.service.scheduler.drain();
    expect((await counts()).Attributes).toEqual({ ApproximateNumberOfMessages: '0', ApproximateNumberOfMessagesNotVisible: '0' });
  });

  it('runs on with RecursiveLoop Allow', async () => {
    await emulator.lambda.send(new PutFunctionRecursionConfigCommand({ FunctionName: 'fn', RecursiveLoop: 'Allow' }));
    await emulator.sqs.send(new SendMessageCommand({ QueueUrl: queueUrl, MessageBody: JSON.stringify({ n: 0 }) }));
    await emulator.service.scheduler.drain();
    const seen = await invocations();
    expect(seen.map(([n]) => n)).toEqual(Array.from({ length: 21 }, (_, i) => i));
    expect(lineageCount(seen[20]![1])).toBe(20);
    expect((await emulator.sqs.send(new ReceiveMessageCommand({ QueueUrl: dlqUrl }))).Messages ?? []).toEqual([]);
  });

  it('counts each chain on its own: a new message starts a new trace', async () => {
    await emulator.sqs.send(new SendMessageCommand({ QueueUrl: queueUrl, MessageBody: JSON.stringify({ n: 10 }) }));
    await emulator.sqs.send(new SendMessageCommand({ QueueUrl: queueUrl, MessageBody: JSON.stringify({ n: 15 }) }));
    await emulator.service.scheduler.drain();
    const seen = await invocations();
    // Two chains of 11 and 6 invocations, neither reaching 16.
    expect(seen.map(([n]) => n).sort((a, b) => a - b)).toEqual([...Array.from({ length: 11 }, (_, i) => 10 + i), ...Array.from({ length: 6 }, (_, i) => 15 + i)].sort((a, b) => a - b));
    expect(new Set(seen.map(([, trace]) => rootOf(trace))).size).toBe(2);
  });
});

/** Logs `got [n, trace]` and publishes {n: n + 1} to the topic it is subscribed to, until n reaches 20. */
const SNS_LOOP_HANDLER = `
const { SNSClient, PublishCommand } = require('@aws-sdk/client-sns');
const sns = new SNSClient({});
exports.handler = async (event) => {
  const n = JSON.parse(event.Records[0].Sns.Message).n;
  console.log('got ' + JSON.stringify([n, process.env._X_AMZN_TRACE_ID]));
  if (n < 20) await sns.send(new PublishCommand({ TopicArn: process.env.TOPIC_ARN, Message: JSON.stringify({ n: n + 1 }) }));
};`;

/** Logs `got [n, trace]` for the object n.json written and writes (n + 1).json to the same bucket, until n reaches 20. */
const S3_LOOP_HANDLER = `
const { S3Client, PutObjectCommand } = require('@aws-sdk/client-s3');
const s3 = new S3Client({});
exports.handler = async (event) => {
  const n = Number(event.Records[0].s3.object.key.split('.')[0]);
  console.log('got ' + JSON.stringify([n, process.env._X_AMZN_TRACE_ID]));
  if (n < 20) await s3.send(new PutObjectCommand({ Bucket: 'loop-bucket', Key: (n + 1) + '.json', Body: '{}' }));
};`;

describe('asynchronous loops through SNS and S3', () => {
  let emulator: Setup;
  const topicArn = `arn:aws:sns:${REGION}:${ACCOUNT}:loop`;
  const fnArn = `arn:aws:lambda:${REGION}:${ACCOUNT}:function:fn`;
  beforeEach(() => {
    emulator = makeService(quickJSEngine());
    allowSending(emulator);
  });
  afterEach(() => emulator.close());

  const invocations = async () => {
    const out = await emulator.logs.send(new FilterLogEventsCommand({ logGroupName: '/aws/lambda/fn' }));
    return (out.events ?? []).map((e) => e.message!.split('\t')[3]?.trim() ?? '').filter((m) => m.startsWith('got ')).map((m) => JSON.parse(m.slice(4)) as [number, string]);
  };
  const allow = (Action: string, Resource: string) =>
    emulator.service.iam.putRolePolicy({ RoleName: 'lambda-role', PolicyName: 'loop', PolicyDocument: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action, Resource }] }) });
  const createFunction = (code: string, Variables: Record<string, string> = {}) => emulator.lambda.send(new CreateFunctionCommand({
    FunctionName: 'fn', Runtime: 'nodejs22.x', Role: ROLE, Handler: 'index.handler', Code: { ZipFile: zipBytes({ 'index.js': code }) }, Environment: { Variables },
  }));

  const snsLoop = async () => {
    allow('sns:Publish', topicArn);
    await emulator.sns.send(new CreateTopicCommand({ Name: 'loop' }));
    await createFunction(SNS_LOOP_HANDLER, { TOPIC_ARN: topicArn });
    await emulator.lambda.send(new AddPermissionCommand({ FunctionName: 'fn', StatementId: 'sns', Action: 'lambda:InvokeFunction', Principal: 'sns.amazonaws.com', SourceArn: topicArn }));
    await emulator.sns.send(new SubscribeCommand({ TopicArn: topicArn, Protocol: 'lambda', Endpoint: fnArn }));
  };

  it('SNS: a function publishing to the topic it is subscribed to is stopped after 16 invocations, and the event goes to its dead-letter queue', async () => {
    await snsLoop();
    const dlqUrl = (await emulator.sqs.send(new CreateQueueCommand({ QueueName: 'fn-dlq' }))).QueueUrl!;
    await emulator.lambda.send(new UpdateFunctionConfigurationCommand({ FunctionName: 'fn', DeadLetterConfig: { TargetArn: `arn:aws:sqs:${REGION}:${ACCOUNT}:fn-dlq` } }));
    await emulator.sns.send(new PublishCommand({ TopicArn: topicArn, Message: JSON.stringify({ n: 0 }) }));
    await emulator.service.scheduler.drain();
    const seen = await invocations();
    expect(seen.map(([n]) => n)).toEqual(Array.from({ length: 16 }, (_, i) => i));
    const dead = (await emulator.sqs.send(new ReceiveMessageCommand({ QueueUrl: dlqUrl, MaxNumberOfMessages: 10, MessageAttributeNames: ['All'] }))).Messages ?? [];
    expect(dead).toHaveLength(1);
    expect(JSON.parse(JSON.parse(dead[0]!.Body!).Records[0].Sns.Message)).toEqual({ n: 16 });
    expect(dead[0]!.MessageAttributes?.['ErrorCode']?.StringValue).toBe('400');
    expect(dead[0]!.MessageAttributes?.['ErrorMessage']?.StringValue).toBe(
      "Lambda has detected your function being invoked in a recursive loop with other Amazon Web Services resources and stopped your function's invocation.",
    );
  });

  it('SNS: the on-failure destination receives the stopped event; with RecursiveLoop Allow the loop runs on', async () => {
    await snsLoop();
    await emulator.sqs.send(new CreateQueueCommand({ QueueName: 'failures' }));
    await emulator.lambda.send(new PutFunctionEventInvokeConfigCommand({ FunctionName: 'fn', DestinationConfig: { OnFailure: { Destination: `arn:aws:sqs:${REGION}:${ACCOUNT}:failures` } } }));
    await emulator.sns.send(new PublishCommand({ TopicArn: topicArn, Message: JSON.stringify({ n: 0 }) }));
    await emulator.service.scheduler.drain();
    expect((await invocations()).length).toBe(16);
    const failures = (await emulator.sqs.send(new ReceiveMessageCommand({ QueueUrl: `http://lambda.emulator.test/${ACCOUNT}/failures`, MaxNumberOfMessages: 10 }))).Messages ?? [];
    expect(failures).toHaveLength(1);
    const record = JSON.parse(failures[0]!.Body!) as { requestContext: { functionArn: string; approximateInvokeCount: number }; requestPayload: { Records: { Sns: { Message: string } }[] } };
    expect(record.requestContext).toMatchObject({ functionArn: `${fnArn}:$LATEST`, approximateInvokeCount: 0 });
    expect(JSON.parse(record.requestPayload.Records[0]!.Sns.Message)).toEqual({ n: 16 });

    await emulator.lambda.send(new PutFunctionRecursionConfigCommand({ FunctionName: 'fn', RecursiveLoop: 'Allow' }));
    await emulator.sns.send(new PublishCommand({ TopicArn: topicArn, Message: JSON.stringify({ n: 0 }) }));
    await emulator.service.scheduler.drain();
    expect((await invocations()).length).toBe(16 + 21);
  });

  it('S3: a function that writes to the bucket that triggers it is stopped after 16 invocations', async () => {
    allow('s3:PutObject', 'arn:aws:s3:::loop-bucket/*');
    await emulator.s3.send(new CreateBucketCommand({ Bucket: 'loop-bucket' }));
    await createFunction(S3_LOOP_HANDLER);
    await emulator.lambda.send(new AddPermissionCommand({ FunctionName: 'fn', StatementId: 's3', Action: 'lambda:InvokeFunction', Principal: 's3.amazonaws.com', SourceArn: 'arn:aws:s3:::loop-bucket' }));
    await emulator.s3.send(new PutBucketNotificationConfigurationCommand({
      Bucket: 'loop-bucket', NotificationConfiguration: { LambdaFunctionConfigurations: [{ LambdaFunctionArn: fnArn, Events: ['s3:ObjectCreated:*'] }] },
    }));
    await emulator.s3.send(new PutObjectCommand({ Bucket: 'loop-bucket', Key: '0.json', Body: '{}' }));
    await emulator.service.scheduler.drain();
    const seen = await invocations();
    expect(seen.map(([n]) => n)).toEqual(Array.from({ length: 16 }, (_, i) => i));
    expect(seen.map(([, trace]) => Number(/:(\d+)$/.exec(trace)![1]))).toEqual(Array.from({ length: 16 }, (_, i) => i));
  });
});
