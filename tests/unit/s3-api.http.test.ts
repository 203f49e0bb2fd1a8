import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { CreateBucketCommand, GetObjectCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { startEmulatorServer } from '../../src/hosts/node/http-server.ts';
import { S3_AUTHORIZATION, s3ApiSuite } from './support/s3-api-suite.ts';
import { httpClients, makeService, quickJSEngine } from './support/harness.ts';

s3ApiSuite('the HTTP server on 127.0.0.1', async (service) => {
  const server = await startEmulatorServer(service, { port: 0 });
  const { s3 } = httpClients(server.url);
  return {
    s3,
    async raw(method, path, headers = {}, body) {
      const res = await fetch(`${server.url}${path}`, { method, headers: { authorization: S3_AUTHORIZATION, ...headers }, ...(body !== undefined ? { body: (typeof body === 'string' ? new TextEncoder().encode(body) : body) as Uint8Array<ArrayBuffer> } : {}) });
      return { status: res.status, headers: Object.fromEntries(res.headers), body: await res.text() };
    },
    async close() {
      s3.destroy();
      await server.close();
    },
  };
});

describe('the SDK v3 streaming an upload to the HTTP server', () => {
  it('sends aws-chunked with a CRC32 trailer, which S3 decodes and checks', async () => {
    const { service } = makeService(quickJSEngine());
    const server = await startEmulatorServer(service, { port: 0 });
    const seen: Record<string, string>[] = [];
    server.server.prependListener('request', (req) => {
      if (req.method === 'PUT') seen.push({ ...(req.headers as Record<string, string>) });
    });
    const { s3 } = httpClients(server.url);
    try {
      await s3.send(new CreateBucketCommand({ Bucket: 'bkt' }));
      const body = 'streamed '.repeat(10_000);
      const out = await s3.send(new PutObjectCommand({ Bucket: 'bkt', Key: 'streamed', Body: Readable.from([Buffer.from(body)]), ContentLength: body.length }));
      const upload = seen.at(-1)!;
      expect(upload).toMatchObject({ 'content-encoding': 'aws-chunked', 'x-amz-content-sha256': 'STREAMING-UNSIGNED-PAYLOAD-TRAILER', 'x-amz-trailer': 'x-amz-checksum-crc32', 'x-amz-decoded-content-length': String(body.length) });
      const got = await s3.send(new GetObjectCommand({ Bucket: 'bkt', Key: 'streamed' }));
      expect(await got.Body!.transformToString()).toBe(body);
      expect([got.ContentEncoding, got.ChecksumCRC32, got.ETag]).toEqual([undefined, out.ChecksumCRC32, out.ETag]);
      expect(out.ETag).toBe(`"${createHash('md5').update(body).digest('hex')}"`);
    } finally {
      s3.destroy();
      await server.close();
      service.shutdown();
    }
  });
});
