/**
 * How SDK inputs and answers cross between the host and the guest's boto3: JSON text, with blobs
 * as `{"__bytes__": base64}` and timestamps as `{"__datetime__": ISO 8601}` (boto3 gives bytes and
 * datetime for those), so the guest only ever receives plain data.
 */
import { base64ToBytes, bytesToBase64 } from '../../zip.ts';

export function toWire(value: unknown): string {
  return JSON.stringify(encode(value));
}

export function fromWire(text: string): unknown {
  return decode(JSON.parse(text));
}

function encode(value: unknown): unknown {
  if (value instanceof Uint8Array) return { __bytes__: bytesToBase64(value) };
  if (value instanceof Date) return { __datetime__: value.toISOString() };
  if (Array.isArray(value)) return value.map(encode);
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) if (v !== undefined) out[k] = encode(v);
    return out;
  }
  return value;
}

function decode(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(decode);
  if (value && typeof value === 'object') {
    const o = value as Record<string, unknown>;
    if (typeof o['__bytes__'] === 'string' && Object.keys(o).length === 1) return base64ToBytes(o['__bytes__']) ?? new Uint8Array();
    if (typeof o['__datetime__'] === 'string' && Object.keys(o).length === 1) return new Date(o['__datetime__']);
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(o)) out[k] = decode(v);
    return out;
  }
  return value;
}
