/**
 * Resource-based policies: AddPermission, RemovePermission and GetPolicy on a function, a version
 * or an alias (each has its own policy, and publishing copies none), and the check a service such
 * as S3 passes before Lambda accepts its invocation.
 */
import { ALIAS_NAME_PATTERN, LATEST, parseFunctionRef } from './arn.ts';
import { arnOf, stringField, type Json, type ServiceContext } from './context.ts';
import { LambdaError, ValidationErrors, conflict, functionNotFound, invalidParameter, notFound, quote } from './errors.ts';
import type { FunctionRecord, PolicyRecord, PolicyStatement } from './state.ts';

const STATEMENT_ID_PATTERN = '([a-zA-Z0-9-_]+)';
const ACTION_PATTERN = '(lambda:[*]|lambda:[a-zA-Z]+|[*])';
const STATEMENT_ID_MAX = 100;
const ALIAS_NAME_RE = new RegExp(`^${ALIAS_NAME_PATTERN}$`);

/** A service principal (`s3.amazonaws.com`), an account id, an IAM ARN, or everyone. */
const PRINCIPAL_RE = /^(\*|\d{12}|arn:aws[a-zA-Z-]*:iam::\d{12}:\S+|[a-z0-9-]+(\.[a-z0-9-]+)*\.(amazonaws\.com|amazon\.com))$/;

/** GetPolicy's answer for a function, version or alias without a policy (or that does not exist). */
const noPolicyResource = () => notFound('The resource you requested does not exist.');

const policyPreconditionFailed = () =>
  new LambdaError('PreconditionFailedException', 'The Revision Id provided does not match the latest Revision Id. Call the GetPolicy API to retrieve the latest Revision Id');

interface PolicyTarget {
  fn: FunctionRecord;
  /** `$LATEST` for the unqualified function, else the version number or alias name. */
  key: string;
  /** The ARN statements name as their Resource. */
  arn: string;
  /** The resource's own RevisionId, which a RevisionId is checked against before it has a policy. */
  revisionId: string;
}

/** The function, version or alias a policy operation names, with Lambda's error for each way it can be missing. */
function policyTarget(ctx: ServiceContext, name: string, qualifierParam: string | undefined, op: 'add' | 'remove' | 'get'): PolicyTarget {
  const ref = parseFunctionRef(name, qualifierParam, ctx.region);
  const q = ref.qualifier === LATEST && op !== 'add' ? undefined : ref.qualifier;
  const fn = ctx.state.functions[ref.name];
  if (!fn) {
    if (op === 'get') throw noPolicyResource();
    if (op === 'remove') throw notFound(`No policy found for: ${arnOf(ctx, ref.name, q)}`);
    throw functionNotFound(arnOf(ctx, ref.name, q));
  }
  if (q === undefined) return { fn, key: LATEST, arn: arnOf(ctx, ref.name), revisionId: fn.latest.RevisionId };
  if (q === LATEST) throw invalidParameter('We currently do not support adding policies for $LATEST.');
  const version = fn.versions[q];
  if (version) return { fn, key: q, arn: arnOf(ctx, ref.name, q), revisionId: version.RevisionId };
  const alias = fn.aliases[q];
  if (alias) return { fn, key: q, arn: arnOf(ctx, ref.name, q), revisionId: alias.RevisionId };
  if (op === 'get') throw noPolicyResource();
  if (!/^\d+$/.test(q) && ALIAS_NAME_RE.test(q)) throw notFound(`Cannot find alias arn: ${arnOf(ctx, ref.name, q)}`);
  throw functionNotFound(arnOf(ctx, ref.name, q));
}

/** How a Principal parameter is written in the statement. */
function principalOf(principal: string): PolicyStatement['Principal'] {
  if (principal === '*') return '*';
  if (/^\d{12}$/.test(principal)) return { AWS: `arn:aws:iam::${principal}:root` };
  if (principal.startsWith('arn:')) return { AWS: principal };
  return { Service: principal };
}

/** The statement's conditions, in the order Lambda writes them: StringEquals, then ArnLike. */
function conditionOf(input: Json): PolicyStatement['Condition'] {
  const equals: Record<string, string> = {};
  const sourceAccount = stringField(input, 'SourceAccount');
  const authType = stringField(input, 'FunctionUrlAuthType');
  const orgId = stringField(input, 'PrincipalOrgID');
  const token = stringField(input, 'EventSourceToken');
  if (sourceAccount !== undefined) equals['AWS:SourceAccount'] = sourceAccount;
  if (authType !== undefined) equals['lambda:FunctionUrlAuthType'] = authType;
  if (orgId !== undefined) equals['aws:PrincipalOrgID'] = orgId;
  if (token !== undefined) equals['lambda:EventSourceToken'] = token;
  const sourceArn = stringField(input, 'SourceArn');
  const condition: Record<string, Record<string, string>> = {};
  if (Object.keys(equals).length > 0) condition['StringEquals'] = equals;
  if (sourceArn !== undefined) condition['ArnLike'] = { 'AWS:SourceArn': sourceArn };
  // The second statement a function URL needs since October 2025 (function-url-access.ts).
  if (input['InvokedViaFunctionUrl'] === true) condition['Bool'] = { 'lambda:InvokedViaFunctionUrl': 'true' };
  return Object.keys(condition).length > 0 ? condition : undefined;
}

function checkPolicyRevision(target: PolicyTarget, policy: PolicyRecord | undefined, given: unknown): void {
  if (typeof given === 'string' && given !== (policy?.RevisionId ?? target.revisionId)) throw policyPreconditionFailed();
}

export function addPermission(ctx: ServiceContext, name: string, qualifier: string | undefined, input: Json): Json {
  const errors = new ValidationErrors();
  const sid = stringField(input, 'StatementId');
  const action = stringField(input, 'Action');
  const principal = stringField(input, 'Principal');
  if (sid === undefined) errors.add('null', 'statementId', 'Member must not be null');
  else if (sid.length > STATEMENT_ID_MAX) errors.add(quote(sid), 'statementId', `Member must have length less than or equal to ${STATEMENT_ID_MAX}`);
  else if (!new RegExp(`^${STATEMENT_ID_PATTERN}$`).test(sid)) errors.add(quote(sid), 'statementId', `Member must satisfy regular expression pattern: ${STATEMENT_ID_PATTERN}`);
  if (action === undefined) errors.add('null', 'action', 'Member must not be null');
  else if (!new RegExp(`^${ACTION_PATTERN}$`).test(action)) errors.add(quote(action), 'action', `Member must satisfy regular expression pattern: ${ACTION_PATTERN}`);
  if (principal === undefined) errors.add('null', 'principal', 'Member must not be null');
  errors.throwIfAny();
  const target = policyTarget(ctx, name, qualifier, 'add');
  if (!PRINCIPAL_RE.test(principal!)) throw invalidParameter('The provided principal was invalid. Please check the principal and try again.');
  const policy = target.fn.policies[target.key];
  checkPolicyRevision(target, policy, input['RevisionId']);
  if (policy?.Statement.some((s) => s.Sid === sid)) {
    throw conflict(`The statement id (${sid}) provided already exists. Please provide a new statement id, or remove the existing statement.`);
  }
  const condition = conditionOf(input);
  const statement: PolicyStatement = {
    Sid: sid!,
    Effect: 'Allow',
    Principal: principalOf(principal!),
    Action: action!,
    Resource: target.arn,
    ...(condition ? { Condition: condition } : {}),
  };
  target.fn.policies[target.key] = { RevisionId: ctx.uuid(), Statement: [...(policy?.Statement ?? []), statement] };
  return { Statement: JSON.stringify(statement) };
}

export function removePermission(ctx: ServiceContext, name: string, statementId: string, qualifier: string | undefined, revisionId: string | undefined): void {
  const target = policyTarget(ctx, name, qualifier, 'remove');
  const policy = target.fn.policies[target.key];
  if (!policy) throw notFound('No policy is associated with the given resource.');
  checkPolicyRevision(target, policy, revisionId);
  const remaining = policy.Statement.filter((s) => s.Sid !== statementId);
  if (remaining.length === policy.Statement.length) throw notFound(`Statement ${statementId} is not found in resource policy.`);
  if (remaining.length === 0) delete target.fn.policies[target.key];
  else target.fn.policies[target.key] = { RevisionId: ctx.uuid(), Statement: remaining };
}

export function getPolicy(ctx: ServiceContext, name: string, qualifier: string | undefined): Json {
  const target = policyTarget(ctx, name, qualifier, 'get');
  const policy = target.fn.policies[target.key];
  if (!policy) throw noPolicyResource();
  return { Policy: JSON.stringify({ Version: '2012-10-17', Id: 'default', Statement: policy.Statement }), RevisionId: policy.RevisionId };
}

/** IAM's wildcard match: `*` any run of characters, `?` one. */
function like(pattern: string, value: string): boolean {
  const re = pattern.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.');
  return new RegExp(`^${re}$`, 's').test(value);
}

/** What a calling service's request tells a statement's conditions. */
export interface CallerContext {
  service: string;
  sourceArn: string;
  sourceAccount: string;
}

function conditionHolds(operator: string, key: string, expected: string, caller: CallerContext): boolean {
  const actual = { 'aws:sourcearn': caller.sourceArn, 'aws:sourceaccount': caller.sourceAccount }[key.toLowerCase()];
  // A condition on a key the caller's request does not carry cannot hold.
  if (actual === undefined) return false;
  switch (operator) {
    case 'ArnLike':
    case 'StringLike':
      return like(expected, actual);
    case 'ArnEquals':
    case 'StringEquals':
      return expected === actual;
    default:
      return false;
  }
}

function allows(statement: PolicyStatement, caller: CallerContext): boolean {
  const principal = statement.Principal;
  if (principal !== '*' && principal['Service'] !== caller.service) return false;
  if (!['lambda:InvokeFunction', 'lambda:*', '*'].includes(statement.Action)) return false;
  return Object.entries(statement.Condition ?? {}).every(([operator, pairs]) => Object.entries(pairs).every(([key, expected]) => conditionHolds(operator, key, expected, caller)));
}

/** Whether `functionArn` names a function of this account and its resource policy lets `service` invoke it for this source. */
export function allowsServiceInvoke(ctx: ServiceContext, functionArn: string, caller: CallerContext): boolean {
  // A function in another account is not this account's to invoke (the emulator holds one account).
  if (/^arn:[^:]*:lambda:[^:]*:(\d{12}):/.exec(functionArn)?.[1] !== ctx.accountId) return false;
  let ref: { name: string; qualifier?: string };
  try {
    ref = parseFunctionRef(functionArn, undefined, ctx.region);
  } catch {
    return false;
  }
  const fn = ctx.state.functions[ref.name];
  if (!fn) return false;
  const key = ref.qualifier ?? LATEST;
  if (key !== LATEST && !fn.versions[key] && !fn.aliases[key]) return false;
  return (fn.policies[key]?.Statement ?? []).some((s) => allows(s, caller));
}
