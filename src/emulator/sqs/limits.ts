/** SQS's quotas and defaults for standard queues, in one place (values as AWS documents them, late 2026). */

export const sqsLimits = {
  /** Queue names: letters, digits, hyphens and underscores, 1 to 80 characters. */
  queueNameMax: 80,
  /** MaximumMessageSize: 1,024 bytes to 1 MiB (256 KiB until August 2025), default the maximum. */
  messageSize: { min: 1_024, max: 1_048_576, default: 1_048_576 },
  /** VisibilityTimeout in seconds: up to 12 hours, default 30. */
  visibilityTimeout: { min: 0, max: 43_200, default: 30 },
  /** MessageRetentionPeriod in seconds: 1 minute to 14 days, default 4 days. */
  retention: { min: 60, max: 1_209_600, default: 345_600 },
  /** DelaySeconds: up to 15 minutes, default 0. */
  delay: { min: 0, max: 900, default: 0 },
  /** ReceiveMessageWaitTimeSeconds / WaitTimeSeconds: long polling up to 20 seconds. */
  waitTime: { min: 0, max: 20, default: 0 },
  /** KmsDataKeyReusePeriodSeconds: 1 minute to 24 hours, default 5 minutes. */
  kmsDataKeyReuse: { min: 60, max: 86_400, default: 300 },
  /** MaxNumberOfMessages per ReceiveMessage. */
  receiveBatch: { min: 1, max: 10, default: 1 },
  /** Entries per Send/Delete/ChangeMessageVisibilityBatch, and their total size. */
  batch: { maxEntries: 10, maxBytes: 1_048_576, idMax: 80 },
  /** RedrivePolicy maxReceiveCount. */
  maxReceiveCount: { min: 1, max: 1_000 },
  /** Message attributes per message. */
  messageAttributes: 10,
  /** ListQueues MaxResults, and the most it returns without it. */
  listQueues: { min: 1, max: 1_000 },
  /** After DeleteQueue, a queue of the same name can be created again after this long. */
  deleteQueueCooldownMs: 60_000,
  /** One PurgeQueue per queue in this long. */
  purgeCooldownMs: 60_000,
} as const;
