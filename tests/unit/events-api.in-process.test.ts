import { connectInProcess } from '../../src/emulator/index.ts';
import { eventsApiSuite } from './support/events-api-suite.ts';

eventsApiSuite('the in-process SDK request handler', async (service) => {
  const { events, sqs, lambda, logs } = connectInProcess(service);
  return {
    events,
    sqs,
    lambda,
    logs,
    async close() {
      events.destroy();
      sqs.destroy();
    },
  };
});
