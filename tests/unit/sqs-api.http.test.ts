import { SQSClient } from '@aws-sdk/client-sqs';
import { startEmulatorServer } from '../../src/hosts/node/http-server.ts';
import { REGION } from './support/harness.ts';
import { sqsApiSuite } from './support/sqs-api-suite.ts';

sqsApiSuite('the HTTP server on 127.0.0.1', async (service) => {
  const server = await startEmulatorServer(service, { port: 0 });
  const sqs = new SQSClient({ region: REGION, endpoint: server.url, credentials: { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'secret' }, maxAttempts: 1 });
  return {
    sqs,
    origin: server.url,
    async close() {
      sqs.destroy();
      await server.close();
    },
  };
});
