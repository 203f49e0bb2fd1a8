/**
 * Bench section: the exercise page in Chromium, on the built site served from 127.0.0.1.
 * Time to the instructions (first contentful paint), to an editor ready for typing, cold and warm
 * Test results, and the JavaScript each stage transfers. Needs `npm run build` and Debian's chromium.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { fileURLToPath } from 'node:url';
import type { BenchSection } from './bench.ts';
import { launchChromium, chromiumPath } from './browser.ts';
import { serveStatic } from './static-server.ts';
import type { Page } from 'playwright-core';
import { createFunction, deploy, openExercise, tab } from './workspace-driver.ts';
import { benchMonitor, RECORDED_INVOCATIONS } from './bench-monitor.ts';

const dist = process.env.WORKBOOK_DIST ?? fileURLToPath(new URL('../../dist/', import.meta.url));
const ROUNDS = 5;
const WARM_TESTS = 15;

/** What the files at these site paths weigh raw and gzipped (level 6, as static hosts serve them). */
function gzipBytes(paths: string[]): { raw: number; gzip: number } {
  let raw = 0;
  let gzip = 0;
  for (const path of new Set(paths)) {
    const file = join(dist, path.endsWith('/') ? `${path}index.html` : path);
    if (!existsSync(file)) continue;
    const body = readFileSync(file);
    raw += body.length;
    gzip += gzipSync(body, { level: 6 }).length;
  }
  return { raw, gzip };
}

/** The files a lesson page (no editor, no emulator until a Try-it runs) fetches once loaded. */
async function lessonFiles(browser: import('playwright-core').Browser, url: string): Promise<string[]> {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(`${url}/lessons/what-is-lambda/`, { waitUntil: 'networkidle' });
  const files = await page.evaluate(() => (performance.getEntriesByType('resource') as PerformanceResourceTiming[]).map((r) => new URL(r.name).pathname));
  await context.close();
  return files;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const kb = (bytes: number) => `${(bytes / 1024).toFixed(0)} KB`;

/** Clicks Test and waits for the outcome to render; milliseconds, measured in the page. */
function timeTestClick(page: Page): Promise<number> {
  return page.evaluate(async () => {
    const result = document.querySelector('[data-test-result]')!;
    result.replaceChildren();
    const t0 = performance.now();
    document.querySelector<HTMLButtonElement>('[data-action="invoke"]')!.click();
    await new Promise<void>((resolve) => {
      const watch = new MutationObserver(() => {
        if (result.querySelector('[data-outcome]')) {
          watch.disconnect();
          resolve();
        }
      });
      watch.observe(result, { childList: true, subtree: true });
    });
    return performance.now() - t0;
  });
}

export const workspaceSection: BenchSection = {
  name: 'exercise workspace in Chromium (built site on 127.0.0.1)',
  async run() {
    if (!existsSync(`${dist}index.html`)) return ['skipped: no build in dist/ (run `npm run build` first)'];
    if (!existsSync(chromiumPath)) return [`skipped: no Chromium at ${chromiumPath}`];
    const site = await serveStatic(dist);
    const browser = await launchChromium();
    const fcp: number[] = [];
    const editor: number[] = [];
    const warm: number[] = [];
    const cold: number[] = [];
    const coldAfterDeploy: number[] = [];
    const before: number[] = [];
    const total: number[] = [];
    let instructionsFirst = 0;
    const editorBytes: number[] = [];
    const editorBytesRaw: number[] = [];
    let editorRequests = 0;
    const lessonBytes = gzipBytes(['/lessons/what-is-lambda/', ...(await lessonFiles(browser, site.url))]);
    let monitor = { one: NaN, many: NaN };
    try {
      for (let round = 0; round < ROUNDS; round++) {
        const page = await openExercise(browser, site.url, 'hello-lambda');
        const t = await page.evaluate(() => {
          const paint = performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? NaN;
          const scripts = performance.getEntriesByType('resource') as PerformanceResourceTiming[];
          const js = scripts.filter((r) => /\.js(\?|$)/.test(r.name));
          const editorChunk = js.find((r) => /editor\.api/.test(r.name));
          return {
            paint,
            ready: Number(document.querySelector<HTMLElement>('[data-editor]')!.dataset.readyAt),
            jsBeforePaint: js.filter((r) => r.responseEnd <= paint).reduce((n, r) => n + r.encodedBodySize, 0),
            jsTotal: js.reduce((n, r) => n + r.encodedBodySize, 0),
            editorArrives: editorChunk ? editorChunk.responseEnd : NaN,
            // Every file the page had fetched when the editor took typing (same-origin, so paths suffice).
            beforeEditor: [location.pathname, ...scripts.filter((r) => r.responseEnd <= Number(document.querySelector<HTMLElement>('[data-editor]')!.dataset.readyAt)).map((r) => new URL(r.name).pathname)],
          };
        });
        const bytes = gzipBytes(t.beforeEditor);
        editorBytes.push(bytes.gzip);
        editorBytesRaw.push(bytes.raw);
        editorRequests = t.beforeEditor.length;
        fcp.push(t.paint);
        editor.push(t.ready);
        before.push(t.jsBeforePaint);
        total.push(t.jsTotal);
        if (t.paint < t.editorArrives) instructionsFirst += 1;
        await createFunction(page, 'hello-lambda');
        await tab(page, 'test');
        for (let i = 0; i <= WARM_TESTS; i++) (i > 0 ? warm : cold).push(await timeTestClick(page)); // the first is a cold start
        // Deploying replaces the environments: the next Test is a cold start, after a learner's pause.
        await deploy(page);
        await tab(page, 'test');
        await page.waitForTimeout(500);
        coldAfterDeploy.push(await timeTestClick(page));
        await page.context().close();
      }
      monitor = await benchMonitor(browser, site.url, 3);
    } finally {
      await browser.close();
      await site.close();
    }
    const paint = median(fcp);
    const ready = median(editor);
    return [
      `instructions readable (first contentful paint): ${paint.toFixed(0)} ms`,
      `editor ready for typing:                        ${ready.toFixed(0)} ms  ratio to first paint ${(ready / paint).toFixed(1)}x  (target under 1,000 ms)`,
      `cold Test click, first on the page:             ${median(cold).toFixed(1)} ms`,
      `cold Test click after a Deploy:                 ${median(coldAfterDeploy).toFixed(1)} ms`,
      `warm Test click to result:                      ${median(warm).toFixed(1)} ms  (target under 50 ms)`,
      `JavaScript arrived before first paint:          ${kb(median(before))} (target 10 KB or less); whole page with console and editor: ${kb(median(total))} (uncompressed)`,
      `bytes before the editor takes typing:           ${kb(median(editorBytes))} gzip (${kb(median(editorBytesRaw))} raw, ${editorRequests} files)  ${(median(editorBytes) / lessonBytes.gzip).toFixed(1)}x a lesson page without an editor (${kb(lessonBytes.gzip)} gzip)`,
      `instructions painted before the editor's code arrived in ${instructionsFirst} of ${ROUNDS} loads`,
      `Monitor opened, charts drawn, 1 invocation:      ${monitor.one.toFixed(0)} ms`,
      `the same with ${RECORDED_INVOCATIONS.toLocaleString('en')} invocations recorded:    ${monitor.many.toFixed(0)} ms  ratio ${(monitor.many / monitor.one).toFixed(1)}x  (target under 100 ms)`,
    ];
  },
};
