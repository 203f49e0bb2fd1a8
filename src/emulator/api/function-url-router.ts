/**
 * Serving function URLs over HTTP, as Lambda does: the request becomes a payload format 2.0 event,
 * the function's result becomes the HTTP response by Lambda's mapping rules, CORS preflights are
 * answered from the URL's Cors settings, and an AWS_IAM URL wants a valid SigV4 signature.
 *
 * Two addresses reach a URL: the host form `<url-id>.lambda-url.<region>.localhost:<port>` (the
 * one CreateFunctionUrlConfig returns on the server; `*.localhost` is loopback), and the path form
 * `/lambda-url/<url-id>/<path>` on the emulator's own address, for clients that cannot use a
 * wildcard host. The function sees the same event either way.
 */
import { base64ToBytes, bytesToBase64, fromUtf8, utf8 } from '../zip.ts';
import { LambdaError } from '../service/errors.ts';
import { URL_HOST_RE, URL_PATH_PREFIX } from '../service/function-urls.ts';
import type { LambdaService } from '../service/lambda-service.ts';
import type { UrlCors } from '../service/state.ts';
import { header } from './dispatch.ts';
import type { EmulatorRequest, EmulatorResponse } from './router.ts';
import { checkSignature } from './sigv4.ts';

/** Which URL a request is for, and the path the function sees. */
export interface FunctionUrlAddress {
  urlId: string;
  /** The path after the URL's root, as sent (`/` at least). */
  rawPath: string;
}

const PATH_FORM = /^\/lambda-url\/([a-z0-9]{32})(\/.*)?$/i;

/** Whether a request is addressed to a function URL (host form first, then the path form). */
export function functionUrlAddress(request: Pick<EmulatorRequest, 'path' | 'headers'>): FunctionUrlAddress | undefined {
  const path = request.path.split('?')[0]!;
  const host = header(request.headers, 'host');
  const byHost = host ? URL_HOST_RE.exec(host) : null;
  if (byHost) return { urlId: byHost[1]!.toLowerCase(), rawPath: path || '/' };
  if (!path.startsWith(URL_PATH_PREFIX)) return undefined;
  const byPath = PATH_FORM.exec(path);
  return byPath ? { urlId: byPath[1]!.toLowerCase(), rawPath: byPath[2] ?? '/' } : undefined;
}

const FORBIDDEN_MESSAGE = 'Forbidden. For troubleshooting Function URL authorization issues, see: https://docs.aws.amazon.com/lambda/latest/dg/urls-auth.html';

function jsonError(status: number, errorType: string, body: Record<string, string>, requestId: string): EmulatorResponse {
  return { status, headers: { 'Content-Type': 'application/json', 'x-amzn-RequestId': requestId, 'x-amzn-ErrorType': errorType }, body: utf8(JSON.stringify(body)) };
}

const forbidden = (requestId: string) => jsonError(403, 'AccessDeniedException', { Message: FORBIDDEN_MESSAGE }, requestId);

/** `12/Mar/2020:19:03:58 +0000`, the event's `requestContext.time`. */
function requestTime(ms: number): string {
  const d = new Date(ms);
  const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
  const p = (n: number) => String(n).padStart(2, '0');
  return `${p(d.getUTCDate())}/${months[d.getUTCMonth()]}/${d.getUTCFullYear()}:${p(d.getUTCHours())}:${p(d.getUTCMinutes())}:${p(d.getUTCSeconds())} +0000`;
}

/** Bodies Lambda passes as text; anything else (or no Content-Type) arrives base64-encoded. */
const TEXT_CONTENT = /^text\/|[/+](json|xml|javascript)\b/i;

function decodeQueryPart(s: string): string {
  try {
    return decodeURIComponent(s.replace(/\+/g, ' '));
  } catch {
    return s;
  }
}

/** `a=1&a=2&b=x` → `{ a: '1,2', b: 'x' }`: repeated parameters joined with commas, as the 2.0 format does. */
function queryParameters(rawQuery: string): Record<string, string> | undefined {
  if (!rawQuery) return undefined;
  const out: Record<string, string> = {};
  for (const part of rawQuery.split('&')) {
    if (part === '') continue;
    const eq = part.indexOf('=');
    const k = decodeQueryPart(eq < 0 ? part : part.slice(0, eq));
    const v = eq < 0 ? '' : decodeQueryPart(part.slice(eq + 1));
    out[k] = k in out ? `${out[k]},${v}` : v;
  }
  return Object.keys(out).length > 0 ? out : undefined;
}

/** The origin the response may name in Access-Control-Allow-Origin, if the URL's CORS allows this one. */
function allowedOrigin(cors: UrlCors, origin: string): string | undefined {
  const origins = cors.AllowOrigins ?? [];
  if (origins.includes('*')) return '*';
  return origins.find((o) => o.toLowerCase() === origin.toLowerCase()) ? origin : undefined;
}

/** CORS headers for an actual (not preflight) response; Lambda replaces any the function set. */
function corsResponseHeaders(cors: UrlCors, origin: string | undefined): Record<string, string> {
  const allowed = origin ? allowedOrigin(cors, origin) : undefined;
  if (!allowed) return {};
  return {
    'Access-Control-Allow-Origin': allowed,
    ...(cors.ExposeHeaders?.length ? { 'Access-Control-Expose-Headers': cors.ExposeHeaders.join(',') } : {}),
    ...(cors.AllowCredentials ? { 'Access-Control-Allow-Credentials': 'true' } : {}),
    Vary: 'Origin',
  };
}

/** The preflight answer Lambda gives from the URL's Cors settings, without invoking the function. */
function preflight(cors: UrlCors, origin: string, requestId: string): EmulatorResponse {
  const allowed = allowedOrigin(cors, origin);
  const headers: Record<string, string> = { 'x-amzn-RequestId': requestId };
  if (allowed) {
    headers['Access-Control-Allow-Origin'] = allowed;
    if (cors.AllowMethods?.length) headers['Access-Control-Allow-Methods'] = cors.AllowMethods.join(',');
    if (cors.AllowHeaders?.length) headers['Access-Control-Allow-Headers'] = cors.AllowHeaders.join(',');
    if (cors.MaxAge !== undefined) headers['Access-Control-Max-Age'] = String(cors.MaxAge);
    if (cors.AllowCredentials) headers['Access-Control-Allow-Credentials'] = 'true';
    headers['Vary'] = 'Origin';
  }
  return { status: 200, headers, body: new Uint8Array() };
}

/**
 * A function's result as the HTTP response (Lambda's rules for function URLs): an object with
 * `statusCode` is read as `{statusCode, headers, cookies, body, isBase64Encoded}`; anything else
 * is a 200 `application/json` answer whose body is the value (a string as itself, the rest as JSON).
 */
export function responseFromResult(payload: string): { status: number; headers: Record<string, string>; cookies: string[]; body: Uint8Array } {
  let result: unknown;
  try {
    result = JSON.parse(payload);
  } catch {
    return { status: 200, headers: { 'Content-Type': 'application/json' }, cookies: [], body: utf8(payload) };
  }
  if (result === null || typeof result !== 'object' || Array.isArray(result) || !('statusCode' in result)) {
    return { status: 200, headers: { 'Content-Type': 'application/json' }, cookies: [], body: utf8(typeof result === 'string' ? result : JSON.stringify(result)) };
  }
  const r = result as Record<string, unknown>;
  const status = Number(r['statusCode']);
  if (!Number.isInteger(status) || status < 100 || status > 599) throw new Error(`statusCode ${JSON.stringify(r['statusCode'])} is not an HTTP status`);
  const headers: Record<string, string> = {};
  if (r['headers'] && typeof r['headers'] === 'object' && !Array.isArray(r['headers'])) {
    for (const [k, v] of Object.entries(r['headers'] as Record<string, unknown>)) if (v !== null && v !== undefined) headers[k] = String(v);
  }
  if (!Object.keys(headers).some((k) => k.toLowerCase() === 'content-type')) headers['Content-Type'] = 'application/json';
  const cookies = Array.isArray(r['cookies']) ? (r['cookies'] as unknown[]).map(String) : [];
  const rawBody = r['body'];
  let body: Uint8Array;
  if (rawBody === undefined || rawBody === null) body = new Uint8Array();
  else if (typeof rawBody !== 'string') body = utf8(JSON.stringify(rawBody));
  else if (r['isBase64Encoded'] !== true) body = utf8(rawBody);
  else {
    const decoded = base64ToBytes(rawBody);
    if (!decoded) throw new Error('body is not base64');
    body = decoded;
  }
  return { status, headers, cookies, body };
}

/** Answers requests addressed to function URLs (see functionUrlAddress). */
export function createFunctionUrlRouter(service: LambdaService): (request: EmulatorRequest) => Promise<EmulatorResponse> {
  return async (request) => {
    const requestId = service.uuid();
    const address = functionUrlAddress(request);
    const url = address ? service.functionUrl(address.urlId) : undefined;
    if (!address || !url) return forbidden(requestId);
    const { record, target } = url;
    const origin = header(request.headers, 'origin');
    const method = request.method.toUpperCase();
    if (record.Cors && method === 'OPTIONS' && origin !== undefined && header(request.headers, 'access-control-request-method') !== undefined) {
      return preflight(record.Cors, origin, requestId);
    }
    const rawQuery = request.rawQuery ?? new URLSearchParams(request.query).toString();
    let caller: { accessKeyId: string } | undefined;
    if (record.AuthType === 'AWS_IAM') {
      const check = await checkSignature(request, rawQuery, { service: 'lambda', region: service.region }, (id) => service.accessKeys.get(id));
      if (!check.ok) {
        if (check.reason === 'unknown-key') return jsonError(403, 'UnrecognizedClientException', { message: 'The security token included in the request is invalid.' }, requestId);
        if (check.reason === 'mismatch') {
          return jsonError(403, 'InvalidSignatureException', {
            message: 'The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.',
          }, requestId);
        }
        return forbidden(requestId);
      }
      caller = check;
    } else if (!url.publicAccess) {
      return forbidden(requestId);
    }
    // The URL of a deleted alias stays configured but no longer reaches a function.
    if (!target) return forbidden(requestId);

    const domainName = new URL(url.url).host;
    const headers: Record<string, string> = {};
    let cookies: string[] | undefined;
    for (const [k, v] of Object.entries(request.headers)) {
      const name = k.toLowerCase();
      if (name === 'cookie') cookies = v.split(/;\s*/).filter((c) => c !== '');
      else if (name !== 'connection') headers[name] = v;
    }
    // As Lambda's front end adds them; the path form shows the function the URL's own host.
    headers['host'] = domainName;
    headers['x-forwarded-for'] = request.sourceIp ?? '127.0.0.1';
    headers['x-forwarded-proto'] = url.url.startsWith('https:') ? 'https' : 'http';
    headers['x-forwarded-port'] = /:(\d+)$/.exec(domainName)?.[1] ?? (url.url.startsWith('https:') ? '443' : '80');
    const now = service.clock.now();
    headers['x-amzn-trace-id'] ??= `Root=1-${Math.floor(now / 1000).toString(16).padStart(8, '0')}-${requestId.replaceAll('-', '').slice(0, 24)}`;
    const query = queryParameters(rawQuery);
    const bodyText = request.body.byteLength === 0 ? undefined : TEXT_CONTENT.test(headers['content-type'] ?? '') ? fromUtf8(request.body) : undefined;
    const event = {
      version: '2.0',
      routeKey: '$default',
      rawPath: address.rawPath,
      rawQueryString: rawQuery,
      ...(cookies ? { cookies } : {}),
      headers,
      ...(query ? { queryStringParameters: query } : {}),
      requestContext: {
        accountId: caller ? service.accountId : 'anonymous',
        apiId: record.UrlId,
        ...(caller
          ? {
              authorizer: {
                iam: {
                  accessKey: caller.accessKeyId,
                  accountId: service.accountId,
                  callerId: service.accountId,
                  cognitoIdentity: null,
                  principalOrgId: null,
                  userArn: `arn:aws:iam::${service.accountId}:root`,
                  userId: service.accountId,
                },
              },
            }
          : {}),
        domainName,
        domainPrefix: record.UrlId,
        http: { method, path: address.rawPath, protocol: 'HTTP/1.1', sourceIp: request.sourceIp ?? '127.0.0.1', userAgent: headers['user-agent'] ?? '' },
        requestId,
        routeKey: '$default',
        stage: '$default',
        time: requestTime(now),
        timeEpoch: now,
      },
      ...(request.body.byteLength === 0 ? {} : { body: bodyText ?? bytesToBase64(request.body) }),
      isBase64Encoded: request.body.byteLength > 0 && bodyText === undefined,
    };

    let outcome;
    try {
      ({ outcome } = await service.runInvocation(target, JSON.stringify(event), requestId));
    } catch (err) {
      if (err instanceof LambdaError) return { status: err.status, headers: { 'Content-Type': 'application/json', 'x-amzn-RequestId': requestId, 'x-amzn-ErrorType': err.code, ...err.headers }, body: utf8(JSON.stringify(err.body())) };
      throw err;
    }
    const cors = record.Cors ? corsResponseHeaders(record.Cors, origin) : {};
    const badGateway = (): EmulatorResponse => ({ status: 502, headers: { 'Content-Type': 'application/json', 'x-amzn-RequestId': requestId, ...cors }, body: utf8('Internal Server Error') });
    if (outcome.functionError) return badGateway();
    // A streaming URL sends what the handler returned as it is, without the buffered mapping.
    if (record.InvokeMode === 'RESPONSE_STREAM') {
      return { status: 200, headers: { 'Content-Type': 'application/octet-stream', 'x-amzn-RequestId': requestId, ...cors }, body: utf8(outcome.payload) };
    }
    let mapped;
    try {
      mapped = responseFromResult(outcome.payload);
    } catch {
      return badGateway();
    }
    const responseHeaders: Record<string, string> = {};
    for (const [k, v] of Object.entries(mapped.headers)) if (!(record.Cors && k.toLowerCase().startsWith('access-control-'))) responseHeaders[k] = v;
    return {
      status: mapped.status,
      headers: { ...responseHeaders, 'x-amzn-RequestId': requestId, ...cors },
      ...(mapped.cookies.length > 0 ? { cookies: mapped.cookies } : {}),
      body: mapped.body,
    };
  };
}
