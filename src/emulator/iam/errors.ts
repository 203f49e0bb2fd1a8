/**
 * IAM's errors: a code, an HTTP status and a message, written in the query protocol's
 * `<ErrorResponse>` with `<Type>Sender</Type>`, as the recordings show.
 */

const STATUS = {
  NoSuchEntity: 404,
  EntityAlreadyExists: 409,
  DeleteConflict: 409,
  MalformedPolicyDocument: 400,
  ValidationError: 400,
  InvalidInput: 400,
  LimitExceeded: 409,
  UnmodifiableEntity: 400,
  InvalidAction: 400,
  AccessDenied: 403,
  ServiceFailure: 500,
} as const;

export type IamErrorCode = keyof typeof STATUS;

export class IamError extends Error {
  readonly code: IamErrorCode;
  readonly status: number;

  constructor(code: IamErrorCode, message: string) {
    super(message);
    this.code = code;
    this.status = STATUS[code];
  }
}

export const noSuchRole = (name: string) => new IamError('NoSuchEntity', `The role with name ${name} cannot be found.`);

/** IAM's constraint message for a member that breaks its pattern. */
export function validationError(member: string, value: string, pattern: string): IamError {
  return new IamError('ValidationError', `1 validation error detected: Value '${value}' at '${member}' failed to satisfy constraint: Member must satisfy regular expression pattern: ${pattern}`);
}
