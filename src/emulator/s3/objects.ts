/** Objects: PutObject, GetObject (with Range), HeadObject, CopyObject, DeleteObject, DeleteObjects. */
import { toHex } from '../md5.ts';
import { base64ToBytes, bytesToBase64, fromUtf8 } from '../zip.ts';
import { checksum, checksumHeader, type ChecksumAlgorithm } from './checksums.ts';
import { bucketOf, httpDate, isoTime, type S3Context, type S3Reply, type S3Request } from './context.ts';
import { S3Error, invalidArgument, invalidRequest, malformedXml, noSuchBucket, noSuchKey } from './errors.ts';
import { notify } from './notifications.ts';
import { readUpload, requestedAlgorithm } from './payload.ts';
import type { Bucket, S3Object } from './state.ts';
import { XmlSyntaxError, childText, childrenNamed, parseXml } from './xml.ts';

/** What S3 answers as Content-Type for an object stored without one. */
export const DEFAULT_CONTENT_TYPE = 'binary/octet-stream';

/** Representation headers S3 stores with an object and returns on GET and HEAD, in their wire spelling. */
const STORED_HEADERS = ['Content-Encoding', 'Content-Disposition', 'Content-Language', 'Cache-Control', 'Expires'];

/** GetObject's `response-*` query parameters and the headers they set in the answer. */
export const RESPONSE_OVERRIDES = new Map([
  ['response-content-type', 'Content-Type'],
  ['response-content-language', 'Content-Language'],
  ['response-expires', 'Expires'],
  ['response-cache-control', 'Cache-Control'],
  ['response-content-disposition', 'Content-Disposition'],
  ['response-content-encoding', 'Content-Encoding'],
]);

/** Objects live in the state as base64; the bytes are decoded once per object and kept here. */
const bodies = new WeakMap<S3Object, Uint8Array>();

export function objectBytes(object: S3Object): Uint8Array {
  let bytes = bodies.get(object);
  if (!bytes) {
    bytes = base64ToBytes(object.Body) ?? new Uint8Array();
    bodies.set(object, bytes);
  }
  return bytes;
}

function describedBy(headers: Record<string, string>): Pick<S3Object, 'ContentType' | 'Headers' | 'Metadata'> {
  const stored: Record<string, string> = {};
  for (const name of STORED_HEADERS) {
    const value = headers[name.toLowerCase()];
    if (value !== undefined) stored[name] = value;
  }
  const metadata: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) if (name.startsWith('x-amz-meta-')) metadata[name.slice('x-amz-meta-'.length)] = value;
  return { ContentType: headers['content-type'] ?? DEFAULT_CONTENT_TYPE, Headers: stored, Metadata: metadata };
}

function store(bucket: Bucket, object: S3Object, bytes: Uint8Array): S3Object {
  bodies.set(object, bytes);
  bucket.objects[object.Key] = object;
  return object;
}

const checksumHeaders = (object: S3Object): Record<string, string> => ({
  [checksumHeader(object.ChecksumAlgorithm)]: object.Checksum,
  'x-amz-checksum-type': 'FULL_OBJECT',
});

export async function putObject(ctx: S3Context, req: S3Request): Promise<S3Reply> {
  const bucket = bucketOf(ctx, req.bucket);
  const upload = await readUpload(req.headers, req.body);
  const described = describedBy(req.headers);
  if (upload.contentEncoding === undefined) delete described.Headers['Content-Encoding'];
  else described.Headers['Content-Encoding'] = upload.contentEncoding;
  const object = store(bucket, {
    Key: req.key!,
    Body: bytesToBase64(upload.bytes),
    Size: upload.bytes.byteLength,
    ETag: toHex(upload.md5),
    LastModified: ctx.clock.now(),
    ...described,
    ChecksumAlgorithm: upload.algorithm,
    Checksum: upload.checksum,
  }, upload.bytes);
  notify(ctx, bucket, { eventName: 'ObjectCreated:Put', key: object.Key, object, requestId: req.requestId, hostId: req.hostId, ...tracedBy(req) });
  return { headers: { ETag: `"${object.ETag}"`, 'x-amz-server-side-encryption': 'AES256', ...checksumHeaders(object) } };
}

function objectOf(ctx: S3Context, req: S3Request): S3Object {
  const object = bucketOf(ctx, req.bucket).objects[req.key!];
  if (!object) throw noSuchKey(req.key!);
  return object;
}

/** The headers GET and HEAD describe an object with. */
function objectHeaders(object: S3Object, req: S3Request, ranged: boolean): Record<string, string> {
  const headers: Record<string, string> = {
    'Accept-Ranges': 'bytes',
    'Content-Type': object.ContentType,
    ETag: `"${object.ETag}"`,
    'Last-Modified': httpDate(object.LastModified),
    'x-amz-server-side-encryption': 'AES256',
    ...object.Headers,
  };
  for (const [name, value] of Object.entries(object.Metadata)) headers[`x-amz-meta-${name}`] = value;
  // A ranged GET has no checksum of the whole object to offer.
  if (!ranged && req.headers['x-amz-checksum-mode']?.toUpperCase() === 'ENABLED') Object.assign(headers, checksumHeaders(object));
  return headers;
}

type ByteRange = { start: number; end: number } | 'unsatisfiable' | undefined;

/** A single `bytes=` range; anything S3 would not read as one is ignored (the whole object is sent). */
function parseRange(header: string | undefined, size: number): ByteRange {
  const m = header === undefined ? null : /^bytes=(\d*)-(\d*)$/.exec(header.trim());
  if (!m || (m[1] === '' && m[2] === '')) return undefined;
  if (m[1] === '') {
    const suffix = Number(m[2]);
    if (suffix === 0 || size === 0) return 'unsatisfiable';
    return { start: Math.max(0, size - suffix), end: size - 1 };
  }
  const start = Number(m[1]);
  const end = m[2] === '' ? size - 1 : Number(m[2]);
  if (end < start) return undefined;
  if (start >= size) return 'unsatisfiable';
  return { start, end: Math.min(end, size - 1) };
}

/** The headers a GET answer carries beyond the object's own: `response-*` overrides. */
function overrides(query: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [parameter, header] of RESPONSE_OVERRIDES) if (query[parameter] !== undefined) out[header] = query[parameter];
  return out;
}

export function getObject(ctx: S3Context, req: S3Request): S3Reply {
  const object = objectOf(ctx, req);
  const bytes = objectBytes(object);
  const range = parseRange(req.headers['range'], object.Size);
  if (range === 'unsatisfiable') {
    throw new S3Error('InvalidRange', 416, 'The requested range is not satisfiable', [
      ['RangeRequested', req.headers['range']!],
      ['ActualObjectSize', String(object.Size)],
    ]);
  }
  if (range === undefined) return { headers: { ...objectHeaders(object, req, false), ...overrides(req.query), 'Content-Length': String(object.Size) }, body: bytes };
  return {
    status: 206,
    headers: {
      ...objectHeaders(object, req, true),
      ...overrides(req.query),
      'Content-Range': `bytes ${range.start}-${range.end}/${object.Size}`,
      'Content-Length': String(range.end - range.start + 1),
    },
    body: bytes.subarray(range.start, range.end + 1),
  };
}

export function headObject(ctx: S3Context, req: S3Request): S3Reply {
  const object = objectOf(ctx, req);
  return { headers: { ...objectHeaders(object, req, false), 'Content-Length': String(object.Size) } };
}

/** Removes a key, telling the bucket's destinations when something was there. */
function remove(ctx: S3Context, bucket: Bucket, key: string, req: S3Request): void {
  if (!(key in bucket.objects)) return;
  delete bucket.objects[key];
  notify(ctx, bucket, { eventName: 'ObjectRemoved:Delete', key, requestId: req.requestId, hostId: req.hostId, ...tracedBy(req) });
}

export function deleteObject(ctx: S3Context, req: S3Request): S3Reply {
  remove(ctx, bucketOf(ctx, req.bucket), req.key!, req);
  return { status: 204 };
}

/** S3's batch limit for DeleteObjects. */
const DELETE_OBJECTS_MAX = 1000;

export async function deleteObjects(ctx: S3Context, req: S3Request): Promise<S3Reply> {
  const bucket = bucketOf(ctx, req.bucket);
  const { bytes } = await readUpload(req.headers, req.body);
  let keys: string[];
  let quiet: boolean;
  try {
    const root = parseXml(fromUtf8(bytes));
    const entries = childrenNamed(root, 'Object');
    if (root.name !== 'Delete' || entries.length === 0 || entries.length > DELETE_OBJECTS_MAX) throw malformedXml();
    keys = entries.map((entry) => {
      const key = childText(entry, 'Key');
      if (key === undefined) throw malformedXml();
      return key;
    });
    quiet = childText(root, 'Quiet')?.trim() === 'true';
  } catch (err) {
    if (err instanceof XmlSyntaxError) throw malformedXml();
    throw err;
  }
  for (const key of keys) remove(ctx, bucket, key, req);
  // Quiet mode reports only failures, and a delete of a plain object never fails.
  return { xml: ['DeleteResult', { Deleted: quiet ? [] : keys.map((Key) => ({ Key })) }] };
}

/** `x-amz-copy-source`: `bucket/key` or `/bucket/key`, URL-encoded, maybe with `?versionId=`. */
function copySource(header: string): { bucket: string; key: string } {
  const invalid = () => invalidArgument('Invalid copy source object key', 'x-amz-copy-source', header);
  let path: string;
  try {
    path = decodeURIComponent(header.split('?')[0]!).replace(/^\//, '');
  } catch {
    throw invalid();
  }
  const slash = path.indexOf('/');
  if (slash <= 0 || slash === path.length - 1) throw invalid();
  return { bucket: path.slice(0, slash), key: path.slice(slash + 1) };
}

export async function copyObject(ctx: S3Context, req: S3Request): Promise<S3Reply> {
  const source = copySource(req.headers['x-amz-copy-source']!);
  const sourceBucket = ctx.state.buckets[source.bucket];
  if (!sourceBucket) throw noSuchBucket(source.bucket);
  const original = sourceBucket.objects[source.key];
  if (!original) throw noSuchKey(source.key);
  const bucket = bucketOf(ctx, req.bucket);
  const replace = req.headers['x-amz-metadata-directive']?.toUpperCase() === 'REPLACE';
  const algorithm: ChecksumAlgorithm | undefined = requestedAlgorithm(req.headers);
  if (source.bucket === bucket.Name && source.key === req.key && !replace && algorithm === undefined) {
    throw invalidRequest(
      "This copy request is illegal because it is trying to copy an object to itself without changing the object's metadata, storage class, website redirect location or encryption attributes.",
    );
  }
  const bytes = objectBytes(original);
  const object = store(bucket, {
    ...original,
    Key: req.key!,
    LastModified: ctx.clock.now(),
    ...(replace ? describedBy(req.headers) : {}),
    ...(algorithm ? { ChecksumAlgorithm: algorithm, Checksum: await checksum(algorithm, bytes) } : {}),
  }, bytes);
  notify(ctx, bucket, { eventName: 'ObjectCreated:Copy', key: object.Key, object, requestId: req.requestId, hostId: req.hostId, ...tracedBy(req) });
  return {
    headers: { 'x-amz-server-side-encryption': 'AES256' },
    xml: [
      'CopyObjectResult',
      { ETag: `"${object.ETag}"`, LastModified: isoTime(object.LastModified), ChecksumType: 'FULL_OBJECT', [`Checksum${object.ChecksumAlgorithm}`]: object.Checksum },
    ],
  };
}

/** The request's X-Ray header, which S3 passes on with the events it sends. */
function tracedBy(req: S3Request): { traceHeader?: string } {
  const header = req.headers['x-amzn-trace-id'];
  return header ? { traceHeader: header } : {};
}
