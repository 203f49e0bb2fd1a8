/**
 * Policy evaluation as AWS documents it ("Policy evaluation logic", IAM User Guide): every
 * applicable statement is examined; an explicit Deny in any policy wins; otherwise the request is
 * allowed when a policy allows it, and implicitly denied when none does. Within one account an
 * allow in either the principal's identity policies or the resource's policy is enough; across
 * accounts both must allow. This module only decides; each service asks it where AWS does and
 * words its own refusal from the answer.
 */
import type { Conditions, PolicyDocument, Principals, Statement } from './policy-language.ts';

/** Who is asking: an IAM principal (a role session, user or root) or a service principal. */
export type Principal =
  | { kind: 'aws'; arn: string; account: string; /** The role's own ARN, for a role session (`arn:aws:iam::acct:role/name`). */ roleArn?: string }
  | { kind: 'service'; service: string };

export type ContextValue = string | number | boolean | readonly string[];

export interface AuthorizationRequest {
  principal: Principal;
  action: string;
  resource: string;
  /** The account that owns the resource; the principal's account when omitted. */
  resourceAccount?: string;
  /** Condition keys (case-insensitive), e.g. `aws:SourceArn`, `aws:SourceAccount`, `aws:PrincipalAccount`. */
  context?: Readonly<Record<string, ContextValue>>;
}

export interface PolicySet {
  /** The principal's identity-based policies (inline and attached). */
  identity: readonly PolicyDocument[];
  /** The resource's resource-based policy, if it has one. */
  resource?: PolicyDocument;
}

export type Decision =
  | { allowed: true }
  | { allowed: false; reason: 'explicit-deny-identity' | 'explicit-deny-resource' | 'no-identity-allow' | 'no-resource-allow' };

// ---------------------------------------------------------------- matching

/** `*` any run of characters, `?` one character; IAM's wildcard matching. */
function globMatch(pattern: string, value: string, ignoreCase: boolean): boolean {
  const p = ignoreCase ? pattern.toLowerCase() : pattern;
  const v = ignoreCase ? value.toLowerCase() : value;
  // Iterative glob with backtracking to the last `*`: linear in practice, no regular expression built from input.
  let pi = 0, vi = 0, star = -1, mark = 0;
  while (vi < v.length) {
    if (pi < p.length && (p[pi] === '?' || p[pi] === v[vi])) { pi++; vi++; }
    else if (pi < p.length && p[pi] === '*') { star = pi++; mark = vi; }
    else if (star !== -1) { pi = star + 1; vi = ++mark; }
    else return false;
  }
  while (pi < p.length && p[pi] === '*') pi++;
  return pi === p.length;
}

/** Actions match case-insensitively (`lambda:invoke*` matches `lambda:InvokeFunction`). */
export function actionMatches(pattern: string, action: string): boolean {
  return globMatch(pattern, action, true);
}

/** ARNs match segment by segment over the first five colons; the resource part may hold any character. */
export function arnLike(pattern: string, arn: string): boolean {
  if (pattern === '*') return true;
  const split = (s: string) => {
    const parts = s.split(':');
    return parts.length < 6 ? undefined : [...parts.slice(0, 5), parts.slice(5).join(':')];
  };
  const p = split(pattern);
  const a = split(arn);
  if (!p || !a) return globMatch(pattern, arn, false);
  return p.every((segment, i) => globMatch(segment, a[i]!, false));
}

const accountOfArn = (arn: string) => arn.split(':')[4] ?? '';

/** Whether a `Principal` block names this principal. */
function principalMatches(principals: Principals, principal: Principal): boolean {
  if (principals === '*') return true;
  if (principal.kind === 'service') return (principals['Service'] ?? []).includes(principal.service);
  return (principals['AWS'] ?? []).some((p) => {
    if (p === '*') return true;
    // An account id or its root ARN names every principal of that account.
    if (/^\d{12}$/.test(p)) return p === principal.account;
    if (/^arn:aws[a-z-]*:iam::\d{12}:root$/.test(p)) return accountOfArn(p) === principal.account;
    return p === principal.arn || (principal.roleArn !== undefined && p === principal.roleArn);
  });
}

/** Whether a resource policy names the principal itself (or a service), not merely its account. */
function namesPrincipalDirectly(principals: Principals, principal: Principal): boolean {
  if (principals === '*' || principal.kind === 'service') return principalMatches(principals, principal);
  return (principals['AWS'] ?? []).some((p) => p === '*' || p === principal.arn || (principal.roleArn !== undefined && p === principal.roleArn));
}

// ---------------------------------------------------------------- conditions

function contextValue(context: Readonly<Record<string, ContextValue>>, key: string): readonly string[] | undefined {
  const wanted = key.toLowerCase();
  for (const [k, v] of Object.entries(context)) {
    if (k.toLowerCase() !== wanted) continue;
    return Array.isArray(v) ? (v as readonly string[]) : [String(v)];
  }
  return undefined;
}

type Comparator = (policyValue: string, requestValue: string) => boolean;

const number = (s: string) => (s.trim() === '' ? NaN : Number(s));
const numeric = (test: (a: number, b: number) => boolean): Comparator => (p, r) => {
  const a = number(r), b = number(p);
  return !Number.isNaN(a) && !Number.isNaN(b) && test(a, b);
};

/** The positive operators; a `Not` operator is the negation of its positive form. */
const COMPARATORS: Record<string, Comparator> = {
  stringequals: (p, r) => p === r,
  stringequalsignorecase: (p, r) => p.toLowerCase() === r.toLowerCase(),
  stringlike: (p, r) => globMatch(p, r, false),
  arnequals: (p, r) => arnLike(p, r),
  arnlike: (p, r) => arnLike(p, r),
  numericequals: numeric((a, b) => a === b),
  numericlessthan: numeric((a, b) => a < b),
  numericlessthanequals: numeric((a, b) => a <= b),
  numericgreaterthan: numeric((a, b) => a > b),
  numericgreaterthanequals: numeric((a, b) => a >= b),
  bool: (p, r) => p.toLowerCase() === r.toLowerCase(),
  dateequals: (p, r) => Date.parse(p) === Date.parse(r),
  datelessthan: (p, r) => Date.parse(r) < Date.parse(p),
  dategreaterthan: (p, r) => Date.parse(r) > Date.parse(p),
};

const NEGATED: Record<string, string> = {
  stringnotequals: 'stringequals',
  stringnotequalsignorecase: 'stringequalsignorecase',
  stringnotlike: 'stringlike',
  arnnotequals: 'arnequals',
  arnnotlike: 'arnlike',
  numericnotequals: 'numericequals',
  datenotequals: 'dateequals',
};

/** One operator over one key: values OR'd, `IfExists` and set operators as AWS defines them. */
function conditionHolds(operator: string, key: string, values: readonly string[], context: Readonly<Record<string, ContextValue>>): boolean {
  let op = operator.toLowerCase();
  let set: 'any' | 'all' | undefined;
  if (op.startsWith('foranyvalue:')) { set = 'any'; op = op.slice('foranyvalue:'.length); }
  else if (op.startsWith('forallvalues:')) { set = 'all'; op = op.slice('forallvalues:'.length); }
  const ifExists = op.endsWith('ifexists');
  if (ifExists) op = op.slice(0, -'ifexists'.length);
  const present = contextValue(context, key);
  if (op === 'null') {
    const wantsAbsent = values.some((v) => v.toLowerCase() === 'true');
    return wantsAbsent ? present === undefined : present !== undefined;
  }
  const negatedOf = NEGATED[op];
  const comparator = COMPARATORS[negatedOf ?? op];
  // An operator IAM does not know never matches, as an unsupported condition denies nothing and allows nothing.
  if (!comparator) return false;
  if (present === undefined) return ifExists || negatedOf !== undefined || set === 'all';
  const matchesOne = (requestValue: string) => values.some((v) => comparator(v, requestValue));
  if (set === 'all') return present.every((r) => (negatedOf ? !matchesOne(r) : matchesOne(r)));
  if (set === 'any') return present.some((r) => (negatedOf ? !matchesOne(r) : matchesOne(r)));
  const matched = present.some(matchesOne);
  return negatedOf ? !matched : matched;
}

/** Every operator and every key of a block must hold. */
function conditionsHold(conditions: Conditions | undefined, context: Readonly<Record<string, ContextValue>>): boolean {
  if (!conditions) return true;
  return Object.entries(conditions).every(([op, keys]) => Object.entries(keys).every(([key, values]) => conditionHolds(op, key, values, context)));
}

// ---------------------------------------------------------------- statements

/** Whether one statement applies to the request (its effect aside). */
function statementApplies(s: Statement, request: AuthorizationRequest, context: Readonly<Record<string, ContextValue>>, withPrincipal: boolean): boolean {
  if (s.Action && !s.Action.some((a) => actionMatches(a, request.action))) return false;
  if (s.NotAction && s.NotAction.some((a) => actionMatches(a, request.action))) return false;
  if (s.Resource && !s.Resource.some((r) => arnLike(r, request.resource))) return false;
  if (s.NotResource && s.NotResource.some((r) => arnLike(r, request.resource))) return false;
  if (withPrincipal) {
    if (s.Principal && !principalMatches(s.Principal, request.principal)) return false;
    if (s.NotPrincipal && principalMatches(s.NotPrincipal, request.principal)) return false;
    if (!s.Principal && !s.NotPrincipal) return false;
  }
  return conditionsHold(s.Condition, context);
}

/** The request's context with the keys AWS always sets (aws:PrincipalAccount, aws:PrincipalArn). */
function fullContext(request: AuthorizationRequest): Record<string, ContextValue> {
  const context: Record<string, ContextValue> = {};
  if (request.principal.kind === 'aws') {
    context['aws:PrincipalAccount'] = request.principal.account;
    context['aws:PrincipalArn'] = request.principal.roleArn ?? request.principal.arn;
  } else {
    context['aws:PrincipalServiceName'] = request.principal.service;
  }
  return { ...context, ...request.context };
}

interface Verdict { deny: boolean; allow: boolean; allowDirect: boolean }

function judge(policies: readonly PolicyDocument[], request: AuthorizationRequest, context: Readonly<Record<string, ContextValue>>, withPrincipal: boolean): Verdict {
  const verdict: Verdict = { deny: false, allow: false, allowDirect: false };
  for (const policy of policies) {
    for (const s of policy.Statement) {
      if (!statementApplies(s, request, context, withPrincipal)) continue;
      if (s.Effect === 'Deny') verdict.deny = true;
      else {
        verdict.allow = true;
        if (withPrincipal && s.Principal && namesPrincipalDirectly(s.Principal, request.principal)) verdict.allowDirect = true;
      }
    }
  }
  return verdict;
}

/** The decision for one request, with which rule decided a refusal (for the service's message). */
export function evaluate(policies: PolicySet, request: AuthorizationRequest): Decision {
  const context = fullContext(request);
  const identity = judge(policies.identity, request, context, false);
  const resource = policies.resource ? judge([policies.resource], request, context, true) : { deny: false, allow: false, allowDirect: false };
  if (identity.deny) return { allowed: false, reason: 'explicit-deny-identity' };
  if (resource.deny) return { allowed: false, reason: 'explicit-deny-resource' };
  const principalAccount = request.principal.kind === 'aws' ? request.principal.account : undefined;
  const sameAccount = request.principal.kind === 'service' || principalAccount === (request.resourceAccount ?? principalAccount);
  if (sameAccount) {
    // Within an account, a resource policy that names the principal (not just its account) grants on its own.
    if (identity.allow || resource.allowDirect || (request.principal.kind === 'service' && resource.allow)) return { allowed: true };
    return { allowed: false, reason: 'no-identity-allow' };
  }
  // Across accounts both sides must allow: the resource's owner and the principal's own account.
  if (!resource.allow) return { allowed: false, reason: 'no-resource-allow' };
  if (!identity.allow) return { allowed: false, reason: 'no-identity-allow' };
  return { allowed: true };
}
