/**
 * S3's part of the account's saved state, as plain JSON: buckets, their objects (bodies base64)
 * and their notification configurations. service/state.ts composes it into EmulatorState.
 */
import * as z from 'zod/mini';
import { CHECKSUM_ALGORITHMS } from './checksums.ts';

const count = () => z.int().check(z.gte(0));

export const s3ObjectSchema = z.object({
  Key: z.string(),
  /** The bytes, base64. */
  Body: z.string(),
  Size: count(),
  /** Hex MD5 of the body, without the quotes the ETag header adds. */
  ETag: z.string(),
  /** Epoch milliseconds. */
  LastModified: z.number(),
  ContentType: z.string(),
  /** Content-Encoding, Content-Disposition, Content-Language, Cache-Control and Expires, as sent. */
  Headers: z.record(z.string(), z.string()),
  /** User metadata (x-amz-meta-*), names lower-cased. */
  Metadata: z.record(z.string(), z.string()),
  ChecksumAlgorithm: z.enum(CHECKSUM_ALGORITHMS),
  /** Base64, as in the x-amz-checksum-* header. */
  Checksum: z.string(),
});

export const filterRuleSchema = z.object({ Name: z.enum(['Prefix', 'Suffix']), Value: z.string() });

/** Where S3 sends events: the XML element naming the destination ARN in each configuration. */
export const DESTINATIONS = ['CloudFunction', 'Queue', 'Topic'] as const;

export const notificationSchema = z.object({
  Id: z.string(),
  Destination: z.enum(DESTINATIONS),
  Arn: z.string(),
  Events: z.array(z.string()),
  FilterRules: z.optional(z.array(filterRuleSchema)),
});

export const bucketSchema = z.object({
  Name: z.string(),
  /** Where the bucket lives: its LocationConstraint, or us-east-1. */
  Region: z.string(),
  /** Epoch milliseconds. */
  CreationDate: z.number(),
  objects: z.record(z.string(), s3ObjectSchema),
  /** Lambda, SQS and SNS notification configurations, in the order they were put. */
  Notifications: z._default(z.array(notificationSchema), []),
  /** The bucket policy, as the JSON text it was put with. */
  Policy: z.optional(z.string()),
});

export const s3StateSchema = z.object({
  buckets: z.record(z.string(), bucketSchema),
  /** Orders event sequencers across the account, and keeps doing so after a restore. */
  nextSequence: count(),
});

export type S3Object = z.infer<typeof s3ObjectSchema>;
export type FilterRule = z.infer<typeof filterRuleSchema>;
export type Notification = z.infer<typeof notificationSchema>;
export type Destination = (typeof DESTINATIONS)[number];
export type Bucket = z.infer<typeof bucketSchema>;
export type S3State = z.infer<typeof s3StateSchema>;
