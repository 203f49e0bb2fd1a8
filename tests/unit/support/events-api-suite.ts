/**
 * The EventBridge specification, run through the real `EventBridgeClient` (JSON 1.1) on a virtual
 * clock: rules (schedules and patterns), targets, PutEvents, and scheduled rules firing on the
 * clock into a function (allowed by its resource policy) and a queue. Each transport runs the
 * same suite; codes, statuses and messages are those of events_test_events*.snapshot.json.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  CreateEventBusCommand,
  DeleteEventBusCommand,
  DeleteRuleCommand,
  DescribeRuleCommand,
  DisableRuleCommand,
  EnableRuleCommand,
  ListRuleNamesByTargetCommand,
  ListRulesCommand,
  ListTargetsByRuleCommand,
  PutEventsCommand,
  PutRuleCommand,
  PutTargetsCommand,
  RemoveTargetsCommand,
  type EventBridgeClient,
} from '@aws-sdk/client-eventbridge';
import { CreateQueueCommand, ReceiveMessageCommand, type SQSClient } from '@aws-sdk/client-sqs';
import { AddPermissionCommand, CreateFunctionCommand, type LambdaClient } from '@aws-sdk/client-lambda';
import { FilterLogEventsCommand, type CloudWatchLogsClient } from '@aws-sdk/client-cloudwatch-logs';
import type { LambdaService, VirtualClock } from '../../../src/emulator/index.ts';
import { ACCOUNT, REGION, ROLE, makeService, zipBytes } from './harness.ts';
import { failure } from './failure.ts';
import { pattern, recordingsOf } from './recordings.ts';
import { createVmEnvironmentFactory } from './vm-engine.ts';
import { allowSendPolicy } from './queue-policy.ts';

export interface EventsConnection {
  events: EventBridgeClient;
  sqs: SQSClient;
  lambda: LambdaClient;
  logs: CloudWatchLogsClient;
  close(): Promise<void>;
}

const recorded = recordingsOf('events_test_events.snapshot.json', 'tests/aws/services/events/test_events.py::');
const scheduleRecorded = recordingsOf('events_test_events_schedule.snapshot.json', 'tests/aws/services/events/test_events_schedule.py::');

type RecordedError = { Error: { Code: string; Message: string }; ResponseMetadata: { HTTPStatusCode: number } };

async function expectRecordedError(call: Promise<unknown>, rec: unknown, names: Record<string, string> = {}): Promise<void> {
  const actual = await failure(call);
  const { Error, ResponseMetadata } = rec as RecordedError;
  const message = Object.entries(names).reduce((m, [k, v]) => m.replaceAll(k, v), Error.Message);
  expect({ name: actual.name, status: actual.status }).toEqual({ name: Error.Code, status: ResponseMetadata.HTTPStatusCode });
  expect(actual.message).toMatch(pattern(message));
}

const RULE_ARN = (name: string) => `arn:aws:events:${REGION}:${ACCOUNT}:rule/${name}`;
const QUEUE_ARN = (name: string) => `arn:aws:sqs:${REGION}:${ACCOUNT}:${name}`;
const MINUTE = 60_000;
const PATTERN = JSON.stringify({ source: ['core.update-account-command'], 'detail-type': ['core.update-account-command'], detail: { command: ['update-account'] } });

export function eventsApiSuite(transport: string, connect: (service: LambdaService) => Promise<EventsConnection>): void {
  describe(`EventBridge through ${transport}`, () => {
    let service: LambdaService;
    let clock: VirtualClock;
    let c: EventsConnection;
    let events: EventBridgeClient;
    /** A queue whose policy lets EventBridge send to it for `rule`. */
    const queueFor = async (name: string, rule: string, attributes: Record<string, string> = {}) =>
      (await c.sqs.send(new CreateQueueCommand({ QueueName: name, Attributes: { ...attributes, Policy: allowSendPolicy(QUEUE_ARN(name), 'events.amazonaws.com', RULE_ARN(rule)) } }))).QueueUrl!;

    beforeEach(async () => {
      ({ service, clock } = makeService(createVmEnvironmentFactory()));
      c = await connect(service);
      events = c.events;
    });
    afterEach(async () => {
      await c.close();
      service.shutdown();
    });

    it('PutRule, ListRules, DescribeRule, Disable/EnableRule and DeleteRule answer as recorded', async () => {
      const put = await events.send(new PutRuleCommand({ Name: 'r1', EventPattern: PATTERN }));
      expect(put.RuleArn).toBe(RULE_ARN('r1'));
      const t = 'TestEventRule::test_put_list_with_prefix_describe_delete_rule[default]';
      const fill = (v: unknown) => JSON.parse(JSON.stringify(v).replaceAll('<partition>', 'aws').replaceAll('<region>', REGION).replaceAll('<rule-name>', 'r1').replaceAll('111111111111', ACCOUNT)) as Record<string, unknown>;
      const listed = await events.send(new ListRulesCommand({ NamePrefix: 'r' }));
      const { ResponseMetadata: _m1, ...recList } = fill(recorded(t, 'list-rules')) as { Rules: Record<string, unknown>[]; ResponseMetadata: unknown };
      expect(listed.Rules!.map((r) => ({ ...r, EventPattern: JSON.parse(r.EventPattern!) }))).toEqual(recList.Rules);
      const described = await events.send(new DescribeRuleCommand({ Name: 'r1' }));
      const { $metadata: _m, ...desc } = described;
      const { ResponseMetadata: _m2, ...recDesc } = fill(recorded(t, 'describe-rule'));
      expect({ ...desc, EventPattern: JSON.parse(desc.EventPattern!) }).toEqual(recDesc);
      await events.send(new DisableRuleCommand({ Name: 'r1' }));
      expect((await events.send(new DescribeRuleCommand({ Name: 'r1' }))).State).toBe('DISABLED');
      await events.send(new EnableRuleCommand({ Name: 'r1' }));
      await events.send(new PutTargetsCommand({ Rule: 'r1', Targets: [{ Id: 't1', Arn: QUEUE_ARN('q') }] }));
      expect((await events.send(new ListRuleNamesByTargetCommand({ TargetArn: QUEUE_ARN('q') }))).RuleNames).toEqual(['r1']);
      await expectRecordedError(events.send(new DeleteRuleCommand({ Name: 'r1' })), recorded('TestEventRule::test_delete_rule_with_targets', 'delete-rule-with-targets-error'));
      await events.send(new RemoveTargetsCommand({ Rule: 'r1', Ids: ['t1'] }));
      await events.send(new DeleteRuleCommand({ Name: 'r1' }));
      expect((await events.send(new ListRulesCommand({}))).Rules).toEqual([]);
      await expectRecordedError(events.send(new DescribeRuleCommand({ Name: 'r1' })), recorded('TestEventRule::test_describe_nonexistent_rule', 'describe-not-existing-rule-error'), { '<rule-name>': 'r1' });
    });

    it('validates schedules, target ids, limits and buses with the recorded messages', async () => {
      for (const bad of ['cron(INVALID)', 'cron(0 dummy ? * MON-FRI *)', 'cron(7 20 * * NOT *)', 'cron(71 8 1 * ? *)', 'cron(0 1 * * * *)']) {
        await expectRecordedError(events.send(new PutRuleCommand({ Name: 'bad', ScheduleExpression: bad })), scheduleRecorded(`TestScheduleCron::tests_put_rule_with_invalid_schedule_cron[${bad}]`, 'invalid-put-rule'));
      }
      for (const good of ['cron(0 10 * * ? *)', 'cron(15 10 ? * 6L 2002-2005)', 'cron(0 2 ? * SAT#3 *)', 'cron(0/5 8-17 ? * MON-FRI *)', 'rate(1 minute)', 'rate(5 minutes)']) {
        expect((await events.send(new PutRuleCommand({ Name: 'good', ScheduleExpression: good }))).RuleArn).toBe(RULE_ARN('good'));
      }
      expect((await failure(events.send(new PutRuleCommand({ Name: 'bad', ScheduleExpression: 'rate(1 minutes)' })))).message).toBe('Parameter ScheduleExpression is not valid.');
      await events.send(new CreateEventBusCommand({ Name: 'custom' }));
      await expectRecordedError(
        events.send(new PutRuleCommand({ Name: 'sched', EventBusName: 'custom', ScheduleExpression: 'rate(1 minute)' })),
        scheduleRecorded('TestScheduleRate::tests_put_rule_with_schedule_custom_event_bus', 'put-rule-with-custom-event-bus-error'),
      );
      await events.send(new DeleteEventBusCommand({ Name: 'custom' }));
      await events.send(new PutRuleCommand({ Name: 'r', EventPattern: PATTERN }));
      await expectRecordedError(events.send(new PutTargetsCommand({ Rule: 'r', Targets: [{ Id: '!@#$@!#$', Arn: QUEUE_ARN('q') }] })), recorded('TestEventTarget::test_put_target_id_validation', 'put-targets-invalid-id-error'));
      await expectRecordedError(events.send(new PutTargetsCommand({ Rule: 'r', Targets: [{ Id: 'second-invalid-target-id'.repeat(3), Arn: QUEUE_ARN('q') }] })), {
        ...(recorded('TestEventTarget::test_put_target_id_validation', 'put-targets-length-error') as RecordedError),
        Error: { Code: 'ValidationException', Message: (recorded('TestEventTarget::test_put_target_id_validation', 'put-targets-length-error') as RecordedError).Error.Message.replace('second-invalid-target-id', 'second-invalid-target-id'.repeat(3)) },
      });
      await events.send(new PutTargetsCommand({ Rule: 'r', Targets: [1, 2, 3, 4, 5].map((i) => ({ Id: `t${i}`, Arn: QUEUE_ARN('q') })) }));
      await expectRecordedError(events.send(new PutTargetsCommand({ Rule: 'r', Targets: [{ Id: 't6', Arn: QUEUE_ARN('q') }] })), recorded('TestEventTarget::test_add_exceed_fife_targets_per_rule', 'put-targets-client-error'));
      expect((await events.send(new ListTargetsByRuleCommand({ Rule: 'r', Limit: 3 }))).Targets!.map((t) => t.Id)).toEqual(['t1', 't2', 't3']);
      const noSource = await events.send(new PutEventsCommand({ Entries: [{ DetailType: 'x', Detail: '{}' }] }));
      const { ResponseMetadata: _m, ...rec } = recorded('TestEvents::test_put_events_without_source', 'put-events') as Record<string, unknown>;
      const { $metadata: _n, ...got } = noSource;
      expect(got).toEqual(rec);
    });

    it('PutEvents delivers matching events to a queue target in EventBridge event shape', async () => {
      const url = await queueFor('bus-events', 'match');
      await events.send(new PutRuleCommand({ Name: 'match', EventPattern: PATTERN }));
      await events.send(new PutTargetsCommand({ Rule: 'match', Targets: [{ Id: 'q', Arn: QUEUE_ARN('bus-events') }] }));
      const detail = { command: 'update-account', payload: { acc_id: '0a787ecb-4015', sf_id: 'baz' } };
      const put = await events.send(new PutEventsCommand({ Entries: [
        { Source: 'core.update-account-command', DetailType: 'core.update-account-command', Detail: JSON.stringify(detail) },
        { Source: 'core.update-account-command', DetailType: 'core.update-account-command', Detail: JSON.stringify({ command: 'other' }) },
      ] }));
      expect(put.FailedEntryCount).toBe(0);
      const got = (await c.sqs.send(new ReceiveMessageCommand({ QueueUrl: url, MaxNumberOfMessages: 10 }))).Messages ?? [];
      expect(got).toHaveLength(1);
      const body = JSON.parse(got[0]!.Body!) as Record<string, unknown>;
      const rec = (recorded('TestEventRule::test_process_to_multiple_matching_rules_single_target', 'events') as Record<string, unknown>[])[0]!;
      expect(Object.keys(body)).toEqual(Object.keys(rec));
      expect(body).toEqual({ ...rec, id: put.Entries![0]!.EventId, region: REGION, account: ACCOUNT, time: new Date(clock.now()).toISOString().replace('.000Z', 'Z') });
    });

    it('a rate(5 minutes) rule runs a whole day on the virtual clock: 288 scheduled events to its function and queue', async () => {
      await c.lambda.send(new CreateFunctionCommand({
        FunctionName: 'tick', Runtime: 'nodejs22.x', Role: ROLE, Handler: 'index.handler',
        Code: { ZipFile: zipBytes({ 'index.js': 'exports.handler = async (event) => { console.log(JSON.stringify(event)); return "ok"; };' }) },
      }));
      const url = await queueFor('ticks', 'every-5');
      const start = clock.now();
      const { RuleArn } = await events.send(new PutRuleCommand({ Name: 'every-5', ScheduleExpression: 'rate(5 minutes)' }));
      await events.send(new PutTargetsCommand({ Rule: 'every-5', Targets: [{ Id: 'fn', Arn: `arn:aws:lambda:${REGION}:${ACCOUNT}:function:tick` }, { Id: 'q', Arn: QUEUE_ARN('ticks') }] }));
      // Without a resource policy for events.amazonaws.com, the first firing reaches only the queue.
      await service.scheduler.drain({ untilMs: start + 5 * MINUTE });
      await c.lambda.send(new AddPermissionCommand({ FunctionName: 'tick', StatementId: 'events', Action: 'lambda:InvokeFunction', Principal: 'events.amazonaws.com', SourceArn: RuleArn }));
      await service.scheduler.drain({ untilMs: start + 24 * 60 * MINUTE });
      const logged = await c.logs.send(new FilterLogEventsCommand({ logGroupName: '/aws/lambda/tick', filterPattern: '"Scheduled Event"' }));
      expect(logged.events).toHaveLength(287);
      const first = JSON.parse(logged.events![0]!.message!.split('\t')[3]!) as Record<string, unknown>;
      const rec = (scheduleRecorded('TestScheduleRate::tests_schedule_rate_target_sqs', 'messages-first') as { Body: Record<string, unknown> }[])[0]!.Body;
      expect(Object.keys(first)).toEqual(Object.keys(rec));
      expect(first).toMatchObject({ version: '0', 'detail-type': 'Scheduled Event', source: 'aws.events', account: ACCOUNT, region: REGION, resources: [RuleArn], detail: {}, time: new Date(start + 10 * MINUTE).toISOString().replace('.000Z', 'Z') });
      let received = 0;
      for (;;) {
        const batch = (await c.sqs.send(new ReceiveMessageCommand({ QueueUrl: url, MaxNumberOfMessages: 10, VisibilityTimeout: 43_200 }))).Messages ?? [];
        if (batch.length === 0) break;
        received += batch.length;
      }
      expect(received).toBe(288);
      // Disabled, it stops firing.
      await events.send(new DisableRuleCommand({ Name: 'every-5' }));
      await service.scheduler.drain({ untilMs: start + 25 * 60 * MINUTE });
      expect((await c.logs.send(new FilterLogEventsCommand({ logGroupName: '/aws/lambda/tick', filterPattern: '"Scheduled Event"' }))).events).toHaveLength(287);
    });

    it('a cron rule fires at the times its fields name, in UTC', async () => {
      // Kept 14 days: SQS's default retention (4 days) would drop the first week's messages.
      const url = await queueFor('weekdays', 'evenings', { MessageRetentionPeriod: '1209600' });
      const start = clock.now(); // 2026-01-01T00:00Z, a Thursday
      await events.send(new PutRuleCommand({ Name: 'evenings', ScheduleExpression: 'cron(30 18 ? * MON-FRI *)' }));
      await events.send(new PutTargetsCommand({ Rule: 'evenings', Targets: [{ Id: 'q', Arn: QUEUE_ARN('weekdays'), Input: '{"custom-value":"somecustominput"}' }] }));
      await service.scheduler.drain({ untilMs: start + 7 * 24 * 60 * MINUTE });
      const bodies: string[] = [];
      for (;;) {
        const batch = (await c.sqs.send(new ReceiveMessageCommand({ QueueUrl: url, MaxNumberOfMessages: 10, VisibilityTimeout: 43_200, MessageSystemAttributeNames: ['SentTimestamp'] }))).Messages ?? [];
        if (batch.length === 0) break;
        bodies.push(...batch.map((m) => `${new Date(Number(m.Attributes!['SentTimestamp'])).toISOString()} ${m.Body}`));
      }
      const input = (scheduleRecorded('TestScheduleRate::tests_schedule_rate_custom_input_target_sqs', 'messages') as { Body: unknown }[])[0]!.Body;
      expect(bodies).toEqual(['2026-01-01', '2026-01-02', '2026-01-05', '2026-01-06', '2026-01-07'].map((d) => `${d}T18:30:00.000Z ${JSON.stringify(input)}`));
    });
  });
}
