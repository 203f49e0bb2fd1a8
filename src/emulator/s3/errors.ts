/**
 * S3's errors as data: the code, the HTTP status, the message and the extra elements S3 puts in
 * its XML error body (BucketName, Key, ArgumentName, ...), in the order S3 writes them.
 */

export class S3Error extends Error {
  readonly code: string;
  readonly status: number;
  /** Elements after Code and Message, before RequestId and HostId. */
  readonly fields: readonly (readonly [string, string])[];

  constructor(code: string, status: number, message: string, fields: readonly (readonly [string, string])[] = []) {
    super(message);
    this.name = code;
    this.code = code;
    this.status = status;
    this.fields = fields;
  }
}

export const noSuchBucket = (bucket: string) => new S3Error('NoSuchBucket', 404, 'The specified bucket does not exist', [['BucketName', bucket]]);
export const noSuchKey = (key: string) => new S3Error('NoSuchKey', 404, 'The specified key does not exist.', [['Key', key]]);
export const bucketNotEmpty = (bucket: string) => new S3Error('BucketNotEmpty', 409, 'The bucket you tried to delete is not empty', [['BucketName', bucket]]);
export const bucketAlreadyOwnedByYou = (bucket: string) =>
  new S3Error('BucketAlreadyOwnedByYou', 409, 'Your previous request to create the named bucket succeeded and you already own it.', [['BucketName', bucket]]);
export const invalidBucketName = (bucket: string) => new S3Error('InvalidBucketName', 400, 'The specified bucket is not valid.', [['BucketName', bucket]]);
export const malformedXml = () => new S3Error('MalformedXML', 400, 'The XML you provided was not well-formed or did not validate against our published schema');
export const invalidRequest = (message: string) => new S3Error('InvalidRequest', 400, message);
export const invalidArgument = (message: string, name: string, value: string) =>
  new S3Error('InvalidArgument', 400, message, [['ArgumentName', name], ['ArgumentValue', value]]);

/** The version id of every object in a bucket that never had versioning enabled. */
export const NULL_VERSION = 'null';
export const invalidVersionId = (versionId: string) => invalidArgument('Invalid version id specified', 'versionId', versionId);
