import type { QuizBank } from '../schema.ts';

export default {
  id: 'programming-model',
  title: 'Check yourself: the programming model',
  questions: [
    {
      id: 'handler-setting',
      kind: 'single',
      prompt: 'A Node.js function has `index.mjs` exporting `handler`. What is its handler setting?',
      options: [
        { id: 'index-handler', text: '`index.handler`' },
        { id: 'handler-index', text: '`handler.index`' },
        { id: 'path', text: '`/var/task/index.mjs`' },
        { id: 'main', text: '`main`' },
      ],
      answer: 'index-handler',
      explanation: 'The handler setting is `file.export`: the file name without its extension, a dot, and the exported function. For Python the same idea gives `lambda_function.lambda_handler`.',
    },
    {
      id: 'return-value',
      kind: 'output',
      prompt: 'What does this handler return for the event shown? Type the JSON.',
      code: `export const handler = async (event) => {
  const total = event.items.reduce((sum, item) => sum + item.price, 0);
  return { count: event.items.length, total };
};`,
      event: '{"items":[{"price":3},{"price":4}]}',
      ask: 'response',
      accepted: ['{"count":2,"total":7}'],
      explanation: 'The handler returns an object; Lambda serialises it with JSON.stringify and that JSON is the response.',
    },
    {
      id: 'log-line',
      kind: 'output',
      prompt: 'What text does this handler write with console.log (the message part of the log line)?',
      code: `export const handler = async (event) => {
  console.log('order', event.orderId, 'has', event.lines.length, 'lines');
  return 'ok';
};`,
      event: '{"orderId":"A-17","lines":[1,2,3]}',
      ask: 'log',
      accepted: ['order A-17 has 3 lines'],
      explanation: 'console.log joins its arguments with spaces. In CloudWatch the line is prefixed with a timestamp, the request id and INFO.',
    },
    {
      id: 'context-fields',
      kind: 'multiple',
      prompt: 'Which of these does the Node.js context object provide? Choose all that apply.',
      options: [
        { id: 'request-id', text: '`awsRequestId`' },
        { id: 'remaining', text: '`getRemainingTimeInMillis()`' },
        { id: 'function-name', text: '`functionName`' },
        { id: 'event', text: '`event`, the payload' },
        { id: 'caller-ip', text: '`callerIp`, the IP address of the caller' },
      ],
      answers: ['request-id', 'remaining', 'function-name'],
      explanation: 'The context carries facts about the invocation and environment: request id, function name and version, memory, log group and stream, and the remaining time. The event is the separate first argument; there is no caller IP on the context.',
    },
    {
      id: 'thrown-error',
      kind: 'single',
      prompt: 'A handler invoked synchronously throws `new Error("boom")`. What does the Invoke API return?',
      options: [
        { id: 'status-500', text: 'HTTP 500 with the message' },
        { id: 'status-200-header', text: 'HTTP 200 with the header `X-Amz-Function-Error: Unhandled` and an error document in the body' },
        { id: 'retry', text: 'Nothing yet: Lambda retries twice first' },
      ],
      answer: 'status-200-header',
      explanation: 'The Invoke call itself succeeded, so the status is 200; the function error is signalled by the X-Amz-Function-Error header and a body with errorType, errorMessage and trace. Lambda does not retry synchronous invocations.',
    },
    {
      id: 'memory-type',
      kind: 'output',
      prompt: 'What does this handler return? Type the JSON.',
      code: `export const handler = async (event, context) => {
  return typeof context.memoryLimitInMB;
};`,
      event: '{}',
      ask: 'response',
      accepted: ['"string"'],
      explanation: 'In Node.js, context.memoryLimitInMB is a string such as "128"; convert it with Number() before doing arithmetic.',
    },
  ],
} satisfies QuizBank;
