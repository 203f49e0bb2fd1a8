import { describe, expect, it } from 'vitest';
import { createInProcessEmulator } from './in-process.ts';
import { createSdkBridge, SDK_SERVICES } from './sdk-bridge.ts';
import { createVirtualClock } from './runtime/clock.ts';
import { createEngineChooser } from './runtime/engine-chooser.ts';
import { zip } from './zip.ts';
import botocoreClient from './runtime/python/guest/botocore/client.py?raw';

describe('the SDK bridge', () => {
  const emulator = createInProcessEmulator({ environmentFactory: createEngineChooser({}), clock: createVirtualClock(0), accountId: '111111111111' });
  const bridge = createSdkBridge(() => emulator.clientConfig);

  it('runs an operation through the real SDK client: output, status, request id and the raw headers', async () => {
    await bridge({ service: 'lambda', operation: 'CreateFunction', input: { FunctionName: 'f', Runtime: 'python3.12', Role: 'arn:aws:iam::111111111111:role/lambda-role', Handler: 'lambda_function.lambda_handler', Code: { ZipFile: zip({ 'lambda_function.py': 'x = 1\n' }) } } });
    const answer = await bridge({ service: 'lambda', operation: 'GetFunctionConfiguration', input: { FunctionName: 'f' } });
    if (!('output' in answer)) throw new Error('expected an output');
    expect(answer.output).toMatchObject({ FunctionName: 'f', Runtime: 'python3.12', Handler: 'lambda_function.lambda_handler' });
    expect(answer.output).not.toHaveProperty('$metadata');
    expect(answer.status).toBe(200);
    expect(answer.requestId).toMatch(/^[0-9a-f-]{36}$/);
    expect(answer.headers).toMatchObject({ 'x-amzn-requestid': answer.requestId, 'content-type': 'application/json' });
  });

  it('answers a service error with its code, message, status and modeled fields', async () => {
    expect(await bridge({ service: 'lambda', operation: 'GetFunction', input: { FunctionName: 'nope' } })).toEqual({
      error: {
        code: 'ResourceNotFoundException', message: 'Function not found: arn:aws:lambda:us-east-1:111111111111:function:nope', status: 404,
        requestId: expect.stringMatching(/^[0-9a-f-]{36}$/), headers: expect.objectContaining({ 'x-amzn-errortype': 'ResourceNotFoundException' }), fields: { Type: 'User' },
      },
    });
  });

  it('names what it does not answer', async () => {
    expect(await bridge({ service: 'lambda', operation: 'Frobnicate', input: {} })).toMatchObject({ error: { code: 'UnknownOperation', message: 'The lambda client has no operation Frobnicate.' } });
    expect(await bridge({ service: 'dynamodb', operation: 'ListTables', input: {} })).toMatchObject({ error: { code: 'UnknownService', message: "Unknown service: 'dynamodb'. Valid service names are: lambda, logs, s3, sqs, sns, events, iam, sts" } });
  });

  it('runs S3 (bodies as bytes), SQS, SNS and EventBridge calls through their clients', async () => {
    const ok = async (service: string, operation: string, input: Record<string, unknown>) => {
      const answer = await bridge({ service, operation, input });
      if (!('output' in answer)) throw new Error(`${operation}: ${JSON.stringify(answer)}`);
      return answer.output;
    };
    await ok('s3', 'CreateBucket', { Bucket: 'bucket' });
    await ok('s3', 'PutObject', { Bucket: 'bucket', Key: 'k', Body: new TextEncoder().encode('hi') });
    expect((await ok('s3', 'GetObject', { Bucket: 'bucket', Key: 'k' }))['Body']).toEqual(new TextEncoder().encode('hi'));
    const { TopicArn } = (await ok('sns', 'CreateTopic', { Name: 't' })) as { TopicArn: string };
    const Policy = JSON.stringify({ Statement: [{ Effect: 'Allow', Principal: { Service: 'sns.amazonaws.com' }, Action: 'sqs:SendMessage', Condition: { ArnEquals: { 'aws:SourceArn': TopicArn } } }] });
    const { QueueUrl } = (await ok('sqs', 'CreateQueue', { QueueName: 'q', Attributes: { Policy } })) as { QueueUrl: string };
    await ok('sns', 'Subscribe', { TopicArn, Protocol: 'sqs', Endpoint: 'arn:aws:sqs:us-east-1:111111111111:q', Attributes: { RawMessageDelivery: 'true' } });
    await ok('sns', 'Publish', { TopicArn, Message: 'from python' });
    expect(((await ok('sqs', 'ReceiveMessage', { QueueUrl })) as { Messages: { Body: string }[] }).Messages[0]!.Body).toBe('from python');
    expect(await ok('events', 'PutRule', { Name: 'r', ScheduleExpression: 'rate(1 hour)' })).toEqual({ RuleArn: 'arn:aws:events:us-east-1:111111111111:rule/r' });
  });

  it('answers the services the guest\'s botocore offers', () => {
    const offered = /SERVICE_CLASS_NAMES = \{(.*)\}/.exec(botocoreClient)![1]!.match(/"([a-z0-9]+)":/g)!.map((m) => m.slice(1, -2));
    expect(offered).toEqual([...SDK_SERVICES]);
  });
});
