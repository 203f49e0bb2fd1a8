/**
 * EventBridge on the emulator's endpoint: the JSON 1.1 protocol (`X-Amz-Target: AWSEvents.<Op>`),
 * errors as `{"__type", "message"}`.
 */
import { header } from '../api/dispatch.ts';
import type { Router } from '../api/router.ts';
import { jsonErrorResponse, jsonResponse, parseJsonObject, targetOperation } from '../protocols/json.ts';
import { EventsError } from './errors.ts';
import type { EventsService } from './events-service.ts';
import type { Input } from './params.ts';
import { EVENTS_JSON, EVENTS_TARGET_PREFIX } from './protocol.ts';
import { putEvents } from './put-events.ts';
import * as rules from './rules.ts';


type Operation = (events: EventsService, input: Input) => Input;

const OPERATIONS: Record<string, Operation> = {
  CreateEventBus: rules.createEventBus,
  DeleteEventBus: rules.deleteEventBus,
  ListEventBuses: rules.listEventBuses,
  PutRule: rules.putRule,
  DescribeRule: rules.describeRule,
  ListRules: rules.listRules,
  DeleteRule: rules.deleteRule,
  EnableRule: rules.enableRule,
  DisableRule: rules.disableRule,
  PutTargets: rules.putTargets,
  RemoveTargets: rules.removeTargets,
  ListTargetsByRule: rules.listTargetsByRule,
  ListRuleNamesByTarget: rules.listRuleNamesByTarget,
  PutEvents: putEvents,
};

export function createEventsRouter(events: EventsService, options: { requestId: () => string; onChange?: () => void }): Router {
  return (request) => {
    const requestId = options.requestId();
    const fail = (error: EventsError) => Promise.resolve(jsonErrorResponse(EVENTS_JSON, { status: error.status, type: error.code, message: error.message }, requestId));
    const name = targetOperation(header(request.headers, 'x-amz-target'), EVENTS_TARGET_PREFIX) ?? '';
    const operation = Object.hasOwn(OPERATIONS, name) ? OPERATIONS[name] : undefined;
    if (!operation) return fail(new EventsError('UnknownOperationException', `The Lambda Workbook emulator does not implement the EventBridge operation ${name || '(none)'}.`));
    const input = parseJsonObject(request.body);
    if (!input) return fail(new EventsError('SerializationException', 'The request body is not a JSON object.'));
    try {
      const output = operation(events, input);
      // A rule may now fire sooner: the scheduler re-arms.
      options.onChange?.();
      return Promise.resolve(jsonResponse(EVENTS_JSON, output, requestId));
    } catch (err) {
      if (err instanceof EventsError) return fail(err);
      return fail(new EventsError('InternalException', `Emulator error: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`));
    }
  };
}
