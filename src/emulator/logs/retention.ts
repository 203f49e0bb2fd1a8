/** CloudWatch Logs retention: the only values PutRetentionPolicy accepts, and when an event has expired. */

/** Days PutRetentionPolicy accepts (API reference, RetentionInDays); anything else is InvalidParameterException. */
export const RETENTION_DAYS = [1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653] as const;

export type RetentionInDays = (typeof RETENTION_DAYS)[number];

const DAY_MS = 86_400_000;

export function isRetentionInDays(value: unknown): value is RetentionInDays {
  return (RETENTION_DAYS as readonly unknown[]).includes(value);
}

/** Events timestamped before this are past a group's retention at `now`. */
export function retentionCutoff(retentionInDays: number, now: number): number {
  return now - retentionInDays * DAY_MS;
}
