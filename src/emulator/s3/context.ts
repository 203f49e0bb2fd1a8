/** What every S3 operation shares: the account's buckets, its identity and clock, and how a reply is described. */
import type { Clock } from '../runtime/contract.ts';
import { noSuchBucket } from './errors.ts';
import type { Bucket, S3State } from './state.ts';
import type { XmlValue } from './xml.ts';

/** What S3 needs from Lambda to deliver events to functions. */
export interface LambdaInvoker {
  /** Whether the function exists and its resource policy lets s3.amazonaws.com invoke it for this source. */
  allowsS3(functionArn: string, sourceArn: string, sourceAccount: string): boolean;
  /** An asynchronous (Event) invocation made by S3; Lambda checks the resource policy again and drops it if refused. */
  invokeAsS3(functionArn: string, payload: string, sourceArn: string, sourceAccount: string, traceHeader?: string): void;
}

/** Whether S3 may send to a queue or topic: it must exist and its policy must allow s3.amazonaws.com for the bucket. */
export type DestinationAccess = 'allowed' | 'denied' | 'missing';

/** What S3 needs from SQS and SNS to deliver events to queues and topics. */
export interface QueueAndTopicSender {
  queueAccess(queueArn: string, sourceArn: string, sourceAccount: string): DestinationAccess;
  topicAccess(topicArn: string, sourceArn: string, sourceAccount: string): DestinationAccess;
  /** Sends as s3.amazonaws.com; dropped when the queue is gone or its policy no longer allows it, as on AWS. */
  sendToQueue(queueArn: string, body: string, sourceArn: string, sourceAccount: string): void;
  /** Publishes as s3.amazonaws.com with S3's subject; dropped as for queues. */
  publishToTopic(topicArn: string, message: string, subject: string, sourceArn: string, sourceAccount: string): void;
}

export interface S3Context {
  readonly state: S3State;
  /** The emulator's own Region (the endpoint's, unless the request is signed for another). */
  readonly region: string;
  readonly accountId: string;
  readonly clock: Clock;
  /** The account's canonical user id, S3's Owner.ID. */
  readonly ownerId: string;
  /** The account's principal id in event records (ownerIdentity, userIdentity). */
  readonly principalId: string;
  readonly uuid: () => string;
  readonly lambda: LambdaInvoker;
  readonly messaging: QueueAndTopicSender;
}

/** One S3 request, after path-style addressing is read. */
export interface S3Request {
  method: string;
  bucket: string;
  /** Undefined for bucket operations. */
  key?: string;
  query: Record<string, string>;
  /** Lower-case names. */
  headers: Record<string, string>;
  body: Uint8Array;
  requestId: string;
  hostId: string;
  /** The Region the request was signed for (SigV4 scope), which CreateBucket checks constraints against. */
  endpointRegion: string;
}

/** What an operation answers; the router turns it into the wire response. */
export interface S3Reply {
  status?: number;
  headers?: Record<string, string>;
  /** A response document: root element name and its children. */
  xml?: readonly [root: string, value: { readonly [name: string]: XmlValue } | string];
  body?: Uint8Array;
}

export function bucketOf(ctx: S3Context, name: string): Bucket {
  const bucket = ctx.state.buckets[name];
  if (!bucket) throw noSuchBucket(name);
  return bucket;
}

export const bucketArn = (name: string): string => `arn:aws:s3:::${name}`;

/** S3's timestamp in XML documents: ISO 8601 with milliseconds. */
export const isoTime = (epochMs: number): string => new Date(epochMs).toISOString();

/** S3's timestamp in headers (Last-Modified): RFC 7231. */
export const httpDate = (epochMs: number): string => new Date(epochMs).toUTCString();
