/**
 * The emulator's own inspection API under `/_emulator/` (not part of AWS): what a learner, the UI
 * and tests look at — queued events, messages delivered to destinations and dead-letter queues,
 * layer warnings — and the scheduler controls for the virtual clock.
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
  return undefined;
}
