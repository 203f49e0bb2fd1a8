/**
 * A role as it was before it was granted an action: its policies minus every one (inline,
 * customer managed or AWS managed) with a statement that allows the action. The grader uses it to
 * re-create a refusal a learner met before fixing the role (see grading/grade-exercise.ts).
 */
import type { EmulatorState } from '../service/state.ts';
import { awsManagedPolicy } from './managed-policies.ts';
import { actionMatches } from './policy-evaluation.ts';
import { parsePolicy } from './policy-language.ts';

/** Whether a policy document (as text or as an object) has an Allow statement naming the action. */
function allows(document: unknown, action: string): boolean {
  try {
    const policy = parsePolicy(typeof document === 'string' ? document : JSON.stringify(document));
    return policy.Statement.some((s) => s.Effect === 'Allow' && (s.Action ?? []).some((pattern) => actionMatches(pattern, action)));
  } catch {
    return false;
  }
}

function managedDocument(state: EmulatorState, arn: string): unknown {
  const customer = state.iam.policies[arn];
  if (customer !== undefined) return customer.versions[customer.DefaultVersionId]?.Document;
  return awsManagedPolicy(arn)?.Document;
}

/**
 * The account with the role `roleName` holding none of the policies that allow `action`, or
 * undefined when the role does not exist or no policy of it allows the action.
 */
export function withoutGrantsOf(state: EmulatorState, roleName: string, action: string): EmulatorState | undefined {
  const role = state.iam.roles[roleName];
  if (role === undefined) return undefined;
  const inlinePolicies = Object.fromEntries(Object.entries(role.inlinePolicies).filter(([, document]) => !allows(document, action)));
  const attachedPolicies = role.attachedPolicies.filter((arn) => !allows(managedDocument(state, arn), action));
  if (Object.keys(inlinePolicies).length === Object.keys(role.inlinePolicies).length && attachedPolicies.length === role.attachedPolicies.length) return undefined;
  return { ...state, iam: { ...state.iam, roles: { ...state.iam.roles, [roleName]: { ...role, inlinePolicies, attachedPolicies } } } };
}
