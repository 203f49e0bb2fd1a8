import { describe, expect, it } from 'vitest';
import { LogStore } from './log-store.ts';

describe('the log store', () => {
  it('keeps whole milliseconds, as CloudWatch Logs does, whatever the clock’s precision', () => {
    const store = new LogStore({}, 'us-east-1', '123456789012');
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
    const store = new LogStore({ '/aws/lambda/f': kept }, 'us-east-1', '123456789012');
    store.append('/aws/lambda/f', 's', [{ timestamp: 2, message: 'new' }], 2);
    const ids = (store.filterLogEvents({ logGroupName: '/aws/lambda/f' }) as { events: { eventId: string }[] }).events.map((e) => Number(e.eventId));
    expect(ids).toEqual([9000, 9001]);
  });
});
