/**
 * The learner's one emulated AWS account, shared by every exercise of the workbook as a real
 * account is: a function made on one exercise page is there on the next.
 *
 * Workbooks saved before (progress version 1) kept one emulator snapshot per exercise. The
 * version-2 migration (store.ts) only moves them, untouched, into `account.unmerged`, so the quiz
 * pages that load progress never carry the emulator's schema; they are merged here, where the
 * account is opened (the exercise page, an import, the grader). The merge loses nothing: two
 * functions of the same name keep the most recently changed one under that name and the other
 * under a suffixed name; layer versions that clash are renumbered; whatever else clashes is
 * reported with the snapshot it came from, which the caller keeps.
 */
import * as z from 'zod/mini';
import { emulatorStateSchema, parseEmulatorState, type EmulatorState, type FunctionRecord } from '../emulator/index.ts';

/** A snapshot saved by a version-1 exercise page, waiting to be merged. */
export const unmergedSnapshotSchema = z.object({
  emulator: z.unknown(),
  updatedAt: z.optional(z.string()),
});

export const accountSchema = z.object({
  emulator: z.optional(emulatorStateSchema.check(z.describe('The account: functions, versions, aliases, layers, logs and the other services.'))),
  unmerged: z.optional(z.record(z.string(), unmergedSnapshotSchema).check(z.describe('Version-1 per-exercise snapshots by exercise slug, merged when the account is first opened.'))),
  notes: z._default(z.array(z.string()), []).check(z.describe('What the merge did, shown to the learner once.')),
  revision: z.optional(z.int().check(z.describe('Counts saves, so a page knows when another tab saved the account since it last did.'))),
});

export type Account = z.infer<typeof accountSchema>;

export interface SnapshotToMerge {
  /** Where the snapshot came from: an exercise slug. */
  label: string;
  state: EmulatorState;
  updatedAt?: string;
}

export interface MergeResult {
  state: EmulatorState;
  /** For the learner: what happened, in plain words. */
  notes: string[];
  /** Snapshots that could not be merged whole (a clash other than a function name), by label. */
  partial: string[];
}

export interface OpenedAccount {
  /** The account, undefined when nothing was ever created. */
  emulator?: EmulatorState;
  notes: string[];
  /** Per-exercise snapshots that could not be read or merged whole: the caller keeps them (a backup key, a grader note). */
  leftOver: { label: string; raw: unknown; reason: string }[];
  /** True when version-1 snapshots were merged just now: the caller saves the result. */
  migrated: boolean;
}

const lambdaName = /^[a-zA-Z0-9_-]+$/;
const MAX_FUNCTION_NAME = 64;

/** Reads the saved account, merging any version-1 per-exercise snapshots into it. */
export function openAccount(raw: unknown): { ok: true; account: OpenedAccount } | { ok: false; reason: string } {
  if (raw === undefined) return { ok: true, account: { notes: [], leftOver: [], migrated: false } };
  const parsed = accountSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    return { ok: false, reason: `the field "${['account', ...issue.path.map(String)].join('.')}" is not valid: ${issue.message}` };
  }
  const { emulator, unmerged, notes } = parsed.data;
  if (unmerged === undefined || Object.keys(unmerged).length === 0) {
    return { ok: true, account: { ...(emulator ? { emulator } : {}), notes, leftOver: [], migrated: false } };
  }
  const leftOver: OpenedAccount['leftOver'] = [];
  const snapshots: SnapshotToMerge[] = [];
  for (const [label, entry] of Object.entries(unmerged)) {
    const state = parseEmulatorState(entry.emulator);
    if (state.ok) snapshots.push({ label, state: state.state, ...(entry.updatedAt ? { updatedAt: entry.updatedAt } : {}) });
    else leftOver.push({ label, raw: entry.emulator, reason: `the field "emulator.${state.path}" is not valid: ${state.message}` });
  }
  const merged = mergeSnapshots(snapshots, emulator);
  const byLabel = new Map(snapshots.map((s) => [s.label, s]));
  for (const label of merged.partial) leftOver.push({ label, raw: unmerged[label]!.emulator, reason: 'parts of it clashed with the account' });
  const allNotes = [...notes, ...merged.notes, ...leftOver.filter((l) => !byLabel.has(l.label)).map((l) => `The saved emulator of the exercise "${l.label}" could not be read (${l.reason}); it was not merged.`)];
  return {
    ok: true,
    account: { ...(snapshots.length > 0 || emulator ? { emulator: merged.state } : {}), notes: allNotes, leftOver, migrated: true },
  };
}

/** The newest date a function was changed: its $LATEST or any published version. */
function lastTouched(fn: FunctionRecord): number {
  let newest = -Infinity;
  for (const config of [fn.latest, ...Object.values(fn.versions)]) {
    const at = Date.parse(config.LastModified.replace(/([+-]\d{2})(\d{2})$/, '$1:$2'));
    if (Number.isFinite(at) && at > newest) newest = at;
  }
  return newest;
}

function clone<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}

function stable(value: unknown): string {
  return JSON.stringify(value, (_k, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) : v,
  );
}

function same(a: unknown, b: unknown): boolean {
  return stable(a) === stable(b);
}

/** Rewrites every string in a value (ARNs in policies, destinations, targets). */
function mapStrings<T>(value: T, fn: (s: string) => string): T {
  if (typeof value === 'string') return fn(value) as T;
  if (Array.isArray(value)) return value.map((v) => mapStrings(v, fn)) as T;
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, mapStrings(v, fn)])) as T;
  return value;
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The same snapshot in another Region and account id: its ARNs rewritten so they name the shared account. */
function intoAccount(state: EmulatorState, region: string, accountId: string): EmulatorState {
  if (state.region === region && state.accountId === accountId) return state;
  const regional = new RegExp(`^(arn:aws:[a-z0-9-]+:)${escape(state.region)}:${escape(state.accountId)}:`);
  const global = new RegExp(`^(arn:aws:[a-z0-9-]+::)${escape(state.accountId)}:`);
  const { code, logGroups, ...rest } = state;
  const moved = mapStrings(rest, (s) => s.replace(regional, `$1${region}:${accountId}:`).replace(global, `$1${accountId}:`));
  return { ...moved, code, logGroups, region, accountId };
}

/** Renames a function inside one snapshot: its record, its ARNs, its mappings and its log group. */
function renameFunction(state: EmulatorState, from: string, to: string): void {
  const fn = state.functions[from]!;
  delete state.functions[from];
  const arn = new RegExp(`^(arn:aws:lambda:[^:]+:\\d{12}:function:)${escape(from)}(?=$|:)`);
  const renamed = mapStrings(fn, (s) => s.replace(arn, `$1${to}`));
  for (const config of [renamed.latest, ...Object.values(renamed.versions)]) {
    config.FunctionName = to;
    if (config.LoggingConfig?.LogGroup === `/aws/lambda/${from}`) config.LoggingConfig.LogGroup = `/aws/lambda/${to}`;
  }
  state.functions[to] = renamed;
  for (const mapping of Object.values(state.eventSourceMappings)) if (mapping.FunctionName === from) mapping.FunctionName = to;
  // Destinations, subscriptions, targets and other functions' policies that name it.
  const others = mapStrings({ functions: state.functions, sns: state.sns, events: state.events, s3: state.s3, sqs: state.sqs }, (s) => s.replace(arn, `$1${to}`));
  Object.assign(state, others);
  const group = state.logGroups[`/aws/lambda/${from}`];
  if (group !== undefined) {
    delete state.logGroups[`/aws/lambda/${from}`];
    state.logGroups[`/aws/lambda/${to}`] = { ...group, logGroupName: `/aws/lambda/${to}` };
  }
}

/** A free name for the older of two same-named functions: `hello-lambda-environment-variables`. */
function suffixedName(name: string, label: string, taken: (n: string) => boolean): string {
  const suffix = label.replace(/[^a-zA-Z0-9_-]+/g, '-') || 'copy';
  for (let n = 1; ; n++) {
    const tail = n === 1 ? `-${suffix}` : `-${suffix}-${n}`;
    const candidate = `${name.slice(0, MAX_FUNCTION_NAME - tail.length)}${tail}`.slice(0, MAX_FUNCTION_NAME);
    if (lambdaName.test(candidate) && !taken(candidate)) return candidate;
  }
}

function mergeLogGroups(into: EmulatorState, from: EmulatorState): void {
  for (const [name, group] of Object.entries(from.logGroups)) {
    const have = into.logGroups[name];
    if (have === undefined) {
      into.logGroups[name] = group;
      continue;
    }
    have.creationTime = Math.min(have.creationTime, group.creationTime);
    for (const [streamName, stream] of Object.entries(group.streams)) {
      const mine = have.streams[streamName];
      if (mine === undefined) {
        have.streams[streamName] = stream;
        continue;
      }
      const seen = new Set(mine.events.map((e) => `${e.timestamp}\u0000${e.eventId}\u0000${e.message}`));
      mine.events = [...mine.events, ...stream.events.filter((e) => !seen.has(`${e.timestamp}\u0000${e.eventId}\u0000${e.message}`))].sort((a, b) => a.timestamp - b.timestamp);
    }
  }
}

/** Layers: versions with the same content are one; a clashing number is renumbered and the snapshot's functions follow. */
function mergeLayers(into: EmulatorState, from: EmulatorState, label: string, notes: string[]): EmulatorState {
  const moved = new Map<string, string>();
  const arnOf = (name: string, v: number) => `arn:aws:lambda:${into.region}:${into.accountId}:layer:${name}:${v}`;
  for (const [name, layer] of Object.entries(from.layers)) {
    const have = into.layers[name];
    if (have === undefined) {
      into.layers[name] = layer;
      continue;
    }
    for (const version of Object.values(layer.versions).sort((a, b) => a.Version - b.Version)) {
      const twin = Object.values(have.versions).find((v) => v.CodeSha256 === version.CodeSha256 && v.CreatedDate === version.CreatedDate);
      if (twin !== undefined) {
        if (twin.Version !== version.Version) moved.set(arnOf(name, version.Version), arnOf(name, twin.Version));
        continue;
      }
      const number = have.nextVersion++;
      have.versions[String(number)] = { ...version, Version: number };
      moved.set(arnOf(name, version.Version), arnOf(name, number));
      notes.push(`Version ${version.Version} of the layer ${name} from the exercise "${label}" is now version ${number}, since the account already had a version ${version.Version}; the functions that use it were updated.`);
    }
  }
  if (moved.size === 0) return from;
  return { ...from, functions: mapStrings(from.functions, (s) => moved.get(s) ?? s) };
}

/** Keyed records of the other services: the same key with other content is a clash, reported. */
function mergeKeyed<T>(into: Record<string, T>, from: Record<string, T>, what: string, clashes: string[]): void {
  for (const [key, value] of Object.entries(from)) {
    if (!Object.hasOwn(into, key)) into[key] = value;
    else if (!same(into[key], value)) clashes.push(`${what} ${key}`);
  }
}

/**
 * Merges snapshots into one account. `base` (the account as already saved) comes first, then the
 * snapshots newest first; the newest of each clash keeps the name. Never throws on a valid state.
 */
export function mergeSnapshots(snapshots: readonly SnapshotToMerge[], base?: EmulatorState): MergeResult {
  const ordered = [...snapshots].sort((a, b) => (b.updatedAt ?? '').localeCompare(a.updatedAt ?? ''));
  const notes: string[] = [];
  const partial: string[] = [];
  const first = base ?? ordered.shift()?.state;
  if (first === undefined) return { state: undefined as never, notes, partial };
  const into = clone(first);
  /** Which exercise each function name came from, to name the older copy after it. */
  const origin = new Map<string, string>(Object.keys(into.functions).map((n) => [n, base ? 'your account' : snapshots.find((s) => s.state === first)!.label]));
  for (const snapshot of ordered) {
    const label = snapshot.label;
    let from = intoAccount(clone(snapshot.state), into.region, into.accountId);
    from = mergeLayers(into, from, label, notes);
    for (const name of Object.keys(from.functions)) {
      const have = into.functions[name];
      const incoming = from.functions[name]!;
      if (have === undefined) {
        origin.set(name, label);
        continue;
      }
      if (same(have, incoming)) {
        delete from.functions[name];
        continue;
      }
      const taken = (n: string) => Object.hasOwn(into.functions, n) || Object.hasOwn(from.functions, n);
      if (lastTouched(incoming) > lastTouched(have)) {
        const older = origin.get(name) ?? 'copy';
        const renamed = suffixedName(name, older, taken);
        renameFunction(into, name, renamed);
        origin.set(renamed, older);
        origin.set(name, label);
        notes.push(`Two exercises had a function named ${name}: the one from "${label}", changed most recently, keeps the name; the one from "${older}" is now ${renamed}.`);
      } else {
        const renamed = suffixedName(name, label, taken);
        renameFunction(from, name, renamed);
        origin.set(renamed, label);
        notes.push(`Two exercises had a function named ${name}: the one from "${origin.get(name)}", changed most recently, keeps the name; the one from "${label}" is now ${renamed}.`);
      }
    }
    Object.assign(into.functions, from.functions);
    Object.assign(into.code, from.code);
    mergeLogGroups(into, from);
    into.queue.push(...from.queue);
    into.sinks.push(...from.sinks);
    into.accountConcurrency = Math.max(into.accountConcurrency, from.accountConcurrency);
    const clashes: string[] = [];
    mergeKeyed(into.eventSourceMappings, from.eventSourceMappings, 'the event source mapping', clashes);
    mergeKeyed(into.s3.buckets, from.s3.buckets, 'the S3 bucket', clashes);
    into.s3.nextSequence = Math.max(into.s3.nextSequence, from.s3.nextSequence);
    mergeKeyed(into.sqs.queues, from.sqs.queues, 'the SQS queue', clashes);
    mergeKeyed(into.sns.topics, from.sns.topics, 'the SNS topic', clashes);
    mergeKeyed(into.sns.subscriptions, from.sns.subscriptions, 'the SNS subscription', clashes);
    mergeKeyed(into.events.buses, from.events.buses, 'the event bus', clashes);
    mergeKeyed(into.events.rules, from.events.rules, 'the EventBridge rule', clashes);
    // IAM: every page made the same ready role; one copy of each role and policy is the account's.
    const iamClashes: string[] = [];
    mergeKeyed(into.iam.roles, from.iam.roles, 'the IAM role', iamClashes);
    mergeKeyed(into.iam.policies, from.iam.policies, 'the IAM policy', iamClashes);
    into.iam.provisioned ||= from.iam.provisioned;
    if (clashes.length > 0) {
      partial.push(label);
      notes.push(`The exercise "${label}" had ${clashes.join(', ')} also in another exercise, with other content; the account keeps the more recent one, and that exercise's whole saved account is kept aside.`);
    }
  }
  const count = snapshots.length + (base ? 1 : 0);
  if (count > 1) notes.unshift(`Your exercises now share one AWS account, as a real account is: the work saved on ${snapshots.length} exercise page${snapshots.length === 1 ? '' : 's'} (${snapshots.map((s) => s.label).join(', ')}) is merged into it.`);
  return { state: into, notes, partial };
}
