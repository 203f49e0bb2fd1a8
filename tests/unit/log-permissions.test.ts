/**
 * The workspace's log views say why logs are missing: the emulator names the logs actions the
 * function's execution role lacks, and the notice says so in CloudWatch's words and points at the role.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CreateFunctionCommand, InvokeCommand, UpdateFunctionConfigurationCommand } from '@aws-sdk/client-lambda';
import { AttachRolePolicyCommand, CreateRoleCommand, IAMClient, PutRolePolicyCommand } from '@aws-sdk/client-iam';
import { ACCOUNT, ECHO_CODE, REGION, ROLE, makeService, zipBytes, type Setup } from './support/harness.ts';
import { createVmEnvironmentFactory } from './support/vm-engine.ts';
import { logGroupDoesNotExist, logPermissionsOf, missingLogsNotice } from '../../src/workspace/log-permissions.ts';

const TRUST = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' }] });
const SILENT = `arn:aws:iam::${ACCOUNT}:role/silent`;

describe('why a function\'s logs are missing', () => {
  let setup: Setup;
  let iam: IAMClient;

  beforeEach(async () => {
    setup = makeService(createVmEnvironmentFactory());
    iam = new IAMClient(setup.clientConfig);
    await iam.send(new CreateRoleCommand({ RoleName: 'silent', AssumeRolePolicyDocument: TRUST }));
    await setup.lambda.send(new CreateFunctionCommand({ FunctionName: 'quiet', Runtime: 'nodejs22.x', Role: SILENT, Handler: 'index.handler', Code: { ZipFile: zipBytes(ECHO_CODE) } }));
  });
  afterEach(() => {
    iam.destroy();
    setup.close();
  });

  it('a role with no logs permissions lacks all three; CloudWatch\'s "does not exist" comes first, then the role', async () => {
    const permissions = setup.service.logPermissions('quiet');
    expect(permissions).toEqual({ logGroup: '/aws/lambda/quiet', roleArn: SILENT, missing: ['logs:CreateLogGroup', 'logs:CreateLogStream', 'logs:PutLogEvents'] });
    await setup.lambda.send(new InvokeCommand({ FunctionName: 'quiet' }));
    expect(setup.service.logs.groups['/aws/lambda/quiet']).toBeUndefined();
    expect(missingLogsNotice(permissions, false)).toBe(
      'Log group does not exist. The specific log group: /aws/lambda/quiet does not exist in this account or region. '
      + `The function's execution role silent (${SILENT}) does not allow logs:CreateLogGroup, logs:CreateLogStream, logs:PutLogEvents, so Lambda writes none of its invocations' logs to CloudWatch Logs. `
      + 'Add those permissions to the role, for example by attaching the AWSLambdaBasicExecutionRole managed policy, then invoke the function again.',
    );
  });

  it('once the group exists, only the missing stream actions are named, and the old streams are said to be from before', async () => {
    await setup.service.logs.append('/aws/lambda/quiet', '2026/01/01/[$LATEST]old', [{ timestamp: 0, message: 'old' }], 0);
    const policy = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'logs:CreateLogStream', Resource: `arn:aws:logs:${REGION}:${ACCOUNT}:log-group:/aws/lambda/quiet:*` }] };
    await iam.send(new PutRolePolicyCommand({ RoleName: 'silent', PolicyName: 'streams', PolicyDocument: JSON.stringify(policy) }));
    const permissions = setup.service.logPermissions('quiet');
    expect(permissions.missing).toEqual(['logs:PutLogEvents']);
    expect(missingLogsNotice(permissions, true)).toBe(
      `The function's execution role silent (${SILENT}) does not allow logs:PutLogEvents, so Lambda writes none of its invocations' logs to CloudWatch Logs (the streams in /aws/lambda/quiet are from before). `
      + 'Add that permission to the role, for example by attaching the AWSLambdaBasicExecutionRole managed policy, then invoke the function again.',
    );
  });

  it('AWSLambdaBasicExecutionRole leaves nothing to say; a custom log group is the one checked', async () => {
    await iam.send(new AttachRolePolicyCommand({ RoleName: 'silent', PolicyArn: 'arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole' }));
    expect(missingLogsNotice(setup.service.logPermissions('quiet'), false)).toBeUndefined();
    await setup.lambda.send(new UpdateFunctionConfigurationCommand({ FunctionName: 'quiet', Role: ROLE, LoggingConfig: { LogGroup: '/custom/quiet' } }));
    expect(setup.service.logPermissions('quiet')).toEqual({ logGroup: '/custom/quiet', roleArn: ROLE, missing: [] });
  });

  it('a function the emulator does not have gives no notice rather than an error', () => {
    expect(logPermissionsOf(setup.service, 'nope')).toBeUndefined();
    expect(missingLogsNotice(undefined, false)).toBeUndefined();
    expect(logGroupDoesNotExist('/aws/lambda/x')).toBe('Log group does not exist. The specific log group: /aws/lambda/x does not exist in this account or region.');
  });
});
