import { describe, expect, it } from 'vitest';
import { createVirtualClock, realClock } from '../runtime/clock.ts';
import { Scheduler } from '../service/scheduler.ts';
import { nextFiring, parseSchedule } from './schedule.ts';

const at = (iso: string) => Date.parse(iso);
/** The next `n` firings after `fromIso`, as ISO minutes. */
function firings(expression: string, fromIso: string, n: number): string[] {
  const schedule = parseSchedule(expression);
  const out: string[] = [];
  let t = at(fromIso);
  const start = t;
  for (let i = 0; i < n; i++) {
    const next = nextFiring(schedule, t, start);
    if (next === undefined) break;
    out.push(new Date(next).toISOString().slice(0, 16));
    t = next;
  }
  return out;
}

describe('schedule expressions', () => {
  it('rate() counts periods from when the rule was made, with a singular unit exactly for 1', () => {
    expect(firings('rate(5 minutes)', '2026-01-01T00:00:00Z', 3)).toEqual(['2026-01-01T00:05', '2026-01-01T00:10', '2026-01-01T00:15']);
    expect(firings('rate(1 day)', '2026-01-01T10:30:00Z', 2)).toEqual(['2026-01-02T10:30', '2026-01-03T10:30']);
    for (const bad of ['rate(1 minutes)', 'rate(2 hour)', 'rate(0 minutes)', 'rate(5 seconds)', 'rate(5  minutes)', 'every 5 minutes']) {
      expect(() => parseSchedule(bad), bad).toThrow('Parameter ScheduleExpression is not valid.');
    }
  });

  it('cron() takes six fields in UTC with ranges, lists, steps, names, L, W and #', () => {
    expect(firings('cron(0/15 * * * ? *)', '2026-01-01T00:07:00Z', 3)).toEqual(['2026-01-01T00:15', '2026-01-01T00:30', '2026-01-01T00:45']);
    expect(firings('cron(5,35 14 * * ? *)', '2026-01-01T14:10:00Z', 3)).toEqual(['2026-01-01T14:35', '2026-01-02T14:05', '2026-01-02T14:35']);
    expect(firings('cron(0 18 ? * MON-FRI *)', '2026-01-02T19:00:00Z', 2)).toEqual(['2026-01-05T18:00', '2026-01-06T18:00']);
    expect(firings('cron(0 8 L * ? *)', '2026-01-15T00:00:00Z', 2)).toEqual(['2026-01-31T08:00', '2026-02-28T08:00']);
    // The 1st of February 2026 is a Sunday: its nearest weekday is Monday the 2nd.
    expect(firings('cron(0 9 1W * ? *)', '2026-01-15T00:00:00Z', 2)).toEqual(['2026-02-02T09:00', '2026-03-02T09:00']);
    expect(firings('cron(0 2 ? * SAT#3 *)', '2026-01-01T00:00:00Z', 2)).toEqual(['2026-01-17T02:00', '2026-02-21T02:00']);
    expect(firings('cron(0 2 ? * 6L *)', '2026-01-01T00:00:00Z', 1)).toEqual(['2026-01-30T02:00']);
    expect(firings('cron(0 12 1 JAN ? 2027-2028)', '2026-06-01T00:00:00Z', 3)).toEqual(['2027-01-01T12:00', '2028-01-01T12:00']);
    expect(firings('cron(0/5 5 ? JAN 1-5 2022)', '2026-01-01T00:00:00Z', 1)).toEqual([]);
  });

  it('refuses what EventBridge refuses: five or seven fields, both or neither day field, values out of range', () => {
    for (const bad of ['cron(0 12 * * ?)', 'cron(0 12 * * ? * *)', 'cron(0 1 * * * *)', 'cron(0 1 ? * ? *)', 'cron(60 1 * * ? *)', 'cron(0 24 * * ? *)', 'cron(0 1 32 * ? *)', 'cron(0 1 ? 13 * *)', 'cron(0 1 ? * 8 *)', 'cron(0 1 ? * FOO *)', 'cron(0 5-1 * * ? *)']) {
      expect(() => parseSchedule(bad), bad).toThrow('Parameter ScheduleExpression is not valid.');
    }
  });

  it('a drain with no end time does not wait for recurring work; one with an end time runs it to there', async () => {
    const clock = createVirtualClock(0);
    const scheduler = new Scheduler(clock);
    let fired = 0;
    let next = 60_000;
    scheduler.add({ recurring: true, nextDueAt: () => next, runDue: async () => { fired++; next += 60_000; return 1; } });
    expect(await scheduler.drain()).toBe(0);
    expect(await scheduler.drain({ untilMs: 60 * 60_000 })).toBe(60);
    expect([fired, clock.now()]).toEqual([60, 60 * 60_000]);
  });

  it('on real time, work due in 40 days waits: the timer is capped rather than firing at once', async () => {
    const scheduler = new Scheduler(realClock);
    let asked = 0;
    const due = realClock.now() + 40 * 24 * 60 * 60_000;
    scheduler.add({ recurring: true, nextDueAt: () => (asked++, due), runDue: async () => 0 });
    scheduler.start();
    await new Promise((resolve) => setTimeout(resolve, 50));
    scheduler.stop();
    // Armed once; an overflowing timer would have fired and re-armed every millisecond.
    expect(asked).toBeLessThanOrEqual(2);
  });
});
