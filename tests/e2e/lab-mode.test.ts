/**
 * An instructor's lab build (settings from a WORKBOOK_LAB_CONFIG file): the exercise page shows
 * the due date, offers no reference solution, and Export progress asks for the learner's name and
 * id in an accessible dialog before writing them into the downloaded file.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createGradingEngine } from '../../src/hosts/node/grading-engine.ts';
import { gradeSubmission } from '../../src/grading/grade-submission.ts';
import { parseProgress } from '../../src/progress/index.ts';
import { auditAccessibility } from '../support/a11y.ts';
import { launchChromium } from '../../src/bench/browser.ts';
import { serveStatic, type StaticSite } from '../../src/bench/static-server.ts';
import { checkAll, createFunction, expectAllPassed, openExercise, tab, testInvoke } from '../../src/bench/workspace-driver.ts';

const root = fileURLToPath(new URL('../../', import.meta.url));

function buildLabSite(outDir: string, config: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(`${root}node_modules/.bin/astro`, ['build', '--outDir', outDir], { cwd: root, env: { ...process.env, WORKBOOK_LAB_CONFIG: config }, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`astro build failed (${code}): ${stderr}`))));
  });
}

describe('a lab build of the site', () => {
  let dir: string;
  let site: StaticSite;
  let browser: Browser;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'workbook-lab-site-'));
    const config = join(dir, 'lab.json');
    writeFileSync(config, JSON.stringify({ name: 'CS 341 Lambda lab', due: '2026-12-15T17:00:00Z', hideSolutions: true }));
    await buildLabSite(join(dir, 'site'), config);
    site = await serveStatic(join(dir, 'site'));
    browser = await launchChromium();
  }, 300_000);

  afterAll(async () => {
    await browser?.close();
    await site?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  async function exercisePage(): Promise<Page> {
    const page = await browser.newPage({ acceptDownloads: true });
    await page.goto(`${site.url}/exercises/hello-lambda/`, { waitUntil: 'load' });
    await page.locator('[data-action="export"]').waitFor({ timeout: 30_000 });
    return page;
  }

  it('shows the lab and its due date, and no reference solution', async () => {
    const page = await exercisePage();
    expect(await page.locator('[data-lab-due]').innerText()).toBe('CS 341 Lambda lab · Due 15 December 2026, 17:00 UTC. Export your progress and hand the file in before then.');
    expect(await page.locator('[data-lab-due] time').getAttribute('datetime')).toBe('2026-12-15T17:00:00.000Z');
    expect(await page.locator('[data-action="show-solution"]').count()).toBe(0);
    await page.close();
  }, 60_000);

  it('asks for name and id before exporting, and the file carries them', async () => {
    const page = await exercisePage();
    await page.locator('[data-action="export"]').click();
    const dialog = page.getByRole('dialog', { name: 'Who is handing this in?' });
    await dialog.waitFor();
    expect(await auditAccessibility(page)).toEqual([]);
    // A blank name does not export: the form says what is missing.
    await dialog.getByLabel('Student id', { exact: true }).fill('s-001');
    await dialog.getByRole('button', { name: 'Export' }).click();
    expect(await dialog.isVisible()).toBe(true);
    await dialog.getByLabel('Name', { exact: true }).fill('Ada Lovelace');
    const [download] = await Promise.all([page.waitForEvent('download'), dialog.getByRole('button', { name: 'Export' }).click()]);
    const file = await download.path();
    const parsed = parseProgress(readFileSync(file, 'utf8'));
    expect(parsed.ok && parsed.progress.learner).toEqual({ name: 'Ada Lovelace', id: 's-001' });
    expect(download.suggestedFilename()).toBe('lambda-workbook-progress.json');
    // The next export offers what was typed last time; Escape cancels and exports nothing.
    await page.locator('[data-action="export"]').click();
    await dialog.waitFor();
    expect(await dialog.getByLabel('Name', { exact: true }).inputValue()).toBe('Ada Lovelace');
    await page.keyboard.press('Escape');
    await page.getByText('Nothing was exported.').waitFor();
    await page.close();
  }, 60_000);

  it('a workbook exported from the page grades on the instructor\'s machine as the page checked it', async () => {
    const page = await openExercise(browser, site.url, 'hello-lambda');
    await createFunction(page, 'hello-lambda');
    expect((await testInvoke(page)).outcome).toBe('succeeded');
    await tab(page, 'configuration');
    await page.waitForSelector('[data-latest-arn]');
    await page.fill('[data-question="role-policy"] input', 'AWSLambdaBasicExecutionRole');
    await page.fill('[data-question="qualified-arn"] input', (await page.textContent('[data-latest-arn]'))!);
    await page.check('[data-question="arn-choice"] input[value="b"]');
    expectAllPassed(await checkAll(page));
    await page.locator('[data-action="export"]').click();
    const dialog = page.getByRole('dialog', { name: 'Who is handing this in?' });
    await dialog.getByLabel('Name', { exact: true }).fill('Grace Hopper');
    await dialog.getByLabel('Student id', { exact: true }).fill('s-042');
    const [download] = await Promise.all([page.waitForEvent('download'), dialog.getByRole('button', { name: 'Export' }).click()]);
    const text = readFileSync(await download.path(), 'utf8');
    await page.context().close();
    const grade = await gradeSubmission('lambda-workbook-progress.json', text, { environmentFactory: createGradingEngine(2000).factory, taskTimeoutMs: 20_000 });
    expect(grade.learner).toEqual({ name: 'Grace Hopper', id: 's-042' });
    const hello = grade.parts.find((p) => p.kind === 'exercise' && p.id === 'hello-lambda')!;
    expect(hello.tests.filter((t) => t.status !== 'passed').map((t) => t.output)).toEqual([]);
    expect(hello.score).toBe(100);
    // The page's real-clock logs are well-formed: nothing is flagged as edited.
    expect(hello.notes.filter((n) => n.includes('look edited'))).toEqual([]);
  }, 120_000);
});
