/**
 * Monitor in Chromium: the chart library arrives only when Monitor opens; the metrics, the
 * timeline, its zoom and its detail view read what the learner's invocations wrote, with every
 * label right (a failed INIT is a cold start that failed, never "warm").
 */
import { describe, expect, it } from 'vitest';
import { useSiteAndBrowser } from '../support/site.ts';
import { auditAccessibility } from '../support/a11y.ts';
import { createFunction, deploy, openExercise, setCode, tab, testInvoke } from '../../src/bench/workspace-driver.ts';

const env = useSiteAndBrowser();

const scripts = (page: import('playwright-core').Page) =>
  page.evaluate(() => performance.getEntriesByType('resource').map((r) => r.name).filter((n) => /\.js(\?|$)/.test(n)));

describe('the Monitor tab', () => {
  it('draws metrics per minute, a zoomable timeline and each invocation in detail', async () => {
    const page = await openExercise(env.browser, env.url, 'hello-lambda');
    await createFunction(page, 'hello-lambda');
    expect((await testInvoke(page)).outcome).toBe('succeeded');
    expect((await testInvoke(page)).outcome).toBe('succeeded');
    // Module scope that throws: INIT fails, the invocation fails, the environment is discarded.
    await setCode(page, "throw new Error('boom at init');\nexport const handler = async () => ({ statusCode: 200 });\n");
    await deploy(page);
    expect((await testInvoke(page)).outcome).toBe('failed');

    const before = await scripts(page);
    expect(before.some((n) => /metric-charts/.test(n))).toBe(false);
    expect(await page.$('.uplot')).toBeNull();
    await tab(page, 'monitor');
    await page.waitForSelector('[data-metric-charts] .uplot canvas');
    expect((await scripts(page)).filter((n) => !before.includes(n)).some((n) => /metric-charts/.test(n))).toBe(true);
    expect(await page.$$eval('[data-metric-charts] figure', (fs) => fs.map((f) => f.getAttribute('data-metric')))).toEqual(['Invocations', 'Errors', 'Duration', 'Throttles', 'ConcurrentExecutions']);

    // The numbers behind the charts: three invocations (whatever minutes they fell in), one error.
    const sum = (key: string) => page.$$eval(`[data-metrics-table] td[data-metric="${key}"]`, (tds) => tds.reduce((n, td) => n + (Number(td.textContent) || 0), 0));
    expect(await sum('invocations')).toBe(3);
    expect(await sum('errors')).toBe(1);
    expect(await sum('throttles')).toBe(0);
    expect(await page.$$eval('[data-metrics-table] thead th', (ths) => ths.map((t) => t.textContent))).toEqual([
      'Minute (UTC)', 'Invocations (Sum)', 'Errors (Sum)', 'Duration (Average, ms)', 'Duration (Maximum, ms)', 'Throttles (Sum)', 'ConcurrentExecutions (Maximum)',
    ]);

    // Deploying replaced the environment: two environments, two cold starts (one of them failed).
    expect(await page.getAttribute('[data-timeline] svg', 'aria-label')).toBe(
      'Invocation timeline. 3 invocations on 2 execution environments: 2 cold starts, 0 retries, 0 throttles; at most 1 running at once.',
    );
    expect(await page.$$eval('[data-invocations] td[data-start-kind]', (tds) => tds.map((t) => t.textContent))).toEqual([
      'cold start, INIT failed', 'warm start', 'cold start',
    ]);
    const outcomes = await page.$$eval('[data-invocations] tbody tr', (rows) => rows.map((r) => r.children[6]!.textContent));
    expect(outcomes.slice(1)).toEqual(['succeeded', 'succeeded']);
    expect(outcomes[0]).toMatch(/^failed \(\S+\)$/);

    // Zoom from the keyboard: the window shrinks, and 0 brings the whole timeline back.
    const windowText = () => page.textContent('[data-timeline-window]');
    const whole = await windowText();
    await page.focus('[data-timeline-chart]');
    await page.keyboard.press('+');
    const zoomed = await windowText();
    expect(zoomed).not.toBe(whole);
    await page.keyboard.press('0');
    expect(await windowText()).toBe(whole);
    await page.click('[data-timeline-action="zoom-in"]');
    expect(await windowText()).toBe(zoomed);
    await page.click('[data-timeline-action="reset"]');

    // ↓ selects the first invocation in view; its detail names both phases.
    await page.focus('[data-timeline-chart]');
    await page.keyboard.press('ArrowDown');
    await page.waitForSelector('[data-invocation-detail]:not([hidden])');
    const detail = await page.textContent('[data-invocation-detail] dl');
    expect(detail).toContain('Startcold start');
    expect(detail).toContain('INIT phase');
    expect(detail).toContain('INVOKE phase');
    // The bars are drawn a path per kind; pointing at one names its invocation, and a click selects it.
    await page.click('[data-invocation-detail] button:has-text("Close details")');
    await page.waitForSelector('[data-invocation-detail][hidden]', { state: 'attached' });
    const warmId = await page.$eval('[data-invocations] td[data-start-kind="warm"]', (td) => td.closest('tr')!.getAttribute('data-invocation'));
    const at = await page.$eval('[data-timeline] path.wb-tl-bar.warm', (path) => {
      const [x, y, w] = /^M([\d.]+) ([\d.]+)h([\d.]+)/.exec(path.getAttribute('d')!)!.slice(1).map(Number) as [number, number, number];
      const svg = path.closest('svg')!;
      const box = svg.getBoundingClientRect();
      const scale = box.width / svg.viewBox.baseVal.width;
      return { x: box.x + (x + w / 2) * scale, y: box.y + (y + 8) * scale };
    });
    await page.mouse.move(at.x, at.y);
    expect(await page.getAttribute('[data-timeline-chart]', 'title')).toMatch(new RegExp(`^${warmId}: [\\d.]+ ms, warm start, succeeded$`));
    await page.mouse.click(at.x, at.y);
    await page.waitForSelector('[data-invocation-detail]:not([hidden])');
    expect(await page.textContent('[data-invocation-detail] h4')).toBe(`Invocation ${warmId}`);
    // The failed one, from the table: INIT failed, and the environment was discarded.
    await page.click('[data-invocations] tbody tr:first-child [data-show-invocation]');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toMatch(/^Invocation [0-9a-f-]{36}$/);
    expect(await page.textContent('[data-invocation-detail] dl')).toMatch(/Startcold start, INIT failedINIT phase.*failed \(.*\); the environment was discarded/);
    // Its log stream opens (its events drawn only now), with the INIT_REPORT that says why.
    await page.click('[data-invocation-detail] button:has-text("Show its log stream")');
    await page.waitForSelector('details[data-stream][open] table');
    expect(await page.$$eval('details[data-stream][open]', (ds) => ds.length)).toBe(1);
    expect(await page.textContent('details[data-stream][open] table')).toMatch(/INIT_REPORT Init Duration: \d+\.\d\d ms\tPhase: init\tStatus: error/);
    // Charts, timeline, detail and tables open: nothing axe finds, in either theme.
    await page.click('[data-metrics-table] summary');
    expect(await auditAccessibility(page)).toEqual([]);
    await page.evaluate(() => document.documentElement.setAttribute('data-theme', 'light'));
    expect(await auditAccessibility(page)).toEqual([]);
    await page.context().close();
  });
});
