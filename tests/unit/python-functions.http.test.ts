import { startEmulatorServer } from '../../src/hosts/node/http-server.ts';
import { createNodePythonWorkerEnvironmentFactory } from '../../src/hosts/node/node-worker-environment.ts';
import { pythonFunctionsSuite } from './support/python-suite.ts';
import { httpClients } from './support/harness.ts';

// As `npm run emulator` serves them: over HTTP, each Python environment in its own worker thread.
pythonFunctionsSuite('the HTTP server on 127.0.0.1', () => createNodePythonWorkerEnvironmentFactory(), async (service) => {
  const server = await startEmulatorServer(service, { port: 0 });
  return { ...httpClients(server.url), close: () => server.close() };
});
