/** `npm run emulator -- --workers`: each execution environment in its own worker thread, at most --max-environments of them, shut down after --idle-seconds. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CreateFunctionCommand, InvokeCommand } from '@aws-sdk/client-lambda';
import { zip } from '../../src/emulator/index.ts';
import { ACCOUNT, ROLE, httpEmulator, type Emulator } from './exercises/harness.ts';

let emu: Emulator;
const code = (text: string) => zip({ 'index.mjs': new TextEncoder().encode(text) });

beforeAll(async () => {
  emu = await httpEmulator(['--workers', '--max-environments', '2', '--idle-seconds', '2']);
  for (const [name, body] of [
    ['spin', 'export const handler = async () => { while (true) {} };'],
    ['quick', 'export const handler = async (e) => ({ echo: e });'],
    ['who', "import { STSClient, GetCallerIdentityCommand } from '@aws-sdk/client-sts';\nexport const handler = async () => (await new STSClient({}).send(new GetCallerIdentityCommand({}))).Arn;"],
  ] as const) {
    await emu.lambda.send(new CreateFunctionCommand({ FunctionName: name, Runtime: 'nodejs22.x', Handler: 'index.handler', Role: ROLE, Timeout: 2, Code: { ZipFile: code(body) } }));
  }
}, 60_000);
afterAll(() => emu?.close());

const invoke = (name: string) => emu.lambda.send(new InvokeCommand({ FunctionName: name, Payload: new TextEncoder().encode('{"n":1}') }));

describe('the emulator server with worker threads', () => {
  it('carries a handler\'s SDK calls from its worker to the account, as the function\'s role', async () => {
    const out = await invoke('who');
    expect(JSON.parse(new TextDecoder().decode(out.Payload))).toBe(`arn:aws:sts::${ACCOUNT}:assumed-role/lambda-role/who`);
  }, 60_000);

  it('answers other requests while a handler spins, then times the spinner out', async () => {
    const order: string[] = [];
    const spinning = invoke('spin').then((r) => (order.push('spin'), r));
    const quick = await invoke('quick');
    order.push('quick');
    expect(JSON.parse(new TextDecoder().decode(quick.Payload))).toEqual({ echo: { n: 1 } });
    const spun = await spinning;
    expect(order).toEqual(['quick', 'spin']);
    expect(spun.FunctionError).toBe('Unhandled');
    expect(JSON.parse(new TextDecoder().decode(spun.Payload))).toEqual({
      errorType: 'Sandbox.Timedout',
      errorMessage: expect.stringMatching(/^RequestId: [0-9a-f-]{36} Error: Task timed out after 2\.00 seconds$/),
    });
    // The discarded environment is replaced: the next invoke is a cold start that runs.
    const again = await invoke('quick');
    expect(again.FunctionError).toBeUndefined();
  }, 60_000);

  it('throttles a cold start beyond --max-environments, and shuts an environment down after --idle-seconds unused', async () => {
    const answers = await Promise.all(['spin', 'spin', 'spin'].map((name) => invoke(name).then(
      (out) => JSON.parse(new TextDecoder().decode(out.Payload)).errorType as string,
      (err: Error & { $metadata?: { httpStatusCode?: number }; Reason?: string }) => [err.name, err.$metadata?.httpStatusCode, err.message, err.Reason].join(' / '),
    )));
    expect(answers.sort()).toEqual(['Sandbox.Timedout', 'Sandbox.Timedout', 'TooManyRequestsException / 429 / Rate Exceeded. / ConcurrentInvocationLimitExceeded']);
    const live = async () => ((await (await fetch(`${emu.url}/_emulator/state`)).json()) as { liveEnvironments: number }).liveEnvironments;
    // The spinners' environments were discarded at their timeouts; a new one serves 'quick' and then idles.
    expect(await live()).toBe(0);
    await invoke('quick');
    const idleFrom = Date.now();
    expect(await live()).toBe(1);
    while ((await live()) > 0 && Date.now() - idleFrom < 15_000) await new Promise((r) => setTimeout(r, 100));
    expect(await live()).toBe(0);
    expect(Date.now() - idleFrom).toBeGreaterThanOrEqual(1_900);
  }, 60_000);
  it('runs Python functions in worker threads too: a spinning one times out and the server keeps answering', async () => {
    const py = (text: string) => zip({ 'lambda_function.py': new TextEncoder().encode(text) });
    for (const [name, body] of [
      ['py-spin', 'def lambda_handler(event, context):\n    while True:\n        pass\n'],
      ['py-quick', 'import boto3\ndef lambda_handler(event, context):\n    return {"echo": event, "who": boto3.client("sts").get_caller_identity()["Arn"]}\n'],
    ] as const) {
      await emu.lambda.send(new CreateFunctionCommand({ FunctionName: name, Runtime: 'python3.12', Handler: 'lambda_function.lambda_handler', Role: ROLE, Timeout: 2, Code: { ZipFile: py(body) } }));
    }
    const spinning = invoke('py-spin');
    const quick = await invoke('py-quick');
    expect(JSON.parse(new TextDecoder().decode(quick.Payload))).toEqual({ echo: { n: 1 }, who: `arn:aws:sts::${ACCOUNT}:assumed-role/lambda-role/py-quick` });
    const spun = await spinning;
    expect(JSON.parse(new TextDecoder().decode(spun.Payload))).toEqual({
      errorType: 'Sandbox.Timedout',
      errorMessage: expect.stringMatching(/^RequestId: [0-9a-f-]{36} Error: Task timed out after 2\.00 seconds$/),
    });
    expect((await invoke('py-quick')).FunctionError).toBeUndefined();
  }, 120_000);
});
