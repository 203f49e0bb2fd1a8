/**
 * The emulator's account state as plain JSON-serialisable data, so it can be snapshotted, saved,
 * exported and restored. This schema is its one definition: the TypeScript types are derived from
 * it, and every reader of a saved state (the server's --state file, the page's saved workbook, an
 * imported file, the grader) validates with it.
 */
import * as z from 'zod/mini';
import { limits } from '../limits.ts';
import { RETENTION_DAYS } from '../logs/retention.ts';
import { s3StateSchema } from '../s3/state.ts';
import { sqsStateSchema } from '../sqs/state.ts';
import { snsStateSchema } from '../sns/state.ts';
import { eventsStateSchema } from '../events/state.ts';
import { iamStateSchema } from '../iam/state.ts';

const int = (min?: number, max?: number) => {
  const checks = [...(min === undefined ? [] : [z.gte(min)]), ...(max === undefined ? [] : [z.lte(max)])];
  return checks.length ? z.int().check(...checks) : z.int();
};
const record = <T extends z.core.SomeType>(value: T) => z.record(z.string(), value);

/** One function version's configuration, in Lambda's own field names (FunctionConfiguration). */
export const versionConfigSchema = z.object({
  FunctionName: z.string().check(z.minLength(1)),
  Version: z.string().check(z.regex(/^(\$LATEST|[0-9]+)$/, 'must be $LATEST or a version number')),
  Runtime: z.string(),
  Role: z.string(),
  Handler: z.string(),
  Description: z.string(),
  Timeout: int(limits.timeout.min, limits.timeout.max),
  MemorySize: int(limits.memory.min, limits.memory.max),
  EphemeralStorageSize: int(limits.ephemeralStorage.min, limits.ephemeralStorage.max),
  /** Absent until a caller sets Environment (Lambda then reports it, even when empty). */
  Environment: z.optional(record(z.string())),
  Architectures: z.array(z.string()),
  /** Layer version ARNs in the order given. */
  Layers: z.array(z.string()),
  TracingMode: z.enum(['Active', 'PassThrough']),
  DeadLetterTargetArn: z.optional(z.string()),
  CodeSha256: z.string(),
  CodeSize: int(0),
  LastModified: z.string(),
  RevisionId: z.string(),
  /** `Pending` only in the CreateFunction response; Lambda then reports `Active`. */
  State: z.literal('Active'),
  /** Absent until a caller sets LoggingConfig (Lambda then reports Text and the function's own group). */
  LoggingConfig: z.optional(
    z.object({
      LogFormat: z.enum(['JSON', 'Text']),
      ApplicationLogLevel: z.optional(z.enum(['TRACE', 'DEBUG', 'INFO', 'WARN', 'ERROR', 'FATAL'])),
      SystemLogLevel: z.optional(z.enum(['DEBUG', 'INFO', 'WARN'])),
      LogGroup: z.optional(z.string()),
    }),
  ),
});

export const aliasRecordSchema = z.object({
  Name: z.string(),
  FunctionVersion: z.string(),
  Description: z.string(),
  AdditionalVersionWeights: z.optional(record(z.number().check(z.gte(0), z.lte(1)))),
  RevisionId: z.string(),
});

export const eventInvokeConfigRecordSchema = z.object({
  MaximumRetryAttempts: z.optional(z.int()),
  MaximumEventAgeInSeconds: z.optional(z.int()),
  Destinations: z.object({ OnSuccess: z.optional(z.string()), OnFailure: z.optional(z.string()) }),
  /** Epoch seconds (Lambda returns a timestamp). */
  LastModified: z.number(),
});

/** One statement of a resource-based policy, in the shape GetPolicy returns it. */
export const policyStatementSchema = z.object({
  Sid: z.string(),
  Effect: z.literal('Allow'),
  /** `*`, `{ Service: "s3.amazonaws.com" }` or `{ AWS: "arn:aws:iam::111111111111:root" }`. */
  Principal: z.union([z.literal('*'), z.record(z.string(), z.string())]),
  Action: z.string(),
  Resource: z.string(),
  /** `{ StringEquals: { "AWS:SourceAccount": ... }, ArnLike: { "AWS:SourceArn": ... } }`. */
  Condition: z.optional(z.record(z.string(), z.record(z.string(), z.string()))),
});

/** A function's, version's or alias's resource-based policy (AddPermission / RemovePermission). */
export const policyRecordSchema = z.object({ RevisionId: z.string(), Statement: z.array(policyStatementSchema) });

/** A function URL's CORS settings, in Lambda's field names. */
export const urlCorsSchema = z.object({
  AllowCredentials: z.optional(z.boolean()),
  AllowHeaders: z.optional(z.array(z.string())),
  AllowMethods: z.optional(z.array(z.string())),
  AllowOrigins: z.optional(z.array(z.string())),
  ExposeHeaders: z.optional(z.array(z.string())),
  MaxAge: z.optional(z.int()),
});

/** A function URL (CreateFunctionUrlConfig) on the function itself or on one alias. */
export const functionUrlRecordSchema = z.object({
  /** The 32-character id in the URL's host name. */
  UrlId: z.string().check(z.regex(/^[a-z0-9]{32}$/, 'must be 32 lowercase letters and digits')),
  AuthType: z.enum(['NONE', 'AWS_IAM']),
  Cors: z.optional(urlCorsSchema),
  /** Absent until a caller names one: Create and Update then leave it out, Get says BUFFERED. */
  InvokeMode: z.optional(z.enum(['BUFFERED', 'RESPONSE_STREAM'])),
  CreationTime: z.string(),
  LastModifiedTime: z.string(),
});

export const functionRecordSchema = z.object({
  latest: versionConfigSchema,
  /** Published versions by number. */
  versions: record(versionConfigSchema),
  nextVersion: int(1),
  /** RevisionId of $LATEST when the last version was published: unchanged => no new version. */
  lastPublishedFrom: z.optional(z.object({ revisionId: z.string(), version: z.string() })),
  aliases: record(aliasRecordSchema),
  reservedConcurrency: z.optional(int(0)),
  /** PutFunctionRecursionConfig's setting; absent is Lambda's default, Terminate (see recursion.ts). */
  recursiveLoop: z.optional(z.enum(['Allow', 'Terminate'])),
  /** Keyed by qualifier: `$LATEST`, a version number or an alias name. */
  eventInvokeConfigs: record(eventInvokeConfigRecordSchema),
  /** Resource-based policies, keyed like eventInvokeConfigs (`$LATEST` is the unqualified function's). */
  policies: z._default(record(policyRecordSchema), {}),
  /** Function URLs, keyed by `$LATEST` (the unqualified function) or an alias name (states saved before them have none). */
  urlConfigs: z._default(record(functionUrlRecordSchema), {}),
  /** Provisioned concurrency, keyed by version number or alias name (environments are not state: they are provisioned again after a restore). */
  provisionedConcurrency: z._default(
    record(z.object({ Requested: int(1), LastModified: z.string(), /** When its environments start INIT, on the clock. */ readyAt: z.number() })),
    {},
  ),
  /** The function's tags (TagResource, `Tags` on CreateFunction). */
  tags: z._default(record(z.string()), {}),
});

export const layerVersionRecordSchema = z.object({
  LayerName: z.string(),
  Version: int(1),
  Description: z.string(),
  CreatedDate: z.string(),
  CompatibleRuntimes: z.optional(z.array(z.string())),
  CompatibleArchitectures: z.optional(z.array(z.string())),
  LicenseInfo: z.optional(z.string()),
  CodeSha256: z.string(),
  CodeSize: int(0),
  UnzippedSize: int(0),
  /** Why the runtime may not find this layer's modules (no top-level `nodejs/` or `python/`). */
  Warnings: z.array(z.string()),
  /** Who else may use this version (AddLayerVersionPermission); absent until a statement is added. */
  Policy: z.optional(policyRecordSchema),
});

export const layerRecordSchema = z.object({ versions: record(layerVersionRecordSchema), nextVersion: int(1) });

/** A queued asynchronous invocation. */
export const queuedEventSchema = z.object({
  requestId: z.string(),
  functionName: z.string(),
  /** The qualifier the caller used, if any. */
  qualifier: z.optional(z.string()),
  payload: z.string(),
  /** The X-Ray header of what caused the event (an SNS publish, an S3 write), for recursive loop detection. */
  traceHeader: z.optional(z.string()),
  enqueuedAt: z.number(),
  nextAttemptAt: z.number(),
  /** Invocations that reached the function so far (Lambda's approximateInvokeCount). */
  attempts: int(0),
  /** Throttle backoff in ms for the next throttle, doubling up to the cap. */
  throttleBackoffMs: z.number(),
  /** Why the last attempt could not run, when it was not a throttle (shown by the inspection API). */
  lastSystemError: z.optional(z.string()),
  /** The last function error, kept for the failure record. */
  lastFailure: z.optional(
    z.object({ payload: z.string(), executedVersion: z.string(), functionError: z.string(), errorType: z.optional(z.string()) }),
  ),
});

export const sinkMessageSchema = z.object({
  /** Destination ARN. */
  target: z.string(),
  kind: z.enum(['sqs', 'sns', 'events', 'lambda']),
  /** Message body as delivered (JSON text). */
  body: z.string(),
  /** SQS/SNS message attributes (the DLQ uses RequestID, ErrorCode, ErrorMessage). */
  attributes: z.optional(record(z.object({ DataType: z.string(), StringValue: z.string() }))),
  sentAt: z.number(),
  via: z.enum(['destination', 'dead-letter']),
});

export const logEventRecordSchema = z.object({ timestamp: z.number(), ingestionTime: z.number(), message: z.string(), eventId: z.string() });

export const logStreamRecordSchema = z.object({ logStreamName: z.string(), creationTime: z.number(), events: z.array(logEventRecordSchema) });

export const logGroupRecordSchema = z.object({
  logGroupName: z.string(),
  creationTime: z.number(),
  /** Set by PutRetentionPolicy; absent means events never expire. */
  retentionInDays: z.optional(z.literal(RETENTION_DAYS)),
  streams: record(logStreamRecordSchema),
});

/** An event source mapping (SQS only), in Lambda's field names where it has one. */
export const eventSourceMappingRecordSchema = z.object({
  UUID: z.string(),
  EventSourceArn: z.string(),
  /** The function's name, and the version or alias the mapping invokes, if one was given. */
  FunctionName: z.string(),
  Qualifier: z.optional(z.string()),
  BatchSize: int(limits.eventSourceMapping.batchSize.min, limits.eventSourceMapping.batchSize.max),
  MaximumBatchingWindowInSeconds: int(limits.eventSourceMapping.batchingWindowSeconds.min, limits.eventSourceMapping.batchingWindowSeconds.max),
  Enabled: z.boolean(),
  FunctionResponseTypes: z.array(z.string()),
  /** Patterns as the JSON text they were given in. */
  FilterCriteria: z.optional(z.object({ Filters: z.array(z.object({ Pattern: z.string() })) })),
  ScalingConfig: z.optional(z.object({ MaximumConcurrency: z.optional(z.int()) })),
  /** Epoch seconds (Lambda returns a timestamp). */
  LastModified: z.number(),
});

export const EMULATOR_STATE_VERSION = 1;

export const emulatorStateSchema = z.object({
  formatVersion: z.literal(EMULATOR_STATE_VERSION),
  region: z.string().check(z.regex(/^[a-z]{2}(-[a-z]+)+-\d$/, 'must be a Region name such as us-east-1')),
  accountId: z.string().check(z.regex(/^\d{12}$/, 'must be a 12-digit account id')),
  accountConcurrency: int(1, limits.concurrency.accountDefault),
  functions: record(functionRecordSchema),
  layers: record(layerRecordSchema),
  /** Zip archives by CodeSha256, base64. */
  code: record(z.string()),
  queue: z._default(z.array(queuedEventSchema), []),
  sinks: z._default(z.array(sinkMessageSchema), []),
  logGroups: z._default(record(logGroupRecordSchema), {}),
  /** S3's buckets and objects (added in the second edition: older files have none). */
  s3: z._default(s3StateSchema, { buckets: {}, nextSequence: 0 }),
  /** Event source mappings by UUID (states saved before them have none). */
  eventSourceMappings: z._default(record(eventSourceMappingRecordSchema), {}),
  /** SQS queues and their messages (states saved before SQS have none). */
  sqs: z._default(sqsStateSchema, { queues: {} }),
  /** SNS topics and subscriptions (states saved before SNS have none). */
  sns: z._default(snsStateSchema, { topics: {}, subscriptions: {} }),
  /** EventBridge buses, rules and targets (states saved before EventBridge have none). */
  events: z._default(eventsStateSchema, { buses: {}, rules: {} }),
  /** IAM roles and policies (states saved before IAM have none: the account's ready role is made on restore). */
  iam: z._default(iamStateSchema, { roles: {}, policies: {}, provisioned: false }),
});

export type VersionConfig = z.infer<typeof versionConfigSchema>;
export type AliasRecord = z.infer<typeof aliasRecordSchema>;
export type EventInvokeConfigRecord = z.infer<typeof eventInvokeConfigRecordSchema>;
export type DestinationConfigRecord = EventInvokeConfigRecord['Destinations'];
export type PolicyStatement = z.infer<typeof policyStatementSchema>;
export type PolicyRecord = z.infer<typeof policyRecordSchema>;
export type ProvisionedConcurrencyRecord = FunctionRecord['provisionedConcurrency'][string];
export type FunctionUrlRecord = z.infer<typeof functionUrlRecordSchema>;
export type UrlCors = z.infer<typeof urlCorsSchema>;
export type FunctionRecord = z.infer<typeof functionRecordSchema>;
export type LayerVersionRecord = z.infer<typeof layerVersionRecordSchema>;
export type LayerRecord = z.infer<typeof layerRecordSchema>;
export type QueuedEvent = z.infer<typeof queuedEventSchema>;
export type SinkMessage = z.infer<typeof sinkMessageSchema>;
export type LogEventRecord = z.infer<typeof logEventRecordSchema>;
export type EventSourceMappingRecord = z.infer<typeof eventSourceMappingRecordSchema>;
export type LogStreamRecord = z.infer<typeof logStreamRecordSchema>;
export type LogGroupRecord = z.infer<typeof logGroupRecordSchema>;
export type EmulatorState = z.infer<typeof emulatorStateSchema>;

/** A saved state, validated: the state, or where it is wrong in words a person can act on. */
export function parseEmulatorState(raw: unknown): { ok: true; state: EmulatorState } | { ok: false; path: string; message: string } {
  const parsed = emulatorStateSchema.safeParse(raw);
  if (parsed.success) return { ok: true, state: parsed.data };
  const issue = parsed.error.issues[0]!;
  return { ok: false, path: issue.path.map(String).join('.'), message: issue.message };
}
