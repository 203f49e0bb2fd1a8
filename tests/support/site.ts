/** The built site (dist/) served for a browser test. `npm test` builds it before the e2e project runs. */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll } from 'vitest';
import { launchChromium } from '../../src/bench/browser.ts';
import { serveStatic, type StaticSite } from '../../src/bench/static-server.ts';

export const distDir = process.env.WORKBOOK_DIST ?? fileURLToPath(new URL('../../dist/', import.meta.url));

export async function serveBuiltSite(): Promise<StaticSite> {
  if (!existsSync(`${distDir}index.html`)) {
    throw new Error('dist/ has no build: run `npm run build` first (`npm test` does).');
  }
  return serveStatic(distDir);
}

/** The built site and a Chromium for one test file: `const env = useSiteAndBrowser();` then `env.browser`, `env.url`. */
export function useSiteAndBrowser(): { readonly browser: import('playwright-core').Browser; readonly url: string } {
  let site: StaticSite | undefined;
  let browser: import('playwright-core').Browser | undefined;
  beforeAll(async () => {
    site = await serveBuiltSite();
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await site?.close();
  });
  return {
    get browser() {
      if (!browser) throw new Error('the browser starts in beforeAll');
      return browser;
    },
    get url() {
      if (!site) throw new Error('the site starts in beforeAll');
      return site.url;
    },
  };
}
