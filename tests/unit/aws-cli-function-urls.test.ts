/**
 * Function URLs as a learner makes them with the real AWS CLI v2 and calls them with fetch and
 * curl, the README's steps: create-function-url-config, the two add-permission statements, a
 * request, a CORS preflight, and an AWS_IAM URL signed by curl's own SigV4; and
 * put-provisioned-concurrency-config on the same function.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulatorServer, type RunningServer } from '../../src/hosts/node/http-server.ts';
import { limits, zip, type LambdaService, type VirtualClock } from '../../src/emulator/index.ts';
import { awsCliSession, run, type AwsCliSession } from './support/aws-cli.ts';
import { ROLE, makeService, quickJSEngine } from './support/harness.ts';

describe('function URLs with the AWS CLI v2, fetch and curl', () => {
  let server: RunningServer;
  let service: LambdaService;
  let clock: VirtualClock;
  let cli: AwsCliSession;

  beforeAll(async () => {
    ({ service, clock } = makeService(quickJSEngine(), { endpoint: '' }));
    server = await startEmulatorServer(service, { port: 0 });
    cli = await awsCliSession(server.url);
    writeFileSync(
      join(cli.dir, 'fn.zip'),
      zip({ 'index.mjs': `export const handler = async (event) => ({ statusCode: 200, headers: { 'content-type': 'text/plain' }, body: event.requestContext.http.method + ' ' + event.rawPath + ' ' + (event.body ?? '') });` }),
    );
  });
  afterAll(async () => {
    await server?.close();
    service?.shutdown();
  });

  it('create-function-url-config, add-permission, then fetch, curl and a CORS preflight', { timeout: 120_000 }, async () => {
    const { aws } = cli;
    await aws('lambda', 'create-function', '--function-name', 'cli-url', '--runtime', 'nodejs22.x', '--role', ROLE, '--handler', 'index.handler', '--zip-file', 'fileb://fn.zip');
    const created = await aws('lambda', 'create-function-url-config', '--function-name', 'cli-url', '--auth-type', 'NONE', '--cors', 'AllowOrigins=https://app.example,AllowMethods=POST,MaxAge=60');
    const url = created['FunctionUrl'] as string;
    expect(url).toMatch(new RegExp(`^http://[a-z0-9]{32}\\.lambda-url\\.us-east-1\\.localhost:${server.port}/$`));
    expect(created).toEqual({
      FunctionUrl: url,
      FunctionArn: 'arn:aws:lambda:us-east-1:111111111111:function:cli-url',
      AuthType: 'NONE',
      Cors: { AllowMethods: ['POST'], AllowOrigins: ['https://app.example'], MaxAge: 60 },
      CreationTime: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z$/),
    });
    const id = new URL(url).host.split('.')[0]!;
    const viaPath = `${server.url}/lambda-url/${id}`;

    // Without a resource policy nobody may call it.
    expect((await fetch(`${viaPath}/`)).status).toBe(403);
    await aws('lambda', 'add-permission', '--function-name', 'cli-url', '--statement-id', 'url', '--action', 'lambda:InvokeFunctionUrl', '--principal', '*', '--function-url-auth-type', 'NONE');
    expect((await fetch(`${viaPath}/`)).status).toBe(403);
    await aws('lambda', 'add-permission', '--function-name', 'cli-url', '--statement-id', 'invoke', '--action', 'lambda:InvokeFunction', '--principal', '*');

    const res = await fetch(`${viaPath}/orders?x=1`, { method: 'POST', body: 'hello', headers: { 'content-type': 'text/plain' } });
    expect(res.status).toBe(200);
    expect(await res.text()).toBe('POST /orders hello');

    // curl resolves *.localhost to loopback, so the URL works exactly as the CLI printed it.
    const curled = await run('curl', ['-s', '-X', 'POST', '--data', 'from curl', '-H', 'content-type: text/plain', `${url}items`]);
    expect(curled.stdout).toBe('POST /items from curl');
    const preflight = await run('curl', ['-s', '-i', '-X', 'OPTIONS', '-H', 'Origin: https://app.example', '-H', 'Access-Control-Request-Method: POST', `${url}items`]);
    expect(preflight.stdout).toMatch(/^HTTP\/1\.1 200 OK\r\n/);
    expect(preflight.stdout).toContain('\r\nAccess-Control-Allow-Origin: https://app.example\r\n');
    expect(preflight.stdout).toContain('\r\nAccess-Control-Allow-Methods: POST\r\n');
    expect(preflight.stdout).toContain('\r\nAccess-Control-Max-Age: 60\r\n');

    // CLI 2.9's model predates InvokeMode (2023), so it drops that field of the answer.
    expect(await aws('lambda', 'get-function-url-config', '--function-name', 'cli-url')).toMatchObject({ FunctionUrl: url, AuthType: 'NONE', LastModifiedTime: created['CreationTime'] });
    const listed = (await aws('lambda', 'list-function-url-configs', '--function-name', 'cli-url'))['FunctionUrlConfigs'] as Record<string, unknown>[];
    expect(listed.map((c) => c['FunctionUrl'])).toEqual([url]);
  });

  it('put-provisioned-concurrency-config: IN_PROGRESS, then READY on the clock', { timeout: 120_000 }, async () => {
    const { aws } = cli;
    await aws('lambda', 'publish-version', '--function-name', 'cli-url');
    const put = await aws('lambda', 'put-provisioned-concurrency-config', '--function-name', 'cli-url', '--qualifier', '1', '--provisioned-concurrent-executions', '2');
    expect(put).toEqual({
      RequestedProvisionedConcurrentExecutions: 2,
      AvailableProvisionedConcurrentExecutions: 0,
      AllocatedProvisionedConcurrentExecutions: 0,
      Status: 'IN_PROGRESS',
      LastModified: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}\+0000$/),
    });
    await service.scheduler.drain({ untilMs: clock.now() + limits.provisionedConcurrencyAllocationMs });
    expect(await aws('lambda', 'get-provisioned-concurrency-config', '--function-name', 'cli-url', '--qualifier', '1')).toMatchObject({ Status: 'READY', AvailableProvisionedConcurrentExecutions: 2 });
    const listed = (await aws('lambda', 'list-provisioned-concurrency-configs', '--function-name', 'cli-url'))['ProvisionedConcurrencyConfigs'] as Record<string, unknown>[];
    expect(listed.map((c) => [c['FunctionArn'], c['Status']])).toEqual([['arn:aws:lambda:us-east-1:111111111111:function:cli-url:1', 'READY']]);
    await aws('lambda', 'delete-provisioned-concurrency-config', '--function-name', 'cli-url', '--qualifier', '1');
    expect((await aws('lambda', 'list-provisioned-concurrency-configs', '--function-name', 'cli-url'))['ProvisionedConcurrencyConfigs']).toEqual([]);
  });

  it('an AWS_IAM URL answers a request curl signs with SigV4, and refuses an unsigned one', { timeout: 120_000 }, async () => {
    const { aws } = cli;
    const updated = await aws('lambda', 'update-function-url-config', '--function-name', 'cli-url', '--auth-type', 'AWS_IAM');
    expect(updated['AuthType']).toBe('AWS_IAM');
    const url = updated['FunctionUrl'] as string;
    const unsigned = await run('curl', ['-s', '-o', '/dev/null', '-w', '%{http_code}', `${url}private`]);
    expect(unsigned.stdout).toBe('403');
    const signed = await run('curl', ['-s', '--aws-sigv4', 'aws:amz:us-east-1:lambda', '--user', 'AKIDEXAMPLE:secret', `${url}private`]);
    expect(signed.stdout).toBe('GET /private ');
    const wrong = await run('curl', ['-s', '--aws-sigv4', 'aws:amz:us-east-1:lambda', '--user', 'AKIDEXAMPLE:wrong', `${url}private`]);
    expect(JSON.parse(wrong.stdout)).toEqual({
      message: 'The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.',
    });
    await aws('lambda', 'delete-function-url-config', '--function-name', 'cli-url');
    expect((await run('curl', ['-s', '-o', '/dev/null', '-w', '%{http_code}', `${url}private`])).stdout).toBe('403');
  });
});
