/**
 * IAM policy documents: parsed once into a normal form (every one-or-many member a list), with
 * IAM's own refusals for text that is not a policy. The evaluator (policy-evaluation.ts) reads only
 * this form.
 */

export type Effect = 'Allow' | 'Deny';

/** `Principal` as written: `"*"` or `{ AWS: [...], Service: [...], Federated: [...] }`. */
export type Principals = '*' | Readonly<Record<string, readonly string[]>>;

/** A condition block: operator → context key → values (each value list is OR'd). */
export type Conditions = Readonly<Record<string, Readonly<Record<string, readonly string[]>>>>;

export interface Statement {
  Sid?: string;
  Effect: Effect;
  Action?: readonly string[];
  NotAction?: readonly string[];
  Resource?: readonly string[];
  NotResource?: readonly string[];
  Principal?: Principals;
  NotPrincipal?: Principals;
  Condition?: Conditions;
}

export interface PolicyDocument {
  Version?: string;
  Statement: readonly Statement[];
}

/** Why a text is not a policy, in IAM's words (MalformedPolicyDocument). */
export class PolicySyntaxError extends Error {}

export const INVALID_JSON = 'This policy contains invalid Json';
export const SYNTAX_ERRORS = 'Syntax errors in policy.';

const STATEMENT_KEYS = new Set(['Sid', 'Effect', 'Action', 'NotAction', 'Resource', 'NotResource', 'Principal', 'NotPrincipal', 'Condition']);

function strings(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value) && value.length > 0 && value.every((v) => typeof v === 'string')) return value as string[];
  throw new PolicySyntaxError(SYNTAX_ERRORS);
}

/** Condition values may be strings, numbers or booleans; IAM compares them as strings. */
function conditionValues(value: unknown): string[] {
  const list = Array.isArray(value) ? value : [value];
  if (list.length === 0) throw new PolicySyntaxError(SYNTAX_ERRORS);
  return list.map((v) => {
    if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') return String(v);
    throw new PolicySyntaxError(SYNTAX_ERRORS);
  });
}

function principals(value: unknown): Principals {
  if (value === '*') return '*';
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new PolicySyntaxError(SYNTAX_ERRORS);
  const out: Record<string, string[]> = {};
  for (const [kind, v] of Object.entries(value)) out[kind] = strings(v);
  return out;
}

function conditions(value: unknown): Conditions {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new PolicySyntaxError(SYNTAX_ERRORS);
  const out: Record<string, Record<string, string[]>> = {};
  for (const [op, block] of Object.entries(value)) {
    if (typeof block !== 'object' || block === null || Array.isArray(block)) throw new PolicySyntaxError(SYNTAX_ERRORS);
    const keys: Record<string, string[]> = {};
    for (const [k, v] of Object.entries(block)) keys[k] = conditionValues(v);
    out[op] = keys;
  }
  return out;
}

function statement(value: unknown): Statement {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new PolicySyntaxError(SYNTAX_ERRORS);
  const raw = value as Record<string, unknown>;
  for (const key of Object.keys(raw)) if (!STATEMENT_KEYS.has(key)) throw new PolicySyntaxError(SYNTAX_ERRORS);
  if (raw['Effect'] !== 'Allow' && raw['Effect'] !== 'Deny') throw new PolicySyntaxError(SYNTAX_ERRORS);
  if ((raw['Action'] === undefined) === (raw['NotAction'] === undefined)) throw new PolicySyntaxError(SYNTAX_ERRORS);
  const s: { -readonly [K in keyof Statement]: Statement[K] } = { Effect: raw['Effect'] };
  if (raw['Sid'] !== undefined) s.Sid = typeof raw['Sid'] === 'string' ? raw['Sid'] : (() => { throw new PolicySyntaxError(SYNTAX_ERRORS); })();
  if (raw['Action'] !== undefined) s.Action = strings(raw['Action']);
  if (raw['NotAction'] !== undefined) s.NotAction = strings(raw['NotAction']);
  if (raw['Resource'] !== undefined) s.Resource = strings(raw['Resource']);
  if (raw['NotResource'] !== undefined) s.NotResource = strings(raw['NotResource']);
  if (raw['Principal'] !== undefined) s.Principal = principals(raw['Principal']);
  if (raw['NotPrincipal'] !== undefined) s.NotPrincipal = principals(raw['NotPrincipal']);
  if (raw['Condition'] !== undefined) s.Condition = conditions(raw['Condition']);
  return s;
}

/** A policy's text in normal form, or PolicySyntaxError with IAM's message. */
export function parsePolicy(text: string): PolicyDocument {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    throw new PolicySyntaxError(INVALID_JSON);
  }
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) throw new PolicySyntaxError(INVALID_JSON);
  const doc = raw as Record<string, unknown>;
  if (doc['Statement'] === undefined) throw new PolicySyntaxError(SYNTAX_ERRORS);
  const list = Array.isArray(doc['Statement']) ? doc['Statement'] : [doc['Statement']];
  return { ...(typeof doc['Version'] === 'string' ? { Version: doc['Version'] } : {}), Statement: list.map(statement) };
}

/** Identity policies name no principal; resource and trust policies must (IAM refuses either mistake). */
export function checkIdentityPolicy(doc: PolicyDocument): void {
  for (const s of doc.Statement) {
    if (s.Principal !== undefined || s.NotPrincipal !== undefined) throw new PolicySyntaxError('Policy document should not specify a principal.');
    if (s.Resource === undefined && s.NotResource === undefined) throw new PolicySyntaxError('Policy statement must contain resources.');
  }
}

export function checkTrustPolicy(doc: PolicyDocument): void {
  for (const s of doc.Statement) {
    if (s.Principal === undefined && s.NotPrincipal === undefined) throw new PolicySyntaxError(SYNTAX_ERRORS);
    if (s.Resource !== undefined || s.NotResource !== undefined) throw new PolicySyntaxError('Has prohibited field Resource');
  }
}
