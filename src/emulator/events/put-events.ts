/**
 * PutEvents: each entry becomes an event on its bus, matched against the bus's enabled rules'
 * event patterns and handed to their targets. Entries fail one by one with EventBridge's
 * ErrorCode and ErrorMessage, as the recordings show; the call itself succeeds.
 */
import { matchesEventPattern, parseEventPattern } from '../patterns/event-pattern.ts';
import { EventsError, validation } from './errors.ts';
import { eventTime, type EventEnvelope, type EventsService } from './events-service.ts';
import { str, type Input } from './params.ts';

/** Entries one PutEvents call may carry. */
const MAX_ENTRIES = 10;

const required = (name: string) => ({ ErrorCode: 'InvalidArgument', ErrorMessage: `Parameter ${name} is not valid. Reason: ${name} is a required argument.` });

export function putEvents(events: EventsService, input: Input): Input {
  const entries = Array.isArray(input['Entries']) ? (input['Entries'] as Input[]) : [];
  if (entries.length === 0) throw validation("1 validation error detected: Value '[]' at 'entries' failed to satisfy constraint: Member must have length greater than or equal to 1");
  if (entries.length > MAX_ENTRIES) throw validation(`1 validation error detected: Value at 'entries' failed to satisfy constraint: Member must have length less than or equal to ${MAX_ENTRIES}`);
  let failed = 0;
  const results = entries.map((entry) => {
    const result = putEvent(events, entry);
    if ('ErrorCode' in result) failed++;
    return result;
  });
  return { FailedEntryCount: failed, Entries: results };
}

function putEvent(events: EventsService, entry: Input): Record<string, string> {
  const source = str(entry, 'Source');
  const detailType = str(entry, 'DetailType');
  const detailText = str(entry, 'Detail');
  if (source === undefined) return required('Source');
  if (detailType === undefined) return required('DetailType');
  if (detailText === undefined) return required('Detail');
  let detail: unknown;
  try {
    detail = JSON.parse(detailText);
  } catch {
    return { ErrorCode: 'MalformedDetail', ErrorMessage: 'Detail is malformed.' };
  }
  if (typeof detail !== 'object' || detail === null || Array.isArray(detail)) return { ErrorCode: 'MalformedDetail', ErrorMessage: 'Detail is malformed.' };
  let bus: string;
  try {
    bus = events.busName(str(entry, 'EventBusName'));
  } catch (err) {
    if (err instanceof EventsError) return { ErrorCode: 'InvalidArgument', ErrorMessage: err.message };
    throw err;
  }
  const time = typeof entry['Time'] === 'number' ? entry['Time'] * 1000 : events.clock.now();
  const event: EventEnvelope = {
    version: '0',
    id: events.uuid(),
    'detail-type': detailType,
    source,
    account: events.accountId,
    time: eventTime(time),
    region: events.region,
    resources: Array.isArray(entry['Resources']) ? (entry['Resources'] as unknown[]).filter((r): r is string => typeof r === 'string') : [],
    detail,
  };
  dispatch(events, bus, event);
  return { EventId: event.id };
}

/** Hands an event to every enabled pattern rule on `bus` that matches it. */
export function dispatch(events: EventsService, bus: string, event: EventEnvelope): void {
  for (const rule of events.rules(bus)) {
    if (rule.State !== 'ENABLED' || rule.EventPattern === undefined) continue;
    if (matchesEventPattern(parseEventPattern(rule.EventPattern), event)) events.deliver(rule, event);
  }
}

/** An event another AWS service puts on a bus (Lambda's destinations write the whole event); false when the bus does not exist. */
export function putServiceEvent(events: EventsService, busArn: string, event: EventEnvelope): boolean {
  let bus: string;
  try {
    bus = events.busName(busArn);
  } catch {
    return false;
  }
  dispatch(events, bus, event);
  return true;
}
