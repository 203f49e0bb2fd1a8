/**
 * The workbook offline after the first visit (issue 19, part 4): a learner opens the site once,
 * loses the network, and still reads lessons, takes a quiz, does an exercise start to finish
 * (edit, deploy, Test, Check) and exports their progress. A new version is announced and loads
 * only when the learner presses Reload, losing nothing.
 *
 * The site is served from a copy of dist/ (the update test changes its sw.js). "Offline" is both
 * Chromium's offline mode and the site's server shut down, so nothing can come from the network.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appendFileSync, cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { distDir, serveBuiltSite } from '../support/site.ts';
import { launchChromium } from '../../src/bench/browser.ts';
import { serveStatic, type StaticSite } from '../../src/bench/static-server.ts';
import { checkAll, createFunction, deploy, expectAllPassed, setCode, status, tab, testInvoke } from '../../src/bench/workspace-driver.ts';
import { PROGRESS_KEY } from '../../src/progress/store.ts';
import { auditAccessibility } from '../support/a11y.ts';
import { PYODIDE_CACHE } from '../../src/offline/service-worker-build.ts';

let browser: Browser;
let site: StaticSite;
let copy: string;

beforeAll(async () => {
  await (await serveBuiltSite()).close(); // fails clearly when there is no build
  copy = mkdtempSync(join(tmpdir(), 'workbook-offline-'));
  cpSync(distDir, copy, { recursive: true });
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await site?.close().catch(() => {});
  if (copy) rmSync(copy, { recursive: true, force: true });
});

async function newLearner(): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ viewport: { width: 1440, height: 1000 }, acceptDownloads: true, serviceWorkers: 'allow' });
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: site.url });
  const page = await context.newPage();
  page.on('dialog', (d) => void d.accept());
  return { context, page };
}

/** The first visit is over once the service worker has precached everything and controls the page. */
async function waitUntilOfflineReady(page: Page): Promise<void> {
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null, null, { timeout: 90_000 });
}

async function openExerciseAt(page: Page, url: string): Promise<void> {
  await page.goto(url);
  await page.waitForSelector('[data-workspace][data-ready="true"]');
  await page.waitForSelector('[data-editor][data-ready="true"]', { timeout: 60_000 });
}

const helloSolution = readFileSync(new URL('../../exercises/hello-lambda/solution/index.mjs', import.meta.url), 'utf8');
const offlineCode = `// Written with the network off.\n${helloSolution}`;

describe('the workbook offline after the first visit', () => {
  it('reads lessons, runs Try-its (Python too, once used), takes a quiz, does an exercise with Test and Check, and exports, all offline', async () => {
    site = await serveStatic(copy);
    const { context, page } = await newLearner();
    const origin = site.url;

    // The first visit: the home page, and one Python example (Pyodide is cached only once used).
    await page.goto(`${origin}/`);
    await waitUntilOfflineReady(page);
    await page.goto(`${origin}/lessons/environment-variables/`);
    const python = page.locator('[data-tryit][data-tryit-runtime="python3.14"]').first();
    await python.locator('[data-tryit-run]').click();
    await python.locator('[data-tryit-response]').waitFor({ timeout: 120_000 });
    const pythonOnline = await python.locator('[data-tryit-response]').textContent();
    const pyodideCached = await page.evaluate(async (name) => (await (await caches.open(name)).keys()).map((r) => new URL(r.url).pathname), PYODIDE_CACHE);
    expect(pyodideCached).toEqual(expect.arrayContaining(['/pyodide/pyodide.asm.wasm', '/pyodide/python_stdlib.zip']));

    // The network goes away: Chromium offline, and the site's server shut down.
    await context.setOffline(true);
    await site.close();
    expect(await page.evaluate((u) => fetch(`${u}/definitely-not-cached/`).then(() => 'reached', () => 'unreachable'), origin)).toBe('unreachable');

    // A lesson never opened before, its Node.js Try-it (QuickJS) and its quiz.
    await page.goto(`${origin}/lessons/programming-model/`);
    expect(await page.locator('h1').first().textContent()).toBe('The programming model');
    const node = page.locator('[data-tryit]').filter({ hasText: 'processing order' });
    await node.locator('[data-tryit-run]').click();
    await node.locator('[data-tryit-response]').waitFor({ timeout: 60_000 });
    expect(await node.locator('[data-tryit-response]').textContent()).toBe('{"processed":42}');

    await page.goto(`${origin}/lessons/limits/`);
    await page.locator('[data-quiz="limits"] button[data-quiz-check]').click();
    expect(await page.locator('[data-quiz-status]').textContent()).toMatch(/^0 of \d+ points; 0 of \d+ questions fully right\.$/);

    // The Python example again, from the cache.
    await page.goto(`${origin}/lessons/environment-variables/`);
    const pythonAgain = page.locator('[data-tryit][data-tryit-runtime="python3.14"]').first();
    await pythonAgain.locator('[data-tryit-run]').click();
    await pythonAgain.locator('[data-tryit-response]').waitFor({ timeout: 120_000 });
    expect(await pythonAgain.locator('[data-tryit-response]').textContent()).toBe(pythonOnline);

    // An exercise start to finish: Monaco, the emulator's workers, Test, Check.
    await openExerciseAt(page, `${origin}/exercises/hello-lambda/`);
    await createFunction(page, 'hello-lambda');
    await setCode(page, offlineCode);
    await deploy(page);
    const run = await testInvoke(page);
    expect(run.outcome).toBe('succeeded');
    expect(run.response).toContain('Hello from Lambda!');
    await tab(page, 'configuration');
    await page.waitForSelector('[data-latest-arn]');
    await page.fill('[data-question="role-policy"] input', 'AWSLambdaBasicExecutionRole');
    await page.fill('[data-question="qualified-arn"] input', (await page.textContent('[data-latest-arn]'))!);
    await page.check('[data-question="arn-choice"] input[value="b"]');
    await tab(page, 'monitor');
    await page.waitForSelector('[data-log-stream]');
    expectAllPassed(await checkAll(page));

    // Export: the download carries the code written offline.
    const download = page.waitForEvent('download');
    await page.click('[data-action="export"]');
    const exported = JSON.parse(readFileSync((await (await download).path())!, 'utf8'));
    expect(exported.exercises['hello-lambda'].files['index.mjs']).toBe(offlineCode);
    await status(page, 'Exported your progress');
    await context.close();
  }, 400_000);

  it('announces a new version politely and reloads into it only on the learner’s click, keeping the code typed just before', async () => {
    site = await serveStatic(copy);
    const { context, page } = await newLearner();
    await openExerciseAt(page, `${site.url}/exercises/hello-lambda/`);
    await waitUntilOfflineReady(page);
    await createFunction(page, 'hello-lambda');
    await page.evaluate(() => ((window as unknown as { firstLoad: boolean }).firstLoad = true));

    // A new build is published: its sw.js differs, and the page finds it.
    appendFileSync(join(copy, 'sw.js'), '\n// the next version of the workbook\n');
    await page.evaluate(async () => (await navigator.serviceWorker.getRegistration())!.update());
    const region = page.locator('[data-update-region]');
    await region.locator('button[data-update-reload]').waitFor({ timeout: 60_000 });
    expect(await region.getAttribute('role')).toBe('status');
    expect(await region.getAttribute('aria-live')).toBe('polite');
    expect((await region.textContent())!.replace(/\s+/g, ' ').trim()).toBe('A new version of the workbook is ready — Reload');
    const violations = await auditAccessibility(page);
    expect(violations.filter((v) => v.targets.some((t) => t.includes('wb-update') || t.includes('data-update')))).toEqual([]);

    // Nothing reloads by itself: the learner keeps working, and the page is the same page.
    const typedLast = `// Typed just before Reload.\n${helloSolution}`;
    await setCode(page, typedLast);
    expect(await page.evaluate(() => (window as unknown as { firstLoad?: boolean }).firstLoad)).toBe(true);

    const reloaded = page.waitForEvent('load');
    await region.locator('button[data-update-reload]').click();
    await reloaded;
    await page.waitForSelector('[data-editor][data-ready="true"]', { timeout: 60_000 });
    expect(await page.evaluate(() => (window as unknown as { firstLoad?: boolean }).firstLoad)).toBeUndefined();
    const saved = JSON.parse((await page.evaluate((k) => localStorage.getItem(k), PROGRESS_KEY))!);
    expect(saved.exercises['hello-lambda'].files['index.mjs']).toBe(typedLast);
    // The new version controls the page, and nothing waits any more.
    expect(await page.evaluate(async () => {
      const r = (await navigator.serviceWorker.getRegistration())!;
      return { waiting: r.waiting !== null, controlled: navigator.serviceWorker.controller !== null };
    })).toEqual({ waiting: false, controlled: true });
    expect(await page.locator('button[data-update-reload]').count()).toBe(0);
    await context.close();
  }, 240_000);
});
