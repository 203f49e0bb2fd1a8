/**
 * A neighbouring service's error as data: its code, its message, and the HTTP status the service
 * answers it with, looked up in that service's own table. `class SnsError extends codedError(STATUS)`.
 */
export function codedError<Code extends string>(statuses: Readonly<Record<Code, number>>) {
  return class CodedError extends Error {
    readonly code: Code;

    constructor(code: Code, message: string) {
      super(message);
      this.name = code;
      this.code = code;
    }

    get status(): number {
      return statuses[this.code];
    }
  };
}
