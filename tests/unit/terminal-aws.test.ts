import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createInProcessEmulator, type InProcessEmulator } from '../../src/emulator/index.ts';
import { createAwsCommand } from '../../src/terminal/aws/aws-command.ts';
import { cliName } from '../../src/terminal/aws/model.ts';
import { humanReadableSize } from '../../src/terminal/aws/s3-commands.ts';
import { createShell, type Shell } from '../../src/terminal/index.ts';
import { ACCOUNT, quickJSEngine, REGION } from './support/harness.ts';

describe('aws in the terminal, against the in-process emulator', () => {
  let emulator: InProcessEmulator;
  let sh: Shell;

  beforeAll(() => {
    emulator = createInProcessEmulator({ environmentFactory: quickJSEngine(), region: REGION, accountId: ACCOUNT });
    sh = createShell({ commands: { aws: createAwsCommand({ clientConfig: { ...emulator.clientConfig } }) } });
  });
  afterAll(() => emulator.close());

  it('names operations and options as botocore does', () => {
    expect(cliName('GetFunction')).toBe('get-function');
    expect(cliName('KMSKeyArn')).toBe('kms-key-arn');
    expect(cliName('ListFunctionsByCodeSigningConfig')).toBe('list-functions-by-code-signing-config');
    expect(cliName('PutBucketACLs')).toBe('put-bucket-acls');
  });

  it("a learner's layer sequence: zip, create, invoke into a file, read it", { timeout: 60_000 }, async () => {
    await sh.run('mkdir -p fn && cd fn');
    await sh.run(`echo 'export const handler = async (event) => ({ hello: event.name, env: process.env.STAGE });' > index.mjs`);
    expect((await sh.run('zip -r9 ../fn.zip . && cd ..')).exitCode).toBe(0);
    const created = await sh.run(
      `aws lambda create-function --function-name hello --runtime nodejs22.x --handler index.handler --role arn:aws:iam::${ACCOUNT}:role/lambda-role --zip-file fileb://fn.zip --environment Variables={STAGE=dev} --timeout 5`,
    );
    expect(created.stderr).toBe('');
    const configuration = JSON.parse(created.stdout) as Record<string, unknown>;
    expect(configuration).toMatchObject({ FunctionName: 'hello', Timeout: 5, Environment: { Variables: { STAGE: 'dev' } } });
    expect(created.stdout.startsWith('{\n    "FunctionName": "hello",\n')).toBe(true);

    const invoked = await sh.run(`aws lambda invoke --function-name hello --cli-binary-format raw-in-base64-out --payload '{"name":"Ada"}' out.json`);
    expect(invoked.stdout).toBe('{\n    "StatusCode": 200,\n    "ExecutedVersion": "$LATEST"\n}\n');
    expect((await sh.run('cat out.json')).stdout).toBe('{"hello":"Ada","env":"dev"}');

    expect((await sh.run('aws lambda get-function --function-name hello --query Configuration.Runtime --output text')).stdout).toBe('nodejs22.x\n');
    expect((await sh.run('aws lambda list-functions --query "Functions[].[FunctionName,Timeout]" --output text')).stdout).toBe('hello\t5\n');
  });

  it('logs tail prints the function’s log lines, and --follow ends at Ctrl+C', async () => {
    const tail = await sh.run('aws logs tail /aws/lambda/hello');
    expect(tail.stdout).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d{6})?\+00:00 \d{4}\/\d\d\/\d\d\/\[\$LATEST\][0-9a-f]{32} INIT_START Runtime Version: nodejs:22\./);
    expect(tail.stdout).toMatch(/\n\S+ \S+ START RequestId: [0-9a-f-]{36} Version: \$LATEST\n/);
    expect(tail.stdout).toMatch(/ REPORT RequestId: /);
    const controller = new AbortController();
    const following = sh.run('aws logs tail /aws/lambda/hello --follow', controller.signal);
    await new Promise((resolve) => setTimeout(resolve, 200));
    controller.abort();
    const followed = await following;
    expect(followed.exitCode).toBe(130);
    expect(followed.stdout).toBe(tail.stdout);
    expect((await sh.run('aws logs tail /nope')).stderr).toBe('\nAn error occurred (ResourceNotFoundException) when calling the FilterLogEvents operation: The specified log group does not exist.\n');
  });

  it('--output table draws what the CLI draws: headers, nested sections, vertical when wider than the terminal', async () => {
    await sh.run('aws lambda update-function-configuration --function-name hello --environment "Variables={STAGE=dev,CITY=Zürich}"');
    const nested = "--query '{Name: FunctionName, Timeout: Timeout, Arch: Architectures, Env: Environment}' --output table";
    // ü counts two columns, as Python's East Asian Width calls it ambiguous: the CLI's row is one short too.
    expect((await sh.run(`aws lambda get-function-configuration --function-name hello ${nested}`)).stdout).toBe(
      [
        '--------------------------',
        '|GetFunctionConfiguration|',
        '+----------+-------------+',
        '|   Name   |   Timeout   |',
        '+----------+-------------+',
        '|  hello   |  5          |',
        '+----------+-------------+',
        '||         Arch         ||',
        '|+----------------------+|',
        '||  x86_64              ||',
        '|+----------------------+|',
        '||          Env         ||',
        '|+----------------------+|',
        '|||      Variables     |||',
        '||+----------+---------+||',
        '|||   CITY   |  STAGE  |||',
        '||+----------+---------+||',
        '|||  Zürich |  dev    |||',
        '||+----------+---------+||',
        '',
      ].join('\n'),
    );
    const wide = `aws lambda get-function-configuration --function-name hello --query '{Arn: FunctionArn, Role: Role, Handler: Handler}' --output table`;
    const arn = `arn:aws:lambda:${REGION}:${ACCOUNT}:function:hello`;
    const vertical = (await sh.run(wide)).stdout.split('\n');
    expect(vertical[2]).toMatch(/^\+-{9}\+-+\+$/);
    expect(vertical.slice(3, 6).map((l) => l.replace(/ +\|$/, ' |'))).toEqual([`|  Arn    |  ${arn} |`, '|  Handler|  index.handler |', `|  Role   |  arn:aws:iam::${ACCOUNT}:role/lambda-role |`]);
    // A wider terminal fits the three columns side by side.
    await sh.run('export COLUMNS=200');
    expect((await sh.run(wide)).stdout.split('\n')[3]).toMatch(/^\| +Arn +\| +Handler +\| +Role +\|$/);
    await sh.run('unset COLUMNS');
    expect((await sh.run('aws lambda get-function-configuration --function-name nope --output table')).exitCode).toBe(254);
  });

  it('aws s3 ls --human-readable writes sizes as the CLI\'s human_readable_size does', () => {
    expect([1, 10, 1023, 1024, 1536, 1024 * 1024 - 1, 1024 * 1024, 5 * 1024 ** 3].map(humanReadableSize)).toEqual(['1 Byte', '10 Bytes', '1023 Bytes', '1.0 KiB', '1.5 KiB', '1.0 MiB', '1.0 MiB', '5.0 GiB']);
  });

  it('service errors print as the CLI prints them, exit 254', async () => {
    const result = await sh.run('aws lambda get-function --function-name nope');
    expect(result.exitCode).toBe(254);
    expect(result.stderr).toBe(`\nAn error occurred (ResourceNotFoundException) when calling the GetFunction operation: Function not found: arn:aws:lambda:${REGION}:${ACCOUNT}:function:nope\n`);
  });

  it('a missing object: the CLI heads it first, a fatal error in its words (Debian\'s CLI v2 prints the same)', async () => {
    expect((await sh.run('aws s3 mb s3://heads')).exitCode).toBe(0);
    const missing = await sh.run('aws s3 cp s3://heads/missing.txt .');
    expect([missing.exitCode, missing.stdout, missing.stderr]).toEqual([1, '', 'fatal error: An error occurred (404) when calling the HeadObject operation: Key "missing.txt" does not exist\n']);
    const toStdout = await sh.run('aws s3 cp s3://heads/missing.txt -');
    expect([toStdout.exitCode, toStdout.stdout, toStdout.stderr]).toEqual([1, '', 'download failed: s3://heads/missing.txt to - An error occurred (404) when calling the HeadObject operation: Not Found\n']);
    const copy = await sh.run('aws s3 cp s3://heads/missing.txt s3://heads/copy.txt');
    expect([copy.exitCode, copy.stderr]).toEqual([1, 'fatal error: An error occurred (404) when calling the HeadObject operation: Key "missing.txt" does not exist\n']);
  });

  it('usage errors exit 252 with the CLI’s message', async () => {
    const missing = await sh.run('aws lambda get-function');
    expect(missing.exitCode).toBe(252);
    expect(missing.stderr).toBe(
      '\nusage: aws [options] <command> <subcommand> [<subcommand> ...] [parameters]\nTo see help text, you can run:\n\n  aws help\n  aws <command> help\n  aws <command> <subcommand> help\n\naws: error: the following arguments are required: --function-name\n\n',
    );
    const unknown = await sh.run('aws lambda get-function --function-name x --bogus 1');
    expect(unknown.exitCode).toBe(252);
    expect(unknown.stderr).toMatch(/ help\n\nUnknown options: --bogus, 1\n\n$/);
    expect((await sh.run('aws nosuch list')).stderr).toMatch(/aws: error: argument command: Invalid choice, valid choices are:\n\nlambda {34} \| logs {36}\n/);
    const badJson = await sh.run(`aws lambda update-function-configuration --function-name hello --environment '{"Variables":'`);
    expect(badJson.exitCode).toBe(252);
    expect(badJson.stderr).toMatch(/^\nError parsing parameter '--environment': Invalid JSON: /);
    const badBase64 = await sh.run(`aws lambda invoke --function-name hello --payload '{"a":1}' out.json`);
    expect(badBase64.exitCode).toBe(255);
    expect(badBase64.stderr).toBe('\nInvalid base64: "{"a":1}"\n');
  });

  it('help lists what exists, from the SDK', async () => {
    expect((await sh.run('aws help')).stdout).toContain('  o lambda\n  o logs\n  o s3api\n  o sqs\n');
    const lambdaHelp = (await sh.run('aws lambda help')).stdout;
    expect(lambdaHelp).toContain('  o create-function\n');
    expect(lambdaHelp).toContain('  o get-function\n');
    expect(lambdaHelp).toContain('  o publish-layer-version\n');
  });

  it('sqs and s3api through the same table, JSON and shorthand', async () => {
    const queue = JSON.parse((await sh.run('aws sqs create-queue --queue-name orders --attributes VisibilityTimeout=40')).stdout) as { QueueUrl: string };
    expect(queue.QueueUrl).toMatch(/\/orders$/);
    expect((await sh.run(`aws sqs get-queue-attributes --queue-url ${queue.QueueUrl} --attribute-names VisibilityTimeout --output text`)).stdout).toBe('ATTRIBUTES\t40\n');
    expect((await sh.run('aws s3api create-bucket --bucket photos')).exitCode).toBe(0);
    await sh.run('echo hello > h.txt && aws s3api put-object --bucket photos --key h.txt --body h.txt');
    expect((await sh.run('aws s3api list-objects-v2 --bucket photos --query "Contents[].Key" --output text')).stdout).toBe('h.txt\n');
    expect((await sh.run('aws s3api get-object --bucket photos --key h.txt copy.txt --query ContentLength')).stdout).toBe('6\n');
    expect(sh.fs.readText('/home/learner/copy.txt')).toBe('hello\n');
  });
});
