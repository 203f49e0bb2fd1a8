import type { QuizBank } from '../schema.ts';
import { limits, fmt } from '../../emulator/index.ts';

export default {
  id: 'concurrency-and-scaling',
  title: 'Check yourself: concurrency and scaling',
  questions: [
    {
      id: 'estimate',
      kind: 'output',
      prompt: 'What does this handler return for the event shown? Type the JSON.',
      code: `export const handler = async (event) => {
  const concurrency = Math.ceil(event.requestsPerSecond * event.averageDurationMs / 1000);
  return { concurrency };
};`,
      event: '{"requestsPerSecond":50,"averageDurationMs":2000}',
      ask: 'response',
      accepted: ['{"concurrency":100}'],
      explanation: 'Concurrency ≈ requests per second × duration in seconds: 50 × 2 = 100 environments busy at once.',
    },
    {
      id: 'account-default',
      kind: 'number',
      limit: 'concurrency.accountDefault',
      prompt: 'What is the default concurrency limit of an account in one Region?',
      units: [{ unit: 'concurrent executions', factor: 1 }],
      answer: limits.concurrency.accountDefault,
      explanation: `${fmt(limits.concurrency.accountDefault)}, shared by all functions in the Region; raise it through Service Quotas.`,
    },
    {
      id: 'unreserved',
      kind: 'number',
      limit: 'concurrency.minimumUnreserved',
      prompt: 'However much you reserve for individual functions, how much of the account’s concurrency always stays unreserved?',
      units: [{ unit: 'concurrent executions', factor: 1 }],
      answer: limits.concurrency.minimumUnreserved,
      explanation: `At least ${limits.concurrency.minimumUnreserved}, so functions without a reservation can still run.`,
    },
    {
      id: 'reserved-vs-provisioned',
      kind: 'single',
      prompt: 'A function talks to a database that can take 50 connections. Which setting makes sure the function never runs more than 50 copies?',
      options: [
        { id: 'reserved', text: 'Reserved concurrency of 50' },
        { id: 'provisioned', text: 'Provisioned concurrency of 50' },
        { id: 'memory', text: 'Less memory' },
      ],
      answer: 'reserved',
      explanation: 'Reserved concurrency both guarantees and caps a function’s concurrency. Provisioned concurrency pre-warms environments but does not cap anything (and costs money).',
    },
    {
      id: 'throttle-sync',
      kind: 'single',
      prompt: 'A synchronous invocation is throttled. What does the caller get?',
      options: [
        { id: '429', text: '429 TooManyRequestsException; the caller must back off and retry' },
        { id: '202', text: '202, and Lambda retries later' },
        { id: '200-error', text: '200 with X-Amz-Function-Error' },
      ],
      answer: '429',
      explanation: 'Throttled synchronous calls fail with 429 (Reason such as ReservedFunctionConcurrentInvocationLimitExceeded). Asynchronous events are kept on the queue and retried for up to the maximum event age instead.',
    },
    {
      id: 'scaling-rate',
      kind: 'number',
      limit: 'scaling.environmentsPer10Seconds',
      prompt: 'How many new execution environments can one function add every 10 seconds?',
      units: [{ unit: 'environments', factor: 1 }],
      answer: limits.scaling.environmentsPer10Seconds,
      explanation: `${fmt(limits.scaling.environmentsPer10Seconds)} every 10 seconds per function; faster spikes are throttled while Lambda catches up.`,
    },
    {
      id: 'throttle-paths',
      kind: 'multiple',
      prompt: 'An asynchronous event is throttled. What does Lambda do? Choose all that apply.',
      options: [
        { id: 'requeue', text: 'Puts it back on the internal queue' },
        { id: 'backoff', text: 'Retries it with backoff, up to the maximum event age' },
        { id: 'dest', text: 'Sends it to the on-failure destination when it gets too old' },
        { id: 'error-caller', text: 'Returns 429 to the original caller' },
      ],
      answers: ['requeue', 'backoff', 'dest'],
      explanation: 'The caller already got 202. Throttled events stay queued and are retried with backoff until MaximumEventAgeInSeconds, then go to the on-failure destination (or are dropped).',
    },
    {
      id: 'keep-warm',
      kind: 'single',
      prompt: 'An EventBridge rule pings a function every 5 minutes to keep it warm. Then 20 requests arrive at the same moment. What happens?',
      options: [
        { id: 'most-cold', text: 'At most one finds the warm environment; the others get cold starts' },
        { id: 'all-warm', text: 'All 20 are served by warm environments' },
        { id: 'queued', text: 'They queue for the one warm environment, one after another' },
      ],
      answer: 'most-cold',
      explanation: 'A ping keeps about one environment warm; concurrent requests need concurrent environments, and new ones start cold. Provisioned concurrency keeps a chosen number of environments initialised.',
    },
    {
      id: 'provisioned-billing',
      kind: 'single',
      prompt: 'How is provisioned concurrency charged?',
      options: [
        { id: 'gb-seconds', text: `Per GB-second it is configured, from enable to disable, rounded up to ${limits.billing.provisionedConcurrencyRoundUpMinutes} minutes, plus requests and duration` },
        { id: 'hourly', text: 'A flat hourly fee per function' },
        { id: 'per-request', text: 'Only for requests it serves' },
      ],
      answer: 'gb-seconds',
      explanation: 'You pay for the memory you keep initialised for as long as it is configured, whether requests come or not, and requests served by it add a request charge and a (lower) duration charge.',
    },
  ],
} satisfies QuizBank;
