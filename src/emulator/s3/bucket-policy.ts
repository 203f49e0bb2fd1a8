/**
 * Bucket policies: Put/Get/DeleteBucketPolicy, as S3 answers them (s3_test_s3.snapshot.json). The
 * policy is kept as the text it was put with and answered as JSON; on a shared lab server it is
 * what lets another account read or write the bucket (lab/lab-router.ts).
 */
import { bucketOf, type S3Context, type S3Reply, type S3Request } from './context.ts';
import { S3Error } from './errors.ts';

const malformedPolicy = (message: string) => new S3Error('MalformedPolicy', 400, message);
const noSuchBucketPolicy = (bucket: string) => new S3Error('NoSuchBucketPolicy', 404, 'The bucket policy does not exist', [['BucketName', bucket]]);

export function putBucketPolicy(ctx: S3Context, req: S3Request): S3Reply {
  const bucket = bucketOf(ctx, req.bucket);
  const text = new TextDecoder().decode(req.body);
  let document: unknown;
  try {
    document = JSON.parse(text);
  } catch {
    document = undefined;
  }
  if (typeof document !== 'object' || document === null || Array.isArray(document) || !text.trimStart().startsWith('{')) {
    throw malformedPolicy("Policies must be valid JSON and the first byte must be '{'");
  }
  if (!('Statement' in document)) throw malformedPolicy('Missing required field Statement');
  bucket.Policy = text;
  return { status: 204 };
}

export function getBucketPolicy(ctx: S3Context, req: S3Request): S3Reply {
  const bucket = bucketOf(ctx, req.bucket);
  if (bucket.Policy === undefined) throw noSuchBucketPolicy(bucket.Name);
  return { headers: { 'Content-Type': 'application/json' }, body: new TextEncoder().encode(bucket.Policy) };
}

export function deleteBucketPolicy(ctx: S3Context, req: S3Request): S3Reply {
  const bucket = bucketOf(ctx, req.bucket);
  delete bucket.Policy;
  return { status: 204 };
}
