import type { QuizBank } from '../schema.ts';
import { limits, fmt } from '../../emulator/index.ts';

export default {
  id: 'what-is-lambda',
  title: 'Check yourself: what Lambda is',
  questions: [
    {
      id: 'event-source-vs-downstream',
      kind: 'single',
      prompt: 'A photo uploaded to S3 triggers a function that writes a thumbnail to another bucket and a row to DynamoDB. What is the DynamoDB table?',
      options: [
        { id: 'event-source', text: 'The event source' },
        { id: 'trigger', text: 'The trigger' },
        { id: 'downstream', text: 'A downstream resource' },
        { id: 'runtime', text: 'The runtime' },
      ],
      answer: 'downstream',
      explanation: 'The event source (S3) produces the event and the trigger (the S3 notification) invokes the function; the resources the function calls once it runs, such as the table, are downstream resources.',
    },
    {
      id: 'billing',
      kind: 'multiple',
      prompt: 'Which of these do you pay for with an on-demand Lambda function today? Choose all that apply.',
      options: [
        { id: 'requests', text: 'The number of requests (invocations)' },
        { id: 'duration', text: 'Duration, INIT of a cold start included, rounded up to the millisecond, times configured memory (GB-seconds)' },
        { id: 'idle', text: 'Hours the function exists but is not invoked' },
        { id: 'servers', text: 'The servers Lambda keeps ready for your function' },
      ],
      answers: ['requests', 'duration'],
      explanation: `You pay per request and per GB-second of duration, beyond a monthly free tier of ${fmt(limits.billing.freeRequestsPerMonth)} requests and ${fmt(limits.billing.freeGbSecondsPerMonth)} GB-seconds. Since 1 August 2025 a cold start's INIT phase is billed too (before, .zip functions on managed runtimes got it free). A function nobody invokes costs nothing, apart from optional features such as provisioned concurrency.`,
    },
    {
      id: 'gb-seconds',
      kind: 'output',
      prompt: 'What does this handler return for the event shown? Type the JSON.',
      code: `export const handler = async (event) => {
  const gbSeconds = (event.memoryMb / 1024) * (event.billedMs / 1000);
  return { gbSeconds };
};`,
      event: '{"memoryMb":2048,"billedMs":1500}',
      ask: 'response',
      accepted: ['{"gbSeconds":3}'],
      explanation: '2,048 MB is 2 GB, and 1,500 ms is 1.5 s: 2 × 1.5 = 3 GB-seconds.',
    },
    {
      id: 'runtime-role',
      kind: 'single',
      prompt: 'What does a Lambda runtime do?',
      options: [
        { id: 'relay', text: 'It sits between the Lambda service and your code, relaying events, context and responses' },
        { id: 'schedule', text: 'It decides when your function runs' },
        { id: 'billing', text: 'It measures duration for billing' },
      ],
      answer: 'relay',
      explanation: 'A runtime (Node.js, Python, Java, a custom runtime...) runs your code in the execution environment and relays invocation events, context and responses between Lambda and your handler.',
    },
    {
      id: 'use-cases',
      kind: 'multiple',
      prompt: 'Which of these are a good fit for Lambda? Choose all that apply.',
      options: [
        { id: 'api', text: 'A REST API behind API Gateway' },
        { id: 's3-processing', text: 'Resizing images when they land in S3' },
        { id: 'nightly', text: 'A nightly clean-up job on an EventBridge schedule' },
        { id: 'long-render', text: 'A single video render that takes two hours' },
      ],
      answers: ['api', 's3-processing', 'nightly'],
      explanation: 'Web applications, data processing and automation are the classic uses. One job that runs for two hours exceeds the maximum timeout; split it into steps or use a container service.',
    },
    {
      id: 'free-tier',
      kind: 'number',
      limit: 'billing.freeGbSecondsPerMonth',
      prompt: 'How many GB-seconds of duration does the Lambda free tier include each month?',
      units: [{ unit: 'GB-seconds', factor: 1 }],
      answer: limits.billing.freeGbSecondsPerMonth,
      explanation: `${fmt(limits.billing.freeGbSecondsPerMonth)} GB-seconds and ${fmt(limits.billing.freeRequestsPerMonth)} requests a month: for example 100,000 invocations of 1 s at 4,096 MB.`,
    },
    {
      id: 'init-billed',
      kind: 'single',
      prompt: 'A cold start of a Node.js .zip function logs `Duration: 3.01 ms` and `Init Duration: 110.10 ms`. What does its REPORT line show as `Billed Duration` today?',
      options: [
        { id: 'handler-only', text: '4 ms: only the handler is billed' },
        { id: 'both', text: '114 ms: INIT plus the handler, rounded up to the millisecond' },
        { id: 'hundred', text: '200 ms: rounded up to 100 ms' },
      ],
      answer: 'both',
      explanation: 'Since 1 August 2025 INIT is billed for on-demand .zip functions on managed runtimes too, so Billed Duration is Init Duration plus Duration rounded up: 113.11 ms becomes 114 ms. Before, these functions showed 4 ms; 100 ms rounding ended in December 2020.',
    },
    {
      id: 'timeout-max',
      kind: 'number',
      limit: 'timeout.max',
      prompt: 'What is the longest a single invocation can run?',
      units: [
        { unit: 'seconds', factor: 1 },
        { unit: 'minutes', factor: 60 },
      ],
      answer: limits.timeout.max,
      explanation: `The maximum timeout is ${fmt(limits.timeout.max)} seconds, 15 minutes. Longer work is split into steps (Step Functions, or a durable function whose execution can last a year across many invocations), runs on Lambda Managed Instances (up to ${limits.managedInstances.longInvocationMinutes} minutes for asynchronous and event source mapping invocations), or moves to a container service.`,
    },
  ],
} satisfies QuizBank;
