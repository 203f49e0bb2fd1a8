/**
 * Runs a lesson's or a quiz's handler in Node, with a Lambda-like context, environment and log
 * format, to check that what the text claims the handler returns or logs is what it does. The
 * emulator runs the same code in QuickJS; this check needs nothing but Node.
 */
import { limits } from '../../../src/emulator/limits';

export interface HandlerRun {
  /** JSON.stringify of each run's result, or undefined when it threw. */
  responses: (string | undefined)[];
  /** Log lines as CloudWatch shows them: `<ts>\t<requestId>\tINFO\t<message>`. */
  logs: string[];
}

const LAMBDA_ENV: Record<string, string> = {
  AWS_REGION: 'us-east-1',
  AWS_DEFAULT_REGION: 'us-east-1',
  AWS_LAMBDA_FUNCTION_NAME: 'workbook-fn',
  AWS_LAMBDA_FUNCTION_MEMORY_SIZE: String(limits.memory.default),
  LAMBDA_TASK_ROOT: '/var/task',
  LAMBDA_RUNTIME_DIR: '/var/runtime',
  NODE_PATH: '/opt/nodejs/node22/node_modules:/opt/nodejs/node_modules:/var/runtime/node_modules:/var/runtime:/var/task',
  AWS_ACCESS_KEY_ID: 'ASIAEXAMPLE',
  AWS_SECRET_ACCESS_KEY: 'example',
  AWS_SESSION_TOKEN: 'example',
};

let moduleCounter = 0;

export async function runHandler(
  code: string,
  event: string,
  options: { runs?: number; qualifier?: string; executedVersion?: string } = {},
): Promise<HandlerRun> {
  const logs: string[] = [];
  let requestId = 'undefined';
  const levels = { log: 'INFO', info: 'INFO', warn: 'WARN', error: 'ERROR', debug: 'DEBUG' } as const;
  const saved = { ...console };
  const savedEnv = { ...process.env };
  for (const [method, level] of Object.entries(levels)) {
    (console as unknown as Record<string, unknown>)[method] = (...args: unknown[]) => {
      const message = args.map((a) => (typeof a === 'string' ? a : JSON.stringify(a))).join(' ');
      logs.push(`2026-01-01T00:00:00.000Z\t${requestId}\t${level}\t${message.replaceAll('\n', '\r')}`);
    };
  }
  Object.assign(process.env, LAMBDA_ENV);
  try {
    // A unique comment makes every run a fresh module instance (a new execution environment).
    const source = `${code}\n// run ${moduleCounter++}`;
    const mod = (await import(`data:text/javascript;base64,${Buffer.from(source).toString('base64')}`)) as {
      handler: (event: unknown, context: unknown) => unknown;
    };
    const responses: (string | undefined)[] = [];
    const version = options.executedVersion ?? '$LATEST';
    const arn = `arn:aws:lambda:us-east-1:123456789012:function:workbook-fn${options.qualifier ? `:${options.qualifier}` : ''}`;
    for (let i = 0; i < (options.runs ?? 1); i++) {
      requestId = `00000000-0000-4000-8000-00000000000${i}`;
      const context = {
        functionName: 'workbook-fn',
        functionVersion: version,
        invokedFunctionArn: arn,
        memoryLimitInMB: String(limits.memory.default),
        awsRequestId: requestId,
        logGroupName: '/aws/lambda/workbook-fn',
        logStreamName: `2026/01/01/[${version}]00000000000000000000000000000000`,
        getRemainingTimeInMillis: () => limits.timeout.default * 1000,
        callbackWaitsForEmptyEventLoop: true,
      };
      try {
        const result = await mod.handler(JSON.parse(event), context);
        responses.push(JSON.stringify(result ?? null));
      } catch (e) {
        const err = e as Error;
        logs.push(
          `2026-01-01T00:00:00.000Z\t${requestId}\tERROR\tInvoke Error \t${JSON.stringify({ errorType: err.name, errorMessage: err.message })}`,
        );
        responses.push(undefined);
      }
    }
    return { responses, logs };
  } finally {
    Object.assign(console, saved);
    for (const key of Object.keys(LAMBDA_ENV)) {
      if (key in savedEnv) process.env[key] = savedEnv[key];
      else delete process.env[key];
    }
  }
}
