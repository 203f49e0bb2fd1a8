/**
 * Checks for "Repairing permissions": inventory-report runs as the role its teammate made, which
 * could not write logs (the learner names a missing logs action), the role now may write them and
 * a log stream shows it, and the function's resource-based policy no longer lets anyone invoke it
 * but lets the partner account 222222222222 do so. Everything is read through IAM, Lambda and
 * CloudWatch Logs, so the same checks grade a real account.
 */
import { DescribeLogStreamsCommand } from '@aws-sdk/client-cloudwatch-logs';
import { addActionAnswer } from '../../src/checks/answers.ts';
import { roleNameOf, rolePolicies, statementsAllowing } from '../../src/checks/iam-reads.ts';
import { configuration, functionPolicy, getFunction, isNotFound, show, type ResourceStatement } from '../../src/checks/lambda-reads.ts';
import type { CheckContext, ExerciseChecks, Verdict } from '../../src/checks/types.ts';
import { CheckFailure, Criteria } from '../../src/checks/verdict.ts';

export const functionBase = 'inventory-report';
export const roleBase = 'inventory-app-role';
export const partnerAccount = '222222222222';
export const logActions = ['logs:CreateLogGroup', 'logs:CreateLogStream', 'logs:PutLogEvents'];

const howToCreate = `Create it in the Lambda console: Create function, Author from scratch, Function name ${functionBase}, Runtime Node.js (or Python), then run the teammate's commands.`;

/** The function, which must run as the teammate's role: the exercise is about that role. */
async function teammatesFunction(ctx: CheckContext): Promise<{ name: string; roleName: string }> {
  const name = ctx.name(functionBase);
  const config = configuration(await getFunction(ctx, name, undefined, howToCreate));
  const roleName = roleNameOf(config.Role ?? '');
  if (roleName !== ctx.name(roleBase)) {
    throw new CheckFailure(`Expected ${name} to run as the role ${ctx.name(roleBase)}, found ${show(config.Role ?? 'none')}. Run the teammate's commands at the top of the exercise first.`, { expected: `role ${ctx.name(roleBase)}`, got: show(config.Role ?? 'none') });
  }
  return { name, roleName };
}

async function findMissingLogs(ctx: CheckContext): Promise<Verdict> {
  const { roleName } = await teammatesFunction(ctx);
  const c = new Criteria();
  addActionAnswer(c, ctx, 'missing-log-permission', logActions, (given) => `The role ${roleName} lacked ${given}, so Lambda wrote no logs.`, 'Expected one of the logs actions the console says the role does not allow', `one of ${logActions.join(', ')}`);
  return c.verdict();
}

async function repairRole(ctx: CheckContext): Promise<Verdict> {
  const { name, roleName } = await teammatesFunction(ctx);
  const policies = await rolePolicies(ctx, roleName);
  const lacking = logActions.filter((action) => statementsAllowing(policies, action).length === 0);
  const c = new Criteria();
  c.add(2, lacking.length === 0, lacking.length === 0
    ? `The role ${roleName} allows ${logActions.join(', ')} (${policies.map((p) => p.name).join(', ')}).`
    : `Expected the role ${roleName} to allow ${logActions.join(', ')}, but it does not allow ${lacking.join(', ')}${policies.length ? ` (its policies: ${policies.map((p) => p.name).join(', ')})` : ' (it has no policies)'}. Attach AWSLambdaBasicExecutionRole.`,
    { expected: logActions.join(', '), got: lacking.length ? `missing ${lacking.join(', ')}` : 'all' });
  const group = `/aws/lambda/${name}`;
  let streams = 0;
  try {
    streams = (await ctx.logs.send(new DescribeLogStreamsCommand({ logGroupName: group, limit: 1 }))).logStreams?.length ?? 0;
  } catch (err) {
    if (!isNotFound(err)) throw err;
  }
  c.add(1, streams > 0, streams > 0
    ? `Its logs reach ${group}.`
    : `Expected a log stream in ${group}, found ${lacking.length === 0 ? 'none: Test the function again now that the role may write logs' : 'none'}.`,
    { expected: `a log stream in ${group}`, got: 'none' });
  return c.verdict();
}

const principalOf = (s: ResourceStatement): string | undefined => {
  if (s.Principal === '*') return '*';
  if (typeof s.Principal !== 'object' || s.Principal === null) return undefined;
  const aws = (s.Principal as Record<string, unknown>)['AWS'];
  return typeof aws === 'string' ? aws : undefined;
};
const allowsInvoke = (s: ResourceStatement): boolean => s.Effect === 'Allow' && [s.Action ?? []].flat().some((a) => a === 'lambda:InvokeFunction' || a === 'lambda:*');

async function repairPolicy(ctx: CheckContext): Promise<Verdict> {
  const { name } = await teammatesFunction(ctx);
  const statements = await functionPolicy(ctx, name);
  const open = statements.filter((s) => allowsInvoke(s) && principalOf(s) === '*' && Object.keys(s.Condition ?? {}).length === 0);
  const partner = statements.filter((s) => allowsInvoke(s) && (principalOf(s) === `arn:aws:iam::${partnerAccount}:root` || principalOf(s) === partnerAccount));
  const c = new Criteria();
  c.add(1, open.length === 0, open.length === 0
    ? `No statement lets just anyone invoke ${name}.`
    : `Expected no statement that lets any principal (*) invoke ${name} without a condition, found ${open.map((s) => show(s.Sid ?? 'a statement')).join(', ')}: remove it with aws lambda remove-permission.`,
    { expected: 'no statement for Principal * without a condition', got: open.map((s) => s.Sid ?? '?').join(', ') });
  c.add(1, partner.length > 0, partner.length > 0
    ? `${show(partner[0]!.Sid ?? 'A statement')} lets account ${partnerAccount} invoke it.`
    : `Expected a statement that lets the account ${partnerAccount} invoke ${name} (lambda:InvokeFunction), found ${statements.length ? statements.map((s) => show(s.Sid ?? '?')).join(', ') : 'no policy'}.`,
    { expected: `lambda:InvokeFunction for arn:aws:iam::${partnerAccount}:root`, got: statements.map((s) => `${s.Sid ?? '?'} (${principalOf(s) ?? 'a service'})`).join(', ') || 'no policy' });
  return c.verdict();
}

export const checks: ExerciseChecks = {
  slug: 'permissions',
  questions: [{ id: 'missing-log-permission', task: 'find-missing-logs', prompt: 'Which logs action does the console say the role does not allow? (one is enough)' }],
  tasks: [
    { id: 'find-missing-logs', check: findMissingLogs },
    { id: 'repair-role', check: repairRole },
    { id: 'repair-policy', check: repairPolicy },
  ],
};
