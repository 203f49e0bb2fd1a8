/**
 * Checks for "Hello, Lambda": the function exists as the console creates it, a test invocation
 * answers the default response, its logs hold START/END/REPORT, and the learner can tell the
 * qualified ARN from the unqualified one.
 */
import { DescribeLogStreamsCommand, GetLogEventsCommand } from '@aws-sdk/client-cloudwatch-logs';
import { answer, choice, missingAnswer, noAnswer } from '../../src/checks/answers.ts';
import { consoleDefaults, languageOf } from '../../src/checks/languages.ts';
import { configuration, describeFunctionError, getFunction, invoke, isNotFound, sameJson, show } from '../../src/checks/lambda-reads.ts';
import type { CheckContext, ExerciseChecks, Verdict } from '../../src/checks/types.ts';
import { CheckFailure, Criteria } from '../../src/checks/verdict.ts';

export const functionBase = 'hello-lambda';
const howToCreate = 'Create it in the Lambda console: Create function, Author from scratch, Function name hello-lambda, Runtime Node.js (or Python).';

/** What the console's default Node.js code returns. */
export const expectedResponse = { statusCode: 200, body: JSON.stringify('Hello from Lambda!') };

/** The console's "hello-world" test event template. */
export const testEvent = { key1: 'value1', key2: 'value2', key3: 'value3' };

const basicExecutionPolicy = 'AWSLambdaBasicExecutionRole';
export const arnChoices = {
  a: 'The unqualified ARN always runs the newest published version; the qualified ARN runs $LATEST.',
  b: 'The qualified ARN ends in a version or alias (:$LATEST, :1, :prod) and names exactly that one; the unqualified ARN has no suffix and runs $LATEST.',
  c: 'The qualified ARN includes the Region and account; the unqualified ARN leaves them out.',
  d: 'There is no difference: Lambda rewrites both to the same ARN.',
} as const;
const correctArnChoice = 'b';

async function createFunction(ctx: CheckContext): Promise<Verdict> {
  const name = ctx.name(functionBase);
  const config = configuration(await getFunction(ctx, name, undefined, howToCreate));
  const c = new Criteria();
  c.add(1, true, `${name} exists.`);
  const runtime = config.Runtime ?? '';
  // The exercise can be done in Node.js or in Python; the handler must be that language's console default.
  const language = languageOf(runtime);
  c.add(1, language !== undefined, language !== undefined ? `Its runtime is ${runtime}.` : `Expected a Node.js or Python runtime (nodejs22.x or python3.12 or newer), found ${show(config.Runtime ?? 'none')}.`, { expected: 'a Node.js or Python runtime (nodejs22.x or python3.12 or newer)', got: show(config.Runtime ?? 'none') });
  const expected = consoleDefaults[language ?? 'nodejs'];
  c.add(1, config.Handler === expected.handler, config.Handler === expected.handler ? `Its handler is ${expected.handler}.` : `Expected ${expected.describe}, found ${show(config.Handler ?? 'none')}.`, { expected: expected.handler, got: show(config.Handler ?? 'none') });
  return c.verdict();
}

async function executionRole(ctx: CheckContext): Promise<Verdict> {
  const name = ctx.name(functionBase);
  const config = configuration(await getFunction(ctx, name, undefined, howToCreate));
  const c = new Criteria();
  const role = config.Role ?? '';
  const isRole = /^arn:aws[a-z-]*:iam::\d{12}:role\/.+/.test(role);
  c.add(1, isRole, isRole ? `The function runs as ${role}.` : `Expected the function to have an IAM execution role ARN, found ${show(config.Role ?? 'none')}.`, { expected: 'an IAM role ARN (arn:aws:iam::<account>:role/<name>)', got: show(config.Role ?? 'none') });
  const given = answer(ctx, 'role-policy');
  if (given === undefined) c.add(2, false, missingAnswer('role-policy'), noAnswer('role-policy'));
  else {
    const right = given.toLowerCase().includes(basicExecutionPolicy.toLowerCase());
    c.add(2, right, right ? `${basicExecutionPolicy} is the policy that lets the function write its logs.` : `Expected the name of the policy attached to the execution role (it allows logs:CreateLogGroup, logs:CreateLogStream and logs:PutLogEvents), got ${show(given)}.`, { expected: 'the name of the policy attached to the execution role', got: show(given) });
  }
  return c.verdict();
}

async function qualifiers(ctx: CheckContext): Promise<Verdict> {
  const name = ctx.name(functionBase);
  const config = configuration(await getFunction(ctx, name, undefined, howToCreate));
  const c = new Criteria();
  const expectedArn = `${config.FunctionArn ?? ''}:$LATEST`;
  const arn = answer(ctx, 'qualified-arn');
  if (arn === undefined) c.add(1, false, missingAnswer('qualified-arn'), noAnswer('qualified-arn'));
  else c.add(1, arn === expectedArn, arn === expectedArn ? 'The qualified ARN of $LATEST is right.' : `Expected the qualified ARN of $LATEST, ${expectedArn}, got ${show(arn)}.`, { expected: expectedArn, got: show(arn) });
  const letter = choice(ctx, 'arn-choice');
  const raw = answer(ctx, 'arn-choice');
  if (raw === undefined) c.add(1, false, missingAnswer('arn-choice'), noAnswer('arn-choice'));
  else if (letter === undefined) c.add(1, false, `Answer "arn-choice" with the letter of one choice (${Object.keys(arnChoices).join(', ')}), got ${show(raw)}.`, { expected: `one letter of ${Object.keys(arnChoices).join(', ')}`, got: show(raw) });
  else c.add(1, letter === correctArnChoice, letter === correctArnChoice ? 'The difference between the two ARNs is right.' : `Answer ${letter} is not it: a qualifier is the suffix after the function name; look at which ARN the console shows with :$LATEST.`, { expected: 'the choice that describes qualified and unqualified ARNs', got: `answer ${letter}` });
  return c.verdict();
}

async function testInvoke(ctx: CheckContext): Promise<Verdict> {
  const name = ctx.name(functionBase);
  await getFunction(ctx, name, undefined, howToCreate);
  const result = await invoke(ctx, name, testEvent);
  if (result.functionError !== undefined) return { score: 0, message: `Invoking ${name} with the test event: ${describeFunctionError(result)}.`, mismatches: [{ expected: show(expectedResponse), got: `a function error: ${describeFunctionError(result)}` }] };
  if (sameJson(result.json, expectedResponse)) return { score: 1, message: `The test event returned ${show(result.json)}.` };
  // The account is one across the course: the later exercises change hello-lambda's code on purpose,
  // and their responses keep the same shape. A test that still runs and answers so has done this task.
  const later = result.json as { statusCode?: unknown; body?: unknown } | undefined;
  if (later !== null && typeof later === 'object' && later.statusCode === 200 && typeof later.body === 'string') {
    return { score: 1, message: `The test event returned ${show(result.json)} (the code has moved on from the console's default since).` };
  }
  return { score: 0, message: `Expected the test to return ${show(expectedResponse)} (the console's default code), got ${show(result.json ?? result.text)}.`, mismatches: [{ expected: show(expectedResponse), got: show(result.json ?? result.text) }] };
}

const platformLine = /^(START|END|REPORT) RequestId: /;

async function logs(ctx: CheckContext): Promise<Verdict> {
  const group = `/aws/lambda/${ctx.name(functionBase)}`;
  let streams;
  try {
    streams = (await ctx.logs.send(new DescribeLogStreamsCommand({ logGroupName: group, orderBy: 'LastEventTime', descending: true, limit: 5 }))).logStreams ?? [];
  } catch (err) {
    if (isNotFound(err)) throw new CheckFailure(`Expected the log group ${group}, but it does not exist yet: Lambda creates it at the function's first invocation. Run a test first.`, { expected: `the log group ${group}`, got: 'no such log group' });
    throw err;
  }
  const c = new Criteria();
  c.add(1, true, `The log group ${group} exists.`);
  if (!c.add(1, streams.length > 0, streams.length > 0 ? `It holds log streams, newest ${streams[0]?.logStreamName ?? ''}.` : `Expected at least one log stream in ${group}, found none: run a test.`, { expected: `a log stream in ${group}`, got: 'none' })) return c.verdict();
  const seen = new Set<string>();
  let report: { stream: string; line: string } | undefined;
  for (const stream of streams) {
    if (stream.logStreamName === undefined) continue;
    const events = (await ctx.logs.send(new GetLogEventsCommand({ logGroupName: group, logStreamName: stream.logStreamName, startFromHead: true }))).events ?? [];
    for (const event of events) {
      const kind = event.message?.match(platformLine)?.[1];
      if (kind === undefined) continue;
      seen.add(kind);
      if (kind === 'REPORT' && report === undefined) report = { stream: stream.logStreamName, line: event.message?.trim() ?? '' };
    }
    if (report !== undefined) break;
  }
  c.add(2, report !== undefined, report !== undefined
    ? `The stream ${report.stream} holds ${[...seen].sort().join(', ')} lines, e.g. "${report.line.replace(/\t/g, ' ')}".`
    : `Expected a REPORT line in a stream of ${group}, found ${seen.size > 0 ? [...seen].join(', ') + ' lines only' : 'no START/END/REPORT lines'}.`, { expected: `a REPORT line in ${group}`, got: seen.size > 0 ? `${[...seen].join(', ')} lines only` : 'no START/END/REPORT lines' });
  return c.verdict();
}

export const checks: ExerciseChecks = {
  slug: 'hello-lambda',
  questions: [
    { id: 'role-policy', task: 'execution-role', prompt: 'What is the policy attached to the function\'s execution role called?' },
    { id: 'qualified-arn', task: 'qualifiers', prompt: 'Paste the qualified ARN of $LATEST.' },
    { id: 'arn-choice', task: 'qualifiers', prompt: 'What is the difference between the qualified and the unqualified ARN?', choices: arnChoices },
  ],
  // The logs check runs before the test invocation check, so the checker's own invoke never counts as the learner's test.
  tasks: [
    { id: 'create-function', check: createFunction },
    { id: 'execution-role', check: executionRole },
    { id: 'qualifiers', check: qualifiers },
    { id: 'logs', check: logs },
    { id: 'test-invoke', check: testInvoke },
  ],
};
