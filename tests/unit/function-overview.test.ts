/**
 * The Function overview reads a function's triggers, layers and destinations from the same API
 * answers the console gets, each item pointing at the tab and control that configures it.
 */
import { describe, expect, it } from 'vitest';
import { AddPermissionCommand, CreateEventSourceMappingCommand, CreateFunctionCommand, CreateFunctionUrlConfigCommand, PublishLayerVersionCommand, PutFunctionEventInvokeConfigCommand, UpdateFunctionConfigurationCommand } from '@aws-sdk/client-lambda';
import { CreateQueueCommand, GetQueueAttributesCommand } from '@aws-sdk/client-sqs';
import { ACCOUNT, REGION, ROLE, allowSending, makeService, quickJSEngine, zipBytes } from './support/harness.ts';
import { readOverview, resourceName } from '../../src/workspace/function-diagram.ts';
import type { Ctx } from '../../src/workspace/context.ts';

describe('the Function overview', () => {
  it('shows a bare function with nothing around it', async () => {
    const emu = makeService(quickJSEngine());
    await emu.lambda.send(new CreateFunctionCommand({ FunctionName: 'bare', Runtime: 'nodejs22.x', Role: ROLE, Handler: 'index.handler', Code: { ZipFile: zipBytes({ 'index.mjs': 'export const handler = async () => 1;' }) } }));
    expect(await readOverview({ emu } as unknown as Ctx, 'bare')).toEqual({ functionName: 'bare', triggers: [], layers: [], destinations: [] });
    emu.close();
  });

  it('reads triggers (a mapping, a service permission, the URL), layers in order and destinations', async () => {
    const emu = makeService(quickJSEngine());
    // The function's role may poll queues, as an SQS mapping needs.
    emu.service.iam.attachRolePolicy({ RoleName: 'lambda-role', PolicyArn: 'arn:aws:iam::aws:policy/service-role/AWSLambdaSQSQueueExecutionRole' });
    allowSending(emu);
    const { lambda, sqs } = emu;
    const layerArns: string[] = [];
    for (const name of ['random-words', 'planet-words']) {
      layerArns.push((await lambda.send(new PublishLayerVersionCommand({ LayerName: name, Content: { ZipFile: zipBytes({ [`nodejs/node_modules/${name}/index.js`]: 'module.exports = 1;' }) } }))).LayerVersionArn!);
    }
    await lambda.send(new CreateFunctionCommand({ FunctionName: 'orders', Runtime: 'nodejs22.x', Role: ROLE, Handler: 'index.handler', Layers: layerArns, Code: { ZipFile: zipBytes({ 'index.mjs': 'export const handler = async () => 1;' }) } }));
    const queueUrl = (await sqs.send(new CreateQueueCommand({ QueueName: 'incoming' }))).QueueUrl!;
    const queueArn = (await sqs.send(new GetQueueAttributesCommand({ QueueUrl: queueUrl, AttributeNames: ['QueueArn'] }))).Attributes!['QueueArn']!;
    await lambda.send(new CreateEventSourceMappingCommand({ FunctionName: 'orders', EventSourceArn: queueArn, BatchSize: 5 }));
    await lambda.send(new AddPermissionCommand({ FunctionName: 'orders', StatementId: 's3', Action: 'lambda:InvokeFunction', Principal: 's3.amazonaws.com', SourceArn: 'arn:aws:s3:::uploads', SourceAccount: ACCOUNT }));
    await lambda.send(new CreateFunctionUrlConfigCommand({ FunctionName: 'orders', AuthType: 'NONE' }));
    await lambda.send(new PutFunctionEventInvokeConfigCommand({ FunctionName: 'orders', DestinationConfig: { OnFailure: { Destination: `arn:aws:sqs:${REGION}:${ACCOUNT}:failures` } } }));
    await lambda.send(new UpdateFunctionConfigurationCommand({ FunctionName: 'orders', DeadLetterConfig: { TargetArn: `arn:aws:sns:${REGION}:${ACCOUNT}:dead-letters` } }));
    const overview = await readOverview({ emu } as unknown as Ctx, 'orders');
    expect(overview.triggers.map((t) => [t.label, t.tab])).toEqual([
      ['SQS: incoming', 'triggers'],
      ['S3: uploads', 'triggers'],
      ['Function URL', 'configuration'],
    ]);
    expect(overview.triggers[0]!.detail).toMatch(/^Event source mapping, (Creating|Enabled|Enabling), batch size 5$/);
    expect(overview.triggers[2]!.detail).toMatch(/^https:\/\/[a-z0-9]{32}\.lambda-url\.us-east-1\.on\.aws\/ \(auth NONE\)$/);
    expect(overview.layers).toEqual([
      { label: 'random-words:1', detail: 'Layer 1 of 2, merged in this order', tab: 'layers' },
      { label: 'planet-words:1', detail: 'Layer 2 of 2, merged in this order', tab: 'layers' },
    ]);
    expect(overview.destinations).toEqual([
      { label: 'On failure: failures', detail: 'SQS queue', tab: 'async', focus: '[data-on-failure]' },
      { label: 'Dead-letter queue: dead-letters', detail: 'SNS topic', tab: 'async', focus: '[data-dlq]' },
    ]);
    emu.close();
  });

  it('names a resource by the last part of its ARN', () => {
    expect(resourceName('arn:aws:sqs:us-east-1:111111111111:orders')).toBe('orders');
    expect(resourceName('arn:aws:lambda:us-east-1:111111111111:layer:words:3')).toBe('words:3');
    expect(resourceName('arn:aws:s3:::bucket')).toBe('bucket');
    expect(resourceName('not an arn')).toBe('not an arn');
  });
});
