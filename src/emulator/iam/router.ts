/**
 * IAM and STS on the emulator's endpoint, in their query protocol: `Action=<Op>` form posts,
 * answered in IAM's XML (wrapped `<member>` lists) and IAM's `<ErrorResponse>`. STS answers
 * GetCallerIdentity for whoever calls: the account's administrator (root) from outside, or a
 * function's execution-role session when the SDK inside a handler calls.
 */
import type { CallerPrincipal, Router } from '../api/router.ts';
import { decodeQueryInput, queryErrorResponse, queryParameters, queryResponse, type QueryMembers, type XmlMembers } from '../protocols/query.ts';
import { IamError } from './errors.ts';
import type { IamService } from './iam-service.ts';

export const IAM_XML_NAMESPACE = 'https://iam.amazonaws.com/doc/2010-05-08/';
export const STS_XML_NAMESPACE = 'https://sts.amazonaws.com/doc/2011-06-15/';

type Input = Record<string, unknown>;

const OPERATIONS: Record<string, (iam: IamService, input: Input) => Input> = {
  CreateRole: (iam, i) => iam.createRole(i),
  GetRole: (iam, i) => iam.getRole(i),
  ListRoles: (iam, i) => iam.listRoles(i),
  DeleteRole: (iam, i) => iam.deleteRole(i),
  UpdateAssumeRolePolicy: (iam, i) => iam.updateAssumeRolePolicy(i),
  AttachRolePolicy: (iam, i) => iam.attachRolePolicy(i),
  DetachRolePolicy: (iam, i) => iam.detachRolePolicy(i),
  ListAttachedRolePolicies: (iam, i) => iam.listAttachedRolePolicies(i),
  PutRolePolicy: (iam, i) => iam.putRolePolicy(i),
  GetRolePolicy: (iam, i) => iam.getRolePolicy(i),
  DeleteRolePolicy: (iam, i) => iam.deleteRolePolicy(i),
  ListRolePolicies: (iam, i) => iam.listRolePolicies(i),
  CreatePolicy: (iam, i) => iam.createPolicy(i),
  GetPolicy: (iam, i) => iam.getPolicy(i),
  GetPolicyVersion: (iam, i) => iam.getPolicyVersion(i),
  DeletePolicy: (iam, i) => iam.deletePolicy(i),
};

/** IAM's lists are wrapped: `Tags.member.1.Key` in, `<Roles><member>…</member></Roles>` out. */
const IAM_QUERY_MEMBERS: QueryMembers = { Tags: { name: 'Tags', wrapped: 'member' } };
const IAM_XML_MEMBERS: XmlMembers = {
  Roles: { element: 'member', wrapped: true },
  Tags: { element: 'member', wrapped: true },
  AttachedPolicies: { element: 'member', wrapped: true },
  PolicyNames: { element: 'member', wrapped: true },
};

export interface IamRouterOptions {
  requestId: () => string;
}

export function createIamRouter(iam: IamService, options: IamRouterOptions): Router {
  return async (request) => {
    const requestId = options.requestId();
    const params = queryParameters(request);
    const action = params['Action'] ?? '';
    const fail = (error: IamError) => queryErrorResponse(IAM_XML_NAMESPACE, { status: error.status, code: error.code, message: error.message, type: 'Sender' }, requestId);
    const operation = Object.hasOwn(OPERATIONS, action) ? OPERATIONS[action] : undefined;
    if (!operation) return fail(new IamError('InvalidAction', `The Lambda Workbook emulator does not implement the IAM action ${action || '(none)'}.`));
    try {
      return queryResponse(action, IAM_XML_NAMESPACE, operation(iam, decodeQueryInput(params, IAM_QUERY_MEMBERS)), IAM_XML_MEMBERS, requestId);
    } catch (err) {
      if (err instanceof IamError) return fail(err);
      // An emulator bug: answer in IAM's shape, keeping the stack so nothing is lost.
      return queryErrorResponse(IAM_XML_NAMESPACE, { status: 500, code: 'ServiceFailure', message: `Emulator error: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`, type: 'Receiver' }, requestId);
    }
  };
}

/** What GetCallerIdentity says about a caller. */
export function callerIdentity(account: string, principal: CallerPrincipal | undefined): { UserId: string; Account: string; Arn: string } {
  if (!principal) return { UserId: account, Account: account, Arn: `arn:aws:iam::${account}:root` };
  return {
    UserId: `${principal.roleId}:${principal.sessionName}`,
    Account: principal.account,
    Arn: assumedRoleArn(principal),
  };
}

/** `arn:aws:sts::<account>:assumed-role/<role>/<session>`: the ARN a role session acts as. */
export const assumedRoleArn = (p: CallerPrincipal) => `arn:aws:sts::${p.account}:assumed-role/${p.roleName}/${p.sessionName}`;

export function createStsRouter(account: string, options: IamRouterOptions): Router {
  return async (request) => {
    const requestId = options.requestId();
    const action = queryParameters(request)['Action'] ?? '';
    if (action !== 'GetCallerIdentity') {
      return queryErrorResponse(STS_XML_NAMESPACE, { status: 400, code: 'InvalidAction', message: `The Lambda Workbook emulator does not implement the STS action ${action || '(none)'}.`, type: 'Sender' }, requestId);
    }
    return queryResponse(action, STS_XML_NAMESPACE, callerIdentity(account, request.principal), {}, requestId);
  };
}
