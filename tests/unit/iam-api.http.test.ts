import { IAMClient } from '@aws-sdk/client-iam';
import { STSClient } from '@aws-sdk/client-sts';
import { startEmulatorServer } from '../../src/hosts/node/http-server.ts';
import { REGION } from './support/harness.ts';
import { iamApiSuite } from './support/iam-api-suite.ts';

iamApiSuite('the HTTP server on 127.0.0.1', async (service) => {
  const server = await startEmulatorServer(service, { port: 0 });
  const config = { region: REGION, endpoint: server.url, credentials: { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'secret' }, maxAttempts: 1 };
  const iam = new IAMClient(config);
  const sts = new STSClient(config);
  return {
    iam,
    sts,
    async close() {
      iam.destroy();
      sts.destroy();
      await server.close();
    },
  };
});
