/// <reference types="vite/client" />
/** The reference solution of "Hello, Lambda" as the SDK calls the console makes, in Node.js or Python. */
import { GetFunctionCommand, InvokeCommand, type LambdaClient } from '@aws-sdk/client-lambda';
import { createFunction, languageOfSteps, type StepsContext } from '../../../src/checks/reference-steps.ts';
import { functionBase, testEvent } from '../check.ts';
import pythonSource from '../solution-python/lambda_function.py?raw';
import indexSource from './index.mjs?raw';

/** Before the first task the account holds nothing of this exercise. */
export async function start(_lambda: LambdaClient, _ctx: StepsContext): Promise<void> {}

export async function solve(lambda: LambdaClient, ctx: StepsContext): Promise<void> {
  const name = `${ctx.prefix}${functionBase}`;
  // Task 1: Create function, Author from scratch, Node.js or Python, default code.
  await createFunction(lambda, ctx, functionBase, languageOfSteps(ctx) === 'python' ? { 'lambda_function.py': pythonSource } : { 'index.mjs': indexSource });
  // Task 2: the console shows the role and its policy.
  ctx.answers['role-policy'] = 'AWSLambdaBasicExecutionRole';
  // Task 3: the console's Versions tab shows $LATEST with its qualified ARN.
  const fn = await lambda.send(new GetFunctionCommand({ FunctionName: name }));
  ctx.answers['qualified-arn'] = `${fn.Configuration?.FunctionArn}:$LATEST`;
  ctx.answers['arn-choice'] = 'b';
  // Task 4: Test with the hello-world event template; Lambda writes the log group and stream.
  await lambda.send(new InvokeCommand({ FunctionName: name, Payload: new TextEncoder().encode(JSON.stringify(testEvent)) }));
}
