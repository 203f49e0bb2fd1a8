import type { QuizBank } from '../schema.ts';
import { limits, fmt } from '../../emulator/index.ts';

export default {
  id: 'invocation',
  title: 'Check yourself: invocation',
  questions: [
    {
      id: 'async-response',
      kind: 'single',
      prompt: 'You invoke a function with `--invocation-type Event`. What do you get back?',
      options: [
        { id: 'result', text: '200 and the handler’s result' },
        { id: 'accepted', text: '202 Accepted with an empty body, before the handler runs' },
        { id: 'no-content', text: '204 No Content, after checking permissions only' },
      ],
      answer: 'accepted',
      explanation: 'Asynchronous invocation queues the event and answers 202 at once. 204 is the answer to a DryRun, which runs nothing.',
    },
    {
      id: 'attempts',
      kind: 'number',
      prompt: 'You set MaximumRetryAttempts to 1 on a function whose handler always throws, then invoke it asynchronously once. How many START lines with that request ID does its log group get?',
      units: [{ unit: 'START lines', factor: 1 }],
      answer: 2,
      explanation: 'The first attempt and one retry, each with its own START, END and REPORT under the same request ID. Retries count after the first attempt: a setting of 0 means one attempt in all.',
    },
    {
      id: 'retries-default',
      kind: 'number',
      limit: 'asyncRetries.default',
      prompt: 'How many retries does Lambda make by default for an asynchronous event whose handler throws?',
      units: [{ unit: 'retries', factor: 1 }],
      answer: limits.asyncRetries.default,
      explanation: `${limits.asyncRetries.default} retries, about 1 minute and then 2 minutes apart. You can set MaximumRetryAttempts from ${limits.asyncRetries.min} to ${limits.asyncRetries.max}.`,
    },
    {
      id: 'event-age',
      kind: 'number',
      limit: 'asyncEventAge.max',
      prompt: 'What is the longest an asynchronous event can stay in Lambda’s queue (the maximum event age)?',
      units: [
        { unit: 'seconds', factor: 1 },
        { unit: 'minutes', factor: 60 },
        { unit: 'hours', factor: 3600 },
      ],
      answer: limits.asyncEventAge.max,
      explanation: `${fmt(limits.asyncEventAge.max)} seconds, 6 hours, which is also the default. Throttled events keep being retried with backoff until they reach this age.`,
    },
    {
      id: 'which-model',
      kind: 'single',
      prompt: 'How does Lambda receive messages from an SQS queue?',
      options: [
        { id: 'push-async', text: 'SQS invokes the function asynchronously for each message' },
        { id: 'esm', text: 'An event source mapping polls the queue and invokes the function synchronously with batches' },
        { id: 'push-sync', text: 'SQS invokes the function synchronously for each message' },
      ],
      answer: 'esm',
      explanation: 'SQS, Kinesis, DynamoDB Streams, MQ and Kafka do not invoke functions; an event source mapping polls them and invokes the function synchronously with a batch, using the execution role to read the source.',
    },
    {
      id: 'failure-handling',
      kind: 'single',
      prompt: 'A function has no on-failure destination and no dead-letter queue. An asynchronous event fails every attempt. What happens to the event?',
      options: [
        { id: 'dropped', text: 'It is discarded: only the logs and the AsyncEventsDropped metric show it' },
        { id: 'caller', text: 'The original caller receives the error' },
        { id: 'kept', text: 'It stays in Lambda’s queue until the function is fixed' },
        { id: 'logged', text: 'Lambda writes the event into the function’s log group so it can be replayed' },
      ],
      answer: 'dropped',
      explanation: 'The caller got its 202 long ago and hears nothing, and Lambda keeps an event only until its retries or its maximum event age run out. Configure an on-failure destination (SQS, SNS, Lambda, EventBridge or S3; it records the request, the error and the attempt count) or the older DLQ to keep failed events.',
    },
    {
      id: 'batch-failures',
      kind: 'output',
      prompt: 'What does this SQS handler return for the batch shown? Type the JSON.',
      code: `export const handler = async (event) => {
  const batchItemFailures = event.Records
    .filter((record) => !JSON.parse(record.body).ok)
    .map((record) => ({ itemIdentifier: record.messageId }));
  return { batchItemFailures };
};`,
      event: '{"Records":[{"messageId":"a","body":"{\\"ok\\":true}"},{"messageId":"b","body":"{\\"ok\\":false}"},{"messageId":"c","body":"{}"}]}',
      ask: 'response',
      accepted: ['{"batchItemFailures":[{"itemIdentifier":"b"},{"itemIdentifier":"c"}]}'],
      explanation: 'Messages b and c have no true ok field, so they are reported as failures; with ReportBatchItemFailures enabled on the mapping, only they return to the queue.',
    },
  ],
} satisfies QuizBank;
