import { createRouter } from '../../src/emulator/index.ts';
import { lambdaApiSuite } from './support/lambda-api-suite.ts';
import { inProcessClients } from './support/harness.ts';

lambdaApiSuite('the in-process SDK request handler', async (service) => {
  const route = createRouter(service);
  const { lambda, logs } = inProcessClients(service);
  const get = async (method: string, url: string) => {
    const path = url.replace(/^https?:\/\/[^/]+/, '');
    return route({ method, path, query: {}, headers: {}, body: new Uint8Array() });
  };
  return {
    lambda,
    logs,
    async download(url) {
      const res = await get('GET', url);
      if (res.status !== 200) throw new Error(`download failed: ${res.status}`);
      return res.body;
    },
    async raw(method, path) {
      const res = await get(method, path);
      return { status: res.status, body: new TextDecoder().decode(res.body) };
    },
    async close() {
      lambda.destroy();
      logs.destroy();
    },
  };
});
