/**
 * The S3 specification, run through the real `S3Client` (path-style) and raw signed requests, with
 * the codes, messages, statuses and shapes of tests/fixtures/aws-recordings/s3_test_s3.snapshot.json.
 * Each transport (in-process request handler, HTTP server on 127.0.0.1) runs the same suite.
 */
import { readFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  CopyObjectCommand,
  CreateBucketCommand,
  DeleteBucketCommand,
  DeleteBucketPolicyCommand,
  GetBucketPolicyCommand,
  PutBucketPolicyCommand,
  DeleteObjectCommand,
  DeleteObjectsCommand,
  GetObjectCommand,
  HeadBucketCommand,
  HeadObjectCommand,
  ListBucketsCommand,
  ListObjectsCommand,
  ListObjectsV2Command,
  PutObjectCommand,
  S3Client,
  type BucketLocationConstraint,
  type ListObjectsV2CommandOutput,
} from '@aws-sdk/client-s3';
import { parseEmulatorState, type LambdaService } from '../../../src/emulator/index.ts';
import { ACCOUNT, REGION, failure, makeService, quickJSEngine } from './harness.ts';

export interface S3Connection {
  s3: S3Client;
  /** A request the SDK would not send as is, signed for S3 (the dispatcher reads the scope; signatures are not checked). */
  raw(method: string, path: string, headers?: Record<string, string>, body?: Uint8Array | string): Promise<{ status: number; headers: Record<string, string>; body: string }>;
  close(): Promise<void>;
}

export type ConnectS3 = (service: LambdaService) => Promise<S3Connection>;

export const S3_AUTHORIZATION = `AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20260101/${REGION}/s3/aws4_request, SignedHeaders=host;x-amz-date, Signature=${'0'.repeat(64)}`;

const RECORDINGS = new URL('../../fixtures/aws-recordings/', import.meta.url).pathname;
const s3Recordings = JSON.parse(readFileSync(`${RECORDINGS}/s3_test_s3.snapshot.json`, 'utf8')) as Record<string, { 'recorded-content': Record<string, unknown> }>;

/** One recorded response: `recorded('test_head_object_fields', 'head-object')`. */
export function recordedS3(test: string, key: string): Record<string, unknown> {
  const entry = Object.entries(s3Recordings).find(([name]) => name.endsWith(`::${test}`));
  const content = entry?.[1]['recorded-content'];
  if (!content || !(key in content)) throw new Error(`no S3 recording ${test} / ${key}`);
  return content[key] as Record<string, unknown>;
}

interface RecordedError {
  Error: Record<string, string>;
  ResponseMetadata: { HTTPStatusCode: number };
}

/** The recorded error's code, message and status; `<...>` placeholders in the message match anything. */
function expectRecorded(actual: { name: string; message: string; status: number | undefined }, test: string, key: string): void {
  const rec = recordedS3(test, key) as unknown as RecordedError;
  expect(actual.name).toBe(rec.Error['Code']);
  expect(actual.status).toBe(rec.ResponseMetadata.HTTPStatusCode);
  expect(actual.message).toBe(rec.Error['Message']);
}

/** The elements of an S3 XML error document, in order. */
function errorElements(xml: string): [string, string][] {
  const inner = /^<\?xml version="1\.0" encoding="UTF-8"\?>\n<Error>(.*)<\/Error>$/s.exec(xml)?.[1];
  if (inner === undefined) throw new Error(`not an S3 error document: ${xml}`);
  return [...inner.matchAll(/<([A-Za-z0-9-]+)>([^<]*)<\/\1>/g)].map((m) => [m[1]!, m[2]!]);
}

/** A raw request's S3 error, in the shape SDK failures are compared in. */
function rawFailure(res: { status: number; body: string }): { name: string; message: string; status: number; elements: [string, string][] } {
  const elements = errorElements(res.body);
  return { name: elements[0]![1], message: elements[1]![1], status: res.status, elements };
}

const keysOf = (o: object) => Object.keys(o).filter((k) => k !== '$metadata' && k !== 'Body').sort();
const recordedKeys = (r: Record<string, unknown>) => Object.keys(r).filter((k) => k !== 'ResponseMetadata' && k !== 'Body').sort();

export function s3ApiSuite(transport: string, connect: ConnectS3): void {
  describe(`S3 through ${transport}`, () => {
    let service: LambdaService;
    let c: S3Connection;
    let s3: S3Client;
    const put = (Key: string, Body: string, extra: Record<string, unknown> = {}) => s3.send(new PutObjectCommand({ Bucket: 'bkt', Key, Body, ...extra }));

    beforeEach(async () => {
      ({ service } = makeService(quickJSEngine()));
      c = await connect(service);
      s3 = c.s3;
      await s3.send(new CreateBucketCommand({ Bucket: 'bkt' }));
    });
    afterEach(async () => {
      await c.close();
      service.shutdown();
    });

    describe('buckets', () => {
      it('CreateBucket answers the path in us-east-1 and the bucket URL for another Region, with the bucket ARN', async () => {
        const home = await s3.send(new CreateBucketCommand({ Bucket: 'home-bucket' }));
        expect(keysOf(home)).toEqual(recordedKeys(recordedS3('test_create_bucket_head_bucket', 'create_bucket')));
        expect(home).toMatchObject({ Location: '/home-bucket', BucketArn: 'arn:aws:s3:::home-bucket' });
        const away = await s3.send(new CreateBucketCommand({ Bucket: 'away-bucket', CreateBucketConfiguration: { LocationConstraint: 'eu-west-1' } }));
        expect(away).toMatchObject({ Location: 'http://away-bucket.s3.amazonaws.com/', BucketArn: 'arn:aws:s3:::away-bucket' });
        const head = await s3.send(new HeadBucketCommand({ Bucket: 'away-bucket' }));
        expect(keysOf(head)).toEqual(recordedKeys(recordedS3('test_create_bucket_head_bucket', 'head_bucket')));
        expect(head).toMatchObject({ BucketRegion: 'eu-west-1', BucketArn: 'arn:aws:s3:::away-bucket', AccessPointAlias: false });
      });

      it('creating a bucket you own again: 200 in us-east-1 (its legacy), BucketAlreadyOwnedByYou for a bucket elsewhere', async () => {
        expect((await s3.send(new CreateBucketCommand({ Bucket: 'bkt' }))).Location).toBe('/bkt');
        await s3.send(new CreateBucketCommand({ Bucket: 'west-bucket', CreateBucketConfiguration: { LocationConstraint: 'us-west-1' } }));
        for (const constraint of ['us-west-1', 'us-east-2'] as const) {
          const again = await failure(s3.send(new CreateBucketCommand({ Bucket: 'west-bucket', CreateBucketConfiguration: { LocationConstraint: constraint } })));
          expectRecorded(again, 'test_create_bucket_with_existing_name', `create-bucket-${constraint}`);
          expect(again.error['BucketName']).toBe('west-bucket');
        }
      });

      it('refuses names S3 refuses, and a us-east-1 LocationConstraint on the us-east-1 endpoint', async () => {
        const upper = await failure(s3.send(new CreateBucketCommand({ Bucket: 'UPPER-bucket' })));
        expectRecorded(upper, 'test_s3_uppercase_bucket_name', 'uppercase-bucket');
        for (const name of ['ab', 'a..b', '192.168.1.1', '-dash', 'xn--idn', 'name-s3alias', 'under_score']) {
          expect((await failure(s3.send(new CreateBucketCommand({ Bucket: name })))).name, name).toBe('InvalidBucketName');
        }
        // The SDK's enum leaves us-east-1 out, as S3 refuses it; the request is sent all the same.
        const constraint = await failure(s3.send(new CreateBucketCommand({ Bucket: 'east-bucket', CreateBucketConfiguration: { LocationConstraint: 'us-east-1' as BucketLocationConstraint } })));
        expectRecorded(constraint, 'test_different_location_constraint', 'create-bucket-constraint-us-east-1');
        expect(constraint.error['LocationConstraint']).toBe('us-east-1');
      });

      it('a request signed for another Region must name that Region as LocationConstraint', async () => {
        const scope = S3_AUTHORIZATION.replace(`/${REGION}/`, '/us-east-2/');
        const none = await c.raw('PUT', '/east2-bucket', { authorization: scope });
        expect(none.status).toBe(400);
        expect(errorElements(none.body).slice(0, 2)).toEqual([
          ['Code', 'IllegalLocationConstraintException'],
          ['Message', 'The unspecified location constraint is incompatible for the region specific endpoint this request was sent to.'],
        ]);
        const config = (region: string) => `<CreateBucketConfiguration xmlns="http://s3.amazonaws.com/doc/2006-03-01/"><LocationConstraint>${region}</LocationConstraint></CreateBucketConfiguration>`;
        const other = await c.raw('PUT', '/east2-bucket', { authorization: scope }, config('us-west-1'));
        expect(errorElements(other.body)[1]).toEqual(['Message', 'The us-west-1 location constraint is incompatible for the region specific endpoint this request was sent to.']);
        expect((await c.raw('PUT', '/east2-bucket', { authorization: scope }, config('us-east-2'))).status).toBe(200);
      });

      it('ListBuckets lists names, creation dates and ARNs under the account’s owner id', async () => {
        const out = await s3.send(new ListBucketsCommand({}));
        const rec = recordedS3('test_delete_bucket_with_content', 'list-buckets') as { Buckets: Record<string, unknown>[] };
        expect(keysOf(out)).toEqual(recordedKeys(rec));
        expect(Object.keys(out.Buckets![0]!).sort()).toEqual(Object.keys(rec.Buckets[0]!).sort());
        expect(out.Buckets).toEqual([{ Name: 'bkt', CreationDate: new Date('2026-01-01T00:00:00.000Z'), BucketArn: 'arn:aws:s3:::bkt' }]);
        expect(out.Owner?.ID).toMatch(/^[0-9a-f]{64}$/);
      });

      it('HeadBucket of a missing bucket is a bare 404, as for every HEAD error', async () => {
        const missing = await failure(s3.send(new HeadBucketCommand({ Bucket: 'no-such-bucket' })));
        expect({ name: missing.name, status: missing.status }).toEqual({ name: 'NotFound', status: 404 });
        const raw = await c.raw('HEAD', '/no-such-bucket');
        expect(raw).toMatchObject({ status: 404, body: '' });
        expect(raw.headers['x-amz-request-id']).toMatch(/^[0-9A-F]{16}$/);
      });

      it('DeleteBucket refuses a bucket with objects (BucketNotEmpty) and a missing one (NoSuchBucket)', async () => {
        await put('k', 'v');
        const notEmpty = await failure(s3.send(new DeleteBucketCommand({ Bucket: 'bkt' })));
        expect({ name: notEmpty.name, status: notEmpty.status, message: notEmpty.message, bucket: notEmpty.error['BucketName'] }).toEqual({
          name: 'BucketNotEmpty',
          status: 409,
          message: 'The bucket you tried to delete is not empty',
          bucket: 'bkt',
        });
        const missing = await failure(s3.send(new DeleteBucketCommand({ Bucket: 'does-not-exist-localstack-test' })));
        expectRecorded(missing, 'test_delete_bucket_no_such_bucket', 'expected_error');
        expect(missing.error['BucketName']).toBe('does-not-exist-localstack-test');
        await s3.send(new DeleteObjectCommand({ Bucket: 'bkt', Key: 'k' }));
        expect((await s3.send(new DeleteBucketCommand({ Bucket: 'bkt' }))).$metadata.httpStatusCode).toBe(204);
        expect((await s3.send(new ListBucketsCommand({}))).Buckets).toEqual([]);
      });
    });

    describe('bucket policies', () => {
      const policy = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { AWS: '*' }, Action: 's3:GetObject', Resource: 'arn:aws:s3:::bkt/*' }] });

      it('PutBucketPolicy (204) is read back by GetBucketPolicy; without one, or after DeleteBucketPolicy, NoSuchBucketPolicy as recorded', async () => {
        const none = await failure(s3.send(new GetBucketPolicyCommand({ Bucket: 'bkt' })));
        expectRecorded(none, 'test_get_bucket_policy', 'get-bucket-policy-no-such-bucket-policy');
        expect(none.error['BucketName']).toBe('bkt');
        expect((await s3.send(new PutBucketPolicyCommand({ Bucket: 'bkt', Policy: policy }))).$metadata.httpStatusCode).toBe(204);
        expect(JSON.parse((await s3.send(new GetBucketPolicyCommand({ Bucket: 'bkt' }))).Policy!)).toEqual(JSON.parse(policy));
        expect((await s3.send(new DeleteBucketPolicyCommand({ Bucket: 'bkt' }))).$metadata.httpStatusCode).toBe(204);
        expectRecorded(await failure(s3.send(new GetBucketPolicyCommand({ Bucket: 'bkt' }))), 'test_delete_bucket_policy', 'get-bucket-policy-no-such-bucket-policy');
      });

      it('refuses a policy that is not a JSON object (MalformedPolicy), and a missing bucket (NoSuchBucket)', async () => {
        const malformed = await failure(s3.send(new PutBucketPolicyCommand({ Bucket: 'bkt', Policy: 'not json' })));
        expect([malformed.name, malformed.status, malformed.message]).toEqual(['MalformedPolicy', 400, "Policies must be valid JSON and the first byte must be '{'"]);
        const noStatement = await failure(s3.send(new PutBucketPolicyCommand({ Bucket: 'bkt', Policy: '{"Version":"2012-10-17"}' })));
        expect([noStatement.name, noStatement.message]).toEqual(['MalformedPolicy', 'Missing required field Statement']);
        expect((await failure(s3.send(new GetBucketPolicyCommand({ Bucket: 'no-such-bucket-here' })))).name).toBe('NoSuchBucket');
      });
    });

    describe('objects', () => {
      it('PutObject answers the quoted MD5 ETag and the SDK’s CRC32, which GetObject returns with the body', async () => {
        const putOut = await put('my-key', 'test-checksum');
        const recPut = recordedS3('test_s3_get_object_checksum[CRC32]', 'put-object');
        expect(keysOf(putOut)).toEqual(recordedKeys(recPut));
        expect(putOut).toMatchObject({ ETag: recPut['ETag'], ChecksumCRC32: recPut['ChecksumCRC32'], ChecksumType: 'FULL_OBJECT', ServerSideEncryption: 'AES256' });
        const got = await s3.send(new GetObjectCommand({ Bucket: 'bkt', Key: 'my-key' }));
        const recGet = recordedS3('test_s3_get_object_checksum[CRC32]', 'get-object');
        expect(keysOf(got)).toEqual(recordedKeys(recGet));
        expect(await got.Body!.transformToString()).toBe('test-checksum');
        // The SDK v3 sends application/octet-stream for a Body without ContentType (boto3 sends none).
        expect(got).toMatchObject({ ContentLength: 13, ContentType: 'application/octet-stream', ETag: recGet['ETag'], ChecksumCRC32: 'lVk/nw==', Metadata: {} });
        await c.raw('PUT', '/bkt/untyped', {}, 'x');
        expect((await s3.send(new HeadObjectCommand({ Bucket: 'bkt', Key: 'untyped' }))).ContentType).toBe(recGet['ContentType']);
      });

      it('HeadObject describes the object with Content-Type, user metadata and stored headers, as recorded', async () => {
        await put('source-object', '{"key": "value"}', { ContentType: 'application/json', Metadata: { key: 'value' }, ContentLanguage: 'en-US' });
        const head = await s3.send(new HeadObjectCommand({ Bucket: 'bkt', Key: 'source-object' }));
        const rec = recordedS3('test_s3_copy_metadata_replace', 'head_object');
        expect(keysOf(head)).toEqual(recordedKeys(rec));
        expect(head).toMatchObject({ ContentLength: 16, ContentType: 'application/json', ContentLanguage: 'en-US', ETag: rec['ETag'], Metadata: { key: 'value' } });
        expect(head.LastModified).toEqual(new Date('2026-01-01T00:00:00.000Z'));
      });

      it('a missing key is NoSuchKey with the Key (404, XML), and a bare 404 on HEAD', async () => {
        const get = await failure(s3.send(new GetObjectCommand({ Bucket: 'bkt', Key: 'my-key' })));
        expectRecorded(get, 'test_range_key_not_exists', 'exc');
        expect(get.error['Key']).toBe('my-key');
        const raw = await c.raw('GET', '/bkt/my-key');
        expect(raw.status).toBe(404);
        expect(raw.headers['content-type']).toBe('application/xml');
        const elements = errorElements(raw.body);
        expect(elements.map(([k]) => k)).toEqual(['Code', 'Message', 'Key', 'RequestId', 'HostId']);
        expect(elements.slice(0, 3)).toEqual([['Code', 'NoSuchKey'], ['Message', 'The specified key does not exist.'], ['Key', 'my-key']]);
        expect(elements[3]![1]).toBe(raw.headers['x-amz-request-id']);
        expect(elements[4]![1]).toBe(raw.headers['x-amz-id-2']);
        const head = await failure(s3.send(new HeadObjectCommand({ Bucket: 'bkt', Key: 'my-key' })));
        expect({ name: head.name, status: head.status }).toEqual({ name: 'NotFound', status: 404 });
        const missingBucket = await failure(s3.send(new GetObjectCommand({ Bucket: 'no-such-bucket', Key: 'k' })));
        expectRecorded(missingBucket, 'test_get_object_no_such_bucket', 'expected_error');
      });

      it('Range answers 206 with Content-Range; an unsatisfiable range is InvalidRange 416', async () => {
        const body = 'Lorem ipsum dolor sit amet, ... '.repeat(30);
        await put('my-key', body);
        const ranged = await s3.send(new GetObjectCommand({ Bucket: 'bkt', Key: 'my-key', Range: 'bytes=0-16' }));
        const rec = recordedS3('test_etag_on_get_object_call', 'get_object_range');
        expect(keysOf(ranged)).toEqual(recordedKeys(rec));
        expect(ranged.$metadata.httpStatusCode).toBe(206);
        expect({ ContentRange: ranged.ContentRange, ContentLength: ranged.ContentLength, ETag: ranged.ETag }).toEqual({ ContentRange: rec['ContentRange'], ContentLength: 17, ETag: rec['ETag'] });
        expect(await ranged.Body!.transformToString()).toBe(rec['Body']);
        const suffix = await s3.send(new GetObjectCommand({ Bucket: 'bkt', Key: 'my-key', Range: 'bytes=-4' }));
        expect([suffix.ContentRange, await suffix.Body!.transformToString()]).toEqual(['bytes 956-959/960', '... ']);
        await put('small', '12345678');
        const bad = await failure(s3.send(new GetObjectCommand({ Bucket: 'bkt', Key: 'small', Range: 'bytes=1024-4096' })));
        expectRecorded(bad, 'test_invalid_range_error', 'exc');
        expect({ RangeRequested: bad.error['RangeRequested'], ActualObjectSize: bad.error['ActualObjectSize'] }).toEqual({ RangeRequested: 'bytes=1024-4096', ActualObjectSize: '8' });
      });

      it('checks Content-MD5: InvalidDigest for a malformed one, BadDigest for a wrong one', async () => {
        for (const [i, md5] of ['__invalid__', '000', 'not base64 encoded checksum', 'MTIz', 'dGVzdC1zdHJpbmc='].entries()) {
          const bad = rawFailure(await c.raw('PUT', '/bkt/md5', { 'content-md5': md5 }, 'test data'));
          expectRecorded(bad, 'test_s3_invalid_content_md5', `md5-error-${i}`);
          expect(bad.elements[2]).toEqual(['Content-MD5', md5]);
        }
        const wrong = await c.raw('PUT', '/bkt/md5', { 'content-md5': 'CYketZBSTjX8czcs3cXVlg==' }, 'test data');
        expect(wrong.status).toBe(400);
        expect(errorElements(wrong.body).slice(0, 4)).toEqual([
          ['Code', 'BadDigest'],
          ['Message', 'The Content-MD5 you specified did not match what we received.'],
          ['ExpectedDigest', '09891eb590524e35fc73372cddc5d596'],
          ['CalculatedDigest', '63M6AMDJ0zbmVpGjerVCkw=='],
        ]);
        const right = await s3.send(new PutObjectCommand({ Bucket: 'bkt', Key: 'md5', Body: 'test data', ContentMD5: '63M6AMDJ0zbmVpGjerVCkw==' }));
        expect(right.ETag).toBe('"eb733a00c0c9d336e65691a37ab54293"');
      });

      it('checks x-amz-checksum-* values, and stores CRC64NVME when none is sent', async () => {
        const invalid = rawFailure(await c.raw('PUT', '/bkt/c', { 'x-amz-checksum-crc64nvme': 'not-b64' }, 'test data..'));
        expectRecorded(invalid, 'test_put_object_checksum[CRC64NVME]', 'put-wrong-checksum-no-b64');
        const wrong = rawFailure(await c.raw('PUT', '/bkt/c', { 'x-amz-checksum-crc64nvme': 'AAAAAAAAAAA=' }, 'test data..'));
        expectRecorded(wrong, 'test_put_object_checksum[CRC64NVME]', 'put-wrong-checksum-value');
        const two = await c.raw('PUT', '/bkt/c', { 'x-amz-checksum-crc32': 'AAAAAA==', 'x-amz-checksum-sha1': 'AAAAAAAAAAAAAAAAAAAAAAAAAAA=' }, 'x');
        expect(errorElements(two.body)[1]).toEqual(['Message', 'Expecting a single x-amz-checksum- header. Multiple checksum Types are not allowed.']);
        const plain = await c.raw('PUT', '/bkt/c', {}, 'test data..');
        expect(plain.status).toBe(200);
        expect(plain.headers['x-amz-checksum-crc64nvme']).toBe('qUVrWYOrIAM=');
        const head = await s3.send(new HeadObjectCommand({ Bucket: 'bkt', Key: 'c', ChecksumMode: 'ENABLED' }));
        const rec = recordedS3('test_s3_checksum_no_automatic_sdk_calculation', 'head-obj-no-checksum');
        expect(keysOf(head)).toEqual(recordedKeys(rec));
        expect(head).toMatchObject({ ChecksumCRC64NVME: rec['ChecksumCRC64NVME'], ChecksumType: 'FULL_OBJECT', ETag: rec['ETag'] });
      });

      it('decodes aws-chunked bodies with a trailing checksum (STREAMING-UNSIGNED-PAYLOAD-TRAILER)', async () => {
        const chunked = '5\r\nhello\r\n6\r\n world\r\n0\r\nx-amz-checksum-crc32:DUoRhQ==\r\n\r\n';
        const headers = {
          'content-encoding': 'aws-chunked',
          'x-amz-content-sha256': 'STREAMING-UNSIGNED-PAYLOAD-TRAILER',
          'x-amz-decoded-content-length': '11',
          'x-amz-trailer': 'x-amz-checksum-crc32',
          'x-amz-sdk-checksum-algorithm': 'CRC32',
        };
        const ok = await c.raw('PUT', '/bkt/chunked', headers, chunked);
        expect(ok.status).toBe(200);
        expect(ok.headers['etag']).toBe('"5eb63bbbe01eeed093cb22bb8f5acdc3"');
        const got = await s3.send(new GetObjectCommand({ Bucket: 'bkt', Key: 'chunked' }));
        expect([await got.Body!.transformToString(), got.ContentEncoding, got.ChecksumCRC32]).toEqual(['hello world', undefined, 'DUoRhQ==']);
        const bad = await c.raw('PUT', '/bkt/chunked', headers, chunked.replace('DUoRhQ==', 'AAAAAA=='));
        expect(errorElements(bad.body)[0]).toEqual(['Code', 'BadDigest']);
      });

      it('DeleteObject answers 204 whether or not the key existed; DeleteObjects lists every key asked for', async () => {
        await put('dummy1', 'a');
        await put('dummy2', 'b');
        expect((await s3.send(new DeleteObjectCommand({ Bucket: 'bkt', Key: 'never' }))).$metadata.httpStatusCode).toBe(204);
        const out = await s3.send(new DeleteObjectsCommand({ Bucket: 'bkt', Delete: { Objects: [{ Key: 'dummy1' }, { Key: 'dummy2' }, { Key: 'test-key-nonexistent' }] } }));
        const rec = recordedS3('test_delete_non_existing_keys', 'deleted-resp');
        expect(keysOf(out)).toEqual(recordedKeys(rec));
        expect(out.Deleted).toEqual(rec['Deleted']);
        expect((await s3.send(new ListObjectsV2Command({ Bucket: 'bkt' }))).KeyCount).toBe(0);
        const missing = await failure(s3.send(new DeleteObjectsCommand({ Bucket: 'no-such-bucket', Delete: { Objects: [{ Key: 'a' }] } })));
        expectRecorded(missing, 'test_delete_non_existing_keys_in_non_existing_bucket', 'error-non-existent-bucket');
        const malformed = await c.raw('POST', '/bkt?delete', {}, '<Delete><Object><Key>a</Key></Delete>');
        expect(errorElements(malformed.body).slice(0, 2)).toEqual([['Code', 'MalformedXML'], ['Message', 'The XML you provided was not well-formed or did not validate against our published schema']]);
      });

      it('CopyObject copies or replaces metadata, and refuses a copy onto itself that changes nothing', async () => {
        await put('source-object', '{"key": "value"}', { ContentType: 'application/json', Metadata: { key: 'value' }, ContentLanguage: 'en-US' });
        const copied = await s3.send(new CopyObjectCommand({ Bucket: 'bkt', CopySource: 'bkt/source-object', Key: 'source-object-copy', Metadata: { 'another-key': 'value' }, ContentType: 'image/jpg', MetadataDirective: 'REPLACE' }));
        const rec = recordedS3('test_s3_copy_metadata_replace', 'copy_object') as { CopyObjectResult: Record<string, unknown> };
        expect(keysOf(copied)).toEqual(recordedKeys(rec));
        expect(Object.keys(copied.CopyObjectResult!).sort()).toEqual(Object.keys(rec.CopyObjectResult).sort());
        expect(copied.CopyObjectResult).toMatchObject({ ETag: rec.CopyObjectResult['ETag'], ChecksumCRC32: rec.CopyObjectResult['ChecksumCRC32'], ChecksumType: 'FULL_OBJECT' });
        const head = await s3.send(new HeadObjectCommand({ Bucket: 'bkt', Key: 'source-object-copy' }));
        const recHead = recordedS3('test_s3_copy_metadata_replace', 'head_object_copy');
        expect(keysOf(head)).toEqual(recordedKeys(recHead));
        expect(head).toMatchObject({ ContentType: 'image/jpg', Metadata: { 'another-key': 'value' }, ContentLength: 16 });
        const kept = await s3.send(new CopyObjectCommand({ Bucket: 'bkt', CopySource: 'bkt/source-object', Key: 'kept' }));
        expect(kept.CopyObjectResult?.ETag).toBe(rec.CopyObjectResult['ETag']);
        expect((await s3.send(new HeadObjectCommand({ Bucket: 'bkt', Key: 'kept' }))).Metadata).toEqual({ key: 'value' });
        const self = await failure(s3.send(new CopyObjectCommand({ Bucket: 'bkt', CopySource: 'bkt/source-object', Key: 'source-object' })));
        expectRecorded(self, 'test_s3_copy_object_in_place', 'copy-object-in-place-no-change');
        const noBucket = await failure(s3.send(new CopyObjectCommand({ Bucket: 'bkt', CopySource: 'missing-bucket/random-src-key', Key: 'x' })));
        expectRecorded(noBucket, 'test_s3_copy_object_src_not_exists', 'copy-object-src-bucket-not-exists');
        expect(noBucket.error['BucketName']).toBe('missing-bucket');
        const noKey = await failure(s3.send(new CopyObjectCommand({ Bucket: 'bkt', CopySource: 'bkt/random-src-key', Key: 'x' })));
        expectRecorded(noKey, 'test_s3_copy_object_src_not_exists', 'copy-object-src-object-not-exists');
        expect(noKey.error['Key']).toBe('random-src-key');
      });

      it('a presigned GET (X-Amz-* in the query) is GetObject, and response-* parameters set the answer’s headers', async () => {
        await put('presigned.txt', 'shared');
        const query = 'X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=AKIDEXAMPLE%2F20260101%2Fus-east-1%2Fs3%2Faws4_request&X-Amz-Date=20260101T000000Z&X-Amz-Expires=900&X-Amz-SignedHeaders=host&X-Amz-Signature=' + '0'.repeat(64);
        const res = await c.raw('GET', `/bkt/presigned.txt?${query}&response-content-type=text%2Fplain&response-content-disposition=attachment`, { authorization: '' });
        expect([res.status, res.body, res.headers['content-type'], res.headers['content-disposition']]).toEqual([200, 'shared', 'text/plain', 'attachment']);
      });

      it('keys keep spaces, pluses, slashes and non-ASCII characters', async () => {
        for (const key of ['a b/c+d.txt', 'test%123', 'a/%F0%9F%98%80/', 'ünï/🎉', 'double//slash']) {
          await put(key, key);
          const got = await s3.send(new GetObjectCommand({ Bucket: 'bkt', Key: key }));
          expect(await got.Body!.transformToString(), key).toBe(key);
        }
      });
    });

    describe('ListObjectsV2', () => {
      beforeEach(async () => {
        for (const key of ['test/bar/foo/123', 'test/foo/bar/123', 'test/foo/bar/456', 'top.txt', 'zz/one']) await put(key, 'hello world');
      });
      const list = (input: Partial<ConstructorParameters<typeof ListObjectsV2Command>[0]> = {}) => s3.send(new ListObjectsV2Command({ Bucket: 'bkt', ...input }));

      it('filters by Prefix, in the recorded shape', async () => {
        const out = await list({ Prefix: 'test/foo' });
        const rec = recordedS3('test_list_objects_v2_with_prefix', 'list-objects-v2-2') as { Contents: Record<string, unknown>[] };
        expect(keysOf(out).filter((k) => k !== 'EncodingType')).toEqual(recordedKeys(rec).filter((k) => k !== 'EncodingType'));
        expect(out).toMatchObject({ Name: 'bkt', Prefix: 'test/foo', KeyCount: 2, MaxKeys: 1000, IsTruncated: false });
        expect(out.Contents!.map((o) => o.Key)).toEqual(['test/foo/bar/123', 'test/foo/bar/456']);
        expect(Object.keys(out.Contents![0]!).sort()).toEqual([...Object.keys(rec.Contents[0]!), 'ChecksumAlgorithm', 'ChecksumType'].sort());
        expect(out.Contents![0]).toMatchObject({ ETag: '"5eb63bbbe01eeed093cb22bb8f5acdc3"', Size: 11, StorageClass: 'STANDARD', ChecksumAlgorithm: ['CRC32'], ChecksumType: 'FULL_OBJECT' });
      });

      it('rolls keys up into CommonPrefixes at the Delimiter', async () => {
        const top = await list({ Delimiter: '/' });
        expect(top.Contents?.map((o) => o.Key)).toEqual(['top.txt']);
        expect(top.CommonPrefixes).toEqual([{ Prefix: 'test/' }, { Prefix: 'zz/' }]);
        expect(top.KeyCount).toBe(3);
        const inner = await list({ Prefix: 'test/', Delimiter: '/' });
        expect(inner.Contents).toBeUndefined();
        expect(inner.CommonPrefixes).toEqual([{ Prefix: 'test/bar/' }, { Prefix: 'test/foo/' }]);
      });

      it('pages with MaxKeys and ContinuationToken (a common prefix counts as one key), and starts after StartAfter', async () => {
        const seen: string[] = [];
        let token: string | undefined;
        const pages: ListObjectsV2CommandOutput[] = [];
        do {
          const page = await list({ MaxKeys: 2, Delimiter: '/', ...(token ? { ContinuationToken: token } : {}) });
          pages.push(page);
          seen.push(...(page.CommonPrefixes ?? []).map((p) => p.Prefix!), ...(page.Contents ?? []).map((o) => o.Key!));
          token = page.NextContinuationToken;
        } while (token);
        expect(seen).toEqual(['test/', 'top.txt', 'zz/']);
        expect(pages.map((p) => [p.KeyCount, p.IsTruncated])).toEqual([[2, true], [1, false]]);
        expect(pages[1]!.ContinuationToken).toBe(pages[0]!.NextContinuationToken);
        const after = await list({ StartAfter: 'test/foo/bar/123' });
        expect(after.Contents!.map((o) => o.Key)).toEqual(['test/foo/bar/456', 'top.txt', 'zz/one']);
        expect(after.StartAfter).toBe('test/foo/bar/123');
        const bad = await failure(list({ ContinuationToken: '!!!' }));
        expect([bad.name, bad.message, bad.error['ArgumentName']]).toEqual(['InvalidArgument', 'The continuation token provided is incorrect', 'continuation-token']);
      });

      it('ListObjects (version 1) answers Marker, NextMarker with a Delimiter, and owners, as recorded', async () => {
        const out = await s3.send(new ListObjectsCommand({ Bucket: 'bkt', MaxKeys: 2, Delimiter: '/' }));
        const rec = recordedS3('test_delete_bucket_with_content', 'list-objects') as { Contents: Record<string, unknown>[] };
        expect(keysOf(out)).toEqual([...recordedKeys(rec), 'CommonPrefixes', 'Delimiter', 'NextMarker'].filter((k) => k !== 'EncodingType').sort());
        expect(out).toMatchObject({ Marker: '', MaxKeys: 2, IsTruncated: true, NextMarker: 'top.txt', CommonPrefixes: [{ Prefix: 'test/' }] });
        expect(Object.keys(out.Contents![0]!).sort()).toEqual(Object.keys(rec.Contents[0]!).sort());
        const next = await s3.send(new ListObjectsCommand({ Bucket: 'bkt', Marker: out.NextMarker!, Delimiter: '/' }));
        expect([next.CommonPrefixes, next.IsTruncated]).toEqual([[{ Prefix: 'zz/' }], false]);
      });

      it('URL-encodes keys with encoding-type=url', async () => {
        await put('a b/ü', 'x');
        const raw = await c.raw('GET', '/bkt?list-type=2&prefix=a&encoding-type=url');
        expect(raw.body).toContain('<Key>a+b/%C3%BC</Key>');
        expect(raw.body).toContain('<EncodingType>url</EncodingType>');
        const missing = await failure(s3.send(new ListObjectsV2Command({ Bucket: 'no-such-bucket' })));
        expectRecorded(missing, 'test_bucket_does_not_exist', 'list_object');
      });
    });

    it('answers NotImplemented for S3 operations the emulator does not provide', async () => {
      const res = await c.raw('GET', '/bkt?acl');
      expect(res.status).toBe(501);
      expect(errorElements(res.body)[0]).toEqual(['Code', 'NotImplemented']);
    });

    it('the saved state keeps buckets and objects, and a state saved before S3 existed still loads', async () => {
      await put('kept', 'body', { Metadata: { a: 'b' } });
      const snapshot = service.snapshot();
      expect(snapshot.accountId).toBe(ACCOUNT);
      expect(Object.keys(snapshot.s3.buckets)).toEqual(['bkt']);
      const parsed = parseEmulatorState(JSON.parse(JSON.stringify(snapshot)));
      if (!parsed.ok) throw new Error(parsed.message);
      const restored = makeService(quickJSEngine(), { state: parsed.state });
      const got = await restored.s3.send(new GetObjectCommand({ Bucket: 'bkt', Key: 'kept' }));
      expect([await got.Body!.transformToString(), got.Metadata]).toEqual(['body', { a: 'b' }]);
      restored.close();
      const { s3: _dropped, ...before } = JSON.parse(JSON.stringify(snapshot)) as Record<string, unknown>;
      const old = parseEmulatorState(before);
      expect(old.ok && old.state.s3).toEqual({ buckets: {}, nextSequence: 0 });
    });
  });
}
