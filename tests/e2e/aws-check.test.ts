/**
 * "Check against my AWS account" in the page, with the emulator's HTTP server standing in for AWS:
 * the same checks pass, nothing is written, and the keys never leave the page's memory.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { useSiteAndBrowser } from '../support/site.ts';
import { httpEmulator, stepsContext, type Emulator } from '../unit/exercises/harness.ts';
import { referenceSteps } from '../unit/exercises/steps.ts';

const KEY_ID = 'AKIAWORKBOOKTESTKEY7';
const SECRET = 'wJalrXUtnFEMI-K7MDENG-secret-never-stored';
const TOKEN = 'session-token-never-stored';

const env = useSiteAndBrowser();

let aws: Emulator;
let answers: Record<string, string>;
beforeAll(async () => {
  aws = await httpEmulator();
  const ctx = stepsContext('alice-');
  await referenceSteps['hello-lambda']!.start(aws.lambda, ctx);
  await referenceSteps['hello-lambda']!.solve(aws.lambda, ctx);
  answers = ctx.answers;
}, 120_000);
afterAll(async () => {
  await aws?.close();
});

describe('checking a real account from the page', () => {
  it('grades the account read-only and keeps the keys in memory only', async () => {
    const context = await env.browser.newContext({ acceptDownloads: true });
    await context.addInitScript((url) => Object.assign(globalThis, { __WORKBOOK_AWS_ENDPOINT__: url }), aws.url!);
    const page = await context.newPage();
    const seen: string[] = [];
    page.on('console', (m) => seen.push(m.text()));
    const methods: string[] = [];
    page.on('request', (r) => {
      seen.push(r.url());
      if (r.url().startsWith(aws.url!) && r.method() !== 'OPTIONS') methods.push(`${r.method()} ${new URL(r.url()).pathname} ${r.headers()['x-amz-target'] ?? ''}`.trim());
    });
    await page.goto(`${env.url}/exercises/hello-lambda/`);
    await page.waitForSelector('[data-workspace][data-ready="true"]');
    await page.fill('[data-question="role-policy"] input', answers['role-policy']!);
    await page.fill('[data-question="qualified-arn"] input', answers['qualified-arn']!);
    await page.check(`[data-question="arn-choice"] input[value="${answers['arn-choice']}"]`);

    await page.click('[data-aws-panel] summary');
    await page.fill('#aws-key', KEY_ID);
    await page.fill('#aws-secret', SECRET);
    await page.fill('#aws-token', TOKEN);
    await page.fill('#aws-prefix', 'alice-');
    await page.click('[data-action="check-aws"]');
    await page.waitForSelector('[data-aws-score]', { timeout: 90_000 });
    const score = (await page.textContent('[data-aws-score]'))!;
    const failed = await page.$$eval('[data-aws-task][data-passed="false"]', (rows) => rows.map((r) => r.textContent));
    expect(failed).toEqual([]);
    expect(score).toMatch(/^(\d+) of \1 points in your AWS account\.$/);
    // Only reads and Invoke reached "AWS".
    const reads = (m: string) => m.startsWith('GET ') || /^POST \/2015-03-31\/functions\/[^/]+\/invocations$/.test(m) || /^POST \/ Logs_20140328\.(Describe|Get|Filter)/.test(m);
    expect(methods.length).toBeGreaterThan(0);
    expect(methods.filter((m) => !reads(m))).toEqual([]);

    // The keys are nowhere but in the form.
    const stored = await page.evaluate(() => JSON.stringify({ ...localStorage }) + JSON.stringify({ ...sessionStorage }) + document.cookie + location.href);
    for (const secret of [SECRET, TOKEN]) {
      expect(stored).not.toContain(secret);
      expect(seen.join('\n')).not.toContain(secret);
    }
    const download = page.waitForEvent('download');
    await page.click('[data-action="export"]');
    const exported = readFileSync((await (await download).path())!, 'utf8');
    for (const secret of [KEY_ID, SECRET, TOKEN]) expect(exported).not.toContain(secret);
    await context.close();
  });

  it('says which function it looked for when the account does not have it', async () => {
    const context = await env.browser.newContext();
    await context.addInitScript((url) => Object.assign(globalThis, { __WORKBOOK_AWS_ENDPOINT__: url }), aws.url!);
    const page = await context.newPage();
    await page.goto(`${env.url}/exercises/hello-lambda/`);
    await page.click('[data-aws-panel] summary');
    await page.fill('#aws-key', KEY_ID);
    await page.fill('#aws-secret', SECRET);
    await page.fill('#aws-prefix', 'bob-');
    await page.click('[data-action="check-aws"]');
    await page.waitForSelector('[data-aws-score]', { timeout: 90_000 });
    const createTask = (await page.textContent('[data-aws-task="create-function"]'))!;
    expect(createTask).toContain('bob-hello-lambda');
    await context.close();
  });
});
