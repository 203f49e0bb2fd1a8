/**
 * Configuration, Permissions shows the function's execution role and its policies as IAM has them
 * (not a policy it assumes the role has), who may assume the role, and the function's
 * resource-based policy statements; the Terminal tells the views to read again after an aws command.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AddPermissionCommand, CreateFunctionCommand, GetFunctionConfigurationCommand, UpdateFunctionConfigurationCommand } from '@aws-sdk/client-lambda';
import { AttachRolePolicyCommand, CreateRoleCommand, IAMClient, PutRolePolicyCommand } from '@aws-sdk/client-iam';
import { ACCOUNT, ECHO_CODE, ROLE, makeService, zipBytes, type Setup } from './support/harness.ts';
import { createVmEnvironmentFactory } from './support/vm-engine.ts';
import { policyKind, readPermissions, statementRow } from '../../src/workspace/role-permissions.ts';
import { runsAws } from '../../src/workspace/terminal-files.ts';

const TRUST = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' }] });
const BARE = `arn:aws:iam::${ACCOUNT}:role/bare`;

describe('Configuration, Permissions', () => {
  let setup: Setup;
  let iam: IAMClient;
  const read = async (qualifier?: string) => {
    return readPermissions(iam, setup.lambda, await setup.lambda.send(new GetFunctionConfigurationCommand({ FunctionName: 'fn' })), qualifier);
  };

  beforeEach(async () => {
    setup = makeService(createVmEnvironmentFactory());
    iam = new IAMClient(setup.clientConfig);
    await setup.lambda.send(new CreateFunctionCommand({ FunctionName: 'fn', Runtime: 'nodejs22.x', Role: ROLE, Handler: 'index.handler', Code: { ZipFile: zipBytes(ECHO_CODE) } }));
  });
  afterEach(() => {
    iam.destroy();
    setup.close();
  });

  it('a console-made role shows AWSLambdaBasicExecutionRole with its document, trusted by Lambda; no statements', async () => {
    const view = await read();
    expect(view.roleName).toBe('lambda-role');
    expect(view.role?.trustedBy).toEqual(['lambda.amazonaws.com']);
    expect(view.role?.policies.map((p) => [p.name, p.kind])).toEqual([['AWSLambdaBasicExecutionRole', 'AWS managed']]);
    expect(JSON.parse(view.role!.policies[0]!.document)).toEqual({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: ['logs:CreateLogGroup', 'logs:CreateLogStream', 'logs:PutLogEvents'], Resource: '*' }] });
    expect(view.statements).toEqual([]);
  });

  it('a role with no policies shows none; inline and attached ones show by name and kind; statements as the console\'s table', async () => {
    await iam.send(new CreateRoleCommand({ RoleName: 'bare', AssumeRolePolicyDocument: TRUST }));
    await setup.lambda.send(new UpdateFunctionConfigurationCommand({ FunctionName: 'fn', Role: BARE }));
    expect((await read()).role).toEqual({ trustedBy: ['lambda.amazonaws.com'], policies: [] });
    await iam.send(new PutRolePolicyCommand({ RoleName: 'bare', PolicyName: 'read-uploads', PolicyDocument: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::uploads/*' }] }) }));
    await iam.send(new AttachRolePolicyCommand({ RoleName: 'bare', PolicyArn: 'arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole' }));
    await setup.lambda.send(new AddPermissionCommand({ FunctionName: 'fn', StatementId: 'public-invoke', Action: 'lambda:InvokeFunction', Principal: '*' }));
    await setup.lambda.send(new AddPermissionCommand({ FunctionName: 'fn', StatementId: 'from-s3', Action: 'lambda:InvokeFunction', Principal: 's3.amazonaws.com', SourceArn: 'arn:aws:s3:::uploads' }));
    await setup.lambda.send(new AddPermissionCommand({ FunctionName: 'fn', StatementId: 'partner-invoke', Action: 'lambda:InvokeFunction', Principal: '222222222222' }));
    const view = await read();
    expect(view.role?.policies.map((p) => [p.name, p.kind])).toEqual([['read-uploads', 'Customer inline'], ['AWSLambdaBasicExecutionRole', 'AWS managed']]);
    expect(view.statements.map((s) => [s.sid, s.principal, s.conditions, s.action])).toEqual([
      ['public-invoke', '*', '-', 'lambda:InvokeFunction'],
      ['from-s3', 's3.amazonaws.com', '{"ArnLike":{"AWS:SourceArn":"arn:aws:s3:::uploads"}}', 'lambda:InvokeFunction'],
      ['partner-invoke', 'arn:aws:iam::222222222222:root', '-', 'lambda:InvokeFunction'],
    ]);
  });

  it('a role IAM does not have shows as missing', async () => {
    await iam.send(new CreateRoleCommand({ RoleName: 'bare', AssumeRolePolicyDocument: TRUST }));
    await setup.lambda.send(new UpdateFunctionConfigurationCommand({ FunctionName: 'fn', Role: BARE }));
    setup.service.iam.deleteRole({ RoleName: 'bare' });
    const view = await read();
    expect([view.roleName, view.role]).toEqual(['bare', undefined]);
  });

  it('names policy kinds as the IAM console does, and reads statements of every principal form', () => {
    expect(policyKind({ kind: 'inline' })).toBe('Customer inline');
    expect(policyKind({ kind: 'managed', arn: 'arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole' })).toBe('AWS managed');
    expect(policyKind({ kind: 'managed', arn: `arn:aws:iam::${ACCOUNT}:policy/mine` })).toBe('Customer managed');
    expect(statementRow({ Effect: 'Deny', Principal: { AWS: ['arn:aws:iam::1:root', 'arn:aws:iam::2:root'] }, Action: ['lambda:InvokeFunction', 'lambda:GetFunction'] })).toEqual({
      sid: '-', principal: 'arn:aws:iam::1:root, arn:aws:iam::2:root', conditions: '-', action: 'lambda:InvokeFunction, lambda:GetFunction', effect: 'Deny',
    });
  });
});

describe('the Terminal tells the views to read the account again', () => {
  it('after a line that runs the AWS CLI, wherever it stands in the line', () => {
    for (const line of ['aws iam attach-role-policy --role-name r', 'cd x && aws lambda get-policy', 'echo $(aws sts get-caller-identity)', '  aws']) expect(runsAws(line), line).toBe(true);
    for (const line of ['ls', 'cat aws.txt', 'echo awsome', 'zip -r fn.zip .']) expect(runsAws(line), line).toBe(false);
  });
});
