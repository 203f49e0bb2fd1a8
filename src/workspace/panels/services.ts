/**
 * Services tab: the account's neighbouring services at a glance, as their consoles show them, and
 * the page's clock. Buckets with their objects and an upload; queues with their message counts, a
 * dead-letter queue's source, send and poll; topics with their subscriptions and publish; rules with
 * their schedule and next firing. "Advance time" moves the page's clock forward so a schedule fires
 * (or a retry comes due) without waiting. Everything goes through the SDK clients, as the
 * Terminal's `aws` does.
 */
import { ListObjectsV2Command, ListBucketsCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { GetQueueAttributesCommand, ListQueuesCommand, ReceiveMessageCommand, SendMessageCommand } from '@aws-sdk/client-sqs';
import { h, clear, field } from '../dom.ts';
import type { Ctx } from '../context.ts';

interface RuleView {
  RuleArn: string;
  State?: string;
  ScheduleExpression?: string;
  EventPattern?: string;
  targets: string[];
  nextFireAt?: number;
}

const ADVANCES: [number, string][] = [
  [60_000, '+1 minute'],
  [5 * 60_000, '+5 minutes'],
  [60 * 60_000, '+1 hour'],
  [24 * 60 * 60_000, '+1 day'],
];

const lastPart = (text: string, separator: string) => text.split(separator).pop() ?? text;
const when = (ms: number) => new Date(ms).toLocaleString('en-GB', { dateStyle: 'medium', timeStyle: 'medium' });

function describeAdvance(ms: number): string {
  const minutes = Math.round(ms / 60_000);
  if (minutes < 60) return `${minutes} minute${minutes === 1 ? '' : 's'}`;
  const hours = Math.round(minutes / 6) / 10;
  return hours < 48 ? `${hours} hour${hours === 1 ? '' : 's'}` : `${Math.round(hours / 24)} days`;
}

export function servicesPanel(ctx: Ctx): HTMLElement {
  const body = h('div', { class: 'wb-services' });
  const section = (id: string, title: string, ...children: (Node | null)[]) => h('section', { 'aria-labelledby': id }, h('h3', { id }, title), ...children);

  async function advance(ms: number | 'next', button: HTMLElement): Promise<void> {
    await ctx.run('Advancing the page\'s clock', async () => {
      const rules = await readRules();
      const next = Math.min(...rules.map((r) => r.nextFireAt ?? Infinity));
      const by = ms === 'next' ? Math.max(1, next - ctx.emu.service.clock.now()) : ms;
      if (!Number.isFinite(by)) {
        ctx.status('No rule has a next firing: create a schedule first (Triggers tab, EventBridge).', 'info');
        return;
      }
      await ctx.emu.advanceTime(by);
      ctx.status(`Advanced the page's clock by ${describeAdvance(by)}: what came due has run (schedules, retries, queued events).`, 'success');
      ctx.changed('logs');
      ctx.changed('async');
      ctx.save();
      await render();
    }, button);
  }

  async function readRules(): Promise<RuleView[]> {
    const state = await ctx.emu.inspect<{ rules?: RuleView[] }>('/_emulator/state');
    return state.rules ?? [];
  }

  async function buckets(): Promise<HTMLElement> {
    const names = ((await ctx.emu.s3.send(new ListBucketsCommand({}))).Buckets ?? []).map((b) => b.Name ?? '');
    if (names.length === 0) return h('p', {}, 'No buckets yet (aws s3 mb s3://NAME in the Terminal tab).');
    const items = await Promise.all(
      names.map(async (name) => {
        const objects = (await ctx.emu.s3.send(new ListObjectsV2Command({ Bucket: name }))).Contents ?? [];
        const file = h('input', { type: 'file', 'data-upload-file': name });
        const key = h('input', { type: 'text', spellcheck: 'false', placeholder: 'incoming/', 'data-upload-prefix': name });
        const upload = h('button', { type: 'button', 'data-action': 'upload-object' }, `Upload to ${name}`);
        upload.addEventListener('click', () => {
          const chosen = file.files?.[0];
          void ctx.run(`Uploading to ${name}`, async () => {
            if (!chosen) throw new Error('Choose a file to upload first.');
            const objectKey = `${key.value}${chosen.name}`;
            await ctx.emu.s3.send(new PutObjectCommand({ Bucket: name, Key: objectKey, Body: new Uint8Array(await chosen.arrayBuffer()) }));
            ctx.status(`Uploaded s3://${name}/${objectKey}.`, 'success');
            ctx.save();
            await render();
          }, upload);
        });
        return h(
          'li',
          { 'data-bucket': name },
          h('strong', {}, name),
          ` (${objects.length} object${objects.length === 1 ? '' : 's'})`,
          objects.length ? h('ul', {}, ...objects.slice(0, 50).map((o) => h('li', { class: 'wb-mono' }, `${o.Key} (${o.Size} bytes)`))) : null,
          h('div', { class: 'wb-grid' }, field('File', file), field('Key prefix (optional)', key)),
          h('div', { class: 'wb-row' }, upload),
        );
      }),
    );
    return h('ul', { 'data-buckets': '' }, ...items);
  }

  async function queues(): Promise<HTMLElement> {
    const urls = (await ctx.emu.sqs.send(new ListQueuesCommand({}))).QueueUrls ?? [];
    if (urls.length === 0) return h('p', {}, 'No queues yet (aws sqs create-queue --queue-name NAME in the Terminal tab).');
    const items = await Promise.all(
      urls.map(async (url) => {
        const name = lastPart(url, '/');
        const attributes = (await ctx.emu.sqs.send(new GetQueueAttributesCommand({ QueueUrl: url, AttributeNames: ['All'] }))).Attributes ?? {};
        const redrive = attributes['RedrivePolicy'] ? (JSON.parse(attributes['RedrivePolicy']) as { deadLetterTargetArn?: string; maxReceiveCount?: number }) : undefined;
        const message = h('textarea', { rows: 2, spellcheck: 'false', 'data-message-body': name });
        const send = h('button', { type: 'button', 'data-action': 'send-message' }, `Send message to ${name}`);
        const poll = h('button', { type: 'button', 'data-action': 'poll-messages' }, `Poll for messages in ${name}`);
        const received = h('div', { 'aria-live': 'polite', 'data-received': name });
        send.addEventListener('click', () => {
          void ctx.run(`Sending to ${name}`, async () => {
            const sent = await ctx.emu.sqs.send(new SendMessageCommand({ QueueUrl: url, MessageBody: message.value }));
            ctx.status(`Sent message ${sent.MessageId} to ${name}.`, 'success');
            ctx.save();
            await render();
          }, send);
        });
        poll.addEventListener('click', () => {
          void ctx.run(`Polling ${name}`, async () => {
            const got = (await ctx.emu.sqs.send(new ReceiveMessageCommand({ QueueUrl: url, MaxNumberOfMessages: 10, AttributeNames: ['All'] }))).Messages ?? [];
            clear(
              received,
              got.length
                ? h('ul', {}, ...got.map((m) => h('li', {}, h('p', {}, `${m.MessageId}, received ${m.Attributes?.['ApproximateReceiveCount'] ?? '1'} time(s)`), h('pre', { class: 'wb-mono' }, m.Body ?? ''))))
                : h('p', {}, 'No messages visible now.'),
            );
            ctx.save();
          }, poll);
        });
        return h(
          'li',
          { 'data-queue': name },
          h('strong', {}, name),
          ` (${attributes['ApproximateNumberOfMessages'] ?? '0'} available, ${attributes['ApproximateNumberOfMessagesNotVisible'] ?? '0'} in flight)`,
          redrive?.deadLetterTargetArn ? h('p', {}, `Dead-letter queue: ${lastPart(redrive.deadLetterTargetArn, ':')} after ${redrive.maxReceiveCount ?? '?'} receives.`) : null,
          field('Message body', message),
          h('div', { class: 'wb-row' }, send, poll),
          received,
        );
      }),
    );
    return h('ul', { 'data-queues': '' }, ...items);
  }

  async function topics(): Promise<HTMLElement> {
    const { SNSClient, ListTopicsCommand, ListSubscriptionsByTopicCommand, PublishCommand } = await import('@aws-sdk/client-sns');
    const sns = new SNSClient(ctx.emu.clientConfig);
    const arns = ((await sns.send(new ListTopicsCommand({}))).Topics ?? []).map((t) => t.TopicArn ?? '');
    if (arns.length === 0) {
      sns.destroy();
      return h('p', {}, 'No topics yet (aws sns create-topic --name NAME in the Terminal tab).');
    }
    const items = await Promise.all(
      arns.map(async (arn) => {
        const name = lastPart(arn, ':');
        const subscriptions = (await sns.send(new ListSubscriptionsByTopicCommand({ TopicArn: arn }))).Subscriptions ?? [];
        const message = h('textarea', { rows: 2, spellcheck: 'false', 'data-publish-body': name });
        const publish = h('button', { type: 'button', 'data-action': 'publish-message' }, `Publish message to ${name}`);
        publish.addEventListener('click', () => {
          void ctx.run(`Publishing to ${name}`, async () => {
            const client = new SNSClient(ctx.emu.clientConfig);
            try {
              const out = await client.send(new PublishCommand({ TopicArn: arn, Message: message.value }));
              ctx.status(`Published message ${out.MessageId} to ${name}.`, 'success');
            } finally {
              client.destroy();
            }
            ctx.changed('logs');
            ctx.save();
          }, publish);
        });
        return h(
          'li',
          { 'data-topic': name },
          h('strong', {}, name),
          subscriptions.length ? h('ul', {}, ...subscriptions.map((s) => h('li', {}, `${s.Protocol}: ${s.Endpoint}`))) : h('p', {}, 'No subscriptions.'),
          field('Message', message),
          h('div', { class: 'wb-row' }, publish),
        );
      }),
    );
    sns.destroy();
    return h('ul', { 'data-topics': '' }, ...items);
  }

  async function rules(): Promise<HTMLElement> {
    const list = await readRules();
    if (list.length === 0) return h('p', {}, 'No rules yet (Triggers tab, EventBridge; or aws events put-rule in the Terminal tab).');
    return h(
      'ul',
      { 'data-rules': '' },
      ...list.map((r) =>
        h(
          'li',
          { 'data-rule': lastPart(r.RuleArn, '/') },
          h('strong', {}, lastPart(r.RuleArn, '/')),
          ` (${r.State ?? 'ENABLED'}) `,
          r.ScheduleExpression ? h('code', {}, r.ScheduleExpression) : r.EventPattern ? h('code', {}, r.EventPattern) : null,
          h('p', {}, r.targets.length ? `Targets: ${r.targets.map((t) => lastPart(t, ':')).join(', ')}.` : 'No targets.'),
          r.nextFireAt !== undefined ? h('p', { 'data-next-firing': '' }, `Next firing: ${when(r.nextFireAt)}.`) : null,
        ),
      ),
    );
  }

  async function render(): Promise<void> {
    const offset = ctx.emu.timeOffsetMs;
    const clock = h(
      'div',
      {},
      h('p', { 'data-page-time': '' }, `The page's time: ${when(ctx.emu.service.clock.now())}${offset > 0 ? ` (${describeAdvance(offset)} ahead of your clock)` : ''}.`),
      h(
        'div',
        { class: 'wb-row', role: 'group', 'aria-label': 'Advance time' },
        ...ADVANCES.map(([ms, label]) => {
          const button = h('button', { type: 'button', 'data-advance': String(ms) }, label);
          button.addEventListener('click', () => void advance(ms, button));
          return button;
        }),
        (() => {
          const button = h('button', { type: 'button', 'data-advance': 'next' }, 'To the next scheduled firing');
          button.addEventListener('click', () => void advance('next', button));
          return button;
        })(),
      ),
    );
    const parts = await Promise.all([buckets(), queues(), topics(), rules()].map((p) => p.catch((err: unknown) => h('p', { class: 'wb-error' }, String((err as Error).message ?? err)))));
    clear(
      body,
      section('services-clock', 'Advance time', h('p', { class: 'wb-muted' }, 'Move the page\'s clock forward: schedules fire, retries come due and idle execution environments are shut down, as if the time had passed. Reloading the page goes back to your clock.'), clock),
      section('services-buckets', 'S3 buckets', parts[0]!),
      section('services-queues', 'SQS queues', parts[1]!),
      section('services-topics', 'SNS topics', parts[2]!),
      section('services-rules', 'EventBridge rules', parts[3]!),
      h('button', { type: 'button', 'data-action': 'refresh-services', onclick: () => void render() }, 'Refresh'),
    );
  }

  ctx.on('config', () => void render());
  void render();
  return body;
}
