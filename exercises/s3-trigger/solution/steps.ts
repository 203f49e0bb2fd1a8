/// <reference types="vite/client" />
/** The reference solution of "Processing uploads from S3" as the SDK calls the console, the Test tab and the terminal make, in Node.js or Python. */
import { PutRolePolicyCommand } from '@aws-sdk/client-iam';
import { AddPermissionCommand, GetFunctionConfigurationCommand, InvokeCommand, UpdateFunctionCodeCommand, type LambdaClient } from '@aws-sdk/client-lambda';
import { CreateBucketCommand, PutBucketNotificationConfigurationCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { iamBeside, neighboursBeside, runDue } from '../../../src/checks/context.ts';
import { roleNameOf } from '../../../src/checks/iam-reads.ts';
import { createFunction, languageOfSteps, waitUntilSettled, type StepsContext } from '../../../src/checks/reference-steps.ts';
import { zipFiles } from '../../../src/checks/zip.ts';
import { eventTemplates } from '../../../src/workspace/event-templates.ts';
import starterSource from '../starter/index.mjs?raw';
import pythonStarter from '../starter-python/lambda_function.py?raw';
import pythonSolution from '../solution-python/lambda_function.py?raw';
import { functionBase, outputPrefix, uploadPrefix, writeAction } from '../check.ts';
import indexSource from './index.mjs?raw';

/** The bucket the instructions have the learner make (bucket names are global on AWS: a number of their own). */
export const bucketBase = 'uploads-ada-1815';

function code(ctx: StepsContext, which: 'starter' | 'solution'): Record<string, string> {
  if (languageOfSteps(ctx) === 'python') return { 'lambda_function.py': which === 'starter' ? pythonStarter : pythonSolution };
  return { 'index.mjs': which === 'starter' ? starterSource : indexSource };
}

/** The Test tab's S3 Put template with the learner's bucket and an encoded key, as Task 2 has them edit it. */
export function s3PutEvent(bucket: string, encodedKey: string): unknown {
  const template = structuredClone(eventTemplates.find((t) => t.id === 's3-put')!.event) as { Records: Array<{ s3: { bucket: { name: string; arn: string }; object: { key: string } } }> };
  const record = template.Records[0]!;
  record.s3.bucket.name = bucket;
  record.s3.bucket.arn = `arn:aws:s3:::${bucket}`;
  record.s3.object.key = encodedKey;
  return template;
}

/** The policy Task 3 adds: s3:PutObject on the summaries, and nothing else. */
export function writePolicy(bucket: string): string {
  return JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: writeAction, Resource: `arn:aws:s3:::${bucket}/${outputPrefix}*` }] });
}

/** Before the first task the account holds nothing of this exercise. */
export async function start(_lambda: LambdaClient, _ctx: StepsContext): Promise<void> {}

export async function solve(lambda: LambdaClient, ctx: StepsContext): Promise<void> {
  const name = `${ctx.prefix}${functionBase}`;
  const bucket = `${ctx.prefix}${bucketBase}`;
  const { s3 } = neighboursBeside(lambda);
  // Task 1: Create function; aws s3 mb; Triggers tab: S3, All object create events, prefix uploads/ (the policy statement first, then the notification).
  await createFunction(lambda, ctx, functionBase, code(ctx, 'starter'));
  const fn = await lambda.send(new GetFunctionConfigurationCommand({ FunctionName: name }));
  const arn = fn.FunctionArn ?? '';
  await s3.send(new CreateBucketCommand({ Bucket: bucket }));
  await lambda.send(new AddPermissionCommand({ FunctionName: name, StatementId: 'lambda-s3-uploads', Action: 'lambda:InvokeFunction', Principal: 's3.amazonaws.com', SourceArn: `arn:aws:s3:::${bucket}`, SourceAccount: arn.split(':')[4] }));
  await s3.send(new PutBucketNotificationConfigurationCommand({
    Bucket: bucket,
    NotificationConfiguration: { LambdaFunctionConfigurations: [{ LambdaFunctionArn: arn, Events: ['s3:ObjectCreated:*'], Filter: { Key: { FilterRules: [{ Name: 'prefix', Value: uploadPrefix }] } } }] },
  }));
  // Task 2: Test with the S3 Put template for the bucket: AccessDenied.
  await lambda.send(new InvokeCommand({ FunctionName: name, Payload: new TextEncoder().encode(JSON.stringify(s3PutEvent(bucket, `${uploadPrefix}my+photo.txt`))) }));
  ctx.answers['denied-action'] = writeAction;
  // Task 3: aws iam put-role-policy: s3:PutObject on processed/* of the bucket.
  await iamBeside(lambda).send(new PutRolePolicyCommand({ RoleName: roleNameOf(fn.Role ?? '') ?? '', PolicyName: 'write-summaries', PolicyDocument: writePolicy(bucket) }));
  // Task 4: decode the key, Deploy, upload a file with a space in its name.
  await lambda.send(new UpdateFunctionCodeCommand({ FunctionName: name, ZipFile: zipFiles(code(ctx, 'solution')) }));
  await waitUntilSettled(lambda, name);
  await s3.send(new PutObjectCommand({ Bucket: bucket, Key: `${uploadPrefix}my photo.txt`, Body: 'a photo, in words' }));
  await runDue(lambda);
}
