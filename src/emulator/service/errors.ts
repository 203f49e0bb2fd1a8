/**
 * Lambda's exceptions as data: the code (x-amzn-ErrorType), the HTTP status, the message, and
 * which body key carries it (the recordings show `Message` for ResourceNotFoundException,
 * `message` for most others, and no `Type` on validation-layer errors).
 */

export type LambdaErrorCode =
  | 'ResourceNotFoundException'
  | 'ResourceConflictException'
  | 'InvalidParameterValueException'
  | 'ValidationException'
  | 'RequestEntityTooLargeException'
  | 'TooManyRequestsException'
  | 'PreconditionFailedException'
  | 'InvalidRequestContentException'
  | 'CodeStorageExceededException'
  | 'ServiceException'
  | 'UnknownOperationException'
  | 'ProvisionedConcurrencyConfigNotFoundException'
  | 'AccessDeniedException';

interface ErrorShape {
  status: number;
  /** Body key of the message. */
  messageKey: 'message' | 'Message';
  /** Whether the body carries `"Type": "User"`. */
  typed: boolean;
}

const SHAPES: Record<LambdaErrorCode, ErrorShape> = {
  ResourceNotFoundException: { status: 404, messageKey: 'Message', typed: true },
  ResourceConflictException: { status: 409, messageKey: 'message', typed: true },
  InvalidParameterValueException: { status: 400, messageKey: 'message', typed: true },
  ValidationException: { status: 400, messageKey: 'message', typed: false },
  // Observed raw 413 bodies read {"Message": "... byte payload is too large ..."}.
  RequestEntityTooLargeException: { status: 413, messageKey: 'Message', typed: false },
  TooManyRequestsException: { status: 429, messageKey: 'message', typed: true },
  PreconditionFailedException: { status: 412, messageKey: 'message', typed: true },
  InvalidRequestContentException: { status: 400, messageKey: 'message', typed: true },
  CodeStorageExceededException: { status: 400, messageKey: 'message', typed: true },
  ServiceException: { status: 500, messageKey: 'message', typed: true },
  UnknownOperationException: { status: 404, messageKey: 'message', typed: false },
  ProvisionedConcurrencyConfigNotFoundException: { status: 404, messageKey: 'message', typed: true },
  AccessDeniedException: { status: 403, messageKey: 'Message', typed: true },
};

export class LambdaError extends Error {
  readonly code: LambdaErrorCode;
  readonly status: number;
  /** Extra body fields, e.g. TooManyRequestsException's `Reason`. */
  readonly fields: Record<string, string>;
  /** Extra response headers, e.g. `Retry-After`. */
  readonly headers: Record<string, string>;

  /** Some errors come without `"Type": "User"` (recorded: the concurrency-limit messages). */
  readonly untyped: boolean;

  constructor(
    code: LambdaErrorCode,
    message: string,
    extra: { fields?: Record<string, string>; headers?: Record<string, string>; untyped?: boolean } = {},
  ) {
    super(message);
    this.name = code;
    this.code = code;
    this.status = SHAPES[code].status;
    this.fields = extra.fields ?? {};
    this.headers = extra.headers ?? {};
    this.untyped = extra.untyped ?? false;
  }

  /** The JSON body Lambda sends for this error. */
  body(): Record<string, string> {
    const shape = SHAPES[this.code];
    const out: Record<string, string> = {};
    if (shape.typed && !this.untyped) out['Type'] = 'User';
    out[shape.messageKey] = this.message;
    return { ...out, ...this.fields };
  }
}

export const notFound = (message: string) => new LambdaError('ResourceNotFoundException', message);
export const functionNotFound = (arn: string) => notFound(`Function not found: ${arn}`);
export const invalidParameter = (message: string) => new LambdaError('InvalidParameterValueException', message);
/** The same exception as Lambda sends it for a few messages: with `message` but no `Type`. */
export const invalidParameterUntyped = (message: string) => new LambdaError('InvalidParameterValueException', message, { untyped: true });
export const conflict = (message: string) => new LambdaError('ResourceConflictException', message);
/** CreateFunction, UpdateFunctionCode and PublishLayerVersion without a ZipFile. */
export const codeSourceMissing = () => invalidParameter('Please provide a source for function code.');

type ValidationCode = 'ValidationException' | 'InvalidParameterValueException';

/** Collects model constraint failures the way Lambda's front end reports them: all at once. */
export class ValidationErrors {
  readonly problems: string[] = [];
  add(value: string, field: string, constraint: string): void {
    this.problems.push(`Value ${value} at '${field}' failed to satisfy constraint: ${constraint}`);
  }
  /** The error that reports every problem added so far, if any. */
  error(code: ValidationCode = 'ValidationException'): LambdaError | undefined {
    const n = this.problems.length;
    if (n === 0) return undefined;
    return new LambdaError(code, `${n} validation error${n > 1 ? 's' : ''} detected: ${this.problems.join('; ')}`);
  }
  throwIfAny(code: ValidationCode = 'ValidationException'): void {
    const error = this.error(code);
    if (error) throw error;
  }
}

export function quote(value: string): string {
  return `'${value}'`;
}

/** One failed model constraint, as Lambda's front end reports it. */
export function validationError(value: string, field: string, constraint: string, code: ValidationCode = 'ValidationException'): LambdaError {
  const errors = new ValidationErrors();
  errors.add(value, field, constraint);
  return errors.error(code)!;
}

export function preconditionFailed(): LambdaError {
  return new LambdaError(
    'PreconditionFailedException',
    'The Revision Id provided does not match the latest Revision Id. Call the GetFunction/GetAlias API to retrieve the latest Revision Id',
  );
}

/** A RevisionId in the request must match the resource's current one. */
export function checkRevisionId(current: string, given: unknown): void {
  if (typeof given === 'string' && given !== current) throw preconditionFailed();
}
