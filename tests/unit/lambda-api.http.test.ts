import { startEmulatorServer } from '../../src/hosts/node/http-server.ts';
import { lambdaApiSuite } from './support/lambda-api-suite.ts';
import { httpClients } from './support/harness.ts';

lambdaApiSuite('the HTTP server on 127.0.0.1', async (service) => {
  const server = await startEmulatorServer(service, { port: 0 });
  const { lambda, logs } = httpClients(server.url);
  return {
    lambda,
    logs,
    async download(url) {
      if (!url.startsWith(server.url)) throw new Error(`Code.Location ${url} does not point at the emulator ${server.url}`);
      const res = await fetch(url);
      if (res.status !== 200) throw new Error(`download failed: ${res.status}`);
      return new Uint8Array(await res.arrayBuffer());
    },
    async raw(method, path) {
      const res = await fetch(`${server.url}${path}`, { method });
      return { status: res.status, body: await res.text() };
    },
    async close() {
      lambda.destroy();
      logs.destroy();
      await server.close();
    },
  };
});
