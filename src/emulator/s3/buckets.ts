/** Buckets: CreateBucket, HeadBucket, ListBuckets, GetBucketLocation, DeleteBucket. */
import { dict } from '../service/dict.ts';
import { fromUtf8 } from '../zip.ts';
import { bucketArn, bucketOf, isoTime, type S3Context, type S3Reply, type S3Request } from './context.ts';
import { S3Error, bucketAlreadyOwnedByYou, bucketNotEmpty, invalidBucketName, malformedXml } from './errors.ts';
import { XmlSyntaxError, childText, parseXml } from './xml.ts';

/** The Region S3 calls "US Standard": buckets there have no LocationConstraint. */
const US_EAST_1 = 'us-east-1';
const REGION_NAME = /^[a-z]{2}(-[a-z]+)+-\d$/;
const IP_ADDRESS = /^\d+\.\d+\.\d+\.\d+$/;
const RESERVED_PREFIXES = ['xn--', 'sthree-', 'amzn-s3-demo-'];
const RESERVED_SUFFIXES = ['-s3alias', '--ol-s3', '.mrap', '--x-s3', '--table-s3'];

/** General purpose bucket naming rules, as S3 enforces them at CreateBucket. */
export function isValidBucketName(name: string): boolean {
  return (
    /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/.test(name) &&
    !name.includes('..') &&
    !IP_ADDRESS.test(name) &&
    !RESERVED_PREFIXES.some((p) => name.startsWith(p)) &&
    !RESERVED_SUFFIXES.some((s) => name.endsWith(s))
  );
}

/** CreateBucketConfiguration's LocationConstraint; empty or absent means none. */
function locationConstraint(body: Uint8Array): string | undefined {
  if (body.byteLength === 0) return undefined;
  try {
    const root = parseXml(fromUtf8(body));
    if (root.name !== 'CreateBucketConfiguration') throw malformedXml();
    const constraint = childText(root, 'LocationConstraint')?.trim();
    return constraint === '' ? undefined : constraint;
  } catch (err) {
    if (err instanceof XmlSyntaxError) throw malformedXml();
    throw err;
  }
}

const incompatible = (constraint: string | undefined) =>
  new S3Error('IllegalLocationConstraintException', 400, `The ${constraint ?? 'unspecified'} location constraint is incompatible for the region specific endpoint this request was sent to.`);

/** Where a new bucket goes, checked against the endpoint as S3 checks it. */
function bucketRegion(endpointRegion: string, constraint: string | undefined): string {
  if (endpointRegion === US_EAST_1) {
    if (constraint === undefined) return US_EAST_1;
    if (constraint === US_EAST_1 || !REGION_NAME.test(constraint)) {
      throw new S3Error('InvalidLocationConstraint', 400, 'The specified location-constraint is not valid', [['LocationConstraint', constraint]]);
    }
    return constraint;
  }
  if (constraint !== endpointRegion) throw incompatible(constraint);
  return constraint;
}

function createdReply(name: string, region: string): S3Reply {
  // us-east-1 answers with the path, other Regions with the bucket's virtual-hosted URL.
  const location = region === US_EAST_1 ? `/${name}` : `http://${name}.s3.amazonaws.com/`;
  return { headers: { Location: location, 'x-amz-bucket-arn': bucketArn(name) } };
}

export function createBucket(ctx: S3Context, req: S3Request): S3Reply {
  const name = req.bucket;
  if (!isValidBucketName(name)) throw invalidBucketName(name);
  const constraint = locationConstraint(req.body);
  const existing = ctx.state.buckets[name];
  // us-east-1's legacy behaviour: creating a bucket you already own there again succeeds.
  if (existing && existing.Region === US_EAST_1 && req.endpointRegion === US_EAST_1 && constraint === undefined) return createdReply(name, US_EAST_1);
  if (existing) throw bucketAlreadyOwnedByYou(name);
  const region = bucketRegion(req.endpointRegion, constraint);
  ctx.state.buckets[name] = { Name: name, Region: region, CreationDate: ctx.clock.now(), objects: dict(), Notifications: [] };
  return createdReply(name, region);
}

export function headBucket(ctx: S3Context, req: S3Request): S3Reply {
  const bucket = bucketOf(ctx, req.bucket);
  return {
    headers: {
      'Content-Type': 'application/xml',
      'x-amz-bucket-arn': bucketArn(bucket.Name),
      'x-amz-bucket-region': bucket.Region,
      'x-amz-access-point-alias': 'false',
    },
  };
}

export function listBuckets(ctx: S3Context): S3Reply {
  const names = Object.keys(ctx.state.buckets).sort();
  return {
    xml: [
      'ListAllMyBucketsResult',
      {
        Buckets: {
          Bucket: names.map((name) => {
            const bucket = ctx.state.buckets[name]!;
            return { Name: name, CreationDate: isoTime(bucket.CreationDate), BucketArn: bucketArn(name) };
          }),
        },
        Owner: { ID: ctx.ownerId },
      },
    ],
  };
}

export function getBucketLocation(ctx: S3Context, req: S3Request): S3Reply {
  const bucket = bucketOf(ctx, req.bucket);
  // us-east-1 buckets report an empty LocationConstraint.
  return { xml: ['LocationConstraint', bucket.Region === US_EAST_1 ? '' : bucket.Region] };
}

export function deleteBucket(ctx: S3Context, req: S3Request): S3Reply {
  const bucket = bucketOf(ctx, req.bucket);
  for (const _ in bucket.objects) throw bucketNotEmpty(bucket.Name);
  delete ctx.state.buckets[bucket.Name];
  return { status: 204 };
}
