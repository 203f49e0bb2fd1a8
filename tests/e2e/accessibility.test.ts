import { describe, expect, it } from 'vitest';
import { useSiteAndBrowser } from '../support/site.ts';

// The sitemap-wide audits are accessibility-390/768/1280.test.ts (tests/support/sitemap-audit.ts).
const env = useSiteAndBrowser();

describe('wide content stays usable everywhere', () => {
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
