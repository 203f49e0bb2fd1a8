/**
 * How the AWS CLI turns an option's text into a request member: JSON when it starts with `{` or
 * `[`, otherwise its shorthand syntax (`Key=Value,Other={A=1}`, `a,b,c`), `file://` and `fileb://`
 * contents, and scalars converted to the member's type. Failures carry the CLI's own wording.
 */
import type { NormalizedSchema } from '@smithy/core/schema';
import { fromBase64 } from '../file-system.ts';

/** A usage error: the CLI prints it and exits 252 (or 255 where the CLI does). */
export class ParameterError extends Error {
  constructor(
    message: string,
    readonly exitCode = 252,
  ) {
    super(message);
  }
}

export interface ParameterContext {
  /** Reads `file://`/`fileb://` paths from the learner's file system. */
  readFile(path: string): Uint8Array;
  /** `--cli-binary-format`: `base64` (the v2 default) or `raw-in-base64-out`. */
  binaryFormat: 'base64' | 'raw-in-base64-out';
}

type Loose = string | Loose[] | { [key: string]: Loose };

/** `file://` and `fileb://` contents (the CLI reads them before parsing). */
export function resolveFileArgument(option: string, value: string, context: ParameterContext): string | Uint8Array {
  const match = /^(fileb?):\/\/(.*)$/s.exec(value);
  if (match === null) return value;
  let bytes: Uint8Array;
  try {
    bytes = context.readFile(match[2]!);
  } catch {
    throw new ParameterError(`Error parsing parameter '${option}': Unable to load paramfile ${value}: [Errno 2] No such file or directory: '${match[2]}'`, 252);
  }
  return match[1] === 'fileb' ? bytes : new TextDecoder().decode(bytes);
}

/** The member value for an option's words (several for a list given as separate words). */
export function parseParameter(option: string, schema: NormalizedSchema, values: (string | Uint8Array)[], context: ParameterContext): unknown {
  if (schema.isBlobSchema()) {
    const [value] = values;
    if (value instanceof Uint8Array) return value;
    if (context.binaryFormat === 'raw-in-base64-out') return new TextEncoder().encode(value ?? '');
    if (!/^[A-Za-z0-9+/]*={0,2}$/.test(value ?? '') || (value ?? '').length % 4 !== 0) throw new ParameterError(`\nInvalid base64: "${value}"\n`, 255);
    return fromBase64(value ?? '');
  }
  const texts = values.map((v) => (typeof v === 'string' ? v : new TextDecoder().decode(v)));
  let loose: Loose;
  if (schema.isListSchema() && texts.length > 1) loose = texts.map((t) => parseText(option, schema.getValueSchema(), t));
  else loose = parseText(option, schema, texts[0] ?? '');
  return coerce(option, schema, loose);
}

function parseText(option: string, schema: NormalizedSchema, text: string): Loose {
  const complex = schema.isStructSchema() || schema.isListSchema() || schema.isMapSchema() || schema.isDocumentSchema();
  if (!complex) return text;
  const trimmed = text.trimStart();
  if (trimmed.startsWith('{') || trimmed.startsWith('[') || schema.isDocumentSchema()) {
    try {
      return JSON.parse(text) as Loose;
    } catch (error) {
      throw new ParameterError(`Error parsing parameter '${option}': Invalid JSON: ${(error as Error).message}\nJSON received: ${text}`);
    }
  }
  try {
    return new Shorthand(text).parse(schema.isListSchema() && !schema.getValueSchema().isStructSchema());
  } catch (error) {
    if (!(error instanceof ShorthandError)) throw error;
    throw new ParameterError(`Error parsing parameter '${option}': Expected: '${error.expected}', received: '${error.received}' for input:\n${text}\n${' '.repeat(error.position)}^`);
  }
}

class ShorthandError extends Error {
  constructor(
    readonly expected: string,
    readonly received: string,
    readonly position: number,
  ) {
    super(`Expected ${expected}`);
  }
}

/** The CLI's shorthand grammar: `k=v,k2=[a,b],k3={x=1}`, or a bare comma-separated list. */
class Shorthand {
  private i = 0;
  constructor(private readonly text: string) {}

  parse(bareList: boolean): Loose {
    if (bareList || !/^\s*[\w.:-]+\s*=/.test(this.text)) {
      const items: Loose[] = [];
      while (this.i < this.text.length) {
        items.push(this.value(','));
        if (this.text[this.i] === ',') this.i++;
      }
      return items.length === 1 && !bareList ? items[0]! : items;
    }
    const result = this.pairs('');
    if (this.i < this.text.length) throw new ShorthandError(',', this.text[this.i]!, this.i);
    return result;
  }

  private pairs(closing: string): { [key: string]: Loose } {
    const result: { [key: string]: Loose } = {};
    while (this.i < this.text.length && this.text[this.i] !== closing) {
      const key = /^\s*([^=,{}[\]]+?)\s*=/.exec(this.text.slice(this.i));
      if (key === null) throw new ShorthandError('=', this.text[this.i] ?? 'EOF', this.i);
      this.i += key[0].length;
      const values: Loose[] = [this.value(`,${closing}`)];
      // `Key=a,b,c`: further bare values (no `=`) extend the key into a list.
      while (this.text[this.i] === ',' && !/^,\s*[^=,{}[\]]+?\s*=/.test(this.text.slice(this.i))) {
        this.i++;
        values.push(this.value(`,${closing}`));
      }
      result[key[1]!] = values.length === 1 ? values[0]! : values;
      if (this.text[this.i] === ',') this.i++;
    }
    return result;
  }

  private value(stops: string): Loose {
    const ch = this.text[this.i];
    if (ch === '{') {
      this.i++;
      const inner = this.pairs('}');
      this.expect('}');
      return inner;
    }
    if (ch === '[') {
      this.i++;
      const items: Loose[] = [];
      while (this.i < this.text.length && this.text[this.i] !== ']') {
        items.push(this.value(',]'));
        if (this.text[this.i] === ',') this.i++;
      }
      this.expect(']');
      return items;
    }
    if (ch === '"' || ch === "'") {
      const close = this.text.indexOf(ch, this.i + 1);
      if (close < 0) throw new ShorthandError(ch, 'EOF', this.text.length);
      const quoted = this.text.slice(this.i + 1, close);
      this.i = close + 1;
      return quoted;
    }
    let out = '';
    while (this.i < this.text.length && !stops.includes(this.text[this.i]!)) {
      if (this.text[this.i] === '\\' && this.i + 1 < this.text.length) this.i++;
      out += this.text[this.i++];
    }
    return out.trim();
  }

  private expect(ch: string): void {
    if (this.text[this.i] !== ch) throw new ShorthandError(ch, this.text[this.i] ?? 'EOF', this.i);
    this.i++;
  }
}

/** Converts parsed text to the member's type, as botocore's argument processing does. */
function coerce(path: string, schema: NormalizedSchema, value: unknown): unknown {
  if (schema.isListSchema()) {
    const items = Array.isArray(value) ? value : [value];
    return items.map((item) => coerce(path, schema.getValueSchema(), item));
  }
  if (schema.isMapSchema()) {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new ParameterError(`Invalid type for parameter ${path}, value: ${JSON.stringify(value)}, type: ${typeName(value)}, valid types: <class 'dict'>`);
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, coerce(`${path}.${k}`, schema.getValueSchema(), v)]));
  }
  if (schema.isStructSchema()) {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new ParameterError(`Invalid type for parameter ${path}, value: ${JSON.stringify(value)}, type: ${typeName(value)}, valid types: <class 'dict'>`);
    const members = new Map([...schema.structIterator()]);
    const out: Record<string, unknown> = {};
    for (const [key, member] of Object.entries(value)) {
      const memberSchema = members.get(key);
      if (memberSchema === undefined) throw new ParameterError(`Parameter validation failed:\nUnknown parameter in ${path.replace(/^--/, '')}: "${key}", must be one of: ${[...members.keys()].join(', ')}`, 252);
      out[key] = coerce(`${path}.${key}`, memberSchema, member);
    }
    return out;
  }
  if (schema.isBlobSchema()) return typeof value === 'string' ? new TextEncoder().encode(value) : value;
  if (schema.isBooleanSchema()) {
    if (typeof value === 'boolean') return value;
    if (value === 'true' || value === 'false') return value === 'true';
    throw new ParameterError(`Invalid type for parameter ${path}, value: ${String(value)}, type: ${typeName(value)}, valid types: <class 'bool'>`);
  }
  if (schema.isNumericSchema()) {
    if (typeof value === 'number') return value;
    const number = Number(value);
    if (typeof value !== 'string' || value.trim() === '' || !Number.isFinite(number)) throw new ParameterError(`invalid literal for int() with base 10: '${String(value)}'`, 255);
    return number;
  }
  if (schema.isTimestampSchema()) {
    const date = typeof value === 'number' ? new Date(value * 1000) : new Date(String(value));
    if (Number.isNaN(date.getTime())) throw new ParameterError(`Unable to parse timestamp '${String(value)}'`, 255);
    return date;
  }
  if (schema.isStringSchema()) return typeof value === 'string' ? value : JSON.stringify(value);
  return value;
}

function typeName(value: unknown): string {
  if (Array.isArray(value)) return "<class 'list'>";
  if (typeof value === 'string') return "<class 'str'>";
  if (typeof value === 'number') return "<class 'int'>";
  if (typeof value === 'boolean') return "<class 'bool'>";
  return "<class 'dict'>";
}
