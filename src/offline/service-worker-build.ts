/**
 * The workbook offline after the first visit: at the end of `astro build`, Workbox writes
 * dist/sw.js, which precaches every page, the lessons' and exercises' scripts, Monaco, QuickJS's
 * wasm and the search index, and keeps Pyodide (13 MB, needed only by Python examples) in a
 * cache the first time a page fetches it. The page side is register.ts.
 */
import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';
import { generateSW } from 'workbox-build';

/** Where the service worker is served from: the site root, so its scope is the whole workbook. */
export const SERVICE_WORKER_FILE = 'sw.js';
/** The cache Pyodide's files go into once a Python example or exercise has used them. */
export const PYODIDE_CACHE = 'lambda-workbook-pyodide';

/** What the first visit downloads for offline use. Pyodide is left to the runtime cache: most learners never run Python. */
export const PRECACHE_PATTERNS = ['**/*.{html,js,mjs,css,wasm,svg,ttf,woff2,json,tgz,whl}', 'pagefind/**/*'];
const PRECACHE_IGNORES = ['pyodide/**', SERVICE_WORKER_FILE, 'sitemap-*.xml'];
/** Monaco's TypeScript worker is the largest file (about 7 MB); without it the editor loses its hints offline. */
const LARGEST_PRECACHED_FILE = 12 * 1024 * 1024;

export interface ServiceWorkerBuild {
  count: number;
  size: number;
  warnings: string[];
}

/** Writes `<dist>/sw.js` for a built site and says how much the first visit precaches. */
export async function buildServiceWorker(distDir: string): Promise<ServiceWorkerBuild> {
  const { count, size, warnings } = await generateSW({
    globDirectory: distDir,
    globPatterns: PRECACHE_PATTERNS,
    globIgnores: PRECACHE_IGNORES,
    swDest: `${distDir.replace(/\/?$/, '/')}${SERVICE_WORKER_FILE}`,
    mode: 'production',
    inlineWorkboxRuntime: true,
    sourcemap: false,
    maximumFileSizeToCacheInBytes: LARGEST_PRECACHED_FILE,
    // Vite's file names already carry a content hash: no second revision for them.
    dontCacheBustURLsMatching: /^_astro\//,
    // Pages are at /lessons/x/ (trailingSlash: 'always'), precached as lessons/x/index.html.
    directoryIndex: 'index.html',
    ignoreURLParametersMatching: [/.*/],
    cleanupOutdatedCaches: true,
    // A first visit is controlled at once (its lazy loads are cached too); an update waits for the
    // learner's Reload (register.ts sends SKIP_WAITING), so a page never changes under them.
    clientsClaim: true,
    skipWaiting: false,
    runtimeCaching: [
      {
        urlPattern: ({ url, sameOrigin }) => sameOrigin && url.pathname.startsWith('/pyodide/'),
        handler: 'CacheFirst',
        options: { cacheName: PYODIDE_CACHE, cacheableResponse: { statuses: [200] } },
      },
    ],
  });
  return { count, size, warnings };
}

/** The Astro integration: generates the service worker once the site (and Pagefind's index) is written. */
export function offlineWorkbook(): AstroIntegration {
  return {
    name: 'lambda-workbook:offline',
    hooks: {
      'astro:config:setup': ({ injectScript, command }) => {
        // Only built pages register it; the dev server never does (register.ts checks too).
        if (command === 'build') injectScript('page', `import '${fileURLToPath(new URL('./register.ts', import.meta.url))}';`);
      },
      'astro:build:done': async ({ dir, logger }) => {
        const out = await buildServiceWorker(fileURLToPath(dir));
        for (const w of out.warnings) logger.warn(w);
        logger.info(`${SERVICE_WORKER_FILE}: ${out.count} files precached, ${(out.size / 1024 / 1024).toFixed(1)} MiB; Pyodide cached when first used`);
      },
    },
  };
}
