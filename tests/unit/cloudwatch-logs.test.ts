/**
 * CloudWatch Logs retention and the emulator's log budget, through `CloudWatchLogsClient` and
 * `LambdaClient` against the router: events past a group's retention go on the injected clock,
 * and an account keeps at most its budget of log events, so memory and saved state stay bounded.
 */
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { CreateFunctionCommand, InvokeCommand } from '@aws-sdk/client-lambda';
import {
  DeleteRetentionPolicyCommand,
  DescribeLogGroupsCommand,
  DescribeLogStreamsCommand,
  FilterLogEventsCommand,
  PutRetentionPolicyCommand,
} from '@aws-sdk/client-cloudwatch-logs';
import { limits } from '../../src/emulator/index.ts';
import { TSX_WORKER_EXEC_ARGV } from '../../src/hosts/node/tsx.ts';
import { ROLE, makeService, quickJSEngine, zipBytes, type Setup } from './support/harness.ts';
import type { LogMemoryProbe } from './support/log-memory-probe.ts';

const DAY = 86_400_000;
const MB = 1024 * 1024;
const engine = quickJSEngine();

async function failure(p: Promise<unknown>): Promise<[string, number | undefined, string]> {
  try {
    await p;
  } catch (err) {
    const e = err as Error & { $metadata?: { httpStatusCode?: number } };
    return [e.name, e.$metadata?.httpStatusCode, e.message];
  }
  throw new Error('expected the call to fail');
}

/** A function that logs `{"n": ...}` then `lines` lines of `width` characters. */
async function loudFunction(setup: Setup, lines = 1, width = 10): Promise<(n: number) => Promise<void>> {
  const code = `exports.handler = async (event) => { console.log(JSON.stringify(event)); const line = 'x'.repeat(${width}); for (let i = 0; i < ${lines}; i++) console.log(line); return event.n; };`;
  await setup.lambda.send(new CreateFunctionCommand({ FunctionName: 'loud', Runtime: 'nodejs22.x', Role: ROLE, Handler: 'index.handler', Code: { ZipFile: zipBytes({ 'index.js': code }) } }));
  return async (n) => {
    await setup.lambda.send(new InvokeCommand({ FunctionName: 'loud', Payload: new TextEncoder().encode(JSON.stringify({ n })) }));
  };
}

const GROUP = '/aws/lambda/loud';

/** Runs the memory probe in its own process (see log-memory-probe.ts): 30 invocations to warm up (V8 settles its heap), 40 measured. */
function probeLogMemory(budget: string): Promise<LogMemoryProbe> {
  const probe = fileURLToPath(new URL('./support/log-memory-probe.ts', import.meta.url));
  const args = ['--expose-gc', '--max-semi-space-size=1', ...TSX_WORKER_EXEC_ARGV, probe, budget, '30', '40'];
  return new Promise((resolve, reject) => {
    execFile(process.execPath, args, { cwd: process.cwd() }, (err, stdout, stderr) => {
      if (err) reject(new Error(`the memory probe failed: ${err.message}\n${stderr}`));
      else resolve(JSON.parse(stdout.trim().split('\n').pop()!) as LogMemoryProbe);
    });
  });
}

/** The `{"n": ...}` lines the function logged, one per invocation. */
const invocations = (events: { message?: string }[]) => events.map((e) => e.message!.split('\t').pop()!).filter((m) => m.startsWith('{"n":'));

describe('PutRetentionPolicy and DeleteRetentionPolicy', () => {
  it('DescribeLogGroups shows retentionInDays once it is set, and not after it is deleted', async () => {
    const setup = makeService(engine);
    await (await loudFunction(setup))(1);
    const described = async () => (await setup.logs.send(new DescribeLogGroupsCommand({ logGroupNamePrefix: GROUP }))).logGroups![0]!;
    expect(await described()).not.toHaveProperty('retentionInDays');
    const out = await setup.logs.send(new PutRetentionPolicyCommand({ logGroupName: GROUP, retentionInDays: 14 }));
    expect(out.$metadata.httpStatusCode).toBe(200);
    expect((await described()).retentionInDays).toBe(14);
    await setup.logs.send(new DeleteRetentionPolicyCommand({ logGroupName: GROUP }));
    expect(await described()).not.toHaveProperty('retentionInDays');
    setup.close();
  });

  it('drops events older than the retention as the injected clock moves on, and keeps the streams', async () => {
    const setup = makeService(engine);
    const invoke = await loudFunction(setup);
    await invoke(1);
    setup.clock.advance(2 * DAY);
    await invoke(2);
    const invoked = async () => invocations((await setup.logs.send(new FilterLogEventsCommand({ logGroupName: GROUP }))).events!);
    expect(await invoked()).toEqual(['{"n":1}', '{"n":2}']);
    await setup.logs.send(new PutRetentionPolicyCommand({ logGroupName: GROUP, retentionInDays: 1 }));
    expect(await invoked()).toEqual(['{"n":2}']);
    setup.clock.advance(2 * DAY);
    expect(await invoked()).toEqual([]);
    expect((await setup.logs.send(new DescribeLogGroupsCommand({ logGroupNamePrefix: GROUP }))).logGroups![0]!.storedBytes).toBe(0);
    expect((await setup.logs.send(new DescribeLogStreamsCommand({ logGroupName: GROUP }))).logStreams!.length).toBeGreaterThan(0);
    setup.close();
  });

  it('refuses a number of days CloudWatch Logs does not offer', async () => {
    const setup = makeService(engine);
    await (await loudFunction(setup))(1);
    const offered = '[1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653]';
    for (const days of [0, 2, 730, 3654]) {
      expect(await failure(setup.logs.send(new PutRetentionPolicyCommand({ logGroupName: GROUP, retentionInDays: days })))).toEqual([
        'InvalidParameterException',
        400,
        `1 validation error detected: Value '${days}' at 'retentionInDays' failed to satisfy constraint: Member must satisfy enum value set: ${offered}`,
      ]);
    }
    setup.close();
  });

  it('answers ResourceNotFoundException for a log group that does not exist', async () => {
    const setup = makeService(engine);
    for (const send of [
      setup.logs.send(new PutRetentionPolicyCommand({ logGroupName: '/aws/lambda/nobody', retentionInDays: 7 })),
      setup.logs.send(new DeleteRetentionPolicyCommand({ logGroupName: '/aws/lambda/nobody' })),
    ]) {
      expect(await failure(send)).toEqual(['ResourceNotFoundException', 400, 'The specified log group does not exist.']);
    }
    setup.close();
  });
});

describe('the log budget', () => {
  it('keeps the newest events within the budget, drops the oldest, and is reported once', async () => {
    const reached: number[] = [];
    const budget = 64 * 1024;
    const setup = makeService(engine, { logBudgetBytes: budget, onLogBudgetReached: (b) => reached.push(b) });
    const invoke = await loudFunction(setup, 20, 500);
    for (let n = 1; n <= 30; n++) {
      await invoke(n);
      expect(setup.service.logs.storedBytes).toBeLessThanOrEqual(budget);
    }
    const events = (await setup.logs.send(new FilterLogEventsCommand({ logGroupName: GROUP }))).events!;
    // About 11 KB an invocation, and the newest events are the ones kept: only the last five invocations still have their first line.
    expect(invocations(events)).toEqual(['{"n":26}', '{"n":27}', '{"n":28}', '{"n":29}', '{"n":30}']);
    expect(events.at(-1)!.message).toMatch(/^REPORT RequestId: /);
    const ids = events.map((e) => Number(e.eventId));
    expect(ids).toEqual(ids.map((_, i) => ids[0]! + i));
    expect(reached).toEqual([budget]);
    // The saved state holds what the budget keeps, and little more.
    expect(JSON.stringify(setup.service.snapshot().logGroups).length).toBeLessThan(budget * 1.25);
    setup.close();
  });

  it('defaults to the budget in limits.ts', () => {
    const setup = makeService(engine);
    expect(setup.service.logs.budgetBytes).toBe(limits.logBudget.defaultBytes);
    expect(limits.logBudget.defaultBytes).toBe(64 * MB);
    setup.close();
  });

  it('keeps memory flat while a function logs 1.2 MB an invocation, 40 times over', async () => {
    const { storedBytes, heapGrowth, rssGrowth } = await probeLogMemory(String(4 * MB));
    expect(storedBytes).toBeLessThanOrEqual(4 * MB);
    // With no budget (the probe's `unlimited`, as before the fix) the same run grew the live heap
    // by 57 MB and resident memory by about 120 MB; with it, 0.3 MB and 11 to 28 MB (V8's own heap sizing).
    expect(heapGrowth).toBeLessThan(4 * MB);
    expect(rssGrowth).toBeLessThan(48 * MB);
  }, 60_000);
});
