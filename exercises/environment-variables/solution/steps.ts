/// <reference types="vite/client" />
/** The reference solution of "Environment variables" as the SDK calls the console makes. */
import { InvokeCommand, UpdateFunctionCodeCommand, UpdateFunctionConfigurationCommand, type LambdaClient } from '@aws-sdk/client-lambda';
import { createNodeFunction, waitUntilSettled, type StepsContext } from '../../../src/checks/reference-steps.ts';
import { zipFiles } from '../../../src/checks/zip.ts';
import { functionBase, variableName, variableValue } from '../check.ts';
import starterSource from '../starter/index.mjs?raw';
import indexSource from './index.mjs?raw';

/** The learner starts where "Hello, Lambda" ended: hello-lambda with the console's default code. */
export async function start(lambda: LambdaClient, ctx: StepsContext): Promise<void> {
  await createNodeFunction(lambda, ctx, functionBase, { 'index.mjs': starterSource });
}

export async function solve(lambda: LambdaClient, ctx: StepsContext): Promise<void> {
  const name = `${ctx.prefix}${functionBase}`;
  // Task 1: Configuration, Environment variables, Edit, Add HELLO=world.
  await lambda.send(new UpdateFunctionConfigurationCommand({ FunctionName: name, Environment: { Variables: { [variableName]: variableValue } } }));
  await waitUntilSettled(lambda, name);
  // Task 2: edit index.mjs to read process.env.HELLO, then Deploy.
  await lambda.send(new UpdateFunctionCodeCommand({ FunctionName: name, ZipFile: zipFiles({ 'index.mjs': indexSource }) }));
  await waitUntilSettled(lambda, name);
  // Task 3: Test.
  await lambda.send(new InvokeCommand({ FunctionName: name, Payload: new TextEncoder().encode('{}') }));
  // Task 4: add AWS_REGION too; Lambda refuses the whole change and says why.
  try {
    await lambda.send(
      new UpdateFunctionConfigurationCommand({ FunctionName: name, Environment: { Variables: { [variableName]: variableValue, AWS_REGION: 'eu-west-1' } } }),
    );
    ctx.answers['reserved-variable'] = 'Lambda accepted AWS_REGION';
  } catch (err) {
    ctx.answers['reserved-variable'] = (err as Error).message;
  }
}
