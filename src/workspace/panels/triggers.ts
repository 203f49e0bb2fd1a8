/**
 * Triggers tab: what invokes the function, and the console's "Add trigger" for an S3 bucket, an SQS
 * queue, an SNS topic and an EventBridge schedule. Each makes the calls the console makes, in the
 * same order: for the push sources (S3, SNS, EventBridge) first the resource-based policy
 * statement that lets the service invoke the function, then the service's own configuration; for
 * SQS an event source mapping, which the execution role's permissions make work. The status line
 * says what was added, and a refusal appears beside the form in the service's own words.
 */
import { AddPermissionCommand, CreateEventSourceMappingCommand, GetFunctionConfigurationCommand } from '@aws-sdk/client-lambda';
import { GetBucketNotificationConfigurationCommand, ListBucketsCommand, PutBucketNotificationConfigurationCommand, type Event as S3Event } from '@aws-sdk/client-s3';
import { GetQueueAttributesCommand, ListQueuesCommand } from '@aws-sdk/client-sqs';
import { limits } from '../../emulator/index.ts';
import { h, clear, field, select } from '../dom.ts';
import type { Ctx } from '../context.ts';
import { readOverview } from '../function-diagram.ts';
import { ACCOUNT_ID, currentFunction, NO_FUNCTION_YET } from './function-bar.ts';

type Source = 's3' | 'sqs' | 'sns' | 'events';

const SOURCES: [Source, string][] = [
  ['s3', 'S3'],
  ['sqs', 'SQS'],
  ['sns', 'SNS'],
  ['events', 'EventBridge (CloudWatch Events): schedule'],
];

const S3_EVENTS: [string, string][] = [
  ['s3:ObjectCreated:*', 'All object create events'],
  ['s3:ObjectCreated:Put', 'PUT'],
  ['s3:ObjectCreated:Copy', 'Copy'],
  ['s3:ObjectRemoved:*', 'All object delete events'],
];

/** The statement id the console gives a trigger's permission: `lambda-` and a UUID. */
const statementId = () => `lambda-${crypto.randomUUID()}`;

export function triggersPanel(ctx: Ctx): HTMLElement {
  const body = h('div', { class: 'wb-triggers' });

  async function render(): Promise<void> {
    const fn = currentFunction(ctx);
    if (!fn) return clear(body, h('p', {}, NO_FUNCTION_YET));
    const overview = await readOverview(ctx, fn).catch(() => undefined);
    const [buckets, queues] = await Promise.all([
      ctx.emu.s3.send(new ListBucketsCommand({})).then((r) => (r.Buckets ?? []).map((b) => b.Name ?? ''), () => []),
      ctx.emu.sqs.send(new ListQueuesCommand({})).then((r) => r.QueueUrls ?? [], () => []),
    ]);
    const source = select(SOURCES, 's3');
    source.setAttribute('data-trigger-source', '');
    const fields = h('div', { 'data-trigger-fields': '' });
    const form = h('form', { 'aria-labelledby': 'add-trigger', 'data-add-trigger': '' });

    // Choices the account already has, offered as the console lists them (a name can still be typed).
    const datalist = (id: string, values: string[]) => h('datalist', { id }, ...values.map((v) => h('option', { value: v })));
    const bucket = h('input', { type: 'text', list: 'wb-trigger-buckets', autocomplete: 'off', spellcheck: 'false', required: true, 'data-trigger-bucket': '' });
    const s3Events = select(S3_EVENTS, 's3:ObjectCreated:*');
    s3Events.setAttribute('data-trigger-events', '');
    const prefix = h('input', { type: 'text', spellcheck: 'false', 'data-trigger-prefix': '' });
    const suffix = h('input', { type: 'text', spellcheck: 'false', 'data-trigger-suffix': '' });
    const acknowledge = h('input', { type: 'checkbox', required: true, 'data-trigger-acknowledge': '' });
    const queue = h('input', { type: 'text', list: 'wb-trigger-queues', autocomplete: 'off', spellcheck: 'false', required: true, 'data-trigger-queue': '' });
    const { batchSize: batch, batchingWindowSeconds: windowLimits } = limits.eventSourceMapping;
    const batchSize = h('input', { type: 'number', min: batch.min, max: batch.max, value: batch.default, 'data-trigger-batch-size': '' });
    const window = h('input', { type: 'number', min: windowLimits.min, max: windowLimits.max, value: windowLimits.default, 'data-trigger-window': '' });
    const partial = h('input', { type: 'checkbox', 'data-trigger-partial': '' });
    const topic = h('input', { type: 'text', spellcheck: 'false', required: true, placeholder: `arn:aws:sns:${ctx.emu.service.region}:${ACCOUNT_ID}:my-topic`, 'data-trigger-topic': '' });
    const ruleName = h('input', { type: 'text', spellcheck: 'false', required: true, value: `${fn}-schedule`, 'data-trigger-rule': '' });
    const schedule = h('input', { type: 'text', spellcheck: 'false', required: true, value: 'rate(5 minutes)', 'data-trigger-schedule': '' });

    const show = () => {
      const which = source.value as Source;
      if (which === 's3') {
        clear(
          fields,
          datalist('wb-trigger-buckets', buckets),
          field('Bucket', bucket, buckets.length ? `This account's buckets: ${buckets.join(', ')}.` : 'Create the bucket first (aws s3 mb s3://NAME in the Terminal tab).'),
          field('Event types', s3Events),
          h('div', { class: 'wb-grid' }, field('Prefix (optional)', prefix, 'e.g. incoming/'), field('Suffix (optional)', suffix, 'e.g. .jpg')),
          field('I acknowledge that using the same S3 bucket for both input and output is not recommended, and that this configuration can cause recursive invocations, increased Lambda usage and increased costs.', acknowledge),
        );
      } else if (which === 'sqs') {
        clear(
          fields,
          datalist('wb-trigger-queues', queues.map((url) => url.split('/').pop() ?? url)),
          field('SQS queue', queue, 'The queue\'s name or ARN. The execution role needs sqs:ReceiveMessage, sqs:DeleteMessage and sqs:GetQueueAttributes on it.'),
          h('div', { class: 'wb-grid' }, field('Batch size', batchSize, `${batch.min} to ${batch.max.toLocaleString('en-US')} (over ${batch.maxWithoutWindow} needs a batch window)`), field('Batch window (seconds)', window, `${windowLimits.min} to ${windowLimits.max}`)),
          field('Report batch item failures', partial),
        );
      } else if (which === 'sns') {
        clear(fields, field('SNS topic ARN', topic));
      } else {
        clear(fields, h('div', { class: 'wb-grid' }, field('Rule name', ruleName), field('Schedule expression', schedule, 'rate(5 minutes) or cron(0 12 * * ? *)')));
      }
    };
    source.addEventListener('change', show);
    show();

    const add = h('button', { type: 'submit', class: 'wb-primary', 'data-action': 'add-trigger' }, 'Add');
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      void ctx.run('Adding the trigger', async () => {
        const config = await ctx.emu.lambda.send(new GetFunctionConfigurationCommand({ FunctionName: fn }));
        const message = await addTrigger(ctx, source.value as Source, fn, config.FunctionArn ?? '', {
          bucket: bucket.value.trim(),
          events: [s3Events.value],
          prefix: prefix.value,
          suffix: suffix.value,
          queue: queue.value.trim(),
          queueUrls: queues,
          batchSize: Number(batchSize.value),
          window: Number(window.value),
          partial: partial.checked,
          topic: topic.value.trim(),
          ruleName: ruleName.value.trim(),
          schedule: schedule.value.trim(),
        });
        ctx.status(message, 'success');
        ctx.changed('config');
        ctx.save();
      }, add);
    });

    clear(
      body,
      h(
        'section',
        { 'aria-labelledby': 'trigger-list' },
        h('h3', { id: 'trigger-list' }, `Triggers of ${fn}`),
        overview && overview.triggers.length
          ? h('ul', { 'data-trigger-list': '' }, ...overview.triggers.map((t) => h('li', {}, h('strong', {}, t.label), t.detail ? ` (${t.detail})` : '')))
          : h('p', { 'data-trigger-list': '' }, 'None yet.'),
      ),
      h('section', {}, h('h3', { id: 'add-trigger' }, 'Add trigger'), form),
    );
    form.append(field('Source', source), fields, h('div', { class: 'wb-row' }, add));
  }

  ctx.on('functions', () => void render());
  ctx.on('config', () => void render());
  void render();
  return body;
}

interface TriggerInput {
  bucket: string;
  events: string[];
  prefix: string;
  suffix: string;
  queue: string;
  queueUrls: string[];
  batchSize: number;
  window: number;
  partial: boolean;
  topic: string;
  ruleName: string;
  schedule: string;
}

/** Makes the console's calls for one trigger; returns the status line that says what was added. */
async function addTrigger(ctx: Ctx, source: Source, fn: string, functionArn: string, input: TriggerInput): Promise<string> {
  const region = ctx.emu.service.region;
  const allow = async (principal: string, sourceArn: string, withAccount: boolean) => {
    const sid = statementId();
    await ctx.emu.lambda.send(
      new AddPermissionCommand({ FunctionName: fn, StatementId: sid, Action: 'lambda:InvokeFunction', Principal: principal, SourceArn: sourceArn, ...(withAccount ? { SourceAccount: ACCOUNT_ID } : {}) }),
    );
    return sid;
  };
  if (source === 's3') {
    const { bucket } = input;
    // The bucket must exist before the function's policy names it: S3 answers NoSuchBucket in its own words.
    const current = await ctx.emu.s3.send(new GetBucketNotificationConfigurationCommand({ Bucket: bucket }));
    const sid = await allow('s3.amazonaws.com', `arn:aws:s3:::${bucket}`, true);
    const rules = [...(input.prefix ? [{ Name: 'prefix' as const, Value: input.prefix }] : []), ...(input.suffix ? [{ Name: 'suffix' as const, Value: input.suffix }] : [])];
    await ctx.emu.s3.send(
      new PutBucketNotificationConfigurationCommand({
        Bucket: bucket,
        NotificationConfiguration: {
          TopicConfigurations: current.TopicConfigurations,
          QueueConfigurations: current.QueueConfigurations,
          EventBridgeConfiguration: current.EventBridgeConfiguration,
          LambdaFunctionConfigurations: [
            ...(current.LambdaFunctionConfigurations ?? []),
            { LambdaFunctionArn: functionArn, Events: input.events as S3Event[], ...(rules.length ? { Filter: { Key: { FilterRules: rules } } } : {}) },
          ],
        },
      }),
    );
    return `Added the trigger ${bucket} to ${fn}: its resource-based policy now allows s3.amazonaws.com to invoke it (statement ${sid}), and the bucket sends it ${input.events.join(', ')}${rules.length ? ` for keys ${rules.map((r) => `${r.Name === 'prefix' ? 'starting' : 'ending'} with "${r.Value}"`).join(' and ')}` : ''}.`;
  }
  if (source === 'sqs') {
    const byName = input.queueUrls.find((url) => url.split('/').pop() === input.queue);
    const arn = input.queue.startsWith('arn:')
      ? input.queue
      : byName
        ? (await ctx.emu.sqs.send(new GetQueueAttributesCommand({ QueueUrl: byName, AttributeNames: ['QueueArn'] }))).Attributes?.['QueueArn'] ?? ''
        : `arn:aws:sqs:${region}:${ACCOUNT_ID}:${input.queue}`;
    const mapping = await ctx.emu.lambda.send(
      new CreateEventSourceMappingCommand({
        FunctionName: fn,
        EventSourceArn: arn,
        BatchSize: input.batchSize,
        ...(input.window > 0 ? { MaximumBatchingWindowInSeconds: input.window } : {}),
        ...(input.partial ? { FunctionResponseTypes: ['ReportBatchItemFailures'] } : {}),
      }),
    );
    return `Added the trigger ${input.queue} to ${fn}: event source mapping ${mapping.UUID} (${mapping.State}), batches of up to ${input.batchSize}. Lambda polls the queue as the function's execution role.`;
  }
  if (source === 'sns') {
    const { SNSClient, SubscribeCommand } = await import('@aws-sdk/client-sns');
    const sid = await allow('sns.amazonaws.com', input.topic, false);
    const sns = new SNSClient(ctx.emu.clientConfig);
    try {
      const subscription = await sns.send(new SubscribeCommand({ TopicArn: input.topic, Protocol: 'lambda', Endpoint: functionArn }));
      return `Added the trigger ${input.topic.split(':').pop()} to ${fn}: its resource-based policy now allows sns.amazonaws.com to invoke it (statement ${sid}), and the topic has the subscription ${subscription.SubscriptionArn}.`;
    } finally {
      sns.destroy();
    }
  }
  const { EventBridgeClient, PutRuleCommand, PutTargetsCommand } = await import('@aws-sdk/client-eventbridge');
  const events = new EventBridgeClient(ctx.emu.clientConfig);
  try {
    const rule = await events.send(new PutRuleCommand({ Name: input.ruleName, ScheduleExpression: input.schedule, State: 'ENABLED' }));
    const sid = await allow('events.amazonaws.com', rule.RuleArn ?? '', false);
    await events.send(new PutTargetsCommand({ Rule: input.ruleName, Targets: [{ Id: fn, Arn: functionArn }] }));
    return `Added the trigger ${input.ruleName} to ${fn}: the rule runs on ${input.schedule}, and the function's resource-based policy allows events.amazonaws.com to invoke it (statement ${sid}).`;
  } finally {
    events.destroy();
  }
}
