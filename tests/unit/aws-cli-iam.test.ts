/**
 * IAM and STS through the real AWS CLI v2 (query protocol, XML) against the HTTP server: the
 * commands a Lambda course types to make an execution role, then a function that uses it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulatorServer, type RunningServer } from '../../src/hosts/node/http-server.ts';
import type { LambdaService } from '../../src/emulator/index.ts';
import { awsCli, awsCliSession, type AwsCli } from './support/aws-cli.ts';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ACCOUNT, REGION, makeService, quickJSEngine, zipBytes } from './support/harness.ts';
import { createVmEnvironmentFactory } from './support/vm-engine.ts';

describe('the AWS CLI v2 against IAM and STS on the HTTP server', () => {
  let server: RunningServer;
  let service: LambdaService;
  let aws: AwsCli;
  const stderrOf = (p: Promise<unknown>) => p.then(() => '', (err: { stderr: string }) => err.stderr.trim());

  beforeAll(async () => {
    ({ service } = makeService(createVmEnvironmentFactory()));
    server = await startEmulatorServer(service, { port: 0 });
    aws = await awsCli(server.url);
  });

  afterAll(async () => {
    await server?.close();
    service?.shutdown();
  });

  it('create-role, attach-role-policy, put-role-policy, get-role, list-attached-role-policies, delete-role', { timeout: 120_000 }, async () => {
    const trust = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' }] });
    const created = await aws('iam', 'create-role', '--role-name', 'orders-fn-role', '--assume-role-policy-document', trust);
    // The CLI decodes IAM's URL-encoded documents, as boto3 does.
    expect(created['Role']).toMatchObject({ RoleName: 'orders-fn-role', Path: '/', Arn: `arn:aws:iam::${ACCOUNT}:role/orders-fn-role`, AssumeRolePolicyDocument: JSON.parse(trust) });
    expect((created['Role'] as { RoleId: string }).RoleId).toMatch(/^AROA[A-Z2-7]{17}$/);
    expect(await aws('iam', 'attach-role-policy', '--role-name', 'orders-fn-role', '--policy-arn', 'arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole')).toEqual({});
    expect(await aws('iam', 'list-attached-role-policies', '--role-name', 'orders-fn-role')).toEqual({
      AttachedPolicies: [{ PolicyName: 'AWSLambdaBasicExecutionRole', PolicyArn: 'arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole' }],
    });
    const invoke = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'lambda:InvokeFunction', Resource: '*' }] };
    await aws('iam', 'put-role-policy', '--role-name', 'orders-fn-role', '--policy-name', 'invoke', '--policy-document', JSON.stringify(invoke));
    expect(await aws('iam', 'get-role-policy', '--role-name', 'orders-fn-role', '--policy-name', 'invoke')).toEqual({ RoleName: 'orders-fn-role', PolicyName: 'invoke', PolicyDocument: invoke });
    expect(await aws('iam', 'list-role-policies', '--role-name', 'orders-fn-role')).toEqual({ PolicyNames: ['invoke'] });
    expect(await stderrOf(aws('iam', 'delete-role', '--role-name', 'orders-fn-role'))).toBe(
      'An error occurred (DeleteConflict) when calling the DeleteRole operation: Cannot delete entity, must detach all policies first.',
    );
    expect(await stderrOf(aws('iam', 'get-role', '--role-name', 'missing'))).toBe('An error occurred (NoSuchEntity) when calling the GetRole operation: The role with name missing cannot be found.');
    const roles = (await aws('iam', 'list-roles'))['Roles'] as { RoleName: string }[];
    expect(roles.map((r) => r.RoleName)).toEqual(['lambda-role', 'orders-fn-role']);
  });

  it('sts get-caller-identity: the CLI acts as the account\'s administrator', { timeout: 60_000 }, async () => {
    expect(await aws('sts', 'get-caller-identity')).toEqual({ UserId: ACCOUNT, Account: ACCOUNT, Arn: `arn:aws:iam::${ACCOUNT}:root` });
  });
});

describe('chaining through the SDK inside a handler, driven by the AWS CLI', () => {
  let server: RunningServer;
  let service: LambdaService;

  beforeAll(async () => {
    ({ service } = makeService(quickJSEngine()));
    server = await startEmulatorServer(service, { port: 0 });
  });

  afterAll(async () => {
    await server?.close();
    service?.shutdown();
  });

  it('AccessDeniedException with the exact message, then put-role-policy, then the call goes through', { timeout: 120_000 }, async () => {
    const { aws, dir } = await awsCliSession(server.url);
    writeFileSync(join(dir, 'caller.zip'), zipBytes({
      'index.mjs': `import { LambdaClient, InvokeCommand } from '@aws-sdk/client-lambda';
const lambda = new LambdaClient({});
export const handler = async () => {
  try { const out = await lambda.send(new InvokeCommand({ FunctionName: 'callee', Payload: '{"n":1}' })); return { ok: out.Payload.transformToString() }; }
  catch (e) { return { error: e.name, message: e.message }; }
};`,
    }));
    writeFileSync(join(dir, 'callee.zip'), zipBytes({ 'index.js': 'exports.handler = async (e) => ({ doubled: e.n * 2 });' }));
    const role = `arn:aws:iam::${ACCOUNT}:role/lambda-role`;
    for (const name of ['caller', 'callee']) {
      await aws('lambda', 'create-function', '--function-name', name, '--runtime', 'nodejs22.x', '--role', role, '--handler', 'index.handler', '--zip-file', `fileb://${name}.zip`);
    }
    const readOut = () => JSON.parse(readFileSync(join(dir, 'out.json'), 'utf8')) as Record<string, unknown>;
    await aws('lambda', 'invoke', '--function-name', 'caller', 'out.json');
    expect(readOut()).toEqual({
      error: 'AccessDeniedException',
      message: `User: arn:aws:sts::${ACCOUNT}:assumed-role/lambda-role/caller is not authorized to perform: lambda:InvokeFunction on resource: arn:aws:lambda:${REGION}:${ACCOUNT}:function:callee because no identity-based policy allows the lambda:InvokeFunction action`,
    });
    await aws('iam', 'put-role-policy', '--role-name', 'lambda-role', '--policy-name', 'invoke',
      '--policy-document', JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'lambda:InvokeFunction', Resource: `arn:aws:lambda:${REGION}:${ACCOUNT}:function:callee` }] }));
    await aws('lambda', 'invoke', '--function-name', 'caller', 'out.json');
    expect(readOut()).toEqual({ ok: '{"doubled":2}' });
  });
});
