/// <reference types="vite/client" />
/** The reference solution of "Repairing permissions" as the SDK calls the console and the terminal make, in Node.js or Python. */
import { AttachRolePolicyCommand, CreateRoleCommand } from '@aws-sdk/client-iam';
import { AddPermissionCommand, InvokeCommand, RemovePermissionCommand, UpdateFunctionConfigurationCommand, type LambdaClient } from '@aws-sdk/client-lambda';
import { iamBeside } from '../../../src/checks/context.ts';
import { createFunction, languageOfSteps, waitUntilSettled, type StepsContext } from '../../../src/checks/reference-steps.ts';
import starterSource from '../starter/index.mjs?raw';
import pythonStarter from '../starter-python/lambda_function.py?raw';
import { functionBase, partnerAccount, roleBase } from '../check.ts';

/** The trust policy the teammate's role has: Lambda may assume it. */
export const lambdaTrust = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' }] });
export const basicExecutionPolicy = 'arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole';

/** The account as the teammate left it: inventory-report running as a role with no policies, and invocable by anyone. */
export async function start(lambda: LambdaClient, ctx: StepsContext): Promise<void> {
  const name = `${ctx.prefix}${functionBase}`;
  await createFunction(lambda, ctx, functionBase, languageOfSteps(ctx) === 'python' ? { 'lambda_function.py': pythonStarter } : { 'index.mjs': starterSource });
  const { Role } = await iamBeside(lambda).send(new CreateRoleCommand({ RoleName: `${ctx.prefix}${roleBase}`, AssumeRolePolicyDocument: lambdaTrust }));
  await lambda.send(new UpdateFunctionConfigurationCommand({ FunctionName: name, Role: Role?.Arn }));
  await waitUntilSettled(lambda, name);
  await lambda.send(new AddPermissionCommand({ FunctionName: name, StatementId: 'public-invoke', Action: 'lambda:InvokeFunction', Principal: '*' }));
}

export async function solve(lambda: LambdaClient, ctx: StepsContext): Promise<void> {
  const name = `${ctx.prefix}${functionBase}`;
  // Task 1: Test; no logs; the console names what the role lacks.
  await lambda.send(new InvokeCommand({ FunctionName: name }));
  ctx.answers['missing-log-permission'] = 'logs:CreateLogStream';
  // Task 2: attach AWSLambdaBasicExecutionRole; Test again.
  await iamBeside(lambda).send(new AttachRolePolicyCommand({ RoleName: `${ctx.prefix}${roleBase}`, PolicyArn: basicExecutionPolicy }));
  await lambda.send(new InvokeCommand({ FunctionName: name }));
  // Task 3: the public statement out, the partner account in.
  await lambda.send(new RemovePermissionCommand({ FunctionName: name, StatementId: 'public-invoke' }));
  await lambda.send(new AddPermissionCommand({ FunctionName: name, StatementId: 'partner-invoke', Action: 'lambda:InvokeFunction', Principal: partnerAccount }));
}
