/**
 * Share a test event or a whole function by link. Everything is in the URL fragment (the part
 * after #, which browsers never send to a server): JSON, deflated with fflate, in base64url. A
 * link is untrusted input: it is decoded under size caps (the fragment, and what it inflates to,
 * so a zip bomb stops early), checked against a schema, and every failure is a sentence for the
 * learner, never an exception.
 */
import * as z from 'zod/mini';
import { Inflate, deflateSync, strToU8 } from 'fflate';
import { EMULATED_RUNTIMES } from '../emulator/index.ts';

export const SHARE_PREFIX = '#share=';
/** Characters of base64url after `#share=`: far below every browser's URL limit, ample for an exercise's code. */
export const MAX_FRAGMENT_CHARS = 64_000;
/** Bytes of JSON a link may inflate to. */
export const MAX_SHARED_BYTES = 1_048_576;
/** The console's own cap on a test event's size (256 KB, Lambda's asynchronous payload limit). */
export const MAX_EVENT_BYTES = 262_144;
export const MAX_SHARED_FILES = 100;
export const SHARE_FORMAT = 1;

const eventName = z.string().check(z.regex(/^[A-Za-z0-9._-]{1,25}$/, 'must be 1 to 25 letters, digits, dots, hyphens or underscores'));
const eventJson = z.string().check(z.maxLength(MAX_EVENT_BYTES, `must be at most ${MAX_EVENT_BYTES} characters`));

/** A relative path with no `..`, no backslash and no control characters: a file in the function's folder. */
function badPath(p: string): boolean {
  return p.length === 0 || p.length > 256 || p.startsWith('/') || p.split('/').some((s) => s === '' || s === '.' || s === '..') || /[\\\u0000-\u001f\u007f]/.test(p);
}

export const sharedEventSchema = z.object({
  v: z.literal(SHARE_FORMAT),
  kind: z.literal('event'),
  name: eventName,
  json: eventJson,
});

export const sharedFunctionSchema = z.object({
  v: z.literal(SHARE_FORMAT),
  kind: z.literal('function'),
  name: z.string().check(z.regex(/^[a-zA-Z0-9_-]{1,64}$/, 'must be 1 to 64 letters, digits, hyphens or underscores')),
  files: z.record(z.string(), z.string()).check(z.refine((f) => Object.keys(f).length >= 1 && Object.keys(f).length <= MAX_SHARED_FILES, `must hold 1 to ${MAX_SHARED_FILES} files`)),
  config: z.object({
    Runtime: z.string().check(z.refine((r) => EMULATED_RUNTIMES.includes(r), `must be one of ${EMULATED_RUNTIMES.join(', ')}`)),
    Handler: z.string().check(z.regex(/^[^\s]{1,128}$/, 'must be 1 to 128 characters without spaces')),
    Description: z.optional(z.string().check(z.maxLength(256))),
    Timeout: z.optional(z.int().check(z.gte(1), z.lte(900))),
    MemorySize: z.optional(z.int().check(z.gte(128), z.lte(10240))),
    EphemeralStorageSize: z.optional(z.int().check(z.gte(512), z.lte(10240))),
    Architectures: z.optional(z.tuple([z.enum(['x86_64', 'arm64'])])),
    Environment: z.optional(z.record(z.string().check(z.regex(/^[a-zA-Z][a-zA-Z0-9_]{0,127}$/, 'must be a letter then letters, digits or underscores')), z.string())),
  }),
  events: z.optional(z.array(z.object({ name: eventName, json: eventJson })).check(z.maxLength(10))),
});

export type SharedEvent = z.infer<typeof sharedEventSchema>;
export type SharedFunction = z.infer<typeof sharedFunctionSchema>;
export type Shared = SharedEvent | SharedFunction;

export type DecodeResult = { ok: true; shared: Shared } | { ok: false; reason: string };

function toBase64Url(bytes: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function fromBase64Url(text: string): Uint8Array {
  const binary = atob(text.replace(/-/g, '+').replace(/_/g, '/'));
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

class TooLarge extends Error {}

/** Inflates at most `max` bytes: a link that expands beyond it is refused as soon as it does. */
function boundedInflate(data: Uint8Array, max: number): Uint8Array {
  const chunks: Uint8Array[] = [];
  let total = 0;
  const inflate = new Inflate((chunk) => {
    total += chunk.length;
    if (total > max) throw new TooLarge();
    chunks.push(chunk);
  });
  const step = 4096;
  for (let i = 0; i < data.length; i += step) inflate.push(data.subarray(i, i + step), i + step >= data.length);
  if (data.length === 0) inflate.push(new Uint8Array(0), true);
  const out = new Uint8Array(total);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.length;
  }
  return out;
}

/** The link's fragment for a shared event or function (`#share=…`), or why it cannot be made. */
export function encodeShare(shared: Shared): { ok: true; fragment: string } | { ok: false; reason: string } {
  const checked = validate(shared);
  if (!checked.ok) return checked;
  const json = strToU8(JSON.stringify(shared));
  if (json.length > MAX_SHARED_BYTES) return { ok: false, reason: `it is ${json.length} bytes, more than a link holds (${MAX_SHARED_BYTES})` };
  const text = toBase64Url(deflateSync(json, { level: 9 }));
  if (text.length > MAX_FRAGMENT_CHARS) return { ok: false, reason: `even compressed it needs ${text.length} characters, more than a link should hold (${MAX_FRAGMENT_CHARS})` };
  return { ok: true, fragment: `${SHARE_PREFIX}${text}` };
}

function validate(value: unknown): DecodeResult {
  const kind = (value as { kind?: unknown } | null)?.kind;
  const schema = kind === 'event' ? sharedEventSchema : kind === 'function' ? sharedFunctionSchema : undefined;
  if (schema === undefined) return { ok: false, reason: 'it shares neither a test event nor a function' };
  const parsed = schema.safeParse(value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    return { ok: false, reason: `the field "${issue.path.map(String).join('.') || '(root)'}" ${issue.message.startsWith('must') ? issue.message : `is not valid: ${issue.message}`}` };
  }
  const shared = parsed.data as Shared;
  if (shared.kind === 'function') {
    const bad = Object.keys(shared.files).find(badPath);
    if (bad !== undefined) return { ok: false, reason: `the field "files.${bad}" must be a relative path inside the function (no "..", no leading "/")` };
  }
  const events = shared.kind === 'event' ? [shared] : (shared.events ?? []);
  for (const e of events) {
    try {
      JSON.parse(e.json);
    } catch (err) {
      return { ok: false, reason: `the test event "${e.name}" is not valid JSON (${(err as Error).message})` };
    }
  }
  return { ok: true, shared };
}

/**
 * Reads a page's fragment: undefined when it is not a share link, else the shared event or
 * function, or the reason it cannot be opened. Never throws, whatever the fragment holds.
 */
export function decodeShare(fragment: string): DecodeResult | undefined {
  if (!fragment.startsWith(SHARE_PREFIX)) return undefined;
  const text = fragment.slice(SHARE_PREFIX.length);
  const damaged = (why: string): DecodeResult => ({ ok: false, reason: `This shared link is damaged (${why}); ask for the link again.` });
  if (text.length > MAX_FRAGMENT_CHARS) return { ok: false, reason: `This shared link is too long (${text.length} characters; a link holds at most ${MAX_FRAGMENT_CHARS}).` };
  if (!/^[A-Za-z0-9_-]+$/.test(text)) return damaged('it holds characters a shared link never has');
  let bytes: Uint8Array;
  try {
    bytes = fromBase64Url(text);
  } catch {
    return damaged('it is not base64url');
  }
  let json: Uint8Array;
  try {
    json = boundedInflate(bytes, MAX_SHARED_BYTES);
  } catch (err) {
    if (err instanceof TooLarge) return { ok: false, reason: `This shared link expands to more than ${MAX_SHARED_BYTES} bytes, more than a shared event or function may be.` };
    return damaged('it is not compressed data');
  }
  let value: unknown;
  try {
    value = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(json));
  } catch {
    return damaged('it does not hold JSON');
  }
  if ((value as { v?: unknown } | null)?.v !== SHARE_FORMAT) return { ok: false, reason: 'This shared link was made by another version of the workbook, or is not a workbook link.' };
  const checked = validate(value);
  return checked.ok ? checked : { ok: false, reason: `This shared link cannot be opened: ${checked.reason}.` };
}

