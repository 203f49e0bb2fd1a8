/**
 * Monitor's cost as the account's history grows: opening Monitor on a page whose function has
 * 1,000 recorded invocations (10 environments' log streams of 100 each, as the page keeps them),
 * against opening it with one invocation, in the same run. Opening means the panel built, the
 * logs read, the timeline and the metrics table drawn and the five uPlot charts on screen.
 */
import type { Browser, Page } from 'playwright-core';
import { createFunction, openExercise, testInvoke } from './workspace-driver.ts';

export const RECORDED_INVOCATIONS = 1000;
const ENVIRONMENTS = 10;

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

/** Clicks the Monitor tab and waits until it shows `invocations` and its charts; milliseconds, measured in the page. */
function timeMonitorOpen(page: Page, invocations: number): Promise<number> {
  return page.evaluate(async (count) => {
    const t0 = performance.now();
    document.querySelector<HTMLButtonElement>('[data-tab="monitor"]')!.click();
    const expected = `Invocation timeline. ${count} invocation${count === 1 ? '' : 's'} `;
    // No named functions in here: tsx would wrap them in a helper the page does not have.
    await new Promise<void>((resolve) => {
      const watch = new MutationObserver(() => {
        if (
          (document.querySelector('[data-timeline] svg')?.getAttribute('aria-label') ?? '').startsWith(expected) &&
          document.querySelector('[data-metrics-table] table') &&
          document.querySelectorAll('[data-metric-charts] .uplot').length === 5
        ) {
          watch.disconnect();
          resolve();
        }
      });
      watch.observe(document.body, { childList: true, subtree: true, attributes: true });
    });
    return performance.now() - t0;
  }, invocations);
}

/**
 * Adds recorded invocations to the saved account, as if the function had run them: START, END and
 * REPORT in each of ENVIRONMENTS log streams, over ten minutes. The page reads them on its next load.
 */
function recordInvocations(page: Page, functionName: string, total: number): Promise<void> {
  return page.evaluate(
    ({ functionName, total, environments }) => {
      const key = 'lambda-workbook:progress';
      const progress = JSON.parse(localStorage.getItem(key)!);
      // The learner's one account (progress version 2).
      const account = progress.account as { emulator: { logGroups: Record<string, { streams: Record<string, unknown> }> } };
      const group = account.emulator.logGroups[`/aws/lambda/${functionName}`]!;
      const start = Date.now() - 10 * 60_000;
      const perEnvironment = total / environments;
      for (let env = 0; env < environments; env++) {
        const name = `2026/01/01/[$LATEST]${env.toString(16).padStart(32, '0')}`;
        const events: { timestamp: number; ingestionTime: number; message: string; eventId: string }[] = [];
        for (let i = 0; i < perEnvironment; i++) {
          const t = start + i * 6_000 + env * 300;
          const id = `00000000-0000-4000-8000-${(env * perEnvironment + i).toString(16).padStart(12, '0')}`;
          const ms = 20 + ((i * 7 + env) % 50);
          for (const [timestamp, message] of [
            [t, `START RequestId: ${id} Version: $LATEST`],
            [t + ms, `END RequestId: ${id}`],
            [t + ms, `REPORT RequestId: ${id}\tDuration: ${ms.toFixed(2)} ms\tBilled Duration: ${ms} ms\tMemory Size: 128 MB\tMax Memory Used: 40 MB\t${i === 0 ? 'Init Duration: 120.00 ms\t' : ''}`],
          ] as const) events.push({ timestamp, ingestionTime: timestamp, message, eventId: `${env}-${events.length}` });
        }
        group.streams[name] = { logStreamName: name, creationTime: start, events };
      }
      localStorage.setItem(key, JSON.stringify(progress));
    },
    { functionName, total, environments: ENVIRONMENTS },
  );
}

/** Median time to open Monitor with one invocation and with RECORDED_INVOCATIONS more, over `rounds` page loads each. */
export async function benchMonitor(browser: Browser, siteUrl: string, rounds: number): Promise<{ one: number; many: number }> {
  const one: number[] = [];
  const many: number[] = [];
  const page = await openExercise(browser, siteUrl, 'hello-lambda');
  try {
    await createFunction(page, 'hello-lambda');
    await testInvoke(page);
    // Monitor is timed on a settled page: the editor up and nothing left loading, so the figure is
    // Monitor's own cost, not the editor's start-up running beside it.
    const reload = async () => {
      await page.goto(`${siteUrl}/exercises/hello-lambda/`, { waitUntil: 'networkidle' });
      await page.waitForSelector('[data-editor][data-ready="true"]', { state: 'attached' });
      await page.waitForLoadState('networkidle');
    };
    for (let r = 0; r < rounds; r++) {
      await reload();
      one.push(await timeMonitorOpen(page, 1));
    }
    // Written from another page of the site, so no workspace saves its own state over it.
    await page.goto(`${siteUrl}/`);
    await recordInvocations(page, 'hello-lambda', RECORDED_INVOCATIONS);
    for (let r = 0; r < rounds; r++) {
      await reload();
      many.push(await timeMonitorOpen(page, RECORDED_INVOCATIONS + 1));
    }
  } finally {
    await page.context().close();
  }
  return { one: median(one), many: median(many) };
}
