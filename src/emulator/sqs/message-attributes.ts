/**
 * Message (user) attributes: how SendMessage checks them, the MD5 SQS reports over them, which
 * ones a ReceiveMessage asks for, and the size they add to a message.
 */
import { md5Hex } from '../md5.ts';
import { base64ToBytes, utf8 } from '../zip.ts';
import { SqsError } from './errors.ts';
import { sqsLimits } from './limits.ts';
import type { MessageAttributeValue } from './state.ts';

export type MessageAttributes = Record<string, MessageAttributeValue>;

const NAME = /^[A-Za-z0-9_.-]{1,256}$/;
const TYPE_PREFIX = /^(String|Number|Binary)(\..+)?$/;

const valueBytes = (value: MessageAttributeValue): Uint8Array =>
  value.BinaryValue !== undefined ? (base64ToBytes(value.BinaryValue) ?? new Uint8Array()) : utf8(value.StringValue ?? '');

/** Checks what SendMessage was given and returns the attributes as stored. */
export function readMessageAttributes(raw: unknown): MessageAttributes | undefined {
  if (raw === undefined || raw === null) return undefined;
  const entries = Object.entries(raw as Record<string, Record<string, unknown>>);
  if (entries.length === 0) return undefined;
  if (entries.length > sqsLimits.messageAttributes) {
    throw new SqsError('InvalidParameterValue', `Number of message attributes [${entries.length}] exceeds the allowed maximum [${sqsLimits.messageAttributes}].`);
  }
  const out: MessageAttributes = {};
  for (const [name, value] of entries) {
    if (!NAME.test(name) || name.startsWith('AWS.') || name.startsWith('Amazon.') || name.startsWith('.') || name.endsWith('.') || name.includes('..')) {
      throw new SqsError('InvalidParameterValue', `Message (user) attribute name '${name}' is invalid.`);
    }
    const dataType = typeof value?.['DataType'] === 'string' ? value['DataType'] : '';
    const type = TYPE_PREFIX.exec(dataType)?.[1];
    if (!type) {
      throw new SqsError(
        'InvalidParameterValue',
        `The type of message (user) attribute '${name}' is invalid. You must use only the following supported type prefixes: Binary, Number, String.`,
      );
    }
    const valueKey = type === 'Binary' ? 'BinaryValue' : 'StringValue';
    const given = value[valueKey];
    // Recorded: an empty String value is refused with exactly this message.
    if (typeof given !== 'string' || given === '') {
      throw new SqsError('InvalidParameterValue', `Message (user) attribute '${name}' must contain a non-empty value of type '${type}'.`);
    }
    if (type === 'Number' && !Number.isFinite(Number(given))) {
      throw new SqsError('InvalidParameterValue', `Can't cast the value of message (user) attribute '${name}' to a number.`);
    }
    out[name] = { DataType: dataType, [valueKey]: given };
  }
  return out;
}

/** Bytes the attributes add to a message's size: name, type and value of each. */
export function messageAttributesSize(attributes: MessageAttributes | undefined): number {
  let size = 0;
  for (const [name, value] of Object.entries(attributes ?? {})) size += utf8(name).byteLength + utf8(value.DataType).byteLength + valueBytes(value).byteLength;
  return size;
}

/**
 * MD5OfMessageAttributes as SQS documents it: for each attribute in name order, the name, the
 * data type and the value, each as a 4-byte big-endian length and its bytes, with a transport
 * byte (1 for String and Number, 2 for Binary) before the value.
 */
export function md5OfMessageAttributes(attributes: MessageAttributes): string {
  const parts: Uint8Array[] = [];
  const lengthPrefixed = (bytes: Uint8Array) => {
    const length = new Uint8Array(4);
    new DataView(length.buffer).setUint32(0, bytes.byteLength);
    parts.push(length, bytes);
  };
  for (const name of Object.keys(attributes).sort()) {
    const value = attributes[name]!;
    lengthPrefixed(utf8(name));
    lengthPrefixed(utf8(value.DataType));
    parts.push(Uint8Array.of(value.BinaryValue !== undefined ? 2 : 1));
    lengthPrefixed(valueBytes(value));
  }
  const all = new Uint8Array(parts.reduce((n, p) => n + p.byteLength, 0));
  let offset = 0;
  for (const p of parts) {
    all.set(p, offset);
    offset += p.byteLength;
  }
  return md5Hex(all);
}

/** The attributes ReceiveMessage's MessageAttributeNames ask for: `All`, `.*`, `prefix.*` or exact names. */
export function selectMessageAttributes(attributes: MessageAttributes | undefined, requested: readonly string[]): MessageAttributes | undefined {
  if (!attributes || requested.length === 0) return undefined;
  const wanted = (name: string) =>
    requested.some((r) => r === 'All' || r === '.*' || r === name || (r.endsWith('.*') && name.startsWith(r.slice(0, -2))));
  const out: MessageAttributes = {};
  for (const [name, value] of Object.entries(attributes)) if (wanted(name)) out[name] = value;
  return Object.keys(out).length > 0 ? out : undefined;
}
