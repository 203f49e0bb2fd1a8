/**
 * ListObjectsV2 and ListObjects: keys in UTF-8 binary order, Prefix, Delimiter (CommonPrefixes
 * count toward MaxKeys), StartAfter / Marker, ContinuationToken, and encoding-type=url.
 */
import { bytesToBase64, base64ToBytes, fromUtf8, utf8 } from '../zip.ts';
import { bucketOf, isoTime, type S3Context, type S3Reply, type S3Request } from './context.ts';
import { invalidArgument } from './errors.ts';
import { urlEncodeKey } from './key-encoding.ts';
import type { Bucket, S3Object } from './state.ts';

/** The most keys one page holds, whatever MaxKeys asks for. */
export const MAX_KEYS = 1000;

/** UTF-8 byte order, which is code point order: UTF-16 surrogates sort after U+E000..U+FFFF. */
export function compareKeys(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(i);
    if (x !== y) return codePointRank(x) - codePointRank(y);
  }
  return a.length - b.length;
}

const codePointRank = (unit: number): number => (unit >= 0xd800 && unit <= 0xdfff ? unit + 0x2000 : unit >= 0xe000 ? unit - 0x800 : unit);

interface Page {
  contents: S3Object[];
  commonPrefixes: string[];
  isTruncated: boolean;
  /** The last key or common prefix on the page: where the next page starts after. */
  last: string | undefined;
}

/** One page of keys after `after` (exclusive), rolled up at the delimiter. */
function page(bucket: Bucket, prefix: string, delimiter: string, after: string, maxKeys: number): Page {
  const keys = Object.keys(bucket.objects)
    .filter((k) => k.startsWith(prefix) && compareKeys(k, after) > 0)
    .sort(compareKeys);
  const out: Page = { contents: [], commonPrefixes: [], isTruncated: false, last: undefined };
  let count = 0;
  for (const key of keys) {
    const at = delimiter === '' ? -1 : key.indexOf(delimiter, prefix.length);
    const rolledUp = at >= 0 ? key.slice(0, at + delimiter.length) : undefined;
    // Keys under a common prefix already listed (on this page or the one before) add nothing.
    if (rolledUp !== undefined && (rolledUp === out.last || rolledUp === after)) continue;
    if (count === maxKeys) {
      out.isTruncated = true;
      break;
    }
    if (rolledUp !== undefined) out.commonPrefixes.push(rolledUp);
    else out.contents.push(bucket.objects[key]!);
    out.last = rolledUp ?? key;
    count++;
  }
  return out;
}

function maxKeysOf(query: Record<string, string>): number {
  const raw = query['max-keys'];
  if (raw === undefined) return MAX_KEYS;
  if (!/^\d+$/.test(raw) || Number(raw) > 2_147_483_647) {
    throw invalidArgument('Provided max-keys not an integer or within integer range', 'max-keys', raw);
  }
  return Number(raw);
}

function encoderOf(query: Record<string, string>): (text: string) => string {
  const encoding = query['encoding-type'];
  if (encoding === undefined) return (text) => text;
  if (encoding !== 'url') throw invalidArgument('Invalid Encoding Method specified in Request', 'encoding-type', encoding);
  return urlEncodeKey;
}

function entry(object: S3Object, encode: (text: string) => string, owner: { ID: string } | undefined) {
  return {
    Key: encode(object.Key),
    LastModified: isoTime(object.LastModified),
    ETag: `"${object.ETag}"`,
    ChecksumAlgorithm: object.ChecksumAlgorithm,
    ChecksumType: 'FULL_OBJECT',
    Size: object.Size,
    ...(owner ? { Owner: owner } : {}),
    StorageClass: 'STANDARD',
  };
}

/** What both list operations read from the query. */
function listing(ctx: S3Context, req: S3Request) {
  const q = req.query;
  return { bucket: bucketOf(ctx, req.bucket), q, maxKeys: maxKeysOf(q), encode: encoderOf(q), prefix: q['prefix'] ?? '', delimiter: q['delimiter'] ?? '' };
}

export function listObjectsV2(ctx: S3Context, req: S3Request): S3Reply {
  const { bucket, q, maxKeys, encode, prefix, delimiter } = listing(ctx, req);
  const token = q['continuation-token'];
  let after = q['start-after'] ?? '';
  if (token !== undefined) {
    const decoded = token === '' ? undefined : base64ToBytes(token);
    if (!decoded || decoded.byteLength === 0) throw invalidArgument('The continuation token provided is incorrect', 'continuation-token', token);
    after = fromUtf8(decoded);
  }
  const listed = page(bucket, prefix, delimiter, after, Math.min(maxKeys, MAX_KEYS));
  const owner = q['fetch-owner'] === 'true' ? { ID: ctx.ownerId } : undefined;
  return {
    xml: [
      'ListBucketResult',
      {
        Name: bucket.Name,
        Prefix: encode(prefix),
        ...(token !== undefined ? { ContinuationToken: token } : {}),
        ...(listed.isTruncated ? { NextContinuationToken: bytesToBase64(utf8(listed.last!)) } : {}),
        KeyCount: listed.contents.length + listed.commonPrefixes.length,
        MaxKeys: maxKeys,
        ...(q['delimiter'] !== undefined ? { Delimiter: encode(delimiter) } : {}),
        IsTruncated: listed.isTruncated,
        ...(q['start-after'] !== undefined ? { StartAfter: encode(q['start-after']) } : {}),
        Contents: listed.contents.map((o) => entry(o, encode, owner)),
        CommonPrefixes: listed.commonPrefixes.map((p) => ({ Prefix: encode(p) })),
        ...(q['encoding-type'] !== undefined ? { EncodingType: q['encoding-type'] } : {}),
      },
    ],
  };
}

export function listObjects(ctx: S3Context, req: S3Request): S3Reply {
  const { bucket, q, maxKeys, encode, prefix, delimiter } = listing(ctx, req);
  const marker = q['marker'] ?? '';
  const listed = page(bucket, prefix, delimiter, marker, Math.min(maxKeys, MAX_KEYS));
  return {
    xml: [
      'ListBucketResult',
      {
        Name: bucket.Name,
        Prefix: encode(prefix),
        Marker: encode(marker),
        // NextMarker only comes with a delimiter; without one, clients continue from the last key.
        ...(listed.isTruncated && q['delimiter'] !== undefined ? { NextMarker: encode(listed.last!) } : {}),
        MaxKeys: maxKeys,
        ...(q['delimiter'] !== undefined ? { Delimiter: encode(delimiter) } : {}),
        IsTruncated: listed.isTruncated,
        Contents: listed.contents.map((o) => entry(o, encode, { ID: ctx.ownerId })),
        CommonPrefixes: listed.commonPrefixes.map((p) => ({ Prefix: encode(p) })),
        ...(q['encoding-type'] !== undefined ? { EncodingType: q['encoding-type'] } : {}),
      },
    ],
  };
}
