/// <reference types="vite/client" />
/** The reference solution of "Environment variables" as the SDK calls the console makes, in Node.js or Python. */
import { InvokeCommand, UpdateFunctionCodeCommand, UpdateFunctionConfigurationCommand, type LambdaClient } from '@aws-sdk/client-lambda';
import { createFunction, languageOfSteps, waitUntilSettled, type StepsContext } from '../../../src/checks/reference-steps.ts';
import { zipFiles } from '../../../src/checks/zip.ts';
import { functionBase, variableName, variableValue } from '../check.ts';
import starterSource from '../starter/index.mjs?raw';
import pythonStarter from '../starter-python/lambda_function.py?raw';
import pythonSolution from '../solution-python/lambda_function.py?raw';
import indexSource from './index.mjs?raw';

function code(ctx: StepsContext, which: 'starter' | 'solution'): Record<string, string> {
  if (languageOfSteps(ctx) === 'python') return { 'lambda_function.py': which === 'starter' ? pythonStarter : pythonSolution };
  return { 'index.mjs': which === 'starter' ? starterSource : indexSource };
}

/** The learner starts where "Hello, Lambda" ended: hello-lambda with the console's default code. */
export async function start(lambda: LambdaClient, ctx: StepsContext): Promise<void> {
  await createFunction(lambda, ctx, functionBase, code(ctx, 'starter'));
}

export async function solve(lambda: LambdaClient, ctx: StepsContext): Promise<void> {
  const name = `${ctx.prefix}${functionBase}`;
  // Task 1: Configuration, Environment variables, Edit, Add HELLO=world.
  await lambda.send(new UpdateFunctionConfigurationCommand({ FunctionName: name, Environment: { Variables: { [variableName]: variableValue } } }));
  await waitUntilSettled(lambda, name);
  // Task 2: edit the handler to read process.env.HELLO (os.environ['HELLO'] in Python), then Deploy.
  await lambda.send(new UpdateFunctionCodeCommand({ FunctionName: name, ZipFile: zipFiles(code(ctx, 'solution')) }));
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
