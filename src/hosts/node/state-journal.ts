/**
 * The state file's journal, as data: the records of an EmulatorState that differ from what the
 * files on disk already hold, and how to replay them onto a saved snapshot. A record is one
 * function, one layer, one deployment package, one log group's retention policy, the queue, the
 * sinks, the account's concurrency, an S3 bucket or object, an event source mapping, an SQS queue,
 * an SNS topic or subscription, or an EventBridge bus or rule (with its targets). A function's record
 * carries all that is the function's: versions, aliases, policies, function URL configurations and
 * tags, so a change to any of them journals that one function; an IAM role or managed policy is
 * journaled whole. Log groups and their events are not journaled: nothing but an
 * invocation writes them, and they reach disk with the next snapshot.
 */
import type { EmulatorState } from '../../emulator/index.ts';

/** One record set (`value` present) or removed (`value` absent). */
export interface StateChange {
  at: [section: Section, name?: string];
  value?: unknown;
}

type Section =
  | 'accountConcurrency' | 'functions' | 'layers' | 'code' | 'queue' | 'sinks' | 'retention' | 's3Buckets' | 's3Objects' | 's3Sequence' | 'eventSourceMappings' | 'sqsQueues'
  | 'snsTopics' | 'snsSubscriptions' | 'eventBuses' | 'eventRules' | 'iamRoles' | 'iamPolicies' | 'iamProvisioned';

const KEYED: readonly Section[] = ['functions', 'layers', 'code', 'retention', 's3Buckets', 's3Objects', 'eventSourceMappings', 'sqsQueues', 'snsTopics', 'snsSubscriptions', 'eventBuses', 'eventRules', 'iamRoles', 'iamPolicies'];

/** Where each nested keyed section lives in the state: its parent member and its own. */
const NESTED: Partial<Record<Section, [parent: 'sqs' | 'sns' | 'events' | 'iam', member: string, empty: Record<string, unknown>]>> = {
  sqsQueues: ['sqs', 'queues', { queues: {} }],
  snsTopics: ['sns', 'topics', { topics: {}, subscriptions: {} }],
  snsSubscriptions: ['sns', 'subscriptions', { topics: {}, subscriptions: {} }],
  eventBuses: ['events', 'buses', { buses: {}, rules: {} }],
  eventRules: ['events', 'rules', { buses: {}, rules: {} }],
  // A role is journaled whole, with its inline policies and attachments; a managed policy with its versions.
  iamRoles: ['iam', 'roles', { roles: {}, policies: {}, provisioned: false }],
  iamPolicies: ['iam', 'policies', { roles: {}, policies: {}, provisioned: false }],
};
const WHOLE: readonly Section[] = ['accountConcurrency', 'queue', 'sinks', 's3Sequence', 'iamProvisioned'];

/** A log group's retention policy, with the group's creation time so replay can make a group the snapshot lacks. */
interface RetentionRecord {
  creationTime: number;
  retentionInDays: number;
}

/** An S3 object's record name: its bucket and key, which may hold any character. */
const objectName = (bucket: string, key: string) => JSON.stringify([bucket, key]);

/** A whole section's value. */
function wholeOf(state: EmulatorState, section: Section): unknown {
  if (section === 'iamProvisioned') return state.iam.provisioned;
  return section === 's3Sequence' ? state.s3.nextSequence : state[section as 'queue'];
}

/** The keyed records of one section of `state`. */
function recordsOf(state: EmulatorState, section: Section): [string, unknown][] {
  // A bucket is journaled without its objects, and each object on its own, so one upload writes one object.
  if (section === 's3Buckets') return Object.entries(state.s3.buckets).map(([name, { objects: _objects, ...bucket }]) => [name, bucket]);
  if (section === 's3Objects') return Object.entries(state.s3.buckets).flatMap(([name, b]) => Object.entries(b.objects).map(([key, o]) => [objectName(name, key), o] as [string, unknown]));
  // A queue is journaled whole, with its messages: a send, receive or delete changes only that queue.
  const nested = NESTED[section];
  if (nested) return Object.entries((state[nested[0]] as unknown as Record<string, Record<string, unknown>>)[nested[1]]!);
  if (section !== 'retention') return Object.entries(state[section as 'functions']);
  return Object.entries(state.logGroups).flatMap(([name, g]) =>
    g.retentionInDays === undefined ? [] : [[name, { creationTime: g.creationTime, retentionInDays: g.retentionInDays } satisfies RetentionRecord]],
  );
}

/** A record's JSON text; deployment packages are named by their hash, so their key is enough. */
const recordText = (section: Section, value: unknown) => {
  if (section === 'code') return '';
  // An object's body is named by its checksum and ETag; the rest of the record is small.
  if (section === 's3Objects') {
    const { Body: _body, ...rest } = value as { Body: string };
    return JSON.stringify(rest);
  }
  return JSON.stringify(value);
};

const key = (section: Section, name?: string) => (name === undefined ? section : `${section}\u0000${name}`);

/** What the files on disk hold, record by record, so a state can be compared with them. */
export class PersistedRecords {
  readonly #texts = new Map<string, string>();

  constructor(state: EmulatorState) {
    this.compare(state).written();
  }

  /** The records of `state` that differ from what is on disk, and `written()` to call once they are. */
  compare(state: EmulatorState): { changes: StateChange[]; written(): void } {
    const changes: StateChange[] = [];
    const texts = new Map<string, string>();
    const visit = (section: Section, name: string | undefined, value: unknown) => {
      const k = key(section, name);
      const text = recordText(section, value);
      texts.set(k, text);
      if (this.#texts.get(k) !== text) changes.push({ at: name === undefined ? [section] : [section, name], value });
    };
    for (const section of WHOLE) visit(section, undefined, wholeOf(state, section));
    for (const section of KEYED) for (const [name, value] of recordsOf(state, section)) visit(section, name, value);
    for (const k of this.#texts.keys()) {
      if (texts.has(k)) continue;
      const [section, name] = k.split('\u0000') as [Section, string];
      changes.push({ at: [section, name] });
    }
    return {
      changes,
      written: () => {
        this.#texts.clear();
        for (const [k, text] of texts) this.#texts.set(k, text);
      },
    };
  }
}

/** Thrown when a journal line is not a list of changes this module wrote. */
export class MalformedJournal extends Error {}

/** Applies journaled changes, in order, to a parsed snapshot (validate the result afterwards). */
export function applyChanges(raw: Record<string, unknown>, changes: unknown): void {
  if (!Array.isArray(changes)) throw new MalformedJournal('it is not a list of changes');
  for (const change of changes as StateChange[]) {
    const [section, name] = Array.isArray(change?.at) ? change.at : [];
    if (section !== undefined && WHOLE.includes(section) && name === undefined) {
      if (!('value' in change)) continue;
      if (section === 's3Sequence') s3Of(raw)['nextSequence'] = change.value;
      else if (section === 'iamProvisioned') iamOf(raw)['provisioned'] = change.value;
      else raw[section] = change.value;
      continue;
    }
    if (section === undefined || !KEYED.includes(section) || typeof name !== 'string') throw new MalformedJournal(`it changes ${JSON.stringify(change?.at)}, which is not a record of the state`);
    if (section === 'retention') {
      const groups = (raw['logGroups'] ??= {}) as Record<string, Record<string, unknown>>;
      const group = Object.hasOwn(groups, name) ? groups[name]! : undefined;
      if (!('value' in change)) {
        if (group) delete group['retentionInDays'];
      } else {
        const policy = change.value as RetentionRecord;
        if (group) group['retentionInDays'] = policy.retentionInDays;
        else define(groups, name, { logGroupName: name, creationTime: policy.creationTime, retentionInDays: policy.retentionInDays, streams: {} });
      }
      continue;
    }
    if (section === 's3Buckets' || section === 's3Objects') {
      applyS3Change(s3Of(raw), section, name, change);
      continue;
    }
    const nested = NESTED[section];
    const records = (nested ? (((raw[nested[0]] ??= structuredClone(nested[2])) as Record<string, unknown>)[nested[1]] ??= {}) : (raw[section] ??= {})) as Record<string, unknown>;
    if ('value' in change) define(records, name, change.value);
    else delete records[name];
  }
}

function iamOf(raw: Record<string, unknown>): Record<string, unknown> {
  return (raw['iam'] ??= { roles: {}, policies: {}, provisioned: false }) as Record<string, unknown>;
}

function s3Of(raw: Record<string, unknown>): Record<string, unknown> {
  return (raw['s3'] ??= { buckets: {}, nextSequence: 0 }) as Record<string, unknown>;
}

type RawBuckets = Record<string, { objects?: Record<string, unknown> }>;

function applyS3Change(s3: Record<string, unknown>, section: 's3Buckets' | 's3Objects', name: string, change: StateChange): void {
  const buckets = (s3['buckets'] ??= {}) as RawBuckets;
  if (section === 's3Buckets') {
    if (!('value' in change)) delete buckets[name];
    else define(buckets, name, { ...(change.value as object), objects: Object.hasOwn(buckets, name) ? (buckets[name]!.objects ?? {}) : {} });
    return;
  }
  let bucket: string;
  let key: string;
  try {
    [bucket, key] = JSON.parse(name) as [string, string];
  } catch {
    throw new MalformedJournal(`it names the S3 object ${JSON.stringify(name)}, which is not a bucket and key`);
  }
  if (!Object.hasOwn(buckets, bucket)) {
    if (!('value' in change)) return;
    throw new MalformedJournal(`it puts an object into the bucket ${bucket}, which it never created`);
  }
  const objects = (buckets[bucket]!.objects ??= {});
  if ('value' in change) define(objects, key, change.value);
  else delete objects[key];
}

/** Sets an own property, even one called `__proto__`. */
function define(target: Record<string, unknown>, name: string, value: unknown): void {
  Object.defineProperty(target, name, { value, enumerable: true, writable: true, configurable: true });
}
