/**
 * The instructor's view in Chromium: the grader's exports (tests/fixtures/instructor/, written by
 * `npm run grade`) opened through the file input, read in the page, and shown as sortable tables.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { useSiteAndBrowser } from '../support/site.ts';
import { auditAccessibility } from '../support/a11y.ts';

const fixtures = fileURLToPath(new URL('../fixtures/instructor/', import.meta.url));
const env = useSiteAndBrowser();

async function openView(): Promise<Page> {
  const context = await env.browser.newContext({ viewport: { width: 1280, height: 900 }, acceptDownloads: true });
  const page = await context.newPage();
  await page.goto(`${env.url}/instructor/`);
  return page;
}

const column = (page: Page, table: string, n: number) =>
  page.$$eval(`[data-${table}] tbody tr`, (rows, i) => rows.map((r) => (r.children[i] as HTMLElement).textContent!.trim()), n);

describe("the instructor's view", () => {
  it('reads the JUnit export and shows every table', async () => {
    const page = await openView();
    await page.setInputFiles('[data-grade-file]', `${fixtures}class.xml`);
    await page.waitForSelector('[data-learners]');
    expect(await page.textContent('[data-load-status]')).toBe('Read JUnit XML (class.xml): 5 learners, 4 graded.');
    expect(await page.textContent('[data-overview]')).toBe('5 learners, 4 graded. Average 50.3%, median 50.5% of the maximum.');
    expect(await column(page, 'learners', 0)).toEqual(['Ada Lovelace', 'Alan Turing', 'Edsger Dijkstra', 'Grace Hopper', 'linus']);
    expect(await column(page, 'not-started', 0)).toEqual(['Edsger Dijkstra', 'linus']);
    expect(await column(page, 'score-bins', 1)).toEqual(['1', '0', '1', '0', '0', '0', '0', '0', '1', '1']);
    const failures = await page.$$eval('[data-failures] tbody tr', (rows) => rows.slice(0, 1).map((r) => [...r.children].map((c) => c.textContent)));
    expect(failures[0]!.slice(0, 3)).toEqual(['The submission holds no work for Layers.', 'exercise check', '3']);
    const runTest = await page.$$eval('[data-pass-rates] tbody tr', (rows) =>
      rows.map((r) => [...r.children].map((c) => c.textContent)).find((cells) => cells[0] === 'Hello, Lambda: Run a test event'));
    expect(runTest).toEqual(['Hello, Lambda: Run a test event', 'exercise', '3', '4', '75%', '75%']);
    // The histogram is drawn once the file is open.
    await page.waitForSelector('[data-score-chart] canvas');
    expect(await page.getAttribute('[data-score-chart]', 'aria-label')).toBe(
      'Distribution of scores: 1 learner at 0–10%, 1 learner at 20–30%, 1 learner at 80–90%, 1 learner at 90–100%.',
    );
    expect(await auditAccessibility(page)).toEqual([]);
    await page.context().close();
  });

  it('sorts a table from the keyboard and says how it is sorted', async () => {
    const page = await openView();
    await page.setInputFiles('[data-grade-file]', `${fixtures}class.csv`);
    await page.waitForSelector('[data-learners]');
    const scoreHeader = page.locator('[data-learners] thead th').nth(3);
    expect(await scoreHeader.getAttribute('aria-sort')).toBe('none');
    await scoreHeader.locator('button').focus();
    await page.keyboard.press('Enter');
    expect(await scoreHeader.getAttribute('aria-sort')).toBe('ascending');
    expect(await column(page, 'learners', 3)).toEqual(['0', '0', '107.5', '415.5', '518']);
    await page.keyboard.press('Space');
    expect(await scoreHeader.getAttribute('aria-sort')).toBe('descending');
    expect(await column(page, 'learners', 0)).toEqual(['Ada Lovelace', 'Grace Hopper', 'Alan Turing', 'Edsger Dijkstra', 'linus']);
    // The CSV has per-part scores only: the pass rates are per exercise and quiz.
    expect((await column(page, 'pass-rates', 0)).slice(0, 4)).toEqual(['Hello, Lambda', 'Environment variables', 'Versions and aliases', 'Layers']);
    // What downloads is what the table shows, in its order.
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('[data-export-csv="learners"]')]);
    expect(download.suggestedFilename()).toBe('learners.csv');
    const csv = readFileSync((await download.path())!, 'utf8');
    expect(csv.split('\r\n').slice(0, 3)).toEqual([
      'Name,ID,Status,Score,Maximum,Percent,Exercises and quizzes with full marks',
      'Ada Lovelace,s001,graded,518,518,100,21 of 21',
      'Grace Hopper,s002,graded,415.5,518,80.2,18 of 21',
    ]);
    await page.context().close();
  });

  it("reads every learner's Gradescope results.json at once and shows one learner's detail", async () => {
    const page = await openView();
    const dir = `${fixtures}gradescope/`;
    await page.setInputFiles('[data-grade-file]', readdirSync(dir).map((f) => `${dir}${f}`));
    await page.waitForSelector('[data-learners]');
    expect(await page.textContent('[data-load-status]')).toMatch(/^Read Gradescope results\.json \(.*\): 5 learners, 4 graded\.$/);
    await page.click('[data-show-learner="s003"]');
    await page.waitForSelector('[data-learner-detail]:not([hidden])');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Alan Turing (s003)');
    const failing = await page.$$eval('[data-learner-failing] tbody tr', (rows) => rows.map((r) => r.children[0]!.textContent));
    expect(failing).toContain('Environment variables: Add the environment variable HELLO=world');
    await page.context().close();
  });

  it('says what is wrong with a file that is not a grade export', async () => {
    const page = await openView();
    await page.setInputFiles('[data-grade-file]', { name: 'roster.csv', mimeType: 'text/csv', buffer: Buffer.from('name,id,prefix\nAda,s001,ada-\n') });
    await page.waitForSelector('[data-load-status][data-error]');
    expect(await page.textContent('[data-load-status]')).toBe(
      "roster.csv is not the grader's CSV gradebook: its first row must start Name,ID,File,Status and end with Total [points] (npm run grade -- --format csv).",
    );
    expect(await page.$('[data-learners]')).toBeNull();
    await page.context().close();
  });
});
