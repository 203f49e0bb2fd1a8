/**
 * Lambda and S3 together, through the SDK clients in-process: resource-based policies
 * (AddPermission, RemovePermission, GetPolicy) as recorded in test_lambda_api.snapshot.json, S3
 * notification configurations that S3 checks against those policies, the event records S3 sends,
 * and deployment packages Lambda reads from S3.
 */
import { readFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  AddPermissionCommand,
  CreateAliasCommand,
  CreateFunctionCommand,
  GetFunctionCommand,
  GetPolicyCommand,
  InvokeCommand,
  LambdaClient,
  PublishLayerVersionCommand,
  PublishVersionCommand,
  RemovePermissionCommand,
  UpdateFunctionCodeCommand,
  UpdateFunctionConfigurationCommand,
  type AddPermissionCommandInput,
} from '@aws-sdk/client-lambda';
import { FilterLogEventsCommand } from '@aws-sdk/client-cloudwatch-logs';
import {
  CopyObjectCommand,
  CreateBucketCommand,
  DeleteObjectCommand,
  GetBucketNotificationConfigurationCommand,
  PutBucketNotificationConfigurationCommand,
  PutObjectCommand,
  S3Client,
  type LambdaFunctionConfiguration,
} from '@aws-sdk/client-s3';
import { parseEmulatorState, sha256Base64, type LambdaService } from '../../src/emulator/index.ts';
import { ACCOUNT, REGION, ROLE, failure, makeService, quickJSEngine, zipBytes, type Setup } from './support/harness.ts';
import { S3_AUTHORIZATION } from './support/s3-api-suite.ts';

const RECORDINGS = new URL('../fixtures/aws-recordings/', import.meta.url).pathname;
const api = JSON.parse(readFileSync(`${RECORDINGS}/test_lambda_api.snapshot.json`, 'utf8')) as Record<string, { 'recorded-content': Record<string, unknown> }>;

function recorded(test: string, key: string): Record<string, unknown> {
  const content = Object.entries(api).find(([name]) => name.endsWith(`::${test}`))?.[1]['recorded-content'];
  if (!content || !(key in content)) throw new Error(`no recording ${test} / ${key}`);
  return content[key] as Record<string, unknown>;
}

/** A recorded value with our names in its placeholders: `<partition>` aws, `<region>`, and the names given. */
function fill(value: unknown, names: Record<string, string>): unknown {
  const text = JSON.stringify(value)
    .replaceAll('<partition>', 'aws')
    .replaceAll('<region>', REGION)
    .replace(/<[^<>"]+>/g, (p) => names[p] ?? p);
  return JSON.parse(text);
}

/** A failed call as these tests compare it: name, message and status. */
async function failed(p: Promise<unknown>): Promise<{ name: string; message: string; status: number | undefined }> {
  const { name, message, status } = await failure(p);
  return { name, message, status };
}

function expectRecordedError(actual: { name: string; message: string; status: number | undefined }, test: string, key: string, names: Record<string, string> = {}): void {
  const rec = fill(recorded(test, key), names) as { Error: { Code: string; Message: string }; ResponseMetadata: { HTTPStatusCode: number } };
  expect(actual).toEqual({ name: rec.Error.Code, message: rec.Error.Message, status: rec.ResponseMetadata.HTTPStatusCode });
}

const ARN = (name: string, q?: string) => `arn:aws:lambda:${REGION}:${ACCOUNT}:function:${name}${q ? `:${q}` : ''}`;
/** Logs the event it gets, alone on the line, so a test reads it back as JSON. */
const RECORDER = { 'index.js': 'exports.handler = async (event) => { console.log(JSON.stringify(event)); return "ok"; };' };

describe('Lambda and S3 together', () => {
  let setup: Setup;
  let service: LambdaService;
  let lambda: LambdaClient;
  let s3: S3Client;

  const create = (name: string, files: Record<string, string> = RECORDER) =>
    lambda.send(new CreateFunctionCommand({ FunctionName: name, Runtime: 'nodejs22.x', Role: ROLE, Handler: 'index.handler', Code: { ZipFile: zipBytes(files) } }));
  const allowS3 = (name: string, extra: Partial<AddPermissionCommandInput> = {}) =>
    lambda.send(new AddPermissionCommand({ FunctionName: name, StatementId: 's3', Action: 'lambda:InvokeFunction', Principal: 's3.amazonaws.com', ...extra }));
  /** The events the function logged, in order. */
  const eventsSeen = async (name: string): Promise<Record<string, unknown>[]> => {
    const out = await setup.logs.send(new FilterLogEventsCommand({ logGroupName: `/aws/lambda/${name}`, filterPattern: '"Records"' }));
    return (out.events ?? []).map((e) => JSON.parse(e.message!.split('\t')[3]!) as Record<string, unknown>);
  };
  const notifyTo = (configs: LambdaFunctionConfiguration[], bucket = 'uploads') =>
    s3.send(new PutBucketNotificationConfigurationCommand({ Bucket: bucket, NotificationConfiguration: { LambdaFunctionConfigurations: configs } }));

  beforeEach(async () => {
    setup = makeService(quickJSEngine());
    ({ service, lambda, s3 } = setup);
  });
  afterEach(() => setup.close());

  describe('resource-based policies', () => {
    it('AddPermission answers the statement as JSON text (201); GetPolicy the whole policy with a RevisionId', async () => {
      await create('fn');
      const added = await allowS3('fn', { SourceArn: 'arn:aws:s3:::test-bucket' });
      expect(added.$metadata.httpStatusCode).toBe(201);
      const names = { '<function-name:1>': 'fn', '<resource:3>': 'test-bucket' };
      expect(JSON.parse(added.Statement!)).toEqual(fill(recorded('test_add_lambda_permission_aws', 'add_permission')['Statement'], names));
      const policy = await lambda.send(new GetPolicyCommand({ FunctionName: 'fn' }));
      expect(JSON.parse(policy.Policy!)).toEqual(fill(recorded('test_add_lambda_permission_aws', 'get_policy')['Policy'], names));
      expect(JSON.stringify(JSON.parse(policy.Policy!))).toBe(policy.Policy);
      expect(policy.RevisionId).toMatch(/^[0-9a-f-]{36}$/);
    });

    it('writes each kind of principal and condition as Lambda records them', async () => {
      await create('fn');
      const rec = (key: string) => fill(recorded('test_add_lambda_permission_fields', key)['Statement'], { '<resource:1>': 'fn', '<resource:2>': 'root', '<user_arn>': `arn:aws:iam::${ACCOUNT}:user/ada`, '<resource:3>': 'test-bucket' });
      const statement = async (input: Partial<AddPermissionCommandInput>) => JSON.parse((await lambda.send(new AddPermissionCommand({ FunctionName: 'fn', Action: 'lambda:InvokeFunction', ...input } as AddPermissionCommandInput))).Statement!);
      expect(await statement({ StatementId: 'wilcard', Principal: '*', SourceAccount: ACCOUNT })).toEqual(rec('add_permission_principal_wildcard'));
      expect(await statement({ StatementId: 'account-id', Principal: ACCOUNT })).toEqual(rec('add_permission_principal_account'));
      expect(await statement({ StatementId: 'user-arn', Principal: `arn:aws:iam::${ACCOUNT}:user/ada`, SourceAccount: ACCOUNT })).toEqual(rec('add_permission_principal_arn'));
      expect(
        await statement({ StatementId: 'urlPermission', Action: 'lambda:InvokeFunctionUrl', Principal: '*', SourceArn: 'arn:aws:s3:::test-bucket', SourceAccount: ACCOUNT, PrincipalOrgID: 'o-1234567890', FunctionUrlAuthType: 'NONE' }),
      ).toEqual(rec('add_permission_optional_fields'));
    });

    it('refuses what Lambda refuses, with the recorded codes and messages', async () => {
      await create('fn');
      const t = 'test_permission_exceptions';
      const names = { '<function-name>': 'fn' };
      const add = (input: Partial<AddPermissionCommandInput>) =>
        failed(lambda.send(new AddPermissionCommand({ FunctionName: 'fn', Action: 'lambda:InvokeFunction', StatementId: 's3', Principal: 's3.amazonaws.com', ...input } as AddPermissionCommandInput)));
      const invalidSid = await add({ StatementId: 'example.com' });
      expect(invalidSid).toEqual({ name: 'ValidationException', message: (recorded(t, 'add_permission_invalid_statement_id')['Error'] as { Message: string }).Message, status: 400 });
      expectRecordedError(await add({ FunctionName: 'fn:alias-not-42', Qualifier: '42' }), t, 'add_permission_fn_qualifier_mismatch');
      expectRecordedError(await add({ FunctionName: 'fn:$LATEST', Qualifier: '$LATEST' }), t, 'add_permission_fn_qualifier_latest');
      expectRecordedError(await add({ StatementId: 'lambda', Principal: 'invalid.nonaws.com' }), t, 'add_permission_principal_invalid');
      expectRecordedError(await failed(lambda.send(new GetPolicyCommand({ FunctionName: 'doesnotexist' }))), t, 'get_policy_fn_doesnotexist');
      expectRecordedError(await failed(lambda.send(new GetPolicyCommand({ FunctionName: 'fn', Qualifier: '77' }))), t, 'get_policy_fn_version_doesnotexist');
      expectRecordedError(await add({ FunctionName: 'doesnotexist' }), t, 'add_permission_fn_doesnotexist');
      expectRecordedError(await failed(lambda.send(new RemovePermissionCommand({ FunctionName: 'fn', StatementId: 's3' }))), t, 'remove_permission_policy_doesnotexist');
      expectRecordedError(await add({ FunctionName: 'fn:alias-doesnotexist' }), t, 'add_permission_fn_alias_doesnotexist', names);
      expectRecordedError(await add({ Qualifier: '42' }), t, 'add_permission_fn_version_doesnotexist', names);
      const badQualifier = await add({ Qualifier: 'invalid-qualifier-with-?-char' });
      expect(badQualifier).toEqual({ name: 'ValidationException', message: (recorded(t, 'add_permission_fn_qualifier_invalid')['Error'] as { Message: string }).Message, status: 400 });
      expectRecordedError(await add({ Qualifier: 'valid-with-$-but-doesnotexist' }), t, 'add_permission_fn_qualifier_valid_doesnotexist', names);
      await allowS3('fn');
      expectRecordedError(await add({}), t, 'add_permission_conflicting_statement_id');
      expectRecordedError(await failed(lambda.send(new RemovePermissionCommand({ FunctionName: 'doesnotexist', StatementId: 's3' }))), t, 'remove_permission_fn_doesnotexist');
      expectRecordedError(await failed(lambda.send(new RemovePermissionCommand({ FunctionName: 'fn', StatementId: 's3', Qualifier: 'alias-doesnotexist' }))), t, 'remove_permission_fn_alias_doesnotexist', names);
    });

    it('removes statements one by one; the policy is gone with the last', async () => {
      await create('fn');
      await allowS3('fn');
      await lambda.send(new AddPermissionCommand({ FunctionName: 'fn', StatementId: 'sqs', Action: 'lambda:InvokeFunction', Principal: 'sqs.amazonaws.com', SourceArn: 'arn:aws:s3:::test-bucket' }));
      const t = 'test_remove_multi_permissions';
      const names = { '<resource:1>': 'fn', '<resource:2>': 'test-bucket' };
      const policy = async () => lambda.send(new GetPolicyCommand({ FunctionName: 'fn' }));
      expect(JSON.parse((await policy()).Policy!)).toEqual(fill(recorded(t, 'policy_after_2_add')['Policy'], names));
      expectRecordedError(await failed(lambda.send(new RemovePermissionCommand({ FunctionName: 'fn', StatementId: 'non-existent' }))), t, 'remove_permission_exception_nonexisting_sid');
      const removed = await lambda.send(new RemovePermissionCommand({ FunctionName: 'fn', StatementId: 'sqs' }));
      expect(removed.$metadata.httpStatusCode).toBe(204);
      const after = await policy();
      expect(JSON.parse(after.Policy!)).toEqual(fill(recorded(t, 'policy_after_removal')['Policy'], names));
      const stale = await failed(lambda.send(new RemovePermissionCommand({ FunctionName: 'fn', StatementId: 's3', RevisionId: 'wrong' })));
      expect(stale).toEqual({
        name: 'PreconditionFailedException',
        message: 'The Revision Id provided does not match the latest Revision Id. Call the GetPolicy API to retrieve the latest Revision Id',
        status: 412,
      });
      await lambda.send(new RemovePermissionCommand({ FunctionName: 'fn', StatementId: 's3', RevisionId: after.RevisionId! }));
      expectRecordedError(await failed(policy()), t, 'get_policy_exception_removed_all');
    });

    it('each version and alias has its own policy; publishing copies none; RevisionIds are the policy’s', async () => {
      await create('fn');
      const t = 'test_lambda_permission_fn_versioning';
      const names = { '<function-name:1>': 'fn', '<resource:1>': 'test-bucket' };
      await allowS3('fn', { SourceArn: 'arn:aws:s3:::test-bucket' });
      const base = await lambda.send(new GetPolicyCommand({ FunctionName: 'fn' }));
      await lambda.send(new PublishVersionCommand({ FunctionName: 'fn' }));
      const afterPublish = await lambda.send(new GetPolicyCommand({ FunctionName: 'fn' }));
      expect(afterPublish.RevisionId).toBe(base.RevisionId);
      expectRecordedError(await failed(lambda.send(new GetPolicyCommand({ FunctionName: 'fn', Qualifier: '1' }))), t, 'get_policy_after_publishing_new_version');
      await allowS3('fn:1', { Qualifier: '1', SourceArn: 'arn:aws:s3:::test-bucket' });
      expect(JSON.parse((await lambda.send(new GetPolicyCommand({ FunctionName: 'fn', Qualifier: '1' }))).Policy!)).toEqual(fill(recorded(t, 'get_policy_version')['Policy'], names));
      const alias = await lambda.send(new CreateAliasCommand({ FunctionName: 'fn', Name: 'permission-alias', FunctionVersion: '1' }));
      expectRecordedError(await failed(allowS3('fn', { Qualifier: 'permission-alias', SourceArn: 'arn:aws:s3:::test-bucket', RevisionId: 'wrong' })), t, 'add_permission_alias_revision_exception');
      await allowS3('fn:permission-alias', { Qualifier: 'permission-alias', SourceArn: 'arn:aws:s3:::test-bucket', RevisionId: alias.RevisionId! });
      expect(JSON.parse((await lambda.send(new GetPolicyCommand({ FunctionName: 'fn', Qualifier: 'permission-alias' }))).Policy!)).toEqual(fill(recorded(t, 'get_policy_alias')['Policy'], names));
      await allowS3('fn', { StatementId: 's3_2', SourceArn: 'arn:aws:s3:::test-bucket', RevisionId: base.RevisionId! });
      expect(JSON.parse((await lambda.send(new GetPolicyCommand({ FunctionName: 'fn' }))).Policy!)).toEqual(fill(recorded(t, 'get_policy_after_adding_2')['Policy'], names));
    });

    it('policies are saved with the function and restored', async () => {
      await create('fn');
      await allowS3('fn', { SourceAccount: ACCOUNT });
      const before = await lambda.send(new GetPolicyCommand({ FunctionName: 'fn' }));
      const parsed = parseEmulatorState(JSON.parse(JSON.stringify(service.snapshot())));
      if (!parsed.ok) throw new Error(parsed.message);
      const restored = makeService(quickJSEngine(), { state: parsed.state });
      const after = await restored.lambda.send(new GetPolicyCommand({ FunctionName: 'fn' }));
      expect([after.Policy, after.RevisionId]).toEqual([before.Policy, before.RevisionId]);
      restored.close();
    });
  });

  describe('S3 event notifications to Lambda', () => {
    beforeEach(async () => {
      await s3.send(new CreateBucketCommand({ Bucket: 'uploads' }));
      await create('on-upload');
    });

    it('are refused while the function’s policy does not let S3 invoke it for this bucket', async () => {
      const refused = async () => {
        const res = await setup.route({
          method: 'PUT',
          path: '/uploads',
          query: { notification: '' },
          headers: { authorization: S3_AUTHORIZATION },
          body: new TextEncoder().encode(`<NotificationConfiguration><CloudFunctionConfiguration><CloudFunction>${ARN('on-upload')}</CloudFunction><Event>s3:ObjectCreated:*</Event></CloudFunctionConfiguration></NotificationConfiguration>`),
        });
        return { status: res.status, body: new TextDecoder().decode(res.body) };
      };
      const expected = (elements: string) => expect.stringMatching(new RegExp(`^<\\?xml version="1.0" encoding="UTF-8"\\?>\\n<Error>${elements}<RequestId>[0-9A-F]{16}</RequestId><HostId>[^<]+</HostId></Error>$`));
      const denied = `<Code>InvalidArgument</Code><Message>Unable to validate the following destination configurations</Message><ArgumentName1>${ARN('on-upload')}, null</ArgumentName1><ArgumentValue1>Not authorized to invoke function \\[${ARN('on-upload')}\\]</ArgumentValue1>`;
      expect(await refused()).toEqual({ status: 400, body: expected(denied) });
      await allowS3('on-upload', { SourceArn: 'arn:aws:s3:::another-bucket' });
      expect(await refused()).toEqual({ status: 400, body: expected(denied) });
      await allowS3('on-upload', { StatementId: 'other-account', SourceArn: 'arn:aws:s3:::uploads', SourceAccount: '222222222222' });
      expect(await refused()).toEqual({ status: 400, body: expected(denied) });
      const unknown = { name: 'InvalidArgument', message: 'Unable to validate the following destination configurations', status: 400 };
      expect(await failed(notifyTo([{ LambdaFunctionArn: ARN('nope'), Events: ['s3:ObjectCreated:*'] }]))).toEqual(unknown);
      await allowS3('on-upload', { StatementId: 'any-source' });
      expect(await failed(notifyTo([{ LambdaFunctionArn: ARN('on-upload').replace(ACCOUNT, '222222222222'), Events: ['s3:ObjectCreated:*'] }]))).toEqual(unknown);
      await lambda.send(new RemovePermissionCommand({ FunctionName: 'on-upload', StatementId: 'any-source' }));
      const unparsable = await failed(notifyTo([{ LambdaFunctionArn: 'invalid-queue', Events: ['s3:ObjectCreated:*'] }]));
      expect(unparsable).toEqual({ name: 'InvalidArgument', message: 'The ARN could not be parsed', status: 400 });
      const skipped = await s3.send(
        new PutBucketNotificationConfigurationCommand({
          Bucket: 'uploads',
          SkipDestinationValidation: true,
          NotificationConfiguration: { LambdaFunctionConfigurations: [{ Id: 'id123', LambdaFunctionArn: ARN('my-lambda'), Events: ['s3:ObjectCreated:*'] }] },
        }),
      );
      expect(skipped.$metadata.httpStatusCode).toBe(200);
      const got = await s3.send(new GetBucketNotificationConfigurationCommand({ Bucket: 'uploads' }));
      expect(got.LambdaFunctionConfigurations).toEqual([{ Id: 'id123', LambdaFunctionArn: ARN('my-lambda'), Events: ['s3:ObjectCreated:*'] }]);
    });

    it('once allowed, each matching upload invokes the function asynchronously with S3’s event record', async () => {
      await allowS3('on-upload', { SourceArn: 'arn:aws:s3:::uploads', SourceAccount: ACCOUNT });
      await notifyTo([{ Id: 'new-photos', LambdaFunctionArn: ARN('on-upload'), Events: ['s3:ObjectCreated:*'], Filter: { Key: { FilterRules: [{ Name: 'prefix', Value: 'photos/' }, { Name: 'suffix', Value: '.jpg' }] } } }]);
      const config = await s3.send(new GetBucketNotificationConfigurationCommand({ Bucket: 'uploads' }));
      expect(config.LambdaFunctionConfigurations).toEqual([
        { Id: 'new-photos', LambdaFunctionArn: ARN('on-upload'), Events: ['s3:ObjectCreated:*'], Filter: { Key: { FilterRules: [{ Name: 'Prefix', Value: 'photos/' }, { Name: 'Suffix', Value: '.jpg' }] } } },
      ]);
      const put = await s3.send(new PutObjectCommand({ Bucket: 'uploads', Key: 'photos/red flower.jpg', Body: 'hello world' }));
      await s3.send(new PutObjectCommand({ Bucket: 'uploads', Key: 'photos/notes.txt', Body: 'skipped: suffix' }));
      await s3.send(new PutObjectCommand({ Bucket: 'uploads', Key: 'other/x.jpg', Body: 'skipped: prefix' }));
      expect(service.queue.pending).toHaveLength(1);
      await service.scheduler.drain();
      const [event] = await eventsSeen('on-upload');
      const record = (event!['Records'] as Record<string, unknown>[])[0]!;
      expect(record).toEqual({
        eventVersion: '2.1',
        eventSource: 'aws:s3',
        awsRegion: REGION,
        eventTime: '2026-01-01T00:00:00.000Z',
        eventName: 'ObjectCreated:Put',
        userIdentity: { principalId: expect.stringMatching(/^A[0-9A-Z]+$/) },
        requestParameters: { sourceIPAddress: '127.0.0.1' },
        responseElements: { 'x-amz-request-id': expect.stringMatching(/^[0-9A-F]{16}$/), 'x-amz-id-2': expect.any(String) },
        s3: {
          s3SchemaVersion: '1.0',
          configurationId: 'new-photos',
          bucket: { name: 'uploads', ownerIdentity: { principalId: expect.stringMatching(/^A[0-9A-Z]+$/) }, arn: 'arn:aws:s3:::uploads' },
          object: { key: 'photos/red+flower.jpg', size: 11, eTag: put.ETag!.replaceAll('"', ''), sequencer: expect.stringMatching(/^[0-9A-F]{18}$/) },
        },
      });
      expect(Object.keys(record)).toEqual(['eventVersion', 'eventSource', 'awsRegion', 'eventTime', 'eventName', 'userIdentity', 'requestParameters', 'responseElements', 's3']);
    });

    it('sends Copy and Delete events to configurations that ask for them, with growing sequencers', async () => {
      await allowS3('on-upload');
      await notifyTo([
        { Id: 'created', LambdaFunctionArn: ARN('on-upload'), Events: ['s3:ObjectCreated:Copy'] },
        { Id: 'removed', LambdaFunctionArn: ARN('on-upload'), Events: ['s3:ObjectRemoved:*'] },
      ]);
      await s3.send(new PutObjectCommand({ Bucket: 'uploads', Key: 'a', Body: 'x' }));
      await s3.send(new CopyObjectCommand({ Bucket: 'uploads', Key: 'b', CopySource: 'uploads/a' }));
      await s3.send(new DeleteObjectCommand({ Bucket: 'uploads', Key: 'a' }));
      await s3.send(new DeleteObjectCommand({ Bucket: 'uploads', Key: 'never-there' }));
      await service.scheduler.drain();
      const records = (await eventsSeen('on-upload')).map((e) => (e['Records'] as { eventName: string; s3: { configurationId: string; object: Record<string, unknown> } }[])[0]!);
      expect(records.map((r) => [r.eventName, r.s3.configurationId, Object.keys(r.s3.object)])).toEqual([
        ['ObjectCreated:Copy', 'created', ['key', 'size', 'eTag', 'sequencer']],
        ['ObjectRemoved:Delete', 'removed', ['key', 'sequencer']],
      ]);
      expect(String(records[0]!.s3.object['sequencer']) < String(records[1]!.s3.object['sequencer'])).toBe(true);
    });

    it('deliveries stop when the permission is removed, as Lambda refuses S3’s call', async () => {
      await allowS3('on-upload');
      await notifyTo([{ LambdaFunctionArn: ARN('on-upload'), Events: ['s3:ObjectCreated:Put'] }]);
      const config = await s3.send(new GetBucketNotificationConfigurationCommand({ Bucket: 'uploads' }));
      expect(atob(config.LambdaFunctionConfigurations![0]!.Id!)).toMatch(/^[0-9a-f-]{36}$/);
      await lambda.send(new RemovePermissionCommand({ FunctionName: 'on-upload', StatementId: 's3' }));
      await s3.send(new PutObjectCommand({ Bucket: 'uploads', Key: 'k', Body: 'x' }));
      expect(service.queue.pending).toHaveLength(0);
    });
  });

  describe('deployment packages read from S3', () => {
    const code = zipBytes({ 'index.js': 'exports.handler = async () => "from s3";' });
    beforeEach(async () => {
      await s3.send(new CreateBucketCommand({ Bucket: 'artifacts' }));
      await s3.send(new PutObjectCommand({ Bucket: 'artifacts', Key: 'code/code-function.zip', Body: code }));
    });

    it('CreateFunction and UpdateFunctionCode take S3Bucket and S3Key', async () => {
      const created = await lambda.send(new CreateFunctionCommand({ FunctionName: 'from-s3', Runtime: 'nodejs22.x', Role: ROLE, Handler: 'index.handler', Code: { S3Bucket: 'artifacts', S3Key: 'code/code-function.zip' } }));
      expect([created.CodeSha256, created.CodeSize]).toEqual([await sha256Base64(code), code.byteLength]);
      const out = await lambda.send(new InvokeCommand({ FunctionName: 'from-s3' }));
      expect(new TextDecoder().decode(out.Payload)).toBe('"from s3"');
      const next = zipBytes({ 'index.js': 'exports.handler = async () => "v2";' });
      await s3.send(new PutObjectCommand({ Bucket: 'artifacts', Key: 'v2.zip', Body: next }));
      const updated = await lambda.send(new UpdateFunctionCodeCommand({ FunctionName: 'from-s3', S3Bucket: 'artifacts', S3Key: 'v2.zip', S3ObjectVersion: 'null' }));
      expect(updated.CodeSha256).toBe(await sha256Base64(next));
      expect((await lambda.send(new GetFunctionCommand({ FunctionName: 'from-s3' }))).Configuration?.CodeSha256).toBe(await sha256Base64(next));
    });

    it('reports a missing bucket or key as Lambda does', async () => {
      const t = 'test_lambda_code_location_s3_errors';
      const createFrom = (S3Bucket: string, S3Key: string) =>
        failed(lambda.send(new CreateFunctionCommand({ FunctionName: 'code-function', Runtime: 'nodejs22.x', Role: ROLE, Handler: 'index.handler', Code: { S3Bucket, S3Key } })));
      expectRecordedError(await createFrom('some-random-non-existent-bucket-1234', 'code/code-function.zip'), t, 'create-error-wrong-bucket');
      expectRecordedError(await createFrom('artifacts', 'non/existent.zip'), t, 'create-error-wrong-key');
      await create('code-function');
      const updateFrom = (S3Bucket: string, S3Key: string) => failed(lambda.send(new UpdateFunctionCodeCommand({ FunctionName: 'code-function', S3Bucket, S3Key })));
      expectRecordedError(await updateFrom('some-random-non-existent-bucket-1234', 'code/code-function.zip'), t, 'update-error-wrong-bucket');
      expectRecordedError(await updateFrom('artifacts', 'non/existent.zip'), t, 'update-error-wrong-key');
    });

    it('PublishLayerVersion takes Content.S3Bucket and S3Key', async () => {
      const layerZip = zipBytes({ 'nodejs/node_modules/greet/index.js': 'module.exports = (n) => "Hello, " + n;' });
      await s3.send(new PutObjectCommand({ Bucket: 'artifacts', Key: 'layer.zip', Body: layerZip }));
      const layer = await lambda.send(new PublishLayerVersionCommand({ LayerName: 'greet', Content: { S3Bucket: 'artifacts', S3Key: 'layer.zip' } }));
      expect([layer.Version, layer.Content?.CodeSha256]).toEqual([1, await sha256Base64(layerZip)]);
      await create('greeter', { 'index.js': 'exports.handler = async () => require("greet")("S3");' });
      await lambda.send(new UpdateFunctionConfigurationCommand({ FunctionName: 'greeter', Layers: [layer.LayerVersionArn!] }));
      expect(new TextDecoder().decode((await lambda.send(new InvokeCommand({ FunctionName: 'greeter' }))).Payload)).toBe('"Hello, S3"');
      const missing = await failed(lambda.send(new PublishLayerVersionCommand({ LayerName: 'greet', Content: { S3Bucket: 'artifacts', S3Key: 'none.zip' } })));
      expect(missing).toEqual({ name: 'InvalidParameterValueException', message: 'Error occurred while GetObject. S3 Error Code: NoSuchKey. S3 Error Message: The specified key does not exist.', status: 400 });
    });
  });
});
