/** The check runner: per-task timeouts, read-only against AWS, one clear message per failure. */
import { CloudWatchLogsClient } from '@aws-sdk/client-cloudwatch-logs';
import { CreateFunctionCommand, GetFunctionCommand, LambdaClient } from '@aws-sdk/client-lambda';
import { DescribeRuleCommand, PutRuleCommand } from '@aws-sdk/client-eventbridge';
import { PutObjectCommand } from '@aws-sdk/client-s3';
import { ReceiveMessageCommand } from '@aws-sdk/client-sqs';
import { HttpResponse } from '@smithy/protocol-http';
import { describe, expect, it } from 'vitest';
import type { ExerciseMeta } from '../content/schemas.ts';
import { runChecks, type RunOptions } from './run.ts';
import type { Exercise, TaskCheck } from './types.ts';
import { CheckFailure, Criteria } from './verdict.ts';

interface Recorded {
  method: string;
  path: string;
}

/** A request handler that answers every request with `status` and `body`, recording what reached it. */
function recordingClients(status = 404, body = { Type: 'User', message: 'Function not found: arn:aws:lambda:us-east-1:111111111111:function:x' }, errorType = 'ResourceNotFoundException') {
  const requests: Recorded[] = [];
  const requestHandler = {
    async handle(request: { method: string; path: string }) {
      requests.push({ method: request.method, path: request.path });
      return { response: new HttpResponse({ statusCode: status, headers: { 'x-amzn-errortype': errorType, 'content-type': 'application/json' }, body: new TextEncoder().encode(JSON.stringify(body)) }) };
    },
    updateHttpClientConfig() {},
    httpHandlerConfigs: () => ({}),
  };
  const config = { region: 'us-east-1', credentials: { accessKeyId: 'AKID', secretAccessKey: 'secret' }, requestHandler, endpoint: 'http://checks.test', maxAttempts: 1 };
  return { requests, lambda: new LambdaClient(config), logs: new CloudWatchLogsClient(config) };
}

function exercise(tasks: (TaskCheck & { points?: number })[]): Exercise {
  const meta: ExerciseMeta = {
    slug: 'runner-lab',
    title: 'Runner lab',
    summary: 'Exercises the runner.',
    order: 1,
    lessons: ['limits'],
    functionName: 'runner-lab',
    tasks: tasks.map((t) => ({ id: t.id, title: `Task ${t.id}`, points: t.points ?? 10, hidden: false })),
  };
  return { meta, checks: { slug: 'runner-lab', questions: [], tasks } };
}

function options(clients: ReturnType<typeof recordingClients>, extra: Partial<RunOptions> = {}): RunOptions {
  return { lambda: clients.lambda, logs: clients.logs, target: 'emulator', ...extra };
}

describe('runChecks', () => {
  it('a task that hangs times out alone; the tasks after it still run', async () => {
    const clients = recordingClients();
    const report = await runChecks(
      exercise([
        { id: 'hangs', check: () => new Promise(() => {}) },
        { id: 'works', check: async () => ({ score: 1, message: 'fine' }) },
      ]),
      options(clients, { taskTimeoutMs: 50 }),
    );
    expect(report.tasks).toEqual([
      { id: 'hangs', title: 'Task hangs', passed: false, points: 0, maxPoints: 10, message: 'The check timed out after 0.05 s without an answer; the other tasks were still checked.', mismatches: [{ expected: 'an answer within 0.05 s', got: 'no answer' }] },
      { id: 'works', title: 'Task works', passed: true, points: 10, maxPoints: 10, message: 'fine' },
    ]);
  });

  it('a hung request is aborted when its task times out', async () => {
    let sawAbort: () => void = () => {};
    const abortReachedHandler = new Promise<void>((resolve) => (sawAbort = resolve));
    const requestHandler = {
      handle: (_request: unknown, opts?: { abortSignal?: AbortSignal }) =>
        new Promise<never>((_, reject) => {
          const abort = (): void => {
            sawAbort();
            reject(Object.assign(new Error('aborted'), { name: 'AbortError' }));
          };
          if (opts?.abortSignal?.aborted) abort();
          opts?.abortSignal?.addEventListener('abort', abort);
        }),
      updateHttpClientConfig() {},
      httpHandlerConfigs: () => ({}),
    };
    const config = { region: 'us-east-1', credentials: { accessKeyId: 'A', secretAccessKey: 'B' }, requestHandler, endpoint: 'http://checks.test', maxAttempts: 1 };
    const report = await runChecks(exercise([{ id: 'reads', check: async (ctx) => (await ctx.lambda.send(new GetFunctionCommand({ FunctionName: 'f' })), { score: 1, message: '' }) }]), {
      lambda: new LambdaClient(config),
      logs: new CloudWatchLogsClient(config),
      target: 'aws',
      taskTimeoutMs: 200,
    });
    expect(report.tasks[0]!.message).toContain('timed out');
    // Resolves only if the handler holding the request saw the abort; otherwise the test times out.
    await abortReachedHandler;
  });

  it('against AWS, a check that tries to write is refused before anything is sent', async () => {
    const clients = recordingClients();
    const report = await runChecks(
      exercise([{ id: 'writes', check: async (ctx) => (await ctx.lambda.send(new CreateFunctionCommand({ FunctionName: 'x', Role: 'r', Code: {} })), { score: 1, message: 'wrote' }) }]),
      options(clients, { target: 'aws' }),
    );
    expect(report.tasks[0]!.message).toBe('The check could not finish: WriteRefusedError: The checker refused to send CreateFunctionCommand to a real AWS account: checks there only read and invoke.');
    expect(clients.requests).toEqual([]);
  });

  it('the same write goes through against the emulator', async () => {
    const clients = recordingClients(201, { FunctionName: 'x' } as never, '');
    await runChecks(exercise([{ id: 'writes', check: async (ctx) => (await ctx.lambda.send(new CreateFunctionCommand({ FunctionName: 'x', Role: 'r', Code: {} })), { score: 1, message: 'wrote' }) }]), options(clients));
    expect(clients.requests).toEqual([{ method: 'POST', path: '/2015-03-31/functions' }]);
  });

  it("against AWS, the neighbours' writes (S3, SQS, EventBridge) are refused too, and their reads get through", async () => {
    const clients = recordingClients(200, {} as never, '');
    const report = await runChecks(
      exercise([
        { id: 'put', check: async (ctx) => (await ctx.s3.send(new PutObjectCommand({ Bucket: 'b', Key: 'k', Body: 'x' })), { score: 1, message: 'wrote' }) },
        { id: 'receive', check: async (ctx) => (await ctx.sqs.send(new ReceiveMessageCommand({ QueueUrl: 'http://checks.test/111111111111/q' })), { score: 1, message: 'hid messages' }) },
        { id: 'rule', check: async (ctx) => (await ctx.events.send(new PutRuleCommand({ Name: 'r', ScheduleExpression: 'rate(1 minute)' })), { score: 1, message: 'wrote' }) },
        { id: 'reads', check: async (ctx) => (await ctx.events.send(new DescribeRuleCommand({ Name: 'r' })), { score: 1, message: 'read' }) },
      ]),
      options(clients, { target: 'aws' }),
    );
    expect(report.tasks.map((t) => t.message)).toEqual([
      'The check could not finish: WriteRefusedError: The checker refused to send PutObjectCommand to a real AWS account: checks there only read and invoke.',
      'The check could not finish: WriteRefusedError: The checker refused to send ReceiveMessageCommand to a real AWS account: checks there only read and invoke.',
      'The check could not finish: WriteRefusedError: The checker refused to send PutRuleCommand to a real AWS account: checks there only read and invoke.',
      'read',
    ]);
    expect(clients.requests).toEqual([{ method: 'POST', path: '/' }]);
    expect(report.resources).toEqual(['rule r']);
  });

  it("settle asks the emulator's scheduler to run what is due", async () => {
    const clients = recordingClients(200, { attempts: 0, pending: 0 } as never, '');
    await runChecks(exercise([{ id: 'settles', check: async (ctx) => (await ctx.settle(), { score: 1, message: 'settled' }) }]), options(clients));
    expect(clients.requests).toEqual([{ method: 'POST', path: '/_emulator/scheduler/run-due' }]);
  });

  it('missing credentials fail every task with one actionable message and send nothing', async () => {
    const clients = recordingClients();
    const noCredentials = async (): Promise<never> => {
      throw Object.assign(new Error('Could not load credentials from any providers'), { name: 'CredentialsProviderError' });
    };
    const config = { region: 'us-east-1', credentials: noCredentials, endpoint: 'http://checks.test', maxAttempts: 1 };
    let calls = 0;
    const read: TaskCheck['check'] = async (ctx) => {
      calls++;
      await ctx.lambda.send(new GetFunctionCommand({ FunctionName: 'f' }));
      return { score: 1, message: '' };
    };
    const report = await runChecks(exercise([{ id: 'one', check: read }, { id: 'two', check: read }]), {
      lambda: new LambdaClient(config),
      logs: new CloudWatchLogsClient(config),
      target: 'aws',
    });
    const message = 'No AWS credentials were found (Could not load credentials from any providers). Configure them with `aws configure` or `aws sso login`, or pass --profile with a profile that has them.';
    expect(report.tasks.map((t) => t.message)).toEqual([message, message]);
    expect(calls).toBe(1);
    expect(clients.requests).toEqual([]);
  });

  it('rejected credentials are explained, not dumped', async () => {
    const clients = recordingClients(403, { message: 'The security token included in the request is invalid.' } as never, 'UnrecognizedClientException');
    const report = await runChecks(exercise([{ id: 'one', check: async (ctx) => (await ctx.lambda.send(new GetFunctionCommand({ FunctionName: 'f' })), { score: 1, message: '' }) }]), options(clients, { target: 'aws' }));
    expect(report.tasks[0]!.message).toBe('AWS rejected the credentials: UnrecognizedClientException: The security token included in the request is invalid. Check that the profile\'s keys are current and belong to the account you did the lab in.');
  });

  it('scores partial credit by weight and totals the report', async () => {
    const clients = recordingClients();
    const partly: TaskCheck['check'] = async () => {
      const c = new Criteria();
      c.add(1, true, 'exists');
      c.add(2, false, 'Expected index.handler, found app.handler.');
      return c.verdict();
    };
    const report = await runChecks(exercise([{ id: 'partly', check: partly, points: 30 }, { id: 'stops', check: async () => { throw new CheckFailure('Expected a function named f.'); } }]), options(clients));
    expect(report.tasks.map((t) => [t.points, t.passed, t.message])).toEqual([
      [10, false, 'Expected index.handler, found app.handler.'],
      [0, false, 'Expected a function named f.'],
    ]);
    expect([report.points, report.maxPoints]).toEqual([10, 40]);
  });

  it('a bug in a check is reported in one line, without a stack trace', async () => {
    const clients = recordingClients();
    const report = await runChecks(exercise([{ id: 'buggy', check: async () => (null as unknown as { x: number }).x as never }]), options(clients));
    expect(report.tasks[0]!.message).toMatch(/^The check could not finish: TypeError: Cannot read properties of null \(reading 'x'\)$/);
  });

  it('lists the resources it looked at, including ones that did not exist', async () => {
    const clients = recordingClients();
    const report = await runChecks(exercise([{ id: 'reads', check: async (ctx) => { await ctx.lambda.send(new GetFunctionCommand({ FunctionName: ctx.name('f'), Qualifier: 'prod' })); return { score: 1, message: '' }; } }]), options(clients, { prefix: 'bob-' }));
    expect(report.resources).toEqual(['function bob-f:prod']);
    expect(report.tasks[0]!.message).toContain('ResourceNotFoundException');
  });

  it('a cancelled run stops before the next task', async () => {
    const clients = recordingClients();
    const controller = new AbortController();
    const report = await runChecks(
      exercise([
        { id: 'first', check: async () => (controller.abort(), { score: 1, message: 'ok' }) },
        { id: 'second', check: async () => ({ score: 1, message: 'ran' }) },
      ]),
      options(clients, { signal: controller.signal }),
    );
    expect(report.tasks.map((t) => t.message)).toEqual(['ok', 'The check was cancelled before this task ran.']);
  });

  it('refuses a check module whose task ids do not match meta.json', async () => {
    const broken = exercise([{ id: 'one', check: async () => ({ score: 1, message: '' }) }]);
    broken.checks.tasks.push({ id: 'stray', check: async () => ({ score: 1, message: '' }) });
    await expect(runChecks(broken, options(recordingClients()))).rejects.toThrow('runner-lab: check "stray" has no task in meta.json');
  });
});
