/**
 * Checks for "Repairing permissions": the teammate's role inventory-app-role trusted EC2, not
 * Lambda, so Lambda refused it (the learner names whom it trusted, lets Lambda and only Lambda
 * assume it, and makes inventory-report run as it); the role could not write logs (the learner
 * names a missing logs action); the role now may write them and a log stream written since shows
 * it; and the function's resource-based policy no longer lets anyone invoke it but lets the partner
 * account 222222222222 do so. Everything is read through IAM, Lambda and CloudWatch Logs, so the
 * same checks grade a real account.
 */
import { DescribeLogStreamsCommand } from '@aws-sdk/client-cloudwatch-logs';
import { addActionAnswer } from '../../src/checks/answers.ts';
import { roleNameOf, rolePolicies, roleTrust, statementsAllowing } from '../../src/checks/iam-reads.ts';
import { configuration, functionPolicy, getFunction, isNotFound, show, type ResourceStatement } from '../../src/checks/lambda-reads.ts';
import type { CheckContext, ExerciseChecks, Verdict } from '../../src/checks/types.ts';
import { CheckFailure, Criteria } from '../../src/checks/verdict.ts';

export const functionBase = 'inventory-report';
export const roleBase = 'inventory-app-role';
export const partnerAccount = '222222222222';
export const logActions = ['logs:CreateLogGroup', 'logs:CreateLogStream', 'logs:PutLogEvents'];
/** Whom Lambda must be trusted as, and whom the teammate's trust policy named instead. */
export const lambdaService = 'lambda.amazonaws.com';
export const teammatesService = 'ec2.amazonaws.com';

const howToCreate = `Create it in the Lambda console: Create function, Author from scratch, Function name ${functionBase}, Runtime Node.js (or Python), then run the teammate's commands.`;
const noRole = (roleName: string): string => `There is no role ${roleName} yet: run the teammate's commands at the top of the exercise first.`;
const showPrincipals = (principals: readonly string[]): string => (principals.length ? principals.join(', ') : 'no principal');

/** Why the function does not run as the role yet, and what to do: read from the role's trust policy. */
async function notOnTheRoleYet(ctx: CheckContext, roleName: string): Promise<string> {
  const trust = await roleTrust(ctx, roleName);
  if (trust === undefined) return noRole(roleName);
  if (!trust.principals.includes(lambdaService) && !trust.principals.includes('*')) {
    return `Lambda refuses it while its trust policy lets ${showPrincipals(trust.principals)} assume it, not ${lambdaService}: repair the trust policy first (Task 1), then run the teammate's update-function-configuration command again.`;
  }
  return `Lambda may assume it now: run the teammate's update-function-configuration command again.`;
}

/** The function, which must run as the teammate's role: the exercise is about that role. */
async function teammatesFunction(ctx: CheckContext): Promise<{ name: string; roleName: string; lastModified: number }> {
  const name = ctx.name(functionBase);
  const roleName = ctx.name(roleBase);
  const config = configuration(await getFunction(ctx, name, undefined, howToCreate));
  if (roleNameOf(config.Role ?? '') !== roleName) {
    throw new CheckFailure(`Expected ${name} to run as the role ${roleName}, found ${show(config.Role ?? 'none')}. ${await notOnTheRoleYet(ctx, roleName)}`, { expected: `role ${roleName}`, got: show(config.Role ?? 'none') });
  }
  return { name, roleName, lastModified: Date.parse(config.LastModified ?? '') || 0 };
}

async function trustLambda(ctx: CheckContext): Promise<Verdict> {
  const name = ctx.name(functionBase);
  const roleName = ctx.name(roleBase);
  const trust = await roleTrust(ctx, roleName);
  if (trust === undefined) throw new CheckFailure(`Expected a role named ${roleName}, but IAM answered NoSuchEntity. ${noRole(roleName)}`, { expected: `a role named ${roleName}`, got: 'NoSuchEntity (no such role)' });
  const c = new Criteria();
  const lambdaMay = trust.principals.includes(lambdaService);
  c.add(2, lambdaMay, lambdaMay
    ? `The trust policy of ${roleName} lets ${lambdaService} assume it`
    : `Expected the trust policy of ${roleName} to let ${lambdaService} assume it (sts:AssumeRole), found ${showPrincipals(trust.principals)}: that is why Lambda answered "The role defined for the function cannot be assumed by Lambda." Replace it with aws iam update-assume-role-policy.`,
    { expected: `sts:AssumeRole for ${lambdaService}`, got: showPrincipals(trust.principals) });
  const others = trust.principals.filter((p) => p !== lambdaService);
  c.add(1, others.length === 0, others.length === 0
    ? 'and no one else.'
    // Without Lambda, the message above already names who is trusted instead.
    : lambdaMay ? `Expected it to let only ${lambdaService} assume ${roleName}, found also ${others.join(', ')}: no one else needs to act as this role.` : '',
    { expected: `only ${lambdaService}`, got: showPrincipals(trust.principals) });
  const config = configuration(await getFunction(ctx, name, undefined, howToCreate));
  const onRole = roleNameOf(config.Role ?? '') === roleName;
  c.add(1, onRole, onRole
    ? `${name} runs as it.`
    : `Expected ${name} to run as the role ${roleName}, found ${show(config.Role ?? 'none')}: once Lambda may assume the role, run the teammate's update-function-configuration command again.`,
    { expected: `role ${roleName}`, got: show(config.Role ?? 'none') });
  addActionAnswer(c, ctx, 'trusted-principal', [teammatesService, 'ec2'], (given) => `The teammate's trust policy let ${given} assume the role, not Lambda.`, 'Expected the principal the teammate\'s trust policy named (aws iam get-role shows it)', teammatesService);
  return c.verdict();
}

async function findMissingLogs(ctx: CheckContext): Promise<Verdict> {
  const { roleName } = await teammatesFunction(ctx);
  const c = new Criteria();
  addActionAnswer(c, ctx, 'missing-log-permission', logActions, (given) => `The role ${roleName} lacked ${given}, so Lambda wrote no logs.`, 'Expected one of the logs actions the console says the role does not allow', `one of ${logActions.join(', ')}`);
  return c.verdict();
}

/** Whether a log stream of the group was created at or after `since` (ms): the newest streams first, one page. */
async function streamSince(ctx: CheckContext, group: string, since: number): Promise<boolean> {
  try {
    const page = await ctx.logs.send(new DescribeLogStreamsCommand({ logGroupName: group, orderBy: 'LastEventTime', descending: true, limit: 50 }));
    return (page.logStreams ?? []).some((s) => (s.creationTime ?? 0) >= since);
  } catch (err) {
    if (!isNotFound(err)) throw err;
    return false;
  }
}

async function repairRole(ctx: CheckContext): Promise<Verdict> {
  const { name, roleName, lastModified } = await teammatesFunction(ctx);
  const policies = await rolePolicies(ctx, roleName);
  const lacking = logActions.filter((action) => statementsAllowing(policies, action).length === 0);
  const c = new Criteria();
  c.add(2, lacking.length === 0, lacking.length === 0
    ? `The role ${roleName} allows ${logActions.join(', ')} (${policies.map((p) => p.name).join(', ')}).`
    : `Expected the role ${roleName} to allow ${logActions.join(', ')}, but it does not allow ${lacking.join(', ')}${policies.length ? ` (its policies: ${policies.map((p) => p.name).join(', ')})` : ' (it has no policies)'}. Attach AWSLambdaBasicExecutionRole.`,
    { expected: logActions.join(', '), got: lacking.length ? `missing ${lacking.join(', ')}` : 'all' });
  // A stream from before the function ran as this role (its console role could write logs) proves nothing.
  const group = `/aws/lambda/${name}`;
  const written = await streamSince(ctx, group, lastModified);
  const since = new Date(lastModified).toISOString();
  c.add(1, written, written
    ? `Its logs reach ${group} again.`
    : `Expected a log stream in ${group} created since ${name} last changed (${since}), found none${lacking.length === 0 ? ': Test the function again now that the role may write logs' : ''}.`,
    { expected: `a log stream in ${group} since ${since}`, got: 'none' });
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
  questions: [
    { id: 'trusted-principal', task: 'trust-lambda', prompt: 'Whom did the teammate\'s trust policy let assume inventory-app-role? (the principal, as aws iam get-role shows it)' },
    { id: 'missing-log-permission', task: 'find-missing-logs', prompt: 'Which logs action does the console say the role does not allow? (one is enough)' },
  ],
  tasks: [
    { id: 'trust-lambda', check: trustLambda },
    { id: 'find-missing-logs', check: findMissingLogs },
    { id: 'repair-role', check: repairRole },
    { id: 'repair-policy', check: repairPolicy },
  ],
};
