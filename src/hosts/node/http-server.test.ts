import { afterAll, describe, expect, it } from 'vitest';
import { CreateFunctionCommand, LambdaClient } from '@aws-sdk/client-lambda';
import { ECHO_CODE, REGION, ROLE, makeService, quickJSEngine, zipBytes } from '../../../tests/unit/support/harness.ts';
import { startEmulatorServer } from './http-server.ts';

describe('the HTTP server', () => {
  const { service } = makeService(quickJSEngine());
  const seen: string[] = [];
  const server = startEmulatorServer(service, {
    port: 0,
    beforeResponse: (request) => {
      seen.push(`${request.method} ${request.path}`);
      if (request.method === 'POST') throw new Error('ENOSPC: no space left on device, write');
    },
  });
  afterAll(async () => {
    await (await server).close();
    service.shutdown();
  });

  it('does not acknowledge a change its host could not save: 500 ServiceException, saying why', async () => {
    const lambda = new LambdaClient({ region: REGION, endpoint: (await server).url, credentials: { accessKeyId: 'x', secretAccessKey: 'x' }, maxAttempts: 1 });
    const err = (await lambda
      .send(new CreateFunctionCommand({ FunctionName: 'unsaved', Runtime: 'nodejs22.x', Role: ROLE, Handler: 'index.handler', Code: { ZipFile: zipBytes(ECHO_CODE) } }))
      .catch((e: unknown) => e)) as Error & { $metadata: { httpStatusCode: number } };
    expect([err.name, err.$metadata.httpStatusCode, err.message]).toEqual([
      'ServiceException',
      500,
      'The emulator could not save this change: ENOSPC: no space left on device, write',
    ]);
    expect(seen).toEqual(['POST /2015-03-31/functions']);
    lambda.destroy();
  });
});
