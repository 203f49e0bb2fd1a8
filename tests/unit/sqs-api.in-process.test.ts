import { connectInProcess } from '../../src/emulator/index.ts';
import { sqsApiSuite } from './support/sqs-api-suite.ts';

sqsApiSuite('the in-process SDK request handler', async (service) => {
  const { sqs, clientConfig } = connectInProcess(service);
  return {
    sqs,
    origin: clientConfig.endpoint,
    async close() {
      sqs.destroy();
    },
  };
});

