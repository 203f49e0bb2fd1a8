/**
 * Where a deployment package comes from: the request's `ZipFile` (base64), or an S3 object named by
 * `S3Bucket`, `S3Key` and `S3ObjectVersion`, which Lambda reads with GetObject and whose S3 error
 * it reports as InvalidParameterValueException.
 */
import type { S3Service } from '../s3/s3-service.ts';
import type { CodeStore, StoredCode } from './code-store.ts';
import { stringField, type Json } from './context.ts';
import { codeSourceMissing, invalidParameter } from './errors.ts';

/** GetObject as another service calls it: the bytes, or S3's error code and message. */
export type ObjectSource = Pick<S3Service, 'getObject'>;

/** Stores the package a `Code` / `Content` object (or UpdateFunctionCode's input) names. */
export function storeCode(code: CodeStore, objects: ObjectSource, source: Json | undefined): Promise<StoredCode> {
  if (source?.['ZipFile'] !== undefined) return code.put(source['ZipFile']);
  const bucket = source ? stringField(source, 'S3Bucket') : undefined;
  const key = source ? stringField(source, 'S3Key') : undefined;
  if (bucket === undefined || key === undefined) throw codeSourceMissing();
  const read = objects.getObject(bucket, key, stringField(source!, 'S3ObjectVersion'));
  if ('code' in read) throw invalidParameter(`Error occurred while GetObject. S3 Error Code: ${read.code}. S3 Error Message: ${read.message}`);
  return code.putBytes(read.bytes);
}
