/** The emulator's account state as plain JSON-serialisable data, so it can be snapshotted and restored. */

/** One function version's configuration, in Lambda's own field names (FunctionConfiguration). */
export interface VersionConfig {
  FunctionName: string;
  Version: string; // $LATEST or "1", "2", ...
  Runtime: string;
  Role: string;
  Handler: string;
  Description: string;
  Timeout: number;
  MemorySize: number;
  EphemeralStorageSize: number;
  /** Absent until a caller sets Environment (Lambda then reports it, even when empty). */
  Environment?: Record<string, string>;
  Architectures: string[];
  /** Layer version ARNs in the order given. */
  Layers: string[];
  TracingMode: 'Active' | 'PassThrough';
  DeadLetterTargetArn?: string;
  CodeSha256: string;
  CodeSize: number;
  LastModified: string;
  RevisionId: string;
  /** `Pending` only in the CreateFunction response; Lambda then reports `Active`. */
  State: 'Active';
}

export interface AliasRecord {
  Name: string;
  FunctionVersion: string;
  Description: string;
  AdditionalVersionWeights?: Record<string, number>;
  RevisionId: string;
}

export interface DestinationConfigRecord {
  OnSuccess?: string;
  OnFailure?: string;
}

export interface EventInvokeConfigRecord {
  MaximumRetryAttempts?: number;
  MaximumEventAgeInSeconds?: number;
  Destinations: DestinationConfigRecord;
  LastModified: number; // epoch seconds (Lambda returns a timestamp)
}

export interface FunctionRecord {
  latest: VersionConfig;
  /** Published versions by number. */
  versions: Record<string, VersionConfig>;
  nextVersion: number;
  /** RevisionId of $LATEST when the last version was published: unchanged => no new version. */
  lastPublishedFrom?: { revisionId: string; version: string };
  aliases: Record<string, AliasRecord>;
  reservedConcurrency?: number;
  /** Keyed by qualifier: `$LATEST`, a version number or an alias name. */
  eventInvokeConfigs: Record<string, EventInvokeConfigRecord>;
}

export interface LayerVersionRecord {
  LayerName: string;
  Version: number;
  Description: string;
  CreatedDate: string;
  CompatibleRuntimes?: string[];
  CompatibleArchitectures?: string[];
  LicenseInfo?: string;
  CodeSha256: string;
  CodeSize: number;
  UnzippedSize: number;
  /** Why the runtime may not find this layer's modules (no top-level `nodejs/`). */
  Warnings: string[];
}

export interface LayerRecord {
  versions: Record<string, LayerVersionRecord>;
  nextVersion: number;
}

/** A queued asynchronous invocation. */
export interface QueuedEvent {
  requestId: string;
  functionName: string;
  /** The qualifier the caller used, if any. */
  qualifier?: string;
  payload: string;
  enqueuedAt: number;
  nextAttemptAt: number;
  /** Invocations that reached the function so far (Lambda's approximateInvokeCount). */
  attempts: number;
  /** Throttle backoff in ms for the next throttle, doubling up to the cap. */
  throttleBackoffMs: number;
  /** Why the last attempt could not run, when it was not a throttle (shown by the inspection API). */
  lastSystemError?: string;
  /** The last function error, kept for the failure record. */
  lastFailure?: { payload: string; executedVersion: string; functionError: string; errorType?: string };
}

export interface SinkMessage {
  /** Destination ARN. */
  target: string;
  kind: 'sqs' | 'sns' | 'events' | 'lambda';
  /** Message body as delivered (JSON text). */
  body: string;
  /** SQS/SNS message attributes (the DLQ uses RequestID, ErrorCode, ErrorMessage). */
  attributes?: Record<string, { DataType: string; StringValue: string }>;
  sentAt: number;
  /** `destination` or `dead-letter`. */
  via: 'destination' | 'dead-letter';
}

export interface LogEventRecord {
  timestamp: number;
  ingestionTime: number;
  message: string;
  eventId: string;
}

export interface LogStreamRecord {
  logStreamName: string;
  creationTime: number;
  events: LogEventRecord[];
}

export interface LogGroupRecord {
  logGroupName: string;
  creationTime: number;
  streams: Record<string, LogStreamRecord>;
}

export interface EmulatorState {
  formatVersion: 1;
  region: string;
  accountId: string;
  accountConcurrency: number;
  functions: Record<string, FunctionRecord>;
  layers: Record<string, LayerRecord>;
  /** Zip archives by CodeSha256, base64. */
  code: Record<string, string>;
  queue: QueuedEvent[];
  sinks: SinkMessage[];
  logGroups: Record<string, LogGroupRecord>;
}
