import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { distDir, useSiteAndBrowser } from '../support/site.ts';
import { auditAccessibility } from '../support/a11y.ts';

const env = useSiteAndBrowser();

/** Every page the sitemap lists, as a local path. */
function sitemapPaths(): string[] {
  const xml = readFileSync(`${distDir}sitemap-0.xml`, 'utf8');
  return [...xml.matchAll(/<loc>([^<]+)<\/loc>/g)].map((m) => new URL(m[1]!).pathname);
}

const WIDTHS = [390, 768, 1280] as const;
const THEMES = ['light', 'dark'] as const;

describe('every page is accessible at every width, in both themes', () => {
  // One test per width and theme: no font or window size can flip the result unseen.
  const cases = WIDTHS.flatMap((width) => THEMES.map((theme) => ({ width, theme })));
  it.each(cases)('passes an axe WCAG 2.2 AA audit on every page in the sitemap at $width px ($theme), no page wider than its window', async ({ width, theme }) => {
    const paths = sitemapPaths();
    expect(paths).toContain('/lessons/limits/');
    const failures: string[] = [];
    const context = await env.browser.newContext({ viewport: { width, height: 900 } });
    await context.addInitScript((t) => localStorage.setItem('starlight-theme', t), theme);
    const page = await context.newPage();
    for (const path of paths) {
      await page.goto(env.url + path, { waitUntil: 'load' });
      for (const v of await auditAccessibility(page)) failures.push(`${path}: ${v.id} ${v.help} at ${v.targets.join(', ')}`);
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      if (overflow > 0) failures.push(`${path}: the page is ${overflow} px wider than the window`);
    }
    await context.close();
    expect(failures).toEqual([]);
  }, 300_000);

  it('a table wider than a phone scrolls inside a named region reached with Tab and moved with the arrow keys', async () => {
    const context = await env.browser.newContext({ viewport: { width: 390, height: 900 } });
    const page = await context.newPage();
    await page.goto(`${env.url}/lessons/limits/`, { waitUntil: 'load' });
    const region = page.getByRole('region', { name: 'AWS Lambda limits (late 2026)' });
    const sizes = await region.evaluate((el) => ({ scroll: el.scrollWidth, client: el.clientWidth }));
    expect(sizes.scroll).toBeGreaterThan(sizes.client);
    // Tab from the element before the region lands on it.
    await region.evaluate((el) => {
      const before = document.createElement('button');
      before.textContent = 'before';
      el.before(before);
      before.focus();
    });
    await page.keyboard.press('Tab');
    expect(await region.evaluate((el) => document.activeElement === el)).toBe(true);
    await page.keyboard.press('ArrowRight');
    await page.waitForFunction((sel) => document.querySelector(sel)!.scrollLeft > 0, '.wb-table-region[aria-label="AWS Lambda limits (late 2026)"]');
    await context.close();
  });
});
