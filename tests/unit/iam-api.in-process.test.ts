import { IAMClient } from '@aws-sdk/client-iam';
import { STSClient } from '@aws-sdk/client-sts';
import { connectInProcess } from '../../src/emulator/index.ts';
import { iamApiSuite } from './support/iam-api-suite.ts';

iamApiSuite('in process', async (service) => {
  const { clientConfig } = connectInProcess(service);
  const iam = new IAMClient(clientConfig);
  const sts = new STSClient(clientConfig);
  return {
    iam,
    sts,
    async close() {
      iam.destroy();
      sts.destroy();
    },
  };
});
