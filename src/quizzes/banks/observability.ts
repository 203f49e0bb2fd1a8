import type { QuizBank } from '../schema.ts';

export default {
  id: 'observability',
  title: 'Check yourself: observability',
  questions: [
    {
      id: 'log-line',
      kind: 'output',
      prompt: 'In the text log format, what is the message part (after the timestamp, request id and level) of the line this handler logs? Type it.',
      code: `export const handler = async (event) => {
  console.warn('slow dependency', event.ms, 'ms');
  return 'ok';
};`,
      event: '{"ms":850}',
      ask: 'log',
      accepted: ['slow dependency 850 ms'],
      explanation: 'console.warn writes one line, `<time>\\t<request id>\\tWARN\\t<message>`, with its arguments joined by spaces as util.format does.',
    },
    {
      id: 'streams',
      kind: 'single',
      prompt: 'Between 10:00 and 10:01 the log group /aws/lambda/orders gained three new log streams. What does that tell you?',
      options: [
        { id: 'environments', text: 'Lambda started three execution environments: three cold starts, and at least some concurrency' },
        { id: 'invocations', text: 'The function was invoked three times' },
        { id: 'versions', text: 'Three versions were published' },
      ],
      answer: 'environments',
      explanation: 'Each execution environment writes its own stream. Many invocations can share one stream (one after another, warm); a new stream means a new environment.',
    },
    {
      id: 'report-fields',
      kind: 'multiple',
      prompt: 'Which fields does the REPORT line of a warm, successful invocation have? Choose all that apply.',
      options: [
        { id: 'duration', text: 'Duration' },
        { id: 'billed', text: 'Billed Duration' },
        { id: 'memory', text: 'Memory Size and Max Memory Used' },
        { id: 'init', text: 'Init Duration' },
        { id: 'status', text: 'Status: timeout' },
      ],
      answers: ['duration', 'billed', 'memory'],
      explanation: 'Init Duration appears only on a cold start, and Status only when the invocation failed (timeout, error).',
    },
    {
      id: 'level-filter',
      kind: 'single',
      prompt: 'A function logs with LogFormat JSON and ApplicationLogLevel WARN. Which of its calls reach CloudWatch?',
      options: [
        { id: 'warn-up', text: 'console.warn and console.error' },
        { id: 'all', text: 'All of them; levels only label lines' },
        { id: 'error', text: 'Only console.error' },
      ],
      answer: 'warn-up',
      explanation: 'With the JSON format, Lambda drops application lines below the chosen level: WARN keeps WARN, ERROR and FATAL. In the text format there is no level filter.',
    },
    {
      id: 'errors-metric',
      kind: 'single',
      prompt: 'The Throttles metric of a function is 40 for one minute and Errors is 0. What happened?',
      options: [
        { id: 'throttled', text: '40 invocations were refused for lack of concurrency; they never ran, so they are not errors' },
        { id: 'errors', text: '40 invocations failed inside the handler' },
        { id: 'nothing', text: 'Nothing: Throttles counts retries that succeeded' },
      ],
      answer: 'throttled',
      explanation: 'Errors counts invocations that ran and failed (an exception, a timeout). Throttled requests did not run: synchronous callers got 429, asynchronous events went back to the queue to be retried.',
    },
    {
      id: 'retention',
      kind: 'single',
      prompt: 'How long does CloudWatch Logs keep a Lambda log group’s events unless you set a retention?',
      options: [
        { id: 'forever', text: 'Forever (and you pay to store them)' },
        { id: 'thirty', text: '30 days' },
        { id: 'week', text: 'One week' },
      ],
      answer: 'forever',
      explanation: 'A new log group never expires its events. Set a retention with put-retention-policy.',
    },
  ],
} satisfies QuizBank;
