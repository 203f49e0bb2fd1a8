/**
 * EventBridge's part of the account's saved state: event buses (the default bus is always
 * there), rules with their targets, and when each scheduled rule fires next. Times are epoch ms.
 */
import * as z from 'zod/mini';

const record = <T extends z.core.SomeType>(value: T) => z.record(z.string(), value);

export const targetRecordSchema = z.object({
  Id: z.string(),
  Arn: z.string(),
  Input: z.optional(z.string()),
  InputPath: z.optional(z.string()),
});

export const ruleRecordSchema = z.object({
  Name: z.string(),
  EventBusName: z.string(),
  ScheduleExpression: z.optional(z.string()),
  /** As the JSON text it was given in. */
  EventPattern: z.optional(z.string()),
  State: z.enum(['ENABLED', 'DISABLED']),
  Description: z.optional(z.string()),
  RoleArn: z.optional(z.string()),
  targets: z.array(targetRecordSchema),
  createdAt: z.number(),
  /** A scheduled rule's next firing time on the clock. */
  nextFireAt: z.optional(z.number()),
});

export const eventsStateSchema = z.object({
  /** Custom event buses by name (the default bus is implicit). */
  buses: record(z.object({ createdAt: z.number() })),
  /** By `<bus>/<rule>`. */
  rules: record(ruleRecordSchema),
});

export type TargetRecord = z.infer<typeof targetRecordSchema>;
export type RuleRecord = z.infer<typeof ruleRecordSchema>;
export type EventsState = z.infer<typeof eventsStateSchema>;
