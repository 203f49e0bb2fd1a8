/**
 * S3's REST-XML API on the emulator's endpoint, path-style (`/bucket/key`): the operation is read
 * from the method, the path and the query's subresource; answers carry x-amz-request-id and
 * x-amz-id-2, and errors S3's XML error document (none for HEAD, as S3 sends none).
 */
import type { EmulatorRequest, EmulatorResponse, Router } from '../api/router.ts';
import { bytesToBase64, utf8 } from '../zip.ts';
import { createBucket, deleteBucket, getBucketLocation, headBucket, listBuckets } from './buckets.ts';
import type { S3Context, S3Reply, S3Request } from './context.ts';
import { NULL_VERSION, S3Error, invalidVersionId } from './errors.ts';
import { listObjects, listObjectsV2 } from './list-objects.ts';
import { getBucketNotificationConfiguration, putBucketNotificationConfiguration } from './notifications.ts';
import { deleteBucketPolicy, getBucketPolicy, putBucketPolicy } from './bucket-policy.ts';
import { RESPONSE_OVERRIDES, copyObject, deleteObject, deleteObjects, getObject, headObject, putObject } from './objects.ts';
import type { S3Service } from './s3-service.ts';
import { xmlDocument } from './xml.ts';

type Operation = (ctx: S3Context, req: S3Request) => S3Reply | Promise<S3Reply>;

/** Query parameters that are arguments, not subresources: any other names an operation the emulator does not have. */
const ARGUMENTS = new Set([
  'x-id', 'list-type', 'prefix', 'delimiter', 'max-keys', 'continuation-token', 'start-after', 'encoding-type', 'fetch-owner', 'marker', 'versionId',
  ...RESPONSE_OVERRIDES.keys(),
]);

/** The first query parameter naming a subresource; a presigned URL's X-Amz-* parameters are its signature. */
function subresource(query: Record<string, string>): string | undefined {
  return Object.keys(query).find((k) => !ARGUMENTS.has(k) && !k.toLowerCase().startsWith('x-amz-'));
}

/** The operation a request names, or undefined when the emulator does not provide it. */
function operationOf(req: S3Request): Operation | undefined {
  const sub = subresource(req.query);
  const method = req.method.toUpperCase();
  if (req.bucket === '') return method === 'GET' && sub === undefined ? listBuckets : undefined;
  if (req.key === undefined) {
    if (sub === 'notification') return method === 'PUT' ? putBucketNotificationConfiguration : method === 'GET' ? getBucketNotificationConfiguration : undefined;
    if (sub === 'location') return method === 'GET' ? getBucketLocation : undefined;
    if (sub === 'policy') return ({ PUT: putBucketPolicy, GET: getBucketPolicy, DELETE: deleteBucketPolicy } as Record<string, Operation>)[method];
    if (sub === 'delete') return method === 'POST' ? deleteObjects : undefined;
    if (sub !== undefined) return undefined;
    if (method === 'GET') return req.query['list-type'] === '2' ? listObjectsV2 : listObjects;
    return ({ PUT: createBucket, HEAD: headBucket, DELETE: deleteBucket } as Record<string, Operation>)[method];
  }
  if (sub !== undefined) return undefined;
  if (method === 'PUT') return req.headers['x-amz-copy-source'] !== undefined ? copyObject : putObject;
  return ({ GET: getObject, HEAD: headObject, DELETE: deleteObject } as Record<string, Operation>)[method];
}

const decode = (segment: string): string => {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
};

/** `/bucket` and `/bucket/` name the bucket; `/bucket/a/b` the key `a/b`. */
function address(rawPath: string): { bucket: string; key?: string } {
  const path = rawPath.split('?')[0]!.replace(/^\//, '');
  const slash = path.indexOf('/');
  if (slash < 0) return { bucket: decode(path) };
  const key = decode(path.slice(slash + 1));
  return key === '' ? { bucket: decode(path.slice(0, slash)) } : { bucket: decode(path.slice(0, slash)), key };
}

/** The Region in the SigV4 credential scope (header or presigned query). */
function signedRegion(headers: Record<string, string>, query: Record<string, string>): string | undefined {
  const credential = /Credential=[^/,\s]+\/\d{8}\/([^/]+)\//.exec(headers['authorization'] ?? '')?.[1];
  return credential ?? query['X-Amz-Credential']?.split('/')[2];
}

function lowerHeaders(headers: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(headers)) out[k.toLowerCase()] = v;
  return out;
}

function errorResponse(err: S3Error, req: S3Request): EmulatorResponse {
  const headers = { 'x-amz-request-id': req.requestId, 'x-amz-id-2': req.hostId, 'Content-Type': 'application/xml' };
  if (req.method.toUpperCase() === 'HEAD') return { status: err.status, headers, body: new Uint8Array() };
  const fields = [['Code', err.code], ['Message', err.message], ...err.fields, ['RequestId', req.requestId], ['HostId', req.hostId]] as const;
  // S3's error documents carry no namespace.
  return { status: err.status, headers, body: utf8(xmlDocument('Error', Object.fromEntries(fields), null)) };
}

function replyResponse(reply: S3Reply, req: S3Request): EmulatorResponse {
  const headers: Record<string, string> = { 'x-amz-request-id': req.requestId, 'x-amz-id-2': req.hostId, ...reply.headers };
  let body = reply.body ?? new Uint8Array();
  if (reply.xml) {
    body = utf8(xmlDocument(reply.xml[0], reply.xml[1]));
    headers['Content-Type'] ??= 'application/xml';
  }
  return { status: reply.status ?? 200, headers, body };
}

export function createS3Router(s3: S3Service): Router {
  const ctx = s3.context;
  return async (request: EmulatorRequest) => {
    const id = ctx.uuid();
    const headers = lowerHeaders(request.headers);
    const req: S3Request = {
      method: request.method,
      ...address(request.path),
      query: request.query,
      headers,
      body: request.body,
      // S3's request ids are 16 upper-case hex digits; x-amz-id-2 is an opaque base64 token.
      requestId: id.replace(/-/g, '').slice(0, 16).toUpperCase(),
      hostId: bytesToBase64(utf8(id)),
      endpointRegion: signedRegion(headers, request.query) ?? ctx.region,
    };
    try {
      const operation = operationOf(req);
      if (!operation) {
        const sub = subresource(req.query);
        throw new S3Error('NotImplemented', 501, `The Lambda Workbook emulator does not implement this S3 request: ${req.method} ${sub ? `?${sub} on ` : ''}${req.key !== undefined ? 'an object' : req.bucket ? 'a bucket' : 'the service'}.`);
      }
      const version = req.query['versionId'];
      if (version !== undefined && version !== NULL_VERSION) throw invalidVersionId(version);
      return replyResponse(await operation(ctx, req), req);
    } catch (err) {
      if (err instanceof S3Error) return errorResponse(err, req);
      // An emulator bug: answer in S3's shape, keeping the detail so nothing is lost.
      return errorResponse(new S3Error('InternalError', 500, `Emulator error: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`), req);
    }
  };
}
