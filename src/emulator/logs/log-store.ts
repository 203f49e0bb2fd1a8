/**
 * CloudWatch Logs as Lambda writes it: log group `/aws/lambda/<name>`, one stream per execution
 * environment. Answers DescribeLogGroups, DescribeLogStreams, GetLogEvents, FilterLogEvents,
 * PutRetentionPolicy and DeleteRetentionPolicy in the shapes of `@aws-sdk/client-cloudwatch-logs`.
 * Events past a group's retention are dropped on the injected clock, and all groups together keep
 * at most a byte budget (the emulator's own, limits.logBudget): past it the oldest events go first.
 */
import type { LogEvent } from '../runtime/contract.ts';
import type { LogGroupRecord, LogStreamRecord } from '../service/state.ts';
import { dict } from '../service/dict.ts';
import { limits } from '../limits.ts';
import { RETENTION_DAYS, isRetentionInDays, retentionCutoff } from './retention.ts';

export class LogsError extends Error {
  constructor(readonly code: string, message: string) {
    super(message);
  }
}

const MAX_EVENTS_PER_PAGE = 10_000;
const DEFAULT_PAGE = 50;
/** What CloudWatch Logs adds to each event's UTF-8 message when it measures a batch (PutLogEvents). */
const EVENT_OVERHEAD_BYTES = 26;

type Json = Record<string, unknown>;

function num(v: unknown): number | undefined {
  return typeof v === 'number' && Number.isFinite(v) ? v : undefined;
}

export interface LogStoreOptions {
  region: string;
  accountId: string;
  /** The injected clock's now: retention is measured on it. */
  now: () => number;
  /** Bytes of log events kept over all groups; defaults to limits.logBudget.defaultBytes. */
  budgetBytes?: number;
  /** Called once, the first time the budget makes the store drop events. */
  onBudgetReached?: (budgetBytes: number) => void;
}

export class LogStore {
  #groups: Record<string, LogGroupRecord>;
  #eventSeq = 0;
  #storedBytes = 0;
  #budgetReached = false;
  readonly budgetBytes: number;
  readonly #options: LogStoreOptions;

  constructor(groups: Record<string, LogGroupRecord>, options: LogStoreOptions) {
    this.#groups = groups;
    this.#options = options;
    this.budgetBytes = options.budgetBytes ?? limits.logBudget.defaultBytes;
    for (const g of Object.values(groups)) {
      for (const s of Object.values(g.streams)) {
        for (const e of s.events) {
          // Continue after the highest id restored (not the count): a saved state may keep only recent events.
          this.#eventSeq = Math.max(this.#eventSeq, Number(e.eventId) || 0);
          this.#storedBytes += eventBytes(e.message);
        }
      }
    }
    // A state saved under a larger budget is trimmed to this one.
    this.#keepWithinBudget();
  }

  get groups(): Record<string, LogGroupRecord> {
    return this.#groups;
  }

  /** Bytes of every event kept, as the budget counts them. */
  get storedBytes(): number {
    return this.#storedBytes;
  }

  append(groupName: string, streamName: string, events: readonly LogEvent[], ingestedAt: number): void {
    // CloudWatch Logs keeps whole milliseconds; the engine's clock is finer, for REPORT durations.
    const ingestionTime = Math.floor(ingestedAt);
    const group = (this.#groups[groupName] ??= { logGroupName: groupName, creationTime: ingestionTime, streams: dict() });
    const stream = (group.streams[streamName] ??= { logStreamName: streamName, creationTime: ingestionTime, events: [] });
    for (const e of events) {
      stream.events.push({
        timestamp: Math.floor(e.timestamp),
        ingestionTime,
        message: e.message,
        eventId: eventId(++this.#eventSeq),
      });
      this.#storedBytes += eventBytes(e.message);
    }
    this.#expire(group);
    this.#keepWithinBudget();
  }

  deleteGroup(groupName: string): void {
    const group = this.#groups[groupName];
    if (!group) return;
    for (const s of Object.values(group.streams)) for (const e of s.events) this.#storedBytes -= eventBytes(e.message);
    delete this.#groups[groupName];
  }

  putRetentionPolicy(input: Json): void {
    const days = input['retentionInDays'];
    if (!isRetentionInDays(days)) {
      const shown = days === undefined || days === null ? 'null' : `'${String(days)}'`;
      const constraint = shown === 'null' ? 'Member must not be null' : `Member must satisfy enum value set: [${RETENTION_DAYS.join(', ')}]`;
      throw new LogsError('InvalidParameterException', `1 validation error detected: Value ${shown} at 'retentionInDays' failed to satisfy constraint: ${constraint}`);
    }
    const group = this.#group(input['logGroupName']);
    group.retentionInDays = days;
    this.#expire(group);
  }

  deleteRetentionPolicy(input: Json): void {
    delete this.#group(input['logGroupName']).retentionInDays;
  }

  /** Drops the group's events past its retention; each stream's events are in time order, so only heads can have expired. */
  #expire(group: LogGroupRecord): void {
    if (group.retentionInDays === undefined) return;
    const cutoff = retentionCutoff(group.retentionInDays, this.#options.now());
    for (const s of Object.values(group.streams)) {
      let n = 0;
      while (n < s.events.length && s.events[n]!.timestamp < cutoff) this.#storedBytes -= eventBytes(s.events[n++]!.message);
      if (n > 0) s.events.splice(0, n);
    }
  }

  /** While over the budget, drops the oldest events (lowest event id, over every stream) first. */
  #keepWithinBudget(): void {
    if (this.#storedBytes <= this.budgetBytes) return;
    if (!this.#budgetReached) {
      this.#budgetReached = true;
      this.#options.onBudgetReached?.(this.budgetBytes);
    }
    const streams = Object.values(this.#groups).flatMap((g) => Object.values(g.streams));
    while (this.#storedBytes > this.budgetBytes) {
      // The stream holding the oldest event, and the next-oldest head elsewhere: drop up to it in one go.
      let oldest: LogStreamRecord | undefined;
      let next: string | undefined;
      for (const s of streams) {
        const head = s.events[0]?.eventId;
        if (head === undefined) continue;
        if (!oldest || head < oldest.events[0]!.eventId) {
          if (oldest) next = oldest.events[0]!.eventId;
          oldest = s;
        } else if (next === undefined || head < next) next = head;
      }
      if (!oldest) return;
      let n = 0;
      while (n < oldest.events.length && this.#storedBytes > this.budgetBytes && (next === undefined || oldest.events[n]!.eventId < next)) {
        this.#storedBytes -= eventBytes(oldest.events[n++]!.message);
      }
      oldest.events.splice(0, n);
    }
  }

  /** The group a request names, with its expired events dropped. */
  #group(name: unknown): LogGroupRecord {
    const g = typeof name === 'string' ? this.#groups[name] : undefined;
    if (!g) throw new LogsError('ResourceNotFoundException', 'The specified log group does not exist.');
    this.#expire(g);
    return g;
  }

  #groupArn(name: string): string {
    return `arn:aws:logs:${this.#options.region}:${this.#options.accountId}:log-group:${name}`;
  }

  describeLogGroups(input: Json): Json {
    const prefix = typeof input['logGroupNamePrefix'] === 'string' ? input['logGroupNamePrefix'] : '';
    const all = Object.values(this.#groups)
      .filter((g) => g.logGroupName.startsWith(prefix))
      .sort((a, b) => (a.logGroupName < b.logGroupName ? -1 : 1));
    for (const g of all) this.#expire(g);
    const { page, nextToken } = paginate(all, input['nextToken'], num(input['limit']) ?? DEFAULT_PAGE);
    return {
      logGroups: page.map((g) => ({
        logGroupName: g.logGroupName,
        creationTime: g.creationTime,
        ...(g.retentionInDays !== undefined ? { retentionInDays: g.retentionInDays } : {}),
        metricFilterCount: 0,
        arn: `${this.#groupArn(g.logGroupName)}:*`,
        logGroupArn: this.#groupArn(g.logGroupName),
        storedBytes: storedBytes(g),
        logGroupClass: 'STANDARD',
      })),
      ...(nextToken ? { nextToken } : {}),
    };
  }

  describeLogStreams(input: Json): Json {
    const g = this.#group(input['logGroupName']);
    const prefix = typeof input['logStreamNamePrefix'] === 'string' ? input['logStreamNamePrefix'] : '';
    let all = Object.values(g.streams).filter((s) => s.logStreamName.startsWith(prefix));
    if (input['orderBy'] === 'LastEventTime') all.sort((a, b) => lastEventTime(a) - lastEventTime(b));
    else all.sort((a, b) => (a.logStreamName < b.logStreamName ? -1 : 1));
    if (input['descending'] === true) all = all.reverse();
    const { page, nextToken } = paginate(all, input['nextToken'], num(input['limit']) ?? DEFAULT_PAGE);
    return {
      logStreams: page.map((s) => ({
        logStreamName: s.logStreamName,
        creationTime: s.creationTime,
        ...(s.events.length > 0
          ? {
              firstEventTimestamp: s.events[0]!.timestamp,
              lastEventTimestamp: lastEventTime(s),
              lastIngestionTime: s.events[s.events.length - 1]!.ingestionTime,
            }
          : {}),
        uploadSequenceToken: String(s.events.length),
        arn: `${this.#groupArn(g.logGroupName)}:log-stream:${s.logStreamName}`,
        storedBytes: 0,
      })),
      ...(nextToken ? { nextToken } : {}),
    };
  }

  /**
   * A whole log group at once, newest stream first, each event its time and message: what the
   * page's Monitor draws from (`GET /_emulator/logs`), without a page of API requests per stream.
   */
  groupEvents(groupName: string): { logStreamName: string; events: { timestamp: number; message: string }[] }[] | undefined {
    if (!Object.hasOwn(this.#groups, groupName)) return undefined;
    const g = this.#group(groupName);
    return Object.values(g.streams)
      .sort((a, b) => lastEventTime(b) - lastEventTime(a))
      .map((s) => ({ logStreamName: s.logStreamName, events: s.events.map((e) => ({ timestamp: e.timestamp, message: e.message })) }));
  }

  getLogEvents(input: Json): Json {
    const g = this.#group(input['logGroupName']);
    const s = typeof input['logStreamName'] === 'string' ? g.streams[input['logStreamName']] : undefined;
    if (!s) throw new LogsError('ResourceNotFoundException', 'The specified log stream does not exist.');
    const start = num(input['startTime']);
    const end = num(input['endTime']);
    const events = s.events.filter((e) => (start === undefined || e.timestamp >= start) && (end === undefined || e.timestamp < end));
    const limit = Math.min(num(input['limit']) ?? MAX_EVENTS_PER_PAGE, MAX_EVENTS_PER_PAGE);
    // Tokens are `f/<index>` (read forward from index) and `b/<index>` (read backward ending at index).
    const token = typeof input['nextToken'] === 'string' ? input['nextToken'] : undefined;
    let from: number;
    let to: number;
    if (token?.startsWith('f/')) {
      from = Number(token.slice(2));
      to = Math.min(events.length, from + limit);
    } else if (token?.startsWith('b/')) {
      to = Number(token.slice(2));
      from = Math.max(0, to - limit);
    } else if (input['startFromHead'] === true) {
      from = 0;
      to = Math.min(events.length, limit);
    } else {
      to = events.length;
      from = Math.max(0, to - limit);
    }
    return {
      events: events.slice(from, to).map((e) => ({ timestamp: e.timestamp, message: e.message, ingestionTime: e.ingestionTime })),
      nextForwardToken: `f/${to}`,
      nextBackwardToken: `b/${from}`,
    };
  }

  filterLogEvents(input: Json): Json {
    const g = this.#group(input['logGroupName']);
    const names = Array.isArray(input['logStreamNames']) ? input['logStreamNames'].map(String) : undefined;
    const prefix = typeof input['logStreamNamePrefix'] === 'string' ? input['logStreamNamePrefix'] : '';
    const streams = Object.values(g.streams).filter((s) => (names ? names.includes(s.logStreamName) : s.logStreamName.startsWith(prefix)));
    const start = num(input['startTime']);
    const end = num(input['endTime']);
    const matches = filterPattern(typeof input['filterPattern'] === 'string' ? input['filterPattern'] : '');
    const all = streams
      .flatMap((s) => s.events.map((e) => ({ e, stream: s.logStreamName })))
      .filter(({ e }) => (start === undefined || e.timestamp >= start) && (end === undefined || e.timestamp <= end) && matches(e.message))
      .sort((a, b) => a.e.timestamp - b.e.timestamp || (a.e.eventId < b.e.eventId ? -1 : 1));
    const { page, nextToken } = paginate(all, input['nextToken'], num(input['limit']) ?? MAX_EVENTS_PER_PAGE);
    return {
      events: page.map(({ e, stream }) => ({
        logStreamName: stream,
        timestamp: e.timestamp,
        message: e.message,
        ingestionTime: e.ingestionTime,
        eventId: e.eventId,
      })),
      searchedLogStreams: streams.map((s) => ({ logStreamName: s.logStreamName, searchedCompletely: true })),
      ...(nextToken ? { nextToken } : {}),
    };
  }
}

/** The zeros before an event id of each digit count: an id is written three times per invocation. */
const EVENT_ID_ZEROS = Array.from({ length: 57 }, (_, digits) => '0'.repeat(56 - digits));

/** CloudWatch's event id: 56 digits, zero-padded (the sequence number stays below 2^53, 16 digits). */
function eventId(seq: number): string {
  const digits = String(seq);
  return EVENT_ID_ZEROS[digits.length]! + digits;
}

/** Any UTF-16 code unit past ASCII: most log lines have none, and then each character is one byte. */
const NON_ASCII = /[^\u0000-\u007f]/;

/** An event's size as CloudWatch Logs measures it: its message in UTF-8, plus the per-event overhead. */
export function eventBytes(message: string): number {
  let n = EVENT_OVERHEAD_BYTES + message.length;
  if (!NON_ASCII.test(message)) return n;
  for (let i = 0; i < message.length; i++) {
    const c = message.charCodeAt(i);
    // UTF-16 code units: one more byte from U+0080, two more from U+0800; a surrogate pair's 4 bytes are 2 + 2.
    if (c >= 0x80) n += c >= 0x800 && (c < 0xd800 || c > 0xdfff) ? 2 : 1;
  }
  return n;
}

function lastEventTime(s: LogStreamRecord): number {
  return s.events.length > 0 ? s.events[s.events.length - 1]!.timestamp : s.creationTime;
}

function storedBytes(g: LogGroupRecord): number {
  let n = 0;
  for (const s of Object.values(g.streams)) for (const e of s.events) n += e.message.length;
  return n;
}

function paginate<T>(items: T[], token: unknown, limit: number): { page: T[]; nextToken?: string } {
  const start = typeof token === 'string' && /^\d+$/.test(token) ? Number(token) : 0;
  const end = start + Math.max(1, limit);
  const page = items.slice(start, end);
  return end < items.length ? { page, nextToken: String(end) } : { page };
}

/**
 * The text subset of CloudWatch filter patterns: terms that must all appear, `"quoted phrases"`,
 * `?term` alternatives, `-term` exclusions. Matching is case-sensitive, like CloudWatch.
 */
export function filterPattern(pattern: string): (message: string) => boolean {
  const terms = pattern.match(/"[^"]*"|\S+/g) ?? [];
  const required: string[] = [];
  const optional: string[] = [];
  const excluded: string[] = [];
  for (const raw of terms) {
    const kind = raw[0] === '?' ? optional : raw[0] === '-' ? excluded : required;
    const body = kind === required ? raw : raw.slice(1);
    kind.push(body.startsWith('"') && body.endsWith('"') ? body.slice(1, -1) : body);
  }
  return (m) =>
    required.every((t) => m.includes(t)) &&
    excluded.every((t) => !m.includes(t)) &&
    (optional.length === 0 || optional.some((t) => m.includes(t)));
}
