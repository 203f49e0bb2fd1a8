/**
 * `--output yaml`, as the AWS CLI v2 prints it: ruamel.yaml's safe dumper in block style, keys
 * sorted, YAML 1.2's resolver deciding which strings need quotes ('1', 'true', 'null',
 * '2026-12-04' — but not yes, on or NaN), single quotes where a plain scalar cannot be read back,
 * double quotes for control characters, and long scalars folded at a space once past column 80.
 * Checked line by line against Debian's AWS CLI v2 (tests/unit/terminal-aws-yaml.test.ts).
 */

const WIDTH = 80;

/** What YAML 1.2 (ruamel's resolver) would read as something other than a string. */
const IMPLICIT = [
  /^(?:true|True|TRUE|false|False|FALSE)$/,
  /^(?:~|null|Null|NULL)$/,
  /^[-+]?[0-9_]+$/, // ints, 007 and 1_000 included
  /^0o[0-7_]+$/,
  /^0x[0-9a-fA-F_]+$/,
  /^0b[0-1_]+$/,
  /^[-+]?(?:\.[0-9_]+|[0-9][0-9_]*(?:\.[0-9_]*)?)(?:[eE][-+]?[0-9]+)?$/,
  /^[-+]?\.(?:inf|Inf|INF)$/,
  /^\.(?:nan|NaN|NAN)$/,
  /^[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}$/,
  /^[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}(?:[Tt]|[ \t]+)[0-9]{1,2}:[0-9]{2}:[0-9]{2}(?:\.[0-9]*)?(?:[ \t]*(?:Z|[-+][0-9]{1,2}(?::[0-9]{2})?))?$/,
  /^(?:=|<<)$/,
];

// eslint-disable-next-line no-control-regex
const SPECIAL = /[\x00-\x08\x0b-\x1f\x7f-\x84\x86-\x9f\ufeff\t]/;

function plainAllowed(text: string): boolean {
  if (text === '' || text !== text.trim() || text.includes('\n')) return false;
  if (text.startsWith('---') || text.startsWith('...')) return false;
  const first = text[0]!;
  if ('#,[]{}&*!|>\'"%@`'.includes(first)) return false;
  if ('?:-'.includes(first) && (text.length === 1 || text[1] === ' ')) return false;
  if (text.includes(': ') || text.endsWith(':') || text.includes(' #')) return false;
  if (SPECIAL.test(text)) return false;
  return !IMPLICIT.some((re) => re.test(text));
}

/** Writes words separated by single spaces, breaking at a space once the line is past column 80. */
function folded(words: string[], column: number, indent: number): string {
  let out = '';
  let col = column;
  words.forEach((word, i) => {
    if (i > 0) {
      if (col > WIDTH && word !== '' && words[i - 1] !== '') {
        out += `\n${' '.repeat(indent)}`;
        col = indent;
      } else {
        out += ' ';
        col += 1;
      }
    }
    out += word;
    col += word.length;
  });
  return out;
}

function doubleQuoted(text: string): string {
  const escapes: Record<string, string> = { '\0': '\\0', '\x07': '\\a', '\b': '\\b', '\t': '\\t', '\n': '\\n', '\v': '\\v', '\f': '\\f', '\r': '\\r', '\x1b': '\\e', '"': '\\"', '\\': '\\\\', '\x85': '\\N', '\xa0': '\\_', '\u2028': '\\L', '\u2029': '\\P' };
  let out = '"';
  for (const ch of text) {
    const code = ch.codePointAt(0)!;
    if (escapes[ch] !== undefined) out += escapes[ch];
    else if (code < 0x20 || (code >= 0x7f && code < 0xa0)) out += `\\x${code.toString(16).toUpperCase().padStart(2, '0')}`;
    else if (code === 0xfeff) out += '\\uFEFF';
    else out += ch;
  }
  return `${out}"`;
}

/** A string as a scalar starting at `column`, continuation lines at `indent`. */
function scalarText(text: string, column: number, indent: number): string {
  if (plainAllowed(text)) return folded(text.split(' '), column, indent);
  if (SPECIAL.test(text) || /[\r\u2028\u2029\x85]/.test(text)) return doubleQuoted(text);
  // Single quotes: ' doubled, a line break written as an empty line.
  const lines = text.replace(/'/g, "''").split('\n');
  let out = "'";
  let col = column + 1;
  lines.forEach((line, i) => {
    if (i > 0) {
      out += `\n\n${' '.repeat(indent)}`;
      col = indent;
    }
    const part = folded(line.split(' '), col, indent);
    out += part;
    const lastBreak = part.lastIndexOf('\n');
    col = lastBreak < 0 ? col + part.length : part.length - lastBreak - 1;
  });
  return `${out}'`;
}

function scalar(value: unknown, column: number, indent: number): string {
  if (value === null || value === undefined) return 'null';
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : Number.isNaN(value) ? '.nan' : value > 0 ? '.inf' : '-.inf';
  return scalarText(String(value), column, indent);
}

const isMap = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isEmpty = (v: unknown): boolean => (Array.isArray(v) ? v.length === 0 : isMap(v) && Object.keys(v).length === 0);
const sortedKeys = (map: Record<string, unknown>): string[] => Object.keys(map).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));

/** A value after `key:` or `- `, at `column`, inside a block whose children indent to `indent`. */
function inline(value: unknown, column: number, indent: number): string {
  if (Array.isArray(value) && value.length === 0) return '[]';
  if (isMap(value) && isEmpty(value)) return '{}';
  return scalar(value, column, indent);
}

function mapping(map: Record<string, unknown>, indent: number, firstInline: boolean): string {
  let out = '';
  sortedKeys(map).forEach((key, i) => {
    const pad = i === 0 && firstInline ? '' : ' '.repeat(indent);
    const keyText = scalar(key, pad.length, indent + 2);
    const value = map[key];
    out += `${pad}${keyText}:`;
    if (isMap(value) && !isEmpty(value)) out += `\n${mapping(value, indent + 2, false)}`;
    else if (Array.isArray(value) && value.length > 0) out += `\n${sequence(value, indent, false)}`;
    else out += ` ${inline(value, indent + keyText.length + 2, indent + 2)}\n`;
  });
  return out;
}

function sequence(items: unknown[], indent: number, firstInline: boolean): string {
  let out = '';
  items.forEach((item, i) => {
    const pad = i === 0 && firstInline ? '' : ' '.repeat(indent);
    out += `${pad}- `;
    if (isMap(item) && !isEmpty(item)) out += mapping(item, indent + 2, true);
    else if (Array.isArray(item) && item.length > 0) out += sequence(item, indent + 2, true);
    else out += `${inline(item, indent + 2, indent + 2)}\n`;
  });
  return out;
}

export function formatYaml(value: unknown): string {
  if (isMap(value)) return isEmpty(value) ? '' : mapping(value, 0, false);
  if (Array.isArray(value)) return value.length === 0 ? '[]\n' : sequence(value, 0, false);
  // The CLI writes a bare null without a line break.
  if (value === null || value === undefined) return 'null';
  return `${scalar(value, 0, 2)}\n`;
}
