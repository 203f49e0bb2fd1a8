/** EventBridge's errors (JSON 1.1: `__type` and `message`), each with the status AWS answers it with. */
import { codedError } from '../service-error.ts';

const STATUS = {
  ValidationException: 400,
  ResourceNotFoundException: 400,
  ResourceAlreadyExistsException: 400,
  InvalidEventPatternException: 400,
  LimitExceededException: 400,
  UnknownOperationException: 400,
  SerializationException: 400,
  InternalException: 500,
} as const;

export type EventsErrorType = keyof typeof STATUS;

export class EventsError extends codedError(STATUS) {}

export const validation = (message: string) => new EventsError('ValidationException', message);

/** `1 validation error detected: Value 'v' at 'field' failed to satisfy constraint: ...`, as the recordings word it. */
export const constraint = (value: string, field: string, rule: string) =>
  validation(`1 validation error detected: Value '${value}' at '${field}' failed to satisfy constraint: ${rule}`);

export const ruleNotFound = (name: string, bus: string) => new EventsError('ResourceNotFoundException', `Rule ${name} does not exist on EventBus ${bus}.`);
export const busNotFound = (bus: string) => new EventsError('ResourceNotFoundException', `Event bus ${bus} does not exist.`);
