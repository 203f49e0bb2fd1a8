/**
 * The IAM and STS specification, run through the real `IAMClient` and `STSClient` (query
 * protocol, XML). Each transport (in-process request handler, HTTP server on 127.0.0.1) runs the
 * same suite; shapes, codes, statuses and messages are those of iam_test_iam.snapshot.json.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  AttachRolePolicyCommand,
  CreatePolicyCommand,
  CreateRoleCommand,
  DeletePolicyCommand,
  DeleteRoleCommand,
  DeleteRolePolicyCommand,
  DetachRolePolicyCommand,
  GetPolicyCommand,
  GetPolicyVersionCommand,
  GetRoleCommand,
  GetRolePolicyCommand,
  ListAttachedRolePoliciesCommand,
  ListRolePoliciesCommand,
  ListRolesCommand,
  PutRolePolicyCommand,
  UpdateAssumeRolePolicyCommand,
  type IAMClient,
} from '@aws-sdk/client-iam';
import { GetCallerIdentityCommand, type STSClient } from '@aws-sdk/client-sts';
import type { LambdaService } from '../../../src/emulator/index.ts';
import { ACCOUNT, makeService } from './harness.ts';
import { failure, type Failure } from './failure.ts';
import { pattern, recordingsOf } from './recordings.ts';
import { createVmEnvironmentFactory } from './vm-engine.ts';

export interface IamConnection {
  iam: IAMClient;
  sts: STSClient;
  close(): Promise<void>;
}

const recorded = recordingsOf('iam_test_iam.snapshot.json', 'tests/aws/services/iam/test_iam.py::');

/** A recorded boto3 error: the code (the SDK's `Code`... or its name without `Exception`), status and message. */
function expectRecordedError(actual: Failure, test: string, key: string): void {
  const rec = recorded(test, key) as { Error: { Code: string; Message: string }; ResponseMetadata: { HTTPStatusCode: number } };
  expect({ name: actual.name.replace(/Exception$/, ''), status: actual.status }).toEqual({ name: rec.Error.Code.replace(/Exception$/, ''), status: rec.ResponseMetadata.HTTPStatusCode });
  expect(actual.message).toMatch(pattern(rec.Error.Message));
}

/**
 * The SDK's output in boto3's terms, as recorded: documents decoded from IAM's URL-encoding
 * (boto3 decodes them; the SDK for JavaScript hands them on as they came), dates as `<datetime>`.
 */
function asRecorded(value: unknown, key = ''): unknown {
  if (value instanceof Date) return '<datetime>';
  if (typeof value === 'string' && /Document$/.test(key)) return JSON.parse(decodeURIComponent(value));
  if (Array.isArray(value)) return value.map((v) => asRecorded(v));
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).filter(([k]) => k !== '$metadata').map(([k, v]) => [k, asRecorded(v, k)]));
  }
  return value;
}

/** A recorded value with its placeholders as matchers. */
function matcher(value: unknown): unknown {
  if (value === '<datetime>') return '<datetime>';
  if (typeof value === 'string' && /<[^<>]+>/.test(value)) return expect.stringMatching(pattern(value));
  if (Array.isArray(value)) return value.map(matcher);
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).filter(([k]) => k !== 'ResponseMetadata').map(([k, v]) => [k, matcher(v)]));
  return value;
}

const expectRecorded = (actual: unknown, test: string, key: string) => expect(asRecorded(actual)).toEqual(matcher(recorded(test, key)));

const trust = (service: string, action: string | string[] = 'sts:AssumeRole', principal: string | string[] = service) =>
  JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: principal }, Action: action }] });

export function iamApiSuite(transport: string, connect: (service: LambdaService) => Promise<IamConnection>): void {
  describe(`IAM and STS through the SDK (${transport})`, () => {
    let service: LambdaService;
    let iam: IAMClient;
    let sts: STSClient;
    let close: () => Promise<void>;

    beforeEach(async () => {
      ({ service } = makeService(createVmEnvironmentFactory()));
      ({ iam, sts, close } = await connect(service));
    });

    afterEach(async () => {
      await close();
      service.shutdown();
    });

    it('every account starts with lambda-role: it trusts Lambda and has AWSLambdaBasicExecutionRole attached', async () => {
      const { Role } = await iam.send(new GetRoleCommand({ RoleName: 'lambda-role' }));
      expect(Role!.Arn).toBe(`arn:aws:iam::${ACCOUNT}:role/lambda-role`);
      expect(JSON.parse(decodeURIComponent(Role!.AssumeRolePolicyDocument!))).toEqual({
        Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' }],
      });
      const attached = await iam.send(new ListAttachedRolePoliciesCommand({ RoleName: 'lambda-role' }));
      expect(attached.AttachedPolicies).toEqual([{ PolicyName: 'AWSLambdaBasicExecutionRole', PolicyArn: 'arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole' }]);
    });

    it('CreateRole, GetRole and ListRoles answer as recorded (test_create_describe_role)', async () => {
      const doc = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' }, Action: 'sts:AssumeRole' }] });
      const created = await iam.send(new CreateRoleCommand({ RoleName: 'role-1', Path: '/test-path/', AssumeRolePolicyDocument: doc }));
      expectRecorded(created, 'TestIAMIntegrations::test_create_describe_role', 'create_role_result');
      expectRecorded(await iam.send(new GetRoleCommand({ RoleName: 'role-1' })), 'TestIAMIntegrations::test_create_describe_role', 'get_role_result');
      expectRecorded(await iam.send(new ListRolesCommand({ PathPrefix: '/test-path/' })), 'TestIAMIntegrations::test_create_describe_role', 'list_roles_result');
    });

    it('tags come back from CreateRole and GetRole, not from ListRoles (test_role_with_tags)', async () => {
      const doc = trust('ec2.amazonaws.com');
      const created = await iam.send(new CreateRoleCommand({ RoleName: 'tagged', Path: '/role-with-tags/', AssumeRolePolicyDocument: doc, Tags: [{ Key: 'test', Value: 'value' }] }));
      expectRecorded(created, 'TestRoles::test_role_with_tags', 'create-role-response');
      expectRecorded(await iam.send(new GetRoleCommand({ RoleName: 'tagged' })), 'TestRoles::test_role_with_tags', 'get-role-response');
      expectRecorded(await iam.send(new ListRolesCommand({ PathPrefix: '/role-with-tags/' })), 'TestRoles::test_role_with_tags', 'list-role-response');
    });

    it('documents go out URL-encoded, so an encoded value inside one survives (test_put_role_policy_encoding)', async () => {
      const sourceArn = 'arn%3Aaws%3Aapigateway%3Aus-east-1%3A%3A%2Frestapis%2Faaeeieije';
      const doc = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole', Condition: { StringEquals: { 'aws:SourceArn': sourceArn } } }] });
      const created = await iam.send(new CreateRoleCommand({ RoleName: 'encoded', Path: '/p/', AssumeRolePolicyDocument: doc }));
      expectRecorded(created, 'TestIAMPolicyEncoding::test_put_role_policy_encoding', 'create-role-response');
      const policy = JSON.stringify({ Version: '2012-10-17', Statement: [{ Action: ['apigatway:PUT'], Effect: 'Allow', Resource: [`arn:aws:apigateway:us-east-1::/tags/${sourceArn}`] }] });
      await iam.send(new PutRolePolicyCommand({ RoleName: 'encoded', PolicyName: 'put-tags', PolicyDocument: policy }));
      expectRecorded(await iam.send(new GetRolePolicyCommand({ RoleName: 'encoded', PolicyName: 'put-tags' })), 'TestIAMPolicyEncoding::test_put_role_policy_encoding', 'get-policy-response');
    });

    it('UpdateAssumeRolePolicy replaces the trust policy (test_update_assume_role_policy)', async () => {
      const created = await iam.send(new CreateRoleCommand({ RoleName: 'r', AssumeRolePolicyDocument: trust('ec2.amazonaws.com', ['sts:AssumeRole'], ['ec2.amazonaws.com']) }));
      expectRecorded(created, 'TestIAMIntegrations::test_update_assume_role_policy', 'created_role');
      await iam.send(new UpdateAssumeRolePolicyCommand({ RoleName: 'r', PolicyDocument: trust('lambda.amazonaws.com') }));
      const { Role } = await iam.send(new GetRoleCommand({ RoleName: 'r' }));
      expect(JSON.parse(decodeURIComponent(Role!.AssumeRolePolicyDocument!)).Statement[0].Principal).toEqual({ Service: 'lambda.amazonaws.com' });
    });

    it('a trust policy that is not JSON is MalformedPolicyDocument (test_create_role_with_malformed_assume_role_policy_document)', async () => {
      expectRecordedError(await failure(iam.send(new CreateRoleCommand({ RoleName: 'bad', AssumeRolePolicyDocument: '{"Version": "2012-10-17", "Statement": [' }))),
        'TestIAMExtensions::test_create_role_with_malformed_assume_role_policy_document', 'invalid-json');
    });

    it('AttachRolePolicy: a malformed ARN, a name instead of an ARN, an unknown policy, then a real one (test_role_attach_policy)', async () => {
      const test = 'TestIAMIntegrations::test_role_attach_policy';
      await iam.send(new CreateRoleCommand({ RoleName: 'attach', AssumeRolePolicyDocument: trust('lambda.amazonaws.com') }));
      const doc = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:ListBucket', Resource: '*' }] });
      const created = await iam.send(new CreatePolicyCommand({ PolicyName: 'p1', PolicyDocument: doc }));
      expectRecorded(created, test, 'create_policy_response');
      expectRecordedError(await failure(iam.send(new AttachRolePolicyCommand({ RoleName: 'attach', PolicyArn: 'longpolicynamebutnoarn' }))), test, 'non_existent_malformed_policy_arn');
      expectRecordedError(await failure(iam.send(new AttachRolePolicyCommand({ RoleName: 'attach', PolicyArn: 'p1' }))), test, 'existing_policy_name_provided');
      expectRecordedError(await failure(iam.send(new AttachRolePolicyCommand({ RoleName: 'attach', PolicyArn: `${created.Policy!.Arn}123` }))), test, 'valid_arn_not_existent');
      await iam.send(new AttachRolePolicyCommand({ RoleName: 'attach', PolicyArn: created.Policy!.Arn }));
      expect((await iam.send(new GetPolicyCommand({ PolicyArn: created.Policy!.Arn }))).Policy!.AttachmentCount).toBe(1);
      expect(await failure(iam.send(new DeletePolicyCommand({ PolicyArn: created.Policy!.Arn })))).toMatchObject({ name: 'DeleteConflictException', status: 409, message: 'Cannot delete a policy attached to entities.' });
      expect(await failure(iam.send(new DeleteRoleCommand({ RoleName: 'attach' })))).toMatchObject({ name: 'DeleteConflictException', status: 409, message: 'Cannot delete entity, must detach all policies first.' });
      await iam.send(new DetachRolePolicyCommand({ RoleName: 'attach', PolicyArn: created.Policy!.Arn }));
      expect(await failure(iam.send(new DetachRolePolicyCommand({ RoleName: 'attach', PolicyArn: created.Policy!.Arn })))).toMatchObject({ name: 'NoSuchEntityException', status: 404, message: `Policy ${created.Policy!.Arn} was not found.` });
      await iam.send(new DeletePolicyCommand({ PolicyArn: created.Policy!.Arn }));
      await iam.send(new DeleteRoleCommand({ RoleName: 'attach' }));
    });

    it('DeletePolicy of a policy that does not exist is NoSuchEntity (test_delete_non_existent_policy_returns_no_such_entity)', async () => {
      expectRecordedError(await failure(iam.send(new DeletePolicyCommand({ PolicyArn: `arn:aws:iam::${ACCOUNT}:policy/non-existent-policy` }))),
        'TestIAMIntegrations::test_delete_non_existent_policy_returns_no_such_entity', 'delete-non-existent-policy-exc');
    });

    it('a role that does not exist, a role that exists already, and a role with inline policies left', async () => {
      expect(await failure(iam.send(new GetRoleCommand({ RoleName: 'nope' })))).toEqual({ name: 'NoSuchEntityException', code: 'NoSuchEntity', status: 404, message: 'The role with name nope cannot be found.' });
      expect(await failure(iam.send(new CreateRoleCommand({ RoleName: 'lambda-role', AssumeRolePolicyDocument: trust('lambda.amazonaws.com') })))).toMatchObject({ name: 'EntityAlreadyExistsException', status: 409, message: 'Role with name lambda-role already exists.' });
      await iam.send(new CreateRoleCommand({ RoleName: 'inline', AssumeRolePolicyDocument: trust('lambda.amazonaws.com') }));
      await iam.send(new PutRolePolicyCommand({ RoleName: 'inline', PolicyName: 'invoke', PolicyDocument: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'lambda:InvokeFunction', Resource: '*' }] }) }));
      expect((await iam.send(new ListRolePoliciesCommand({ RoleName: 'inline' }))).PolicyNames).toEqual(['invoke']);
      expect(await failure(iam.send(new DeleteRoleCommand({ RoleName: 'inline' })))).toMatchObject({ name: 'DeleteConflictException', status: 409, message: 'Cannot delete entity, must delete policies first.' });
      expect(await failure(iam.send(new GetRolePolicyCommand({ RoleName: 'inline', PolicyName: 'other' })))).toMatchObject({ name: 'NoSuchEntityException', status: 404, message: 'The role policy with name other cannot be found.' });
      await iam.send(new DeleteRolePolicyCommand({ RoleName: 'inline', PolicyName: 'invoke' }));
      expect((await iam.send(new ListRolePoliciesCommand({ RoleName: 'inline' }))).PolicyNames).toEqual([]);
      await iam.send(new DeleteRoleCommand({ RoleName: 'inline' }));
    });

    it('an identity policy that names a principal, or has no resource, is MalformedPolicyDocument', async () => {
      const withPrincipal = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: '*', Action: 's3:*', Resource: '*' }] });
      expect(await failure(iam.send(new PutRolePolicyCommand({ RoleName: 'lambda-role', PolicyName: 'x', PolicyDocument: withPrincipal })))).toMatchObject({ name: 'MalformedPolicyDocumentException', status: 400, message: 'Policy document should not specify a principal.' });
      const noResource = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:*' }] });
      expect(await failure(iam.send(new CreatePolicyCommand({ PolicyName: 'x', PolicyDocument: noResource })))).toMatchObject({ name: 'MalformedPolicyDocumentException', status: 400, message: 'Policy statement must contain resources.' });
    });

    it('the AWS managed policies are there with their real documents', async () => {
      const arn = 'arn:aws:iam::aws:policy/service-role/AWSLambdaSQSQueueExecutionRole';
      const { Policy } = await iam.send(new GetPolicyCommand({ PolicyArn: arn }));
      expect(Policy).toMatchObject({ PolicyName: 'AWSLambdaSQSQueueExecutionRole', Path: '/service-role/', DefaultVersionId: 'v1', IsAttachable: true });
      const { PolicyVersion } = await iam.send(new GetPolicyVersionCommand({ PolicyArn: arn, VersionId: 'v1' }));
      expect(JSON.parse(decodeURIComponent(PolicyVersion!.Document!))).toEqual({
        Version: '2012-10-17',
        Statement: [{ Effect: 'Allow', Action: ['sqs:ReceiveMessage', 'sqs:DeleteMessage', 'sqs:GetQueueAttributes', 'logs:CreateLogGroup', 'logs:CreateLogStream', 'logs:PutLogEvents'], Resource: '*' }],
      });
      expect(PolicyVersion!.IsDefaultVersion).toBe(true);
      for (const name of ['AWSLambdaRole', 'AWSLambda_FullAccess', 'AWSLambda_ReadOnlyAccess', 'AmazonS3ReadOnlyAccess', 'AmazonS3FullAccess', 'AmazonSQSFullAccess', 'AmazonSNSFullAccess', 'CloudWatchLogsFullAccess']) {
        const path = name === 'AWSLambdaRole' ? '/service-role/' : '/';
        expect((await iam.send(new GetPolicyCommand({ PolicyArn: `arn:aws:iam::aws:policy${path}${name}` }))).Policy!.PolicyName).toBe(name);
      }
      expect(await failure(iam.send(new GetPolicyVersionCommand({ PolicyArn: arn, VersionId: 'v9' })))).toMatchObject({ name: 'NoSuchEntityException', status: 404, message: `Policy ${arn} version v9 does not exist or is not attachable.` });
    });

    it('STS GetCallerIdentity: callers of the emulator act as the account root', async () => {
      const identity = await sts.send(new GetCallerIdentityCommand({}));
      expect({ UserId: identity.UserId, Account: identity.Account, Arn: identity.Arn }).toEqual({ UserId: ACCOUNT, Account: ACCOUNT, Arn: `arn:aws:iam::${ACCOUNT}:root` });
    });

    it('roles survive a snapshot and restore', async () => {
      await iam.send(new CreateRoleCommand({ RoleName: 'kept', AssumeRolePolicyDocument: trust('lambda.amazonaws.com') }));
      const restored = makeService(createVmEnvironmentFactory(), { state: service.snapshot() });
      expect(restored.service.iam.roleByArn(`arn:aws:iam::${ACCOUNT}:role/kept`)?.RoleName).toBe('kept');
      restored.close();
    });
  });
}
