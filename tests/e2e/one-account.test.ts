/**
 * One account per workbook, in Chromium through the page alone: a function created on Hello,
 * Lambda is there on the Environment variables page with its logs and its Function overview; a
 * function and a test event shared by link open in another browser after asking; a damaged link
 * says so.
 */
import { describe, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { useSiteAndBrowser } from '../support/site.ts';
import { createFunction, openExercise, status, tab, testInvoke } from '../../src/bench/workspace-driver.ts';
import { CreateFunctionCommand } from '@aws-sdk/client-lambda';
import { ROLE, inProcessClients, makeService, quickJSEngine, zipBytes } from '../unit/support/harness.ts';
import { freshWorkspace } from '../../src/progress/workspace-state.ts';

const env = useSiteAndBrowser();

async function newLearner(): Promise<BrowserContext> {
  const context = await env.browser.newContext({ viewport: { width: 1440, height: 1000 } });
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: env.url });
  return context;
}

/** Opens a link the way a learner does, pasting it into a fresh tab. */
async function openLink(context: BrowserContext, link: string): Promise<Page> {
  const page = await context.newPage();
  await page.goto(link);
  await page.waitForSelector('[data-workspace][data-ready="true"]');
  return page;
}

async function shareLink(page: Page, action: 'share-function' | 'share-event'): Promise<string> {
  await page.click(`[data-action="${action}"]`);
  const link = await (await page.waitForSelector('dialog[open][data-share-dialog] [data-share-link]')).inputValue();
  await page.click('dialog[open][data-share-dialog] button:has-text("Close")');
  return link;
}

const savedFunctions = (page: Page) =>
  page.evaluate(() => Object.keys((JSON.parse(localStorage.getItem('lambda-workbook:progress') ?? '{}') as { account?: { emulator?: { functions?: object } } }).account?.emulator?.functions ?? {}));

describe('one account across the course', () => {
  let sharedFunction = '';
  let sharedEvent = '';

  it('a function created on hello-lambda is there on environment-variables, with its logs', async () => {
    const context = await newLearner();
    const hello = await openExercise(env.browser, env.url, 'hello-lambda', context);
    await createFunction(hello, 'hello-lambda');
    expect((await testInvoke(hello)).outcome).toBe('succeeded');
    // The overview shows the function the moment it exists.
    await hello.waitForSelector('[data-function-overview]:not([hidden]) [data-overview-item="function"]:has-text("hello-lambda")');
    await hello.waitForFunction(() => (JSON.parse(localStorage.getItem('lambda-workbook:progress') ?? '{}') as { account?: { emulator?: { logGroups?: object } } }).account?.emulator?.logGroups?.['/aws/lambda/hello-lambda' as never] !== undefined);
    sharedFunction = await shareLink(hello, 'share-function');
    sharedEvent = await shareLink(hello, 'share-event');
    await hello.close();

    const next = await openExercise(env.browser, env.url, 'environment-variables', context);
    await next.waitForFunction(() => (document.querySelector('[data-function-picker]') as HTMLSelectElement | null)?.value === 'hello-lambda');
    expect(await savedFunctions(next)).toEqual(['hello-lambda']);
    await tab(next, 'monitor');
    await next.waitForSelector('[data-log-stream]');
    expect(await next.textContent('[data-log-group]')).toBe('/aws/lambda/hello-lambda');
    // The overview's Layers item opens the Layers tab.
    await next.click('[data-overview-add="layers"]');
    await next.waitForSelector('[data-panel="layers"]:not([hidden])');
    // Starting this exercise fresh asks first, naming the shared function it deletes.
    const asked = next.waitForEvent('dialog');
    await next.click('[data-action="start-fresh"]');
    expect((await asked).message()).toMatch(/^Start this exercise fresh\? Your account is shared by every exercise: this deletes the function hello-lambda \(its versions, aliases, triggers and logs\)/);
    await next.waitForSelector('[data-workspace][data-ready="true"]');
    await next.waitForFunction(() => (document.querySelector('[data-function-picker]') as HTMLSelectElement | null)?.textContent === 'No functions yet');
    expect(await savedFunctions(next)).toEqual([]);
    await context.close();
  });

  it('a function shared by link opens in another learner’s browser after asking, and runs', async () => {
    expect(sharedFunction).toMatch(/\/exercises\/hello-lambda\/#share=[A-Za-z0-9_-]+$/);
    const context = await newLearner();
    const page = await openLink(context, sharedFunction);
    const dialog = await page.waitForSelector('dialog[open][data-import-shared]');
    expect(await dialog.$eval('h2', (e) => e.textContent)).toBe('Import shared function hello-lambda?');
    expect(await dialog.textContent()).toContain('Runtime nodejs22.x, handler index.handler');
    await page.click('dialog[open] [data-action="import-shared"]');
    await status(page, 'Imported the shared function as hello-lambda.');
    expect(page.url()).not.toContain('#share=');
    expect((await testInvoke(page)).outcome).toBe('succeeded');

    // The shared event: the page already open takes it from the address bar (hashchange).
    await page.goto(sharedEvent);
    await page.waitForSelector('dialog[open][data-import-shared] h2:has-text("Import shared test event hello-world?")');
    await page.click('dialog[open] [data-action="cancel-shared"]');
    await status(page, 'The shared test event hello-world was not imported.');
    await context.close();
  });

  it('a damaged link says what is wrong, and changes nothing', async () => {
    const context = await newLearner();
    const page = await openLink(context, `${env.url}/exercises/hello-lambda/#share=AAAA`);
    await status(page, 'This shared link is damaged (it is not compressed data); ask for the link again.');
    expect(await page.$('dialog[open][data-import-shared]')).toBeNull();
    expect(await savedFunctions(page)).toEqual([]);
    await context.close();
  });

  it('a workbook saved with one account per exercise opens as one account, saying what was merged', async () => {
    /** What a version-1 exercise page saved: its own account holding hello-lambda. */
    const v1Snapshot = async (hours: number, greeting: string) => {
      const { service, clock } = makeService(quickJSEngine());
      clock.advance(hours * 3_600_000);
      const code = { 'index.mjs': `export const handler = async () => ({ statusCode: 200, body: ${JSON.stringify(greeting)} });\n` };
      await inProcessClients(service).lambda.send(new CreateFunctionCommand({ FunctionName: 'hello-lambda', Runtime: 'nodejs22.x', Role: ROLE, Handler: 'index.handler', Code: { ZipFile: zipBytes(code) } }));
      return JSON.parse(JSON.stringify(service.snapshot())) as unknown;
    };
    const v1 = {
      version: 1,
      quizzes: {},
      lessonsRead: {},
      exercises: {
        'hello-lambda': { ...freshWorkspace('hello-lambda', {}, '{}'), emulator: await v1Snapshot(1, 'first'), updatedAt: '2026-01-05T01:00:00.000Z' },
        'environment-variables': { ...freshWorkspace('environment-variables', {}, '{}'), emulator: await v1Snapshot(2, 'second'), updatedAt: '2026-01-05T02:00:00.000Z' },
      },
    };
    const context = await newLearner();
    await context.addInitScript((text) => {
      if (localStorage.getItem('lambda-workbook:progress') === null) localStorage.setItem('lambda-workbook:progress', text);
    }, JSON.stringify(v1));
    const page = await openExercise(env.browser, env.url, 'versions-and-aliases', context);
    await status(page, 'Your exercises now share one AWS account, as a real account is: the work saved on 2 exercise pages (hello-lambda, environment-variables) is merged into it.');
    expect(await page.textContent('[data-status]')).toContain('the one from "environment-variables", changed most recently, keeps the name; the one from "hello-lambda" is now hello-lambda-hello-lambda.');
    expect((await savedFunctions(page)).sort()).toEqual(['hello-lambda', 'hello-lambda-hello-lambda']);
    const options = await page.$$eval('[data-function-picker] option', (os) => os.map((o) => o.textContent));
    expect(options).toEqual(['hello-lambda', 'hello-lambda-hello-lambda']);
    // The merged function runs: it is the most recent one, "second".
    expect((await testInvoke(page)).response).toContain('second');
    await context.close();
  });
});
