import type { QuizBank } from '../schema.ts';
import { limits } from '../../emulator/index.ts';

export default {
  id: 'connecting-services',
  title: 'Check yourself: connecting to other services',
  questions: [
    {
      id: 'rds-proxy',
      kind: 'single',
      prompt: 'Under load, your function exhausts the connections of its PostgreSQL database. What helps most?',
      options: [
        { id: 'proxy', text: 'Amazon RDS Proxy between the function and the database' },
        { id: 'memory', text: 'More memory for the function' },
        { id: 'efs', text: 'Mounting EFS' },
      ],
      answer: 'proxy',
      explanation: 'RDS Proxy pools and shares database connections among many function environments. Also open the connection at module scope so warm invocations reuse it.',
    },
    {
      id: 'vpc-internet',
      kind: 'single',
      prompt: 'After you attach a function to private subnets of your VPC, its calls to a public API time out. Why?',
      options: [
        { id: 'nat', text: 'A VPC-attached function has no internet access unless its subnets route through a NAT gateway' },
        { id: 'role', text: 'The execution role lacks internet permissions' },
        { id: 'timeout', text: 'VPC functions have a shorter timeout' },
      ],
      answer: 'nat',
      explanation: 'In a VPC the function uses your network: add a NAT gateway for the internet, and VPC endpoints for AWS services where possible.',
    },
    {
      id: 'chaining',
      kind: 'multiple',
      prompt: 'Why prefer Step Functions over one function invoking the next with the SDK? Choose all that apply.',
      options: [
        { id: 'waiting', text: 'The calling function would pay for its duration while it waits' },
        { id: 'retries', text: 'Step Functions retries and catches errors per step' },
        { id: 'visibility', text: 'Each execution is visible step by step' },
        { id: 'faster', text: 'Step Functions makes each function’s code run faster' },
      ],
      answers: ['waiting', 'retries', 'visibility'],
      explanation: 'Orchestration moves waiting, retries, error handling and visibility out of your code. It does not speed up the functions themselves.',
    },
    {
      id: 'function-url',
      kind: 'output',
      prompt: 'This function sits behind a function URL. What does it return for the request shown? Type the JSON.',
      code: `export const handler = async (event) => {
  const name = event.queryStringParameters?.name ?? 'world';
  return { statusCode: 200, body: 'Hello, ' + name + ' (' + event.requestContext.http.method + ')' };
};`,
      event: '{"rawPath":"/","queryStringParameters":{"name":"Ada"},"requestContext":{"http":{"method":"POST"}}}',
      ask: 'response',
      accepted: ['{"statusCode":200,"body":"Hello, Ada (POST)"}'],
      explanation: 'Function URLs send the API Gateway payload format 2.0: the method is at requestContext.http.method and query parameters in queryStringParameters.',
    },
    {
      id: 'schedule',
      kind: 'single',
      prompt: 'How do you run a function every night at 03:00 UTC?',
      options: [
        { id: 'eventbridge', text: 'An EventBridge Scheduler schedule (or rule) with `cron(0 3 * * ? *)` targeting the function' },
        { id: 'loop', text: 'A function that sleeps in a loop until 03:00' },
        { id: 'provisioned', text: 'Provisioned concurrency with a start time' },
      ],
      answer: 'eventbridge',
      explanation: 'EventBridge invokes the function asynchronously on the schedule. A sleeping function would hit the maximum timeout and pay for every second of waiting.',
    },
    {
      id: 'container-size',
      kind: 'number',
      limit: 'deploymentPackage.containerImageGb',
      prompt: 'How large may a function’s container image be?',
      units: [{ unit: 'GB', factor: 1 }],
      answer: limits.deploymentPackage.containerImageGb,
      explanation: `${limits.deploymentPackage.containerImageGb} GB, against ${limits.deploymentPackage.maxUnzippedBytes / 2 ** 20} MB unzipped for a .zip function with its layers.`,
    },
    {
      id: 'arm64',
      kind: 'single',
      prompt: 'What must you check before moving a Python function with numpy from x86_64 to arm64?',
      options: [
        { id: 'native', text: 'That compiled dependencies (and layers) are built for arm64' },
        { id: 'nothing', text: 'Nothing: Lambda translates x86 code' },
        { id: 'runtime', text: 'That you switch to a Graviton-only runtime name' },
      ],
      answer: 'native',
      explanation: 'Pure Python or JavaScript runs on both; native wheels and addons must match the architecture. arm64 is about 20 % cheaper per GB-second.',
    },
  ],
} satisfies QuizBank;
