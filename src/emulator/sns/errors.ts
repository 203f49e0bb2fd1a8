/**
 * SNS's errors as data: query-protocol codes, statuses and wording as the recordings show them
 * (sns_test_sns.snapshot.json). Nearly every refusal is `InvalidParameter` with a message that
 * starts "Invalid parameter: ".
 */

import { codedError } from '../service-error.ts';

const STATUS = {
  InvalidParameter: 400,
  NotFound: 404,
  ParameterValueInvalid: 400,
  ValidationError: 400,
  InvalidAction: 400,
  MalformedQueryString: 400,
  InternalError: 500,
  EmptyBatchRequest: 400,
  TooManyEntriesInBatchRequest: 400,
  BatchEntryIdsNotDistinct: 400,
  InvalidBatchEntryId: 400,
  BatchRequestTooLong: 400,
} as const;

export type SnsErrorCode = keyof typeof STATUS;

export class SnsError extends codedError(STATUS) {
  /** The query protocol's `<Type>`: whose fault it was. */
  get fault(): 'Sender' | 'Receiver' {
    return this.status >= 500 ? 'Receiver' : 'Sender';
  }
}

export const invalidParameter = (what: string) => new SnsError('InvalidParameter', `Invalid parameter: ${what}`);
export const topicNotFound = () => new SnsError('NotFound', 'Topic does not exist');
export const subscriptionNotFound = () => new SnsError('NotFound', 'Subscription does not exist');

/** An ARN parameter with fewer than six `:`-separated elements, worded as SNS words it. */
export function checkArnElements(parameter: string, arn: string): void {
  const elements = arn.split(':').length;
  if (elements < 6) throw invalidParameter(`${parameter} Reason: An ARN must have at least 6 elements, not ${elements}`);
}
