/// <reference types="vite/client" />
/** The reference solution of "Batches from SQS" as the SDK calls the terminal, the Triggers and Services tabs and the code editor make, in Node.js or Python. */
import { AttachRolePolicyCommand } from '@aws-sdk/client-iam';
import { CreateEventSourceMappingCommand, GetFunctionConfigurationCommand, UpdateFunctionCodeCommand, type LambdaClient } from '@aws-sdk/client-lambda';
import { CreateQueueCommand, GetQueueAttributesCommand, SendMessageCommand } from '@aws-sdk/client-sqs';
import { emulatorRoute, iamBeside, neighboursBeside } from '../../../src/checks/context.ts';
import { roleNameOf } from '../../../src/checks/iam-reads.ts';
import { createFunction, languageOfSteps, waitUntilSettled, type StepsContext } from '../../../src/checks/reference-steps.ts';
import { zipFiles } from '../../../src/checks/zip.ts';
import starterSource from '../starter/index.mjs?raw';
import pythonStarter from '../starter-python/lambda_function.py?raw';
import pythonSolution from '../solution-python/lambda_function.py?raw';
import { deadLetterBase, functionBase, queueBase, receiveAction } from '../check.ts';
import indexSource from './index.mjs?raw';

export const maxReceiveCount = 3;
export const sqsExecutionPolicy = 'arn:aws:iam::aws:policy/service-role/AWSLambdaSQSQueueExecutionRole';

function code(ctx: StepsContext, which: 'starter' | 'solution'): Record<string, string> {
  if (languageOfSteps(ctx) === 'python') return { 'lambda_function.py': which === 'starter' ? pythonStarter : pythonSolution };
  return { 'index.mjs': which === 'starter' ? starterSource : indexSource };
}

/** The Services tab's "+1 minute": the emulator's clock moves on, and what came due runs (polls, visibility timeouts). */
export async function advanceOneMinute(lambda: LambdaClient): Promise<void> {
  if ((await emulatorRoute(lambda, 'POST', 'clock/advance', { ms: '60000' })) === undefined) throw new Error('The emulator could not move its clock on.');
}

/** Before the first task the account holds nothing of this exercise. */
export async function start(_lambda: LambdaClient, _ctx: StepsContext): Promise<void> {}

export async function solve(lambda: LambdaClient, ctx: StepsContext): Promise<void> {
  const name = `${ctx.prefix}${functionBase}`;
  const { sqs } = neighboursBeside(lambda);
  await createFunction(lambda, ctx, functionBase, code(ctx, 'starter'));
  // Task 1: the dead-letter queue, then orders with its RedrivePolicy.
  const dlq = await sqs.send(new CreateQueueCommand({ QueueName: `${ctx.prefix}${deadLetterBase}` }));
  const dlqArn = (await sqs.send(new GetQueueAttributesCommand({ QueueUrl: dlq.QueueUrl, AttributeNames: ['QueueArn'] }))).Attributes?.['QueueArn'] ?? '';
  const orders = await sqs.send(new CreateQueueCommand({ QueueName: `${ctx.prefix}${queueBase}`, Attributes: { RedrivePolicy: JSON.stringify({ deadLetterTargetArn: dlqArn, maxReceiveCount: String(maxReceiveCount) }) } }));
  const ordersArn = (await sqs.send(new GetQueueAttributesCommand({ QueueUrl: orders.QueueUrl, AttributeNames: ['QueueArn'] }))).Attributes?.['QueueArn'] ?? '';
  // Task 2: the Triggers tab's SQS trigger is refused until the role may poll; attach the managed policy and add it again.
  const mapping = new CreateEventSourceMappingCommand({ FunctionName: name, EventSourceArn: ordersArn, BatchSize: 10, FunctionResponseTypes: ['ReportBatchItemFailures'] });
  await lambda.send(mapping).then(
    () => undefined,
    () => undefined,
  );
  ctx.answers['missing-permission'] = receiveAction;
  const role = (await lambda.send(new GetFunctionConfigurationCommand({ FunctionName: name }))).Role ?? '';
  await iamBeside(lambda).send(new AttachRolePolicyCommand({ RoleName: roleNameOf(role) ?? '', PolicyArn: sqsExecutionPolicy }));
  await lambda.send(mapping);
  // Task 3: report each failed message; Deploy.
  await lambda.send(new UpdateFunctionCodeCommand({ FunctionName: name, ZipFile: zipFiles(code(ctx, 'solution')) }));
  await waitUntilSettled(lambda, name);
  // Task 4: a poison message, received maxReceiveCount times a minute apart, then moved to the dead-letter queue.
  await sqs.send(new SendMessageCommand({ QueueUrl: orders.QueueUrl, MessageBody: 'not json' }));
  for (let minute = 0; minute <= maxReceiveCount; minute++) await advanceOneMinute(lambda);
}
