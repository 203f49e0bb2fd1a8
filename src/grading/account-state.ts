/**
 * What the grader trusts in a submission's emulator snapshot. The learner's account is their work:
 * functions, versions, aliases, configuration, layers and code are restored (each package checked
 * against its CodeSha256). Log events, queued async events and delivered destination messages are
 * not: anyone can type a REPORT line into a file. They are dropped, and the logs are re-derived by
 * running the learner's own test event on the grader (see replayTests in grade-exercise.ts).
 */
import { z } from 'zod';
import type { EmulatorState } from '../emulator';
import { base64ToBytes, sha256Base64 } from '../emulator/zip';
import { limits } from '../emulator/limits';

const versionConfigSchema = z.object({
  FunctionName: z.string().min(1),
  Version: z.string().regex(/^(\$LATEST|[0-9]+)$/),
  Runtime: z.string(),
  Role: z.string(),
  Handler: z.string(),
  Description: z.string(),
  Timeout: z.number().int().min(limits.timeout.min).max(limits.timeout.max),
  MemorySize: z.number().int().min(limits.memory.min).max(limits.memory.max),
  EphemeralStorageSize: z.number().int(),
  Environment: z.record(z.string(), z.string()).optional(),
  Architectures: z.array(z.string()),
  Layers: z.array(z.string()),
  TracingMode: z.enum(['Active', 'PassThrough']),
  DeadLetterTargetArn: z.string().optional(),
  CodeSha256: z.string(),
  CodeSize: z.number(),
  LastModified: z.string(),
  RevisionId: z.string(),
  State: z.literal('Active'),
});

const aliasSchema = z.object({
  Name: z.string(),
  FunctionVersion: z.string(),
  Description: z.string(),
  AdditionalVersionWeights: z.record(z.string(), z.number().min(0).max(1)).optional(),
  RevisionId: z.string(),
});

const eventInvokeConfigSchema = z.object({
  MaximumRetryAttempts: z.number().int().optional(),
  MaximumEventAgeInSeconds: z.number().int().optional(),
  Destinations: z.object({ OnSuccess: z.string().optional(), OnFailure: z.string().optional() }),
  LastModified: z.number(),
});

const functionSchema = z.object({
  latest: versionConfigSchema,
  versions: z.record(z.string(), versionConfigSchema),
  nextVersion: z.number().int().min(1),
  lastPublishedFrom: z.object({ revisionId: z.string(), version: z.string() }).optional(),
  aliases: z.record(z.string(), aliasSchema),
  reservedConcurrency: z.number().int().min(0).optional(),
  eventInvokeConfigs: z.record(z.string(), eventInvokeConfigSchema),
});

const layerVersionSchema = z.object({
  LayerName: z.string(),
  Version: z.number().int().min(1),
  Description: z.string(),
  CreatedDate: z.string(),
  CompatibleRuntimes: z.array(z.string()).optional(),
  CompatibleArchitectures: z.array(z.string()).optional(),
  LicenseInfo: z.string().optional(),
  CodeSha256: z.string(),
  CodeSize: z.number(),
  UnzippedSize: z.number(),
  Warnings: z.array(z.string()),
});

const logGroupSchema = z.object({
  logGroupName: z.string(),
  creationTime: z.number(),
  streams: z.record(z.string(), z.object({ logStreamName: z.string(), creationTime: z.number(), events: z.array(z.unknown()) })),
});

/** Only the shape the grader restores; unknown fields are stripped. */
export const submittedStateSchema = z.object({
  formatVersion: z.literal(1),
  region: z.string().regex(/^[a-z]{2}(-[a-z]+)+-\d$/),
  accountId: z.string().regex(/^\d{12}$/),
  accountConcurrency: z.number().int().min(1).max(limits.concurrency.accountDefault),
  functions: z.record(z.string(), functionSchema),
  layers: z.record(z.string(), z.object({ versions: z.record(z.string(), layerVersionSchema), nextVersion: z.number().int().min(1) })),
  code: z.record(z.string(), z.string()),
  queue: z.array(z.unknown()).default([]),
  sinks: z.array(z.unknown()).default([]),
  logGroups: z.record(z.string(), logGroupSchema).default({}),
});

/** A function version the learner ran, as its log streams tell (`2026/01/05/[$LATEST]abc…`). */
export interface RanVersion {
  functionName: string;
  version: string;
}

export interface RestoredAccount {
  state: EmulatorState;
  /** Function versions whose log streams the file held: the learner's tests, to run again. */
  ran: RanVersion[];
  /** For the instructor: what was not trusted and why. */
  notes: string[];
}

export class UnrestorableState extends Error {}

const uuid = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}';
const platformLines: Record<string, RegExp> = {
  START: new RegExp(`^START RequestId: (${uuid}) Version: (?:\\$LATEST|\\d+)$`),
  END: new RegExp(`^END RequestId: (${uuid})$`),
  REPORT: new RegExp(`^REPORT RequestId: (${uuid})\\tDuration: \\d+\\.\\d{2} ms\\tBilled Duration: \\d+ ms\\tMemory Size: \\d+ MB\\tMax Memory Used: \\d+ MB\\t(?:Init Duration: \\d+\\.\\d{2} ms\\t)?(?:Status: timeout|Status: error\\tError Type: \\S+)?$`),
};

/**
 * Platform lines (START, END, REPORT) in a stream that Lambda could not have written: a wrong
 * format, or an END/REPORT whose request never STARTed there. Only flagged: the logs are dropped anyway.
 */
export function editedPlatformLines(events: readonly unknown[]): string[] {
  const started = new Set<string>();
  const edited: string[] = [];
  for (const event of events) {
    const message = (event as { message?: unknown } | null)?.message;
    if (typeof message !== 'string') continue;
    const line = message.replace(/\n$/, '');
    const kind = line.match(/^(START|END|REPORT)\b/)?.[1];
    if (kind === undefined) continue;
    const id = line.match(platformLines[kind]!)?.[1];
    if (id === undefined || (kind !== 'START' && !started.has(id))) edited.push(line);
    else if (kind === 'START') started.add(id);
  }
  return edited;
}

/** The trusted part of a snapshot, or UnrestorableState saying which field is wrong. */
export async function restoreAccount(raw: unknown): Promise<RestoredAccount> {
  const parsed = submittedStateSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new UnrestorableState(`the field "${['emulator', ...issue.path].join('.')}" is not valid: ${issue.message}`);
  }
  const submitted = parsed.data;
  const notes: string[] = [];
  const code: Record<string, string> = {};
  for (const [sha, base64] of Object.entries(submitted.code)) {
    const bytes = base64ToBytes(base64);
    if (bytes !== undefined && (await sha256Base64(bytes)) === sha) code[sha] = base64;
    else notes.push(`A deployment package stored as ${sha} does not hash to that CodeSha256; it was not restored.`);
  }
  const ran: RanVersion[] = [];
  let forgeable = 0;
  for (const group of Object.values(submitted.logGroups)) {
    const functionName = group.logGroupName.replace(/^\/aws\/lambda\//, '');
    const versions = new Set<string>();
    const edited: string[] = [];
    for (const stream of Object.values(group.streams)) {
      forgeable += stream.events.length;
      edited.push(...editedPlatformLines(stream.events));
      const version = stream.logStreamName.match(/^\d{4}\/\d{2}\/\d{2}\/\[([^\]]+)\]/)?.[1];
      if (version !== undefined) versions.add(version);
    }
    if (edited.length > 0) {
      const example = edited[0]!.length > 100 ? `${edited[0]!.slice(0, 100)}…` : edited[0]!;
      notes.push(`The file's logs in ${group.logGroupName} look edited by hand: ${edited.length} START/END/REPORT line(s) Lambda could not have written, e.g. "${example.replace(/\t/g, ' ')}".`);
    }
    for (const version of [...versions].sort()) {
      const fn = submitted.functions[functionName];
      if (fn !== undefined && (version === '$LATEST' || fn.versions[version] !== undefined)) ran.push({ functionName, version });
    }
  }
  if (forgeable > 0) notes.push(`The file's ${forgeable} log event(s) were not trusted: the logs graded come from running the learner's test event again.`);
  if (submitted.queue.length > 0 || submitted.sinks.length > 0) notes.push('Queued async events and destination messages in the file were not restored.');
  const state: EmulatorState = {
    formatVersion: 1,
    region: submitted.region,
    accountId: submitted.accountId,
    accountConcurrency: submitted.accountConcurrency,
    functions: submitted.functions,
    layers: submitted.layers,
    code,
    queue: [],
    sinks: [],
    logGroups: {},
  };
  return { state, ran, notes };
}
