/**
 * Checks for "A scheduled function": nightly-report is the target of an enabled EventBridge rule
 * with the schedule cron(0 3 * * ? *), its policy lets events.amazonaws.com invoke it for that
 * rule only, the rule has fired (its Scheduled Event is in the logs), and the report is for the day
 * the event is about. Rules, targets and the policy are read through their APIs, so the same checks
 * grade a real account.
 */
import { DescribeRuleCommand, ListTargetsByRuleCommand, type DescribeRuleCommandOutput } from '@aws-sdk/client-eventbridge';
import { conditionValue, configuration, describeFunctionError, findInLogs, functionPolicy, getFunction, invoke, isNotFound, sameJson, servicePrincipal, show } from '../../src/checks/lambda-reads.ts';
import type { CheckContext, ExerciseChecks, Verdict } from '../../src/checks/types.ts';
import { CheckFailure, Criteria } from '../../src/checks/verdict.ts';

export const functionBase = 'nightly-report';
export const ruleBase = 'nightly-report-schedule';
export const schedule = 'cron(0 3 * * ? *)';

const howToCreate = `Create it in the Lambda console: Create function, Author from scratch, Function name ${functionBase}, Runtime Node.js (or Python), with the exercise's starter code.`;
const howToSchedule = `Add it in the Triggers tab: Source EventBridge (CloudWatch Events): schedule, Rule name ${ruleBase}, Schedule expression ${schedule}.`;

/** The id of the events the checker sends: not a UUID, so the logs never mistake them for the rule's firings. */
const CHECK_EVENT_ID = /^check-[0-9a-f]+$/;
const UUID = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}';

async function describeRule(ctx: CheckContext, rule: string): Promise<DescribeRuleCommandOutput> {
  try {
    return await ctx.events.send(new DescribeRuleCommand({ Name: rule }));
  } catch (err) {
    if (!isNotFound(err)) throw err;
    throw new CheckFailure(`Expected an EventBridge rule named ${rule}, but EventBridge answered ResourceNotFoundException. ${howToSchedule}`, { expected: `the rule ${rule}`, got: 'ResourceNotFoundException (no such rule)' });
  }
}

async function scheduleRule(ctx: CheckContext): Promise<Verdict> {
  const name = ctx.name(functionBase);
  const arn = configuration(await getFunction(ctx, name, undefined, howToCreate)).FunctionArn ?? '';
  const ruleName = ctx.name(ruleBase);
  const rule = await describeRule(ctx, ruleName);
  const c = new Criteria();
  c.add(2, rule.ScheduleExpression === schedule, rule.ScheduleExpression === schedule
    ? `The rule ${ruleName} runs on ${schedule}, 03:00 UTC every day.`
    : `Expected the rule ${ruleName} to have the schedule ${schedule} (03:00 UTC every day), found ${show(rule.ScheduleExpression ?? rule.EventPattern ?? 'none')}.`,
    { expected: schedule, got: show(rule.ScheduleExpression ?? 'none') });
  c.add(1, rule.State === 'ENABLED', rule.State === 'ENABLED' ? 'It is enabled.' : `Expected the rule to be ENABLED, found ${show(rule.State ?? 'none')}: a disabled rule never fires.`, { expected: 'ENABLED', got: show(rule.State ?? 'none') });
  const targets = (await ctx.events.send(new ListTargetsByRuleCommand({ Rule: ruleName }))).Targets ?? [];
  const targeted = targets.some((t) => t.Arn === arn);
  c.add(2, targeted, targeted
    ? `Its target is ${name}.`
    : `Expected the rule's targets to include ${arn}, found ${targets.map((t) => t.Arn).join(', ') || 'none'}.`,
    { expected: `target ${arn}`, got: targets.map((t) => t.Arn).join(', ') || 'none' });
  const statements = (await functionPolicy(ctx, name)).filter((s) => servicePrincipal(s) === 'events.amazonaws.com');
  const sourceArns = statements.map((s) => conditionValue(s, 'ArnLike', 'AWS:SourceArn') ?? conditionValue(s, 'ArnEquals', 'AWS:SourceArn'));
  const allowed = sourceArns.includes(rule.Arn);
  c.add(2, allowed, allowed
    ? `${name}'s policy lets events.amazonaws.com invoke it for ${ruleName} only.`
    : statements.length === 0
      ? `Expected a statement in ${name}'s resource-based policy that lets events.amazonaws.com invoke it, found none: without it EventBridge cannot deliver.`
      : `Expected the statement for events.amazonaws.com to name the rule (SourceArn ${rule.Arn}), found ${sourceArns.map((a) => show(a ?? 'no SourceArn')).join(', ')}.`,
    { expected: `events.amazonaws.com with SourceArn ${rule.Arn}`, got: statements.length === 0 ? 'no statement' : sourceArns.map((a) => a ?? 'no SourceArn').join(', ') });
  return c.verdict();
}

async function fired(ctx: CheckContext): Promise<Verdict> {
  const name = ctx.name(functionBase);
  await getFunction(ctx, name, undefined, howToCreate);
  const rule = await describeRule(ctx, ctx.name(ruleBase));
  const group = `/aws/lambda/${name}`;
  const firing = new RegExp(`[^\\t]*Scheduled Event ${UUID} from ${(rule.Arn ?? '').replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}[^\\t\\n]*`);
  const line = await findInLogs(ctx, group, '"Scheduled Event"', firing);
  return line !== undefined
    ? { score: 1, message: `The rule fired: "${line.trim()}".` }
    : {
        score: 0,
        message: `Expected the logs of ${name} (${group}) to show a Scheduled Event from ${rule.Arn}, found none. In the Services tab choose To the next scheduled firing (on a real account, wait for 03:00 UTC), and keep the starter's console.log line.`,
        mismatches: [{ expected: `a Scheduled Event from ${rule.Arn} in ${group}`, got: 'none' }],
      };
}

/** A Scheduled Event as EventBridge sends it, for a day in the past the checker picks. */
function scheduledEvent(ctx: CheckContext, ruleArn: string, day: string): Record<string, unknown> {
  const [, , , region, account] = ruleArn.split(':');
  return { version: '0', id: `check-${ctx.randomHex(12)}`, 'detail-type': 'Scheduled Event', source: 'aws.events', account, time: `${day}T03:00:00Z`, region, resources: [ruleArn], detail: {} };
}

async function eventTime(ctx: CheckContext): Promise<Verdict> {
  const name = ctx.name(functionBase);
  const arn = configuration(await getFunction(ctx, name, undefined, howToCreate)).FunctionArn ?? '';
  const ruleArn = arn.replace(/:lambda:/, ':events:').replace(/:function:.*$/, `:rule/${ctx.name(ruleBase)}`);
  // A day long past, so that only the event can have told the function.
  const day = new Date(Date.UTC(2020, 0, 1) + parseInt(ctx.randomHex(4), 16) % 366 * 86_400_000).toISOString().slice(0, 10);
  const event = scheduledEvent(ctx, ruleArn, day);
  if (!CHECK_EVENT_ID.test(String(event['id']))) throw new Error('the checker event id must not look like a UUID');
  const result = await invoke(ctx, name, event);
  if (result.functionError !== undefined) throw new CheckFailure(`Invoking ${name} with a Scheduled Event for ${day}: ${describeFunctionError(result)}.`, { expected: `{"report":"daily","for":"${day}"}`, got: describeFunctionError(result) });
  const expected = { report: 'daily', for: day };
  return sameJson(result.json, expected)
    ? { score: 1, message: `Given a Scheduled Event for ${event['time']}, ${name} reported ${show(result.json)}.` }
    : {
        score: 0,
        message: `Given a Scheduled Event for ${event['time']}, expected ${show(expected)}, got ${show(result.json ?? result.text)}: report the day the event is about (its time), not the day the function runs.`,
        mismatches: [{ expected: show(expected), got: show(result.json ?? result.text) }],
      };
}

export const checks: ExerciseChecks = {
  slug: 'scheduled',
  questions: [],
  // fired reads the logs before event-time invokes, though the checker's events never look like the rule's.
  tasks: [
    { id: 'schedule-rule', check: scheduleRule },
    { id: 'fired', check: fired },
    { id: 'event-time', check: eventTime },
  ],
};
