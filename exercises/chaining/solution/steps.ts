/// <reference types="vite/client" />
/** The reference solution of "Chaining functions" as the SDK calls the console and the terminal make, in Node.js or Python. */
import { PutRolePolicyCommand } from '@aws-sdk/client-iam';
import { GetFunctionConfigurationCommand, InvokeCommand, type LambdaClient } from '@aws-sdk/client-lambda';
import { iamBeside } from '../../../src/checks/context.ts';
import { roleNameOf } from '../../../src/checks/iam-reads.ts';
import { createFunction, languageOfSteps, type StepsContext } from '../../../src/checks/reference-steps.ts';
import helloSource from '../../hello-lambda/solution/index.mjs?raw';
import helloPython from '../../hello-lambda/solution-python/lambda_function.py?raw';
import pythonSolution from '../solution-python/lambda_function.py?raw';
import { callerBase, calleeBase, chainEvent, invokeAction } from '../check.ts';
import indexSource from './index.mjs?raw';

/** The policy Task 2 adds: lambda:InvokeFunction on the callee's ARN, and nothing else. */
export function invokePolicy(calleeArn: string): string {
  return JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: invokeAction, Resource: calleeArn }] });
}

/** The learner starts where "Hello, Lambda" ended: hello-lambda with the console's code (made here only if the account has none). */
export async function start(lambda: LambdaClient, ctx: StepsContext): Promise<void> {
  const exists = await lambda.send(new GetFunctionConfigurationCommand({ FunctionName: `${ctx.prefix}${calleeBase}` })).then(() => true, () => false);
  if (!exists) await createFunction(lambda, ctx, calleeBase, languageOfSteps(ctx) === 'python' ? { 'lambda_function.py': helloPython } : { 'index.mjs': helloSource });
}

export async function solve(lambda: LambdaClient, ctx: StepsContext): Promise<void> {
  const name = `${ctx.prefix}${callerBase}`;
  const event = new TextEncoder().encode(JSON.stringify(chainEvent));
  // Task 1: Create function chain-caller from the starter (with a class prefix, CALLEE names the prefixed hello-lambda), then Test: refused.
  const files: Record<string, string> = languageOfSteps(ctx) === 'python' ? { 'lambda_function.py': pythonSolution } : { 'index.mjs': indexSource };
  await createFunction(lambda, ctx, callerBase, files, ctx.prefix === '' ? undefined : { CALLEE: `${ctx.prefix}${calleeBase}` });
  await lambda.send(new InvokeCommand({ FunctionName: name, Payload: event }));
  ctx.answers['denied-action'] = invokeAction;
  // Task 2: aws iam put-role-policy on the function's role, allowing exactly hello-lambda.
  const callee = await lambda.send(new GetFunctionConfigurationCommand({ FunctionName: `${ctx.prefix}${calleeBase}` }));
  const caller = await lambda.send(new GetFunctionConfigurationCommand({ FunctionName: name }));
  const iam = iamBeside(lambda);
  await iam.send(new PutRolePolicyCommand({ RoleName: roleNameOf(caller.Role ?? '') ?? '', PolicyName: `invoke-${calleeBase}`, PolicyDocument: invokePolicy(callee.FunctionArn ?? '') }));
  // Task 3: Test again: the chain answers.
  await lambda.send(new InvokeCommand({ FunctionName: name, Payload: event }));
}
