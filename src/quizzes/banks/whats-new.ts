import type { QuizBank } from '../schema.ts';
import { limits } from '../../emulator/index.ts';

export default {
  id: 'whats-new',
  title: 'Check yourself: what’s new',
  questions: [
    {
      id: 'managed-instances-concurrency',
      kind: 'single',
      prompt: 'A Node.js function keeps a per-request counter in a module-scope variable. What changes if it moves to Lambda Managed Instances?',
      options: [
        { id: 'shared', text: 'Several requests run at once in one environment, so they share and can overwrite the variable' },
        { id: 'nothing', text: 'Nothing: each environment still serves one request at a time' },
        { id: 'reset', text: 'The variable is reset before each request' },
      ],
      answer: 'shared',
      explanation: 'With Managed Instances one execution environment serves several requests concurrently; module-scope state and /tmp are shared between requests in flight.',
    },
    {
      id: 'durable-limit',
      kind: 'single',
      prompt: 'A durable function waits three weeks for a person’s approval. Which statement is right?',
      options: [
        { id: 'execution', text: 'One durable execution may last up to a year; each invocation still ends by the function timeout' },
        { id: 'timeout', text: 'The function timeout must be raised to three weeks' },
        { id: 'impossible', text: 'Impossible: nothing in Lambda runs longer than 15 minutes' },
      ],
      answer: 'execution',
      explanation: `Durable executions checkpoint and suspend while they wait, for up to a year (ExecutionTimeout up to ${limits.durableExecution.maxExecutionTimeoutSeconds.toLocaleString('en-US')} s); each invocation is still bounded by a timeout of at most ${limits.timeout.max} s.`,
    },
    {
      id: 'snapstart',
      kind: 'multiple',
      prompt: 'Which statements about SnapStart are true? Choose all that apply.',
      options: [
        { id: 'languages', text: 'It supports Java, Python and .NET' },
        { id: 'versions', text: 'It applies to published versions (and aliases on them), not to $LATEST' },
        { id: 'unique', text: 'Values that must be unique per environment need refreshing after a restore' },
        { id: 'node', text: 'It makes Node.js cold starts free' },
      ],
      answers: ['languages', 'versions', 'unique'],
      explanation: 'SnapStart snapshots an initialised environment when you publish a version, for Java (since 2022) and Python and .NET (since November 2024). Restored environments share the snapshot’s state, so unique values need runtime hooks.',
    },
    {
      id: 'init-billing',
      kind: 'output',
      prompt: 'What share (in %) of this cold start’s billed time is INIT? Type the JSON the handler returns.',
      code: `export const handler = async (event) => {
  const share = event.initMs / event.billedMs * 100;
  return { initShare: Math.round(share) };
};`,
      event: '{"initMs":300,"billedMs":400}',
      ask: 'response',
      accepted: ['{"initShare":75}'],
      explanation: 'Since 1 August 2025 the Billed Duration of a cold start includes Init Duration: here 300 of 400 ms.',
    },
    {
      id: 'emulated',
      kind: 'multiple',
      prompt: 'Which of these does the workbook’s emulator NOT emulate? Choose all that apply.',
      options: [
        { id: 'streaming', text: 'Response streaming' },
        { id: 'snapstart', text: 'SnapStart' },
        { id: 'managed', text: 'Lambda Managed Instances' },
        { id: 'report', text: 'INIT billed in the REPORT line' },
        { id: 'async', text: 'The larger asynchronous payload limit' },
      ],
      answers: ['streaming', 'snapstart', 'managed'],
      explanation: 'The emulator bills INIT in its REPORT line and enforces today’s asynchronous payload limit; it does not emulate response streaming, SnapStart, Managed Instances or durable functions.',
    },
  ],
} satisfies QuizBank;
