/**
 * SNS on the emulator's endpoint: the query protocol (`Action=<Op>` forms, XML answers in SNS's
 * namespace), which every SDK and CLI speaks to SNS.
 */
import { header } from '../api/dispatch.ts';
import type { Router } from '../api/router.ts';
import { decodeQueryInput, queryErrorResponse, queryParameters, queryResponse } from '../protocols/query.ts';
import { SnsError } from './errors.ts';
import type { Input } from './params.ts';
import { SNS_QUERY_MEMBERS, SNS_XML_MEMBERS, SNS_XML_NAMESPACE } from './protocol.ts';
import { publish, publishBatch } from './publish.ts';
import type { SnsService } from './sns-service.ts';
import * as subscriptions from './subscription-operations.ts';
import * as topics from './topic-operations.ts';
import { addPermission, removePermission } from './topic-permissions.ts';

/** `traceHeader`: the request's X-Amzn-Trace-Id (an SDK inside a function sends its invocation's), passed on with deliveries. */
type Operation = (sns: SnsService, input: Input, traceHeader: string | undefined) => Input | Promise<Input>;

const OPERATIONS: Record<string, Operation> = {
  CreateTopic: topics.createTopic,
  DeleteTopic: topics.deleteTopic,
  ListTopics: topics.listTopics,
  GetTopicAttributes: topics.getTopicAttributes,
  SetTopicAttributes: topics.setTopicAttributes,
  Subscribe: subscriptions.subscribe,
  Unsubscribe: subscriptions.unsubscribe,
  ListSubscriptions: subscriptions.listSubscriptions,
  ListSubscriptionsByTopic: subscriptions.listSubscriptionsByTopic,
  GetSubscriptionAttributes: subscriptions.getSubscriptionAttributes,
  SetSubscriptionAttributes: subscriptions.setSubscriptionAttributes,
  Publish: publish,
  PublishBatch: publishBatch,
  AddPermission: addPermission,
  RemovePermission: removePermission,
};

export function createSnsRouter(sns: SnsService, options: { requestId: () => string }): Router {
  return async (request) => {
    const requestId = options.requestId();
    const params = queryParameters(request);
    const action = params['Action'] ?? '';
    const fail = (error: SnsError) => queryErrorResponse(SNS_XML_NAMESPACE, { status: error.status, code: error.code, message: error.message, type: error.fault }, requestId);
    const operation = Object.hasOwn(OPERATIONS, action) ? OPERATIONS[action] : undefined;
    if (!operation) return fail(new SnsError('InvalidAction', `The Lambda Workbook emulator does not implement the SNS action ${action || '(none)'}.`));
    try {
      const output = await operation(sns, decodeQueryInput(params, SNS_QUERY_MEMBERS), header(request.headers, 'x-amzn-trace-id'));
      return queryResponse(action, SNS_XML_NAMESPACE, output, SNS_XML_MEMBERS, requestId);
    } catch (err) {
      if (err instanceof SnsError) return fail(err);
      // An emulator bug: answer in SNS's shape, keeping the stack so nothing is lost.
      return fail(new SnsError('InternalError', `Emulator error: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`));
    }
  };
}
