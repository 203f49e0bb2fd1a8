/**
 * Event notifications: Put/GetBucketNotificationConfiguration (checked as S3 checks them: ARNs,
 * events, filter rules, then every destination), and the event records S3 sends when objects are
 * created or removed: to Lambda functions as asynchronous invocations, to SQS queues as the message
 * body and to SNS topics as the message (subject "Amazon S3 Notification").
 */
import { bytesToBase64, fromUtf8, utf8 } from '../zip.ts';
import { bucketArn, bucketOf, isoTime, type S3Context, type S3Reply, type S3Request } from './context.ts';
import { S3Error, invalidArgument, malformedXml } from './errors.ts';
import { urlEncodeKey } from './key-encoding.ts';
import type { Bucket, Destination, FilterRule, Notification, S3Object } from './state.ts';
import { XmlSyntaxError, childNamed, childText, childrenNamed, parseXml, type XmlElement, type XmlValue } from './xml.ts';

/** The event types S3 accepts in a notification configuration. */
export const NOTIFICATION_EVENTS = [
  's3:ObjectCreated:*', 's3:ObjectCreated:Put', 's3:ObjectCreated:Post', 's3:ObjectCreated:Copy', 's3:ObjectCreated:CompleteMultipartUpload',
  's3:ObjectRemoved:*', 's3:ObjectRemoved:Delete', 's3:ObjectRemoved:DeleteMarkerCreated',
  's3:ObjectRestore:*', 's3:ObjectRestore:Post', 's3:ObjectRestore:Completed', 's3:ObjectRestore:Delete',
  's3:ReducedRedundancyLostObject',
  's3:Replication:*', 's3:Replication:OperationFailedReplication', 's3:Replication:OperationNotTracked',
  's3:Replication:OperationMissedThreshold', 's3:Replication:OperationReplicatedAfterThreshold',
  's3:LifecycleExpiration:*', 's3:LifecycleExpiration:Delete', 's3:LifecycleExpiration:DeleteMarkerCreated',
  's3:LifecycleTransition', 's3:IntelligentTiering',
  's3:ObjectTagging:*', 's3:ObjectTagging:Put', 's3:ObjectTagging:Delete', 's3:ObjectAcl:Put',
];

/** Each configuration element and the element inside it that names the destination. */
const CONFIGURATIONS: readonly (readonly [element: string, destination: Destination])[] = [
  ['TopicConfiguration', 'Topic'],
  ['QueueConfiguration', 'Queue'],
  ['CloudFunctionConfiguration', 'CloudFunction'],
];

const ARN_SERVICE: Record<Destination, string> = { CloudFunction: 'lambda', Queue: 'sqs', Topic: 'sns' };

/** An object event as it happened (eventName without the `s3:` prefix). */
export interface ObjectEvent {
  eventName: 'ObjectCreated:Put' | 'ObjectCreated:Copy' | 'ObjectRemoved:Delete';
  key: string;
  /** The object written, for created events (its size and eTag go in the record). */
  object?: S3Object;
  requestId: string;
  hostId: string;
  /** The request's X-Amzn-Trace-Id (an SDK inside a function sends its invocation's), which the invocations continue. */
  traceHeader?: string;
}

function filterRules(config: XmlElement): FilterRule[] | undefined {
  const key = childNamed(childNamed(config, 'Filter') ?? { name: '', children: [], text: '' }, 'S3Key');
  if (!key) return undefined;
  const seen = new Set<string>();
  return childrenNamed(key, 'FilterRule').map((rule) => {
    const name = childText(rule, 'Name');
    const value = childText(rule, 'Value');
    if (name === undefined || value === undefined) throw malformedXml();
    const normal = name.toLowerCase();
    if (normal !== 'prefix' && normal !== 'suffix') throw invalidArgument('filter rule name must be either prefix or suffix', 'FilterRule.Name', name);
    if (seen.has(normal)) throw invalidArgument(`Cannot specify more than one ${normal} rule in a filter.`, 'FilterRule.Name', name);
    seen.add(normal);
    return { Name: normal === 'prefix' ? 'Prefix' : 'Suffix', Value: value };
  });
}

function parseConfiguration(ctx: S3Context, body: Uint8Array): Notification[] {
  let root: XmlElement;
  try {
    root = parseXml(fromUtf8(body));
  } catch (err) {
    if (err instanceof XmlSyntaxError) throw malformedXml();
    throw err;
  }
  if (root.name !== 'NotificationConfiguration') throw malformedXml();
  if (childNamed(root, 'EventBridgeConfiguration')) {
    throw new S3Error('NotImplemented', 501, 'The Lambda Workbook emulator does not deliver S3 events to EventBridge.');
  }
  const out: Notification[] = [];
  for (const [element, destination] of CONFIGURATIONS) {
    for (const config of childrenNamed(root, element)) {
      const arn = childText(config, destination) ?? '';
      if (!new RegExp(`^arn:aws[a-zA-Z-]*:${ARN_SERVICE[destination]}:[a-z0-9-]+:\\d{12}:\\S+$`).test(arn)) {
        throw invalidArgument('The ARN could not be parsed', destination, arn);
      }
      const events = childrenNamed(config, 'Event').map((e) => e.text);
      if (events.length === 0) throw malformedXml();
      for (const event of events) if (!NOTIFICATION_EVENTS.includes(event)) throw invalidArgument('The event is not supported for notifications', 'Event', event);
      const rules = filterRules(config);
      const id = childText(config, 'Id');
      out.push({
        // S3 names an unnamed configuration itself.
        Id: id === undefined || id === '' ? bytesToBase64(utf8(ctx.uuid())) : id,
        Destination: destination,
        Arn: arn,
        Events: events,
        ...(rules && rules.length > 0 ? { FilterRules: rules } : {}),
      });
    }
  }
  return out;
}

/** Why each destination cannot receive this bucket's events, as S3 lists them (numbered ArgumentName/ArgumentValue). */
function unreachable(ctx: S3Context, bucket: Bucket, configs: Notification[]): [string, string][] {
  const failures: [string, string][] = [];
  for (const config of configs) {
    if (config.Destination === 'CloudFunction') {
      if (!ctx.lambda.allowsS3(config.Arn, bucketArn(bucket.Name), ctx.accountId)) {
        failures.push([`${config.Arn}, null`, `Not authorized to invoke function [${config.Arn}]`]);
      }
    } else {
      const kind = config.Destination === 'Queue' ? 'queue' : 'topic';
      const access = config.Destination === 'Queue'
        ? ctx.messaging.queueAccess(config.Arn, bucketArn(bucket.Name), ctx.accountId)
        : ctx.messaging.topicAccess(config.Arn, bucketArn(bucket.Name), ctx.accountId);
      if (access === 'missing') failures.push([config.Arn, `The destination ${kind} does not exist`]);
      else if (access === 'denied') failures.push([config.Arn, `Permissions on the destination ${kind} do not allow S3 to publish notifications from this bucket`]);
    }
  }
  return failures;
}

export function putBucketNotificationConfiguration(ctx: S3Context, req: S3Request): S3Reply {
  const bucket = bucketOf(ctx, req.bucket);
  const configs = parseConfiguration(ctx, req.body);
  if (req.headers['x-amz-skip-destination-validation']?.toLowerCase() !== 'true') {
    const failures = unreachable(ctx, bucket, configs);
    if (failures.length > 0) {
      throw new S3Error(
        'InvalidArgument',
        400,
        'Unable to validate the following destination configurations',
        failures.flatMap(([name, value], i) => [[`ArgumentName${i + 1}`, name], [`ArgumentValue${i + 1}`, value]] as const),
      );
    }
  }
  bucket.Notifications = configs;
  sendTestEvents(ctx, bucket, configs, req);
  return {};
}

/** The subject S3 gives its messages to SNS topics. */
const SNS_SUBJECT = 'Amazon S3 Notification';

/**
 * S3 tells each queue and topic of a configuration it just saved that it is reachable with one
 * `s3:TestEvent` message (once per destination), as documented in "Event message structure".
 */
function sendTestEvents(ctx: S3Context, bucket: Bucket, configs: Notification[], req: S3Request): void {
  const message = JSON.stringify({ Service: 'Amazon S3', Event: 's3:TestEvent', Time: isoTime(ctx.clock.now()), Bucket: bucket.Name, RequestId: req.requestId, HostId: req.hostId });
  const sent = new Set<string>();
  for (const config of configs) {
    if (config.Destination === 'CloudFunction' || sent.has(config.Arn)) continue;
    sent.add(config.Arn);
    deliverMessage(ctx, bucket, config, message);
  }
}

function deliverMessage(ctx: S3Context, bucket: Bucket, config: Notification, message: string): void {
  if (config.Destination === 'Queue') ctx.messaging.sendToQueue(config.Arn, message, bucketArn(bucket.Name), ctx.accountId);
  else if (config.Destination === 'Topic') ctx.messaging.publishToTopic(config.Arn, message, SNS_SUBJECT, bucketArn(bucket.Name), ctx.accountId);
}

export function getBucketNotificationConfiguration(ctx: S3Context, req: S3Request): S3Reply {
  const bucket = bucketOf(ctx, req.bucket);
  const document: Record<string, XmlValue> = {};
  for (const [element, destination] of CONFIGURATIONS) {
    document[element] = bucket.Notifications.filter((n) => n.Destination === destination).map((n) => ({
      Id: n.Id,
      [destination]: n.Arn,
      Event: n.Events,
      ...(n.FilterRules ? { Filter: { S3Key: { FilterRule: n.FilterRules } } } : {}),
    }));
  }
  return { xml: ['NotificationConfiguration', document] };
}

/** `s3:ObjectCreated:*` matches `ObjectCreated:Put`; otherwise the names must be equal. */
function matchesEvent(configured: string, eventName: string): boolean {
  const name = configured.replace(/^s3:/, '');
  return name.endsWith(':*') ? eventName.startsWith(name.slice(0, -1)) : name === eventName;
}

function matchesKey(rules: FilterRule[] | undefined, key: string): boolean {
  return (rules ?? []).every((r) => (r.Name === 'Prefix' ? key.startsWith(r.Value) : key.endsWith(r.Value)));
}

/** Orders events on one key: 18 hex digits, growing with time and, within a millisecond, with each event. */
function sequencer(ctx: S3Context): string {
  const n = ctx.state.nextSequence++;
  return `${Math.floor(ctx.clock.now()).toString(16).padStart(12, '0')}${(n % 0x1000000).toString(16).padStart(6, '0')}`.toUpperCase();
}

/** The record S3 sends (eventVersion 2.1), as documented in "Event message structure". */
function eventRecord(ctx: S3Context, bucket: Bucket, event: ObjectEvent, configurationId: string, sequence: string): Record<string, unknown> {
  const object: Record<string, unknown> = { key: urlEncodeKey(event.key) };
  if (event.object) {
    object['size'] = event.object.Size;
    object['eTag'] = event.object.ETag;
  }
  object['sequencer'] = sequence;
  return {
    eventVersion: '2.1',
    eventSource: 'aws:s3',
    awsRegion: bucket.Region,
    eventTime: isoTime(ctx.clock.now()),
    eventName: event.eventName,
    userIdentity: { principalId: ctx.principalId },
    // The emulator listens on loopback (or runs in the page): requests come from this machine.
    requestParameters: { sourceIPAddress: '127.0.0.1' },
    responseElements: { 'x-amz-request-id': event.requestId, 'x-amz-id-2': event.hostId },
    s3: {
      s3SchemaVersion: '1.0',
      configurationId,
      bucket: { name: bucket.Name, ownerIdentity: { principalId: ctx.principalId }, arn: bucketArn(bucket.Name) },
      object,
    },
  };
}

/** Sends an object event to every configuration of the bucket that matches it: one invocation or message each. */
export function notify(ctx: S3Context, bucket: Bucket, event: ObjectEvent): void {
  const targets = bucket.Notifications.filter((n) => n.Events.some((e) => matchesEvent(e, event.eventName)) && matchesKey(n.FilterRules, event.key));
  if (targets.length === 0) return;
  const sequence = sequencer(ctx);
  for (const target of targets) {
    const payload = JSON.stringify({ Records: [eventRecord(ctx, bucket, event, target.Id, sequence)] });
    if (target.Destination === 'CloudFunction') ctx.lambda.invokeAsS3(target.Arn, payload, bucketArn(bucket.Name), ctx.accountId, event.traceHeader);
    else deliverMessage(ctx, bucket, target, payload);
  }
}
