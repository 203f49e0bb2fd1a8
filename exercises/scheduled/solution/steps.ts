/// <reference types="vite/client" />
/** The reference solution of "A scheduled function" as the SDK calls the Terminal's commands, the Services tab and the code editor make, in Node.js or Python. */
import { PutRuleCommand, PutTargetsCommand } from '@aws-sdk/client-eventbridge';
import { AddPermissionCommand, GetFunctionConfigurationCommand, UpdateFunctionCodeCommand, type LambdaClient } from '@aws-sdk/client-lambda';
import { emulatorRoute, neighboursBeside } from '../../../src/checks/context.ts';
import { createFunction, languageOfSteps, waitUntilSettled, type StepsContext } from '../../../src/checks/reference-steps.ts';
import { zipFiles } from '../../../src/checks/zip.ts';
import starterSource from '../starter/index.mjs?raw';
import pythonStarter from '../starter-python/lambda_function.py?raw';
import pythonSolution from '../solution-python/lambda_function.py?raw';
import { functionBase, ruleBase, schedule } from '../check.ts';
import indexSource from './index.mjs?raw';

function code(ctx: StepsContext, which: 'starter' | 'solution'): Record<string, string> {
  if (languageOfSteps(ctx) === 'python') return { 'lambda_function.py': which === 'starter' ? pythonStarter : pythonSolution };
  return { 'index.mjs': which === 'starter' ? starterSource : indexSource };
}

/** The Services tab's "To the next scheduled firing": the emulator's clock moves on to it, and the rule fires. */
export async function advanceToNextFiring(lambda: LambdaClient): Promise<void> {
  const moved = await emulatorRoute(lambda, 'POST', 'clock/advance', { to: 'next-firing' });
  if (moved === undefined) throw new Error('The emulator could not move its clock on to the next firing.');
}

/** Before the first task the account holds nothing of this exercise. */
export async function start(_lambda: LambdaClient, _ctx: StepsContext): Promise<void> {}

export async function solve(lambda: LambdaClient, ctx: StepsContext): Promise<void> {
  const name = `${ctx.prefix}${functionBase}`;
  const ruleName = `${ctx.prefix}${ruleBase}`;
  const { events } = neighboursBeside(lambda);
  // Task 1: Create function; in the Terminal, put-rule and put-targets.
  await createFunction(lambda, ctx, functionBase, code(ctx, 'starter'));
  const arn = (await lambda.send(new GetFunctionConfigurationCommand({ FunctionName: name }))).FunctionArn ?? '';
  const { RuleArn } = await events.send(new PutRuleCommand({ Name: ruleName, ScheduleExpression: schedule }));
  await events.send(new PutTargetsCommand({ Rule: ruleName, Targets: [{ Id: functionBase, Arn: arn }] }));
  // Task 2: add-permission for events.amazonaws.com, SourceArn the rule.
  await lambda.send(new AddPermissionCommand({ FunctionName: name, StatementId: ruleBase, Action: 'lambda:InvokeFunction', Principal: 'events.amazonaws.com', SourceArn: RuleArn }));
  // Task 3: Services tab, To the next scheduled firing.
  await advanceToNextFiring(lambda);
  // Task 4: the event's time instead of the clock; Deploy.
  await lambda.send(new UpdateFunctionCodeCommand({ FunctionName: name, ZipFile: zipFiles(code(ctx, 'solution')) }));
  await waitUntilSettled(lambda, name);
}
