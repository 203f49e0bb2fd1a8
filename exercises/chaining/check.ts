/**
 * Checks for "Chaining functions": chain-caller invokes hello-lambda through the SDK (or boto3),
 * was refused with AccessDeniedException while its role lacked lambda:InvokeFunction, now has a
 * policy that allows exactly that action on exactly hello-lambda, and answers what hello-lambda answers.
 * The role is read through IAM (its inline and attached policies), so the same checks grade a real account.
 */
import { addActionAnswer } from '../../src/checks/answers.ts';
import { resourcesOf, roleNameOf, rolePolicies, statementsAllowing } from '../../src/checks/iam-reads.ts';
import { consoleDefaults, languageOf } from '../../src/checks/languages.ts';
import { configuration, describeFunctionError, findInLogs, getFunction, invoke, sameJson, show } from '../../src/checks/lambda-reads.ts';
import type { CheckContext, ExerciseChecks, Verdict } from '../../src/checks/types.ts';
import { CheckFailure, Criteria } from '../../src/checks/verdict.ts';

export const callerBase = 'chain-caller';
export const calleeBase = 'hello-lambda';
export const invokeAction = 'lambda:InvokeFunction';
/** What the checker sends through the chain: the console's hello-world test event. */
export const chainEvent = { key1: 'value1', key2: 'value2', key3: 'value3' };

const howToCreateCaller = `Create it in the Lambda console: Create function, Author from scratch, Function name ${callerBase}, Runtime Node.js (or Python), with the exercise's starter code.`;
const howToCreateCallee = 'Do the exercise "Hello, Lambda" first: chain-caller calls the function it creates.';

async function meetDenied(ctx: CheckContext): Promise<Verdict> {
  const name = ctx.name(callerBase);
  const config = configuration(await getFunction(ctx, name, undefined, howToCreateCaller));
  const c = new Criteria();
  const language = languageOf(config.Runtime);
  const handler = consoleDefaults[language ?? 'nodejs'].handler;
  c.add(1, language !== undefined && config.Handler === handler, language !== undefined && config.Handler === handler
    ? `${name} exists (${config.Runtime}, ${handler}).`
    : `Expected ${name} to have a Node.js or Python runtime with the console's handler (index.handler or lambda_function.lambda_handler), found ${show(config.Runtime ?? 'none')} and ${show(config.Handler ?? 'none')}.`,
    { expected: 'a Node.js or Python runtime with the console default handler', got: `${show(config.Runtime ?? 'none')}, ${show(config.Handler ?? 'none')}` });
  const group = `/aws/lambda/${name}`;
  const line = await findInLogs(ctx, group, '"AccessDeniedException"', /User: \S+ is not authorized to perform: lambda:InvokeFunction on resource: [^\s"]+/);
  c.add(2, line !== undefined, line !== undefined
    ? `Its logs hold the refusal: "${line}".`
    : `Expected the logs of ${name} (${group}) to hold an AccessDeniedException for ${invokeAction}, found none. Test ${name} before you change its role: the first call must be refused.`,
    { expected: `an AccessDeniedException for ${invokeAction} in ${group}`, got: 'none' });
  addActionAnswer(c, ctx, 'denied-action', [invokeAction], () => `The role lacked ${invokeAction}.`, 'Expected the action the message says the role may not perform', 'the IAM action named in the refusal');
  return c.verdict();
}

async function leastPrivilege(ctx: CheckContext): Promise<Verdict> {
  const name = ctx.name(callerBase);
  const caller = configuration(await getFunction(ctx, name, undefined, howToCreateCaller));
  const callee = configuration(await getFunction(ctx, ctx.name(calleeBase), undefined, howToCreateCallee));
  const target = callee.FunctionArn ?? '';
  const roleName = roleNameOf(caller.Role ?? '');
  if (roleName === undefined) throw new CheckFailure(`Expected ${name} to have an IAM execution role, found ${show(caller.Role ?? 'none')}.`, { expected: 'an execution role ARN', got: show(caller.Role ?? 'none') });
  const policies = await rolePolicies(ctx, roleName);
  const grants = statementsAllowing(policies, invokeAction);
  const c = new Criteria();
  if (!c.add(1, grants.length > 0, grants.length > 0
    ? `The role ${roleName} allows ${invokeAction}.`
    : `Expected the execution role ${roleName} to allow ${invokeAction} on ${target}, found no policy that allows it (${policies.map((p) => p.name).join(', ') || 'no policies'}). Add an inline policy to the role.`,
    { expected: `a policy on ${roleName} allowing ${invokeAction} on ${target}`, got: policies.length > 0 ? `policies ${policies.map((p) => p.name).join(', ')}, none allowing it` : 'no policies' })) {
    return c.verdict();
  }
  // Least privilege: the target itself, or its versions and aliases (`<arn>:*`), and nothing else.
  const allowed = new Set([target, `${target}:*`]);
  const broader = grants.flatMap(({ policy, statement }) => resourcesOf(statement).filter((r) => !allowed.has(r)).map((r) => `${r} (in ${policy.name})`));
  const onTarget = grants.some(({ statement }) => resourcesOf(statement).includes(target));
  c.add(1, onTarget, onTarget ? `A statement names ${target}.` : `Expected a statement allowing ${invokeAction} on ${target} itself.`, { expected: `${invokeAction} on ${target}`, got: grants.flatMap(({ statement }) => resourcesOf(statement)).join(', ') });
  c.add(2, broader.length === 0, broader.length === 0
    ? `It allows ${invokeAction} on ${target} and nothing else.`
    : `Expected ${invokeAction} on ${target} only (least privilege), but the role also allows it on ${broader.join(', ')}.`,
    { expected: `${invokeAction} on ${target} only`, got: broader.join(', ') });
  return c.verdict();
}

async function chainWorks(ctx: CheckContext): Promise<Verdict> {
  const name = ctx.name(callerBase);
  const calleeName = ctx.name(calleeBase);
  const caller = configuration(await getFunction(ctx, name, undefined, howToCreateCaller));
  await getFunction(ctx, calleeName, undefined, howToCreateCallee);
  // Without a grant the call can only be refused; not making it keeps the checker's own refusals out of the logs Task 1 reads.
  const roleName = roleNameOf(caller.Role ?? '');
  const granted = roleName !== undefined && statementsAllowing(await rolePolicies(ctx, roleName), invokeAction).length > 0;
  if (!granted) throw new CheckFailure(`The execution role of ${name} does not allow ${invokeAction} yet, so ${name} cannot call ${calleeName}: give the role the permission (Task 2) and test again.`, { expected: `${name}'s role allowing ${invokeAction}`, got: 'no such permission' });
  const direct = await invoke(ctx, calleeName, chainEvent);
  if (direct.functionError !== undefined) throw new CheckFailure(`Invoking ${calleeName} itself: ${describeFunctionError(direct)}. Fix ${calleeName} first.`, { expected: `${calleeName} answering`, got: describeFunctionError(direct) });
  const chained = await invoke(ctx, name, chainEvent);
  if (chained.functionError !== undefined) {
    const denied = chained.text.includes('AccessDeniedException');
    return {
      score: 0,
      message: denied
        ? `Invoking ${name} is still refused: ${describeFunctionError(chained)}. Give its role the permission (Task 2).`
        : `Invoking ${name}: ${describeFunctionError(chained)}.`,
      mismatches: [{ expected: `${name} answering what ${calleeName} answers: ${show(direct.json ?? direct.text)}`, got: describeFunctionError(chained) }],
    };
  }
  const same = sameJson(chained.json, direct.json) && chained.json !== undefined;
  return same
    ? { score: 1, message: `${name} called ${calleeName} and answered ${show(chained.json)}, as ${calleeName} does.` }
    : { score: 0, message: `Expected ${name} to answer what ${calleeName} answers, ${show(direct.json ?? direct.text)}, got ${show(chained.json ?? chained.text)}.`, mismatches: [{ expected: show(direct.json ?? direct.text), got: show(chained.json ?? chained.text) }] };
}

export const checks: ExerciseChecks = {
  slug: 'chaining',
  questions: [{ id: 'denied-action', task: 'meet-denied', prompt: 'Which action does the refusal say the role may not perform?' }],
  // meet-denied reads the logs before chain-works invokes, so the checker's own calls never count as the learner's.
  tasks: [
    { id: 'meet-denied', check: meetDenied },
    { id: 'least-privilege', check: leastPrivilege },
    { id: 'chain-works', check: chainWorks },
  ],
};
