/**
 * Roles that matter: Lambda refuses a role it cannot assume (one that does not exist, or does not
 * trust lambda.amazonaws.com) on CreateFunction and UpdateFunctionConfiguration, with its own
 * message; a role made in IAM and trusting Lambda is accepted.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CreateFunctionCommand, InvokeCommand, UpdateFunctionConfigurationCommand } from '@aws-sdk/client-lambda';
import { FilterLogEventsCommand } from '@aws-sdk/client-cloudwatch-logs';
import { AttachRolePolicyCommand, CreateRoleCommand, IAMClient } from '@aws-sdk/client-iam';
import { ACCOUNT, ECHO_CODE, ROLE, failure, makeService, zipBytes, type Setup } from './support/harness.ts';
import { createVmEnvironmentFactory } from './support/vm-engine.ts';

const CANNOT_ASSUME = { name: 'InvalidParameterValueException', status: 400, message: 'The role defined for the function cannot be assumed by Lambda.' };
const trust = (service: string) => JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: service }, Action: 'sts:AssumeRole' }] });

describe('the execution role Lambda must be able to assume', () => {
  let setup: Setup;
  let iam: IAMClient;
  const create = (name: string, Role: string) =>
    setup.lambda.send(new CreateFunctionCommand({ FunctionName: name, Runtime: 'nodejs22.x', Role, Handler: 'index.handler', Code: { ZipFile: zipBytes(ECHO_CODE) } }));

  beforeEach(() => {
    setup = makeService(createVmEnvironmentFactory());
    iam = new IAMClient(setup.clientConfig);
  });
  afterEach(() => {
    iam.destroy();
    setup.close();
  });

  it('the account\'s ready lambda-role is accepted', async () => {
    expect((await create('ready', ROLE)).Role).toBe(ROLE);
  });

  it('a role that does not exist is refused with Lambda\'s message', async () => {
    expect(await failure(create('ghost', `arn:aws:iam::${ACCOUNT}:role/ghost`))).toMatchObject(CANNOT_ASSUME);
  });

  it('a role in another account is refused: this account cannot see it', async () => {
    expect(await failure(create('elsewhere', 'arn:aws:iam::222222222222:role/lambda-role'))).toMatchObject(CANNOT_ASSUME);
  });

  it('a role that trusts another service is refused, and accepted once it trusts Lambda', async () => {
    const { Role } = await iam.send(new CreateRoleCommand({ RoleName: 'ec2-role', AssumeRolePolicyDocument: trust('ec2.amazonaws.com') }));
    expect(await failure(create('wrong-trust', Role!.Arn!))).toMatchObject(CANNOT_ASSUME);
    const { Role: mine } = await iam.send(new CreateRoleCommand({ RoleName: 'mine', Path: '/service-role/', AssumeRolePolicyDocument: trust('lambda.amazonaws.com') }));
    await iam.send(new AttachRolePolicyCommand({ RoleName: 'mine', PolicyArn: 'arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole' }));
    expect((await create('right-trust', mine!.Arn!)).Role).toBe(`arn:aws:iam::${ACCOUNT}:role/service-role/mine`);
  });

  it('a role without logs permissions writes no logs (the tail still comes back); attaching AWSLambdaBasicExecutionRole brings them', async () => {
    const { Role } = await iam.send(new CreateRoleCommand({ RoleName: 'silent', AssumeRolePolicyDocument: trust('lambda.amazonaws.com') }));
    await setup.lambda.send(new CreateFunctionCommand({ FunctionName: 'quiet', Runtime: 'nodejs22.x', Role: Role!.Arn!, Handler: 'index.handler', Code: { ZipFile: zipBytes({ 'index.js': "exports.handler = async () => { console.log('hello'); return 1; };" }) } }));
    const first = await setup.lambda.send(new InvokeCommand({ FunctionName: 'quiet', LogType: 'Tail' }));
    expect(Buffer.from(first.LogResult!, 'base64').toString()).toContain('hello');
    expect(setup.service.logs.groups['/aws/lambda/quiet']).toBeUndefined();
    await iam.send(new AttachRolePolicyCommand({ RoleName: 'silent', PolicyArn: 'arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole' }));
    await setup.lambda.send(new InvokeCommand({ FunctionName: 'quiet' }));
    const events = await setup.logs.send(new FilterLogEventsCommand({ logGroupName: '/aws/lambda/quiet' }));
    expect(events.events!.map((e) => e.message!.split(' ')[0])).toEqual(['START', expect.stringMatching(/^\S+Z\t[0-9a-f-]{36}\tINFO\thello\n$/), 'END', 'REPORT']);
  });

  it('a state saved before the emulator had IAM gets the roles its functions name, as basic execution roles', async () => {
    await create('old', ROLE);
    const saved = setup.service.snapshot() as unknown as Record<string, unknown>;
    const fns = saved['functions'] as Record<string, { latest: { Role: string } }>;
    fns['old']!.latest.Role = `arn:aws:iam::${ACCOUNT}:role/service-role/old-role-x1y2`;
    delete saved['iam'];
    const restored = makeService(createVmEnvironmentFactory(), { state: saved as never });
    const role = restored.service.iam.roleByArn(`arn:aws:iam::${ACCOUNT}:role/service-role/old-role-x1y2`)!;
    expect(role.Path).toBe('/service-role/');
    expect(role.attachedPolicies).toEqual(['arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole']);
    expect(restored.service.iam.roleByArn(ROLE)).toBeDefined();
    restored.close();
  });

  it('UpdateFunctionConfiguration refuses a role Lambda cannot assume and keeps the old one', async () => {
    await create('keeps', ROLE);
    expect(await failure(setup.lambda.send(new UpdateFunctionConfigurationCommand({ FunctionName: 'keeps', Role: `arn:aws:iam::${ACCOUNT}:role/ghost` })))).toMatchObject(CANNOT_ASSUME);
    expect(setup.service.getFunctionConfiguration('keeps')['Role']).toBe(ROLE);
  });
});
