/**
 * Schedule expressions, as EventBridge rules take them: `rate(value unit)` and the six-field
 * `cron(minutes hours day-of-month month day-of-week year)` in UTC. Anything else is refused
 * with EventBridge's one message for it. `nextFiring` says when a schedule next fires after a time.
 */
import { validation } from './errors.ts';

export const invalidSchedule = () => validation('Parameter ScheduleExpression is not valid.');

const MINUTE = 60_000;
const RATE_UNITS: Record<string, number> = { minute: MINUTE, hour: 60 * MINUTE, day: 24 * 60 * MINUTE };

/** One cron field: the values it allows, or special day rules. */
interface CronField {
  values: Set<number>;
  any: boolean;
}

interface Cron {
  minutes: CronField;
  hours: CronField;
  /** Day of month: values, `L` (last day), `nW` (nearest weekday), `LW`; or `?`. */
  dom: { field?: CronField; last?: boolean; lastWeekday?: boolean; weekdayNear?: number; none: boolean };
  months: CronField;
  /** Day of week (1 = Sunday): values, `nL` (last such day of the month), `n#k` (k-th such day); or `?`. */
  dow: { field?: CronField; lastOf?: number; nth?: [day: number, k: number]; none: boolean };
  years: CronField;
}

export type Schedule = { kind: 'rate'; periodMs: number } | { kind: 'cron'; cron: Cron };

const MONTHS = ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'];
const DAYS = ['SUN', 'MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT'];

/** A field of numbers with `,`, `-`, `*` and `/`; names (JAN, MON) where the field has them. */
function parseField(text: string, min: number, max: number, names?: string[]): CronField {
  const values = new Set<number>();
  const value = (token: string): number => {
    const named = names?.indexOf(token.toUpperCase()) ?? -1;
    if (named >= 0) return named + min;
    if (!/^\d+$/.test(token)) throw invalidSchedule();
    const n = Number(token);
    if (n < min || n > max) throw invalidSchedule();
    return n;
  };
  for (const part of text.split(',')) {
    const [range, stepText] = part.split('/') as [string, string | undefined];
    if (stepText !== undefined && !/^\d+$/.test(stepText)) throw invalidSchedule();
    const step = stepText === undefined ? 1 : Number(stepText);
    if (step < 1) throw invalidSchedule();
    let from: number;
    let to: number;
    if (range === '*') [from, to] = [min, max];
    else if (range.includes('-')) {
      const [a, b] = range.split('-') as [string, string];
      [from, to] = [value(a), value(b)];
    } else {
      from = value(range);
      to = stepText === undefined ? from : max;
    }
    if (from > to) throw invalidSchedule();
    for (let n = from; n <= to; n += step) values.add(n);
  }
  return { values, any: text === '*' };
}

function parseCron(body: string): Cron {
  const fields = body.trim().split(/\s+/);
  if (fields.length !== 6) throw invalidSchedule();
  const [min, hour, dom, month, dow, year] = fields as [string, string, string, string, string, string];
  // Exactly one of day-of-month and day-of-week is `?`.
  if ((dom === '?') === (dow === '?')) throw invalidSchedule();
  const cron: Cron = {
    minutes: parseField(min, 0, 59),
    hours: parseField(hour, 0, 23),
    dom: { none: dom === '?' },
    months: parseField(month, 1, 12, MONTHS),
    dow: { none: dow === '?' },
    years: parseField(year, 1970, 2199),
  };
  if (dom !== '?') {
    if (dom === 'L') cron.dom.last = true;
    else if (dom === 'LW') cron.dom.lastWeekday = true;
    else if (/^\d{1,2}W$/.test(dom)) {
      cron.dom.weekdayNear = Number(dom.slice(0, -1));
      if (cron.dom.weekdayNear < 1 || cron.dom.weekdayNear > 31) throw invalidSchedule();
    } else cron.dom.field = parseField(dom, 1, 31);
  }
  if (dow !== '?') {
    const dayOf = (t: string) => parseField(t, 1, 7, DAYS).values.values().next().value!;
    if (/^[^,#/-]+L$/.test(dow)) cron.dow.lastOf = dayOf(dow.slice(0, -1));
    else if (/^[^,/-]+#[1-5]$/.test(dow)) cron.dow.nth = [dayOf(dow.split('#')[0]!), Number(dow.split('#')[1])];
    else cron.dow.field = parseField(dow, 1, 7, DAYS);
  }
  return cron;
}

/** Parses a ScheduleExpression, or throws EventBridge's ValidationException. */
export function parseSchedule(expression: string): Schedule {
  const rate = /^rate\((\d+) (minute|minutes|hour|hours|day|days)\)$/.exec(expression);
  if (rate) {
    const value = Number(rate[1]);
    // `rate(1 minute)` but `rate(5 minutes)`: the unit is singular exactly when the value is 1.
    if (value < 1 || (value === 1) !== !rate[2]!.endsWith('s')) throw invalidSchedule();
    return { kind: 'rate', periodMs: value * RATE_UNITS[rate[2]!.replace(/s$/, '')]! };
  }
  const cron = /^cron\((.*)\)$/.exec(expression);
  if (cron) return { kind: 'cron', cron: parseCron(cron[1]!) };
  throw invalidSchedule();
}

const daysIn = (year: number, month: number) => new Date(Date.UTC(year, month, 0)).getUTCDate();

function dayMatches(cron: Cron, year: number, month: number, day: number): boolean {
  const last = daysIn(year, month);
  const weekday = new Date(Date.UTC(year, month - 1, day)).getUTCDay() + 1;
  if (!cron.dom.none) {
    if (cron.dom.last) return day === last;
    if (cron.dom.field) return cron.dom.field.values.has(day);
    // `nW` / `LW`: the weekday nearest that day, within the month.
    const target = cron.dom.lastWeekday ? last : Math.min(cron.dom.weekdayNear!, last);
    const targetWeekday = new Date(Date.UTC(year, month - 1, target)).getUTCDay();
    let nearest = target;
    if (targetWeekday === 6) nearest = target === 1 ? 3 : target - 1;
    else if (targetWeekday === 0) nearest = target === last ? target - 2 : target + 1;
    return day === nearest;
  }
  if (cron.dow.field) return cron.dow.field.values.has(weekday);
  if (cron.dow.lastOf !== undefined) return weekday === cron.dow.lastOf && day + 7 > last;
  const [d, k] = cron.dow.nth!;
  return weekday === d && Math.ceil(day / 7) === k;
}

/** When the schedule next fires strictly after `afterMs` (for a rate, counted from `startMs`); undefined when a cron never fires again. */
export function nextFiring(schedule: Schedule, afterMs: number, startMs: number): number | undefined {
  if (schedule.kind === 'rate') {
    const periods = Math.floor((afterMs - startMs) / schedule.periodMs) + 1;
    return startMs + Math.max(1, periods) * schedule.periodMs;
  }
  const { cron } = schedule;
  let t = new Date(Math.floor(afterMs / MINUTE) * MINUTE + MINUTE);
  // Step by the largest unit that does not match: year, month, day, hour, minute.
  for (let guard = 0; guard < 200_000; guard++) {
    const year = t.getUTCFullYear();
    if (year > 2199) return undefined;
    if (!cron.years.values.has(year)) {
      t = new Date(Date.UTC(year + 1, 0, 1));
      continue;
    }
    const month = t.getUTCMonth() + 1;
    if (!cron.months.values.has(month)) {
      t = new Date(Date.UTC(year, month, 1));
      continue;
    }
    if (!dayMatches(cron, year, month, t.getUTCDate())) {
      t = new Date(Date.UTC(year, month - 1, t.getUTCDate() + 1));
      continue;
    }
    if (!cron.hours.values.has(t.getUTCHours())) {
      t = new Date(Date.UTC(year, month - 1, t.getUTCDate(), t.getUTCHours() + 1));
      continue;
    }
    if (!cron.minutes.values.has(t.getUTCMinutes())) {
      t = new Date(t.getTime() + MINUTE);
      continue;
    }
    return t.getTime();
  }
  return undefined;
}
