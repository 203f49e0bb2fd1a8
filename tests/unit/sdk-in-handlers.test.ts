/**
 * The AWS SDK for JavaScript v3 inside Node.js handlers, as Lambda's runtimes include it: clients
 * imported or required from `@aws-sdk/client-*`, each call run by the host as the function's
 * execution role, so IAM decides. Chaining fails with Lambda's exact AccessDeniedException until
 * the role may invoke, then succeeds and the callee's logs show the call.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AddPermissionCommand, CreateFunctionCommand, InvokeCommand } from '@aws-sdk/client-lambda';
import { FilterLogEventsCommand } from '@aws-sdk/client-cloudwatch-logs';
import { GetRoleCommand, IAMClient, PutRolePolicyCommand } from '@aws-sdk/client-iam';
import { CreateQueueCommand, ReceiveMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { ACCOUNT, REGION, ROLE, makeService, quickJSEngine, zipBytes, type Setup } from './support/harness.ts';

const engine = quickJSEngine();

const CALLER = `import { LambdaClient, InvokeCommand } from '@aws-sdk/client-lambda';
const lambda = new LambdaClient({});
export const handler = async () => {
  try {
    const out = await lambda.send(new InvokeCommand({ FunctionName: 'callee', Payload: JSON.stringify({ from: 'caller' }) }));
    return { ok: true, status: out.StatusCode, http: out.$metadata.httpStatusCode, payload: out.Payload.transformToString(), decoded: new TextDecoder().decode(out.Payload), version: out.ExecutedVersion };
  } catch (e) {
    return { ok: false, name: e.name, message: e.message, http: e.$metadata.httpStatusCode, fault: e.$fault, isError: e instanceof Error };
  }
};
`;
const CALLEE = `exports.handler = async (event) => { console.log('called by', event.from); return { hello: event.from }; };`;

describe('the AWS SDK inside Node.js handlers', () => {
  let setup: Setup;
  let iam: IAMClient;
  const create = (name: string, files: Record<string, string>, role = ROLE) =>
    setup.lambda.send(new CreateFunctionCommand({ FunctionName: name, Runtime: 'nodejs22.x', Role: role, Handler: 'index.handler', Code: { ZipFile: zipBytes(files) } }));
  const invoke = async (name: string) => {
    const out = await setup.lambda.send(new InvokeCommand({ FunctionName: name }));
    return { functionError: out.FunctionError, body: JSON.parse(new TextDecoder().decode(out.Payload)) as Record<string, unknown> };
  };

  beforeEach(() => {
    setup = makeService(engine);
    iam = new IAMClient(setup.clientConfig);
  });
  afterEach(() => {
    iam.destroy();
    setup.close();
  });

  it('chaining: AccessDeniedException with AWS\'s exact message until the role allows lambda:InvokeFunction, then the call goes through', async () => {
    await create('callee', { 'index.js': CALLEE });
    await create('caller', { 'index.mjs': CALLER });
    expect(await invoke('caller')).toEqual({
      functionError: undefined,
      body: {
        ok: false, name: 'AccessDeniedException', http: 403, fault: 'client', isError: true,
        message: `User: arn:aws:sts::${ACCOUNT}:assumed-role/lambda-role/caller is not authorized to perform: lambda:InvokeFunction on resource: arn:aws:lambda:${REGION}:${ACCOUNT}:function:callee because no identity-based policy allows the lambda:InvokeFunction action`,
      },
    });
    const policy = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'lambda:InvokeFunction', Resource: `arn:aws:lambda:${REGION}:${ACCOUNT}:function:callee` }] };
    await iam.send(new PutRolePolicyCommand({ RoleName: 'lambda-role', PolicyName: 'invoke-callee', PolicyDocument: JSON.stringify(policy) }));
    expect(await invoke('caller')).toEqual({
      functionError: undefined,
      body: { ok: true, status: 200, http: 200, payload: '{"hello":"caller"}', decoded: '{"hello":"caller"}', version: '$LATEST' },
    });
    const logs = await setup.logs.send(new FilterLogEventsCommand({ logGroupName: '/aws/lambda/callee', filterPattern: '"called by"' }));
    expect(logs.events!.map((e) => e.message!.split('\t').slice(3).join('\t'))).toEqual(['called by caller']);
  });

  it('the callee\'s resource policy naming the caller\'s role allows the call without an identity policy (same account)', async () => {
    await create('callee', { 'index.js': CALLEE });
    await create('caller', { 'index.mjs': CALLER });
    await setup.lambda.send(new AddPermissionCommand({ FunctionName: 'callee', StatementId: 'caller', Action: 'lambda:InvokeFunction', Principal: ROLE }));
    expect((await invoke('caller')).body).toMatchObject({ ok: true, payload: '{"hello":"caller"}' });
  });

  it('an explicit Deny in the role wins over the allow', async () => {
    await create('callee', { 'index.js': CALLEE });
    await create('caller', { 'index.mjs': CALLER });
    const policy = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'lambda:*', Resource: '*' }, { Effect: 'Deny', Action: 'lambda:InvokeFunction', Resource: '*' }] };
    await iam.send(new PutRolePolicyCommand({ RoleName: 'lambda-role', PolicyName: 'deny', PolicyDocument: JSON.stringify(policy) }));
    expect((await invoke('caller')).body['message']).toBe(
      `User: arn:aws:sts::${ACCOUNT}:assumed-role/lambda-role/caller is not authorized to perform: lambda:InvokeFunction on resource: arn:aws:lambda:${REGION}:${ACCOUNT}:function:callee with an explicit deny in an identity-based policy`,
    );
  });

  it('require works too, and STS names the function\'s role session', async () => {
    await create('who', {
      'index.js': `const { STSClient, GetCallerIdentityCommand } = require('@aws-sdk/client-sts');
exports.handler = async () => { const id = await new STSClient({}).send(new GetCallerIdentityCommand({})); return { Arn: id.Arn, Account: id.Account, UserId: id.UserId }; };`,
    });
    const { body } = await invoke('who');
    expect(body).toEqual({ Arn: `arn:aws:sts::${ACCOUNT}:assumed-role/lambda-role/who`, Account: ACCOUNT, UserId: expect.stringMatching(/^AROA[A-Z2-7]{17}:who$/) });
  });

  it('a message the function sends names its role session as SQS records it (SenderId <RoleId>:<function>)', async () => {
    const sqs = new SQSClient(setup.clientConfig);
    const { QueueUrl } = await sqs.send(new CreateQueueCommand({ QueueName: 'work' }));
    await iam.send(new PutRolePolicyCommand({ RoleName: 'lambda-role', PolicyName: 'send', PolicyDocument: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: ['sqs:SendMessage', 'sqs:GetQueueUrl'], Resource: '*' }] }) }));
    await create('sender', {
      'index.mjs': `import { SQSClient, GetQueueUrlCommand, SendMessageCommand } from '@aws-sdk/client-sqs';
const sqs = new SQSClient({});
export const handler = async () => { const { QueueUrl } = await sqs.send(new GetQueueUrlCommand({ QueueName: 'work' })); return (await sqs.send(new SendMessageCommand({ QueueUrl, MessageBody: 'hello' }))).MessageId; };`,
    });
    const { functionError, body } = await invoke('sender');
    expect(functionError).toBeUndefined();
    const { Messages } = await sqs.send(new ReceiveMessageCommand({ QueueUrl, MessageSystemAttributeNames: ['SenderId'] }));
    const roleId = (await iam.send(new GetRoleCommand({ RoleName: 'lambda-role' }))).Role!.RoleId!;
    expect(Messages?.map((m) => [m.MessageId, m.Body, m.Attributes?.SenderId])).toEqual([[body, 'hello', `${roleId}:sender`]]);
    sqs.destroy();
  });

  it('a service error comes back as the SDK\'s: name, message, $metadata and $fault', async () => {
    await iam.send(new PutRolePolicyCommand({ RoleName: 'lambda-role', PolicyName: 'read', PolicyDocument: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'lambda:Get*', Resource: '*' }] }) }));
    await create('reader', {
      'index.mjs': `import { LambdaClient, GetFunctionCommand } from '@aws-sdk/client-lambda';
export const handler = async () => { try { await new LambdaClient({}).send(new GetFunctionCommand({ FunctionName: 'nope' })); } catch (e) { return { name: e.name, message: e.message, http: e.$metadata.httpStatusCode, fault: e.$fault }; } };`,
    });
    expect((await invoke('reader')).body).toEqual({ name: 'ResourceNotFoundException', message: `Function not found: arn:aws:lambda:${REGION}:${ACCOUNT}:function:nope`, http: 404, fault: 'client' });
  });

  it('aws-sdk v2 is absent, as on the Node.js 18+ runtimes, with Node\'s own message', async () => {
    await create('v2', { 'index.mjs': `import AWS from 'aws-sdk';\nexport const handler = async () => AWS;` });
    const { functionError, body } = await invoke('v2');
    expect(functionError).toBe('Unhandled');
    expect(body).toMatchObject({ errorType: 'Runtime.ImportModuleError', errorMessage: "Error: Cannot find package 'aws-sdk' imported from /var/task/index.mjs" });
  });
});
