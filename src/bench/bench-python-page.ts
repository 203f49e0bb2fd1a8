/**
 * Bench section: a Python function in the page, in Chromium on the built site. The time from
 * choosing Deploy to the first Test result, on a first visit (Pyodide's 14 MB downloaded, compiled
 * and started) and a second visit in the same browser (its files revalidated from the HTTP cache),
 * against a Node.js function's same path as the baseline. Needs `npm run build` and Chromium.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import type { BenchSection } from './bench.ts';
import { chromiumPath, launchChromium, launchChromiumProfile } from './browser.ts';
import { serveStatic, type StaticSite } from './static-server.ts';
import { openExercise, status, tab } from './workspace-driver.ts';

const dist = process.env.WORKBOOK_DIST ?? fileURLToPath(new URL('../../dist/', import.meta.url));
const ROUNDS = 3;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const MB = 1024 * 1024;

/** Creates the function in the console with the runtime chosen, as a learner does. */
async function createFunction(page: Page, runtime: string): Promise<void> {
  await page.click('[data-action="create-function"]');
  await page.fill('dialog[open] input[type="text"]', 'hello-lambda');
  await page.selectOption('dialog[open] select >> nth=0', runtime);
  await page.click('dialog[open] button[type="submit"]');
  await status(page, 'Successfully created the function hello-lambda');
}

/** Deploy, then Test: ms from the Deploy click to the rendered result, measured in the page. */
async function deployToFirstResult(page: Page): Promise<number> {
  await tab(page, 'code');
  const t0 = await page.evaluate(() => {
    const t = performance.now();
    document.querySelector<HTMLButtonElement>('[data-action="deploy"]')!.click();
    return t;
  });
  await status(page, 'Successfully updated the function');
  await tab(page, 'test');
  await page.click('[data-action="invoke"]');
  await page.waitForSelector('[data-test-result] [data-outcome="succeeded"]', { timeout: 180_000 });
  return (await page.evaluate(() => performance.now())) - t0;
}

async function visit(browser: Browser, site: StaticSite, context: BrowserContext, runtime: string): Promise<{ ms: number; pyodideBytes: number }> {
  const before = site.servedBytes('/pyodide/');
  const page = await openExercise(browser, site.url, 'hello-lambda', context);
  // A second visit finds the account the first left: start from no function.
  if (await page.locator('[data-function-picker] option[value="hello-lambda"]').count()) {
    await page.evaluate(() => localStorage.clear());
    await page.reload();
    await page.waitForSelector('[data-editor][data-ready="true"]', { state: 'attached', timeout: 60_000 });
  }
  await createFunction(page, runtime);
  const ms = await deployToFirstResult(page);
  await page.close();
  return { ms, pyodideBytes: site.servedBytes('/pyodide/') - before };
}

export const pythonPageSection: BenchSection = {
  name: 'python in the page: Deploy to the first Test result in Chromium, first and second visit',
  async run() {
    if (!existsSync(`${dist}index.html`)) return ['skipped: no build in dist/ (run `npm run build` first)'];
    if (!existsSync(chromiumPath)) return [`skipped: no Chromium at ${chromiumPath}`];
    const site = await serveStatic(dist);
    const browser = await launchChromium();
    const rows: Record<'node' | 'first' | 'second', number[]> = { node: [], first: [], second: [] };
    const downloaded: Record<'first' | 'second', number[]> = { first: [], second: [] };
    try {
      for (let round = 0; round < ROUNDS; round++) {
        const nodeContext = await browser.newContext({ viewport: { width: 1440, height: 1000 } });
        rows.node.push((await visit(browser, site, nodeContext, 'nodejs24.x')).ms);
        await nodeContext.close();
        // A new profile is a browser with an empty disk cache; its second page is the second visit.
        const profile = mkdtempSync(join(tmpdir(), 'workbook-bench-profile-'));
        const context = await launchChromiumProfile(profile);
        const first = await visit(browser, site, context, 'python3.14');
        const second = await visit(browser, site, context, 'python3.14');
        rows.first.push(first.ms);
        rows.second.push(second.ms);
        downloaded.first.push(first.pyodideBytes);
        downloaded.second.push(second.pyodideBytes);
        await context.close();
        rmSync(profile, { recursive: true, force: true });
      }
    } finally {
      await browser.close();
      await site.close();
    }
    const node = median(rows.node);
    const line = (label: string, ms: number, bytes?: number) =>
      `${label}${ms.toFixed(0)} ms  ${(ms / node).toFixed(1)}x the Node.js function${bytes !== undefined ? `  (Pyodide bytes over the network: ${(bytes / MB).toFixed(1)} MB)` : ''}`;
    return [
      `Node.js 24 function, Deploy to first result (baseline): ${node.toFixed(0)} ms`,
      line('Python 3.14, first visit (Pyodide downloaded):       ', median(rows.first), median(downloaded.first)),
      line('Python 3.14, second visit (browser cache):           ', median(rows.second), median(downloaded.second)),
    ];
  },
};
