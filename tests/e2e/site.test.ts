import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import type { Page } from 'playwright-core';
import { distDir, useSiteAndBrowser } from '../support/site.ts';
import { limits, fmt } from '../../src/emulator/index.ts';

const env = useSiteAndBrowser();

async function open(path: string): Promise<Page> {
  const page = await env.browser.newPage();
  await page.goto(env.url + path, { waitUntil: 'load' });
  return page;
}

describe('the site shell', () => {
  it('leads from the home page to the Limits lesson, whose table shows the limits module values', async () => {
    const page = await open('/');
    await expect(page.locator('h1').first().textContent()).resolves.toContain('Lambda Workbook');
    await page.locator('.course-outline a[href="/lessons/limits/"]').click();
    await page.waitForURL('**/lessons/limits/');
    const row = (id: string) => page.locator(`[data-limit="${id}"] td`).first().textContent();
    await expect(row('timeout')).resolves.toContain(`${limits.timeout.max} seconds`);
    await expect(row('memory')).resolves.toContain(`${fmt(limits.memory.max)} MB`);
    await expect(row('payloadAsync')).resolves.toContain('1 MB');
    await expect(row('payloadAsync')).resolves.toContain('256 KB');
    await page.close();
  });

  it('lists every lesson in the sidebar, in course order', async () => {
    const page = await open('/lessons/limits/');
    const hrefs = await page.locator('nav[aria-label="Main"] a[href^="/lessons/"]').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
    expect(hrefs).toHaveLength(17);
    expect(hrefs[0]).toBe('/lessons/what-is-lambda/');
    expect(hrefs).toContain('/lessons/limits/');
    await page.close();
  });

  it('finds the Limits lesson through search', async () => {
    const page = await open('/');
    await page.getByRole('button', { name: 'Search' }).first().click();
    const input = page.locator('dialog input').first();
    await input.fill('timeout');
    const hit = page.locator('dialog a[href*="/lessons/limits/"]').first();
    await hit.waitFor({ timeout: 15_000 });
    await hit.click();
    await page.waitForURL('**/lessons/limits/**');
    await page.close();
  });

  it('switches between light and dark themes', async () => {
    const page = await open('/lessons/limits/');
    const select = page.locator('starlight-theme-select select').first();
    await select.selectOption('light');
    await expect(page.evaluate(() => document.documentElement.dataset.theme)).resolves.toBe('light');
    await select.selectOption('dark');
    await expect(page.evaluate(() => document.documentElement.dataset.theme)).resolves.toBe('dark');
    await page.close();
  });

  it('answers an unknown address with a 404 page that links home', async () => {
    const page = await env.browser.newPage();
    const response = await page.goto(`${env.url}/no-such-page/`);
    expect(response?.status()).toBe(404);
    await expect(page.locator('h1').first().textContent()).resolves.toMatch(/not found|404/i);
    expect(await page.locator('a[href="/"]').count()).toBeGreaterThan(0);
    await page.close();
  });

  // Since the workbook works offline, every page also registers its service worker (workbox-window, about 3.5 KB).
  it('ships at most 34 KB of JavaScript (gzipped) on a lesson page without interactive blocks', async () => {
    const page = await env.browser.newPage();
    const scripts: string[] = [];
    page.on('response', (r) => {
      if (r.request().resourceType() === 'script' && r.url().startsWith(env.url)) scripts.push(new URL(r.url()).pathname);
    });
    await page.goto(`${env.url}/lessons/limits/`, { waitUntil: 'networkidle' });
    const inline = await page.evaluate(() => [...document.querySelectorAll('script:not([src])')].map((s) => s.textContent ?? '').join('\n'));
    const bytes = scripts.reduce((n, p) => n + gzipSync(readFileSync(distDir + p.slice(1))).length, gzipSync(inline).length);
    expect(bytes).toBeLessThanOrEqual(34 * 1024);
    await page.close();
  });
});
