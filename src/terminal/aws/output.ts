/**
 * The CLI's output: the response as botocore hands it to the formatter (timestamps as ISO 8601 with
 * `+00:00`, blobs as base64, no `$metadata`), then `--query`, then json or text exactly as
 * awscli/formatter.py and awscli/text.py write them.
 */
import type { NormalizedSchema } from '@smithy/core/schema';
import { toBase64 } from '../file-system.ts';

/**
 * The response in the CLI's terms: plain JSON values, each structure's keys in the model's order
 * (botocore's parsers walk the shape's members; the SDK sets headers before the body).
 */
export function cliValue(value: unknown, schema?: NormalizedSchema): unknown {
  if (value instanceof Date) return isoFormat(value);
  if (value instanceof Uint8Array) return toBase64(value);
  if (Array.isArray(value)) {
    const items = schema?.isListSchema() === true ? schema.getValueSchema() : undefined;
    return value.map((item) => cliValue(item, items));
  }
  if (typeof value === 'object' && value !== null) {
    const record = value as Record<string, unknown>;
    const out: Record<string, unknown> = {};
    if (schema?.isStructSchema() === true) {
      for (const [name, member] of schema.structIterator()) if (record[name] !== undefined) out[name] = cliValue(record[name], member);
    }
    const values = schema?.isMapSchema() === true ? schema.getValueSchema() : undefined;
    for (const [key, member] of Object.entries(record)) {
      if (key === '$metadata' || member === undefined || key in out) continue;
      out[key] = cliValue(member, values);
    }
    return out;
  }
  return value;
}

/** Python's `datetime.isoformat()` of a UTC time: microseconds only when there are any. */
function isoFormat(date: Date): string {
  const base = date.toISOString().slice(0, 19);
  const ms = date.getUTCMilliseconds();
  return `${base}${ms === 0 ? '' : `.${String(ms * 1000).padStart(6, '0')}`}+00:00`;
}

/** `--output json`: json.dump(indent=4, ensure_ascii=False); an empty response prints nothing. */
export function formatJson(value: unknown): string {
  if (typeof value === 'object' && value !== null && !Array.isArray(value) && Object.keys(value).length === 0) return '';
  return `${JSON.stringify(value, null, 4)}\n`;
}

const isScalar = (value: unknown): boolean => typeof value !== 'object' || value === null;

/** Python's str() of a scalar. */
export function pythonStr(value: unknown): string {
  if (value === null || value === undefined) return 'None';
  if (value === true) return 'True';
  if (value === false) return 'False';
  return String(value);
}

/** `--output text`, as awscli/text.py walks the response. */
export function formatText(value: unknown): string {
  let out = '';
  const write = (text: string): void => {
    out += text;
  };
  formatItem(value, write);
  return out;
}

function formatItem(item: unknown, write: (text: string) => void, identifier?: string, scalarKeys?: string[]): void {
  if (Array.isArray(item)) formatList(item, write, identifier);
  else if (typeof item === 'object' && item !== null) formatDict(item as Record<string, unknown>, write, identifier, scalarKeys);
  else write(`${pythonStr(item)}\n`);
}

function formatList(items: unknown[], write: (text: string) => void, identifier?: string): void {
  if (items.length === 0) return;
  if (items.some((e) => typeof e === 'object' && e !== null && !Array.isArray(e))) {
    const keys = new Set<string>();
    for (const element of items) {
      if (typeof element !== 'object' || element === null || Array.isArray(element)) continue;
      for (const [key, value] of Object.entries(element)) if (isScalar(value)) keys.add(key);
    }
    const allKeys = [...keys].sort();
    for (const element of items) formatItem(element, write, identifier, allKeys);
  } else if (items.some(Array.isArray)) {
    const scalars = items.filter(isScalar);
    if (scalars.length > 0) formatScalarList(scalars, write, identifier);
    for (const nonScalar of items.filter((e) => !isScalar(e))) formatItem(nonScalar, write, identifier);
  } else formatScalarList(items, write, identifier);
}

function formatScalarList(items: unknown[], write: (text: string) => void, identifier?: string): void {
  if (identifier !== undefined) for (const item of items) write(`${identifier.toUpperCase()}\t${pythonStr(item)}\n`);
  else write(`${items.map(pythonStr).join('\t')}\n`);
}

function formatDict(item: Record<string, unknown>, write: (text: string) => void, identifier?: string, scalarKeys?: string[]): void {
  const scalars: string[] = [];
  const nonScalars: [string, unknown][] = [];
  if (scalarKeys === undefined) {
    for (const key of Object.keys(item).sort()) {
      if (isScalar(item[key])) scalars.push(pythonStr(item[key]));
      else nonScalars.push([key, item[key]]);
    }
  } else {
    for (const key of scalarKeys) scalars.push(key in item ? pythonStr(item[key]) : '');
    for (const key of Object.keys(item).filter((k) => !scalarKeys.includes(k)).sort()) nonScalars.push([key, item[key]]);
  }
  if (scalars.length > 0) {
    if (identifier !== undefined) scalars.unshift(identifier.toUpperCase());
    write(`${scalars.join('\t')}\n`);
  }
  for (const [key, value] of nonScalars) formatItem(value, write, key);
}

/** The CLI's list of valid choices: two columns of 40, separated by ` | `. */
export function choiceTable(names: string[]): string {
  const rows: string[] = [];
  for (let i = 0; i < names.length; i += 2) rows.push(names.slice(i, i + 2).map((n) => n.padEnd(40)).join(' | '));
  return rows.join('\n');
}
