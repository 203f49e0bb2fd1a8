/**
 * Checks for "Batches from SQS": the queue orders sends what fails too often to orders-dlq, an
 * enabled event source mapping feeds orders to order-worker with ReportBatchItemFailures, the
 * handler names exactly the messages that failed, and a poison message has reached the
 * dead-letter queue. Queues are read through their attributes (never ReceiveMessage, which would
 * hide messages), so the same checks grade a real account.
 */
import { ListEventSourceMappingsCommand, type EventSourceMappingConfiguration } from '@aws-sdk/client-lambda';
import { GetQueueAttributesCommand, GetQueueUrlCommand } from '@aws-sdk/client-sqs';
import { addActionAnswer } from '../../src/checks/answers.ts';
import { configuration, describeFunctionError, getFunction, invoke, show } from '../../src/checks/lambda-reads.ts';
import type { CheckContext, ExerciseChecks, Verdict } from '../../src/checks/types.ts';
import { CheckFailure, Criteria } from '../../src/checks/verdict.ts';

export const functionBase = 'order-worker';
export const queueBase = 'orders';
export const deadLetterBase = 'orders-dlq';
/** What Lambda's refusal says the role lacks first. */
export const receiveAction = 'sqs:ReceiveMessage';

const howToCreate = `Create it in the Lambda console: Create function, Author from scratch, Function name ${functionBase}, Runtime Node.js (or Python), with the exercise's starter code.`;

interface Queue {
  url: string;
  attributes: Record<string, string>;
}

async function queue(ctx: CheckContext, name: string): Promise<Queue> {
  let url: string;
  try {
    url = (await ctx.sqs.send(new GetQueueUrlCommand({ QueueName: name }))).QueueUrl ?? '';
  } catch (err) {
    const code = (err as { name?: string }).name;
    if (code !== 'QueueDoesNotExist' && code !== 'AWS.SimpleQueueService.NonExistentQueue') throw err;
    throw new CheckFailure(`Expected an SQS queue named ${name}, but SQS answered that it does not exist. Make it in the Terminal: aws sqs create-queue --queue-name ${name}.`, { expected: `the queue ${name}`, got: 'no such queue' });
  }
  const attributes = (await ctx.sqs.send(new GetQueueAttributesCommand({ QueueUrl: url, AttributeNames: ['All'] }))).Attributes ?? {};
  return { url, attributes };
}

async function queues(ctx: CheckContext): Promise<Verdict> {
  const dlq = await queue(ctx, ctx.name(deadLetterBase));
  const source = await queue(ctx, ctx.name(queueBase));
  const c = new Criteria();
  let redrive: { deadLetterTargetArn?: unknown; maxReceiveCount?: unknown } = {};
  try {
    redrive = JSON.parse(source.attributes['RedrivePolicy'] ?? '{}') as typeof redrive;
  } catch {
    redrive = {};
  }
  const target = dlq.attributes['QueueArn'];
  const pointed = redrive.deadLetterTargetArn === target;
  c.add(2, pointed, pointed
    ? `${ctx.name(queueBase)} moves messages it cannot deliver to ${ctx.name(deadLetterBase)}.`
    : `Expected the RedrivePolicy of ${ctx.name(queueBase)} to name ${target} as its deadLetterTargetArn, found ${show(source.attributes['RedrivePolicy'] ?? 'no RedrivePolicy')}.`,
    { expected: `deadLetterTargetArn ${target}`, got: show(source.attributes['RedrivePolicy'] ?? 'none') });
  const count = Number(redrive.maxReceiveCount);
  const sensible = Number.isInteger(count) && count >= 1 && count <= 5;
  c.add(1, sensible, sensible
    ? `After ${count} receives a message goes there.`
    : `Expected a maxReceiveCount from 1 to 5, found ${show(redrive.maxReceiveCount ?? 'none')}: a poison message is retried that many times before it is set aside.`,
    { expected: 'maxReceiveCount 1 to 5', got: show(redrive.maxReceiveCount ?? 'none') });
  return c.verdict();
}

async function mappings(ctx: CheckContext, functionName: string): Promise<EventSourceMappingConfiguration[]> {
  const out: EventSourceMappingConfiguration[] = [];
  let marker: string | undefined;
  do {
    const page = await ctx.lambda.send(new ListEventSourceMappingsCommand({ FunctionName: functionName, Marker: marker }));
    out.push(...(page.EventSourceMappings ?? []));
    marker = page.NextMarker;
  } while (marker);
  return out;
}

async function mapping(ctx: CheckContext): Promise<Verdict> {
  const name = ctx.name(functionBase);
  await getFunction(ctx, name, undefined, howToCreate);
  const source = await queue(ctx, ctx.name(queueBase));
  const arn = source.attributes['QueueArn'];
  const c = new Criteria();
  const found = (await mappings(ctx, name)).find((m) => m.EventSourceArn === arn);
  if (found === undefined) {
    c.add(3, false, `Expected an event source mapping from ${arn} to ${name}, found none. Add the trigger in the Triggers tab (Source SQS, queue ${ctx.name(queueBase)}); the function's role needs the SQS permissions first.`, { expected: `a mapping from ${arn}`, got: 'none' });
  } else {
    c.add(1, true, `An event source mapping (${found.UUID}) feeds ${ctx.name(queueBase)} to ${name}.`);
    const enabled = found.State === 'Enabled' || found.State === 'Creating' || found.State === 'Enabling';
    c.add(1, enabled, enabled ? `It is ${found.State}.` : `Expected the mapping to be Enabled, found ${show(found.State ?? 'none')}.`, { expected: 'Enabled', got: show(found.State ?? 'none') });
    const partial = (found.FunctionResponseTypes ?? []).includes('ReportBatchItemFailures');
    c.add(1, partial, partial
      ? 'It reads the batch item failures the function reports.'
      : 'Expected the mapping to have FunctionResponseTypes ReportBatchItemFailures, found none: without it Lambda ignores the failures the function reports, and a failed batch comes back whole.',
      { expected: 'FunctionResponseTypes [ReportBatchItemFailures]', got: show(found.FunctionResponseTypes ?? []) });
  }
  addActionAnswer(c, ctx, 'missing-permission', [receiveAction, 'ReceiveMessage'], () => `Lambda's refusal named ${receiveAction}.`, "Expected the permission Lambda's refusal says the role lacks", 'the SQS action named in the refusal');
  return c.verdict();
}

/** An SQS message record as Lambda's poller hands it to the function. */
function record(ctx: CheckContext, queueArn: string, body: string): Record<string, unknown> {
  const hex = ctx.randomHex(32);
  const messageId = `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
  return {
    messageId,
    receiptHandle: `AQEB${ctx.randomHex(40)}`,
    body,
    attributes: { ApproximateReceiveCount: '1', SentTimestamp: '1767225600000', SenderId: 'AIDAIENQZJOLO23YVJ4VO', ApproximateFirstReceiveTimestamp: '1767225600001' },
    messageAttributes: {},
    md5OfBody: ctx.randomHex(32),
    eventSource: 'aws:sqs',
    eventSourceARN: queueArn,
    awsRegion: queueArn.split(':')[3],
  };
}

async function partialFailures(ctx: CheckContext): Promise<Verdict> {
  const name = ctx.name(functionBase);
  const config = configuration(await getFunction(ctx, name, undefined, howToCreate));
  const [, , , region, account] = (config.FunctionArn ?? '').split(':');
  const queueArn = `arn:aws:sqs:${region}:${account}:${ctx.name(queueBase)}`;
  const good = [record(ctx, queueArn, JSON.stringify({ orderId: `o-${ctx.randomHex(4)}`, quantity: 2 })), record(ctx, queueArn, JSON.stringify({ orderId: `o-${ctx.randomHex(4)}`, quantity: 1 }))];
  const bad = record(ctx, queueArn, JSON.stringify({ orderId: `o-${ctx.randomHex(4)}`, quantity: 0 }));
  const result = await invoke(ctx, name, { Records: [good[0], bad, good[1]] });
  const expected = { batchItemFailures: [{ itemIdentifier: bad['messageId'] }] };
  if (result.functionError !== undefined) {
    return {
      score: 0,
      message: `Given a batch of three messages whose second has quantity 0, ${describeFunctionError(result)}: the whole batch fails, and its two good messages would be processed again. Report only the failed message in batchItemFailures.`,
      mismatches: [{ expected: show(expected), got: describeFunctionError(result) }],
    };
  }
  if (reportsOnly(result.json, bad['messageId'] as string)) return { score: 1, message: `Given a batch of three messages whose second has quantity 0, ${name} reported only that one: ${show(result.json)}.` };
  const got = result.text.trim() === '' ? null : result.json === undefined ? result.text : result.json;
  return {
    score: 0,
    message: `Given a batch of three messages whose second has quantity 0, expected ${show(expected)}, got ${show(got)}: ${whatLambdaDoes(got, [good[0]!, bad, good[1]!], bad)}`,
    mismatches: [{ expected: show(expected), got: show(got) }],
  };
}

/** Whether Lambda would read `answer` as the failure of exactly the message `id` (keys it does not read may come along). */
function reportsOnly(answer: unknown, id: string): boolean {
  const items = (answer as { batchItemFailures?: unknown } | null)?.batchItemFailures;
  if (typeof answer !== 'object' || answer === null || Array.isArray(answer) || !Array.isArray(items) || items.length === 0) return false;
  return items.every((item: unknown) => (item as { itemIdentifier?: unknown } | null)?.itemIdentifier === id);
}

/**
 * What Lambda would do with an answer that is not the expected one, by its rules for
 * ReportBatchItemFailures: no failures reported deletes every message; an answer it cannot read,
 * or an entry that names no message of the batch, fails the whole batch.
 */
export function whatLambdaDoes(answer: unknown, records: Record<string, unknown>[], bad: Record<string, unknown>): string {
  const ids = records.map((r) => r['messageId']);
  const handles = records.map((r) => r['receiptHandle']);
  const deletesAll = 'Lambda reads that as no failures and deletes every message, the bad one too: it is lost instead of coming back and ending in the dead-letter queue. Return {"batchItemFailures": [...]} after the loop.';
  const failsAll = 'Lambda cannot read that, and fails the whole batch: the two good messages would be processed again.';
  if (answer === null || answer === undefined) return `the function returned nothing. ${deletesAll}`;
  if (typeof answer !== 'object' || Array.isArray(answer)) return `the answer is not an object with batchItemFailures. ${failsAll}`;
  const keys = Object.keys(answer);
  const items = (answer as { batchItemFailures?: unknown }).batchItemFailures;
  if (items === undefined || items === null) {
    const near = keys.find((k) => k.toLowerCase().includes('fail'));
    return near !== undefined
      ? `Lambda reads only the key batchItemFailures (spelled exactly so), not ${show(near)}. ${deletesAll}`
      : `the answer has no batchItemFailures. ${deletesAll}`;
  }
  if (!Array.isArray(items)) return `batchItemFailures must be a list. ${failsAll}`;
  if (items.length === 0) return `the list of failures is empty. ${deletesAll}`;
  for (const item of items as unknown[]) {
    const id = (item as { itemIdentifier?: unknown } | null)?.itemIdentifier;
    if (typeof item !== 'object' || item === null || typeof id !== 'string') {
      return `each failure must be an object {"itemIdentifier": <the record's messageId>}, and ${show(item)} is not. ${failsAll}`;
    }
    if (handles.includes(id)) return `itemIdentifier is the record's messageId, not its receiptHandle. Lambda finds no message with that id, and fails the whole batch: the two good messages would be processed again.`;
    if (!ids.includes(id)) return `${show(id)} is the messageId of no message in the batch. ${failsAll}`;
  }
  const named = new Set((items as { itemIdentifier: string }[]).map((i) => i.itemIdentifier));
  const goods = [...named].filter((id) => id !== bad['messageId']).length;
  if (goods > 0) return `${goods} of the reported messages had a good order: they come back and are processed again. Report a message only when its own processing failed.`;
  return 'the message with quantity 0 is not reported: Lambda deletes it as if it had succeeded. A quantity that is not a whole number above 0 is a failure.';
}

async function deadLetter(ctx: CheckContext): Promise<Verdict> {
  const dlq = await queue(ctx, ctx.name(deadLetterBase));
  const waiting = Number(dlq.attributes['ApproximateNumberOfMessages'] ?? '0') + Number(dlq.attributes['ApproximateNumberOfMessagesNotVisible'] ?? '0');
  return waiting > 0
    ? { score: 1, message: `${ctx.name(deadLetterBase)} holds ${waiting} message(s) that failed too often.` }
    : {
        score: 0,
        message: `Expected ${ctx.name(deadLetterBase)} to hold the poison message, found it empty. Send a message that cannot succeed (not json) to ${ctx.name(queueBase)}, then let it be received maxReceiveCount times (in the page, +1 minute in the Services tab, once per receive).`,
        mismatches: [{ expected: `at least 1 message in ${ctx.name(deadLetterBase)}`, got: '0 messages' }],
      };
}

export const checks: ExerciseChecks = {
  slug: 'sqs-batch',
  questions: [{ id: 'missing-permission', task: 'mapping', prompt: 'Which permission does Lambda say the role lacks when you first add the trigger?' }],
  tasks: [
    { id: 'queues', check: queues },
    { id: 'mapping', check: mapping },
    { id: 'partial-failures', check: partialFailures },
    { id: 'dead-letter', check: deadLetter },
  ],
};
