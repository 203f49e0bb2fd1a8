/**
 * Checking a request's SigV4 signature (the Authorization header form), as AWS does where it
 * authenticates the caller: an AWS_IAM function URL. The signature is recomputed with the same
 * signer the AWS SDK uses (@smithy/signature-v4) over exactly the headers the client signed, the
 * path as it arrived on the wire, and the client's own date, and compared with the one sent.
 */
import { Sha256Js } from '@smithy/core/checksum';
import { SignatureV4 } from '@smithy/signature-v4';
import type { EmulatorRequest } from './router.ts';
import { header } from './dispatch.ts';

/** `AWS4-HMAC-SHA256 Credential=AKID/20261204/us-east-1/lambda/aws4_request, SignedHeaders=host;x-amz-date, Signature=<64 hex>`. */
const AUTHORIZATION =
  /^AWS4-HMAC-SHA256\s+Credential=([^/,\s]+)\/(\d{8})\/([^/,\s]+)\/([^/,\s]+)\/aws4_request,\s*SignedHeaders=([a-z0-9;_.-]+),\s*Signature=([0-9a-f]{64})\s*$/i;

export type SignatureCheck =
  | { ok: true; accessKeyId: string }
  /** No SigV4 Authorization header at all. */
  | { ok: false; reason: 'unsigned' }
  /** A key the account does not have. */
  | { ok: false; reason: 'unknown-key' }
  /** Signed, but not with this key's secret over this request (or for another service or Region). */
  | { ok: false; reason: 'mismatch'; accessKeyId: string; signature: string }
  /** Signed with a known key, but at a time too far from now (see `maxSkewMs`). */
  | { ok: false; reason: 'expired'; accessKeyId: string; signedAt: Date };

/** Payload hashes a client may sign literally instead of the body's hash (S3 uploads, streamed with trailing checksums). */
const LITERAL_PAYLOAD_HASHES = new Set(['UNSIGNED-PAYLOAD', 'STREAMING-UNSIGNED-PAYLOAD-TRAILER']);

async function sha256Hex(bytes: Uint8Array): Promise<string> {
  const hash = new Sha256Js();
  hash.update(bytes);
  return [...(await hash.digest())].map((b) => b.toString(16).padStart(2, '0')).join('');
}

/** `20261204T180000Z` → a Date, or undefined. */
export function amzDate(value: string | undefined): Date | undefined {
  const m = value ? /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(value) : null;
  if (!m) return undefined;
  return new Date(Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!, +m[4]!, +m[5]!, +m[6]!));
}

/** The query string's parameters as the signer takes them: decoded, repeated keys as lists. */
function queryOf(rawQuery: string): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  if (!rawQuery) return out;
  for (const part of rawQuery.split('&')) {
    if (part === '') continue;
    const eq = part.indexOf('=');
    const decode = (s: string) => {
      try {
        return decodeURIComponent(s.replace(/\+/g, ' '));
      } catch {
        return s;
      }
    };
    const k = decode(eq < 0 ? part : part.slice(0, eq));
    const v = eq < 0 ? '' : decode(part.slice(eq + 1));
    const prev = out[k];
    out[k] = prev === undefined ? v : Array.isArray(prev) ? [...prev, v] : [prev, v];
  }
  return out;
}

/** How a service wants its signature checked, beyond its name and Region. */
export interface SignatureExpectation {
  service: string;
  region: string;
  /** When given, a signature dated further than this from `now` is refused as expired (AWS allows 5 minutes, S3 15). */
  maxSkewMs?: number;
  now?: number;
  /** S3 signs the path as sent, without encoding it again; every other service encodes it once more. */
  uriEscapePath?: boolean;
}

/** Signers by key, service and Region: each keeps the signing keys it derived (per day), so a busy key derives them once. */
const signers = new Map<string, SignatureV4>();
const MAX_SIGNERS = 1024;

function signerFor(service: string, region: string, uriEscapePath: boolean, credentials: { accessKeyId: string; secretAccessKey: string; sessionToken?: string }): SignatureV4 {
  const key = JSON.stringify([service, region, uriEscapePath, credentials.accessKeyId, credentials.secretAccessKey, credentials.sessionToken ?? null]);
  let signer = signers.get(key);
  if (!signer) {
    // Bounded: a flood of made-up keys or tokens cannot grow it without end.
    if (signers.size >= MAX_SIGNERS) signers.clear();
    signer = new SignatureV4({
      service,
      region,
      sha256: Sha256Js,
      credentials,
      uriEscapePath,
      // Whether the payload hash header takes part is the client's choice, read from SignedHeaders.
      applyChecksum: false,
    });
    signers.set(key, signer);
  }
  return signer;
}

/**
 * Whether `request` carries a valid signature for `service` in `region` by a key `secretFor` knows.
 * `rawQuery` is the query string as sent.
 */
export async function checkSignature(
  request: EmulatorRequest,
  rawQuery: string,
  expected: SignatureExpectation,
  secretFor: (accessKeyId: string) => string | undefined,
): Promise<SignatureCheck> {
  const auth = header(request.headers, 'authorization');
  const m = auth ? AUTHORIZATION.exec(auth) : null;
  if (!m) return { ok: false, reason: 'unsigned' };
  const [, accessKeyId, , region, service, signedList, signature] = m as unknown as string[];
  const secret = secretFor(accessKeyId!);
  if (secret === undefined) return { ok: false, reason: 'unknown-key' };
  const mismatch = { ok: false, reason: 'mismatch', accessKeyId: accessKeyId!, signature: signature! } as const;
  if (region !== expected.region || service !== expected.service) return mismatch;
  const date = amzDate(header(request.headers, 'x-amz-date'));
  const signedNames = signedList!.toLowerCase().split(';');
  if (!date || !signedNames.includes('host')) return mismatch;
  if (expected.maxSkewMs !== undefined && expected.now !== undefined && Math.abs(expected.now - date.getTime()) > expected.maxSkewMs) {
    return { ok: false, reason: 'expired', accessKeyId: accessKeyId!, signedAt: date };
  }
  const headers: Record<string, string> = {};
  for (const name of signedNames) {
    const value = header(request.headers, name);
    if (value === undefined) return mismatch;
    headers[name] = value;
  }
  // A signed payload hash must be the body's: the signature covers the hash, the hash the body.
  const payloadHash = headers['x-amz-content-sha256'];
  if (payloadHash !== undefined && !LITERAL_PAYLOAD_HASHES.has(payloadHash) && payloadHash.toLowerCase() !== (await sha256Hex(request.body))) return mismatch;
  // Only a token the client signed takes part, as the signer would add it to the signed headers.
  const token = signedNames.includes('x-amz-security-token') ? headers['x-amz-security-token'] : undefined;
  const signer = signerFor(expected.service, expected.region, expected.uriEscapePath ?? true, { accessKeyId: accessKeyId!, secretAccessKey: secret, ...(token !== undefined ? { sessionToken: token } : {}) });
  const signed = await signer.sign(
    { method: request.method.toUpperCase(), protocol: 'https:', hostname: headers['host']!, path: request.path, query: queryOf(rawQuery), headers, body: request.body },
    { signingDate: date, signableHeaders: new Set(signedNames) },
  );
  const recomputed = /Signature=([0-9a-f]{64})/.exec(String(signed.headers['authorization'] ?? signed.headers['Authorization'] ?? ''))?.[1];
  return recomputed === signature!.toLowerCase() ? { ok: true, accessKeyId: accessKeyId! } : mismatch;
}
