/** The axe audit of every page in the sitemap at one width: one test file per width, so they run side by side. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { distDir, useSiteAndBrowser } from './site.ts';
import { auditAccessibility } from './a11y.ts';

/** Every page the sitemap lists, as a local path. */
function sitemapPaths(): string[] {
  const xml = readFileSync(`${distDir}sitemap-0.xml`, 'utf8');
  return [...xml.matchAll(/<loc>([^<]+)<\/loc>/g)].map((m) => new URL(m[1]!).pathname);
}

const THEMES = ['light', 'dark'] as const;

/** The widths every page is audited at: a phone, a tablet and Playwright's default desktop. */
export const AUDIT_WIDTHS = [390, 768, 1280] as const;

/**
 * `themes`: both at the phone's and the desktop's widths. Contrast depends on the theme and not on
 * the width, and the tablet's layout on the width and not on the theme, so 768 px is audited in the
 * dark theme only.
 */
export function auditSitemapAt(width: (typeof AUDIT_WIDTHS)[number], themes: readonly (typeof THEMES)[number][] = THEMES): void {
  const env = useSiteAndBrowser();
  describe(`every page is accessible at ${width} px, in ${themes.length === 2 ? 'both themes' : `the ${themes[0]} theme`}`, () => {
    // One test per theme: no font or window size can flip the result unseen.
    it.each(themes.map((theme) => ({ width, theme })))('passes an axe WCAG 2.2 AA audit on every page in the sitemap at $width px ($theme), no page wider than its window', async ({ theme }) => {
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
  });
}
