import type { QuizBank } from '../schema.ts';
import { limits } from '../../emulator/index.ts';

export default {
  id: 'event-sources',
  title: 'Check yourself: event sources and triggers',
  questions: [
    {
      id: 's3-permission',
      kind: 'single',
      prompt: '`put-bucket-notification-configuration` fails with "Unable to validate the following destination configurations". What is missing?',
      options: [
        { id: 'resource-policy', text: 'A statement in the function’s resource-based policy letting s3.amazonaws.com invoke it' },
        { id: 'role', text: 's3:GetObject in the function’s execution role' },
        { id: 'mapping', text: 'An event source mapping from the bucket to the function' },
      ],
      answer: 'resource-policy',
      explanation: 'S3 pushes: it calls Invoke itself, so the function’s resource-based policy must allow the principal s3.amazonaws.com (add-permission with --source-arn and --source-account). S3 checks this when you save the configuration. s3:GetObject in the role matters only when the code reads the object.',
    },
    {
      id: 'push-or-poll',
      kind: 'multiple',
      prompt: 'Which of these sources reach a function through an event source mapping that Lambda polls? Choose all that apply.',
      options: [
        { id: 'sqs', text: 'An SQS queue' },
        { id: 'kinesis', text: 'A Kinesis data stream' },
        { id: 'dynamodb', text: 'A DynamoDB stream' },
        { id: 's3', text: 'An S3 bucket' },
        { id: 'sns', text: 'An SNS topic' },
        { id: 'schedule', text: 'An EventBridge schedule' },
      ],
      answers: ['sqs', 'kinesis', 'dynamodb'],
      explanation: 'Queues and streams (SQS, Kinesis, DynamoDB Streams, Kafka, MQ, DocumentDB) are polled by an event source mapping. S3, SNS and EventBridge push: they invoke the function asynchronously.',
    },
    {
      id: 'partial-batch',
      kind: 'output',
      prompt: 'An SQS mapping with ReportBatchItemFailures sends this batch. What does the handler return? Type the JSON.',
      code: `export const handler = async (event) => {
  const batchItemFailures = event.Records
    .filter((r) => Number(r.body) < 0)
    .map((r) => ({ itemIdentifier: r.messageId }));
  return { batchItemFailures };
};`,
      event: '{"Records":[{"messageId":"m1","body":"5"},{"messageId":"m2","body":"-1"},{"messageId":"m3","body":"7"}]}',
      ask: 'response',
      accepted: ['{"batchItemFailures":[{"itemIdentifier":"m2"}]}'],
      explanation: 'Only m2 is reported as failed, so Lambda deletes m1 and m3 and m2 becomes visible again after the visibility timeout. Without ReportBatchItemFailures, any failure would return the whole batch.',
    },
    {
      id: 'batch-window',
      kind: 'single',
      prompt: `You set an SQS mapping’s batch size to 500. What else must you set?`,
      options: [
        { id: 'window', text: 'A batching window (MaximumBatchingWindowInSeconds) above 0' },
        { id: 'fifo', text: 'A FIFO queue' },
        { id: 'nothing', text: 'Nothing: any batch size works alone' },
      ],
      answer: 'window',
      explanation: `Above ${limits.eventSourceMapping.batchSize.maxWithoutWindow} messages a batch needs a batching window (up to ${limits.eventSourceMapping.batchingWindowSeconds.max} s) during which Lambda gathers messages.`,
    },
    {
      id: 'poison-message',
      kind: 'single',
      prompt: 'One malformed message makes every invocation of an SQS-triggered function fail. How do you stop it coming back forever?',
      options: [
        { id: 'redrive', text: 'Give the source queue a redrive policy with a maxReceiveCount and a dead-letter queue' },
        { id: 'retries', text: 'Set the function’s MaximumRetryAttempts to 0' },
        { id: 'timeout', text: 'Raise the function’s timeout' },
      ],
      answer: 'redrive',
      explanation: 'For SQS the retries are the queue’s: a message that is not deleted comes back after the visibility timeout. After maxReceiveCount receives, the redrive policy moves it to the DLQ. MaximumRetryAttempts is for asynchronous invocation, not for mappings.',
    },
    {
      id: 'recursive-loop',
      kind: 'single',
      prompt: 'A function triggered by s3:ObjectCreated:* on bucket photos writes a thumbnail to photos/thumbnails/. What happens?',
      options: [
        { id: 'loop', text: 'Each thumbnail triggers the function again: a recursive loop, until Lambda’s loop detection or you stop it' },
        { id: 'once', text: 'Nothing special: S3 never notifies about objects a function wrote' },
        { id: 'refused', text: 'S3 refuses the write' },
      ],
      answer: 'loop',
      explanation: 'S3 notifies about every matching object, whoever wrote it. Write results to another bucket, or filter the notification on an input prefix (uploads/) the function never writes to. Recursive loop detection stops such a chain after about 16 invocations, as a safety net.',
    },
    {
      id: 'schedule-permission',
      kind: 'ordering',
      prompt: 'Put the steps of running a function every night with an EventBridge rule in order.',
      items: [
        { id: 'targets', text: 'aws events put-targets with the function’s ARN' },
        { id: 'rule', text: 'aws events put-rule with a cron expression' },
        { id: 'permission', text: 'aws lambda add-permission for events.amazonaws.com with the rule’s ARN' },
      ],
      answer: ['rule', 'permission', 'targets'],
      explanation: 'The rule exists first (its ARN is the permission’s source ARN), then the function’s resource policy allows EventBridge to invoke it, then the function becomes the rule’s target.',
    },
  ],
} satisfies QuizBank;
