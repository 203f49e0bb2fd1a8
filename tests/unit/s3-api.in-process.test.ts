import { createRouter } from '../../src/emulator/index.ts';
import { S3_AUTHORIZATION, s3ApiSuite } from './support/s3-api-suite.ts';
import { inProcessClients } from './support/harness.ts';

s3ApiSuite('the in-process SDK request handler', async (service) => {
  const route = createRouter(service);
  const { s3 } = inProcessClients(service);
  return {
    s3,
    async raw(method, path, headers = {}, body = new Uint8Array()) {
      const url = new URL(path, 'http://s3.emulator.test');
      const res = await route({
        method,
        path: url.pathname,
        query: Object.fromEntries(url.searchParams),
        headers: { authorization: S3_AUTHORIZATION, ...headers },
        body: typeof body === 'string' ? new TextEncoder().encode(body) : body,
      });
      const lower = Object.fromEntries(Object.entries(res.headers).map(([k, v]) => [k.toLowerCase(), v]));
      return { status: res.status, headers: lower, body: new TextDecoder().decode(res.body) };
    },
    async close() {
      s3.destroy();
    },
  };
});
