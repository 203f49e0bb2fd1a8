/**
 * The account's IAM, the part a Lambda course uses: roles with their trust policies, inline and
 * attached managed policies, customer managed policies, and the AWS managed policies a course
 * names. Operations take and return the JSON shapes of IAM's API (the router writes IAM's XML);
 * documents go out URL-encoded, as IAM sends them. `policiesOf` and `trusts` are what Lambda and
 * the SDK bridge ask.
 */
import type { Clock } from '../runtime/contract.ts';
import { dict, toDict } from '../service/dict.ts';
import { IamError, noSuchRole, validationError } from './errors.ts';
import { AWS_MANAGED_POLICIES, awsManagedPolicy, awsManagedPolicyArn } from './managed-policies.ts';
import { checkIdentityPolicy, checkTrustPolicy, parsePolicy, PolicySyntaxError, type PolicyDocument } from './policy-language.ts';
import type { IamState, ManagedPolicyRecord, RoleRecord } from './state.ts';

type Input = Record<string, unknown>;

/** The role every account starts with, as a lab account is provisioned: it trusts Lambda and may write logs. */
export const LAMBDA_ROLE_NAME = 'lambda-role';
export const LAMBDA_TRUST_POLICY = JSON.stringify({
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' }],
});
const BASIC_EXECUTION_ARN = 'arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole';

const NAME_PATTERN = '[\\w+=,.@-]+';
const NAME = /^[\w+=,.@-]{1,64}$/;
const POLICY_NAME = /^[\w+=,.@-]{1,128}$/;
const PATH_PATTERN = '(\\u002F)|(\\u002F[\\u0021-\\u007E]+\\u002F)';
const PATH = /^(\/|\/[\u0021-\u007E]+\/)$/;

/** IAM's timestamp: ISO 8601 to the second. */
const iamTime = (ms: number) => new Date(Math.floor(ms / 1000) * 1000).toISOString().replace('.000Z', 'Z');

/** IAM sends policy documents percent-encoded (RFC 3986); SDKs for JavaScript hand them on as they came. */
export const encodeDocument = (text: string) => encodeURIComponent(text).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);

function str(input: Input, member: string, wire: string): string {
  const value = input[member];
  if (typeof value !== 'string' || value === '') throw validationError(wire, value === undefined ? 'null' : String(value), 'Member must not be null');
  return value;
}

/** `1 validation error ... 'roleName' ...` for a name IAM refuses. */
function named(input: Input, member: string, wire: string, pattern = NAME): string {
  const value = input[member];
  if (typeof value !== 'string' || value === '') throw new IamError('ValidationError', `1 validation error detected: Value at '${wire}' failed to satisfy constraint: Member must not be null`);
  if (!pattern.test(value)) throw validationError(wire, value, NAME_PATTERN);
  return value;
}

function pathOf(input: Input): string {
  const path = input['Path'];
  if (path === undefined) return '/';
  if (typeof path !== 'string' || !PATH.test(path)) throw validationError('path', String(path), PATH_PATTERN);
  return path;
}

function tagsOf(input: Input): { Key: string; Value: string }[] | undefined {
  const tags = input['Tags'];
  if (!Array.isArray(tags) || tags.length === 0) return undefined;
  return tags.map((t) => ({ Key: String((t as Input)['Key'] ?? ''), Value: String((t as Input)['Value'] ?? '') }));
}

function checkDocument(text: string, check: (doc: PolicyDocument) => void): void {
  try {
    check(parsePolicy(text));
  } catch (err) {
    if (err instanceof PolicySyntaxError) throw new IamError('MalformedPolicyDocument', err.message);
    throw err;
  }
}

export interface IamServiceOptions {
  state: IamState;
  accountId: string;
  clock: Clock;
  uuid: () => string;
  /**
   * Execution roles the account's functions name: a state saved before the emulator had IAM gets
   * each as the console made it then, a basic execution role, so its functions keep working.
   */
  rolesInUse?: () => string[];
}

export class IamService {
  readonly accountId: string;
  readonly #state: IamState;
  readonly #clock: Clock;
  readonly #uuid: () => string;
  /** Parsed documents by their text: every invocation asks whether its role may write logs. */
  readonly #parsed = new Map<string, PolicyDocument>();

  constructor(options: IamServiceOptions) {
    this.accountId = options.accountId;
    this.#state = options.state;
    this.#state.roles = toDict(this.#state.roles);
    this.#state.policies = toDict(this.#state.policies);
    for (const role of Object.values(this.#state.roles)) role.inlinePolicies = toDict(role.inlinePolicies);
    this.#clock = options.clock;
    this.#uuid = options.uuid;
    if (!this.#state.provisioned) {
      this.createBasicExecutionRole(LAMBDA_ROLE_NAME, '/');
      for (const arn of options.rolesInUse?.() ?? []) {
        const parts = new RegExp(`^arn:aws:iam::${this.accountId}:role(/(?:[\\u0021-\\u007E]+/)?)([\\w+=,.@-]{1,64})$`).exec(arn);
        if (parts) this.createBasicExecutionRole(parts[2]!, parts[1]!);
      }
      this.#state.provisioned = true;
    }
  }

  /** A unique id with IAM's prefix (`AROA` roles, `ANPA` policies): 21 characters of [A-Z0-9]. */
  #id(prefix: string): string {
    const hex = this.#uuid().replace(/-/g, '').toUpperCase();
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
    let out = '';
    for (let i = 0; i < 17; i++) out += alphabet[parseInt(hex.slice(i, i + 2), 16) % 32];
    return prefix + out;
  }

  #role(name: unknown): RoleRecord {
    const role = typeof name === 'string' ? this.#state.roles[name] : undefined;
    if (!role) throw noSuchRole(String(name));
    return role;
  }

  #roleShape(role: RoleRecord, view: 'create' | 'get' | 'list'): Input {
    return {
      Path: role.Path,
      RoleName: role.RoleName,
      RoleId: role.RoleId,
      Arn: role.Arn,
      CreateDate: role.CreateDate,
      AssumeRolePolicyDocument: encodeDocument(role.AssumeRolePolicyDocument),
      ...(role.Description !== undefined ? { Description: role.Description } : {}),
      // CreateRole omits MaxSessionDuration and ListRoles omits Tags and RoleLastUsed, as the recordings show.
      ...(view !== 'create' ? { MaxSessionDuration: role.MaxSessionDuration } : {}),
      ...(role.Tags && view !== 'list' ? { Tags: role.Tags } : {}),
      ...(view === 'get' ? { RoleLastUsed: {} } : {}),
    };
  }

  // ---------------------------------------------------------------- roles

  createRole(input: Input): Input {
    const name = named(input, 'RoleName', 'roleName');
    const trust = str(input, 'AssumeRolePolicyDocument', 'assumeRolePolicyDocument');
    const path = pathOf(input);
    checkDocument(trust, checkTrustPolicy);
    if (Object.keys(this.#state.roles).some((n) => n.toLowerCase() === name.toLowerCase())) throw new IamError('EntityAlreadyExists', `Role with name ${name} already exists.`);
    const maxSession = input['MaxSessionDuration'] === undefined ? 3600 : Number(input['MaxSessionDuration']);
    if (!Number.isInteger(maxSession) || maxSession < 3600 || maxSession > 43200) {
      throw new IamError('ValidationError', `1 validation error detected: Value '${String(input['MaxSessionDuration'])}' at 'maxSessionDuration' failed to satisfy constraint: Member must have value less than or equal to 43200`);
    }
    const tags = tagsOf(input);
    const role: RoleRecord = {
      RoleName: name,
      RoleId: this.#id('AROA'),
      Arn: `arn:aws:iam::${this.accountId}:role${path}${name}`,
      Path: path,
      CreateDate: iamTime(this.#clock.now()),
      AssumeRolePolicyDocument: trust,
      ...(typeof input['Description'] === 'string' ? { Description: input['Description'] } : {}),
      MaxSessionDuration: maxSession,
      ...(tags ? { Tags: tags } : {}),
      inlinePolicies: dict(),
      attachedPolicies: [],
    };
    this.#state.roles[name] = role;
    return { Role: this.#roleShape(role, 'create') };
  }

  getRole(input: Input): Input {
    return { Role: this.#roleShape(this.#role(input['RoleName']), 'get') };
  }

  listRoles(input: Input): Input {
    const prefix = typeof input['PathPrefix'] === 'string' ? input['PathPrefix'] : '/';
    const roles = Object.values(this.#state.roles)
      .filter((r) => r.Path.startsWith(prefix))
      .sort((a, b) => a.RoleName.localeCompare(b.RoleName));
    return page(roles.map((r) => this.#roleShape(r, 'list')), input, 'Roles');
  }

  deleteRole(input: Input): Input {
    const role = this.#role(input['RoleName']);
    if (role.attachedPolicies.length > 0) throw new IamError('DeleteConflict', 'Cannot delete entity, must detach all policies first.');
    if (Object.keys(role.inlinePolicies).length > 0) throw new IamError('DeleteConflict', 'Cannot delete entity, must delete policies first.');
    delete this.#state.roles[role.RoleName];
    return {};
  }

  updateAssumeRolePolicy(input: Input): Input {
    const role = this.#role(input['RoleName']);
    const trust = str(input, 'PolicyDocument', 'policyDocument');
    checkDocument(trust, checkTrustPolicy);
    role.AssumeRolePolicyDocument = trust;
    return {};
  }

  // ---------------------------------------------------------------- managed policies on roles

  #policyArn(input: Input): string {
    const arn = input['PolicyArn'];
    if (typeof arn !== 'string' || !arn.startsWith('arn:')) throw new IamError('ValidationError', 'Invalid ARN:  Could not be parsed!');
    return arn;
  }

  attachRolePolicy(input: Input): Input {
    const role = this.#role(input['RoleName']);
    const arn = this.#policyArn(input);
    if (!this.#managed(arn)) throw new IamError('NoSuchEntity', `Policy ${arn} does not exist or is not attachable.`);
    if (!role.attachedPolicies.includes(arn)) role.attachedPolicies.push(arn);
    return {};
  }

  detachRolePolicy(input: Input): Input {
    const role = this.#role(input['RoleName']);
    const arn = this.#policyArn(input);
    if (!role.attachedPolicies.includes(arn)) throw new IamError('NoSuchEntity', `Policy ${arn} was not found.`);
    role.attachedPolicies = role.attachedPolicies.filter((a) => a !== arn);
    return {};
  }

  listAttachedRolePolicies(input: Input): Input {
    const role = this.#role(input['RoleName']);
    const attached = role.attachedPolicies.map((arn) => ({ PolicyName: this.#managed(arn)?.PolicyName ?? arn.split('/').pop()!, PolicyArn: arn }));
    return page(attached, input, 'AttachedPolicies');
  }

  // ---------------------------------------------------------------- inline policies

  putRolePolicy(input: Input): Input {
    const role = this.#role(input['RoleName']);
    const name = named(input, 'PolicyName', 'policyName', POLICY_NAME);
    const text = str(input, 'PolicyDocument', 'policyDocument');
    checkDocument(text, checkIdentityPolicy);
    role.inlinePolicies[name] = text;
    return {};
  }

  getRolePolicy(input: Input): Input {
    const role = this.#role(input['RoleName']);
    const name = String(input['PolicyName'] ?? '');
    const text = role.inlinePolicies[name];
    if (text === undefined) throw new IamError('NoSuchEntity', `The role policy with name ${name} cannot be found.`);
    return { RoleName: role.RoleName, PolicyName: name, PolicyDocument: encodeDocument(text) };
  }

  deleteRolePolicy(input: Input): Input {
    const role = this.#role(input['RoleName']);
    const name = String(input['PolicyName'] ?? '');
    if (role.inlinePolicies[name] === undefined) throw new IamError('NoSuchEntity', `The role policy with name ${name} cannot be found.`);
    delete role.inlinePolicies[name];
    return {};
  }

  listRolePolicies(input: Input): Input {
    const role = this.#role(input['RoleName']);
    return page(Object.keys(role.inlinePolicies).sort(), input, 'PolicyNames');
  }

  // ---------------------------------------------------------------- customer managed policies

  /** A managed policy by ARN: the account's own or an AWS managed one, in one shape. */
  #managed(arn: string): (ManagedPolicyRecord & { aws?: true }) | undefined {
    const own = this.#state.policies[arn];
    if (own) return own;
    return awsManagedRecord(arn);
  }

  #attachmentCount(arn: string): number {
    return Object.values(this.#state.roles).filter((r) => r.attachedPolicies.includes(arn)).length;
  }

  #policyShape(policy: ManagedPolicyRecord, withDescription: boolean): Input {
    return {
      PolicyName: policy.PolicyName,
      PolicyId: policy.PolicyId,
      Arn: policy.Arn,
      Path: policy.Path,
      DefaultVersionId: policy.DefaultVersionId,
      AttachmentCount: this.#attachmentCount(policy.Arn),
      PermissionsBoundaryUsageCount: 0,
      IsAttachable: true,
      ...(withDescription && policy.Description !== undefined ? { Description: policy.Description } : {}),
      CreateDate: policy.CreateDate,
      UpdateDate: policy.UpdateDate,
      ...(policy.Tags ? { Tags: policy.Tags } : {}),
    };
  }

  createPolicy(input: Input): Input {
    const name = named(input, 'PolicyName', 'policyName', POLICY_NAME);
    const text = str(input, 'PolicyDocument', 'policyDocument');
    const path = pathOf(input);
    checkDocument(text, checkIdentityPolicy);
    const arn = `arn:aws:iam::${this.accountId}:policy${path}${name}`;
    if (Object.values(this.#state.policies).some((p) => p.PolicyName === name)) throw new IamError('EntityAlreadyExists', `A policy called ${name} already exists. Duplicate names are not allowed.`);
    const now = iamTime(this.#clock.now());
    const tags = tagsOf(input);
    const policy: ManagedPolicyRecord = {
      PolicyName: name,
      PolicyId: this.#id('ANPA'),
      Arn: arn,
      Path: path,
      ...(typeof input['Description'] === 'string' ? { Description: input['Description'] } : {}),
      CreateDate: now,
      UpdateDate: now,
      DefaultVersionId: 'v1',
      ...(tags ? { Tags: tags } : {}),
      versions: { v1: { VersionId: 'v1', Document: text, CreateDate: now } },
    };
    this.#state.policies[arn] = policy;
    return { Policy: this.#policyShape(policy, false) };
  }

  getPolicy(input: Input): Input {
    const arn = this.#policyArn(input);
    const policy = this.#managed(arn);
    if (!policy) throw new IamError('NoSuchEntity', `Policy ${arn} was not found.`);
    return { Policy: this.#policyShape(policy, true) };
  }

  getPolicyVersion(input: Input): Input {
    const arn = this.#policyArn(input);
    const policy = this.#managed(arn);
    const versionId = String(input['VersionId'] ?? '');
    if (!/^v[1-9][0-9]*(\.[A-Za-z0-9-]*)?$/.test(versionId)) throw validationError('versionId', versionId, 'v[1-9][0-9]*(\\.[A-Za-z0-9-]*)?');
    const version = policy?.versions[versionId];
    if (!policy || !version) throw new IamError('NoSuchEntity', `Policy ${arn} version ${versionId} does not exist or is not attachable.`);
    return { PolicyVersion: { Document: encodeDocument(version.Document), VersionId: version.VersionId, IsDefaultVersion: version.VersionId === policy.DefaultVersionId, CreateDate: version.CreateDate } };
  }

  deletePolicy(input: Input): Input {
    const arn = this.#policyArn(input);
    const policy = this.#state.policies[arn];
    if (!policy) throw new IamError('NoSuchEntity', `Policy ${arn} was not found.`);
    if (this.#attachmentCount(arn) > 0) throw new IamError('DeleteConflict', 'Cannot delete a policy attached to entities.');
    delete this.#state.policies[arn];
    return {};
  }

  /**
   * The console's "Create a new role with basic Lambda permissions": a role that trusts Lambda,
   * with AWSLambdaBasicExecutionRole attached. An existing role of that name is kept as it is.
   */
  createBasicExecutionRole(roleName: string, path = '/service-role/'): string {
    const existing = this.#state.roles[roleName];
    if (existing) return existing.Arn;
    this.createRole({ RoleName: roleName, Path: path, AssumeRolePolicyDocument: LAMBDA_TRUST_POLICY });
    this.attachRolePolicy({ RoleName: roleName, PolicyArn: BASIC_EXECUTION_ARN });
    return this.#state.roles[roleName]!.Arn;
  }

  // ---------------------------------------------------------------- what other services ask

  /** A role by its ARN (`arn:aws:iam::<account>:role[/path]/name`), if this account has it. */
  roleByArn(arn: string): RoleRecord | undefined {
    // Asked on every invocation: the name after the last slash, without an array of the parts.
    const name = arn.slice(arn.lastIndexOf('/') + 1);
    const role = this.#state.roles[name];
    return role && role.Arn === arn ? role : undefined;
  }

  /** A role's identity-based policies, parsed: its inline policies and the managed ones attached. */
  policiesOf(role: RoleRecord): PolicyDocument[] {
    const docs: PolicyDocument[] = [];
    for (const text of Object.values(role.inlinePolicies)) docs.push(this.#parse(text));
    for (const arn of role.attachedPolicies) {
      const policy = this.#managed(arn);
      const version = policy?.versions[policy.DefaultVersionId];
      if (version) docs.push(this.#parse(version.Document));
    }
    return docs;
  }

  #parse(text: string): PolicyDocument {
    let doc = this.#parsed.get(text);
    if (!doc) {
      if (this.#parsed.size >= 1000) this.#parsed.clear();
      doc = parsePolicy(text);
      this.#parsed.set(text, doc);
    }
    return doc;
  }

  /** Whether a role's trust policy lets a service principal (`lambda.amazonaws.com`) assume it. */
  trusts(role: RoleRecord, service: string): boolean {
    const trust = parsePolicy(role.AssumeRolePolicyDocument);
    const applies = (s: (typeof trust.Statement)[number]) =>
      (s.Action ?? []).some((a) => /^sts:(\*|AssumeRole)$/i.test(a) || a === '*') &&
      (s.Principal === '*' || (s.Principal !== undefined && (s.Principal['Service'] ?? []).includes(service)));
    return !trust.Statement.some((s) => s.Effect === 'Deny' && applies(s)) && trust.Statement.some((s) => s.Effect === 'Allow' && applies(s));
  }

  /** Every AWS managed policy the emulator has, for the page's role view. */
  static awsManagedPolicyArns(): string[] {
    return AWS_MANAGED_POLICIES.map(awsManagedPolicyArn);
  }
}

/** AWS managed policies never change: each record is built once (every invocation asks about its role's policies). */
const awsManagedRecords = new Map<string, ManagedPolicyRecord & { aws: true }>();
function awsManagedRecord(arn: string): (ManagedPolicyRecord & { aws: true }) | undefined {
  let record = awsManagedRecords.get(arn);
  if (record) return record;
  const aws = awsManagedPolicy(arn);
  if (!aws) return undefined;
  record = {
    PolicyName: aws.PolicyName, PolicyId: aws.PolicyId, Arn: arn, Path: aws.Path, Description: aws.Description,
    CreateDate: aws.CreateDate, UpdateDate: aws.UpdateDate, DefaultVersionId: aws.DefaultVersionId,
    versions: { [aws.DefaultVersionId]: { VersionId: aws.DefaultVersionId, Document: JSON.stringify(aws.Document), CreateDate: aws.UpdateDate } },
    aws: true,
  };
  awsManagedRecords.set(arn, record);
  return record;
}

/** `Marker`/`MaxItems` paging as IAM does it: `IsTruncated`, and `Marker` when there is more. */
function page<T>(items: T[], input: Input, member: string): Input {
  const max = input['MaxItems'] === undefined ? 100 : Number(input['MaxItems']);
  const start = typeof input['Marker'] === 'string' ? Number(input['Marker']) || 0 : 0;
  const slice = items.slice(start, start + max);
  const more = start + max < items.length;
  return { [member]: slice, IsTruncated: more, ...(more ? { Marker: String(start + max) } : {}) };
}
