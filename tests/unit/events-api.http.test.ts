import { EventBridgeClient } from '@aws-sdk/client-eventbridge';
import { SQSClient } from '@aws-sdk/client-sqs';
import { startEmulatorServer } from '../../src/hosts/node/http-server.ts';
import { REGION, httpClients } from './support/harness.ts';
import { eventsApiSuite } from './support/events-api-suite.ts';

eventsApiSuite('the HTTP server on 127.0.0.1', async (service) => {
  const server = await startEmulatorServer(service, { port: 0 });
  const config = { region: REGION, endpoint: server.url, credentials: { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'secret' }, maxAttempts: 1 };
  const events = new EventBridgeClient(config);
  const sqs = new SQSClient(config);
  const { lambda, logs } = httpClients(server.url);
  return {
    events,
    sqs,
    lambda,
    logs,
    async close() {
      for (const client of [events, sqs, lambda, logs]) client.destroy();
      await server.close();
    },
  };
});
