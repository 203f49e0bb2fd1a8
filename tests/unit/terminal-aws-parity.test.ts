/**
 * The terminal's `aws` against the real AWS CLI v2: one script of command lines over lambda, logs,
 * sqs and s3api, run by Debian's CLI (through bash) against the emulator's HTTP server and by the
 * terminal's shell against an in-process emulator that starts from the same state. stdout and the
 * exit status must match, modulo ids, times and the endpoint's address. Fails when the CLI is missing.
 */
import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulatorServer, type RunningServer } from '../../src/hosts/node/http-server.ts';
import { createInProcessEmulator, IN_PROCESS_ENDPOINT, LambdaService, realClock, zip, type InProcessEmulator } from '../../src/emulator/index.ts';
import { createAwsCommand } from '../../src/terminal/aws/aws-command.ts';
import { createShell, type Shell } from '../../src/terminal/index.ts';
import { awsCliSession, findAwsCliV2, run } from './support/aws-cli.ts';
import { ACCOUNT, quickJSEngine, REGION } from './support/harness.ts';

const FN = `arn:aws:lambda:${REGION}:${ACCOUNT}:function:p1`;

/** Each line is typed as a learner types it; `$QUEUE` is the queue's URL on each side. */
const SCRIPT = [
  `aws lambda create-function --function-name p1 --runtime nodejs22.x --handler index.handler --role arn:aws:iam::${ACCOUNT}:role/lambda-role --zip-file fileb://fn.zip`,
  'aws lambda get-function-configuration --function-name p1',
  'aws lambda get-function --function-name p1',
  'aws lambda list-functions',
  `aws lambda invoke --function-name p1 --cli-binary-format raw-in-base64-out --payload '{"name":"Ada"}' out.json`,
  'cat out.json',
  'aws lambda update-function-configuration --function-name p1 --timeout 9 --environment "Variables={STAGE=dev,LEVEL=2}" --query "[Timeout,Environment]"',
  'aws lambda get-function-configuration --function-name p1 --query Environment',
  // Unquoted, bash's brace expansion splits it into two words, and the CLI refuses the second.
  'aws lambda update-function-configuration --function-name p1 --environment Variables={STAGE=prod,LEVEL=3}',
  'aws lambda get-function-configuration --function-name p1 --query "[FunctionName,Runtime,Timeout,MemorySize]" --output text',
  'aws lambda get-function-configuration --function-name p1 --output text --query Environment',
  'aws lambda publish-version --function-name p1 --query "[Version,FunctionArn]"',
  'aws lambda create-alias --function-name p1 --name live --function-version 1',
  'aws lambda list-aliases --function-name p1',
  'aws lambda list-versions-by-function --function-name p1 --query "Versions[].Version" --output text',
  'aws lambda add-permission --function-name p1 --statement-id s3 --action lambda:InvokeFunction --principal s3.amazonaws.com',
  'aws lambda put-function-concurrency --function-name p1 --reserved-concurrent-executions 5',
  'aws lambda get-function-concurrency --function-name p1',
  'aws lambda get-function-concurrency --function-name p1 --output text',
  'aws lambda delete-function-concurrency --function-name p1',
  'aws lambda get-function --function-name nope',
  'aws lambda get-function',
  `aws lambda invoke --function-name p1 --payload '{"a":1}' o.json`,
  "aws lambda update-function-configuration --function-name p1 --environment 'Variables={A=1'",
  `aws lambda update-function-configuration --function-name p1 --environment '{"Variables":'`,
  'aws lambda publish-layer-version --layer-name greet --zip-file fileb://layer.zip --compatible-runtimes nodejs22.x --query "[Version,LayerVersionArn,CompatibleRuntimes]"',
  'aws lambda list-layer-versions --layer-name greet --query "LayerVersions[].Version"',
  `aws lambda tag-resource --resource ${FN} --tags team=a,env=b`,
  `aws lambda list-tags --resource ${FN}`,
  `aws lambda list-tags --resource ${FN} --output text`,
  `aws lambda list-tags --resource ${FN} --output yaml`,
  // The whole configuration would hold members Debian's older CLI model drops (see withoutNewerMembers, which reads JSON only).
  `aws lambda get-function-configuration --function-name p1 --query '{Name: FunctionName, Arch: Architectures, Env: Environment, Storage: EphemeralStorage, Snap: SnapStart, Version: Version, Description: Description}' --output yaml`,
  `aws lambda update-function-configuration --function-name p1 --environment '{"Variables":{"A":"1","B":"yes","C":"a: b","D":"2026-12-04","E":"it''s","F":""}}' --query Environment --output yaml`,
  'aws lambda list-aliases --function-name p1 --output yaml',
  // Tables: headers, nested sections, lists of lists, and one too wide for 80 columns drawn vertically.
  `aws lambda get-function-configuration --function-name p1 --query '{Name: FunctionName, Runtime: Runtime, Env: Environment, Arch: Architectures, Timeout: Timeout}' --output table`,
  'aws lambda list-aliases --function-name p1 --output table',
  `aws lambda list-tags --resource ${FN} --output table`,
  `aws lambda list-tags --resource ${FN} --output yaml-stream`,
  'aws lambda list-versions-by-function --function-name p1 --query "Versions[].[Version,Runtime,MemorySize]" --output table',
  'aws lambda get-function-configuration --function-name p1 --query "{Arn: FunctionArn, Role: Role, Sha: CodeSha256, Handler: Handler}" --output table',
  'aws lambda get-function-configuration --function-name p1 --query FunctionName --output table',
  'aws s3api list-buckets --query "Buckets[].Name" --output table',
  'aws lambda delete-alias --function-name p1 --name live',
  'aws lambda list-aliases --function-name p1 --output text',
  'aws logs create-log-group --log-group-name /custom/app',
  'aws logs create-log-stream --log-group-name /custom/app --log-stream-name s1',
  'aws logs put-log-events --log-group-name /custom/app --log-stream-name s1 --log-events timestamp=1700000000000,message=hello timestamp=1700000000001,message=world',
  'aws logs get-log-events --log-group-name /custom/app --log-stream-name s1 --query "events[].[timestamp,message]" --output text',
  'aws logs filter-log-events --log-group-name /custom/app --query "events[].message"',
  'aws logs tail /custom/app --since 1000w',
  'aws logs tail /custom/app --since 1000w --format short',
  'aws logs get-log-events --log-group-name /custom/app --log-stream-name s1 --output yaml',
  'aws logs put-retention-policy --log-group-name /custom/app --retention-in-days 7',
  'aws logs describe-log-groups --log-group-name-prefix /custom --query "logGroups[].[logGroupName,retentionInDays]" --output text',
  'aws logs describe-log-streams --log-group-name /nope',
  'aws logs create-log-group --log-group-name /custom/app',
  'aws sqs create-queue --queue-name orders',
  'aws sqs get-queue-url --queue-name orders',
  'aws sqs send-message --queue-url $QUEUE --message-body hello --query MD5OfMessageBody',
  'aws sqs get-queue-attributes --queue-url $QUEUE --attribute-names ApproximateNumberOfMessages',
  'aws sqs receive-message --queue-url $QUEUE --query "Messages[].Body" --output text',
  'aws sqs set-queue-attributes --queue-url $QUEUE --attributes VisibilityTimeout=40',
  'aws sqs get-queue-attributes --queue-url $QUEUE --attribute-names VisibilityTimeout --output text',
  'aws sqs list-queues',
  'aws sqs get-queue-attributes --queue-url $QUEUE --attribute-names All --output yaml',
  'aws sqs get-queue-url --queue-name nope',
  'aws sqs get-queue-attributes --queue-url $QUEUE --attribute-names All --output table',
  'aws s3api create-bucket --bucket photos',
  'aws s3api put-object --bucket photos --key a.txt --body a.txt --query ETag',
  'aws s3api list-objects-v2 --bucket photos --query "Contents[].[Key,Size]" --output text',
  'aws s3api head-object --bucket photos --key a.txt --query "[ContentLength,ETag]"',
  'aws s3api get-object --bucket photos --key a.txt got.txt --query ContentLength && cat got.txt',
  'aws s3api list-buckets --query "Buckets[].Name"',
  'aws s3api delete-object --bucket photos --key a.txt',
  'aws s3api get-object --bucket photos --key a.txt nothing.txt',
  'aws s3 mb s3://site',
  'aws s3 cp a.txt s3://site/a.txt --no-progress',
  'aws s3 cp a.txt s3://site/docs/b.txt --no-progress',
  'aws s3 ls',
  'aws s3 ls s3://site',
  'aws s3 ls s3://site/docs/',
  'aws s3 ls s3://site --recursive',
  'aws s3 cp s3://site/docs/b.txt b-copy.txt --no-progress && cat b-copy.txt',
  'aws s3 cp s3://site/docs/b.txt -',
  'aws s3 rm s3://site/a.txt',
  'aws s3 rb s3://site',
  'aws s3 ls s3://nope',
  'aws s3 cp nofile s3://site/x',
  // Folders: recursive copies, sync (missing, changed size, filters, --delete, back down), moves; the CLI prints transfers as they finish.
  'mkdir -p site/css && echo home > site/index.html && echo body > site/css/s.css && echo x > site/notes.txt',
  'aws s3 mb s3://web',
  'aws s3 cp site s3://web/v1 --recursive --no-progress',
  'aws s3 ls s3://web --recursive',
  'aws s3 ls s3://web --recursive --human-readable --summarize',
  'aws s3 sync site s3://web/v2 --exclude "*.txt" --no-progress',
  'aws s3 sync site s3://web/v2 --exclude "*.txt" --no-progress',
  'echo a-longer-body > site/css/s.css && aws s3 sync site s3://web/v2 --dryrun',
  'aws s3 sync site s3://web/v2 --exclude "*" --include "css/*" --no-progress',
  'aws s3 sync s3://web/v1 back --no-progress',
  'aws s3 sync s3://web/v1 back --no-progress',
  'cat back/css/s.css',
  'aws s3 mv s3://web/v1/notes.txt s3://web/old/notes.txt --no-progress',
  'aws s3 mv site/notes.txt s3://web/moved.txt --no-progress',
  'aws s3 cp site/index.html s3://web/v1/extra.html --no-progress',
  'aws s3 sync site s3://web/v1 --delete --no-progress',
  'aws s3 cp s3://web/v2 copied --recursive --exclude "css/*" --no-progress',
  'aws s3 rm s3://web/v2 --recursive --dryrun',
  'aws s3 rm s3://web --recursive',
  'aws s3 rb s3://web',
  'aws s3 sync nowhere s3://web --no-progress',
  'aws lambda delete-function --function-name p1',
  'aws lambda list-functions --query "Functions[].FunctionName"',
];

/** What may differ between two emulators started at different moments on different endpoints. */
function normalise(text: string, endpoint: string): string {
  return text
    .split(endpoint)
    .join('<endpoint>')
    .replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g, '<uuid>')
    .replace(/\d{4}-\d\d-\d\d \d\d:\d\d:\d\d/g, '<local time>')
    .replace(/\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:?\d\d)?/g, '<time>')
    .replace(/\b1[6-9]\d{11}\b/g, '<ms>')
    .replace(/\b1[6-9]\d{8}\b/g, '<s>');
}

/**
 * Members newer than Debian's CLI (2.9.19, January 2023): its botocore model lacks them, so its
 * parser drops them, while the SDK (and today's CLI) print them: Lambda's LoggingConfig (November
 * 2023), S3's BucketArn from CreateBucket (2025), and DeleteFunction's StatusCode (its response
 * shape gained the member with durable functions, 2025).
 */
const NEWER_THAN_THE_CLI: { member: string; in: RegExp }[] = [
  { member: 'LoggingConfig', in: /^aws lambda / },
  { member: 'BucketArn', in: /^aws s3api create-bucket / },
  { member: 'StatusCode', in: /^aws lambda delete-function / },
];

function withoutNewerMembers(stdout: string, line: string): string {
  const members = NEWER_THAN_THE_CLI.filter((m) => m.in.test(line)).map((m) => m.member);
  if (members.length === 0 || !stdout.startsWith('{')) return stdout;
  const strip = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.map(strip);
    if (typeof value !== 'object' || value === null) return value;
    return Object.fromEntries(Object.entries(value).filter(([k]) => !members.includes(k)).map(([k, v]) => [k, strip(v)]));
  };
  const stripped = strip(JSON.parse(stdout)) as Record<string, unknown>;
  return Object.keys(stripped).length === 0 ? '' : `${JSON.stringify(stripped, null, 4)}\n`;
}

const FILES: Record<string, Uint8Array> = {
  'fn.zip': zip({ 'index.js': 'exports.handler = async (event) => ({ hello: event.name ?? "nobody" });' }),
  'layer.zip': zip({ 'nodejs/node_modules/greet/index.js': 'module.exports = (n) => "Hello, " + n;' }),
  'a.txt': new TextEncoder().encode('hello s3\n'),
};

describe('the terminal’s aws (and aws s3) prints what the AWS CLI v2 prints', () => {
  let server: RunningServer;
  let service: LambdaService;
  let emulator: InProcessEmulator;
  let shell: Shell;
  let dir: string;
  let bin: string;

  beforeAll(async () => {
    service = new LambdaService({ environmentFactory: quickJSEngine(), clock: realClock, region: REGION, accountId: ACCOUNT });
    server = await startEmulatorServer(service, { port: 0 });
    ({ dir } = await awsCliSession(server.url));
    const cli = await findAwsCliV2();
    bin = join(dir, 'bin');
    mkdirSync(bin);
    writeFileSync(join(bin, 'aws'), `#!/bin/sh\nexec ${cli} --endpoint-url ${server.url} "$@"\n`);
    chmodSync(join(bin, 'aws'), 0o755);
    emulator = createInProcessEmulator({ environmentFactory: quickJSEngine(), region: REGION, accountId: ACCOUNT });
    shell = createShell({
      env: { QUEUE: `${IN_PROCESS_ENDPOINT}/${ACCOUNT}/orders`, AWS_REGION: REGION },
      commands: { aws: createAwsCommand({ clientConfig: { ...emulator.clientConfig } }) },
    });
    for (const [name, data] of Object.entries(FILES)) {
      writeFileSync(join(dir, name), data);
      shell.fs.writeFile(`${shell.cwd}/${name}`, data);
    }
  }, 60_000); // finding and starting the CLI takes seconds on a loaded machine

  afterAll(async () => {
    await server?.close();
    service?.shutdown();
    emulator?.close();
  });

  it(`${SCRIPT.length} command lines: the same stdout and exit status`, { timeout: 600_000 }, async () => {
    const env = {
      PATH: `${bin}:/usr/bin:/bin`,
      HOME: dir,
      AWS_ACCESS_KEY_ID: 'AKIDEXAMPLE',
      AWS_SECRET_ACCESS_KEY: 'secret',
      AWS_REGION: REGION,
      AWS_PAGER: '',
      AWS_CONFIG_FILE: join(dir, 'config'),
      AWS_SHARED_CREDENTIALS_FILE: join(dir, 'credentials'),
      QUEUE: `${server.url}/${ACCOUNT}/orders`,
    };
    const differences: string[] = [];
    for (const line of SCRIPT) {
      let real: { stdout: string; exitCode: number };
      try {
        real = { stdout: (await run('bash', ['-c', line], { env, cwd: dir })).stdout, exitCode: 0 };
      } catch (error) {
        const failure = error as { stdout: string; code: number };
        real = { stdout: failure.stdout, exitCode: failure.code };
      }
      const ours = await shell.run(line);
      // Several transfers print in the order they finish: compare their lines in any order.
      const order = (text: string) => (/^aws s3 (sync|(cp|mv|rm) .*--recursive)/.test(line) ? `${text.split('\n').filter(Boolean).sort().join('\n')}\n` : text);
      const expected = { stdout: order(normalise(real.stdout, server.url)), exitCode: real.exitCode };
      const actual = { stdout: order(normalise(withoutNewerMembers(ours.stdout, line), IN_PROCESS_ENDPOINT)), exitCode: ours.exitCode };
      if (JSON.stringify(expected) !== JSON.stringify(actual)) {
        differences.push(`$ ${line}\n--- the AWS CLI (exit ${expected.exitCode})\n${expected.stdout}--- the terminal (exit ${actual.exitCode}; stderr ${JSON.stringify(ours.stderr)})\n${actual.stdout}`);
      }
    }
    if (process.env['PARITY_REPORT'] !== undefined) writeFileSync(process.env['PARITY_REPORT'], differences.join('\n'));
    expect(differences.join('\n')).toBe('');
  });
});
