/**
 * Where asynchronous results go: on-success/on-failure destinations and dead-letter queues,
 * delivered to emulated SQS queues, SNS topics, EventBridge buses or other functions. The
 * messages stay inspectable so a learner (and a test) can see exactly what Lambda sent; those for
 * an SQS queue that exists are also sent to it, to be received like any message.
 */
import type { SinkMessage } from './state.ts';
import { ValidationErrors, invalidParameter, quote } from './errors.ts';

export type DestinationKind = SinkMessage['kind'];

export const DESTINATION_PATTERN =
  '$|kafka://([^.]([a-zA-Z0-9\\-_.]{0,248}))|arn:(aws[a-zA-Z0-9-]*):([a-zA-Z0-9\\-])+:((eusc-)?[a-z]{2}((-gov)|(-iso([a-z]?)))?-[a-z]+-\\d{1})?:(\\d{12})?:(.*)';
const DESTINATION_RE = /^(?:$|kafka:\/\/([^.]([a-zA-Z0-9\-_.]{0,248}))|arn:(aws[a-zA-Z0-9-]*):([a-zA-Z0-9-])+:((eusc-)?[a-z]{2}((-gov)|(-iso([a-z]?)))?-[a-z]+-\d{1})?:(\d{12})?:(.*))$/;

export function destinationKind(arn: string): DestinationKind | undefined {
  const service = arn.split(':')[2];
  if (service === 'sqs') return 'sqs';
  if (service === 'sns') return 'sns';
  if (service === 'events' && arn.includes(':event-bus/')) return 'events';
  if (service === 'lambda' && arn.includes(':function:')) return 'lambda';
  return undefined;
}

/** Checks a DestinationConfig the way PutFunctionEventInvokeConfig does. */
export function validateDestinationConfig(
  config: { OnSuccess?: { Destination?: unknown }; OnFailure?: { Destination?: unknown } } | undefined,
  ownFunctionArn: string,
  functionExists: (arn: string) => boolean,
): { OnSuccess?: string; OnFailure?: string } {
  const onSuccess = typeof config?.OnSuccess?.Destination === 'string' ? config.OnSuccess.Destination : undefined;
  const onFailure = typeof config?.OnFailure?.Destination === 'string' ? config.OnFailure.Destination : undefined;
  const errors = new ValidationErrors();
  if (onSuccess !== undefined && !DESTINATION_RE.test(onSuccess)) errors.add(quote(onSuccess), 'destinationConfig.onSuccess.destination', `Member must satisfy regular expression pattern: ${DESTINATION_PATTERN}`);
  if (onFailure !== undefined && !DESTINATION_RE.test(onFailure)) errors.add(quote(onFailure), 'destinationConfig.onFailure.destination', `Member must satisfy regular expression pattern: ${DESTINATION_PATTERN}`);
  errors.throwIfAny();
  const out: { OnSuccess?: string; OnFailure?: string } = {};
  for (const [slot, arn] of [['OnSuccess', onSuccess], ['OnFailure', onFailure]] as const) {
    if (arn === undefined || arn === '') continue;
    const kind = destinationKind(arn);
    if (!kind) {
      const show = (a: string | undefined, cls: string) => (a ? `${cls}(destination=${a})` : 'null');
      throw invalidParameter(
        `The provided destination config DestinationConfig(onSuccess=${show(onSuccess, 'OnSuccess')}, onFailure=${show(onFailure, 'OnFailure')}) is invalid.`,
      );
    }
    if (kind === 'lambda') {
      const target = arn.split(':').slice(0, 7).join(':');
      if (target === ownFunctionArn) throw invalidParameter("You can't specify the function as a destination for itself.");
      if (!functionExists(arn)) throw invalidParameter(`The destination ARN ${arn} is invalid.`);
    }
    out[slot] = arn;
  }
  return out;
}

/** Lambda's destination record. */
export interface InvocationRecord {
  version: '1.0';
  timestamp: string;
  requestContext: { requestId: string; functionArn: string; condition: 'Success' | 'RetriesExhausted' | 'EventAgeExceeded' | 'RecursiveInvocationException'; approximateInvokeCount: number };
  requestPayload: unknown;
  responseContext?: { statusCode: number; executedVersion: string; functionError?: string };
  responsePayload?: unknown;
}

export class Sinks {
  constructor(
    private readonly messages: SinkMessage[],
    /** Hands each message on to the emulated service behind its target (an SQS queue that exists receives it). */
    private readonly deliver: (message: SinkMessage) => void = () => {},
  ) {}

  add(message: SinkMessage): void {
    this.messages.push(message);
    this.deliver(message);
  }

  /** Every message delivered to `target` (or to every target), oldest first. */
  list(target?: string): SinkMessage[] {
    return target === undefined ? [...this.messages] : this.messages.filter((m) => m.target === target);
  }

  /** Removes and returns the messages of `target`, like receiving and deleting from a queue. */
  receive(target: string): SinkMessage[] {
    const taken = this.messages.filter((m) => m.target === target);
    const kept = this.messages.filter((m) => m.target !== target);
    this.messages.splice(0, this.messages.length, ...kept);
    return taken;
  }
}

export function parseJsonOr(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}
