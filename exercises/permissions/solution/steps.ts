/// <reference types="vite/client" />
/** The reference solution of "Repairing permissions" as the SDK calls the console and the terminal make, in Node.js or Python. */
import { AttachRolePolicyCommand, CreateRoleCommand, GetRoleCommand, UpdateAssumeRolePolicyCommand } from '@aws-sdk/client-iam';
import { AddPermissionCommand, InvokeCommand, RemovePermissionCommand, UpdateFunctionConfigurationCommand, type LambdaClient } from '@aws-sdk/client-lambda';
import { iamBeside } from '../../../src/checks/context.ts';
import { createFunction, languageOfSteps, waitUntilSettled, type StepsContext } from '../../../src/checks/reference-steps.ts';
import starterSource from '../starter/index.mjs?raw';
import pythonStarter from '../starter-python/lambda_function.py?raw';
import { functionBase, lambdaService, partnerAccount, roleBase, teammatesService } from '../check.ts';

/** A trust policy that lets one service assume the role. */
const trustFor = (service: string): string => JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: service }, Action: 'sts:AssumeRole' }] });
/** The trust policy the teammate copied from an EC2 example, and the one the role needs: Lambda may assume it. */
export const teammatesTrust = trustFor(teammatesService);
export const lambdaTrust = trustFor(lambdaService);
export const basicExecutionPolicy = 'arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole';

/** Lambda's refusal of a role it may not assume. */
export const cannotBeAssumed = 'The role defined for the function cannot be assumed by Lambda.';

/**
 * The account as the teammate left it: a role with no policies that trusts EC2, which Lambda
 * therefore refused to run inventory-report as (the function keeps its console role), and a
 * statement that lets anyone invoke the function.
 */
export async function start(lambda: LambdaClient, ctx: StepsContext): Promise<void> {
  const name = `${ctx.prefix}${functionBase}`;
  await createFunction(lambda, ctx, functionBase, languageOfSteps(ctx) === 'python' ? { 'lambda_function.py': pythonStarter } : { 'index.mjs': starterSource });
  const { Role } = await iamBeside(lambda).send(new CreateRoleCommand({ RoleName: `${ctx.prefix}${roleBase}`, AssumeRolePolicyDocument: teammatesTrust }));
  const refusal = await lambda.send(new UpdateFunctionConfigurationCommand({ FunctionName: name, Role: Role?.Arn })).then(() => undefined, (err: unknown) => err);
  if (!(refusal instanceof Error) || refusal.message !== cannotBeAssumed) throw new Error(`Expected Lambda to refuse a role that trusts only ${teammatesService} (${cannotBeAssumed}), got ${refusal instanceof Error ? refusal.message : 'no refusal'}`);
  await lambda.send(new AddPermissionCommand({ FunctionName: name, StatementId: 'public-invoke', Action: 'lambda:InvokeFunction', Principal: '*' }));
}

export async function solve(lambda: LambdaClient, ctx: StepsContext): Promise<void> {
  const name = `${ctx.prefix}${functionBase}`;
  const roleName = `${ctx.prefix}${roleBase}`;
  // Task 1: read the trust policy (aws iam get-role), trust Lambda instead, and run the teammate's second command again.
  ctx.answers['trusted-principal'] = teammatesService;
  await iamBeside(lambda).send(new UpdateAssumeRolePolicyCommand({ RoleName: roleName, PolicyDocument: lambdaTrust }));
  await lambda.send(new UpdateFunctionConfigurationCommand({ FunctionName: name, Role: (await iamBeside(lambda).send(new GetRoleCommand({ RoleName: roleName }))).Role?.Arn }));
  await waitUntilSettled(lambda, name);
  // Task 2: Test; no logs; the console names what the role lacks.
  await lambda.send(new InvokeCommand({ FunctionName: name }));
  ctx.answers['missing-log-permission'] = 'logs:CreateLogStream';
  // Task 3: attach AWSLambdaBasicExecutionRole; Test again.
  await iamBeside(lambda).send(new AttachRolePolicyCommand({ RoleName: roleName, PolicyArn: basicExecutionPolicy }));
  await lambda.send(new InvokeCommand({ FunctionName: name }));
  // Task 4: the public statement out, the partner account in.
  await lambda.send(new RemovePermissionCommand({ FunctionName: name, StatementId: 'public-invoke' }));
  await lambda.send(new AddPermissionCommand({ FunctionName: name, StatementId: 'partner-invoke', Action: 'lambda:InvokeFunction', Principal: partnerAccount }));
}
