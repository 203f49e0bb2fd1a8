/** Debian's Chromium driven by playwright-core. A missing browser fails the run; it never skips. */
import { chromium, type Browser, type BrowserContext } from 'playwright-core';
import { existsSync } from 'node:fs';

export const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

const ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

function requireChromium(): void {
  if (!existsSync(chromiumPath)) {
    throw new Error(`Chromium not found at ${chromiumPath}: install Debian's chromium (apt-get install -y chromium) or set CHROMIUM_PATH.`);
  }
}

/**
 * A browser with a profile folder, hence a disk cache as a learner's browser has (a fresh context
 * keeps its cache in memory, where files as large as Pyodide's are not kept). Service workers are blocked.
 */
export async function launchChromiumProfile(userDataDir: string): Promise<BrowserContext> {
  requireChromium();
  return chromium.launchPersistentContext(userDataDir, { executablePath: chromiumPath, args: ARGS, serviceWorkers: 'block', viewport: { width: 1440, height: 1000 } });
}

export async function launchChromium(): Promise<Browser> {
  requireChromium();
  const browser = await chromium.launch({ executablePath: chromiumPath, args: ARGS });
  // The built site's service worker precaches about 16 MiB on a first visit. A test or bench that is
  // not about offline use must not pay for that in every fresh context; offline tests pass 'allow'.
  const newContext = browser.newContext.bind(browser);
  browser.newContext = (options = {}) => newContext({ serviceWorkers: 'block', ...options });
  return browser;
}
