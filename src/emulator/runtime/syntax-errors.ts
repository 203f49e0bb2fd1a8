/**
 * Node's words for a syntax error QuickJS's parser found. A learner who writes `const = 5` must
 * read what Node.js on Lambda says ("Unexpected token '='"), not QuickJS's "variable name
 * expected". QuickJS's messages are fewer and vaguer than V8's ("expecting ';'" covers a stray
 * identifier, number or closing bracket), so most are told apart by the token QuickJS stopped at,
 * which V8 names in its message. Each mapping is checked against Node 24's `node --check` in
 * syntax-errors.test.ts.
 */

export interface ParseFailure {
  /** QuickJS's message, without the `SyntaxError: ` prefix. */
  message: string;
  /** The file's text as the parser read it. */
  source: string;
  /** 1-based line and column (in code points) where the parser stopped; unknown for some module errors. */
  at?: { line: number; column: number };
  /** An ES module (always strict, `await` reserved); otherwise CommonJS. */
  module: boolean;
}

/** QuickJS messages that say the same as one fixed V8 message (Node 24). */
const FIXED: Record<string, string> = {
  'missing initializer for const variable': 'Missing initializer in const declaration',
  'expecting catch or finally': 'Missing catch or finally after try',
  'return not in a function': 'Illegal return statement',
  'break must be inside loop or switch': 'Illegal break statement',
  'continue must be inside loop': 'Illegal continue statement: no surrounding iteration statement',
  'octal literals are deprecated in strict mode': 'Octal literals are not allowed in strict mode.',
  'invalid variable name in strict mode': 'Unexpected eval or arguments in strict mode',
  'property constructor appears more than once': 'A class may only have one constructor',
  "'super' is only valid in a method": "'super' keyword unexpected here",
  'cannot delete a direct reference in strict mode': 'Delete of an unqualified identifier in strict mode.',
  'invalid keyword: with': 'Strict mode code may not include a with statement',
  'invalid first character of private name': 'Invalid or unexpected token',
  'invalid assignment left-hand side': 'Invalid left-hand side in assignment',
  'invalid for in/of left hand-side': 'Invalid left-hand side in for-loop',
  "unexpected 'await' keyword": 'Unexpected reserved word',
  // QuickJS stops inside an argument list that goes on without `,` or `)`.
  "expecting ','": 'missing ) after argument list',
};

/** QuickJS messages that only say the parser met a token it did not expect: V8 names that token. */
const UNEXPECTED_TOKEN = /^(expecting |unexpected token|variable name expected$|function name expected$|unsupported keyword: |identifier expected$|unexpected character$|unexpected end of input$)/;

/** Keywords V8 reports as `Unexpected token 'kw'`. */
const KEYWORDS = new Set([
  'break', 'case', 'catch', 'class', 'const', 'continue', 'debugger', 'default', 'delete', 'do', 'else', 'export', 'extends',
  'finally', 'for', 'function', 'if', 'import', 'in', 'instanceof', 'new', 'return', 'super', 'switch', 'this', 'throw', 'try',
  'typeof', 'var', 'void', 'while', 'with', 'null', 'true', 'false',
]);
/** Words reserved only in strict code (every ES module). */
const STRICT_RESERVED = new Set(['implements', 'interface', 'let', 'package', 'private', 'protected', 'public', 'static', 'yield']);

/** Punctuators, longest first, so `===` is read as one token. */
const PUNCTUATORS = [
  '>>>=', '...', '===', '!==', '**=', '<<=', '>>=', '>>>', '&&=', '||=', '??=',
  '=>', '==', '!=', '<=', '>=', '&&', '||', '??', '?.', '++', '--', '+=', '-=', '*=', '/=', '%=', '&=', '|=', '^=', '**', '<<', '>>',
  '{', '}', '(', ')', '[', ']', ';', ',', '<', '>', '+', '-', '*', '/', '%', '&', '|', '^', '!', '~', '?', ':', '=', '.',
];

const IDENTIFIER_START = /[\p{ID_Start}$_\\]/u;
const IDENTIFIER_PART = /[\p{ID_Continue}$\u200c\u200d]/u;

/** Node's message for a syntax error QuickJS reported; any other message is kept. */
export function nodeSyntaxMessage(failure: ParseFailure): string {
  const { message, source, module } = failure;
  const fixed = FIXED[message];
  if (fixed) return fixed;
  let match = /^exported variable '(.*)' does not exist$/.exec(message);
  if (match) return `Export '${match[1]}' is not defined in module`;
  match = /^duplicate exported name '(.*)'$/.exec(message);
  if (match) return `Duplicate export of '${match[1]}'`;
  // The rest name the token where the parser stopped.
  if (!failure.at) return message;
  const at = offsetOf(source, failure.at.line, failure.at.column);
  if (message === 'invalid redefinition of lexical identifier' || message === 'invalid redefinition of global identifier') {
    return `Identifier '${identifierAtOrBefore(source, at)}' has already been declared`;
  }
  if (message === 'duplicate label name') return `Label '${identifierAtOrBefore(source, at)}' has already been declared`;
  if (message === 'invalid number of arguments for getter or setter') {
    return /\bset\s*[^\s(]*\s*\([^)]*$/.test(source.slice(0, at))
      ? 'Setter must have exactly one formal parameter.'
      : 'Getter must not have any formal parameters.';
  }
  if (message === 'unexpected end of string') {
    // An unclosed template runs to the end of the file; an unclosed quote ends at its line.
    return source[skipTrivia(source, at)] === '`' ? 'Unexpected end of input' : 'Invalid or unexpected token';
  }
  if (UNEXPECTED_TOKEN.test(message)) {
    const token = tokenAt(source, skipTrivia(source, at));
    if (token.kind === 'eof') return 'Unexpected end of input';
    if (module && source.startsWith('<!--', skipTrivia(source, at))) return 'HTML comments are not allowed in modules';
    if (!module) {
      // CommonJS reads `import x from` and `await x` as identifiers followed by a stray token.
      const before = identifierBefore(source, at);
      if (before === 'import' && token.text !== '(' && token.text !== '.') return 'Cannot use import statement outside a module';
      if (before === 'await') return 'await is only valid in async functions and the top level bodies of modules';
    }
    return describeToken(token, module || /^\s*(['"])use strict\1/.test(source));
  }
  // Not a message of QuickJS's parser that is known here (or a SyntaxError the code threw itself): its own words.
  return message;
}

interface Token {
  kind: 'eof' | 'identifier' | 'number' | 'string' | 'template' | 'punctuator' | 'invalid';
  text: string;
}

/** V8's words for an unexpected token. */
function describeToken(token: Token, strict: boolean): string {
  switch (token.kind) {
    case 'identifier':
      if (KEYWORDS.has(token.text)) return `Unexpected token '${token.text}'`;
      if (token.text === 'enum') return 'Unexpected reserved word';
      if (strict && STRICT_RESERVED.has(token.text)) return 'Unexpected strict mode reserved word';
      return `Unexpected identifier '${token.text}'`;
    case 'number':
      return 'Unexpected number';
    case 'string':
      return 'Unexpected string';
    case 'template':
      return 'Unexpected template string';
    case 'punctuator':
      return `Unexpected token '${token.text}'`;
    default:
      return 'Invalid or unexpected token';
  }
}

function tokenAt(source: string, at: number): Token {
  if (at >= source.length) return { kind: 'eof', text: '' };
  const c = source[at]!;
  if (IDENTIFIER_START.test(c)) {
    let end = at + 1;
    while (end < source.length && IDENTIFIER_PART.test(source[end]!)) end++;
    return { kind: 'identifier', text: source.slice(at, end) };
  }
  if (/[0-9]/.test(c) || (c === '.' && /[0-9]/.test(source[at + 1] ?? ''))) return { kind: 'number', text: c };
  if (c === '"' || c === "'") {
    // A quote closed on its own line is a string; one left open is an invalid token to V8.
    for (let i = at + 1; i < source.length; i++) {
      if (source[i] === '\\') i++;
      else if (source[i] === c) return { kind: 'string', text: c };
      else if (source[i] === '\n' || source[i] === '\r') break;
    }
    return { kind: 'invalid', text: c };
  }
  if (c === '`') return source.indexOf('`', at + 1) < 0 ? { kind: 'eof', text: '' } : { kind: 'template', text: c };
  const punctuator = PUNCTUATORS.find((p) => source.startsWith(p, at));
  return punctuator ? { kind: 'punctuator', text: punctuator } : { kind: 'invalid', text: c };
}

/** The first offset at or after `at` that is not white space or a comment. */
function skipTrivia(source: string, at: number): number {
  let i = at;
  for (;;) {
    while (i < source.length && /\s/.test(source[i]!)) i++;
    if (source.startsWith('//', i)) {
      while (i < source.length && source[i] !== '\n') i++;
    } else if (source.startsWith('/*', i)) {
      const end = source.indexOf('*/', i + 2);
      i = end < 0 ? source.length : end + 2;
    } else {
      return i;
    }
  }
}

/** The identifier that ends just before `at` (white space between), or '' if the previous token is not one. */
function identifierBefore(source: string, at: number): string {
  let end = Math.min(at, source.length);
  while (end > 0 && /\s/.test(source[end - 1]!)) end--;
  let start = end;
  while (start > 0 && IDENTIFIER_PART.test(source[start - 1]!)) start--;
  return source.slice(start, end);
}

/** The identifier starting at `at`, or else the one before it: QuickJS stops on or just after a name it refuses. */
function identifierAtOrBefore(source: string, at: number): string {
  const token = tokenAt(source, skipTrivia(source, at));
  return token.kind === 'identifier' && !KEYWORDS.has(token.text) ? token.text : identifierBefore(source, at);
}

/** The string offset of a 1-based line and a 1-based column counted in code points, as QuickJS counts. */
function offsetOf(source: string, line: number, column: number): number {
  let offset = 0;
  for (let l = 1; l < line; l++) {
    const next = source.indexOf('\n', offset);
    if (next < 0) return source.length;
    offset = next + 1;
  }
  for (let c = 1; c < column; c++) {
    // Past the end of the last line is past the end of the file.
    if (offset >= source.length) return source.length;
    if (source[offset] === '\n') break;
    offset += source.codePointAt(offset)! >= 0x10000 ? 2 : 1;
  }
  return offset;
}

/** Line and column of the first `    at <path>:L:C` frame of a QuickJS syntax error's stack. */
export function parsePosition(stack: string, path: string): { line: number; column: number } | undefined {
  const prefix = `    at ${path}:`;
  for (const frame of stack.split('\n')) {
    if (!frame.startsWith(prefix)) continue;
    const m = /^(\d+):(\d+)$/.exec(frame.slice(prefix.length));
    if (m) return { line: Number(m[1]), column: Number(m[2]) };
  }
  return undefined;
}
