/**
 * Debian's AWS CLI v2 against the emulator's HTTP server, for S3 and what S3 does for Lambda:
 * `aws s3 mb/cp/ls`, a layer published from S3, a resource policy for s3.amazonaws.com, a bucket
 * notification, and an upload whose S3 event record the function logs. It fails (it does not skip)
 * when the CLI is missing, because it is the proof the wire format holds.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulatorServer, type RunningServer } from '../../src/hosts/node/http-server.ts';
import { LambdaService, realClock, zip } from '../../src/emulator/index.ts';
import { quickJSEngine } from './support/harness.ts';
import { awsCliSession, type AwsCliSession } from './support/aws-cli.ts';

const ACCOUNT = '111111111111';
const FUNCTION_ARN = `arn:aws:lambda:us-east-1:${ACCOUNT}:function:on-upload`;

describe('the AWS CLI v2: S3, and S3 notifications to Lambda', () => {
  let server: RunningServer;
  let service: LambdaService;
  let cli: AwsCliSession;

  beforeAll(async () => {
    service = new LambdaService({ environmentFactory: quickJSEngine(), clock: realClock, region: 'us-east-1', accountId: ACCOUNT });
    server = await startEmulatorServer(service, { port: 0 });
    cli = await awsCliSession(server.url);
  });

  afterAll(async () => {
    await server?.close();
    service?.shutdown();
  });

  it('mb, cp, ls; a layer from S3; add-permission, put-bucket-notification-configuration; an upload invokes the function', { timeout: 180_000 }, async () => {
    const { aws, text, dir } = cli;
    writeFileSync(join(dir, 'layer.zip'), zip({ 'nodejs/node_modules/greet/index.js': 'module.exports = (name) => "Hello, " + name + "!";' }));
    writeFileSync(
      join(dir, 'fn.zip'),
      zip({ 'index.js': 'exports.handler = async (event) => { console.log(JSON.stringify(event)); return require("greet")(event.Records[0].s3.object.key); };' }),
    );
    writeFileSync(join(dir, 'photo.txt'), 'a photo, as text\n');

    expect(await text('s3', 'mb', 's3://cli-bucket')).toBe('make_bucket: cli-bucket\n');
    expect(await text('s3', 'cp', 'layer.zip', 's3://cli-bucket/layer.zip')).toContain('upload: ./layer.zip to s3://cli-bucket/layer.zip');
    const listing = await text('s3', 'ls', 's3://cli-bucket');
    expect(listing).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d +\d+ layer\.zip\n$/);
    expect(await text('s3', 'ls')).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d cli-bucket\n$/);

    const layer = await aws('lambda', 'publish-layer-version', '--layer-name', 'greet', '--content', 'S3Bucket=cli-bucket,S3Key=layer.zip', '--compatible-runtimes', 'nodejs22.x');
    expect(layer).toMatchObject({ Version: 1, LayerVersionArn: `arn:aws:lambda:us-east-1:${ACCOUNT}:layer:greet:1` });
    await aws('lambda', 'create-function', '--function-name', 'on-upload', '--runtime', 'nodejs22.x', '--role', `arn:aws:iam::${ACCOUNT}:role/lambda-role`, '--handler', 'index.handler', '--zip-file', 'fileb://fn.zip', '--layers', String(layer['LayerVersionArn']));

    const configuration = JSON.stringify({ LambdaFunctionConfigurations: [{ Id: 'uploads', LambdaFunctionArn: FUNCTION_ARN, Events: ['s3:ObjectCreated:*'], Filter: { Key: { FilterRules: [{ Name: 'prefix', Value: 'uploads/' }] } } }] });
    const refused = await aws('s3api', 'put-bucket-notification-configuration', '--bucket', 'cli-bucket', '--notification-configuration', configuration).catch((err: { stderr: string }) => err.stderr);
    expect(refused).toContain('An error occurred (InvalidArgument) when calling the PutBucketNotificationConfiguration operation: Unable to validate the following destination configurations');

    const permission = await aws('lambda', 'add-permission', '--function-name', 'on-upload', '--statement-id', 's3', '--action', 'lambda:InvokeFunction', '--principal', 's3.amazonaws.com', '--source-arn', 'arn:aws:s3:::cli-bucket', '--source-account', ACCOUNT);
    expect(JSON.parse(String(permission['Statement']))).toEqual({
      Sid: 's3',
      Effect: 'Allow',
      Principal: { Service: 's3.amazonaws.com' },
      Action: 'lambda:InvokeFunction',
      Resource: FUNCTION_ARN,
      Condition: { StringEquals: { 'AWS:SourceAccount': ACCOUNT }, ArnLike: { 'AWS:SourceArn': 'arn:aws:s3:::cli-bucket' } },
    });
    expect(await aws('s3api', 'put-bucket-notification-configuration', '--bucket', 'cli-bucket', '--notification-configuration', configuration)).toEqual({});
    expect(await aws('s3api', 'get-bucket-notification-configuration', '--bucket', 'cli-bucket')).toEqual({
      LambdaFunctionConfigurations: [{ Id: 'uploads', LambdaFunctionArn: FUNCTION_ARN, Events: ['s3:ObjectCreated:*'], Filter: { Key: { FilterRules: [{ Name: 'Prefix', Value: 'uploads/' }] } } }],
    });

    expect(await text('s3', 'cp', 'photo.txt', 's3://cli-bucket/uploads/my photo.txt')).toContain('upload: ./photo.txt to s3://cli-bucket/uploads/my photo.txt');
    expect(await text('s3', 'cp', 's3://cli-bucket/uploads/my photo.txt', '-')).toBe('a photo, as text\n');
    expect(service.queue.pending).toHaveLength(1);
    await service.scheduler.drain();

    const logged = await aws('logs', 'filter-log-events', '--log-group-name', '/aws/lambda/on-upload', '--filter-pattern', '"Records"');
    const messages = (logged['events'] as { message: string }[]).map((e) => JSON.parse(e.message.split('\t')[3]!) as { Records: Record<string, unknown>[] });
    expect(messages).toHaveLength(1);
    const record = messages[0]!.Records[0]!;
    expect(record).toMatchObject({
      eventVersion: '2.1',
      eventSource: 'aws:s3',
      awsRegion: 'us-east-1',
      eventName: 'ObjectCreated:Put',
      s3: {
        s3SchemaVersion: '1.0',
        configurationId: 'uploads',
        bucket: { name: 'cli-bucket', arn: 'arn:aws:s3:::cli-bucket' },
        object: { key: 'uploads/my+photo.txt', size: 17 },
      },
    });
    const head = await aws('s3api', 'head-object', '--bucket', 'cli-bucket', '--key', 'uploads/my photo.txt');
    expect(`"${(record['s3'] as { object: { eTag: string } }).object.eTag}"`).toBe(head['ETag']);
    expect(head).toMatchObject({ ContentLength: 17, ContentType: 'text/plain' });

    const missing = await aws('s3api', 'get-object', '--bucket', 'cli-bucket', '--key', 'nope', 'out.bin').catch((err: { stderr: string }) => err.stderr);
    expect(missing).toContain('An error occurred (NoSuchKey) when calling the GetObject operation: The specified key does not exist.');
    const notEmpty = await text('s3', 'rb', 's3://cli-bucket').catch((err: { stderr: string }) => err.stderr);
    expect(notEmpty).toContain('BucketNotEmpty');
  });

  it('put-bucket-notification-configuration to an SQS queue: refused until the queue policy allows S3, then the test event and records arrive', { timeout: 120_000 }, async () => {
    const { aws, text } = cli;
    const queueArn = `arn:aws:sqs:us-east-1:${ACCOUNT}:cli-events`;
    expect(await text('s3', 'mb', 's3://cli-queue-bucket')).toBe('make_bucket: cli-queue-bucket\n');
    const queueUrl = String((await aws('sqs', 'create-queue', '--queue-name', 'cli-events'))['QueueUrl']);
    const configuration = JSON.stringify({ QueueConfigurations: [{ Id: 'to-queue', QueueArn: queueArn, Events: ['s3:ObjectCreated:*'] }] });
    const refused = await aws('s3api', 'put-bucket-notification-configuration', '--bucket', 'cli-queue-bucket', '--notification-configuration', configuration).catch((err: { stderr: string }) => err.stderr);
    expect(refused).toContain('An error occurred (InvalidArgument) when calling the PutBucketNotificationConfiguration operation: Unable to validate the following destination configurations');
    const policy = JSON.stringify({ Statement: [{ Effect: 'Allow', Principal: { Service: 's3.amazonaws.com' }, Action: 'sqs:SendMessage', Resource: queueArn, Condition: { ArnLike: { 'aws:SourceArn': 'arn:aws:s3:::cli-queue-bucket' } } }] });
    await aws('sqs', 'set-queue-attributes', '--queue-url', queueUrl, '--attributes', JSON.stringify({ Policy: policy }));
    expect(await aws('s3api', 'put-bucket-notification-configuration', '--bucket', 'cli-queue-bucket', '--notification-configuration', configuration)).toEqual({});
    expect(await aws('s3api', 'get-bucket-notification-configuration', '--bucket', 'cli-queue-bucket')).toEqual({ QueueConfigurations: [{ Id: 'to-queue', QueueArn: queueArn, Events: ['s3:ObjectCreated:*'] }] });
    await aws('s3api', 'put-object', '--bucket', 'cli-queue-bucket', '--key', 'a b.txt');
    const received = await aws('sqs', 'receive-message', '--queue-url', queueUrl, '--max-number-of-messages', '10');
    const bodies = (received['Messages'] as { Body: string }[]).map((m) => JSON.parse(m.Body) as Record<string, any>);
    expect(bodies.map((b) => b['Event'] ?? b['Records'][0].eventName)).toEqual(['s3:TestEvent', 'ObjectCreated:Put']);
    expect(bodies[1]!['Records'][0]).toMatchObject({ eventVersion: '2.1', s3: { configurationId: 'to-queue', bucket: { name: 'cli-queue-bucket' }, object: { key: 'a+b.txt', size: 0 } } });
  });
});
