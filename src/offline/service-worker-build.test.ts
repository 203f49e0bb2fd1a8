import { afterAll, describe, expect, it } from 'vitest';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildServiceWorker, offlineWorkbook, PYODIDE_CACHE } from './service-worker-build.ts';

const dist = mkdtempSync(join(tmpdir(), 'workbook-sw-'));
afterAll(() => rmSync(dist, { recursive: true, force: true }));

function file(path: string, text: string): void {
  mkdirSync(join(dist, path, '..'), { recursive: true });
  writeFileSync(join(dist, path), text);
}

describe('the service worker written after the build', () => {
  it('precaches pages, scripts and wasm, never Pyodide, and caches Pyodide on first use', async () => {
    file('index.html', '<h1>Welcome</h1>');
    file('lessons/limits/index.html', '<h1>Limits</h1>');
    file('_astro/editor.api.abc123.js', 'export {};');
    file('_astro/emscripten-module.abc123.wasm', 'wasm');
    file('pagefind/fragment/en_1.pf_fragment', 'x');
    file('pyodide/pyodide.asm.wasm', 'big');
    file('sitemap-0.xml', '<urlset/>');
    const out = await buildServiceWorker(dist);
    expect(out.warnings).toEqual([]);
    expect(out.count).toBe(5);
    const sw = readFileSync(join(dist, 'sw.js'), 'utf8');
    for (const url of ['index.html', 'lessons/limits/index.html', '_astro/editor.api.abc123.js', '_astro/emscripten-module.abc123.wasm', 'pagefind/fragment/en_1.pf_fragment']) {
      expect(sw).toContain(`"${url}"`);
    }
    expect(sw).not.toContain('pyodide.asm.wasm');
    expect(sw).not.toContain('sitemap-0.xml');
    expect(sw).toContain(PYODIDE_CACHE);
    // An update waits for the learner: no skipWaiting() at install, only on their message.
    expect(sw).toContain('SKIP_WAITING');
  }, 60_000);

  it('is registered by built pages only, never by the dev server', () => {
    const setup = offlineWorkbook().hooks['astro:config:setup']!;
    for (const command of ['dev', 'build'] as const) {
      const injected: string[] = [];
      void setup({ command, injectScript: (_stage: string, content: string) => injected.push(content) } as never);
      expect(injected.length, command).toBe(command === 'build' ? 1 : 0);
    }
  });
});
