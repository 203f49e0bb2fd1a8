/** CloudWatch Logs (JSON 1.1: POST / with X-Amz-Target `Logs_20140328.<Op>`) on the emulator's endpoint. */
import { LogsError } from '../logs/log-store.ts';
import { jsonErrorResponse, jsonResponse, parseJsonObject, targetOperation, type JsonProtocol } from '../protocols/json.ts';
import type { LambdaService } from '../service/lambda-service.ts';
import type { EmulatorResponse } from './router.ts';

export const LOGS_TARGET_PREFIX = 'Logs_20140328.';
/** The operations that only read: they never change what the account keeps. */
export const LOGS_READ_OPERATIONS: ReadonlySet<string> = new Set(['DescribeLogGroups', 'DescribeLogStreams', 'GetLogEvents', 'FilterLogEvents']);
const LOGS_JSON: JsonProtocol = { version: '1.1' };

export function handleLogsRequest(service: LambdaService, target: string, body: Uint8Array, requestId: string): EmulatorResponse {
  const op = targetOperation(target, LOGS_TARGET_PREFIX) ?? target;
  const fail = (type: string, message: string) => jsonErrorResponse(LOGS_JSON, { status: 400, type, message }, requestId);
  const input = parseJsonObject(body);
  if (!input) return fail('SerializationException', 'The request body is not valid JSON.');
  const logs = service.logs;
  try {
    switch (op) {
      case 'DescribeLogGroups':
        return jsonResponse(LOGS_JSON, logs.describeLogGroups(input), requestId);
      case 'DescribeLogStreams':
        return jsonResponse(LOGS_JSON, logs.describeLogStreams(input), requestId);
      case 'GetLogEvents':
        return jsonResponse(LOGS_JSON, logs.getLogEvents(input), requestId);
      case 'FilterLogEvents':
        return jsonResponse(LOGS_JSON, logs.filterLogEvents(input), requestId);
      case 'PutRetentionPolicy':
        logs.putRetentionPolicy(input);
        return jsonResponse(LOGS_JSON, undefined, requestId);
      case 'DeleteRetentionPolicy':
        logs.deleteRetentionPolicy(input);
        return jsonResponse(LOGS_JSON, undefined, requestId);
      default:
        return fail('UnknownOperationException', `The emulator does not implement CloudWatch Logs ${op}.`);
    }
  } catch (err) {
    if (err instanceof LogsError) return fail(err.code, err.message);
    throw err;
  }
}
