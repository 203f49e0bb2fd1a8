/**
 * SQS on the emulator's endpoint, in both of its protocols: a request with `X-Amz-Target:
 * AmazonSQS.<Op>` is the JSON protocol, anything else the query protocol (`Action=<Op>`). Both
 * decode to the same JSON-shaped input, run the same operation, and encode its output or error
 * back in the protocol they came in.
 */
import { credentialOf, header } from '../api/dispatch.ts';
import type { EmulatorRequest, EmulatorResponse, Router } from '../api/router.ts';
import { jsonErrorResponse, jsonResponse, parseJsonObject, targetOperation } from '../protocols/json.ts';
import { decodeQueryInput, queryErrorResponse, queryParameters, queryResponse } from '../protocols/query.ts';
import { SqsError } from './errors.ts';
import * as messages from './message-operations.ts';
import type { Input } from './params.ts';
import { SQS_JSON, SQS_TARGET_PREFIX, SQS_XML_NAMESPACE, sqsQueryMembers, sqsXmlMembers } from './protocol.ts';
import * as queues from './queue-operations.ts';
import type { SqsRequestContext, SqsService } from './sqs-service.ts';

type Operation = (sqs: SqsService, input: Input, ctx: SqsRequestContext) => Input | Promise<Input>;

const OPERATIONS: Record<string, Operation> = {
  CreateQueue: queues.createQueue,
  GetQueueUrl: queues.getQueueUrl,
  ListQueues: queues.listQueues,
  DeleteQueue: queues.deleteQueue,
  GetQueueAttributes: queues.getQueueAttributes,
  SetQueueAttributes: queues.setQueueAttributes,
  PurgeQueue: queues.purgeQueue,
  TagQueue: queues.tagQueue,
  UntagQueue: queues.untagQueue,
  ListQueueTags: queues.listQueueTags,
  SendMessage: messages.sendMessage,
  SendMessageBatch: messages.sendMessageBatch,
  ReceiveMessage: messages.receiveMessage,
  DeleteMessage: messages.deleteMessage,
  DeleteMessageBatch: messages.deleteMessageBatch,
  ChangeMessageVisibility: messages.changeMessageVisibility,
  ChangeMessageVisibilityBatch: messages.changeMessageVisibilityBatch,
};

/** A queue URL's path: the query protocol may post to it instead of naming QueueUrl. */
const QUEUE_PATH = /^\/\d{12}\/[A-Za-z0-9_-]+\/?$/;

export interface SqsRouterOptions {
  requestId: () => string;
  /** The endpoint the emulator was reached at, for the scheme of queue URLs. */
  endpoint: () => string;
}

interface Decoded {
  operation: string;
  input: Input | undefined;
  reply(output: Input): EmulatorResponse;
  fail(error: SqsError): EmulatorResponse;
}

function decodeJson(request: EmulatorRequest, target: string, requestId: string): Decoded {
  return {
    operation: targetOperation(target, SQS_TARGET_PREFIX) ?? target,
    input: parseJsonObject(request.body),
    reply: (output) => jsonResponse(SQS_JSON, output, requestId),
    fail: (error) =>
      jsonErrorResponse(SQS_JSON, { status: error.status, type: error.jsonType, message: error.message, queryError: `${error.queryCode};${error.fault}` }, requestId),
  };
}

function decodeQuery(request: EmulatorRequest, origin: string, requestId: string): Decoded {
  const params = queryParameters(request);
  const action = params['Action'] ?? '';
  const input = decodeQueryInput(params, sqsQueryMembers(action));
  const path = request.path.split('?')[0]!;
  if (input['QueueUrl'] === undefined && QUEUE_PATH.test(path)) input['QueueUrl'] = `${origin}${path.replace(/\/$/, '')}`;
  return {
    operation: action,
    input,
    reply: (output) => queryResponse(action, SQS_XML_NAMESPACE, output, sqsXmlMembers(action), requestId),
    fail: (error) => queryErrorResponse(SQS_XML_NAMESPACE, { status: error.status, code: error.queryCode, message: error.queryMessage, type: error.fault }, requestId),
  };
}

/** `scheme://host` the client addressed: the Host header on the endpoint's scheme. */
function originOf(request: EmulatorRequest, endpoint: string): string {
  const base = endpoint ? new URL(endpoint) : undefined;
  const host = header(request.headers, 'host') ?? base?.host ?? 'localhost';
  return `${base?.protocol ?? 'http:'}//${host}`;
}

/** Who sent a message, as SQS records it: a role session as `<RoleId>:<session name>`, else the signing key. */
function senderIdOf(request: EmulatorRequest, accountId: string): string {
  if (request.principal) return `${request.principal.roleId}:${request.principal.sessionName}`;
  return credentialOf(request)?.accessKeyId ?? accountId;
}

export function createSqsRouter(sqs: SqsService, options: SqsRouterOptions): Router {
  return async (request) => {
    const requestId = options.requestId();
    const origin = originOf(request, options.endpoint());
    const target = header(request.headers, 'x-amz-target');
    const decoded = target !== undefined ? decodeJson(request, target, requestId) : decodeQuery(request, origin, requestId);
    const operation = OPERATIONS[decoded.operation];
    if (!operation) {
      return decoded.fail(new SqsError('InvalidAction', `The Lambda Workbook emulator does not implement the SQS action ${decoded.operation || '(none)'}.`));
    }
    if (!decoded.input) return decoded.fail(new SqsError('SerializationException', 'The request body is not a JSON object.'));
    const traceHeader = header(request.headers, 'x-amzn-trace-id');
    const ctx: SqsRequestContext = { origin, senderId: senderIdOf(request, sqs.accountId), ...(traceHeader ? { traceHeader } : {}) };
    try {
      return decoded.reply(await operation(sqs, decoded.input, ctx));
    } catch (err) {
      if (err instanceof SqsError) return decoded.fail(err);
      // An emulator bug: answer in SQS's shape, keeping the stack so nothing is lost.
      return decoded.fail(new SqsError('InternalError', `Emulator error: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`));
    }
  };
}
