/** CloudWatch Logs (JSON 1.1: POST / with X-Amz-Target `Logs_20140328.<Op>`) on the emulator's endpoint. */
import { LogsError } from '../logs/log-store.ts';
import type { LambdaService } from '../service/lambda-service.ts';
import { fromUtf8, utf8 } from '../zip.ts';
import type { EmulatorResponse } from './router.ts';

export const LOGS_TARGET_PREFIX = 'Logs_20140328.';
/** The operations that only read: they never change what the account keeps. */
export const LOGS_READ_OPERATIONS: ReadonlySet<string> = new Set(['DescribeLogGroups', 'DescribeLogStreams', 'GetLogEvents', 'FilterLogEvents']);
const CONTENT_TYPE = 'application/x-amz-json-1.1';

/** `body` undefined: an operation with no output, answered as CloudWatch Logs does, with an empty body. */
function reply(status: number, body: unknown, requestId: string, errorType?: string): EmulatorResponse {
  return {
    status,
    headers: { 'Content-Type': CONTENT_TYPE, 'x-amzn-RequestId': requestId, ...(errorType ? { 'x-amzn-ErrorType': errorType } : {}) },
    body: body === undefined ? new Uint8Array() : utf8(JSON.stringify(body)),
  };
}

export function handleLogsRequest(service: LambdaService, target: string, body: Uint8Array, requestId: string): EmulatorResponse {
  const op = target.startsWith(LOGS_TARGET_PREFIX) ? target.slice(LOGS_TARGET_PREFIX.length) : target;
  let input: Record<string, unknown>;
  try {
    input = body.byteLength === 0 ? {} : (JSON.parse(fromUtf8(body)) as Record<string, unknown>);
  } catch {
    return reply(400, { __type: 'SerializationException', message: 'The request body is not valid JSON.' }, requestId, 'SerializationException');
  }
  const logs = service.logs;
  try {
    switch (op) {
      case 'DescribeLogGroups':
        return reply(200, logs.describeLogGroups(input), requestId);
      case 'DescribeLogStreams':
        return reply(200, logs.describeLogStreams(input), requestId);
      case 'GetLogEvents':
        return reply(200, logs.getLogEvents(input), requestId);
      case 'FilterLogEvents':
        return reply(200, logs.filterLogEvents(input), requestId);
      case 'PutRetentionPolicy':
        logs.putRetentionPolicy(input);
        return reply(200, undefined, requestId);
      case 'DeleteRetentionPolicy':
        logs.deleteRetentionPolicy(input);
        return reply(200, undefined, requestId);
      default:
        return reply(400, { __type: 'UnknownOperationException', message: `The emulator does not implement CloudWatch Logs ${op}.` }, requestId, 'UnknownOperationException');
    }
  } catch (err) {
    if (err instanceof LogsError) return reply(400, { __type: err.code, message: err.message }, requestId, err.code);
    throw err;
  }
}
