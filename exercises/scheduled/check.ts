/**
 * Checks for "A scheduled function": nightly-report is the target of an enabled EventBridge rule
 * that fires at 03:00 UTC every day, its resource-based policy lets events.amazonaws.com invoke it
 * for that rule only, the rule has fired (its Scheduled Event is in the logs), and the report is
 * for the day the event is about. Rules, targets and the policy are read through their APIs, so
 * the same checks grade a real account.
 */
import { DescribeRuleCommand, ListTargetsByRuleCommand, type DescribeRuleCommandOutput } from '@aws-sdk/client-eventbridge';
import { conditionValue, configuration, describeFunctionError, findInLogs, functionPolicy, getFunction, invoke, isNotFound, sameJson, servicePrincipal, show } from '../../src/checks/lambda-reads.ts';
import type { CheckContext, ExerciseChecks, Verdict } from '../../src/checks/types.ts';
import { CheckFailure, Criteria } from '../../src/checks/verdict.ts';

export const functionBase = 'nightly-report';
export const ruleBase = 'nightly-report-schedule';
export const schedule = 'cron(0 3 * * ? *)';

const howToCreate = `Create it in the Lambda console: Create function, Author from scratch, Function name ${functionBase}, Runtime Node.js (or Python), with the exercise's starter code.`;
const howToSchedule = `Make it in the Terminal: aws events put-rule --name ${ruleBase} --schedule-expression '${schedule}' (or in the Triggers tab: Source EventBridge (CloudWatch Events): schedule, Rule name ${ruleBase}, Schedule expression ${schedule}).`;

/** The id of the events the checker sends: not a UUID, so the logs never mistake them for the rule's firings. */
const CHECK_EVENT_ID = /^check-[0-9a-f]+$/;
const UUID = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}';
const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * Whether a schedule expression fires at 03:00 UTC every day and at no other time:
 * cron(0 3 * * ? *) or another spelling of it (cron(00 03 ? * * *)).
 */
export function everyDayAtThree(expression: string | undefined): boolean {
  const fields = /^cron\((.*)\)$/.exec(expression ?? '')?.[1]!.trim().split(/\s+/);
  if (fields?.length !== 6) return false;
  const [minutes, hours, dayOfMonth, month, dayOfWeek, year] = fields;
  const everyDay = (dayOfMonth === '*' && dayOfWeek === '?') || (dayOfMonth === '?' && dayOfWeek === '*');
  return /^0{1,2}$/.test(minutes!) && /^0?3$/.test(hours!) && everyDay && month === '*' && year === '*';
}

/** Why an expression is not 03:00 UTC every day, in a few words the learner can act on. */
function scheduleProblem(expression: string | undefined): string {
  if (expression === undefined) return 'a rule with an event pattern, not a schedule';
  if (expression.startsWith('rate(')) return 'a rate counts from when the rule was made, so it fires at whatever time that was, not at 03:00';
  return 'minutes 0, hours 3, every day of the month (*) and any day of the week (?), every month and year (*)';
}

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
  const found = rule.ScheduleExpression ?? rule.EventPattern ?? 'none';
  const onSchedule = everyDayAtThree(rule.ScheduleExpression);
  c.add(2, onSchedule, onSchedule
    ? `The rule ${ruleName} runs on ${rule.ScheduleExpression}, 03:00 UTC every day.`
    : `Expected the rule ${ruleName} to have the schedule ${schedule} (03:00 UTC every day), found ${show(found)}: ${scheduleProblem(rule.ScheduleExpression)}.`,
    { expected: schedule, got: show(found) });
  c.add(1, rule.State === 'ENABLED', rule.State === 'ENABLED' ? 'It is enabled.' : `Expected the rule to be ENABLED, found ${show(rule.State ?? 'none')}: a disabled rule never fires.`, { expected: 'ENABLED', got: show(rule.State ?? 'none') });
  const targets = (await ctx.events.send(new ListTargetsByRuleCommand({ Rule: ruleName }))).Targets ?? [];
  const targeted = targets.some((t) => t.Arn === arn);
  const listed = targets.map((t) => t.Arn).join(', ') || 'none';
  c.add(2, targeted, targeted
    ? `Its target is ${name}.`
    : `Expected the rule's targets to include ${arn}, found ${listed}: aws events put-targets --rule ${ruleName} --targets Id=${functionBase},Arn=${arn}.`,
    { expected: `target ${arn}`, got: listed });
  return c.verdict();
}

async function invokePermission(ctx: CheckContext): Promise<Verdict> {
  const name = ctx.name(functionBase);
  await getFunction(ctx, name, undefined, howToCreate);
  const ruleName = ctx.name(ruleBase);
  const rule = await describeRule(ctx, ruleName);
  const statements = (await functionPolicy(ctx, name)).filter((s) => servicePrincipal(s) === 'events.amazonaws.com');
  const sourceArns = statements.map((s) => conditionValue(s, 'ArnLike', 'AWS:SourceArn') ?? conditionValue(s, 'ArnEquals', 'AWS:SourceArn'));
  if (sourceArns.includes(rule.Arn)) {
    const sid = statements[sourceArns.indexOf(rule.Arn)]!.Sid;
    return { score: 1, message: `${name}'s resource-based policy lets events.amazonaws.com invoke it for ${ruleName} only (statement ${sid}).` };
  }
  const add = `aws lambda add-permission --function-name ${name} --statement-id ${ruleBase} --action lambda:InvokeFunction --principal events.amazonaws.com --source-arn ${rule.Arn}`;
  const message = statements.length === 0
    ? `Expected a statement in ${name}'s resource-based policy that lets events.amazonaws.com invoke it, found none: without it EventBridge cannot deliver. ${add}.`
    : sourceArns.includes(undefined)
      ? `Expected the statement for events.amazonaws.com to name the rule (SourceArn ${rule.Arn}), found one without a SourceArn: it lets any EventBridge rule, in any account, invoke ${name}. Remove it (aws lambda remove-permission) and add one for the rule: ${add}.`
      : `Expected the statement for events.amazonaws.com to name the rule (SourceArn ${rule.Arn}), found ${sourceArns.map((a) => show(a)).join(', ')}.`;
  return {
    score: 0,
    message,
    mismatches: [{ expected: `events.amazonaws.com with SourceArn ${rule.Arn}`, got: statements.length === 0 ? 'no statement' : sourceArns.map((a) => a ?? 'no SourceArn').join(', ') }],
  };
}

async function fired(ctx: CheckContext): Promise<Verdict> {
  const name = ctx.name(functionBase);
  await getFunction(ctx, name, undefined, howToCreate);
  const rule = await describeRule(ctx, ctx.name(ruleBase));
  const group = `/aws/lambda/${name}`;
  // The starter's line: Scheduled Event, the event's id (a UUID when EventBridge sent it), its time and the rule's ARN.
  const firing = new RegExp(`[^\\t]*Scheduled Event ${UUID}[^\\t\\n]*${escape(rule.Arn ?? '')}[^\\t\\n]*`);
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
    { id: 'invoke-permission', check: invokePermission },
    { id: 'fired', check: fired },
    { id: 'event-time', check: eventTime },
  ],
};
