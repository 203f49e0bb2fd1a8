import { connectInProcess } from '../../src/emulator/index.ts';
import { snsApiSuite } from './support/sns-api-suite.ts';

snsApiSuite('the in-process SDK request handler', async (service) => {
  const { sns, sqs, lambda, logs } = connectInProcess(service);
  return {
    sns,
    sqs,
    lambda,
    logs,
    async close() {
      sns.destroy();
      sqs.destroy();
    },
  };
});
