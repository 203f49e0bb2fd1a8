/**
 * PEP 508 dependency specifiers (`six>=1.5`, `tabulate[widechars]`, `wcwidth; extra == "widechars"`)
 * and their environment markers, read and printed as the `packaging` library pip vendors does:
 * its error text ("Expected end or semicolon ...") with the caret under the fault.
 */
import { MARKER_ENVIRONMENT } from './python.ts';
import { canonicalName } from './metadata.ts';
import { formatSpecifiers, parseSpecifiers, parseVersion, satisfies, SpecifierError, type Specifier } from './pep440.ts';

export interface Requirement {
  name: string;
  extras: string[];
  specifiers: Specifier[];
  url?: string;
  marker?: Marker;
  /** The marker as written, normalized the way packaging prints it. */
  markerText?: string;
}

export class InvalidRequirement extends Error {
  constructor(
    readonly reason: string,
    readonly source: string,
    readonly at: number,
  ) {
    // packaging's ParserSyntaxError: the message, the source, a caret under the fault.
    super(`${reason}\n    ${source}\n    ${' '.repeat(at)}^`);
  }
}

const NAME = /^[A-Za-z0-9](?:[A-Za-z0-9._-]*[A-Za-z0-9])?/;

export function parseRequirement(source: string): Requirement {
  let at = 0;
  const skip = () => {
    while (at < source.length && /\s/.test(source[at]!)) at++;
  };
  skip();
  const name = NAME.exec(source.slice(at))?.[0];
  if (name === undefined) throw new InvalidRequirement('Expected package name at the start of dependency specifier', source, at);
  at += name.length;
  skip();
  const extras: string[] = [];
  if (source[at] === '[') {
    const close = source.indexOf(']', at);
    if (close < 0) throw new InvalidRequirement('Expected matching RIGHT_BRACKET for LEFT_BRACKET, after extras', source, at);
    for (const extra of source.slice(at + 1, close).split(',').map((e) => e.trim()).filter((e) => e !== '')) {
      if (!NAME.test(extra) || NAME.exec(extra)![0] !== extra) throw new InvalidRequirement('Expected extra name', source, at + 1);
      extras.push(extra);
    }
    at = close + 1;
    skip();
  }
  let url: string | undefined;
  let specifiers: Specifier[] = [];
  if (source[at] === '@') {
    at++;
    skip();
    const end = source.slice(at).search(/\s|$/);
    url = source.slice(at, at + end);
    at += end;
    skip();
  } else {
    const parens = source[at] === '(';
    const start = parens ? at + 1 : at;
    const stop = parens ? source.indexOf(')', start) : (() => {
      const semi = source.indexOf(';', start);
      return semi < 0 ? source.length : semi;
    })();
    if (parens && stop < 0) throw new InvalidRequirement('Expected matching RIGHT_PARENTHESIS for LEFT_PARENTHESIS, after version specifier', source, at);
    const text = source.slice(start, stop);
    if (text.trim() !== '') {
      if (!/^\s*(~=|===|==|!=|<=|>=|<|>)/.test(text)) throw new InvalidRequirement('Expected end or semicolon (after name and no valid version specifier)', source, at);
      try {
        specifiers = parseSpecifiers(text);
      } catch (error) {
        if (!(error instanceof SpecifierError)) throw error;
        throw new InvalidRequirement(error.message.replace(/^Invalid specifier/, 'Invalid specifier'), source, start + text.search(/\S/));
      }
    }
    at = parens ? stop + 1 : stop;
    skip();
  }
  let marker: Marker | undefined;
  let markerText: string | undefined;
  if (source[at] === ';') {
    at++;
    const parsed = parseMarker(source, at);
    marker = parsed.marker;
    markerText = formatMarker(marker);
    at = source.length;
  }
  skip();
  if (at < source.length) throw new InvalidRequirement(url !== undefined ? 'Expected end or semicolon (after URL and whitespace)' : 'Expected end or semicolon (after version specifier)', source, at);
  return { name, extras, specifiers, ...(url !== undefined ? { url } : {}), ...(marker !== undefined ? { marker, markerText: markerText! } : {}) };
}

/** `str(Requirement)`: `name[extras]specifiers; marker`, as pip's Collecting lines show it. */
export function formatRequirement(r: Requirement, { withMarker = true } = {}): string {
  let text = r.name;
  if (r.extras.length > 0) text += `[${[...r.extras].sort().join(',')}]`;
  if (r.url !== undefined) text += ` @ ${r.url}${r.marker !== undefined && withMarker ? ' ' : ''}`;
  else text += formatSpecifiers(r.specifiers);
  if (r.marker !== undefined && withMarker) text += `; ${r.markerText}`;
  return text;
}

// Markers: `python_version >= "3.8" and (sys_platform == "linux" or extra == "socks")`.

export type Marker =
  | { kind: 'compare'; left: MarkerValue; op: string; right: MarkerValue }
  | { kind: 'and' | 'or'; parts: Marker[] };
type MarkerValue = { variable: string } | { literal: string };

const VARIABLES = new Set([...Object.keys(MARKER_ENVIRONMENT), 'extra', 'python_implementation', 'os.name', 'sys.platform', 'platform.version', 'platform.machine', 'platform.python_implementation', 'extras', 'dependency_groups']);

function parseMarker(source: string, start: number): { marker: Marker } {
  let at = start;
  const skip = () => {
    while (at < source.length && /\s/.test(source[at]!)) at++;
  };
  const value = (): MarkerValue => {
    skip();
    const quote = source[at];
    if (quote === '"' || quote === "'") {
      const end = source.indexOf(quote, at + 1);
      if (end < 0) throw new InvalidRequirement('Expected a marker variable or quoted string', source, at);
      const literal = source.slice(at + 1, end);
      at = end + 1;
      return { literal };
    }
    const name = /^[a-z_.]+/.exec(source.slice(at))?.[0];
    if (name === undefined || !VARIABLES.has(name)) throw new InvalidRequirement('Expected a marker variable or quoted string', source, at);
    at += name.length;
    return { variable: name.replace('os.name', 'os_name').replace('sys.platform', 'sys_platform').replace('platform.version', 'platform_version').replace('platform.machine', 'platform_machine').replace('platform.python_implementation', 'platform_python_implementation').replace(/^python_implementation$/, 'platform_python_implementation') };
  };
  const atom = (): Marker => {
    skip();
    if (source[at] === '(') {
      at++;
      const inner = or();
      skip();
      if (source[at] !== ')') throw new InvalidRequirement('Expected matching RIGHT_PARENTHESIS for LEFT_PARENTHESIS, after marker expression', source, at);
      at++;
      return inner;
    }
    const left = value();
    skip();
    const op = /^(===|==|!=|<=|>=|~=|<|>|not\s+in\b|in\b)/.exec(source.slice(at))?.[0];
    if (op === undefined) throw new InvalidRequirement('Expected marker operator, one of <=, <, !=, ==, >=, >, ~=, ===, in, not in', source, at);
    at += op.length;
    return { kind: 'compare', left, op: op.replace(/\s+/, ' '), right: value() };
  };
  const join = (kind: 'and' | 'or', next: () => Marker): Marker => {
    const parts = [next()];
    for (;;) {
      skip();
      const word = new RegExp(`^${kind}\\b`).exec(source.slice(at));
      if (word === null) break;
      at += kind.length;
      parts.push(next());
    }
    return parts.length === 1 ? parts[0]! : { kind, parts };
  };
  const and = () => join('and', atom);
  const or = (): Marker => join('or', and);
  const marker = or();
  skip();
  if (at < source.length) throw new InvalidRequirement('Expected end or semicolon (after marker)', source, at);
  return { marker };
}

function formatMarker(m: Marker, nested = false): string {
  if (m.kind === 'compare') {
    const show = (v: MarkerValue) => ('variable' in v ? v.variable : `"${v.literal}"`);
    return `${show(m.left)} ${m.op} ${show(m.right)}`;
  }
  const text = m.parts.map((p) => formatMarker(p, true)).join(` ${m.kind} `);
  return nested ? `(${text})` : text;
}

/** Evaluates a marker for Lambda's Python (MARKER_ENVIRONMENT), with `extra` set to each extra asked for. */
export function evaluateMarker(m: Marker, extras: string[] = [], environment: Readonly<Record<string, string>> = MARKER_ENVIRONMENT): boolean {
  if (m.kind !== 'compare') return m.kind === 'and' ? m.parts.every((p) => evaluateMarker(p, extras, environment)) : m.parts.some((p) => evaluateMarker(p, extras, environment));
  const usesExtra = [m.left, m.right].some((v) => 'variable' in v && v.variable === 'extra');
  if (usesExtra) {
    // `extra == "socks"` holds when that extra was asked for (names compared normalized).
    const candidates = extras.length > 0 ? extras : [''];
    return candidates.some((extra) => compareMarker(m, { ...environment, extra: canonicalName(extra) }, true));
  }
  return compareMarker(m, environment, false);
}

function compareMarker(m: Extract<Marker, { kind: 'compare' }>, environment: Readonly<Record<string, string>>, normalize: boolean): boolean {
  const resolve = (v: MarkerValue) => {
    const text = 'variable' in v ? (environment[v.variable] ?? '') : v.literal;
    return normalize ? canonicalName(text) : text;
  };
  const left = resolve(m.left);
  const right = resolve(m.right);
  if (m.op === 'in') return right.includes(left);
  if (m.op === 'not in') return !right.includes(left);
  // Version comparison when the right side reads as a specifier (packaging's rule), else strings.
  try {
    const specifiers = parseSpecifiers(`${m.op}${right}`);
    if (parseVersion(left) !== undefined) return satisfies(left, specifiers, { prereleases: true });
  } catch (error) {
    if (!(error instanceof SpecifierError)) throw error;
  }
  if (m.op === '==' || m.op === '===') return left === right;
  if (m.op === '!=') return left !== right;
  return false;
}
