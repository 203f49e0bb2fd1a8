/**
 * Lambda's asynchronous results delivered into SNS topics and EventBridge buses: an on-failure
 * destination and a dead-letter queue that are topics (read from the queue a topic feeds), and an
 * on-success destination that is an event bus, whose rule forwards Lambda's event to a queue.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CreateFunctionCommand, InvokeCommand, PutFunctionEventInvokeConfigCommand, UpdateFunctionConfigurationCommand } from '@aws-sdk/client-lambda';
import { CreateQueueCommand, ReceiveMessageCommand } from '@aws-sdk/client-sqs';
import { CreateTopicCommand, SubscribeCommand } from '@aws-sdk/client-sns';
import { CreateEventBusCommand, PutRuleCommand, PutTargetsCommand } from '@aws-sdk/client-eventbridge';
import { ACCOUNT, REGION, ROLE, allowSending, makeService, zipBytes, type Setup } from './support/harness.ts';
import { createVmEnvironmentFactory } from './support/vm-engine.ts';
import { allowSendPolicy } from './support/queue-policy.ts';
import { SetQueueAttributesCommand } from '@aws-sdk/client-sqs';

const FAILING = { 'index.js': 'exports.handler = async (event) => { if (event.fail) throw new Error("boom"); return { ok: true }; };' };
const QUEUE_ARN = (name: string) => `arn:aws:sqs:${REGION}:${ACCOUNT}:${name}`;
const FUNCTION_ARN = `arn:aws:lambda:${REGION}:${ACCOUNT}:function:worker`;

describe('destinations and dead-letter queues into SNS topics and EventBridge buses', () => {
  let setup: Setup;

  beforeEach(async () => {
    setup = makeService(createVmEnvironmentFactory());
    allowSending(setup);
    await setup.lambda.send(new CreateFunctionCommand({ FunctionName: 'worker', Runtime: 'nodejs22.x', Role: ROLE, Handler: 'index.handler', Code: { ZipFile: zipBytes(FAILING) } }));
  });
  afterEach(() => setup.close());

  const queue = async (name: string) => (await setup.sqs.send(new CreateQueueCommand({ QueueName: name }))).QueueUrl!;
  const allow = (url: string, name: string, service: 'sns.amazonaws.com' | 'events.amazonaws.com', sourceArn: string) =>
    setup.sqs.send(new SetQueueAttributesCommand({ QueueUrl: url, Attributes: { Policy: allowSendPolicy(QUEUE_ARN(name), service, sourceArn) } }));
  const receive = async (url: string) => (await setup.sqs.send(new ReceiveMessageCommand({ QueueUrl: url, MaxNumberOfMessages: 10, MessageAttributeNames: ['All'] }))).Messages ?? [];
  const invokeEvent = (payload: unknown) => setup.lambda.send(new InvokeCommand({ FunctionName: 'worker', InvocationType: 'Event', Payload: new TextEncoder().encode(JSON.stringify(payload)) }));

  it('an on-failure destination that is a topic publishes Lambda record to its subscribers', async () => {
    const url = await queue('failures');
    const { TopicArn } = await setup.sns.send(new CreateTopicCommand({ Name: 'failures' }));
    await allow(url, 'failures', 'sns.amazonaws.com', TopicArn!);
    await setup.sns.send(new SubscribeCommand({ TopicArn, Protocol: 'sqs', Endpoint: QUEUE_ARN('failures') }));
    await setup.lambda.send(new PutFunctionEventInvokeConfigCommand({ FunctionName: 'worker', MaximumRetryAttempts: 0, DestinationConfig: { OnFailure: { Destination: TopicArn } } }));
    const invoked = await invokeEvent({ fail: true });
    await setup.service.scheduler.drain();
    const [message] = await receive(url);
    const envelope = JSON.parse(message!.Body!) as { Type: string; TopicArn: string; Message: string };
    expect(envelope).toMatchObject({ Type: 'Notification', TopicArn });
    const record = JSON.parse(envelope.Message) as Record<string, unknown>;
    expect(record).toMatchObject({
      version: '1.0',
      requestContext: { requestId: invoked.$metadata.requestId, functionArn: `${FUNCTION_ARN}:$LATEST`, condition: 'RetriesExhausted', approximateInvokeCount: 1 },
      requestPayload: { fail: true },
      responsePayload: { errorType: 'Error', errorMessage: 'boom' },
    });
  });

  it('a dead-letter queue that is a topic publishes the event with RequestID, ErrorCode and ErrorMessage attributes', async () => {
    const url = await queue('dlq');
    const { TopicArn } = await setup.sns.send(new CreateTopicCommand({ Name: 'dlq' }));
    await allow(url, 'dlq', 'sns.amazonaws.com', TopicArn!);
    await setup.sns.send(new SubscribeCommand({ TopicArn, Protocol: 'sqs', Endpoint: QUEUE_ARN('dlq'), Attributes: { RawMessageDelivery: 'true' } }));
    await setup.lambda.send(new UpdateFunctionConfigurationCommand({ FunctionName: 'worker', DeadLetterConfig: { TargetArn: TopicArn } }));
    await setup.lambda.send(new PutFunctionEventInvokeConfigCommand({ FunctionName: 'worker', MaximumRetryAttempts: 0 }));
    const invoked = await invokeEvent({ fail: true, n: 1 });
    await setup.service.scheduler.drain();
    const [message] = await receive(url);
    expect(JSON.parse(message!.Body!)).toEqual({ fail: true, n: 1 });
    expect(message!.MessageAttributes).toEqual({
      RequestID: { DataType: 'String', StringValue: invoked.$metadata.requestId },
      ErrorCode: { DataType: 'Number', StringValue: '200' },
      ErrorMessage: { DataType: 'String', StringValue: 'boom' },
    });
  });

  it('an on-success destination that is an event bus puts Lambda event on it, which rules match', async () => {
    const url = await queue('successes');
    const { EventBusArn } = await setup.events.send(new CreateEventBusCommand({ Name: 'results' }));
    await setup.events.send(new PutRuleCommand({ Name: 'ok', EventBusName: 'results', EventPattern: JSON.stringify({ source: ['lambda'], 'detail-type': ['Lambda Function Invocation Result - Success'] }) }));
    await allow(url, 'successes', 'events.amazonaws.com', `arn:aws:events:${REGION}:${ACCOUNT}:rule/results/ok`);
    await setup.events.send(new PutTargetsCommand({ Rule: 'ok', EventBusName: 'results', Targets: [{ Id: 'q', Arn: QUEUE_ARN('successes') }] }));
    await setup.lambda.send(new PutFunctionEventInvokeConfigCommand({ FunctionName: 'worker', DestinationConfig: { OnSuccess: { Destination: EventBusArn } } }));
    await invokeEvent({ fail: false });
    await setup.service.scheduler.drain();
    const [message] = await receive(url);
    const event = JSON.parse(message!.Body!) as Record<string, unknown>;
    expect(event).toMatchObject({
      version: '0', source: 'lambda', 'detail-type': 'Lambda Function Invocation Result - Success', account: ACCOUNT, region: REGION, resources: [EventBusArn, `${FUNCTION_ARN}:$LATEST`],
      detail: { version: '1.0', requestContext: { condition: 'Success' }, requestPayload: { fail: false }, responsePayload: { ok: true } },
    });
  });
});
