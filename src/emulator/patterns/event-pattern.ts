/**
 * Event patterns, as EventBridge rules and Lambda's FilterCriteria write them: an object whose
 * leaves are arrays of matchers (exact values, `prefix`, `suffix`, `anything-but`, `numeric`,
 * `exists`, `equals-ignore-case`, `wildcard`) and `$or` between alternatives. A field matches when
 * any of its matchers does (any element, when the event's value is an array); a pattern matches
 * when every field does.
 */

export type EventPattern = { [field: string]: unknown };

/** A pattern that is not one: callers word the error as their service does. */
export class InvalidPatternError extends Error {}

const NUMERIC_OPERATORS = ['=', '<', '<=', '>', '>='];
const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isScalar = (v: unknown) => v === null || ['string', 'number', 'boolean'].includes(typeof v);

function invalid(why: string): never {
  throw new InvalidPatternError(why);
}

function checkNumeric(spec: unknown): void {
  if (!Array.isArray(spec) || (spec.length !== 2 && spec.length !== 4)) invalid('numeric takes one or two comparisons');
  for (let i = 0; i < spec.length; i += 2) {
    if (!NUMERIC_OPERATORS.includes(spec[i] as string) || typeof spec[i + 1] !== 'number') invalid('numeric takes an operator and a number');
  }
}

function checkMatcher(matcher: unknown): void {
  if (isScalar(matcher)) return;
  if (!isObject(matcher) || Object.keys(matcher).length !== 1) invalid('a matcher is a value or an object with one operator');
  const [[op, arg]] = Object.entries(matcher) as [[string, unknown]];
  switch (op) {
    case 'prefix':
    case 'suffix':
      if (typeof arg !== 'string' && !(isObject(arg) && typeof arg['equals-ignore-case'] === 'string')) invalid(`${op} takes a string`);
      return;
    case 'equals-ignore-case':
    case 'wildcard':
      if (typeof arg !== 'string') invalid(`${op} takes a string`);
      return;
    case 'exists':
      if (typeof arg !== 'boolean') invalid('exists takes true or false');
      return;
    case 'numeric':
      checkNumeric(arg);
      return;
    case 'anything-but':
      if (isScalar(arg) || (Array.isArray(arg) && arg.length > 0 && arg.every(isScalar))) return;
      if (isObject(arg) && Object.keys(arg).length === 1 && ['prefix', 'suffix'].includes(Object.keys(arg)[0]!) && typeof Object.values(arg)[0] === 'string') return;
      return invalid('anything-but takes values, or a prefix or suffix');
    default:
      invalid(`unknown operator ${op}`);
  }
}

function checkPattern(pattern: unknown): asserts pattern is EventPattern {
  if (!isObject(pattern) || Object.keys(pattern).length === 0) invalid('a pattern is a non-empty object');
  for (const [field, value] of Object.entries(pattern)) {
    if (field === '$or') {
      if (!Array.isArray(value) || value.length < 2) invalid('$or takes two or more patterns');
      value.forEach(checkPattern);
    } else if (Array.isArray(value)) {
      if (value.length === 0) invalid(`${field} has no matchers`);
      value.forEach(checkMatcher);
    } else {
      checkPattern(value);
    }
  }
}

/** Parses and checks a pattern written as JSON text. */
export function parseEventPattern(text: unknown): EventPattern {
  if (typeof text !== 'string') invalid('a pattern is JSON text');
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    invalid('a pattern is JSON text');
  }
  checkPattern(parsed);
  return parsed;
}

function compareNumeric(value: number, spec: unknown[]): boolean {
  for (let i = 0; i < spec.length; i += 2) {
    const bound = spec[i + 1] as number;
    const ok = { '=': value === bound, '<': value < bound, '<=': value <= bound, '>': value > bound, '>=': value >= bound }[spec[i] as string];
    if (!ok) return false;
  }
  return true;
}

function wildcardMatches(glob: string, value: string): boolean {
  const re = new RegExp(`^${glob.split('*').map((p) => p.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('.*')}$`, 's');
  return re.test(value);
}

function affixMatches(op: 'prefix' | 'suffix', arg: unknown, value: string): boolean {
  const [needle, haystack] = typeof arg === 'string' ? [arg, value] : [String((arg as Record<string, unknown>)['equals-ignore-case']).toLowerCase(), value.toLowerCase()];
  return op === 'prefix' ? haystack.startsWith(needle) : haystack.endsWith(needle);
}

/** Whether one present value satisfies one matcher. */
function valueMatches(matcher: unknown, value: unknown): boolean {
  if (isScalar(matcher)) return matcher === value;
  const [[op, arg]] = Object.entries(matcher as Record<string, unknown>) as [[string, unknown]];
  switch (op) {
    case 'prefix':
    case 'suffix':
      return typeof value === 'string' && affixMatches(op, arg, value);
    case 'equals-ignore-case':
      return typeof value === 'string' && value.toLowerCase() === String(arg).toLowerCase();
    case 'wildcard':
      return typeof value === 'string' && wildcardMatches(String(arg), value);
    case 'numeric':
      return typeof value === 'number' && compareNumeric(value, arg as unknown[]);
    case 'anything-but':
      if (isObject(arg)) {
        const [[affix, needle]] = Object.entries(arg) as [['prefix' | 'suffix', string]];
        return typeof value === 'string' && !affixMatches(affix, needle, value);
      }
      return !(Array.isArray(arg) ? arg : [arg]).includes(value as never);
    default:
      return false;
  }
}

function fieldMatches(matchers: unknown[], present: boolean, value: unknown): boolean {
  return matchers.some((matcher) => {
    if (isObject(matcher) && 'exists' in matcher) return matcher['exists'] === present;
    if (!present) return false;
    return Array.isArray(value) ? value.some((v) => valueMatches(matcher, v)) : valueMatches(matcher, value);
  });
}

/** Whether `event` matches `pattern`. */
export function matchesEventPattern(pattern: EventPattern, event: unknown): boolean {
  const fields = isObject(event) ? event : {};
  return Object.entries(pattern).every(([field, spec]) => {
    if (field === '$or') return (spec as EventPattern[]).some((alternative) => matchesEventPattern(alternative, event));
    const present = Object.prototype.hasOwnProperty.call(fields, field);
    if (Array.isArray(spec)) return fieldMatches(spec, present, fields[field]);
    return present && isObject(fields[field]) && matchesEventPattern(spec as EventPattern, fields[field]);
  });
}
