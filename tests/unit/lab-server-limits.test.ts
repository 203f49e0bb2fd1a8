/**
 * Fair sharing on the lab server: each account has its own request rate (throttled with Lambda's
 * 429 "Rate Exceeded."), code storage and concurrency, so one learner cannot starve the class.
 */
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CreateFunctionCommand, GetAccountSettingsCommand, InvokeCommand, PublishLayerVersionCommand } from '@aws-sdk/client-lambda';
import { clientsFor, destroy, startLab, type LabClients, type SpawnedLab } from './support/lab-server.ts';
import { failure, zipBytes } from './support/harness.ts';

const ROSTER = 'name,id\nAda Lovelace,ada\nBrian Kernighan,brian\n';

/** Random base64 text: deflate shrinks it only to its 6 bits a character, so `chars` of it zip to about 3/4 as many bytes. */
function noise(chars: number): string {
  return randomBytes(Math.ceil((chars * 3) / 4)).toString('base64').slice(0, chars);
}

describe('each lab account has its own limits', () => {
  let lab: SpawnedLab;
  let ada: LabClients;
  let brian: LabClients;

  beforeAll(async () => {
    lab = await startLab(ROSTER, ['--rate', '5', '--code-storage', '96KiB', '--concurrency', '2']);
    ada = clientsFor(lab.url, lab.learner('ada'));
    brian = clientsFor(lab.url, lab.learner('brian'));
  }, 90_000);

  afterAll(async () => {
    for (const c of [ada, brian]) if (c) destroy(c);
    await lab?.stop();
  });

  it('throttles a learner over their request rate with Lambda\'s 429, and not the others', async () => {
    const results = await Promise.allSettled(Array.from({ length: 30 }, () => ada.lambda.send(new GetAccountSettingsCommand({}))));
    const throttled = results.filter((r) => r.status === 'rejected').map((r) => (r as PromiseRejectedResult).reason as Error & { $metadata: { httpStatusCode: number }; Reason?: string; Type?: string });
    // The bucket holds a burst of twice the rate: 10 of 30 at once get through (and any refilled meanwhile).
    expect(results.filter((r) => r.status === 'fulfilled').length).toBeGreaterThanOrEqual(10);
    expect(throttled.length).toBeGreaterThanOrEqual(1);
    for (const e of throttled) {
      expect([e.name, e.message, e.$metadata.httpStatusCode, e.Reason, e.Type]).toEqual(['TooManyRequestsException', 'Rate Exceeded.', 429, 'CallerRateLimitExceeded', 'User']);
    }
    // Brian's bucket is his own.
    expect((await brian.lambda.send(new GetAccountSettingsCommand({}))).AccountLimit?.ConcurrentExecutions).toBe(2);
  });

  it('refuses a package beyond the account\'s code storage with CodeStorageExceededException', async () => {
    await new Promise((r) => setTimeout(r, 2500)); // Ada's bucket refills; Brian's was never emptied
    const settings = await brian.lambda.send(new GetAccountSettingsCommand({}));
    expect(settings.AccountLimit?.TotalCodeSize).toBe(96 * 1024);
    const role = `arn:aws:iam::${lab.learner('brian').accountId}:role/lambda-role`;
    await brian.lambda.send(new CreateFunctionCommand({ FunctionName: 'first', Runtime: 'nodejs22.x', Role: role, Handler: 'index.handler', Code: { ZipFile: zipBytes({ 'index.js': `// ${noise(70_000)}` }) } }));
    const used = (await brian.lambda.send(new GetAccountSettingsCommand({}))).AccountUsage?.TotalCodeSize ?? 0;
    expect(used).toBeGreaterThan(48 * 1024);
    const second = await failure(brian.lambda.send(new CreateFunctionCommand({ FunctionName: 'second', Runtime: 'nodejs22.x', Role: role, Handler: 'index.handler', Code: { ZipFile: zipBytes({ 'index.js': `// ${noise(70_000)}` }) } })));
    expect(second).toMatchObject({ name: 'CodeStorageExceededException', message: 'Code storage limit exceeded.', status: 400 });
    expect(second.error['Type']).toBe('User');
    const layer = await failure(brian.lambda.send(new PublishLayerVersionCommand({ LayerName: 'big', Content: { ZipFile: zipBytes({ 'nodejs/x.js': noise(70_000) }) } })));
    expect(layer.name).toBe('CodeStorageExceededException');
    // Ada's account has room of its own.
    const adaRole = `arn:aws:iam::${lab.learner('ada').accountId}:role/lambda-role`;
    await ada.lambda.send(new CreateFunctionCommand({ FunctionName: 'second', Runtime: 'nodejs22.x', Role: adaRole, Handler: 'index.handler', Code: { ZipFile: zipBytes({ 'index.js': `// ${noise(70_000)}` }) } }));
  }, 60_000);

  it('throttles invocations beyond the account\'s concurrency', async () => {
    const role = `arn:aws:iam::${lab.learner('ada').accountId}:role/lambda-role`;
    await ada.lambda.send(new CreateFunctionCommand({ FunctionName: 'slow', Runtime: 'nodejs22.x', Role: role, Handler: 'index.handler', Timeout: 3, Code: { ZipFile: zipBytes({ 'index.js': 'exports.handler = () => new Promise((r) => setTimeout(() => r("done"), 1500));' }) } }));
    const results = await Promise.allSettled([0, 1, 2].map(() => ada.lambda.send(new InvokeCommand({ FunctionName: 'slow' }))));
    const refused = results.filter((r) => r.status === 'rejected').map((r) => (r as PromiseRejectedResult).reason as Error & { Reason?: string });
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(2);
    expect(refused.map((e) => [e.name, e.message, e.Reason])).toEqual([['TooManyRequestsException', 'Rate Exceeded.', 'ConcurrentInvocationLimitExceeded']]);
  }, 60_000);
});
