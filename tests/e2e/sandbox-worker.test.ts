/**
 * The sandbox in a real browser: a fixture page built with Vite runs handlers through the Web
 * Worker EnvironmentFactory in Chromium, and survives an infinite loop.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { extname, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { build } from 'vite';
import { copyPyodideFiles } from '../../src/hosts/node/pyodide-site-files.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('./fixtures/sandbox/', import.meta.url));
const types: Record<string, string> = { '.html': 'text/html', '.js': 'text/javascript', '.mjs': 'text/javascript', '.wasm': 'application/wasm', '.json': 'application/json', '.zip': 'application/zip' };

let outDir = '';
let server: Server;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  outDir = await mkdtemp(join(tmpdir(), 'sandbox-fixture-'));
  await build({ root, configFile: false, logLevel: 'silent', base: './', build: { outDir, emptyOutDir: true }, worker: { format: 'es' } });
  // Served as the site serves it (astro.config.mjs copies the same files into public/pyodide/).
  copyPyodideFiles(join(outDir, 'pyodide'));
  server = createServer(async (req, res) => {
    const path = normalize(decodeURIComponent(new URL(req.url ?? '/', 'http://127.0.0.1').pathname)).replace(/^(\.\.[/\\])+/, '');
    try {
      const body = await readFile(join(outDir, path === '/' ? 'index.html' : path));
      res.writeHead(200, { 'content-type': types[extname(path) || '.html'] ?? 'application/octet-stream' });
      res.end(body);
    } catch {
      res.writeHead(404).end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  page = await browser.newPage();
  await page.goto(`http://127.0.0.1:${port}/`);
  await page.waitForFunction(() => document.getElementById('status')?.textContent === 'ready');
});

afterAll(async () => {
  await browser?.close();
  await new Promise((resolve) => server?.close(resolve));
  if (outDir) await rm(outDir, { recursive: true, force: true });
});

interface Outcome { payload: string; errorType?: string; coldStart: boolean; logs: { message: string }[] }
const run = (name: string, files: Record<string, string>, payload: unknown, timeout?: number) =>
  page.evaluate(([n, f, p, t]) => (globalThis as unknown as { runSandbox: (...a: unknown[]) => Promise<Outcome> }).runSandbox(n, f, p, t), [name, files, payload, timeout] as const);

describe('sandbox in a Web Worker (Chromium)', () => {
  it('runs a handler in the worker and keeps it warm', async () => {
    const files = { 'index.mjs': "import { createHash } from 'node:crypto'; let n = 0; export const handler = async (e) => ({ n: ++n, hash: createHash('sha256').update(e.text).digest('hex') });" };
    const first = await run('hello', files, { text: 'abc' });
    const second = await run('hello', files, { text: 'abc' });
    expect(JSON.parse(first.payload)).toEqual({ n: 1, hash: 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad' });
    expect(JSON.parse(second.payload).n).toBe(2);
    expect([first.coldStart, second.coldStart]).toEqual([true, false]);
    expect(first.logs[0]!.message).toMatch(/^INIT_START Runtime Version: nodejs:22\.v\d+\t/);
    expect(first.logs.at(-1)!.message).toMatch(/^REPORT RequestId: [0-9a-f-]{36}\tDuration: \d+\.\d{2} ms\tBilled Duration: \d+ ms\tMemory Size: 128 MB\tMax Memory Used: \d+ MB\tInit Duration: \d+\.\d{2} ms\t$/);
    // INIT is billed on a cold start (since 1 August 2025): Billed Duration covers Init Duration plus Duration.
    const [, duration, billed, init] = /Duration: (\d+\.\d{2}) ms\tBilled Duration: (\d+) ms\t.*Init Duration: (\d+\.\d{2}) ms/.exec(first.logs.at(-1)!.message)!.map(Number);
    expect(billed!).toBeGreaterThanOrEqual(duration! + init! - 0.01);
    expect(billed!).toBeLessThanOrEqual(Math.ceil(duration! + init! + 0.01));
  });

  it('survives an infinite loop: the invocation times out, the page stays responsive, the next invoke succeeds', async () => {
    const loop = run('spin', { 'index.mjs': 'export const handler = async () => { while (true) {} };' }, {}, 1);
    // The page's own thread is free while the worker spins.
    expect(await page.evaluate(() => 6 * 7)).toBe(42);
    const out = await loop;
    expect(out.errorType).toBe('Sandbox.Timedout');
    expect(JSON.parse(out.payload).errorMessage).toMatch(/^RequestId: [0-9a-f-]{36} Error: Task timed out after 1\.00 seconds$/);
    const after = await run('after', { 'index.mjs': 'export const handler = async () => "still here";' }, {});
    expect(after.payload).toBe('"still here"');
  });

  it('runs a Python handler in a Pyodide worker loaded from the site, warm, with the Python runtime\'s log lines', { timeout: 120_000 }, async () => {
    const files = { 'lambda_function.py': 'import os\ncount = 0\ndef lambda_handler(event, context):\n    global count\n    count += 1\n    print("hello", event["name"])\n    return {"n": count, "region": os.environ["AWS_REGION"], "fn": context.function_name}\n' };
    const first = await run('py-hello', files, { name: 'page' });
    const second = await run('py-hello', files, { name: 'again' });
    expect(JSON.parse(first.payload)).toEqual({ n: 1, region: 'us-east-1', fn: 'py-hello' });
    expect(JSON.parse(second.payload).n).toBe(2);
    expect([first.coldStart, second.coldStart]).toEqual([true, false]);
    expect(first.logs[0]!.message).toMatch(/^INIT_START Runtime Version: python:3\.14\.pyodide-314\.0\.8\t/);
    expect(first.logs.map((l) => l.message)).toContain('hello page');
  });

  it('stops a spinning Python handler at its timeout by ending its worker, and the next invoke is a cold start that answers', { timeout: 120_000 }, async () => {
    const files = { 'lambda_function.py': 'def lambda_handler(event, context):\n    if event.get("spin"):\n        while True:\n            pass\n    return "answered"\n' };
    const spin = run('py-spin', files, { spin: true }, 1);
    expect(await page.evaluate(() => 6 * 7)).toBe(42);
    const out = await spin;
    expect(out.errorType).toBe('Sandbox.Timedout');
    expect(JSON.parse(out.payload).errorMessage).toMatch(/^RequestId: [0-9a-f-]{36} Error: Task timed out after 1\.00 seconds$/);
    const after = await run('py-spin', files, {}, 1);
    expect([after.payload, after.coldStart]).toEqual(['"answered"', true]);
  });
});
