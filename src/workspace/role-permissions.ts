/**
 * What Configuration, Permissions shows, read through the APIs as the console reads them: the
 * function's execution role as IAM has it (who may assume it, and each of its policies with its
 * document) and the function's resource-based policy statements (who else may act on it). A role
 * with no policies shows none: the page never claims a policy the role does not have.
 */
import type { IAMClient } from '@aws-sdk/client-iam';
import type { LambdaClient } from '@aws-sdk/client-lambda';
import { functionPolicy } from '../checks/lambda-reads.ts';
import { roleNameOf, rolePolicies, roleTrust, type RolePolicy } from '../checks/iam-reads.ts';

export interface PolicyView {
  name: string;
  /** As the IAM console names it: `AWS managed`, `Customer managed` or `Customer inline`. */
  kind: string;
  /** The document, indented. */
  document: string;
}

/** A row of the console's "Resource-based policy statements" table. */
export interface StatementView {
  sid: string;
  principal: string;
  conditions: string;
  action: string;
  effect: string;
}

export interface PermissionsView {
  roleArn: string;
  roleName: string;
  /** Undefined when IAM has no such role. */
  role: { trustedBy: string[]; policies: PolicyView[] } | undefined;
  statements: StatementView[];
}

export function policyKind(policy: Pick<RolePolicy, 'kind' | 'arn'>): string {
  if (policy.kind === 'inline') return 'Customer inline';
  return policy.arn?.startsWith('arn:aws:iam::aws:policy/') ? 'AWS managed' : 'Customer managed';
}

const listOf = (value: unknown): unknown[] => (Array.isArray(value) ? value : value === undefined ? [] : [value]);

/** A resource-based statement as a row: `*`, a service, or account ARNs for the principal; conditions as JSON. */
export function statementRow(statement: Record<string, unknown>): StatementView {
  const principal = statement['Principal'];
  const principals = typeof principal === 'string' ? [principal] : principal && typeof principal === 'object' ? Object.values(principal).flatMap(listOf) : [];
  const condition = statement['Condition'];
  return {
    sid: typeof statement['Sid'] === 'string' ? statement['Sid'] : '-',
    principal: principals.map(String).join(', ') || '-',
    conditions: condition && typeof condition === 'object' && Object.keys(condition).length > 0 ? JSON.stringify(condition) : '-',
    action: listOf(statement['Action']).map(String).join(', ') || '-',
    effect: typeof statement['Effect'] === 'string' ? statement['Effect'] : '-',
  };
}

export async function readPermissions(iam: IAMClient, lambda: LambdaClient, config: { FunctionName?: string; Role?: string }, qualifier?: string): Promise<PermissionsView> {
  const roleArn = config.Role ?? '';
  const roleName = roleNameOf(roleArn) ?? roleArn;
  const statements = (await functionPolicy({ lambda }, config.FunctionName ?? '', qualifier)).map((s) => statementRow(s as unknown as Record<string, unknown>));
  const trust = await roleTrust({ iam }, roleName);
  if (trust === undefined) return { roleArn, roleName, role: undefined, statements };
  const policies = (await rolePolicies({ iam }, roleName)).map((p) => ({ name: p.name, kind: policyKind(p), document: JSON.stringify(p.document, null, 2) }));
  return { roleArn, roleName, role: { trustedBy: trust.principals, policies }, statements };
}
