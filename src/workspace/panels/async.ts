/** Asynchronous invocation tab: retries, maximum event age, destinations, the dead-letter queue, and what arrived. */
import {
  GetFunctionConfigurationCommand,
  GetFunctionEventInvokeConfigCommand,
  PutFunctionEventInvokeConfigCommand,
  UpdateFunctionConfigurationCommand,
} from '@aws-sdk/client-lambda';
import { limits } from '../../emulator/index.ts';
import { h, clear, field } from '../dom.ts';
import type { Ctx } from '../context.ts';
import { ACCOUNT_ID, currentFunction, NO_FUNCTION_YET } from './function-bar.ts';

interface SinkMessage {
  target: string;
  kind: string;
  body: string;
  attributes?: Record<string, { StringValue: string }>;
  sentAt: number;
  via: string;
}
interface QueuedEvent {
  requestId?: string;
  attempts?: number;
  nextAttemptAt?: number;
  functionName?: string;
}

export function asyncPanel(ctx: Ctx): HTMLElement {
  const body = h('div', { class: 'wb-async' });

  async function render(): Promise<void> {
    const fn = currentFunction(ctx);
    if (!fn) return clear(body, h('p', {}, NO_FUNCTION_YET));
    const cfg = await ctx.emu.lambda.send(new GetFunctionConfigurationCommand({ FunctionName: fn }));
    const eic = await ctx.emu.lambda.send(new GetFunctionEventInvokeConfigCommand({ FunctionName: fn })).catch(() => undefined);
    const retries = h('input', { type: 'number', min: limits.asyncRetries.min, max: limits.asyncRetries.max, value: eic?.MaximumRetryAttempts ?? limits.asyncRetries.default, 'data-max-retries': '' });
    const age = h('input', { type: 'number', min: limits.asyncEventAge.min, max: limits.asyncEventAge.max, value: eic?.MaximumEventAgeInSeconds ?? limits.asyncEventAge.default });
    const arn = (service: string, suffix: string) => `arn:aws:${service}:us-east-1:${ACCOUNT_ID}:${fn}-${suffix}`;
    const onSuccess = h('input', { type: 'text', size: 48, value: eic?.DestinationConfig?.OnSuccess?.Destination ?? '', placeholder: arn('sqs', 'success'), 'data-on-success': '' });
    const onFailure = h('input', { type: 'text', size: 48, value: eic?.DestinationConfig?.OnFailure?.Destination ?? '', placeholder: arn('sqs', 'failures'), 'data-on-failure': '' });
    const dlq = h('input', { type: 'text', size: 48, value: cfg.DeadLetterConfig?.TargetArn ?? '', placeholder: arn('sqs', 'dlq'), 'data-dlq': '' });
    // Lambda refuses a destination the execution role may not send to; the console then adds the
    // permission to the role. Here the learner sees the grant and chooses it.
    const permissionOffer = h('div', { 'data-permission-offer': '', hidden: true });
    const save = () =>
      ctx.run('Saving asynchronous invocation settings', async () => {
        permissionOffer.hidden = true;
        try {
          await ctx.emu.lambda.send(
            new PutFunctionEventInvokeConfigCommand({
              FunctionName: fn,
              MaximumRetryAttempts: Number(retries.value),
              MaximumEventAgeInSeconds: Number(age.value),
              DestinationConfig: {
                ...(onSuccess.value.trim() ? { OnSuccess: { Destination: onSuccess.value.trim() } } : {}),
                ...(onFailure.value.trim() ? { OnFailure: { Destination: onFailure.value.trim() } } : {}),
              },
            }),
          );
          if ((cfg.DeadLetterConfig?.TargetArn ?? '') !== dlq.value.trim()) {
            await ctx.emu.lambda.send(new UpdateFunctionConfigurationCommand({ FunctionName: fn, DeadLetterConfig: { TargetArn: dlq.value.trim() } }));
          }
          ctx.status('Saved the asynchronous invocation settings.', 'success');
          ctx.changed('async');
        } catch (err) {
          const missing = missingSendPermission(err, cfg.Role ?? '', onSuccess.value.trim(), onFailure.value.trim(), dlq.value.trim());
          if (missing) offerPermission(missing);
          throw err;
        }
      });
    const offerPermission = (missing: MissingPermission) => {
      const roleName = missing.roleArn.split('/').pop()!;
      clear(
        permissionOffer,
        h('p', {}, `The execution role ${roleName} may not call ${missing.action} on ${missing.resource}. Lambda needs it to deliver there.`),
        h(
          'button',
          {
            type: 'button',
            'data-action': 'add-send-permission',
            onclick: () =>
              void ctx.run(`Adding ${missing.action} to ${roleName}`, async () => {
                grantSend(ctx, roleName, missing);
                ctx.status(`Added ${missing.action} on ${missing.resource} to the role ${roleName} (inline policy ${SEND_POLICY_NAME}).`, 'success');
                await save();
              }),
          },
          `Add ${missing.action} to ${roleName} and save`,
        ),
      );
      permissionOffer.hidden = false;
    };
    const state = await ctx.emu.inspect<{ queue: QueuedEvent[]; sinks: SinkMessage[] }>('/_emulator/state');
    const queued = state.queue.filter((q) => !q.functionName || q.functionName === fn);
    clear(
      body,
      h(
        'section',
        { 'aria-labelledby': 'async-cfg' },
        h('h3', { id: 'async-cfg' }, 'Asynchronous invocation'),
        h('p', { class: 'wb-muted' }, 'Event invocations wait in Lambda’s queue. A function error is retried after about 1 minute, then 2 minutes; throttles and system errors are retried until the event is too old.'),
        h('div', { class: 'wb-grid' }, field('Retry attempts', retries, `${limits.asyncRetries.min} to ${limits.asyncRetries.max}`), field('Maximum age of event (seconds)', age, `${limits.asyncEventAge.min} to ${limits.asyncEventAge.max.toLocaleString('en-US')}`)),
        h('div', { class: 'wb-grid' }, field('On-success destination ARN', onSuccess, 'An SQS queue, SNS topic, EventBridge bus or Lambda function ARN.'), field('On-failure destination ARN', onFailure), field('Dead-letter queue ARN (SQS or SNS)', dlq)),
        h(
          'button',
          {
            type: 'button',
            class: 'wb-primary',
            'data-action': 'save-async',
            onclick: () => void save(),
          },
          'Save',
        ),
        permissionOffer,
      ),
      h(
        'section',
        { 'aria-labelledby': 'async-queue' },
        h('h3', { id: 'async-queue' }, 'Events waiting in the queue'),
        queued.length
          ? h('ul', {}, ...queued.map((q) => h('li', {}, `${q.requestId ?? ''}: ${q.attempts ?? 0} attempt(s) so far${q.nextAttemptAt ? `, next at ${new Date(q.nextAttemptAt).toLocaleTimeString()}` : ''}`)))
          : h('p', {}, 'None.'),
        h('button', { type: 'button', 'data-action': 'refresh-async', onclick: () => void render() }, 'Refresh'),
      ),
      h(
        'section',
        { 'aria-labelledby': 'async-sinks' },
        h('h3', { id: 'async-sinks' }, 'Delivered to destinations and dead-letter queues'),
        state.sinks.length
          ? h(
              'ul',
              { 'data-sink-messages': '' },
              ...state.sinks.map((m) =>
                h('li', {}, h('p', {}, `${m.via === 'dead-letter' ? 'Dead-letter queue' : 'Destination'} ${m.target} (${m.kind}), ${new Date(m.sentAt).toLocaleTimeString()}`), m.attributes ? h('p', {}, Object.entries(m.attributes).map(([k, v]) => `${k}=${v.StringValue}`).join(', ')) : null, h('pre', { class: 'wb-mono' }, prettyJson(m.body))),
              ),
            )
          : h('p', {}, 'Nothing delivered yet.'),
      ),
    );
  }

  for (const topic of ['functions', 'async', 'logs'] as const) ctx.on(topic, () => void render().catch(() => undefined));
  void render().catch(() => undefined);
  return body;
}

function prettyJson(text: string): string {
  try {
    return JSON.stringify(JSON.parse(text), null, 2);
  } catch {
    return text;
  }
}

/** The inline policy the console's grants go into: one statement per destination. */
export const SEND_POLICY_NAME = 'lambda-destinations';

export interface MissingPermission {
  roleArn: string;
  /** The IAM action, e.g. `sqs:SendMessage`. */
  action: string;
  resource: string;
}

const SERVICE_OF_CALL: Record<string, string> = { SendMessage: 'sqs', Publish: 'sns', InvokeFunction: 'lambda', PutEvents: 'events' };

/**
 * Reads Lambda's refusal of a destination or dead-letter queue the role may not send to: "The
 * function's execution role does not have permissions to call SendMessage on <arn>", or for a DLQ
 * "The provided execution role does not have permissions to call SendMessage on SQS" (then the
 * resource is the DLQ the form names).
 */
export function missingSendPermission(err: unknown, roleArn: string, ...targets: string[]): MissingPermission | undefined {
  const message = err instanceof Error ? err.message : String(err);
  const named = /execution role does not have permissions to call (\w+) on (arn:\S+?)\.?$/.exec(message);
  if (named && SERVICE_OF_CALL[named[1]!]) return { roleArn, action: `${SERVICE_OF_CALL[named[1]!]}:${named[1]}`, resource: named[2]! };
  const dlq = /execution role does not have permissions to call (\w+) on (SQS|SNS)$/.exec(message);
  if (dlq && SERVICE_OF_CALL[dlq[1]!]) {
    const service = SERVICE_OF_CALL[dlq[1]!]!;
    const resource = targets.find((t) => t.startsWith(`arn:aws:${service}:`));
    if (resource) return { roleArn, action: `${service}:${dlq[1]}`, resource };
  }
  return undefined;
}

/** Adds one Allow statement for the action on the resource to the role's destinations policy. */
function grantSend(ctx: Ctx, roleName: string, missing: MissingPermission): void {
  const iam = ctx.emu.service.iam;
  let statements: unknown[] = [];
  try {
    const current = iam.getRolePolicy({ RoleName: roleName, PolicyName: SEND_POLICY_NAME }) as { PolicyDocument?: string };
    statements = (JSON.parse(decodeURIComponent(current.PolicyDocument ?? '')) as { Statement: unknown[] }).Statement;
  } catch {
    // No such policy yet: this is its first statement.
  }
  statements.push({ Effect: 'Allow', Action: missing.action, Resource: missing.resource });
  iam.putRolePolicy({ RoleName: roleName, PolicyName: SEND_POLICY_NAME, PolicyDocument: JSON.stringify({ Version: '2012-10-17', Statement: statements }) });
}
