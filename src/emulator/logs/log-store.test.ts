import { describe, expect, it } from 'vitest';
import { LogStore } from './log-store.ts';

describe('the log store', () => {
  it('keeps whole milliseconds, as CloudWatch Logs does, whatever the clock’s precision', () => {
    const store = new LogStore({}, { region: 'us-east-1', accountId: '123456789012', now: () => 0 });
    store.append('/aws/lambda/f', '2026/11/22/[$LATEST]0123456789abcdef0123456789abcdef', [
      { timestamp: 1795354086275.5164, message: 'START RequestId: r Version: $LATEST' },
    ], 1795354086485.823);
    const events = store.getLogEvents({ logGroupName: '/aws/lambda/f', logStreamName: '2026/11/22/[$LATEST]0123456789abcdef0123456789abcdef' }) as { events: { timestamp: number; ingestionTime: number }[] };
    expect(events.events).toEqual([{ timestamp: 1795354086275, ingestionTime: 1795354086485, message: 'START RequestId: r Version: $LATEST' }]);
    const streams = store.describeLogStreams({ logGroupName: '/aws/lambda/f' }) as { logStreams: Record<string, number>[] };
    for (const key of ['creationTime', 'firstEventTimestamp', 'lastEventTimestamp', 'lastIngestionTime']) {
      expect(Number.isInteger(streams.logStreams[0]![key]), key).toBe(true);
    }
  });
});

describe('a restored log store', () => {
  it('numbers new events after the highest id it was given, even when older events were dropped', () => {
    const kept = { logGroupName: '/aws/lambda/f', creationTime: 0, streams: { s: { logStreamName: 's', creationTime: 0, events: [{ timestamp: 1, ingestionTime: 1, message: 'old', eventId: String(9000).padStart(56, '0') }] } } };
    const store = new LogStore({ '/aws/lambda/f': kept }, { region: 'us-east-1', accountId: '123456789012', now: () => 0 });
    store.append('/aws/lambda/f', 's', [{ timestamp: 2, message: 'new' }], 2);
    const ids = (store.filterLogEvents({ logGroupName: '/aws/lambda/f' }) as { events: { eventId: string }[] }).events.map((e) => Number(e.eventId));
    expect(ids).toEqual([9000, 9001]);
  });
});

const DAY = 86_400_000;
const ids = (store: LogStore, group: string) => (store.filterLogEvents({ logGroupName: group }) as { events: { eventId: string; message: string }[] }).events.map((e) => Number(e.eventId));

describe('the log budget', () => {
  const line = (n: number) => `line ${String(n).padStart(4, '0')} ${'x'.repeat(990)}`;

  it('keeps the total at or under the budget, dropping the oldest events over every stream first, and says so once', () => {
    const reached: number[] = [];
    const store = new LogStore({}, { region: 'us-east-1', accountId: '123456789012', now: () => 0, budgetBytes: 10_000, onBudgetReached: (b) => reached.push(b) });
    // Three streams in two groups, written in turn: the oldest events are spread over all of them.
    const places = [['/aws/lambda/a', 's1'], ['/aws/lambda/a', 's2'], ['/aws/lambda/b', 's1']] as const;
    for (let n = 1; n <= 60; n++) {
      const [group, stream] = places[n % 3]!;
      store.append(group, stream, [{ timestamp: n, message: line(n) }], n);
      expect(store.storedBytes).toBeLessThanOrEqual(10_000);
    }
    // Each event is 1,000 bytes of ASCII plus CloudWatch's 26: nine fit, and they are the last nine written.
    expect(store.storedBytes).toBe(9 * 1_026);
    const kept = [...ids(store, '/aws/lambda/a'), ...ids(store, '/aws/lambda/b')].sort((x, y) => x - y);
    expect(kept).toEqual([52, 53, 54, 55, 56, 57, 58, 59, 60]);
    expect(reached).toEqual([10_000]);
  });

  it('counts messages in UTF-8, as CloudWatch Logs does', () => {
    const store = new LogStore({}, { region: 'us-east-1', accountId: '123456789012', now: () => 0 });
    store.append('g', 's', [{ timestamp: 1, message: 'a' }, { timestamp: 1, message: 'é' }, { timestamp: 1, message: '€' }, { timestamp: 1, message: '😀' }], 1);
    expect(store.storedBytes).toBe(4 * 26 + 1 + 2 + 3 + 4);
  });

  it('trims a restored state saved under a larger budget', () => {
    const events = Array.from({ length: 10 }, (_, i) => ({ timestamp: i, ingestionTime: i, message: 'y'.repeat(974), eventId: String(i + 1).padStart(56, '0') }));
    const groups = { g: { logGroupName: 'g', creationTime: 0, streams: { s: { logStreamName: 's', creationTime: 0, events } } } };
    const store = new LogStore(groups, { region: 'us-east-1', accountId: '123456789012', now: () => 0, budgetBytes: 3_000 });
    expect(ids(store, 'g')).toEqual([8, 9, 10]);
    expect(store.storedBytes).toBe(3_000);
  });
});

describe('a log group’s retention', () => {
  it('drops events older than the retention on the injected clock, keeping the streams', () => {
    let now = 100 * DAY;
    const store = new LogStore({}, { region: 'us-east-1', accountId: '123456789012', now: () => now });
    store.append('g', 'old', [{ timestamp: now - 3 * DAY, message: 'three days ago' }], now);
    store.append('g', 'new', [{ timestamp: now - DAY / 2, message: 'this morning' }], now);
    store.putRetentionPolicy({ logGroupName: 'g', retentionInDays: 1 });
    const messages = () => (store.filterLogEvents({ logGroupName: 'g' }) as { events: { message: string }[] }).events.map((e) => e.message);
    expect(messages()).toEqual(['this morning']);
    expect((store.describeLogStreams({ logGroupName: 'g' }) as { logStreams: unknown[] }).logStreams).toHaveLength(2);
    expect(store.storedBytes).toBe(26 + 'this morning'.length);
    now += DAY;
    expect(messages()).toEqual([]);
    expect(store.storedBytes).toBe(0);
  });
});
