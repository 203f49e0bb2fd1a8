/**
 * How each service refuses a request before any of its operations run: no signature, a key it
 * does not know, a signature that does not match, one outside the clock skew it allows, too many
 * requests, a caller with no right to the resource, a body too large. The codes, statuses and
 * words are AWS's, per service and wire protocol: Lambda's REST JSON, the JSON 1.1 services
 * (CloudWatch Logs, EventBridge), SQS (JSON 1.0 or query), the query services (SNS, IAM, STS),
 * and S3's XML.
 */
import type { EmulatorRequest, EmulatorResponse } from '../api/router.ts';
import { header } from '../api/dispatch.ts';
import { jsonErrorResponse } from '../protocols/json.ts';
import { queryErrorResponse } from '../protocols/query.ts';
import { xmlDocument } from '../s3/xml.ts';
import { SQS_JSON, SQS_XML_NAMESPACE } from '../sqs/protocol.ts';
import { SNS_XML_NAMESPACE } from '../sns/protocol.ts';
import { IAM_XML_NAMESPACE, STS_XML_NAMESPACE } from '../iam/router.ts';
import { SQS_TARGET_PREFIX } from '../sqs/protocol.ts';
import { utf8 } from '../zip.ts';

export type Refusal =
  | { kind: 'unsigned' }
  | { kind: 'unknown-key'; accessKeyId: string }
  | { kind: 'mismatch'; accessKeyId: string; signature: string }
  | { kind: 'expired'; signedAt: Date; now: Date; maxSkewMs: number }
  | { kind: 'throttled' }
  /** `caller`: the identity's ARN; `action`: `lambda:InvokeFunction`; `resource`: the resource's ARN. */
  | { kind: 'access-denied'; caller: string; action?: string; resource?: string }
  /** `operation`: the Lambda operation the body was for, when its path says (`CreateFunction`). */
  | { kind: 'too-large'; maxBytes: number; operation?: string };

const INVALID_TOKEN = 'The security token included in the request is invalid.';
const QUERY_INVALID_TOKEN = 'The security token included in the request is invalid.';
const SIGNATURE_MISMATCH = 'The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.';
const S3_SIGNATURE_MISMATCH = 'The request signature we calculated does not match the signature you provided. Check your key and signing method.';

/** How far a signature's date may be from the server's clock: S3 allows 15 minutes, the others 5. */
export function maxSkewMs(service: string): number {
  return service === 's3' ? 15 * 60_000 : 5 * 60_000;
}

/** `20261204T180000Z`, as AWS writes times in its signature messages. */
function basicIso(date: Date): string {
  return date.toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');
}

/** "Signature expired: <signed> is now earlier than <now - skew> (<now> - 5 min.)", or "not yet current" for a date ahead. */
export function expiredMessage(signedAt: Date, now: Date, skewMs: number): string {
  const minutes = `${skewMs / 60_000} min.`;
  if (signedAt.getTime() > now.getTime()) {
    return `Signature not yet current: ${basicIso(signedAt)} is still later than ${basicIso(new Date(now.getTime() + skewMs))} (${basicIso(now)} + ${minutes})`;
  }
  return `Signature expired: ${basicIso(signedAt)} is now earlier than ${basicIso(new Date(now.getTime() - skewMs))} (${basicIso(now)} - ${minutes})`;
}

function deniedMessage(r: Extract<Refusal, { kind: 'access-denied' }>): string {
  if (r.action && r.resource) return `User: ${r.caller} is not authorized to perform: ${r.action} on resource: ${r.resource} because no resource-based policy allows the ${r.action} action`;
  return `User: ${r.caller} is not authorized to perform this operation.`;
}

/** Lambda's REST JSON errors: the code in `x-amzn-ErrorType`, the words in `message`. */
function lambdaRefusal(r: Refusal, requestId: string): EmulatorResponse {
  const [status, code, body, headers]: [number, string, Record<string, string>, Record<string, string>] = (() => {
    switch (r.kind) {
      case 'unsigned':
        return [403, 'MissingAuthenticationTokenException', { message: 'Missing Authentication Token' }, {}];
      case 'unknown-key':
        return [403, 'UnrecognizedClientException', { message: INVALID_TOKEN }, {}];
      case 'mismatch':
        return [403, 'InvalidSignatureException', { message: SIGNATURE_MISMATCH }, {}];
      case 'expired':
        return [403, 'InvalidSignatureException', { message: expiredMessage(r.signedAt, r.now, r.maxSkewMs) }, {}];
      case 'throttled':
        // The control plane's request-rate throttle, as Lambda words it.
        return [429, 'TooManyRequestsException', { Reason: 'CallerRateLimitExceeded', Type: 'User', message: 'Rate Exceeded.' }, { 'Retry-After': '1' }];
      case 'access-denied':
        return [403, 'AccessDeniedException', { Type: 'User', Message: deniedMessage(r) }, {}];
      case 'too-large':
        return [413, 'RequestEntityTooLargeException', { Type: 'User', message: `Request must be smaller than ${r.maxBytes} bytes for the ${r.operation ?? 'requested'} operation` }, {}];
    }
  })();
  return { status, headers: { 'Content-Type': 'application/json', 'x-amzn-ErrorType': code, 'x-amzn-RequestId': requestId, ...headers }, body: utf8(JSON.stringify(body)) };
}

/** The JSON 1.1 services (CloudWatch Logs, EventBridge): 400 for every client error, as they answer. */
function json11Refusal(r: Refusal, requestId: string): EmulatorResponse {
  const [status, type, message]: [number, string, string] = (() => {
    switch (r.kind) {
      case 'unsigned':
        return [400, 'MissingAuthenticationTokenException', 'Missing Authentication Token'];
      case 'unknown-key':
        return [400, 'UnrecognizedClientException', INVALID_TOKEN];
      case 'mismatch':
        return [400, 'InvalidSignatureException', SIGNATURE_MISMATCH];
      case 'expired':
        return [400, 'InvalidSignatureException', expiredMessage(r.signedAt, r.now, r.maxSkewMs)];
      case 'throttled':
        return [400, 'ThrottlingException', 'Rate exceeded'];
      case 'access-denied':
        return [400, 'AccessDeniedException', deniedMessage(r)];
      case 'too-large':
        return [413, 'RequestEntityTooLargeException', `Request must be smaller than ${r.maxBytes} bytes.`];
    }
  })();
  return jsonErrorResponse({ version: '1.1' }, { status, type, message }, requestId);
}

/** The query services' codes (SNS, IAM, STS, and SQS, which JSON clients read from `x-amzn-query-error`). */
function queryCode(r: Refusal, service: string): [status: number, code: string, message: string] {
  switch (r.kind) {
    case 'unsigned':
      return [403, 'MissingAuthenticationToken', 'Request is missing Authentication Token'];
    case 'unknown-key':
      return [403, 'InvalidClientTokenId', QUERY_INVALID_TOKEN];
    case 'mismatch':
      return [403, 'SignatureDoesNotMatch', SIGNATURE_MISMATCH];
    case 'expired':
      return [403, 'SignatureDoesNotMatch', expiredMessage(r.signedAt, r.now, r.maxSkewMs)];
    case 'throttled':
      return service === 'sqs' ? [400, 'RequestThrottled', 'Request is throttled.'] : [400, 'Throttling', 'Rate exceeded'];
    case 'access-denied':
      // SQS names the queue URL it was asked for.
      return service === 'sqs' ? [403, 'AccessDenied', `Access to the resource ${r.resource ?? 'requested'} is denied.`] : [403, 'AccessDenied', deniedMessage(r)];
    case 'too-large':
      return [413, 'RequestEntityTooLarge', `Request must be smaller than ${r.maxBytes} bytes.`];
  }
}

const QUERY_NAMESPACES: Record<string, string> = { sqs: SQS_XML_NAMESPACE, sns: SNS_XML_NAMESPACE, iam: IAM_XML_NAMESPACE, sts: STS_XML_NAMESPACE };

function s3Refusal(r: Refusal, method: string, requestId: string): EmulatorResponse {
  const [status, code, message, fields]: [number, string, string, [string, string][]] = (() => {
    switch (r.kind) {
      case 'unsigned':
        // An anonymous caller, whom no bucket in a lab grants anything.
        return [403, 'AccessDenied', 'Access Denied', []];
      case 'unknown-key':
        return [403, 'InvalidAccessKeyId', 'The AWS Access Key Id you provided does not exist in our records.', [['AWSAccessKeyId', r.accessKeyId]]];
      case 'mismatch':
        return [403, 'SignatureDoesNotMatch', S3_SIGNATURE_MISMATCH, [['AWSAccessKeyId', r.accessKeyId], ['SignatureProvided', r.signature]]];
      case 'expired':
        return [
          403,
          'RequestTimeTooSkewed',
          'The difference between the request time and the current time is too large.',
          [['RequestTime', basicIso(r.signedAt)], ['ServerTime', r.now.toISOString().replace(/\.\d{3}Z$/, 'Z')], ['MaxAllowedSkewMilliseconds', String(r.maxSkewMs)]],
        ];
      case 'throttled':
        return [503, 'SlowDown', 'Please reduce your request rate.', []];
      case 'access-denied':
        return [403, 'AccessDenied', 'Access Denied', []];
      case 'too-large':
        return [400, 'EntityTooLarge', 'Your proposed upload exceeds the maximum allowed size', [['MaxSizeAllowed', String(r.maxBytes)]]];
    }
  })();
  const headers = { 'x-amz-request-id': requestId, 'Content-Type': 'application/xml' };
  if (method.toUpperCase() === 'HEAD') return { status, headers, body: new Uint8Array() };
  return { status, headers, body: utf8(xmlDocument('Error', Object.fromEntries([['Code', code], ['Message', message], ...fields, ['RequestId', requestId]]), null)) };
}

/** The refusal `r` of a request to `service` (a SigV4 signing name), in that service's own shape. */
export function refusalResponse(service: string, request: Pick<EmulatorRequest, 'method' | 'headers'>, r: Refusal, requestId: string): EmulatorResponse {
  if (service === 's3') return s3Refusal(r, request.method, requestId);
  if (service === 'logs' || service === 'events') return json11Refusal(r, requestId);
  if (service === 'sqs' && header(request.headers, 'x-amz-target')?.startsWith(SQS_TARGET_PREFIX)) {
    const [status, code, message] = queryCode(r, service);
    // SQS's JSON protocol names coral's own type, and the query code in x-amzn-query-error.
    return jsonErrorResponse({ ...SQS_JSON, errorNamespace: 'com.amazon.coral.service#' }, { status, type: code, message, queryError: `${code};Sender` }, requestId);
  }
  const namespace = QUERY_NAMESPACES[service];
  if (namespace) {
    const [status, code, message] = queryCode(r, service);
    return queryErrorResponse(namespace, { status, code, message, type: 'Sender' }, requestId);
  }
  return lambdaRefusal(r, requestId);
}
