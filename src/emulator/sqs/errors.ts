/**
 * SQS's errors as data. Each has two names on the wire: the JSON protocol's `__type`
 * (`com.amazonaws.sqs#QueueDoesNotExist`) and the query protocol's code
 * (`AWS.SimpleQueueService.NonExistentQueue`), which JSON clients also read from the
 * `x-amzn-query-error` header. The pairs and statuses are those the recordings show.
 */

interface ErrorKind {
  /** The JSON protocol's error shape name. */
  json: string;
  /** The query protocol's error code. */
  query: string;
  status: number;
}

const KINDS = {
  QueueDoesNotExist: { json: 'QueueDoesNotExist', query: 'AWS.SimpleQueueService.NonExistentQueue', status: 400 },
  QueueNameExists: { json: 'QueueNameExists', query: 'QueueAlreadyExists', status: 400 },
  QueueDeletedRecently: { json: 'QueueDeletedRecently', query: 'AWS.SimpleQueueService.QueueDeletedRecently', status: 400 },
  InvalidParameterValue: { json: 'InvalidParameterValueException', query: 'InvalidParameterValue', status: 400 },
  MissingParameter: { json: 'MissingRequiredParameterException', query: 'MissingParameter', status: 400 },
  InvalidAttributeName: { json: 'InvalidAttributeName', query: 'InvalidAttributeName', status: 400 },
  InvalidAttributeValue: { json: 'InvalidAttributeValue', query: 'InvalidAttributeValue', status: 400 },
  TooManyEntriesInBatchRequest: { json: 'TooManyEntriesInBatchRequest', query: 'AWS.SimpleQueueService.TooManyEntriesInBatchRequest', status: 400 },
  EmptyBatchRequest: { json: 'EmptyBatchRequest', query: 'AWS.SimpleQueueService.EmptyBatchRequest', status: 400 },
  InvalidBatchEntryId: { json: 'InvalidBatchEntryId', query: 'AWS.SimpleQueueService.InvalidBatchEntryId', status: 400 },
  BatchEntryIdsNotDistinct: { json: 'BatchEntryIdsNotDistinct', query: 'AWS.SimpleQueueService.BatchEntryIdsNotDistinct', status: 400 },
  BatchRequestTooLong: { json: 'BatchRequestTooLong', query: 'AWS.SimpleQueueService.BatchRequestTooLong', status: 400 },
  ReceiptHandleIsInvalid: { json: 'ReceiptHandleIsInvalid', query: 'ReceiptHandleIsInvalid', status: 400 },
  PurgeQueueInProgress: { json: 'PurgeQueueInProgress', query: 'AWS.SimpleQueueService.PurgeQueueInProgress', status: 403 },
  UnsupportedOperation: { json: 'UnsupportedOperation', query: 'AWS.SimpleQueueService.UnsupportedOperation', status: 400 },
  InvalidAction: { json: 'InvalidAction', query: 'InvalidAction', status: 400 },
  SerializationException: { json: 'SerializationException', query: 'MalformedQueryString', status: 400 },
  InternalError: { json: 'InternalError', query: 'InternalError', status: 500 },
} as const satisfies Record<string, ErrorKind>;

export type SqsErrorKind = keyof typeof KINDS;

export class SqsError extends Error {
  readonly kind: SqsErrorKind;
  /** The query protocol's wording, where it differs from the JSON protocol's. */
  readonly queryMessage: string;

  constructor(kind: SqsErrorKind, message: string, queryMessage = message) {
    super(message);
    this.name = kind;
    this.kind = kind;
    this.queryMessage = queryMessage;
  }

  get status(): number {
    return KINDS[this.kind].status;
  }
  get jsonType(): string {
    return KINDS[this.kind].json;
  }
  get queryCode(): string {
    return KINDS[this.kind].query;
  }
  /** Whose fault: the query protocol's `<Type>` and the second half of `x-amzn-query-error`. */
  get fault(): 'Sender' | 'Receiver' {
    return this.status >= 500 ? 'Receiver' : 'Sender';
  }
}

/** The JSON protocol says "The specified queue does not exist."; the query protocol adds "for this wsdl version." (both recorded). */
export const queueDoesNotExist = () =>
  new SqsError('QueueDoesNotExist', 'The specified queue does not exist.', 'The specified queue does not exist for this wsdl version.');

/** `Value <v> for parameter <name> is invalid. Reason: <reason>` — SQS's wording for a bad parameter. */
export const invalidParameter = (name: string, value: unknown, reason: string) =>
  new SqsError('InvalidParameterValue', `Value ${String(value)} for parameter ${name} is invalid. Reason: ${reason}`);

export const missingParameter = (name: string) => new SqsError('MissingParameter', `The request must contain the parameter ${name}.`);

export const unknownAttribute = (name: string) => new SqsError('InvalidAttributeName', `Unknown Attribute ${name}.`);

export const invalidAttributeValue = (name: string, reason?: string) =>
  new SqsError('InvalidAttributeValue', `Invalid value for the parameter ${name}.${reason ? ` Reason: ${reason}` : ''}`);
