/**
 * The reads of an execution role that checks share: every policy the role has (inline ones and
 * attached managed ones, each with its document), and which of their statements allow an action.
 * IAM returns policy documents URL-encoded (RFC 3986); both the emulator and AWS do, so they are
 * decoded here, once.
 */
import {
  GetPolicyCommand,
  GetPolicyVersionCommand,
  GetRoleCommand,
  GetRolePolicyCommand,
  ListAttachedRolePoliciesCommand,
  ListRolePoliciesCommand,
} from '@aws-sdk/client-iam';
import type { CheckContext } from './types.ts';
import { CheckFailure } from './verdict.ts';

export interface RolePolicy {
  /** The inline policy's name, or the managed policy's. */
  name: string;
  kind: 'inline' | 'managed';
  /** A managed policy's ARN (`arn:aws:iam::aws:policy/...` for an AWS managed one). */
  arn?: string;
  document: PolicyDocument;
}

/** What the role reads need: IAM only, so the page's Configuration can use them too. */
type IamReader = Pick<CheckContext, 'iam'>;

export interface PolicyStatement {
  Effect?: string;
  Action?: string | string[];
  NotAction?: string | string[];
  Resource?: string | string[];
  NotResource?: string | string[];
  Condition?: unknown;
}

export interface PolicyDocument {
  Statement?: PolicyStatement | PolicyStatement[];
}

/** `arn:aws:iam::123456789012:role/service-role/x` → `x`: IAM's calls take the name, not the ARN. */
export function roleNameOf(roleArn: string): string | undefined {
  return /^arn:aws[a-z-]*:iam::\d{12}:role\/(?:.*\/)?([\w+=,.@-]+)$/.exec(roleArn)?.[1];
}

function parseDocument(text: string | undefined, where: string): PolicyDocument {
  try {
    return JSON.parse(decodeURIComponent(text ?? '')) as PolicyDocument;
  } catch {
    throw new CheckFailure(`IAM returned a policy document for ${where} that is not JSON.`, { expected: 'a JSON policy document', got: (text ?? '').slice(0, 80) });
  }
}

/** A role's trust policy: who may assume it. */
export interface RoleTrust {
  arn: string;
  /**
   * Every principal an Allow statement for sts:AssumeRole names, as written: a service
   * (`lambda.amazonaws.com`), an AWS principal (an account or ARN), or `*`.
   */
  principals: string[];
}

/** GetRole's trust policy, read; undefined when IAM has no such role (NoSuchEntity). */
export async function roleTrust(ctx: IamReader, roleName: string): Promise<RoleTrust | undefined> {
  let role;
  try {
    role = (await ctx.iam.send(new GetRoleCommand({ RoleName: roleName }))).Role;
  } catch (err) {
    if (typeof err === 'object' && err !== null && (err as { name?: unknown }).name === 'NoSuchEntityException') return undefined;
    throw err;
  }
  const document = parseDocument(role?.AssumeRolePolicyDocument, `the trust policy of ${roleName}`) as { Statement?: TrustStatement | TrustStatement[] };
  const statements = document.Statement === undefined ? [] : Array.isArray(document.Statement) ? document.Statement : [document.Statement];
  const principals: string[] = [];
  for (const statement of statements) {
    if (statement.Effect !== 'Allow' || !list(statement.Action).some((a) => actionMatches(a, 'sts:AssumeRole'))) continue;
    if (statement.Principal === '*') principals.push('*');
    else if (typeof statement.Principal === 'object' && statement.Principal !== null) {
      for (const values of Object.values(statement.Principal)) principals.push(...list(values));
    }
  }
  return { arn: role?.Arn ?? '', principals: [...new Set(principals)] };
}

interface TrustStatement {
  Effect?: string;
  Action?: string | string[];
  Principal?: '*' | Record<string, string | string[]>;
}

/** The role's inline policies, then its attached managed policies (their default versions). */
export async function rolePolicies(ctx: IamReader, roleName: string): Promise<RolePolicy[]> {
  const out: RolePolicy[] = [];
  let marker: string | undefined;
  do {
    const page = await ctx.iam.send(new ListRolePoliciesCommand({ RoleName: roleName, Marker: marker }));
    for (const name of page.PolicyNames ?? []) {
      const policy = await ctx.iam.send(new GetRolePolicyCommand({ RoleName: roleName, PolicyName: name }));
      out.push({ name, kind: 'inline', document: parseDocument(policy.PolicyDocument, `the inline policy ${name}`) });
    }
    marker = page.IsTruncated ? page.Marker : undefined;
  } while (marker);
  do {
    const page = await ctx.iam.send(new ListAttachedRolePoliciesCommand({ RoleName: roleName, Marker: marker }));
    for (const attached of page.AttachedPolicies ?? []) {
      const arn = attached.PolicyArn ?? '';
      const policy = await ctx.iam.send(new GetPolicyCommand({ PolicyArn: arn }));
      const version = await ctx.iam.send(new GetPolicyVersionCommand({ PolicyArn: arn, VersionId: policy.Policy?.DefaultVersionId }));
      out.push({ name: attached.PolicyName ?? arn, kind: 'managed', arn, document: parseDocument(version.PolicyVersion?.Document, `the managed policy ${attached.PolicyName ?? arn}`) });
    }
    marker = page.IsTruncated ? page.Marker : undefined;
  } while (marker);
  return out;
}

const list = (value: string | string[] | undefined): string[] => (value === undefined ? [] : Array.isArray(value) ? value : [value]);

/** IAM's wildcard match, case-insensitive as action names are. */
function actionMatches(pattern: string, action: string): boolean {
  const re = new RegExp(`^${pattern.split('*').map((part) => part.split('?').map((p) => p.replace(/[.+^${}()|[\]\\]/g, '\\$&')).join('.')).join('.*')}$`, 'i');
  return re.test(action);
}

/** The Allow statements that grant `action` (by name or wildcard, or through NotAction), from every policy. */
export function statementsAllowing(policies: readonly RolePolicy[], action: string): Array<{ policy: RolePolicy; statement: PolicyStatement }> {
  const out: Array<{ policy: RolePolicy; statement: PolicyStatement }> = [];
  for (const policy of policies) {
    const statements = policy.document.Statement === undefined ? [] : Array.isArray(policy.document.Statement) ? policy.document.Statement : [policy.document.Statement];
    for (const statement of statements) {
      if (statement.Effect !== 'Allow') continue;
      const granted = statement.NotAction !== undefined ? !list(statement.NotAction).some((p) => actionMatches(p, action)) : list(statement.Action).some((p) => actionMatches(p, action));
      if (granted) out.push({ policy, statement });
    }
  }
  return out;
}

/** The resources a statement names (`NotResource` shows as everything but those). */
export function resourcesOf(statement: PolicyStatement): string[] {
  if (statement.NotResource !== undefined) return [`everything but ${list(statement.NotResource).join(', ')}`];
  return list(statement.Resource);
}
