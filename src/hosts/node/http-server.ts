/** The Node front door: the emulator's router behind an HTTP server on 127.0.0.1, for the AWS CLI, boto3 and any SDK. */
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createRouter, type LambdaService } from '../../emulator/index.ts';

export interface RunningServer {
  server: Server;
  port: number;
  url: string;
  close(): Promise<void>;
}

async function readBody(req: IncomingMessage): Promise<Uint8Array> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
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
].join(', ');

function corsHeaders(req: IncomingMessage): Record<string, string> {
  return {
    'Access-Control-Allow-Origin': req.headers.origin ?? '*',
    'Access-Control-Expose-Headers': CORS_EXPOSED,
    Vary: 'Origin',
  };
}

/** Starts serving `service`; `port` 0 picks a free one. Code.Location URLs point back at this server. */
export async function startEmulatorServer(service: LambdaService, options: { port?: number; host?: string; onRequest?: () => void } = {}): Promise<RunningServer> {
  const route = createRouter(service);
  const host = options.host ?? '127.0.0.1';
  const server = createServer(async (req, res) => {
    try {
      if (req.method === 'OPTIONS' && req.headers['access-control-request-method']) {
        res.writeHead(204, {
          ...corsHeaders(req),
          'Access-Control-Allow-Methods': 'GET, POST, PUT, DELETE',
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
      const rawPath = (req.url ?? '/').split('?')[0]!;
      const response = await route({ method: req.method ?? 'GET', path: rawPath, query, headers, body: await readBody(req) });
      res.writeHead(response.status, { ...response.headers, ...(req.headers.origin ? corsHeaders(req) : {}), 'Content-Length': String(response.body.byteLength) });
      res.end(response.body);
      options.onRequest?.();
    } catch (err) {
      res.writeHead(500, { 'Content-Type': 'text/plain' });
      res.end(`Emulator error: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
    }
  });
  // Longer than clients keep idle sockets, so a reused connection is never closed under a request.
  server.keepAliveTimeout = 65_000;
  server.headersTimeout = 66_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  const url = `http://${host}:${port}`;
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
