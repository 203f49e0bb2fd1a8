/**
 * Reading an SQS operation's input the same way from both protocols: the JSON protocol sends
 * numbers and lists as JSON, the query protocol sends every scalar as a string.
 */
import { dict } from '../service/dict.ts';
import { SqsError, invalidParameter, missingParameter } from './errors.ts';
import { sqsLimits } from './limits.ts';

export type Input = Record<string, unknown>;

export function optionalString(input: Input, key: string): string | undefined {
  const value = input[key];
  return typeof value === 'string' ? value : undefined;
}

export function requiredString(input: Input, key: string): string {
  const value = optionalString(input, key);
  if (value === undefined || value === '') throw missingParameter(key);
  return value;
}

/** An integer parameter within [min, max], or `fallback` when absent; `reason` is SQS's wording for this parameter. */
export function integerParameter(input: Input, key: string, range: { min: number; max: number }, fallback: number, reason: string): number {
  const value = input[key];
  if (value === undefined || value === null) return fallback;
  const n = typeof value === 'number' ? value : typeof value === 'string' && /^\s*-?\d+\s*$/.test(value) ? Number(value) : NaN;
  if (!Number.isInteger(n) || n < range.min || n > range.max) throw invalidParameter(key, value, reason);
  return n;
}

export function stringList(input: Input, key: string): string[] {
  const value = input[key];
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}

export function stringMap(input: Input, key: string): Record<string, string> {
  const value = input[key];
  const out = dict<string>();
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return out;
  for (const [k, v] of Object.entries(value)) if (v !== undefined && v !== null) out[k] = String(v);
  return out;
}

const ENTRY_ID = new RegExp(`^[A-Za-z0-9_-]{1,${sqsLimits.batch.idMax}}$`);

/** A batch request's entries, checked as SQS checks them before running any (messages recorded). */
export function batchEntries(input: Input, entryName: string): Input[] {
  const entries = Array.isArray(input['Entries']) ? (input['Entries'] as Input[]) : [];
  if (entries.length === 0) throw new SqsError('EmptyBatchRequest', `There should be at least one ${entryName} in the request.`);
  if (entries.length > sqsLimits.batch.maxEntries) {
    throw new SqsError('TooManyEntriesInBatchRequest', `Maximum number of entries per request are ${sqsLimits.batch.maxEntries}. You have sent ${entries.length}.`);
  }
  const seen = new Set<string>();
  for (const entry of entries) {
    const id = optionalString(entry, 'Id') ?? '';
    if (!ENTRY_ID.test(id)) {
      throw new SqsError(
        'InvalidBatchEntryId',
        `A batch entry id can only contain alphanumeric characters, hyphens and underscores. It can be at most ${sqsLimits.batch.idMax} letters long.`,
      );
    }
    if (seen.has(id)) throw new SqsError('BatchEntryIdsNotDistinct', `Id ${id} repeated.`);
    seen.add(id);
  }
  return entries;
}

/** A failed batch entry, as SQS lists it under `Failed`. */
export function batchFailure(id: string, error: SqsError): Input {
  return { Id: id, SenderFault: true, Code: error.queryCode, Message: error.message };
}
