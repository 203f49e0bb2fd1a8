/**
 * The in-page front door: a request handler for `new LambdaClient({ requestHandler })` (and the
 * CloudWatch Logs client) that hands the SDK's HTTP request to the emulator's router, no network.
 */
import { HttpResponse, type HttpRequest } from '@smithy/core/transport';
import type { LambdaService } from '../service/lambda-service.ts';
import { createRouter, type CallerPrincipal, type EmulatorRequest, type Router } from './router.ts';
import { serviceOf } from './dispatch.ts';
import { utf8 } from '../zip.ts';

async function bodyBytes(body: unknown): Promise<Uint8Array> {
  if (body === undefined || body === null) return new Uint8Array();
  if (typeof body === 'string') return utf8(body);
  if (body instanceof Uint8Array) return body;
  if (body instanceof ArrayBuffer) return new Uint8Array(body);
  if (ArrayBuffer.isView(body)) return new Uint8Array(body.buffer, body.byteOffset, body.byteLength);
  if (typeof (body as Blob).arrayBuffer === 'function') return new Uint8Array(await (body as Blob).arrayBuffer());
  if (typeof (body as AsyncIterable<Uint8Array>)[Symbol.asyncIterator] === 'function') {
    const chunks: Uint8Array[] = [];
    for await (const chunk of body as AsyncIterable<Uint8Array | string>) chunks.push(typeof chunk === 'string' ? utf8(chunk) : chunk);
    const out = new Uint8Array(chunks.reduce((n, c) => n + c.byteLength, 0));
    let o = 0;
    for (const c of chunks) {
      out.set(c, o);
      o += c.byteLength;
    }
    return out;
  }
  throw new TypeError(`The emulator cannot read a request body of type ${Object.prototype.toString.call(body)}.`);
}

function flatQuery(query: HttpRequest['query']): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(query ?? {})) {
    if (v === undefined) continue;
    // A subresource without a value (`?notification`, `?delete`) may come as null.
    if (v === null) {
      out[k] = '';
      continue;
    }
    out[k] = Array.isArray(v) ? (v[0] ?? '') : v;
  }
  return out;
}

/** The query string as the SDK would send it, repeated parameters included. */
function rawQueryOf(query: HttpRequest['query']): string {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query ?? {})) {
    if (v === undefined) continue;
    for (const value of Array.isArray(v) ? v : [v ?? '']) params.append(k, value);
  }
  return params.toString();
}

function streamOf(bytes: Uint8Array): ReadableStream<Uint8Array> {
  return new ReadableStream({
    start(controller) {
      controller.enqueue(bytes);
      controller.close();
    },
  });
}

export interface EmulatorRequestHandler {
  handle(request: HttpRequest): Promise<{ response: HttpResponse }>;
  updateHttpClientConfig(): void;
  httpHandlerConfigs(): Record<string, never>;
  destroy(): void;
}

/**
 * `caller`: for the SDK inside handlers, the function whose execution role the requests act as and
 * the service its client addresses (its requests are not signed); the account's administrator otherwise.
 */
export function createEmulatorRequestHandler(service: LambdaService, caller?: { principal: CallerPrincipal; service: string }, route: Router = createRouter(service)): EmulatorRequestHandler {
  return {
    async handle(request) {
      // Code.Location / Content.Location point back at the endpoint the client was given.
      const host = `${request.hostname}${request.port ? `:${request.port}` : ''}`;
      if (!service.endpoint) service.endpoint = `${request.protocol || 'http:'}//${host}`;
      const req: EmulatorRequest = {
        method: request.method,
        path: request.path,
        query: flatQuery(request.query),
        // As on the network: the Host header names the endpoint the client used (SQS builds queue URLs on it).
        headers: { host, ...request.headers },
        body: await bodyBytes(request.body),
        rawQuery: rawQueryOf(request.query),
        ...(caller ? { principal: caller.principal, service: caller.service } : {}),
      };
      const res = await route(req);
      // S3's streaming outputs (GetObject's Body) must be a stream the SDK can wrap, in the page and in Node.
      const body = serviceOf(req) === 's3' && res.body.byteLength > 0 ? streamOf(res.body) : res.body;
      return { response: new HttpResponse({ statusCode: res.status, headers: res.headers, body }) };
    },
    updateHttpClientConfig() {},
    httpHandlerConfigs() {
      return {};
    },
    destroy() {},
  };
}
