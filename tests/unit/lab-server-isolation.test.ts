/**
 * On the shared lab server a learner sees and touches only their own account. Another learner's
 * function, layer, queue, bucket and logs are out of reach, unless their owner granted it by a
 * resource policy (AddPermission, AddLayerVersionPermission), as on AWS. The emulator's own routes
 * are the instructor's; hostile names and oversized bodies are refused.
 */
import { request as httpRequest } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  AddLayerVersionPermissionCommand,
  AddPermissionCommand,
  CreateFunctionCommand,
  DeleteFunctionCommand,
  GetFunctionCommand,
  GetLayerVersionByArnCommand,
  GetLayerVersionCommand,
  InvokeCommand,
  ListFunctionsCommand,
  PublishLayerVersionCommand,
  UpdateFunctionCodeCommand,
  UpdateFunctionConfigurationCommand,
} from '@aws-sdk/client-lambda';
import { CreateBucketCommand, GetBucketPolicyCommand, GetObjectCommand, ListBucketsCommand, ListObjectsV2Command, PutBucketPolicyCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { CreateQueueCommand, ListQueuesCommand, ReceiveMessageCommand, SendMessageCommand, SetQueueAttributesCommand } from '@aws-sdk/client-sqs';
import { DescribeLogGroupsCommand, GetLogEventsCommand } from '@aws-sdk/client-cloudwatch-logs';
import { clientsFor, destroy, signedFetch, startLab, type LabClients, type SpawnedLab } from './support/lab-server.ts';
import { ECHO_CODE, failure, zipBytes } from './support/harness.ts';

const ROSTER = 'name,id\nAda Lovelace,ada\nBrian Kernighan,brian\nCarol Shaw,carol\n';

describe('the lab server keeps each learner in their own account', () => {
  let lab: SpawnedLab;
  let ada: LabClients;
  let brian: LabClients;
  let carol: LabClients;
  let A: string;
  let B: string;
  const bucket = `ada-notes-${process.pid}`;
  const json = (value: unknown) => new TextEncoder().encode(JSON.stringify(value));
  const denied = (caller: string, action: string, resource: string) =>
    `User: arn:aws:iam::${caller}:root is not authorized to perform: ${action} on resource: ${resource} because no resource-based policy allows the ${action} action`;

  beforeAll(async () => {
    lab = await startLab(ROSTER, ['--inline']);
    ada = clientsFor(lab.url, lab.learner('ada'));
    brian = clientsFor(lab.url, lab.learner('brian'));
    carol = clientsFor(lab.url, lab.learner('carol'));
    A = lab.learner('ada').accountId;
    B = lab.learner('brian').accountId;
    for (const name of ['private', 'shared']) {
      await ada.lambda.send(new CreateFunctionCommand({ FunctionName: name, Runtime: 'nodejs22.x', Role: `arn:aws:iam::${A}:role/lambda-role`, Handler: 'index.handler', Code: { ZipFile: zipBytes(ECHO_CODE) } }));
    }
    await ada.lambda.send(new InvokeCommand({ FunctionName: 'private', Payload: json({ secret: 'ada' }) }));
  }, 120_000);

  afterAll(async () => {
    for (const c of [ada, brian, carol]) if (c) destroy(c);
    await lab?.stop();
  });

  it('another learner\'s function cannot be read, invoked, updated or deleted', async () => {
    const arn = `arn:aws:lambda:us-east-1:${A}:function:private`;
    expect(await failure(brian.lambda.send(new GetFunctionCommand({ FunctionName: arn })))).toMatchObject({ name: 'AccessDeniedException', status: 403, message: denied(B, 'lambda:GetFunction', arn) });
    expect(await failure(brian.lambda.send(new InvokeCommand({ FunctionName: arn, Payload: json({}) })))).toMatchObject({ name: 'AccessDeniedException', message: denied(B, 'lambda:InvokeFunction', arn) });
    expect(await failure(brian.lambda.send(new UpdateFunctionCodeCommand({ FunctionName: arn, ZipFile: zipBytes({ 'index.js': 'exports.handler = async () => "pwned"' }) })))).toMatchObject({
      name: 'AccessDeniedException',
      message: denied(B, 'lambda:UpdateFunctionCode', arn),
    });
    expect(await failure(brian.lambda.send(new UpdateFunctionConfigurationCommand({ FunctionName: `${A}:function:private`, Timeout: 3 })))).toMatchObject({ name: 'AccessDeniedException' });
    expect(await failure(brian.lambda.send(new DeleteFunctionCommand({ FunctionName: arn })))).toMatchObject({ name: 'AccessDeniedException', message: denied(B, 'lambda:DeleteFunction', arn) });
    // A function that does not exist is refused the same way: nothing tells Brian what Ada has.
    const missing = `arn:aws:lambda:us-east-1:${A}:function:nothing-here`;
    expect(await failure(brian.lambda.send(new GetFunctionCommand({ FunctionName: missing })))).toMatchObject({ name: 'AccessDeniedException', message: denied(B, 'lambda:GetFunction', missing) });
    expect((await brian.lambda.send(new ListFunctionsCommand({}))).Functions).toEqual([]);
    // Brian's own account has no function of that name either.
    expect(await failure(brian.lambda.send(new GetFunctionCommand({ FunctionName: 'private' })))).toMatchObject({ name: 'ResourceNotFoundException' });
    expect((await ada.lambda.send(new GetFunctionCommand({ FunctionName: 'private' }))).Configuration?.FunctionName).toBe('private');
  });

  it('a function\'s resource policy lets the account it names invoke it, and nothing more', async () => {
    const arn = `arn:aws:lambda:us-east-1:${A}:function:shared`;
    await ada.lambda.send(new AddPermissionCommand({ FunctionName: 'shared', StatementId: 'brian', Action: 'lambda:InvokeFunction', Principal: B }));
    const invoked = await brian.lambda.send(new InvokeCommand({ FunctionName: arn, Payload: json({ from: 'brian' }) }));
    expect(invoked.StatusCode).toBe(200);
    expect(JSON.parse(new TextDecoder().decode(invoked.Payload))).toMatchObject({ event: { from: 'brian' }, arn });
    expect(await failure(brian.lambda.send(new GetFunctionCommand({ FunctionName: arn })))).toMatchObject({ name: 'AccessDeniedException', message: denied(B, 'lambda:GetFunction', arn) });
    expect(await failure(brian.lambda.send(new DeleteFunctionCommand({ FunctionName: arn })))).toMatchObject({ name: 'AccessDeniedException' });
    const C = lab.learner('carol').accountId;
    expect(await failure(carol.lambda.send(new InvokeCommand({ FunctionName: arn, Payload: json({}) })))).toMatchObject({ name: 'AccessDeniedException', message: denied(C, 'lambda:InvokeFunction', arn) });
  });

  it('a layer version is read from another account only once its owner grants it', async () => {
    const published = await ada.lambda.send(new PublishLayerVersionCommand({ LayerName: 'tools', Content: { ZipFile: zipBytes({ 'nodejs/node_modules/tools/index.js': 'module.exports = 1;' }) } }));
    const arn = published.LayerVersionArn!;
    expect(await failure(brian.lambda.send(new GetLayerVersionByArnCommand({ Arn: arn })))).toMatchObject({ name: 'AccessDeniedException', message: denied(B, 'lambda:GetLayerVersion', arn) });
    await ada.lambda.send(new AddLayerVersionPermissionCommand({ LayerName: 'tools', VersionNumber: 1, StatementId: 'brian', Action: 'lambda:GetLayerVersion', Principal: B }));
    expect((await brian.lambda.send(new GetLayerVersionByArnCommand({ Arn: arn }))).LayerVersionArn).toBe(arn);
    expect((await brian.lambda.send(new GetLayerVersionCommand({ LayerName: published.LayerArn, VersionNumber: 1 }))).Version).toBe(1);
    expect(await failure(carol.lambda.send(new GetLayerVersionByArnCommand({ Arn: arn })))).toMatchObject({ name: 'AccessDeniedException' });

    // Brian's function runs with Ada's layer in its /opt; Carol's may not use it.
    const code = zipBytes({ 'index.js': "exports.handler = async () => ({ tools: require('tools') });" });
    await brian.lambda.send(new CreateFunctionCommand({ FunctionName: 'uses-tools', Runtime: 'nodejs22.x', Role: `arn:aws:iam::${B}:role/lambda-role`, Handler: 'index.handler', Layers: [arn], Code: { ZipFile: code } }));
    expect((await brian.lambda.send(new GetFunctionCommand({ FunctionName: 'uses-tools' }))).Configuration?.Layers).toEqual([{ Arn: arn, CodeSize: published.Content!.CodeSize }]);
    const ran = await brian.lambda.send(new InvokeCommand({ FunctionName: 'uses-tools' }));
    expect(JSON.parse(new TextDecoder().decode(ran.Payload))).toEqual({ tools: 1 });
    const C = lab.learner('carol').accountId;
    const refused = await failure(carol.lambda.send(new CreateFunctionCommand({ FunctionName: 'uses-tools', Runtime: 'nodejs22.x', Role: `arn:aws:iam::${C}:role/lambda-role`, Handler: 'index.handler', Layers: [arn], Code: { ZipFile: code } })));
    expect(refused).toMatchObject({ name: 'AccessDeniedException', status: 403, message: `User: arn:aws:iam::${C}:root is not authorized to perform: lambda:GetLayerVersion on resource: ${arn}` });
  });

  it('another learner\'s queue cannot be sent to or read, nor listed', async () => {
    const { QueueUrl } = await ada.sqs.send(new CreateQueueCommand({ QueueName: 'orders' }));
    expect(QueueUrl).toBe(`${lab.url}/${A}/orders`);
    for (const call of [() => brian.sqs.send(new SendMessageCommand({ QueueUrl, MessageBody: 'x' })), () => brian.sqs.send(new ReceiveMessageCommand({ QueueUrl }))]) {
      expect(await failure(call())).toMatchObject({ name: 'AccessDenied', status: 403, message: `Access to the resource ${QueueUrl} is denied.` });
    }
    expect((await brian.sqs.send(new ListQueuesCommand({}))).QueueUrls ?? []).toEqual([]);
  });

  it('a queue whose policy grants another learner\'s account SendMessage takes their messages, and nothing more', async () => {
    const { QueueUrl } = await ada.sqs.send(new CreateQueueCommand({ QueueName: 'inbox' }));
    const queueArn = `arn:aws:sqs:us-east-1:${A}:inbox`;
    await ada.sqs.send(new SetQueueAttributesCommand({
      QueueUrl,
      Attributes: { Policy: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${B}:root` }, Action: 'sqs:SendMessage', Resource: queueArn }] }) },
    }));
    const sent = await brian.sqs.send(new SendMessageCommand({ QueueUrl, MessageBody: 'from brian' }));
    expect(sent.MessageId).toMatch(/^[0-9a-f-]{36}$/);
    // Only the action granted, and only to the account named.
    expect(await failure(brian.sqs.send(new ReceiveMessageCommand({ QueueUrl })))).toMatchObject({ name: 'AccessDenied', status: 403, message: `Access to the resource ${QueueUrl} is denied.` });
    expect(await failure(carol.sqs.send(new SendMessageCommand({ QueueUrl, MessageBody: 'from carol' })))).toMatchObject({ name: 'AccessDenied', status: 403 });
    const received = await ada.sqs.send(new ReceiveMessageCommand({ QueueUrl, MaxNumberOfMessages: 10 }));
    expect((received.Messages ?? []).map((m) => m.Body)).toEqual(['from brian']);
  });

  it('a bucket policy granting another learner\'s account s3:GetObject lets them read its objects, and nothing more', async () => {
    const shared = `ada-shared-${process.pid}`;
    await ada.s3.send(new CreateBucketCommand({ Bucket: shared }));
    await ada.s3.send(new PutObjectCommand({ Bucket: shared, Key: 'notes/readme.txt', Body: 'for brian' }));
    await ada.s3.send(new PutBucketPolicyCommand({
      Bucket: shared,
      Policy: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${B}:root` }, Action: 's3:GetObject', Resource: `arn:aws:s3:::${shared}/*` }] }),
    }));
    expect(await (await brian.s3.send(new GetObjectCommand({ Bucket: shared, Key: 'notes/readme.txt' }))).Body!.transformToString()).toBe('for brian');
    for (const call of [
      () => brian.s3.send(new PutObjectCommand({ Bucket: shared, Key: 'notes/readme.txt', Body: 'changed' })),
      () => brian.s3.send(new ListObjectsV2Command({ Bucket: shared })),
      () => brian.s3.send(new GetBucketPolicyCommand({ Bucket: shared })),
      () => carol.s3.send(new GetObjectCommand({ Bucket: shared, Key: 'notes/readme.txt' })),
    ]) {
      expect(await failure(call())).toMatchObject({ name: 'AccessDenied', message: 'Access Denied', status: 403 });
    }
  });

  it('another learner\'s bucket answers AccessDenied, and its name is taken', async () => {
    await ada.s3.send(new CreateBucketCommand({ Bucket: bucket }));
    await ada.s3.send(new PutObjectCommand({ Bucket: bucket, Key: 'diary.txt', Body: 'dear diary' }));
    for (const call of [
      () => brian.s3.send(new GetObjectCommand({ Bucket: bucket, Key: 'diary.txt' })),
      () => brian.s3.send(new PutObjectCommand({ Bucket: bucket, Key: 'diary.txt', Body: 'overwritten' })),
      () => brian.s3.send(new ListObjectsV2Command({ Bucket: bucket })),
    ]) {
      expect(await failure(call())).toMatchObject({ name: 'AccessDenied', message: 'Access Denied', status: 403 });
    }
    expect(await failure(brian.s3.send(new CreateBucketCommand({ Bucket: bucket })))).toMatchObject({
      name: 'BucketAlreadyExists',
      status: 409,
      message: 'The requested bucket name is not available. The bucket namespace is shared by all users of the system. Please select a different name and try again.',
    });
    expect((await brian.s3.send(new ListBucketsCommand({}))).Buckets ?? []).toEqual([]);
    const body = await (await ada.s3.send(new GetObjectCommand({ Bucket: bucket, Key: 'diary.txt' }))).Body!.transformToString();
    expect(body).toBe('dear diary');
  });

  it('another learner\'s logs are not there to read', async () => {
    const groups = (await ada.logs.send(new DescribeLogGroupsCommand({}))).logGroups!.map((g) => g.logGroupName);
    expect(groups).toContain('/aws/lambda/private');
    // Brian's own function's logs only: his invocation of Ada's shared function logged in Ada's account, as on AWS.
    expect((await brian.logs.send(new DescribeLogGroupsCommand({}))).logGroups!.map((g) => g.logGroupName)).toEqual(['/aws/lambda/uses-tools']);
    expect(groups).toContain('/aws/lambda/shared');
    expect(await failure(brian.logs.send(new GetLogEventsCommand({ logGroupName: '/aws/lambda/private', logStreamName: 'x' })))).toMatchObject({ name: 'ResourceNotFoundException' });
  });

  it('the inspection, scheduler and lab routes answer the instructor only', async () => {
    const keys = lab.learner('ada');
    for (const [method, path] of [['GET', '/_emulator/state'], ['POST', '/_emulator/scheduler/drain'], ['GET', '/_emulator/sinks'], ['GET', '/_lab/accounts']] as const) {
      const res = await signedFetch(lab.url, keys, { method, path });
      expect(res.status).toBe(403);
      expect(res.headers.get('x-amzn-errortype')).toBe('AccessDeniedException');
      expect(await res.json()).toEqual({ Type: 'User', Message: `User: arn:aws:iam::${A}:root is not authorized to perform this operation.` });
    }
    const accounts = (await (await signedFetch(lab.url, lab.config.admin, { path: '/_lab/accounts' })).json()) as { Accounts: { Id: string; AccountId: string }[] };
    expect(accounts.Accounts.map((a) => [a.Id, a.AccountId])).toEqual([['ada', A], ['brian', B], ['carol', lab.learner('carol').accountId]]);
    const state = await signedFetch(lab.url, lab.config.admin, { path: '/_emulator/state', headers: { 'x-lab-account': A } });
    expect(state.status).toBe(200);
    expect(JSON.stringify(await state.json())).toContain('"private"');
  });

  it('names with ../, NUL bytes or absurd lengths are refused, and reach nothing outside the account', async () => {
    for (const name of ['../private', `..%2F${A}%2Fprivate`, 'a\u0000b', 'f'.repeat(5000)]) {
      const f = await failure(brian.lambda.send(new GetFunctionCommand({ FunctionName: name })));
      expect(f.status).toBe(400);
      expect(f.name).toBe('ValidationException');
    }
    expect(await failure(brian.sqs.send(new CreateQueueCommand({ QueueName: '../orders' })))).toMatchObject({ name: 'InvalidParameterValue', status: 400 });
    // The SDK itself refuses such bucket names, so they are sent by hand.
    for (const name of ['..%2Fx', 'a..b', '%00x', 'b'.repeat(300)]) {
      const res = await signedFetch(lab.url, lab.learner('brian'), { method: 'PUT', path: `/${name}`, service: 's3' });
      expect(res.status).toBe(400);
      expect(await res.text()).toContain('<Code>InvalidBucketName</Code>');
    }
    // An S3 key is any string: ../ in one is just part of its name, in Brian's own bucket.
    await brian.s3.send(new CreateBucketCommand({ Bucket: `brian-${process.pid}` }));
    await brian.s3.send(new PutObjectCommand({ Bucket: `brian-${process.pid}`, Key: `../${bucket}/diary.txt`, Body: 'not yours' }));
    const keys = (await brian.s3.send(new ListObjectsV2Command({ Bucket: `brian-${process.pid}` }))).Contents!.map((o) => o.Key);
    expect(keys).toEqual([`../${bucket}/diary.txt`]);
    expect(await (await ada.s3.send(new GetObjectCommand({ Bucket: bucket, Key: 'diary.txt' }))).Body!.transformToString()).toBe('dear diary');
  });

  it('a body over the size limit is refused before it is read', async () => {
    const answer = await new Promise<{ status: number; type: string | undefined; body: string }>((resolve, reject) => {
      const url = new URL(`${lab.url}/2015-03-31/functions`);
      const req = httpRequest({ host: url.hostname, port: url.port, method: 'POST', path: url.pathname, headers: { 'content-type': 'application/json', 'content-length': String(200 * 1024 * 1024) } }, (res) => {
        let body = '';
        res.on('data', (c: Buffer) => (body += c.toString()));
        res.on('end', () => resolve({ status: res.statusCode!, type: res.headers['x-amzn-errortype'] as string | undefined, body }));
      });
      req.on('error', reject);
      req.write('{"FunctionName":"');
    });
    expect(answer.status).toBe(413);
    expect(answer.type).toBe('RequestEntityTooLargeException');
    expect(JSON.parse(answer.body)).toEqual({ Type: 'User', message: 'Request must be smaller than 69905067 bytes for the CreateFunction operation' });
    // The payload limit of a single invocation still holds inside it.
    const big = await failure(ada.lambda.send(new InvokeCommand({ FunctionName: 'private', Payload: new Uint8Array(7 * 1024 * 1024).fill(32) })));
    expect(big).toMatchObject({ name: 'RequestEntityTooLargeException', status: 413 });
  });
});
