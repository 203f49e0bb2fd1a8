/**
 * A function's execution role, as Lambda checks it: CreateFunction and UpdateFunctionConfiguration
 * refuse a role that does not exist in the account or does not trust `lambda.amazonaws.com`, since
 * Lambda could not assume it. The same role is who the function's own AWS calls act as.
 */
import type { RoleRecord } from '../iam/state.ts';
import type { ServiceContext } from './context.ts';
import { invalidParameter } from './errors.ts';

export const LAMBDA_SERVICE_PRINCIPAL = 'lambda.amazonaws.com';

/** Lambda's message when it cannot assume the role it was given. */
export const ROLE_CANNOT_BE_ASSUMED = 'The role defined for the function cannot be assumed by Lambda.';

export function checkExecutionRole(ctx: ServiceContext, roleArn: string): RoleRecord {
  const role = ctx.iam.roleByArn(roleArn);
  if (!role || !ctx.iam.trusts(role, LAMBDA_SERVICE_PRINCIPAL)) throw invalidParameter(ROLE_CANNOT_BE_ASSUMED);
  return role;
}
