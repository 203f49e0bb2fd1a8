/**
 * A function's execution role, as Lambda checks it: CreateFunction and UpdateFunctionConfiguration
 * refuse a role that does not exist in the account or does not trust `lambda.amazonaws.com`, since
 * Lambda could not assume it. The same role is who the function's own AWS calls act as.
 */
import type { RoleRecord } from '../iam/state.ts';
import type { ServiceContext } from './context.ts';
import { invalidParameter } from './errors.ts';
import { evaluate } from '../iam/policy-evaluation.ts';
import type { PolicyDocument } from '../iam/policy-language.ts';
import type { LogStreamRecord } from './state.ts';

export const LAMBDA_SERVICE_PRINCIPAL = 'lambda.amazonaws.com';

/** Lambda's message when it cannot assume the role it was given. */
export const ROLE_CANNOT_BE_ASSUMED = 'The role defined for the function cannot be assumed by Lambda.';

export function checkExecutionRole(ctx: ServiceContext, roleArn: string): RoleRecord {
  const role = ctx.iam.roleByArn(roleArn);
  if (!role || !ctx.iam.trusts(role, LAMBDA_SERVICE_PRINCIPAL)) throw invalidParameter(ROLE_CANNOT_BE_ASSUMED);
  return role;
}

/** Decisions per role, kept while its policies are the same parsed documents (IAM parses each text once). */
const decisions = new WeakMap<RoleRecord, { docs: readonly PolicyDocument[]; allowed: Map<string, boolean> }>();

/** Whether a function's execution role lets it (as `arn:aws:sts::<account>:assumed-role/<role>/<function>`) perform `action` on `resource`. */
export function roleAllows(ctx: ServiceContext, roleArn: string, functionName: string, action: string, resource: string): boolean {
  const role = ctx.iam.roleByArn(roleArn);
  if (!role) return false;
  // Asked on every invocation (may it write its logs?): the answer stands until the role's policies change.
  const docs = ctx.iam.policiesOf(role);
  let known = decisions.get(role);
  if (!known || !sameDocuments(known.docs, docs)) {
    known = { docs, allowed: new Map() };
    decisions.set(role, known);
  }
  const key = `${functionName}\n${action}\n${resource}`;
  let allowed = known.allowed.get(key);
  if (allowed === undefined) {
    allowed = evaluate(
      { identity: docs },
      { principal: { kind: 'aws', arn: `arn:aws:sts::${ctx.accountId}:assumed-role/${role.RoleName}/${functionName}`, account: ctx.accountId, roleArn }, action, resource },
    ).allowed;
    if (known.allowed.size >= 1000) known.allowed.clear();
    known.allowed.set(key, allowed);
  }
  return allowed;
}

function sameDocuments(a: readonly PolicyDocument[], b: readonly PolicyDocument[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** What Lambda's SQS poller calls with the function's role; CreateEventSourceMapping checks each, in this order. */
export const SQS_POLLER_ACTIONS = ['ReceiveMessage', 'DeleteMessage', 'GetQueueAttributes'] as const;

/** Lambda refuses a mapping whose function's role may not poll the queue. */
export function checkPollerPermissions(ctx: ServiceContext, roleArn: string, functionName: string, queueArn: string): void {
  for (const op of SQS_POLLER_ACTIONS) {
    if (!roleAllows(ctx, roleArn, functionName, `sqs:${op}`, queueArn)) throw invalidParameter(`The provided execution role does not have permissions to call ${op} on SQS`);
  }
}

/**
 * What Lambda needs to write an invocation's logs with the function's role: it creates the group
 * (logs:CreateLogGroup) and the stream (logs:CreateLogStream) when they are missing, then puts the
 * events (logs:PutLogEvents). The actions the role lacks, in that order; without a stream name,
 * those a new execution environment's stream needs.
 */
export function missingLogPermissions(ctx: ServiceContext, roleArn: string, functionName: string, group: string, stream?: string): string[] {
  const groupArn = `arn:aws:logs:${ctx.region}:${ctx.accountId}:log-group:${group}`;
  const streamArn = `${groupArn}:log-stream:${stream ?? '*'}`;
  const existing = ctx.logs.groups[group];
  const needed: [string, string][] = [];
  if (!existing) needed.push(['logs:CreateLogGroup', `${groupArn}:*`]);
  if (stream === undefined || !existing?.streams[stream]) needed.push(['logs:CreateLogStream', streamArn]);
  needed.push(['logs:PutLogEvents', streamArn]);
  return needed.filter(([action, resource]) => !roleAllows(ctx, roleArn, functionName, action, resource)).map(([action]) => action);
}

/**
 * The answer for a log stream that exists, by stream: a warm environment asks the same question on
 * every invocation, and only PutLogEvents is left to ask once its group and stream exist.
 */
const streamDecisions = new WeakMap<LogStreamRecord, { role: RoleRecord; docs: readonly PolicyDocument[]; functionName: string; allowed: boolean }>();

/** Whether Lambda can write an invocation's logs: without the permissions AWS writes nothing, and neither does the emulator. */
export function mayWriteLogs(ctx: ServiceContext, roleArn: string, functionName: string, group: string, stream: string): boolean {
  const existing = ctx.logs.groups[group]?.streams[stream];
  if (!existing) return missingLogPermissions(ctx, roleArn, functionName, group, stream).length === 0;
  const role = ctx.iam.roleByArn(roleArn);
  if (!role) return false;
  const docs = ctx.iam.policiesOf(role);
  const known = streamDecisions.get(existing);
  if (known && known.role === role && known.functionName === functionName && sameDocuments(known.docs, docs)) return known.allowed;
  const allowed = missingLogPermissions(ctx, roleArn, functionName, group, stream).length === 0;
  streamDecisions.set(existing, { role, docs, functionName, allowed });
  return allowed;
}

/** The action Lambda performs, as the function's role, to send to a destination or dead-letter queue of each kind. */
const SEND_ACTIONS: Record<string, string> = { sqs: 'SendMessage', sns: 'Publish', lambda: 'InvokeFunction', events: 'PutEvents' };

/** The action (`sqs:SendMessage`) sending to `targetArn` takes, by the ARN's service. */
export function sendActionFor(targetArn: string): { service: string; operation: string } | undefined {
  const service = targetArn.split(':')[2] ?? '';
  const operation = SEND_ACTIONS[service];
  return operation ? { service, operation } : undefined;
}

/** Whether the function's role may send to `targetArn` (a destination or dead-letter queue) now. */
export function maySend(ctx: ServiceContext, roleArn: string, functionName: string, targetArn: string): boolean {
  const send = sendActionFor(targetArn);
  return send !== undefined && roleAllows(ctx, roleArn, functionName, `${send.service}:${send.operation}`, targetArn);
}

/** PutFunctionEventInvokeConfig refuses a destination the function's role may not send to. */
export function checkDestinationPermission(ctx: ServiceContext, roleArn: string, functionName: string, targetArn: string): void {
  const send = sendActionFor(targetArn);
  if (send && !maySend(ctx, roleArn, functionName, targetArn)) {
    throw invalidParameter(`The function's execution role does not have permissions to call ${send.operation} on ${targetArn}`);
  }
}

/** CreateFunction and UpdateFunctionConfiguration refuse a dead-letter queue the role may not send to. */
export function checkDeadLetterPermission(ctx: ServiceContext, roleArn: string, functionName: string, targetArn: string): void {
  const send = sendActionFor(targetArn);
  if (send && !maySend(ctx, roleArn, functionName, targetArn)) {
    throw invalidParameter(`The provided execution role does not have permissions to call ${send.operation} on ${send.service.toUpperCase()}`);
  }
}
