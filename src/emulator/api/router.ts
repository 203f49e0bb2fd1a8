/**
 * The Lambda REST API (and the CloudWatch Logs JSON 1.1 API on the same endpoint) as a pure
 * function: (method, path, query, headers, body bytes) -> (status, headers, body bytes).
 * The Node HTTP server and the in-page SDK request handler both sit on top of it.
 */
import { LambdaError } from '../service/errors.ts';
import { CODE_ROUTE, type LambdaService } from '../service/lambda-service.ts';
import { fromUtf8, utf8 } from '../zip.ts';
import { handleLogsRequest, LOGS_READ_OPERATIONS, LOGS_TARGET_PREFIX } from './logs-router.ts';
import { createDispatcher } from './dispatch.ts';
import { createFunctionUrlRouter, functionUrlAddress } from './function-url-router.ts';
import { handleInspection, INSPECTION_PREFIX } from './inspection.ts';
import { createS3Router } from '../s3/router.ts';
import { createSqsRouter } from '../sqs/router.ts';
import { createSnsRouter } from '../sns/router.ts';
import { createEventsRouter } from '../events/router.ts';
import { createIamRouter, createStsRouter } from '../iam/router.ts';

export interface EmulatorRequest {
  method: string;
  /** The raw path, percent-encoded as sent (`/2015-03-31/functions/arn%3Aaws%3A.../invocations`). */
  path: string;
  query: Record<string, string>;
  /** Header names in any case. */
  headers: Record<string, string>;
  body: Uint8Array;
  /** The query string as sent, when the host has it (function URLs pass it on as `rawQueryString`). */
  rawQuery?: string;
  /** The client's address, when the host knows it (a function URL event's `sourceIp`). */
  sourceIp?: string;
  /**
   * Who is calling, when the emulator itself makes the call for a function (the SDK inside
   * handlers, as its execution role). Never read from the wire: requests from outside act as the
   * account's administrator.
   */
  principal?: import('../runtime/contract.ts').CallerPrincipal;
  /**
   * The service an in-process call addresses (the SDK inside handlers, whose requests carry their
   * principal and so no signature); a request from the wire names it in its SigV4 scope.
   */
  service?: string;
}

export type { CallerPrincipal } from '../runtime/contract.ts';
export interface EmulatorResponse {
  status: number;
  headers: Record<string, string>;
  body: Uint8Array;
  /** Set-Cookie values, each its own header (a function URL's `cookies`). */
  cookies?: string[];
}

type Json = Record<string, unknown>;
type Handler = (ctx: RouteContext) => Promise<EmulatorResponse> | EmulatorResponse;

interface RouteContext {
  service: LambdaService;
  params: string[];
  query: Record<string, string>;
  headers: Record<string, string>;
  body: Uint8Array;
  /** Every value of a query parameter that may repeat (UntagResource's `tagKeys`). */
  queryAll(name: string): string[] | undefined;
  json(): Json;
  requestId: string;
}

interface Route {
  method: string;
  pattern: RegExp;
  handler: Handler;
}

const SEG = '([^/]+)';
const routes: Route[] = [];
function route(method: string, path: string, handler: Handler): void {
  routes.push({ method, pattern: new RegExp(`^${path.replaceAll('{}', SEG)}/?$`), handler });
}

const ok = (status: number, body?: unknown, headers: Record<string, string> = {}): EmulatorResponse => ({
  status,
  headers: body === undefined ? headers : { 'Content-Type': 'application/json', ...headers },
  body: body === undefined ? new Uint8Array() : utf8(JSON.stringify(body)),
});

const num = (v: string | undefined): number | undefined => (v === undefined ? undefined : Number(v));
const paging = (q: Record<string, string>) => ({
  ...(q['Marker'] !== undefined ? { Marker: q['Marker'] } : {}),
  ...(q['MaxItems'] !== undefined ? { MaxItems: num(q['MaxItems'])! } : {}),
});
const qualifier = (q: Record<string, string>) => q['Qualifier'];

// Functions
route('POST', '/2015-03-31/functions', async (c) => ok(201, await c.service.createFunction(c.json())));
route('GET', '/2015-03-31/functions', (c) =>
  ok(200, c.service.listFunctions({ ...paging(c.query), ...(c.query['FunctionVersion'] ? { FunctionVersion: c.query['FunctionVersion'] } : {}) })),
);
route('GET', '/2015-03-31/functions/{}', (c) => ok(200, c.service.getFunction(c.params[0]!, qualifier(c.query))));
route('DELETE', '/2015-03-31/functions/{}', (c) => {
  c.service.deleteFunction(c.params[0]!, qualifier(c.query));
  return ok(204);
});
route('GET', '/2015-03-31/functions/{}/configuration', (c) => ok(200, c.service.getFunctionConfiguration(c.params[0]!, qualifier(c.query))));
route('PUT', '/2015-03-31/functions/{}/configuration', async (c) => ok(200, await c.service.updateFunctionConfiguration(c.params[0]!, c.json())));
route('PUT', '/2015-03-31/functions/{}/code', async (c) => ok(200, await c.service.updateFunctionCode(c.params[0]!, c.json())));

// Invoke
route('POST', '/2015-03-31/functions/{}/invocations', async (c) => {
  const h = c.headers;
  const result = await c.service.invoke({
    FunctionName: c.params[0]!,
    ...(qualifier(c.query) !== undefined ? { Qualifier: qualifier(c.query)! } : {}),
    ...(h['x-amz-invocation-type'] ? { InvocationType: h['x-amz-invocation-type'] } : {}),
    ...(h['x-amz-log-type'] ? { LogType: h['x-amz-log-type'] } : {}),
    ...(h['x-amz-client-context'] ? { ClientContext: h['x-amz-client-context'] } : {}),
    Payload: c.body,
    RequestId: c.requestId,
  });
  const headers: Record<string, string> = { 'x-amzn-RequestId': result.RequestId };
  if (result.StatusCode === 200) headers['Content-Type'] = 'application/json';
  if (result.FunctionError) headers['X-Amz-Function-Error'] = result.FunctionError;
  if (result.LogResult !== undefined) headers['X-Amz-Log-Result'] = result.LogResult;
  if (result.ExecutedVersion !== undefined) headers['X-Amz-Executed-Version'] = result.ExecutedVersion;
  return { status: result.StatusCode, headers, body: result.Payload };
});

// InvokeAsync: deprecated, but Lambda still serves it (the AWS CLI's invoke-async, the SDKs' InvokeAsyncCommand).
route('POST', '/2014-11-13/functions/{}/invoke-async', async (c) => ok(202, await c.service.invokeAsync(c.params[0]!, c.body, c.requestId)));

// Versions and aliases
route('POST', '/2015-03-31/functions/{}/versions', (c) => ok(201, c.service.publishVersion(c.params[0]!, c.json())));
route('GET', '/2015-03-31/functions/{}/versions', (c) => ok(200, c.service.listVersionsByFunction(c.params[0]!, paging(c.query))));
route('POST', '/2015-03-31/functions/{}/aliases', (c) => ok(201, c.service.createAlias(c.params[0]!, c.json())));
route('GET', '/2015-03-31/functions/{}/aliases', (c) =>
  ok(200, c.service.listAliases(c.params[0]!, { ...paging(c.query), ...(c.query['FunctionVersion'] ? { FunctionVersion: c.query['FunctionVersion'] } : {}) })),
);
route('GET', '/2015-03-31/functions/{}/aliases/{}', (c) => ok(200, c.service.getAlias(c.params[0]!, c.params[1]!)));
route('PUT', '/2015-03-31/functions/{}/aliases/{}', (c) => ok(200, c.service.updateAlias(c.params[0]!, c.params[1]!, c.json())));
route('DELETE', '/2015-03-31/functions/{}/aliases/{}', (c) => {
  c.service.deleteAlias(c.params[0]!, c.params[1]!);
  return ok(204);
});

// Resource-based policies
route('POST', '/2015-03-31/functions/{}/policy', (c) => ok(201, c.service.addPermission(c.params[0]!, qualifier(c.query), c.json())));
route('GET', '/2015-03-31/functions/{}/policy', (c) => ok(200, c.service.getPolicy(c.params[0]!, qualifier(c.query))));
route('DELETE', '/2015-03-31/functions/{}/policy/{}', (c) => {
  c.service.removePermission(c.params[0]!, c.params[1]!, qualifier(c.query), c.query['RevisionId']);
  return ok(204);
});

// Function URLs (serving them over HTTP is function-url-router.ts)
route('POST', '/2021-10-31/functions/{}/url', (c) => ok(201, c.service.createFunctionUrlConfig(c.params[0]!, qualifier(c.query), c.json())));
route('GET', '/2021-10-31/functions/{}/url', (c) => ok(200, c.service.getFunctionUrlConfig(c.params[0]!, qualifier(c.query))));
route('PUT', '/2021-10-31/functions/{}/url', (c) => ok(200, c.service.updateFunctionUrlConfig(c.params[0]!, qualifier(c.query), c.json())));
route('DELETE', '/2021-10-31/functions/{}/url', (c) => {
  c.service.deleteFunctionUrlConfig(c.params[0]!, qualifier(c.query));
  return ok(204);
});
route('GET', '/2021-10-31/functions/{}/urls', (c) => ok(200, c.service.listFunctionUrlConfigs(c.params[0]!, paging(c.query))));

// Provisioned concurrency: Lambda answers 202 while it allocates.
route('PUT', '/2019-09-30/functions/{}/provisioned-concurrency', (c) => ok(202, c.service.putProvisionedConcurrencyConfig(c.params[0]!, qualifier(c.query), c.json())));
route('GET', '/2019-09-30/functions/{}/provisioned-concurrency', (c) =>
  c.query['List'] === 'ALL'
    ? ok(200, c.service.listProvisionedConcurrencyConfigs(c.params[0]!, paging(c.query)))
    : ok(200, c.service.getProvisionedConcurrencyConfig(c.params[0]!, qualifier(c.query))),
);
route('DELETE', '/2019-09-30/functions/{}/provisioned-concurrency', (c) => {
  c.service.deleteProvisionedConcurrencyConfig(c.params[0]!, qualifier(c.query));
  return ok(204);
});

// Tags (functions only)
route('POST', '/2017-03-31/tags/{}', (c) => {
  c.service.tagResource(c.params[0]!, c.json());
  return ok(204);
});
route('DELETE', '/2017-03-31/tags/{}', (c) => {
  c.service.untagResource(c.params[0]!, c.queryAll('tagKeys'));
  return ok(204);
});
route('GET', '/2017-03-31/tags/{}', (c) => ok(200, c.service.listTags(c.params[0]!)));

// Layers
const layerFilters = (q: Record<string, string>) => ({
  ...(q['Marker'] !== undefined ? { marker: q['Marker'] } : {}),
  ...(q['MaxItems'] !== undefined ? { maxItems: Number(q['MaxItems']) } : {}),
  ...(q['CompatibleRuntime'] ? { runtime: q['CompatibleRuntime'] } : {}),
  ...(q['CompatibleArchitecture'] ? { architecture: q['CompatibleArchitecture'] } : {}),
});
route('GET', '/2018-10-31/layers', (c) =>
  c.query['find'] === 'LayerVersion' ? ok(200, c.service.getLayerVersionByArn(c.query['Arn'] ?? '')) : ok(200, c.service.listLayers(layerFilters(c.query))),
);
route('POST', '/2018-10-31/layers/{}/versions', async (c) => ok(201, await c.service.publishLayerVersion(c.params[0]!, c.json())));
route('GET', '/2018-10-31/layers/{}/versions', (c) => ok(200, c.service.listLayerVersions(c.params[0]!, layerFilters(c.query))));
route('GET', '/2018-10-31/layers/{}/versions/{}', (c) => ok(200, c.service.getLayerVersion(c.params[0]!, Number(c.params[1]))));
route('DELETE', '/2018-10-31/layers/{}/versions/{}', (c) => {
  c.service.deleteLayerVersion(c.params[0]!, Number(c.params[1]));
  return ok(204);
});
// AddLayerVersionPermission takes its RevisionId in the query, not the body.
route('POST', '/2018-10-31/layers/{}/versions/{}/policy', (c) => ok(201, c.service.addLayerVersionPermission(c.params[0]!, Number(c.params[1]), c.json(), c.query['RevisionId'])));
route('GET', '/2018-10-31/layers/{}/versions/{}/policy', (c) => ok(200, c.service.getLayerVersionPolicy(c.params[0]!, Number(c.params[1]))));
route('DELETE', '/2018-10-31/layers/{}/versions/{}/policy/{}', (c) => {
  c.service.removeLayerVersionPermission(c.params[0]!, Number(c.params[1]), c.params[2]!, c.query['RevisionId']);
  return ok(204);
});

// Concurrency and account
route('PUT', '/2017-10-31/functions/{}/concurrency', (c) => ok(200, c.service.putFunctionConcurrency(c.params[0]!, c.json())));
route('DELETE', '/2017-10-31/functions/{}/concurrency', (c) => {
  c.service.deleteFunctionConcurrency(c.params[0]!);
  return ok(204);
});
route('GET', '/2019-09-30/functions/{}/concurrency', (c) => ok(200, c.service.getFunctionConcurrency(c.params[0]!)));
// Recursive loop detection
route('PUT', '/2024-08-31/functions/{}/recursion-config', (c) => ok(200, c.service.putFunctionRecursionConfig(c.params[0]!, c.json())));
route('GET', '/2024-08-31/functions/{}/recursion-config', (c) => ok(200, c.service.getFunctionRecursionConfig(c.params[0]!)));
route('GET', '/2016-08-19/account-settings', (c) => ok(200, c.service.getAccountSettings()));

// Event invoke config
route('PUT', '/2019-09-25/functions/{}/event-invoke-config', (c) => ok(200, c.service.putFunctionEventInvokeConfig(c.params[0]!, qualifier(c.query), c.json(), false)));
route('POST', '/2019-09-25/functions/{}/event-invoke-config', (c) => ok(200, c.service.putFunctionEventInvokeConfig(c.params[0]!, qualifier(c.query), c.json(), true)));
route('GET', '/2019-09-25/functions/{}/event-invoke-config', (c) => ok(200, c.service.getFunctionEventInvokeConfig(c.params[0]!, qualifier(c.query))));
route('DELETE', '/2019-09-25/functions/{}/event-invoke-config', (c) => {
  c.service.deleteFunctionEventInvokeConfig(c.params[0]!, qualifier(c.query));
  return ok(204);
});
route('GET', '/2019-09-25/functions/{}/event-invoke-config/list', (c) => ok(200, c.service.listFunctionEventInvokeConfigs(c.params[0]!, paging(c.query))));

// Event source mappings (SQS): Lambda answers 202 while it applies a change.
route('POST', '/2015-03-31/event-source-mappings', (c) => ok(202, c.service.createEventSourceMapping(c.json())));
route('GET', '/2015-03-31/event-source-mappings', (c) =>
  ok(
    200,
    c.service.listEventSourceMappings({
      ...paging(c.query),
      ...(c.query['EventSourceArn'] !== undefined ? { EventSourceArn: c.query['EventSourceArn'] } : {}),
      ...(c.query['FunctionName'] !== undefined ? { FunctionName: c.query['FunctionName'] } : {}),
    }),
  ),
);
route('GET', '/2015-03-31/event-source-mappings/{}', (c) => ok(200, c.service.getEventSourceMapping(c.params[0]!)));
route('PUT', '/2015-03-31/event-source-mappings/{}', (c) => ok(202, c.service.updateEventSourceMapping(c.params[0]!, c.json())));
route('DELETE', '/2015-03-31/event-source-mappings/{}', (c) => ok(202, c.service.deleteEventSourceMapping(c.params[0]!)));

// Deployment packages: what Code.Location and Content.Location point at.
route('GET', `${CODE_ROUTE}{}`, (c) => {
  const zip = c.service.codeZip(c.params[0]!);
  if (!zip) return { status: 404, headers: { 'Content-Type': 'text/plain' }, body: utf8('No such deployment package.') };
  return { status: 200, headers: { 'Content-Type': 'application/zip' }, body: zip };
});

function lowerHeaders(headers: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(headers)) out[k.toLowerCase()] = v;
  return out;
}

function errorResponse(err: LambdaError, requestId: string): EmulatorResponse {
  return {
    status: err.status,
    headers: { 'Content-Type': 'application/json', 'x-amzn-ErrorType': err.code, 'x-amzn-RequestId': requestId, ...err.headers },
    body: utf8(JSON.stringify(err.body())),
  };
}

const INVOKE_PATH = /^\/2015-03-31\/functions\/[^/]+\/invocations\/?$/;

/**
 * Whether a request may change what the account keeps (functions, layers, packages, the queue,
 * sinks, log group settings), for a host that saves each change before answering. Only reads and
 * synchronous invocations, which add nothing but log events, are known not to; anything else may.
 */
export function mayChangeState(request: Pick<EmulatorRequest, 'method' | 'path' | 'headers'>): boolean {
  const method = request.method.toUpperCase();
  if (method === 'GET' || method === 'HEAD' || method === 'OPTIONS') return false;
  // A function URL invokes synchronously: only log events change.
  if (functionUrlAddress(request)) return false;
  const headers = lowerHeaders(request.headers);
  const target = headers['x-amz-target'];
  if (target?.startsWith(LOGS_TARGET_PREFIX)) return !LOGS_READ_OPERATIONS.has(target.slice(LOGS_TARGET_PREFIX.length));
  if (method === 'POST' && INVOKE_PATH.test(request.path.split('?')[0]!)) return headers['x-amz-invocation-type'] === 'Event';
  return true;
}

/** A service's answer to one request. */
export type Router = (request: EmulatorRequest) => Promise<EmulatorResponse>;

/** The account's one endpoint: every service the emulator provides, behind the dispatcher. */
export function createRouter(service: LambdaService): Router {
  return createDispatcher({
    functionUrls: createFunctionUrlRouter(service),
    lambda: createLambdaRouter(service),
    logs: createLogsRouter(service),
    s3: createS3Router(service.s3),
    sqs: createSqsRouter(service.sqs, { requestId: () => service.uuid(), endpoint: () => service.endpoint }),
    sns: createSnsRouter(service.sns, { requestId: () => service.uuid() }),
    events: createEventsRouter(service.events, { requestId: () => service.uuid(), onChange: () => service.scheduler.wake() }),
    iam: createIamRouter(service.iam, { requestId: () => service.uuid() }),
    sts: createStsRouter(service.accountId, { requestId: () => service.uuid() }),
  });
}

/** CloudWatch Logs, whose JSON 1.1 operations name themselves in X-Amz-Target. */
function createLogsRouter(service: LambdaService): Router {
  return async (request) => {
    const target = lowerHeaders(request.headers)['x-amz-target'] ?? '';
    return handleLogsRequest(service, target, request.body, service.uuid());
  };
}

/** The Lambda REST API, and the emulator's own `/_emulator/...` inspection routes. */
function createLambdaRouter(service: LambdaService): Router {
  return async (request) => {
    const headers = lowerHeaders(request.headers);
    const requestId = service.uuid();
    const path = request.path.split('?')[0]!;
    if (path.startsWith(INSPECTION_PREFIX)) {
      const inspected = await handleInspection(service, request.method, path, request.query, request.body);
      if (inspected) return inspected;
    }
    for (const r of routes) {
      if (r.method !== request.method.toUpperCase()) continue;
      const m = r.pattern.exec(path);
      if (!m) continue;
      let params: string[];
      try {
        params = m.slice(1).map((p) => decodeURIComponent(p));
      } catch {
        params = m.slice(1);
      }
      const ctx: RouteContext = {
        service,
        params,
        query: request.query,
        headers,
        body: request.body,
        requestId,
        queryAll(name) {
          if (request.rawQuery === undefined) return request.query[name] === undefined ? undefined : [request.query[name]!];
          const values = new URLSearchParams(request.rawQuery).getAll(name);
          return values.length > 0 ? values : undefined;
        },
        json() {
          if (request.body.byteLength === 0) return {};
          let parsed: unknown;
          try {
            parsed = JSON.parse(fromUtf8(request.body));
          } catch {
            throw new LambdaError('InvalidRequestContentException', 'Could not parse request body into json: Unexpected content in the request body.');
          }
          if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
            throw new LambdaError('InvalidRequestContentException', 'Could not parse request body into json: The request body must be a JSON object.');
          }
          return parsed as Json;
        },
      };
      try {
        const response = await r.handler(ctx);
        response.headers['x-amzn-RequestId'] ??= requestId;
        return response;
      } catch (err) {
        if (err instanceof LambdaError) return errorResponse(err, requestId);
        // An emulator bug: report it in Lambda's shape, keeping the message so nothing is lost.
        return errorResponse(new LambdaError('ServiceException', `Emulator error: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`), requestId);
      }
    }
    return errorResponse(new LambdaError('UnknownOperationException', `No Lambda operation matches ${request.method} ${path}.`), requestId);
  };
}
