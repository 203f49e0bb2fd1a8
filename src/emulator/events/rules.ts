/**
 * Event buses, rules and targets: CreateEventBus, DeleteEventBus, ListEventBuses, PutRule,
 * DescribeRule, ListRules, DeleteRule, EnableRule, DisableRule, PutTargets, RemoveTargets,
 * ListTargetsByRule and ListRuleNamesByTarget, with the codes and messages of events_test_events*.snapshot.json.
 */
import { InvalidPatternError, parseEventPattern } from '../patterns/event-pattern.ts';
import { EventsError, constraint, validation } from './errors.ts';
import { DEFAULT_BUS, type EventsService } from './events-service.ts';
import { page, str, type Input } from './params.ts';
import { parseSchedule } from './schedule.ts';
import type { RuleRecord, TargetRecord } from './state.ts';

const NAME_PATTERN = '[\\.\\-_A-Za-z0-9]+';
const NAME_RE = /^[.\-_A-Za-z0-9]+$/;
const NAME_MAX = 64;
/** Targets one rule may have. */
const MAX_TARGETS = 5;

/** The name checks AWS reports together, in its order. */
function checkName(value: string | undefined, field: string): string {
  const problems: string[] = [];
  const v = value ?? '';
  if (value === undefined) throw constraint('null', field, 'Member must not be null');
  if (!NAME_RE.test(v)) problems.push(`Value '${v}' at '${field}' failed to satisfy constraint: Member must satisfy regular expression pattern: ${NAME_PATTERN}`);
  if (v.length > NAME_MAX) problems.push(`Value '${v}' at '${field}' failed to satisfy constraint: Member must have length less than or equal to ${NAME_MAX}`);
  if (problems.length > 0) throw validation(`${problems.length} validation error${problems.length > 1 ? 's' : ''} detected: ${problems.join('; ')}`);
  return v;
}

// ---------------------------------------------------------------- event buses

export function createEventBus(events: EventsService, input: Input): Input {
  const name = checkName(str(input, 'Name'), 'name');
  if (name === DEFAULT_BUS || Object.hasOwn(events.state.buses, name)) throw new EventsError('ResourceAlreadyExistsException', `Event bus ${name} already exists.`);
  events.state.buses[name] = { createdAt: events.clock.now() };
  return { EventBusArn: events.busArn(name) };
}

export function deleteEventBus(events: EventsService, input: Input): Input {
  const name = str(input, 'Name') ?? '';
  if (name === DEFAULT_BUS) throw validation('Cannot delete event bus default.');
  delete events.state.buses[name];
  for (const [key, rule] of Object.entries(events.state.rules)) if (rule.EventBusName === name) delete events.state.rules[key];
  return {};
}

export function listEventBuses(events: EventsService, input: Input): Input {
  const prefix = str(input, 'NamePrefix') ?? '';
  const names = [DEFAULT_BUS, ...Object.keys(events.state.buses).sort()].filter((n) => n.startsWith(prefix));
  const { items, NextToken } = page(names, input);
  return { EventBuses: items.map((Name) => ({ Name, Arn: events.busArn(Name) })), ...(NextToken ? { NextToken } : {}) };
}

// ---------------------------------------------------------------- rules

export function putRule(events: EventsService, input: Input): Input {
  const name = checkName(str(input, 'Name'), 'name');
  const bus = events.busName(str(input, 'EventBusName'));
  const schedule = str(input, 'ScheduleExpression');
  const pattern = str(input, 'EventPattern');
  if (schedule === undefined && pattern === undefined) throw validation('Parameter(s) EventPattern or ScheduleExpression must be specified.');
  if (schedule !== undefined) {
    if (bus !== DEFAULT_BUS) throw validation('ScheduleExpression is supported only on the default event bus.');
    parseSchedule(schedule);
  }
  if (pattern !== undefined) {
    try {
      parseEventPattern(pattern);
    } catch (err) {
      if (err instanceof InvalidPatternError) throw new EventsError('InvalidEventPatternException', `Event pattern is not valid. Reason: ${err.message}`);
      throw err;
    }
  }
  const state = str(input, 'State') ?? 'ENABLED';
  if (state !== 'ENABLED' && state !== 'DISABLED') throw constraint(state, 'state', 'Member must satisfy enum value set: [ENABLED, DISABLED]');
  const key = `${bus}/${name}`;
  const existing = Object.hasOwn(events.state.rules, key) ? events.state.rules[key] : undefined;
  const description = str(input, 'Description');
  const roleArn = str(input, 'RoleArn');
  const rule: RuleRecord = {
    Name: name,
    EventBusName: bus,
    ...(schedule !== undefined ? { ScheduleExpression: schedule } : {}),
    ...(pattern !== undefined ? { EventPattern: pattern } : {}),
    State: state,
    ...(description !== undefined ? { Description: description } : {}),
    ...(roleArn !== undefined ? { RoleArn: roleArn } : {}),
    // PutRule on an existing rule replaces its settings and keeps its targets.
    targets: existing?.targets ?? [],
    createdAt: existing?.createdAt ?? events.clock.now(),
  };
  // A schedule that is unchanged keeps its rhythm; a new or changed one starts counting now.
  if (existing?.ScheduleExpression === schedule && existing?.State === state && existing?.nextFireAt !== undefined) rule.nextFireAt = existing.nextFireAt;
  else events.schedule(rule);
  events.state.rules[key] = rule;
  return { RuleArn: events.ruleArn(rule) };
}

function ruleFields(events: EventsService, rule: RuleRecord): Input {
  return {
    Name: rule.Name,
    Arn: events.ruleArn(rule),
    ...(rule.EventPattern !== undefined ? { EventPattern: rule.EventPattern } : {}),
    ...(rule.ScheduleExpression !== undefined ? { ScheduleExpression: rule.ScheduleExpression } : {}),
    State: rule.State,
    ...(rule.Description !== undefined ? { Description: rule.Description } : {}),
    ...(rule.RoleArn !== undefined ? { RoleArn: rule.RoleArn } : {}),
    EventBusName: rule.EventBusName,
  };
}

export function describeRule(events: EventsService, input: Input): Input {
  const rule = events.rule(str(input, 'Name') ?? '', events.busName(str(input, 'EventBusName')));
  return { ...ruleFields(events, rule), CreatedBy: events.accountId };
}

export function listRules(events: EventsService, input: Input): Input {
  const prefix = str(input, 'NamePrefix') ?? '';
  const { items, NextToken } = page(events.rules(events.busName(str(input, 'EventBusName'))).filter((r) => r.Name.startsWith(prefix)), input);
  return { Rules: items.map((r) => ruleFields(events, r)), ...(NextToken ? { NextToken } : {}) };
}

export function deleteRule(events: EventsService, input: Input): Input {
  const name = str(input, 'Name') ?? '';
  const bus = events.busName(str(input, 'EventBusName'));
  const key = `${bus}/${name}`;
  const rule = Object.hasOwn(events.state.rules, key) ? events.state.rules[key]! : undefined;
  if (!rule) return {};
  if (rule.targets.length > 0) throw validation("Rule can't be deleted since it has targets.");
  delete events.state.rules[key];
  return {};
}

function setState(events: EventsService, input: Input, state: RuleRecord['State']): Input {
  const rule = events.rule(str(input, 'Name') ?? '', events.busName(str(input, 'EventBusName')));
  if (rule.State !== state) {
    rule.State = state;
    events.schedule(rule);
  }
  return {};
}

export const enableRule = (events: EventsService, input: Input) => setState(events, input, 'ENABLED');
export const disableRule = (events: EventsService, input: Input) => setState(events, input, 'DISABLED');

// ---------------------------------------------------------------- targets

export function putTargets(events: EventsService, input: Input): Input {
  const rule = events.rule(str(input, 'Rule') ?? '', events.busName(str(input, 'EventBusName')));
  const given = Array.isArray(input['Targets']) ? (input['Targets'] as Input[]) : [];
  const targets: TargetRecord[] = given.map((t, i) => {
    const id = str(t, 'Id') ?? '';
    if (!NAME_RE.test(id)) throw constraint(id, `targets.${i + 1}.member.id`, `Member must satisfy regular expression pattern: ${NAME_PATTERN}`);
    if (id.length > NAME_MAX) throw constraint(id, `targets.${i + 1}.member.id`, `Member must have length less than or equal to ${NAME_MAX}`);
    const arn = str(t, 'Arn');
    if (arn === undefined) throw constraint('null', `targets.${i + 1}.member.arn`, 'Member must not be null');
    const inputText = str(t, 'Input');
    const inputPath = str(t, 'InputPath');
    return { Id: id, Arn: arn, ...(inputText !== undefined ? { Input: inputText } : {}), ...(inputPath !== undefined ? { InputPath: inputPath } : {}) };
  });
  const merged = [...rule.targets];
  for (const target of targets) {
    const at = merged.findIndex((t) => t.Id === target.Id);
    if (at >= 0) merged[at] = target;
    else merged.push(target);
  }
  if (merged.length > MAX_TARGETS) throw new EventsError('LimitExceededException', 'The requested resource exceeds the maximum number allowed.');
  rule.targets = merged;
  return { FailedEntryCount: 0, FailedEntries: [] };
}

export function removeTargets(events: EventsService, input: Input): Input {
  const rule = events.rule(str(input, 'Rule') ?? '', events.busName(str(input, 'EventBusName')));
  const ids = Array.isArray(input['Ids']) ? (input['Ids'] as unknown[]).filter((id): id is string => typeof id === 'string') : [];
  rule.targets = rule.targets.filter((t) => !ids.includes(t.Id));
  return { FailedEntryCount: 0, FailedEntries: [] };
}

export function listTargetsByRule(events: EventsService, input: Input): Input {
  const rule = events.rule(str(input, 'Rule') ?? '', events.busName(str(input, 'EventBusName')));
  const { items, NextToken } = page(rule.targets, input);
  return { Targets: items.map((t) => ({ ...t })), ...(NextToken ? { NextToken } : {}) };
}

export function listRuleNamesByTarget(events: EventsService, input: Input): Input {
  const arn = str(input, 'TargetArn');
  if (arn === undefined) throw constraint('null', 'targetArn', 'Member must not be null');
  const names = events.rules(events.busName(str(input, 'EventBusName'))).filter((r) => r.targets.some((t) => t.Arn === arn)).map((r) => r.Name);
  const { items, NextToken } = page(names, input);
  return { RuleNames: items, ...(NextToken ? { NextToken } : {}) };
}
