/**
 * EventsService: the account's EventBridge in one Region: event buses, rules (scheduled or with
 * an event pattern) and their targets. It owns EventBridge's part of the saved state and is the
 * scheduler's work for scheduled rules, which fire on the injected clock. Deliveries leave
 * through `EventsDeliveries`, which the account wires to Lambda (asynchronous invocations its
 * resource policies allow), its SQS queues and its SNS topics.
 */
import { AccountService, type AccountServiceOptions } from '../account-service.ts';
import type { ScheduledWork } from '../service/scheduler.ts';
import { busNotFound, ruleNotFound } from './errors.ts';
import { nextFiring, parseSchedule } from './schedule.ts';
import type { EventsState, RuleRecord, TargetRecord } from './state.ts';

export const DEFAULT_BUS = 'default';

/** Where EventBridge hands what its rules match. */
export interface EventsDeliveries {
  /** An asynchronous invocation as `events.amazonaws.com` for `ruleArn`; false when the function's resource policy does not allow it. */
  invokeFunction(functionArn: string, payload: string, ruleArn: string): boolean;
  /** False when there is no such queue or its policy does not let EventBridge send for `ruleArn`. */
  sendToQueue(queueArn: string, body: string, ruleArn: string): boolean;
  publishToTopic(topicArn: string, message: string): boolean;
}

export type EventsServiceOptions = AccountServiceOptions<EventsState, EventsDeliveries>;

/** An event as EventBridge delivers it to targets. */
export interface EventEnvelope {
  version: '0';
  id: string;
  'detail-type': string;
  source: string;
  account: string;
  time: string;
  region: string;
  resources: string[];
  detail: unknown;
}

/** EventBridge's event time: seconds, UTC, `Z`. */
export const eventTime = (epochMs: number) => new Date(epochMs).toISOString().replace(/\.\d{3}Z$/, 'Z');

export class EventsService extends AccountService<EventsState, EventsDeliveries> implements ScheduledWork {

  busArn(name: string): string {
    return `arn:aws:events:${this.region}:${this.accountId}:event-bus/${name}`;
  }

  ruleArn(rule: Pick<RuleRecord, 'Name' | 'EventBusName'>): string {
    const bus = rule.EventBusName === DEFAULT_BUS ? '' : `${rule.EventBusName}/`;
    return `arn:aws:events:${this.region}:${this.accountId}:rule/${bus}${rule.Name}`;
  }

  /** A bus name or ARN (as EventBusName may be given) to its name, checking that it exists. */
  busName(nameOrArn: string | undefined): string {
    const name = nameOrArn === undefined || nameOrArn === '' ? DEFAULT_BUS : nameOrArn.startsWith('arn:') ? (nameOrArn.split(':event-bus/')[1] ?? nameOrArn) : nameOrArn;
    if (name !== DEFAULT_BUS && !Object.hasOwn(this.state.buses, name)) throw busNotFound(name);
    return name;
  }

  rule(name: string, bus: string): RuleRecord {
    const key = `${bus}/${name}`;
    const rule = Object.hasOwn(this.state.rules, key) ? this.state.rules[key] : undefined;
    if (!rule) throw ruleNotFound(name, bus);
    return rule;
  }

  rules(bus?: string): RuleRecord[] {
    return Object.values(this.state.rules)
      .filter((r) => bus === undefined || r.EventBusName === bus)
      .sort((a, b) => (a.Name < b.Name ? -1 : a.Name > b.Name ? 1 : 0));
  }

  /** Sets when a scheduled rule fires next (none while it is disabled). */
  schedule(rule: RuleRecord): void {
    if (rule.ScheduleExpression === undefined || rule.State !== 'ENABLED') {
      delete rule.nextFireAt;
      return;
    }
    const next = nextFiring(parseSchedule(rule.ScheduleExpression), this.clock.now(), this.clock.now());
    if (next === undefined) delete rule.nextFireAt;
    else rule.nextFireAt = next;
  }

  // ------------------------------------------------------------ the scheduler's work

  /** Schedules recur forever: a drain without an end time does not wait for them. */
  readonly recurring = true;

  nextDueAt(): number | undefined {
    let next: number | undefined;
    for (const rule of Object.values(this.state.rules)) if (rule.nextFireAt !== undefined && (next === undefined || rule.nextFireAt < next)) next = rule.nextFireAt;
    return next;
  }

  /** Fires every scheduled rule that is due, once, and sets its next firing after now (firings missed while the clock jumped are not made up). */
  runDue(): Promise<number> {
    const now = this.clock.now();
    let delivered = 0;
    for (const rule of Object.values(this.state.rules)) {
      if (rule.nextFireAt === undefined || rule.nextFireAt > now) continue;
      const firedAt = rule.nextFireAt;
      const schedule = parseSchedule(rule.ScheduleExpression!);
      const next = nextFiring(schedule, now, schedule.kind === 'rate' ? firedAt : now);
      if (next === undefined) delete rule.nextFireAt;
      else rule.nextFireAt = next;
      const event: EventEnvelope = {
        version: '0',
        id: this.uuid(),
        'detail-type': 'Scheduled Event',
        source: 'aws.events',
        account: this.accountId,
        time: eventTime(firedAt),
        region: this.region,
        resources: [this.ruleArn(rule)],
        detail: {},
      };
      delivered += this.deliver(rule, event);
    }
    return Promise.resolve(delivered);
  }

  /** Sends an event to each of a rule's targets, as each target takes it (Input, InputPath or the event). Returns how many were handed on. */
  deliver(rule: RuleRecord, event: EventEnvelope): number {
    let delivered = 0;
    for (const target of rule.targets) {
      const payload = targetInput(target, event);
      const service = target.Arn.split(':')[2];
      const ok =
        service === 'lambda' ? this.deliveries.invokeFunction(target.Arn, payload, this.ruleArn(rule))
        : service === 'sqs' ? this.deliveries.sendToQueue(target.Arn, payload, this.ruleArn(rule))
        : service === 'sns' ? this.deliveries.publishToTopic(target.Arn, payload)
        : false;
      if (ok) delivered++;
    }
    return delivered;
  }

  /** What the inspection API shows: each rule with its targets and, for a schedule, when it fires next. */
  inspect(): unknown[] {
    return this.rules().map((r) => ({ RuleArn: this.ruleArn(r), State: r.State, ScheduleExpression: r.ScheduleExpression, EventPattern: r.EventPattern, targets: r.targets.map((t) => t.Arn), nextFireAt: r.nextFireAt }));
  }
}

/** A target's input: its constant Input, the part of the event its InputPath names, or the whole event. */
function targetInput(target: TargetRecord, event: EventEnvelope): string {
  if (target.Input !== undefined) return target.Input;
  if (target.InputPath !== undefined) {
    let value: unknown = event;
    for (const key of target.InputPath.replace(/^\$\.?/, '').split('.').filter(Boolean)) {
      value = typeof value === 'object' && value !== null ? (value as Record<string, unknown>)[key] : undefined;
    }
    return value === undefined ? '' : JSON.stringify(value);
  }
  return JSON.stringify(event);
}
