/// <reference types="vite/client" />
/** The reference solution of "Versions and aliases" as the SDK calls the console makes, in Node.js or Python. */
import { CreateAliasCommand, PublishVersionCommand, UpdateAliasCommand, UpdateFunctionCodeCommand, type LambdaClient } from '@aws-sdk/client-lambda';
import { createFunction, languageOfSteps, waitUntilSettled, type StepsContext } from '../../../src/checks/reference-steps.ts';
import { zipFiles } from '../../../src/checks/zip.ts';
import { variableName, variableValue } from '../../environment-variables/check.ts';
import starterSource from '../starter/index.mjs?raw';
import pythonStarter from '../starter-python/lambda_function.py?raw';
import pythonSolution from '../solution-python/lambda_function.py?raw';
import { aliasName, functionBase } from '../check.ts';
import indexSource from './index.mjs?raw';

function code(ctx: StepsContext, which: 'starter' | 'solution'): Record<string, string> {
  if (languageOfSteps(ctx) === 'python') return { 'lambda_function.py': which === 'starter' ? pythonStarter : pythonSolution };
  return { 'index.mjs': which === 'starter' ? starterSource : indexSource };
}

/** The learner starts where "Environment variables" ended: hello-lambda reading HELLO=world. */
export async function start(lambda: LambdaClient, ctx: StepsContext): Promise<void> {
  await createFunction(lambda, ctx, functionBase, code(ctx, 'starter'), { [variableName]: variableValue });
}

export async function solve(lambda: LambdaClient, ctx: StepsContext): Promise<void> {
  const name = `${ctx.prefix}${functionBase}`;
  // Task 1: Actions, Publish new version.
  const first = await lambda.send(new PublishVersionCommand({ FunctionName: name, Description: 'first release' }));
  // Task 2: edit $LATEST and deploy; version 1 keeps the published code.
  await lambda.send(new UpdateFunctionCodeCommand({ FunctionName: name, ZipFile: zipFiles(code(ctx, 'solution')) }));
  await waitUntilSettled(lambda, name);
  // Task 3: Aliases, Create alias prod on version 1.
  await lambda.send(new CreateAliasCommand({ FunctionName: name, Name: aliasName, FunctionVersion: first.Version }));
  // Task 4: publish the edit as version 2 and give it 10% of prod.
  const second = await lambda.send(new PublishVersionCommand({ FunctionName: name, Description: 'new greeting' }));
  await lambda.send(
    new UpdateAliasCommand({
      FunctionName: name,
      Name: aliasName,
      FunctionVersion: first.Version,
      RoutingConfig: { AdditionalVersionWeights: { [second.Version ?? '2']: 0.1 } },
    }),
  );
}
