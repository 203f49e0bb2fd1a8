/**
 * S3Service: the account's buckets and objects. It owns S3's slice of the saved state and hands it
 * to the operation modules (buckets, objects, list-objects, notifications) as an S3Context; Lambda
 * reads deployment packages through `getObject`.
 */
import type { Clock } from '../runtime/contract.ts';
import { fnv1a } from '../seeded.ts';
import { toDict } from '../service/dict.ts';
import type { LambdaInvoker, QueueAndTopicSender, S3Context } from './context.ts';
import { NULL_VERSION, invalidVersionId, noSuchBucket, noSuchKey, type S3Error } from './errors.ts';
import { objectBytes } from './objects.ts';
import type { S3State } from './state.ts';

export interface S3ServiceOptions {
  state: S3State;
  region: string;
  accountId: string;
  clock: Clock;
  uuid: () => string;
  lambda: LambdaInvoker;
  messaging: QueueAndTopicSender;
}

/** GetObject's answer for another service: the bytes, or S3's error code and message. */
export type ObjectRead = { bytes: Uint8Array } | { code: string; message: string };

/** Stable per account, so a restored account has the same owner: 64 hex digits like S3's canonical user ids. */
function canonicalUserId(accountId: string): string {
  return Array.from({ length: 8 }, (_, i) => fnv1a(`${accountId}/${i}`).toString(16).padStart(8, '0')).join('');
}

export class S3Service {
  readonly context: S3Context;

  constructor(options: S3ServiceOptions) {
    const state = options.state;
    // Restored state comes from JSON: object keys are the learner's, so maps get no prototype.
    state.buckets = toDict(state.buckets);
    for (const bucket of Object.values(state.buckets)) bucket.objects = toDict(bucket.objects);
    this.context = {
      state,
      region: options.region,
      accountId: options.accountId,
      clock: options.clock,
      ownerId: canonicalUserId(options.accountId),
      principalId: `A${fnv1a(options.accountId).toString(36).toUpperCase().padStart(7, '0')}EMULATOR`,
      uuid: options.uuid,
      lambda: options.lambda,
      messaging: options.messaging,
    };
  }

  /** Whether this account owns the bucket `name` (bucket names are shared by every account, as on AWS). */
  hasBucket(name: string): boolean {
    return Object.hasOwn(this.context.state.buckets, name);
  }

  /** The bucket's policy text, if it has one. */
  bucketPolicy(name: string): string | undefined {
    return this.hasBucket(name) ? this.context.state.buckets[name]!.Policy : undefined;
  }

  /** An object's bytes as GetObject would return them (`versionId` "null" is the only version of an unversioned object). */
  getObject(bucketName: string, key: string, versionId?: string): ObjectRead {
    const failed = (err: S3Error): ObjectRead => ({ code: err.code, message: err.message });
    const bucket = this.context.state.buckets[bucketName];
    if (!bucket) return failed(noSuchBucket(bucketName));
    if (versionId !== undefined && versionId !== NULL_VERSION) return failed(invalidVersionId(versionId));
    const object = bucket.objects[key];
    if (!object) return failed(noSuchKey(key));
    return { bytes: objectBytes(object) };
  }

  /** What the inspection API shows: buckets with their object counts and notification configurations. */
  inspect(): Record<string, unknown>[] {
    return Object.values(this.context.state.buckets).map((b) => ({
      Name: b.Name,
      Region: b.Region,
      objects: Object.keys(b.objects).length,
      notifications: b.Notifications.map((n) => ({ Id: n.Id, Destination: n.Destination, Arn: n.Arn, Events: n.Events })),
    }));
  }
}
