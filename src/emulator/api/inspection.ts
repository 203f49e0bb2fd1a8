/**
 * The emulator's own inspection API under `/_emulator/` (not part of AWS): what a learner, the UI
 * and tests look at — queued events, messages delivered to destinations and dead-letter queues,
 * layer warnings, a log group's events in one read (Monitor's) — and the scheduler and clock controls.
 */
import type { LambdaService } from '../service/lambda-service.ts';
import { utf8 } from '../zip.ts';
import type { EmulatorResponse } from './router.ts';

export const INSPECTION_PREFIX = '/_emulator/';

const json = (status: number, body: unknown): EmulatorResponse => ({
  status,
  headers: { 'Content-Type': 'application/json' },
  body: utf8(JSON.stringify(body)),
});

export async function handleInspection(
  service: LambdaService,
  method: string,
  path: string,
  query: Record<string, string>,
  _body: Uint8Array,
): Promise<EmulatorResponse | undefined> {
  const op = path.slice(INSPECTION_PREFIX.length).replace(/\/$/, '');
  if (method === 'GET' && op === 'state') return json(200, service.inspect());
  if (method === 'GET' && op === 'sinks') return json(200, { Messages: service.sinks.list(query['target']) });
  if (method === 'POST' && op === 'sinks/receive') {
    const target = query['target'];
    if (!target) return json(400, { message: 'Give the destination ARN as ?target=.' });
    return json(200, { Messages: service.sinks.receive(target) });
  }
  if (method === 'POST' && op === 'scheduler/run-due') return json(200, { attempts: await service.scheduler.processDue(), pending: service.queue.pending.length });
  if (method === 'POST' && op === 'scheduler/drain') {
    const until = query['untilMs'] !== undefined ? Number(query['untilMs']) : undefined;
    const attempts = await service.scheduler.drain(until !== undefined ? { untilMs: until } : {});
    return json(200, { attempts, pending: service.queue.pending.length, now: service.clock.now() });
  }
  if (method === 'POST' && op === 'clock/advance') return advanceClock(service, query);
  if (method === 'GET' && op === 'logs') {
    const group = query['logGroupName'];
    if (!group) return json(400, { message: 'Give the log group as ?logGroupName=.' });
    const logStreams = service.logs.groupEvents(group);
    return logStreams ? json(200, { logStreams }) : json(404, { message: 'The specified log group does not exist.' });
  }
  return undefined;
}

/** A clock a learner may move on: the page's and the server's (adjustable), the tests' (virtual). */
function canAdvance(clock: object): clock is { advance(ms: number): void } {
  return typeof (clock as { advance?: unknown }).advance === 'function';
}

/**
 * `POST /_emulator/clock/advance?ms=N` or `?to=next-firing`: moves the account's clock on, as the
 * page's Advance time does, and runs what came due (schedules, retries, queued events).
 */
async function advanceClock(service: LambdaService, query: Record<string, string>): Promise<EmulatorResponse> {
  const clock = service.clock;
  if (!canAdvance(clock)) return json(400, { message: 'This emulator runs on the wall clock, which cannot be moved on.' });
  let by: number;
  if (query['to'] === 'next-firing') {
    const next = service.events.nextDueAt();
    if (next === undefined) return json(400, { message: 'No rule has a next firing: create a schedule first (events put-rule with a schedule expression, and a target).' });
    by = Math.max(1, next - clock.now());
  } else {
    by = Number(query['ms']);
    if (!Number.isFinite(by) || by <= 0) return json(400, { message: 'Give how far to move the clock as ?ms=<milliseconds> (more than 0), or ?to=next-firing.' });
  }
  clock.advance(by);
  service.scheduler.wake();
  const attempts = await service.scheduler.processDue();
  return json(200, { advancedMs: by, now: clock.now(), attempts, pending: service.queue.pending.length });
}
