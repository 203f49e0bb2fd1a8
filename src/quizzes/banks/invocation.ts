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
      prompt: 'With default settings, how many times in all can a failing asynchronous event be attempted?',
      units: [{ unit: 'attempts', factor: 1 }],
      answer: limits.asyncRetries.default + 1,
      explanation: `${limits.asyncRetries.default} retries after the first attempt: ${limits.asyncRetries.default + 1} attempts. That is why one set of notes says “retried twice” and another “max retries = 3”: one counts retries, the other attempts.`,
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
      kind: 'multiple',
      prompt: 'Where can an asynchronous event go after it runs out of retries? Choose all that apply.',
      options: [
        { id: 'dest-sqs', text: 'An on-failure destination such as an SQS queue or EventBridge bus' },
        { id: 'dlq', text: 'A dead-letter queue (SQS queue or SNS topic)' },
        { id: 'caller', text: 'Back to the original caller as an error' },
        { id: 'dropped', text: 'Nowhere: without a destination or DLQ it is discarded' },
      ],
      answers: ['dest-sqs', 'dlq', 'dropped'],
      explanation: 'The caller got its 202 long ago and hears nothing. Configure an on-failure destination (SQS, SNS, Lambda, EventBridge or S3; it records the request, the error and the attempt count) or the older DLQ; otherwise the event is dropped.',
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
