/**
 * The new exercises done from their instructions alone: the console's actions as the page makes
 * them (a function with its console-made role) and every terminal command exercise.mdx names, run
 * in the page's terminal against the in-process emulator. The checks then pass.
 */
import { readFileSync } from 'node:fs';
import { CreateFunctionCommand, InvokeCommand, UpdateFunctionCodeCommand } from '@aws-sdk/client-lambda';
import { afterEach, describe, expect, it } from 'vitest';
import { runChecks } from '../../../src/checks/run.ts';
import { emulatorRoute, requestHandlerDownload } from '../../../src/checks/context.ts';
import { advanceOneMinute } from '../../../exercises/sqs-batch/solution/steps.ts';
import { zipFiles } from '../../../src/checks/zip.ts';
import { VIRTUAL_EPOCH, createInProcessEmulator, createVirtualClock, type InProcessEmulator } from '../../../src/emulator/index.ts';
import { createAwsCommand } from '../../../src/terminal/aws/aws-command.ts';
import { createShell, type Shell } from '../../../src/terminal/index.ts';
import { environmentFactory } from './engine.ts';
import { seededRandom } from './harness.ts';

const exercise = (path: string): string => readFileSync(new URL(`../../../exercises/${path}`, import.meta.url), 'utf8');

let emu: InProcessEmulator | undefined;
afterEach(() => {
  emu?.close();
  emu = undefined;
});

function page(): { emu: InProcessEmulator; sh: Shell } {
  emu = createInProcessEmulator({ environmentFactory, clock: createVirtualClock(VIRTUAL_EPOCH), random: seededRandom() });
  const sh = createShell({ commands: { aws: createAwsCommand({ clientConfig: { ...emu.clientConfig } }) } });
  return { emu, sh };
}

/** Create function as the page's dialog does: a console-made role `<name>-role`, the editor's files. */
async function createInConsole(e: InProcessEmulator, name: string, files: Record<string, string>): Promise<void> {
  const role = e.service.iam.createBasicExecutionRole(`${name}-role`);
  await e.lambda.send(new CreateFunctionCommand({ FunctionName: name, Runtime: 'nodejs22.x', Handler: 'index.handler', Role: role, Code: { ZipFile: zipFiles(files) } }));
}

async function ok(sh: Shell, line: string): Promise<string> {
  const result = await sh.run(line);
  expect(result.stderr, line).toBe('');
  expect(result.exitCode, line).toBe(0);
  return result.stdout;
}

describe('chaining, from exercise.mdx', () => {
  it('the commands it names add the policy, and the checks pass', { timeout: 60_000 }, async () => {
    const { emu: e, sh } = page();
    await createInConsole(e, 'hello-lambda', { 'index.mjs': exercise('hello-lambda/solution/index.mjs') });
    await createInConsole(e, 'chain-caller', { 'index.mjs': exercise('chaining/starter/index.mjs') });
    // Task 1: Test.
    const refused = await e.lambda.send(new InvokeCommand({ FunctionName: 'chain-caller', Payload: new TextEncoder().encode('{"key1":"value1","key2":"value2","key3":"value3"}') }));
    expect(refused.FunctionError).toBe('Unhandled');
    expect(JSON.parse(new TextDecoder().decode(refused.Payload)).errorMessage).toBe(
      'User: arn:aws:sts::000000000000:assumed-role/chain-caller-role/chain-caller is not authorized to perform: lambda:InvokeFunction on resource: arn:aws:lambda:us-east-1:000000000000:function:hello-lambda because no identity-based policy allows the lambda:InvokeFunction action',
    );
    // Task 2: the commands, in the order the page gives them.
    const mdx = exercise('chaining/exercise.mdx');
    const commands = [...mdx.matchAll(/^aws .+$/gm)].map((m) => m[0]);
    expect(commands).toHaveLength(3);
    expect(await ok(sh, commands[0]!)).toBe('arn:aws:iam::000000000000:role/service-role/chain-caller-role\n');
    const arn = (await ok(sh, commands[1]!)).trim();
    expect(arn).toBe('arn:aws:lambda:us-east-1:000000000000:function:hello-lambda');
    expect(await ok(sh, commands[2]!.replace('<hello-lambda ARN>', arn))).toBe('');
    expect(mdx).toContain('`aws iam list-role-policies --role-name chain-caller-role`');
    expect(JSON.parse(await ok(sh, 'aws iam list-role-policies --role-name chain-caller-role'))).toMatchObject({ PolicyNames: ['invoke-hello-lambda'] });
    expect(mdx).toContain('`aws iam get-role-policy\n--role-name chain-caller-role --policy-name invoke-hello-lambda`');
    const stored = JSON.parse(await ok(sh, 'aws iam get-role-policy --role-name chain-caller-role --policy-name invoke-hello-lambda')) as { PolicyDocument: unknown };
    expect(stored.PolicyDocument).toEqual({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'lambda:InvokeFunction', Resource: arn }] });
    // Task 3: the invoke the page names.
    expect(mdx).toContain('`aws lambda invoke --function-name chain-caller out.json` and `cat out.json`');
    expect(JSON.parse(await ok(sh, 'aws lambda invoke --function-name chain-caller out.json'))).toEqual({ StatusCode: 200, ExecutedVersion: '$LATEST' });
    expect(await ok(sh, 'cat out.json')).toBe('{"statusCode":200,"body":"\\"Hello from Lambda!\\""}');
    const report = await runChecks('chaining', { lambda: e.lambda, logs: e.logs, target: 'emulator', answers: { 'denied-action': 'lambda:InvokeFunction' }, download: requestHandlerDownload(e.requestHandler) });
    expect(report.tasks.filter((t) => !t.passed).map((t) => `${t.id}: ${t.message}`)).toEqual([]);
  });
});

describe('function-url, from exercise.mdx', () => {
  it('the commands it names make the URL public and set CORS, and with the solution code the checks pass', { timeout: 60_000 }, async () => {
    const { emu: e, sh } = page();
    await createInConsole(e, 'hello-url', { 'index.mjs': exercise('function-url/starter/index.mjs') });
    const mdx = exercise('function-url/exercise.mdx');
    const commands = [...mdx.matchAll(/^aws .+$/gm)].map((m) => m[0]);
    expect(commands).toHaveLength(4);
    // Task 1: the URL, then the two statements.
    const created = JSON.parse(await ok(sh, commands[0]!)) as { FunctionUrl: string; AuthType: string };
    expect(created.AuthType).toBe('NONE');
    const id = /^https:\/\/([a-z0-9]{32})\.lambda-url\.us-east-1\.on\.aws\/$/.exec(created.FunctionUrl)?.[1];
    expect(id).toBeDefined();
    const get = async (query = '', headers: Record<string, string> = {}) => e.route({ method: 'GET', path: `/lambda-url/${id}/`, query: Object.fromEntries(new URLSearchParams(query)), headers, body: new Uint8Array() });
    expect((await get()).status).toBe(403);
    const first = JSON.parse(await ok(sh, commands[1]!)) as { Statement: string };
    expect(JSON.parse(first.Statement)).toMatchObject({ Sid: 'FunctionURLAllowPublicAccess', Action: 'lambda:InvokeFunctionUrl', Principal: '*', Condition: { StringEquals: { 'lambda:FunctionUrlAuthType': 'NONE' } } });
    const second = JSON.parse(await ok(sh, commands[2]!)) as { Statement: string };
    expect(JSON.parse(second.Statement)).toMatchObject({ Sid: 'FunctionURLAllowInvokeAction', Action: 'lambda:InvokeFunction', Principal: '*', Condition: { Bool: { 'lambda:InvokedViaFunctionUrl': 'true' } } });
    expect(mdx).toContain('`aws lambda get-policy --function-name hello-url`');
    expect(JSON.parse((JSON.parse(await ok(sh, 'aws lambda get-policy --function-name hello-url')) as { Policy: string }).Policy).Statement).toHaveLength(2);
    expect((await get()).status).toBe(200);
    // Task 2: Deploy the new code.
    await e.lambda.send(new UpdateFunctionCodeCommand({ FunctionName: 'hello-url', ZipFile: zipFiles({ 'index.mjs': exercise('function-url/solution/index.mjs') }) }));
    const ada = await get('name=Ada');
    expect([ada.status, ada.headers['content-type'], new TextDecoder().decode(ada.body)]).toEqual([200, 'application/json', '{"message":"Hello, Ada!"}']);
    expect((await get()).status).toBe(400);
    // Task 3: CORS.
    const cors = JSON.parse(await ok(sh, commands[3]!)) as { Cors: unknown };
    expect(cors.Cors).toEqual({ AllowOrigins: ['https://www.example.com'], AllowMethods: ['GET'] });
    expect(mdx).toContain('`aws lambda get-function-url-config --function-name hello-url`');
    expect(JSON.parse(await ok(sh, 'aws lambda get-function-url-config --function-name hello-url'))).toMatchObject({ AuthType: 'NONE', Cors: { AllowOrigins: ['https://www.example.com'], AllowMethods: ['GET'] } });
    expect((await get('name=Ada', { origin: 'https://www.example.com' })).headers['Access-Control-Allow-Origin']).toBe('https://www.example.com');
    const report = await runChecks('function-url', { lambda: e.lambda, logs: e.logs, target: 'emulator', download: requestHandlerDownload(e.requestHandler), random: seededRandom(2) });
    expect(report.tasks.filter((t) => !t.passed).map((t) => `${t.id}: ${t.message}`)).toEqual([]);
  });
});

describe('sqs-batch, from exercise.mdx', () => {
  it('the commands it names make the queues, the mapping and the poison message, which three clicks of +1 minute move to orders-dlq; the checks pass', { timeout: 60_000 }, async () => {
    const { emu: e, sh } = page();
    await createInConsole(e, 'order-worker', { 'index.mjs': exercise('sqs-batch/starter/index.mjs') });
    const mdx = exercise('sqs-batch/exercise.mdx');
    const commands = [...mdx.matchAll(/^aws .+$/gm)].map((m) => m[0]);
    expect(commands).toHaveLength(8);
    // Task 1: the dead-letter queue, its ARN, orders with the redrive policy (and the hint's set-queue-attributes, the same policy again).
    const dlqUrl = (JSON.parse(await ok(sh, commands[0]!)) as { QueueUrl: string }).QueueUrl;
    const dlqArn = (JSON.parse(await ok(sh, commands[1]!.replace('<orders-dlq URL>', dlqUrl))) as { Attributes: { QueueArn: string } }).Attributes.QueueArn;
    expect(dlqArn).toBe('arn:aws:sqs:us-east-1:000000000000:orders-dlq');
    const ordersUrl = (JSON.parse(await ok(sh, commands[2]!.replace('<orders-dlq ARN>', dlqArn))) as { QueueUrl: string }).QueueUrl;
    expect(await ok(sh, commands[3]!.replace('<orders URL>', ordersUrl).replace('<orders-dlq ARN>', dlqArn))).toBe('');
    const redrive = JSON.parse(await ok(sh, `aws sqs get-queue-attributes --queue-url ${ordersUrl} --attribute-names RedrivePolicy QueueArn`)) as { Attributes: { RedrivePolicy: string; QueueArn: string } };
    expect(JSON.parse(redrive.Attributes.RedrivePolicy)).toEqual({ deadLetterTargetArn: dlqArn, maxReceiveCount: 3 });
    // Task 2: the mapping is refused until the role may poll; the role's name, the managed policy, the mapping.
    const mapping = commands[6]!.replace('<orders ARN>', redrive.Attributes.QueueArn);
    const refused = await sh.run(mapping);
    expect(refused.stderr).toBe('\nAn error occurred (InvalidParameterValueException) when calling the CreateEventSourceMapping operation: The provided execution role does not have permissions to call ReceiveMessage on SQS\n');
    const role = (await ok(sh, commands[4]!)).trim();
    expect(role).toBe('arn:aws:iam::000000000000:role/service-role/order-worker-role');
    expect(await ok(sh, commands[5]!.replace('<role name>', role.split('/').at(-1)!))).toBe('');
    expect(JSON.parse(await ok(sh, mapping))).toMatchObject({ BatchSize: 10, FunctionResponseTypes: ['ReportBatchItemFailures'], State: 'Creating' });
    expect(mdx).toContain('`aws lambda list-event-source-mappings\n--function-name order-worker`');
    expect(JSON.parse(await ok(sh, 'aws lambda list-event-source-mappings --function-name order-worker'))).toMatchObject({ EventSourceMappings: [{ EventSourceArn: redrive.Attributes.QueueArn, State: 'Enabled' }] });
    // Task 3: Deploy.
    await e.lambda.send(new UpdateFunctionCodeCommand({ FunctionName: 'order-worker', ZipFile: zipFiles({ 'index.mjs': exercise('sqs-batch/solution/index.mjs') }) }));
    // Task 4: the poison message, received at once (the page runs what is due), then +1 minute three times.
    expect(mdx).toContain("`aws sqs send-message --queue-url <orders URL>\n--message-body 'not json'`");
    await ok(sh, `aws sqs send-message --queue-url ${ordersUrl} --message-body 'not json'`);
    await emulatorRoute(e.lambda, 'POST', 'scheduler/run-due');
    const dead = async () => (JSON.parse(await ok(sh, commands[7]!.replace('<orders-dlq URL>', dlqUrl))) as { Attributes: { ApproximateNumberOfMessages: string } }).Attributes.ApproximateNumberOfMessages;
    for (let click = 1; click <= 3; click++) {
      expect(await dead(), `before click ${click}`).toBe('0');
      await advanceOneMinute(e.lambda);
    }
    expect(await dead()).toBe('1');
    const report = await runChecks('sqs-batch', { lambda: e.lambda, logs: e.logs, target: 'emulator', answers: { 'missing-permission': 'sqs:ReceiveMessage' }, download: requestHandlerDownload(e.requestHandler), random: seededRandom(3) });
    expect(report.tasks.filter((t) => !t.passed).map((t) => `${t.id}: ${t.message}`)).toEqual([]);
  });
});

describe('scheduled, from exercise.mdx', () => {
  it('the commands it names make the rule, its target and the statement; the rule fires only once the statement is there, and the checks pass', { timeout: 60_000 }, async () => {
    const { emu: e, sh } = page();
    await createInConsole(e, 'nightly-report', { 'index.mjs': exercise('scheduled/starter/index.mjs') });
    const mdx = exercise('scheduled/exercise.mdx');
    const commands = [...mdx.matchAll(/^aws .+$/gm)].map((m) => m[0]);
    expect(commands).toHaveLength(5);
    const check = () => runChecks('scheduled', { lambda: e.lambda, logs: e.logs, target: 'emulator', download: requestHandlerDownload(e.requestHandler), random: seededRandom(3) });
    // Task 1: the rule, the function's ARN, the target.
    const ruleArn = (await ok(sh, commands[0]!)).trim();
    expect(ruleArn).toBe('arn:aws:events:us-east-1:000000000000:rule/nightly-report-schedule');
    const functionArn = (await ok(sh, commands[1]!)).trim();
    expect(functionArn).toBe('arn:aws:lambda:us-east-1:000000000000:function:nightly-report');
    expect(JSON.parse(await ok(sh, commands[2]!.replace('<function ARN>', functionArn)))).toEqual({ FailedEntryCount: 0, FailedEntries: [] });
    expect(mdx).toContain('`aws events describe-rule --name nightly-report-schedule`');
    expect(JSON.parse(await ok(sh, 'aws events describe-rule --name nightly-report-schedule'))).toMatchObject({ Arn: ruleArn, ScheduleExpression: 'cron(0 3 * * ? *)', State: 'ENABLED' });
    expect(mdx).toContain('`aws events list-targets-by-rule --rule nightly-report-schedule`');
    expect(JSON.parse(await ok(sh, 'aws events list-targets-by-rule --rule nightly-report-schedule'))).toEqual({ Targets: [{ Id: 'nightly-report', Arn: functionArn }] });
    // Task 2, tried first: the rule fires, but without the statement nothing is invoked.
    await emulatorRoute(e.lambda, 'POST', 'clock/advance', { to: 'next-firing' });
    let report = await check();
    expect(report.tasks.filter((t) => !t.passed).map((t) => t.id)).toEqual(['invoke-permission', 'fired', 'event-time']);
    const statement = JSON.parse((JSON.parse(await ok(sh, commands[3]!.replace('<rule ARN>', ruleArn))) as { Statement: string }).Statement) as unknown;
    expect(statement).toMatchObject({ Sid: 'nightly-report-schedule', Principal: { Service: 'events.amazonaws.com' }, Action: 'lambda:InvokeFunction', Condition: { ArnLike: { 'AWS:SourceArn': ruleArn } } });
    expect(JSON.parse((JSON.parse(await ok(sh, commands[4]!)) as { Policy: string }).Policy).Statement).toHaveLength(1);
    // Task 3: the next firing reaches the function.
    await emulatorRoute(e.lambda, 'POST', 'clock/advance', { to: 'next-firing' });
    report = await check();
    expect(report.tasks.filter((t) => !t.passed).map((t) => t.id)).toEqual(['event-time']);
    expect(report.tasks.find((t) => t.id === 'fired')!.message).toMatch(/^The rule fired: "Daily report for 2026-01-02 \(Scheduled Event [0-9a-f-]{36} at 2026-01-02T03:00:00Z from arn:aws:events:us-east-1:000000000000:rule\/nightly-report-schedule\)"\.$/);
    // Task 4: the event's time; Deploy.
    await e.lambda.send(new UpdateFunctionCodeCommand({ FunctionName: 'nightly-report', ZipFile: zipFiles({ 'index.mjs': exercise('scheduled/solution/index.mjs') }) }));
    report = await check();
    expect(report.tasks.filter((t) => !t.passed).map((t) => `${t.id}: ${t.message}`)).toEqual([]);
  });
});

describe('permissions, from exercise.mdx', () => {
  it('the teammate\'s commands leave the role refused, and the commands it names repair the trust, the logs and the function\'s policy', { timeout: 60_000 }, async () => {
    const { emu: e, sh } = page();
    await createInConsole(e, 'inventory-report', { 'index.mjs': exercise('permissions/starter/index.mjs') });
    const mdx = exercise('permissions/exercise.mdx');
    const commands = [...mdx.matchAll(/^aws .+$/gm)].map((m) => m[0]);
    expect(commands).toHaveLength(10);
    // The set-up: a role that trusts EC2, refused by Lambda in the words the page quotes; a statement for anyone.
    const roleArn = (await ok(sh, commands[0]!)).trim();
    expect(roleArn).toBe('arn:aws:iam::000000000000:role/inventory-app-role');
    const refused = await sh.run(commands[1]!.replace('<role ARN>', roleArn));
    expect([refused.exitCode, refused.stdout]).toEqual([254, '']);
    const refusal = refused.stderr.trim();
    expect(refusal).toBe('An error occurred (InvalidParameterValueException) when calling the UpdateFunctionConfiguration operation: The role defined for the function cannot be assumed by Lambda.');
    expect(mdx).toContain(`\`\`\`text\n${refusal}\n\`\`\``);
    expect(JSON.parse((JSON.parse(await ok(sh, commands[2]!)) as { Statement: string }).Statement)).toMatchObject({ Sid: 'public-invoke', Principal: '*', Action: 'lambda:InvokeFunction' });
    // Task 1: the trust policy as get-role prints it (decoded, as the CLI does), replaced; the command again.
    expect(commands[3]).toBe('aws iam get-role --role-name inventory-app-role');
    const role = JSON.parse(await ok(sh, commands[3]!)) as { Role: { AssumeRolePolicyDocument: unknown } };
    expect(role.Role.AssumeRolePolicyDocument).toEqual({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' }, Action: 'sts:AssumeRole' }] });
    expect(await ok(sh, commands[4]!)).toBe('');
    expect(commands[5]).toBe(commands[1]);
    expect(JSON.parse(await ok(sh, commands[5]!.replace('<role ARN>', roleArn)))).toMatchObject({ FunctionName: 'inventory-report', Role: roleArn });
    // Task 2: the console's Test answers, and the role lacks every logs action; the hint's commands show no policies.
    const tested = await e.lambda.send(new InvokeCommand({ FunctionName: 'inventory-report' }));
    expect([tested.FunctionError, JSON.parse(new TextDecoder().decode(tested.Payload))]).toEqual([undefined, { items: 4, low: ['nuts', 'hinges'] }]);
    expect(e.service.logPermissions('inventory-report').missing).toEqual(['logs:CreateLogGroup', 'logs:CreateLogStream', 'logs:PutLogEvents']);
    expect(e.service.logs.groups['/aws/lambda/inventory-report']).toBeUndefined();
    for (const line of ['aws iam list-attached-role-policies --role-name inventory-app-role', 'aws iam list-role-policies --role-name inventory-app-role']) {
      expect(mdx).toContain(`\`${line}\``);
    }
    expect(JSON.parse(await ok(sh, 'aws iam list-attached-role-policies --role-name inventory-app-role'))).toMatchObject({ AttachedPolicies: [] });
    expect(JSON.parse(await ok(sh, 'aws iam list-role-policies --role-name inventory-app-role'))).toMatchObject({ PolicyNames: [] });
    // Task 3: the managed policy, what it allows, and the logs of the next Test.
    expect(await ok(sh, commands[6]!)).toBe('');
    expect(mdx).toContain('`aws iam get-policy-version --policy-arn arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole\n--version-id v1`');
    const version = JSON.parse(await ok(sh, 'aws iam get-policy-version --policy-arn arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole --version-id v1')) as { PolicyVersion: { Document: { Statement: { Action: string | string[] }[] } } };
    expect(version.PolicyVersion.Document.Statement.flatMap((s) => [s.Action].flat()).sort()).toEqual(['logs:CreateLogGroup', 'logs:CreateLogStream', 'logs:PutLogEvents']);
    await e.lambda.send(new InvokeCommand({ FunctionName: 'inventory-report' }));
    expect(e.service.logPermissions('inventory-report').missing).toEqual([]);
    expect(Object.keys(e.service.logs.groups['/aws/lambda/inventory-report']?.streams ?? {})).toHaveLength(1);
    // Task 4: the policy read, the public statement out, the partner in.
    expect(commands[7]).toBe('aws lambda get-policy --function-name inventory-report');
    const statements = async () => (JSON.parse((JSON.parse(await ok(sh, commands[7]!)) as { Policy: string }).Policy) as { Statement: { Sid: string; Principal: unknown }[] }).Statement;
    expect((await statements()).map((s) => [s.Sid, s.Principal])).toEqual([['public-invoke', '*']]);
    expect(await ok(sh, commands[8]!)).toBe('');
    await ok(sh, commands[9]!);
    expect((await statements()).map((s) => [s.Sid, s.Principal])).toEqual([['partner-invoke', { AWS: 'arn:aws:iam::222222222222:root' }]]);
    const report = await runChecks('permissions', { lambda: e.lambda, logs: e.logs, target: 'emulator', answers: { 'trusted-principal': 'ec2.amazonaws.com', 'missing-log-permission': 'logs:CreateLogStream' }, download: requestHandlerDownload(e.requestHandler) });
    expect(report.tasks.filter((t) => !t.passed).map((t) => `${t.id}: ${t.message}`)).toEqual([]);
  });
});
