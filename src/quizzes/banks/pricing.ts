import type { QuizBank } from '../schema.ts';
import { limits, fmt } from '../../emulator/index.ts';

const prices = limits.billing.listPrices;

export default {
  id: 'pricing',
  title: 'Check yourself: pricing and cost',
  questions: [
    {
      id: 'double-memory',
      kind: 'single',
      prompt: 'A CPU-bound function takes 800 ms at 512 MB. At 1,024 MB it takes 400 ms. How does the duration charge of one invocation change?',
      options: [
        { id: 'same', text: 'It stays the same: twice the memory for half the time' },
        { id: 'double', text: 'It doubles, because memory doubled' },
        { id: 'half', text: 'It halves, because the time halved' },
      ],
      answer: 'same',
      explanation: 'Duration is billed in GB-seconds: 0.5 GB × 0.8 s = 0.4 GB-s, and 1 GB × 0.4 s = 0.4 GB-s. Same cost, and the caller waits half as long. Code that waits on the network would not speed up, and would cost twice as much.',
    },
    {
      id: 'cold-start-billed',
      kind: 'output',
      prompt: 'Since 1 August 2025, what does this handler return for a cold start of a .zip function on nodejs22.x? Type the JSON.',
      code: `export const handler = async (event) => {
  // Duration and Init Duration from a cold start's REPORT line
  const billed = Math.ceil(event.durationMs + event.initMs);
  return { billedMs: billed };
};`,
      event: '{"durationMs":12.34,"initMs":131.2}',
      ask: 'response',
      accepted: ['{"billedMs":144}'],
      explanation: 'INIT is billed for every function since 1 August 2025: a cold start bills Init Duration plus Duration, rounded up to the millisecond once: 143.54 becomes 144 ms. Before, this function would have billed 13 ms.',
    },
    {
      id: 'arm-saving',
      kind: 'single',
      prompt: 'You move a function from x86_64 to arm64 and its duration stays the same. What happens to its duration charge?',
      options: [
        { id: 'less', text: 'It drops by about 20 %, the price difference per GB-second' },
        { id: 'same', text: 'Nothing: the architecture does not change the price' },
        { id: 'requests', text: 'The duration charge stays, the request charge drops' },
      ],
      answer: 'less',
      explanation: `In ${prices.region}, arm64 costs $${prices.usdPerGbSecond.arm64} per GB-second against $${prices.usdPerGbSecond.x86_64} for x86_64: 20 % less. Requests cost the same on both.`,
    },
    {
      id: 'free-tier-gb-seconds',
      kind: 'number',
      prompt: 'How many GB-seconds of duration does the Lambda free tier include each month?',
      units: [
        { unit: 'GB-seconds', factor: 1 },
        { unit: 'thousand GB-seconds', factor: 1000 },
      ],
      answer: limits.billing.freeGbSecondsPerMonth,
      limit: 'billing.freeGbSecondsPerMonth',
      explanation: `${fmt(limits.billing.freeGbSecondsPerMonth)} GB-seconds and ${fmt(limits.billing.freeRequestsPerMonth)} requests a month, for x86_64 and arm64 together.`,
    },
    {
      id: 'what-is-billed',
      kind: 'multiple',
      prompt: 'Which of these add to the bill of an on-demand function? Choose all that apply.',
      options: [
        { id: 'logs', text: 'The CloudWatch Logs its invocations write' },
        { id: 'pc', text: 'Provisioned concurrency left enabled overnight with no traffic' },
        { id: 'idle', text: 'The minutes an environment sits warm and idle between requests' },
        { id: 'versions', text: 'Keeping ten published versions' },
        { id: 'retries', text: 'The two automatic retries of a failing asynchronous event' },
      ],
      answers: ['logs', 'pc', 'retries'],
      explanation: 'Logs are billed by CloudWatch; provisioned concurrency is billed from enable to disable whether used or not; each retry is an invocation with its own request and duration. Idle warm environments and versions cost nothing.',
    },
    {
      id: 'crossing-point',
      kind: 'single',
      prompt: 'A power-tuning chart draws duration and cost against memory, and the two curves cross at 1,536 MB. What does the crossing tell you?',
      options: [
        { id: 'nothing', text: 'Nothing: the curves have different units, and rescaling an axis moves the crossing' },
        { id: 'optimal', text: 'That 1,536 MB is the best balance of speed and cost' },
        { id: 'cheapest', text: 'That 1,536 MB is the cheapest size' },
      ],
      answer: 'nothing',
      explanation: 'Duration (ms) and cost (dollars) are on different scales; where they cross depends only on how the chart is drawn. Choose by your goal instead: the cheapest size, or the fastest within a budget, read from the numbers.',
    },
    {
      id: 'bill-steps',
      kind: 'ordering',
      prompt: 'Put the steps of working out a month’s duration charge in order.',
      items: [
        { id: 'price', text: 'Multiply by the price per GB-second of the architecture' },
        { id: 'gbs', text: 'Multiply invocations × memory in GB × billed seconds' },
        { id: 'free', text: 'Subtract the free tier’s GB-seconds' },
      ],
      answer: ['gbs', 'free', 'price'],
      explanation: 'GB-seconds first (invocations × GB × billed seconds), minus the monthly free GB-seconds, times the price per GB-second.',
    },
  ],
} satisfies QuizBank;
