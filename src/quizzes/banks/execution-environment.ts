import type { QuizBank } from '../schema.ts';
import { limits, fmt } from '../../emulator/index.ts';

export default {
  id: 'execution-environment',
  title: 'Check yourself: execution environments',
  questions: [
    {
      id: 'lifecycle-order',
      kind: 'ordering',
      prompt: 'Put the phases of an execution environment in the order they happen.',
      items: [
        { id: 'invoke', text: 'INVOKE: the handler runs for a request' },
        { id: 'shutdown', text: 'SHUTDOWN: the idle environment is discarded' },
        { id: 'init', text: 'INIT: code downloaded, runtime started, layers extracted, module scope run' },
      ],
      answer: ['init', 'invoke', 'shutdown'],
      explanation: 'INIT runs once per environment, INVOKE once per request (many times while the environment stays warm), SHUTDOWN once when Lambda retires it.',
    },
    {
      id: 'cold-start-causes',
      kind: 'multiple',
      prompt: 'Which of these lead to a cold start? Choose all that apply.',
      options: [
        { id: 'first', text: 'The first request after deploying new code' },
        { id: 'concurrent', text: 'A second request arriving while the only environment is busy' },
        { id: 'after-timeout', text: 'The next request after an invocation timed out' },
        { id: 'same-env', text: 'A request one second after the previous one finished, with nothing else running' },
      ],
      answers: ['first', 'concurrent', 'after-timeout'],
      explanation: 'A cold start happens whenever no initialised, idle environment is available: after a deployment, when traffic needs more environments, or after an environment was discarded (a timeout or crash discards it). A request shortly after another usually finds the warm one.',
    },
    {
      id: 'module-scope',
      kind: 'output',
      prompt: 'Lambda sends two requests, one after the other, to the same warm environment. What does the second one return? Type the JSON.',
      code: `let count = 0;

export const handler = async () => {
  count += 1;
  return { count };
};`,
      event: '{}',
      runs: 2,
      ask: 'response',
      accepted: ['{"count":2}'],
      explanation: 'Module scope runs once per environment, at INIT; the variable keeps its value while the environment stays warm. A run in the sandbox starts from a fresh environment and returns 1.',
    },
    {
      id: 'survives',
      kind: 'multiple',
      prompt: 'What can a warm invocation find left over from an earlier invocation in the same environment? Choose all that apply.',
      options: [
        { id: 'module-vars', text: 'Variables at module scope, such as an SDK client' },
        { id: 'tmp', text: 'Files written to /tmp' },
        { id: 'other-env', text: 'Files another concurrent environment wrote to its /tmp' },
        { id: 'event', text: 'The previous request’s event object, passed again' },
      ],
      answers: ['module-vars', 'tmp'],
      explanation: 'Module-scope state and /tmp survive within one environment. Environments never share memory or /tmp, and each invocation gets its own event.',
    },
    {
      id: 'mitigations',
      kind: 'single',
      prompt: 'Which feature keeps a set number of environments initialised ahead of requests, so those requests never wait for INIT?',
      options: [
        { id: 'reserved', text: 'Reserved concurrency' },
        { id: 'provisioned', text: 'Provisioned concurrency' },
        { id: 'layers', text: 'Layers' },
        { id: 'alias', text: 'A weighted alias' },
      ],
      answer: 'provisioned',
      explanation: 'Provisioned concurrency pre-initialises environments for a version or alias. Reserved concurrency only guarantees and caps capacity; it initialises nothing. SnapStart (Java, Python, .NET) is the other mitigation: it resumes from a snapshot taken at publish time.',
    },
    {
      id: 'vcpu-memory',
      kind: 'number',
      limit: 'memory.mbPerVcpu',
      prompt: 'At how much memory does a function get the equivalent of one full vCPU?',
      units: [
        { unit: 'MB', factor: 1 },
        { unit: 'GB', factor: 1024 },
      ],
      answer: limits.memory.mbPerVcpu,
      explanation: `CPU is allocated in proportion to memory; ${fmt(limits.memory.mbPerVcpu)} MB corresponds to one vCPU. More memory can make CPU-bound code faster for the same GB-seconds.`,
    },
    {
      id: 'tmp-shared',
      kind: 'single',
      prompt: 'Invocation A writes `report.csv` to /tmp. A moment later, while A is still running, request B arrives for the same function. Can B read the file?',
      options: [
        { id: 'no', text: 'No: B runs in another execution environment with its own /tmp' },
        { id: 'yes', text: 'Yes: /tmp is shared by all environments of a function' },
        { id: 'same-region', text: 'Yes, if both run in the same Region' },
      ],
      answer: 'no',
      explanation: 'Each execution environment has its own /tmp. B arrived while A was busy, so Lambda gave it another environment (on a default function). Only a later request that lands in the same environment sees the file. Share files through S3, EFS or a database.',
    },
    {
      id: 'init-overrun',
      kind: 'single',
      prompt: `Module-scope code of an on-demand function takes longer than the ${limits.initDurationSeconds}-second INIT limit. What does Lambda do?`,
      options: [
        { id: 'retry', text: 'Retries INIT when the first request arrives, under the function’s timeout' },
        { id: 'fail-forever', text: 'Marks the function Failed until you deploy new code' },
        { id: 'skip', text: 'Skips the rest of module scope and calls the handler' },
      ],
      answer: 'retry',
      explanation: `INIT is retried as part of the first invocation, limited by the function timeout (and billed). With provisioned concurrency or SnapStart, INIT may run up to the larger of ${limits.initProvisionedOrSnapStartMinSeconds} seconds and the timeout.`,
    },
  ],
} satisfies QuizBank;
