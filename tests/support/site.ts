/** The built site (dist/) served for a browser test. `npm test` builds it before the e2e project runs. */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { serveStatic, type StaticSite } from './static-server';

export const distDir = process.env.WORKBOOK_DIST ?? fileURLToPath(new URL('../../dist/', import.meta.url));

export async function serveBuiltSite(): Promise<StaticSite> {
  if (!existsSync(`${distDir}index.html`)) {
    throw new Error('dist/ has no build: run `npm run build` first (`npm test` does).');
  }
  return serveStatic(distDir);
}
