/**
 * CloudWatch Logs as Lambda writes it: log group `/aws/lambda/<name>`, one stream per execution
 * environment. Answers DescribeLogGroups, DescribeLogStreams, GetLogEvents and FilterLogEvents in
 * the shapes of `@aws-sdk/client-cloudwatch-logs`.
 */
import type { LogEvent } from '../runtime/contract.ts';
import type { LogGroupRecord, LogStreamRecord } from '../service/state.ts';
import { dict } from '../service/dict.ts';


export class LogsError extends Error {
  constructor(readonly code: string, message: string) {
    super(message);
  }
}

const MAX_EVENTS_PER_PAGE = 10_000;
const DEFAULT_PAGE = 50;

type Json = Record<string, unknown>;

function num(v: unknown): number | undefined {
  return typeof v === 'number' && Number.isFinite(v) ? v : undefined;
}

export class LogStore {
  #groups: Record<string, LogGroupRecord>;
  #eventSeq = 0;
  constructor(
    groups: Record<string, LogGroupRecord>,
    private readonly region: string,
    private readonly accountId: string,
  ) {
    this.#groups = groups;
    // Continue after the highest id restored (not the count): a saved state may keep only recent events.
    for (const g of Object.values(groups)) for (const s of Object.values(g.streams)) for (const e of s.events) this.#eventSeq = Math.max(this.#eventSeq, Number(e.eventId) || 0);
  }

  get groups(): Record<string, LogGroupRecord> {
    return this.#groups;
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
        eventId: String(++this.#eventSeq).padStart(56, '0'),
      });
    }
  }

  deleteGroup(groupName: string): void {
    delete this.#groups[groupName];
  }

  #group(name: unknown): LogGroupRecord {
    const g = typeof name === 'string' ? this.#groups[name] : undefined;
    if (!g) throw new LogsError('ResourceNotFoundException', 'The specified log group does not exist.');
    return g;
  }

  #groupArn(name: string): string {
    return `arn:aws:logs:${this.region}:${this.accountId}:log-group:${name}`;
  }

  describeLogGroups(input: Json): Json {
    const prefix = typeof input['logGroupNamePrefix'] === 'string' ? input['logGroupNamePrefix'] : '';
    const all = Object.values(this.#groups)
      .filter((g) => g.logGroupName.startsWith(prefix))
      .sort((a, b) => (a.logGroupName < b.logGroupName ? -1 : 1));
    const { page, nextToken } = paginate(all, input['nextToken'], num(input['limit']) ?? DEFAULT_PAGE);
    return {
      logGroups: page.map((g) => ({
        logGroupName: g.logGroupName,
        creationTime: g.creationTime,
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
