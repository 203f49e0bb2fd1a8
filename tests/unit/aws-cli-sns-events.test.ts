/**
 * Debian's AWS CLI v2 against the HTTP server for SNS (query protocol) and EventBridge (JSON 1.1):
 * `aws sns create-topic/subscribe/publish` into a function and a queue, and `aws events put-rule
 * --schedule-expression 'rate(1 minute)'` with `add-permission` and `put-targets`, the scheduler
 * advanced through the emulator's own route, invocations in the function's log. Virtual clock.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulatorServer, type RunningServer } from '../../src/hosts/node/http-server.ts';
import { zip, type LambdaService, type VirtualClock } from '../../src/emulator/index.ts';
import { ACCOUNT, REGION, makeService } from './support/harness.ts';
import { awsCliSession, type AwsCliSession } from './support/aws-cli.ts';
import { pattern } from './support/recordings.ts';
import { snsRecorded } from './support/sns-api-suite.ts';
import { createVmEnvironmentFactory } from './support/vm-engine.ts';
import { allowSendPolicy } from './support/queue-policy.ts';

const FUNCTION_ARN = `arn:aws:lambda:${REGION}:${ACCOUNT}:function:listener`;
const QUEUE_ARN = `arn:aws:sqs:${REGION}:${ACCOUNT}:inbox`;

describe('the AWS CLI v2: SNS and EventBridge into Lambda and SQS', () => {
  let server: RunningServer;
  let service: LambdaService;
  let clock: VirtualClock;
  let cli: AwsCliSession;
  const stderrOf = (p: Promise<unknown>) => p.then(() => '', (err: { stderr: string }) => err.stderr.trim());
  /** The function's logged events whose text has `needle`. */
  const logged = async (needle: string) => {
    const out = await cli.aws('logs', 'filter-log-events', '--log-group-name', '/aws/lambda/listener', '--filter-pattern', `"${needle}"`);
    return (out['events'] as { message: string }[]).map((e) => JSON.parse(e.message.split('\t')[3]!) as Record<string, unknown>);
  };

  beforeAll(async () => {
    ({ service, clock } = makeService(createVmEnvironmentFactory()));
    server = await startEmulatorServer(service, { port: 0 });
    cli = await awsCliSession(server.url);
    writeFileSync(join(cli.dir, 'fn.zip'), zip({ 'index.js': 'exports.handler = async (event) => { console.log(JSON.stringify(event)); return "ok"; };' }));
    await cli.aws('lambda', 'create-function', '--function-name', 'listener', '--runtime', 'nodejs22.x', '--role', `arn:aws:iam::${ACCOUNT}:role/lambda-role`, '--handler', 'index.handler', '--zip-file', 'fileb://fn.zip');
  }, 120_000);

  afterAll(async () => {
    await server?.close();
    service?.shutdown();
  });

  it('sns create-topic, subscribe a function and a queue, publish: the function logs SNS record, the queue holds the envelope', { timeout: 180_000 }, async () => {
    const { TopicArn } = (await cli.aws('sns', 'create-topic', '--name', 'news')) as { TopicArn: string };
    expect(TopicArn).toBe(`arn:aws:sns:${REGION}:${ACCOUNT}:news`);
    // The queue's policy lets the topic send to it, as AWS requires.
    writeFileSync(join(cli.dir, 'inbox.json'), JSON.stringify({ Policy: allowSendPolicy(QUEUE_ARN, 'sns.amazonaws.com', TopicArn) }));
    const queueUrl = String((await cli.aws('sqs', 'create-queue', '--queue-name', 'inbox', '--attributes', 'file://inbox.json'))['QueueUrl']);
    const fnSub = String((await cli.aws('sns', 'subscribe', '--topic-arn', TopicArn, '--protocol', 'lambda', '--notification-endpoint', FUNCTION_ARN))['SubscriptionArn']);
    await cli.aws('sns', 'subscribe', '--topic-arn', TopicArn, '--protocol', 'sqs', '--notification-endpoint', QUEUE_ARN);
    const listed = (await cli.aws('sns', 'list-subscriptions-by-topic', '--topic-arn', TopicArn))['Subscriptions'] as { Protocol: string }[];
    expect(listed.map((s) => s.Protocol)).toEqual(['lambda', 'sqs']);
    await cli.aws('lambda', 'add-permission', '--function-name', 'listener', '--statement-id', 'sns', '--action', 'lambda:InvokeFunction', '--principal', 'sns.amazonaws.com', '--source-arn', TopicArn);
    const published = await cli.aws('sns', 'publish', '--topic-arn', TopicArn, '--subject', 'Hi', '--message', 'hello from the CLI', '--message-attributes', '{"kind":{"DataType":"String","StringValue":"greeting"}}');
    expect(published['MessageId']).toMatch(/^[0-9a-f-]{36}$/);
    await service.scheduler.drain();
    const [event] = await logged('aws:sns');
    expect(event!['Records']).toEqual([
      expect.objectContaining({ EventSource: 'aws:sns', EventVersion: '1.0', EventSubscriptionArn: fnSub, Sns: expect.objectContaining({ Type: 'Notification', MessageId: published['MessageId'], TopicArn, Subject: 'Hi', Message: 'hello from the CLI', MessageAttributes: { kind: { Type: 'String', Value: 'greeting' } } }) }),
    ]);
    const received = (await cli.aws('sqs', 'receive-message', '--queue-url', queueUrl))['Messages'] as { Body: string }[];
    expect(JSON.parse(received[0]!.Body)).toMatchObject({ Type: 'Notification', MessageId: published['MessageId'], Subject: 'Hi', Message: 'hello from the CLI' });

    const missing = await stderrOf(cli.aws('sns', 'publish', '--topic-arn', `arn:aws:sns:${REGION}:${ACCOUNT}:nope`, '--message', 'x'));
    const rec = snsRecorded('TestSNSPublishCrud::test_unknown_topic_publish', 'error') as { Error: { Code: string; Message: string } };
    expect(missing).toMatch(pattern(`An error occurred (${rec.Error.Code}) when calling the Publish operation: ${rec.Error.Message}`));
  });

  it("events put-rule --schedule-expression 'rate(1 minute)', add-permission, put-targets: the scheduler advanced an hour invokes the function 60 times", { timeout: 180_000 }, async () => {
    const { RuleArn } = (await cli.aws('events', 'put-rule', '--name', 'every-minute', '--schedule-expression', 'rate(1 minute)')) as { RuleArn: string };
    expect(RuleArn).toBe(`arn:aws:events:${REGION}:${ACCOUNT}:rule/every-minute`);
    await cli.aws('lambda', 'add-permission', '--function-name', 'listener', '--statement-id', 'events', '--action', 'lambda:InvokeFunction', '--principal', 'events.amazonaws.com', '--source-arn', RuleArn);
    expect(await cli.aws('events', 'put-targets', '--rule', 'every-minute', '--targets', `Id=fn,Arn=${FUNCTION_ARN}`)).toEqual({ FailedEntryCount: 0, FailedEntries: [] });
    expect((await cli.aws('events', 'list-targets-by-rule', '--rule', 'every-minute'))['Targets']).toEqual([{ Id: 'fn', Arn: FUNCTION_ARN }]);
    const start = clock.now();
    const drained = await fetch(`${server.url}/_emulator/scheduler/drain?untilMs=${start + 60 * 60_000}`, { method: 'POST' });
    expect(drained.status).toBe(200);
    const events = await logged('Scheduled Event');
    expect(events).toHaveLength(60);
    expect(events[0]).toMatchObject({ 'detail-type': 'Scheduled Event', source: 'aws.events', resources: [RuleArn], detail: {} });
    const described = await cli.aws('events', 'describe-rule', '--name', 'every-minute');
    expect(described).toMatchObject({ Name: 'every-minute', ScheduleExpression: 'rate(1 minute)', State: 'ENABLED', EventBusName: 'default', CreatedBy: ACCOUNT });
    const invalid = await stderrOf(cli.aws('events', 'put-rule', '--name', 'bad', '--schedule-expression', 'cron(0 1 * * * *)'));
    expect(invalid).toBe('An error occurred (ValidationException) when calling the PutRule operation: Parameter ScheduleExpression is not valid.');
    await cli.aws('events', 'remove-targets', '--rule', 'every-minute', '--ids', 'fn');
    await cli.aws('events', 'delete-rule', '--name', 'every-minute');
    expect((await cli.aws('events', 'list-rules'))['Rules']).toEqual([]);
  });
});
