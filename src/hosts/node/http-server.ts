/** The Node front door: the emulator's router behind an HTTP server on 127.0.0.1, for the AWS CLI, boto3 and any SDK. */
import { createServer, type IncomingMessage, type RequestListener, type Server } from 'node:http';
import { createServer as createTlsServer, type Server as TlsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { LambdaError, createRouter, functionUrlAddress, type EmulatorRequest, type EmulatorResponse, type LambdaService, type Router } from '../../emulator/index.ts';

export interface RunningServer {
  server: Server | TlsServer;
  port: number;
  url: string;
  close(): Promise<void>;
}

/** The body's bytes, or undefined as soon as there are more than `maxBytes` of them. */
async function readBody(req: IncomingMessage, maxBytes = Infinity): Promise<Uint8Array | undefined> {
  if (Number(req.headers['content-length'] ?? 0) > maxBytes) return undefined;
  const chunks: Buffer[] = [];
  let length = 0;
  for await (const chunk of req) {
    length += (chunk as Buffer).byteLength;
    if (length > maxBytes) return undefined;
    chunks.push(chunk as Buffer);
  }
  const buf = Buffer.concat(chunks);
  return new Uint8Array(buf.buffer, buf.byteOffset, buf.byteLength);
}

/** Browser SDKs call AWS across origins; the emulator answers CORS as AWS does, so a page can use it too. */
const CORS_EXPOSED = [
  'x-amzn-requestid',
  'x-amzn-errortype',
  'x-amzn-query-error',
  'x-amz-function-error',
  'x-amz-log-result',
  'x-amz-executed-version',
  'retry-after',
  'date',
  // S3's
  'etag',
  'x-amz-request-id',
  'x-amz-id-2',
  'x-amz-bucket-region',
  'content-range',
  'x-amz-checksum-crc32',
  'x-amz-checksum-crc32c',
  'x-amz-checksum-crc64nvme',
  'x-amz-checksum-sha1',
  'x-amz-checksum-sha256',
  'x-amz-checksum-type',
].join(', ');

function corsHeaders(req: IncomingMessage): Record<string, string> {
  return {
    'Access-Control-Allow-Origin': req.headers.origin ?? '*',
    'Access-Control-Expose-Headers': CORS_EXPOSED,
    Vary: 'Origin',
  };
}

export interface EmulatorServerOptions {
  /** 0 picks a free port. */
  port?: number;
  host?: string;
  /** Called once a request is handled and before it is answered: a host that keeps state on disk makes the change durable here. */
  beforeResponse?: (request: EmulatorRequest) => void | Promise<void>;
  /** Called after each answer. */
  onRequest?: (request: EmulatorRequest) => void;
  /** What answers requests; the service's own router unless given (a lab's, in front of many accounts). */
  route?: Router;
  /** Bodies longer than this are refused unread, with `tooLarge`'s answer, and the connection closed. */
  maxBodyBytes?: number;
  tooLarge?: (request: Omit<EmulatorRequest, 'body'>, maxBytes: number) => EmulatorResponse;
  /** HTTPS with this certificate and key (PEM); plain HTTP without. */
  tls?: { cert: string; key: string };
}

/** Starts serving `service`. Code.Location URLs point back at this server. */
export async function startEmulatorServer(service: LambdaService, options: EmulatorServerOptions = {}): Promise<RunningServer> {
  const route = options.route ?? createRouter(service);
  const host = options.host ?? '127.0.0.1';
  const handle: RequestListener = async (req, res) => {
    try {
      // A function URL answers its own preflights and CORS, from its Cors settings.
      const toFunctionUrl = functionUrlAddress({ path: req.url ?? '/', headers: { host: req.headers.host ?? '' } }) !== undefined;
      if (!toFunctionUrl && req.method === 'OPTIONS' && req.headers['access-control-request-method']) {
        res.writeHead(204, {
          ...corsHeaders(req),
          'Access-Control-Allow-Methods': 'GET, POST, PUT, DELETE, HEAD',
          'Access-Control-Allow-Headers': req.headers['access-control-request-headers'] ?? '*',
          'Access-Control-Max-Age': '600',
        });
        res.end();
        return;
      }
      const url = new URL(req.url ?? '/', `http://${host}`);
      const query: Record<string, string> = {};
      for (const [k, v] of url.searchParams) if (!(k in query)) query[k] = v;
      const headers: Record<string, string> = {};
      for (const [k, v] of Object.entries(req.headers)) if (v !== undefined) headers[k] = Array.isArray(v) ? v.join(', ') : v;
      const [rawPath, ...queryParts] = (req.url ?? '/').split('?');
      const head = {
        method: req.method ?? 'GET',
        path: rawPath!,
        query,
        headers,
        rawQuery: queryParts.join('?'),
        ...(req.socket.remoteAddress ? { sourceIp: req.socket.remoteAddress.replace(/^::ffff:/, '') } : {}),
      };
      const body = await readBody(req, options.maxBodyBytes);
      if (body === undefined) {
        // The rest of the body is not read: the connection closes after the answer.
        const refused = options.tooLarge?.(head, options.maxBodyBytes!) ?? { status: 413, headers: { 'Content-Type': 'text/plain' }, body: Buffer.from('Request body too large.') };
        res.writeHead(refused.status, { ...refused.headers, 'Content-Length': String(refused.body.byteLength), Connection: 'close' });
        res.end(refused.body);
        return;
      }
      const request: EmulatorRequest = { ...head, body };
      let response = await route(request);
      try {
        await options.beforeResponse?.(request);
      } catch (err) {
        // Not durable, so not acknowledged: the client hears the change may not have been kept.
        const failure = new LambdaError('ServiceException', `The emulator could not save this change: ${err instanceof Error ? err.message : String(err)}`);
        response = { status: failure.status, headers: { 'Content-Type': 'application/json', 'x-amzn-ErrorType': failure.code }, body: Buffer.from(JSON.stringify(failure.body())) };
      }
      // A HEAD answer (S3's HeadObject) states the length of the body it does not send.
      const length = req.method === 'HEAD' ? (response.headers['Content-Length'] ?? '0') : String(response.body.byteLength);
      const cors = req.headers.origin && !toFunctionUrl ? corsHeaders(req) : {};
      res.writeHead(response.status, { ...response.headers, ...cors, ...(response.cookies ? { 'Set-Cookie': response.cookies } : {}), 'Content-Length': length });
      res.end(response.body);
      options.onRequest?.(request);
    } catch (err) {
      res.writeHead(500, { 'Content-Type': 'text/plain' });
      res.end(`Emulator error: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
    }
  };
  const server = options.tls ? createTlsServer({ cert: options.tls.cert, key: options.tls.key }, handle) : createServer(handle);
  // Longer than clients keep idle sockets, so a reused connection is never closed under a request.
  server.keepAliveTimeout = 65_000;
  server.headersTimeout = 66_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    // A class connecting at once must not overflow the queue of connections waiting to be accepted.
    server.listen({ port: options.port ?? 0, host, backlog: 4096 }, () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  const url = `${options.tls ? 'https' : 'http'}://${host}:${port}`;
  service.endpoint = url;
  return {
    server,
    port,
    url,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
