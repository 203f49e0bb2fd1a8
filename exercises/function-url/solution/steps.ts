/// <reference types="vite/client" />
/** The reference solution of "A function URL" as the SDK calls the console and the terminal make, in Node.js or Python. */
import { AddPermissionCommand, CreateFunctionUrlConfigCommand, UpdateFunctionCodeCommand, UpdateFunctionUrlConfigCommand, type LambdaClient } from '@aws-sdk/client-lambda';
import { createFunction, languageOfSteps, waitUntilSettled, type StepsContext } from '../../../src/checks/reference-steps.ts';
import { zipFiles } from '../../../src/checks/zip.ts';
import starterSource from '../starter/index.mjs?raw';
import pythonStarter from '../starter-python/lambda_function.py?raw';
import pythonSolution from '../solution-python/lambda_function.py?raw';
import { allowedOrigin, functionBase } from '../check.ts';
import indexSource from './index.mjs?raw';

function code(ctx: StepsContext, which: 'starter' | 'solution'): Record<string, string> {
  if (languageOfSteps(ctx) === 'python') return { 'lambda_function.py': which === 'starter' ? pythonStarter : pythonSolution };
  return { 'index.mjs': which === 'starter' ? starterSource : indexSource };
}

/** Before the first task the account holds nothing of this exercise. */
export async function start(_lambda: LambdaClient, _ctx: StepsContext): Promise<void> {}

export async function solve(lambda: LambdaClient, ctx: StepsContext): Promise<void> {
  const name = `${ctx.prefix}${functionBase}`;
  // Task 1: Create function hello-url; in the Terminal, a NONE URL and the two statements the console adds for it.
  await createFunction(lambda, ctx, functionBase, code(ctx, 'starter'));
  await lambda.send(new CreateFunctionUrlConfigCommand({ FunctionName: name, AuthType: 'NONE' }));
  await lambda.send(new AddPermissionCommand({ FunctionName: name, StatementId: 'FunctionURLAllowPublicAccess', Action: 'lambda:InvokeFunctionUrl', Principal: '*', FunctionUrlAuthType: 'NONE' }));
  await lambda.send(new AddPermissionCommand({ FunctionName: name, StatementId: 'FunctionURLAllowInvokeAction', Action: 'lambda:InvokeFunction', Principal: '*', InvokedViaFunctionUrl: true }));
  // Task 2: the handler answers HTTP; Deploy.
  await lambda.send(new UpdateFunctionCodeCommand({ FunctionName: name, ZipFile: zipFiles(code(ctx, 'solution')) }));
  await waitUntilSettled(lambda, name);
  // Task 3: CORS for the one origin.
  await lambda.send(new UpdateFunctionUrlConfigCommand({ FunctionName: name, Cors: { AllowOrigins: [allowedOrigin], AllowMethods: ['GET'] } }));
}
