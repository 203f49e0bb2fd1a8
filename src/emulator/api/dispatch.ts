/**
 * One endpoint for every service, picked as AWS picks it: the SigV4 credential scope's service
 * name first (header or presigned query), then the X-Amz-Target prefix, then the path. Each
 * service answers behind its own router; a service the emulator does not provide is refused in
 * the JSON error shape every SDK reads.
 */
import { utf8 } from '../zip.ts';
import type { EmulatorRequest, EmulatorResponse, Router } from './router.ts';
import { LOGS_TARGET_PREFIX } from './logs-router.ts';
import { SQS_TARGET_PREFIX } from '../sqs/protocol.ts';
import { EVENTS_TARGET_PREFIX } from '../events/protocol.ts';
import { functionUrlAddress } from './function-url-router.ts';

/** The services the emulator may answer, by their SigV4 signing names. */
export type ServiceName = 'lambda' | 'logs' | 's3' | 'sqs' | 'sns' | 'events' | 'iam' | 'sts';

const SIGNING_NAMES: readonly string[] = ['lambda', 'logs', 's3', 'sqs', 'sns', 'events', 'iam', 'sts'] satisfies ServiceName[];

/** X-Amz-Target prefixes of the JSON-protocol services. */
const TARGET_PREFIXES: readonly (readonly [string, ServiceName])[] = [
  [LOGS_TARGET_PREFIX, 'logs'],
  [SQS_TARGET_PREFIX, 'sqs'],
  [EVENTS_TARGET_PREFIX, 'events'],
];

/** `Credential=AKID/20261204/us-east-1/sqs/aws4_request` → `AKID` and `sqs`. */
const SCOPE = /Credential=([^/,\s]+)\/\d{8}\/[^/]+\/([a-z0-9-]+)\/aws4_request/;

/** A header's value whatever the case of its name. */
export function header(headers: Record<string, string>, name: string): string | undefined {
  for (const k in headers) if (k.toLowerCase() === name) return headers[k];
  return undefined;
}

/** The SigV4 credential a request was signed with (header or presigned query), if any. */
export function credentialOf(request: Pick<EmulatorRequest, 'headers' | 'query'>): { accessKeyId: string; service: string } | undefined {
  const auth = header(request.headers, 'authorization');
  const scope = auth ? SCOPE.exec(auth) : undefined;
  if (scope) return { accessKeyId: scope[1]!, service: scope[2]! };
  const presigned = request.query['X-Amz-Credential']?.split('/');
  if (presigned?.[3]) return { accessKeyId: presigned[0]!, service: presigned[3] };
  return undefined;
}

/** Which service a request is for, or undefined when nothing in it says (the Lambda router answers those). */
export function serviceOf(request: Pick<EmulatorRequest, 'headers' | 'query' | 'service'>): string | undefined {
  if (request.service) return request.service;
  const signed = credentialOf(request)?.service;
  if (signed) return signed;
  const target = header(request.headers, 'x-amz-target');
  if (target) for (const [prefix, service] of TARGET_PREFIXES) if (target.startsWith(prefix)) return service;
  return undefined;
}

function notProvided(service: string): EmulatorResponse {
  const known = SIGNING_NAMES.includes(service);
  const message = known
    ? `The Lambda Workbook emulator does not provide ${service} yet.`
    : `The Lambda Workbook emulator does not provide the service '${service}'.`;
  return {
    status: 400,
    headers: { 'Content-Type': 'application/json', 'x-amzn-ErrorType': 'UnrecognizedClientException' },
    body: utf8(JSON.stringify({ __type: 'UnrecognizedClientException', message })),
  };
}

/**
 * Routes each request to its service's router; `lambda` also answers requests that name no
 * service. A request addressed to a function URL (its host, or the `/lambda-url/` path) goes to
 * `functionUrls` first, whatever it is signed for, as AWS serves those on their own domain.
 */
export function createDispatcher(routers: Partial<Record<ServiceName, Router>> & { lambda: Router; functionUrls?: Router }): Router {
  return (request) => {
    if (routers.functionUrls && functionUrlAddress(request)) return routers.functionUrls(request);
    const service = serviceOf(request) ?? 'lambda';
    const router = routers[service as ServiceName];
    return router ? router(request) : Promise.resolve(notProvided(service));
  };
}
