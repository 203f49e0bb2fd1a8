/**
 * AWS's JSON RPC protocols (awsJson1_0, awsJson1_1): `POST /` with `X-Amz-Target: <Prefix>.<Op>`,
 * a JSON object in and out, errors as `{"__type": ..., "message": ...}`. Services name their own
 * error types; a query-compatible service (SQS) adds its query error code in `x-amzn-query-error`.
 */
import { fromUtf8, utf8 } from '../zip.ts';
import type { EmulatorResponse } from '../api/router.ts';

export interface JsonProtocol {
  version: '1.0' | '1.1';
  /** Prefixed to error types: `com.amazonaws.sqs#` gives `com.amazonaws.sqs#QueueDoesNotExist`. */
  errorNamespace?: string;
}

export interface JsonError {
  status: number;
  type: string;
  message: string;
  /** `Code;Sender` for `x-amzn-query-error`, for services that were query services first. */
  queryError?: string;
}

/** The operation an `X-Amz-Target` names, or undefined when it is not for `prefix`. */
export function targetOperation(target: string | undefined, prefix: string): string | undefined {
  return target?.startsWith(prefix) ? target.slice(prefix.length) : undefined;
}

/** The request's JSON object; an empty body is `{}`; anything else that is not an object is undefined. */
export function parseJsonObject(body: Uint8Array): Record<string, unknown> | undefined {
  if (body.byteLength === 0) return {};
  try {
    const parsed: unknown = JSON.parse(fromUtf8(body));
    return typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed) ? (parsed as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

/** `body` undefined: an operation with no output, which AWS answers with an empty body. */
export function jsonResponse(protocol: JsonProtocol, body: unknown, requestId: string): EmulatorResponse {
  return {
    status: 200,
    headers: { 'Content-Type': `application/x-amz-json-${protocol.version}`, 'x-amzn-RequestId': requestId },
    body: body === undefined ? new Uint8Array() : utf8(JSON.stringify(body)),
  };
}

export function jsonErrorResponse(protocol: JsonProtocol, error: JsonError, requestId: string): EmulatorResponse {
  const type = `${protocol.errorNamespace ?? ''}${error.type}`;
  return {
    status: error.status,
    headers: {
      'Content-Type': `application/x-amz-json-${protocol.version}`,
      'x-amzn-RequestId': requestId,
      'x-amzn-ErrorType': type,
      ...(error.queryError ? { 'x-amzn-query-error': error.queryError } : {}),
    },
    body: utf8(JSON.stringify({ __type: type, message: error.message })),
  };
}
