/** A reader goes through a lesson: runs its TryIt in the page's emulator, takes the quiz, comes back later. */
import { describe, expect, it } from 'vitest';
import { useSiteAndBrowser } from '../support/site.ts';
import { getQuizBank } from '../../src/quizzes/index.ts';

const env = useSiteAndBrowser();

describe('reading a lesson', () => {
  it('runs a TryIt in the emulator, takes the quiz wrongly then rightly, and keeps the answers across a reload', async () => {
    const context = await env.browser.newContext();
    const page = await context.newPage();
    const scripts: string[] = [];
    page.on('request', (r) => r.resourceType() === 'script' && scripts.push(r.url()));
    await page.goto(`${env.url}/lessons/programming-model/`, { waitUntil: 'networkidle' });
    // The emulator is not loaded until a TryIt is reached or run.
    expect(scripts.some((u) => /tryit-runner/.test(u))).toBe(false);

    const block = page.locator('[data-tryit]').filter({ hasText: 'processing order' });
    await block.scrollIntoViewIfNeeded();
    // In view, the block loads the emulator and starts a worker for its first Run.
    await expect.poll(() => page.workers().filter((w) => /worker-entry/.test(w.url())).length).toBe(1);
    await block.locator('[data-tryit-run]').click();
    await block.locator('[data-tryit-response]').waitFor({ timeout: 60_000 });
    expect(await block.locator('[data-tryit-response]').textContent()).toBe('{"processed":42}');
    const log = (await block.locator('[data-tryit-log]').textContent())!;
    expect(log).toMatch(/^\S+Z\t[0-9a-f-]{36}\tINFO\tprocessing order 42$/m);
    expect(log).toMatch(/^\S+Z\t[0-9a-f-]{36}\tWARN\tstock is low$/m);
    expect(log).toContain('Init Duration');
    // Run again: the same environment answers warm.
    await block.locator('[data-tryit-run]').click();
    await page.waitForFunction((el) => el?.querySelector('.tryit-ok')?.textContent?.includes('warm start'), await block.elementHandle());

    const bank = getQuizBank('programming-model')!;
    const q = bank.questions.find((x) => x.kind === 'single')!;
    if (q.kind !== 'single') throw new Error('expected a single-choice question');
    const wrong = q.options.find((o) => o.id !== q.answer)!.id;
    const fieldset = page.locator(`[data-quiz="${bank.id}"] fieldset[data-question="${q.id}"]`);
    await fieldset.locator(`input[value="${wrong}"]`).check();
    await page.locator(`[data-quiz="${bank.id}"] button[data-quiz-check]`).click();
    await expect(fieldset.locator('[data-feedback]').getAttribute('data-result')).resolves.toBe('wrong');
    await fieldset.locator(`input[value="${q.answer}"]`).check();
    await page.locator(`[data-quiz="${bank.id}"] button[data-quiz-check]`).click();
    await expect(fieldset.locator('[data-feedback]').getAttribute('data-result')).resolves.toBe('right');

    await page.reload({ waitUntil: 'load' });
    await expect(fieldset.locator(`input[value="${q.answer}"]`).isChecked()).resolves.toBe(true);

    await page.goto(`${env.url}/progress/`, { waitUntil: 'load' });
    await expect(page.locator('[data-lesson="programming-model"] [data-read]').textContent()).resolves.toMatch(/^Read /);
    await expect(page.locator('[data-lesson="programming-model"] [data-score]').textContent()).resolves.toMatch(/^[1-9]\d* of \d+ points$/);
    await context.close();
  });

  it("runs Python TryIts in the page: Pyodide is fetched from the site only when one runs, and boto3 chains through the page's emulator", async () => {
    const context = await env.browser.newContext();
    const page = await context.newPage();
    const pyodide: string[] = [];
    page.on('request', (r) => /\/pyodide\//.test(r.url()) && pyodide.push(r.url()));
    await page.goto(`${env.url}/lessons/environment-variables/`, { waitUntil: 'networkidle' });
    const block = page.locator('[data-tryit][data-tryit-runtime="python3.14"]');
    await block.scrollIntoViewIfNeeded();
    expect(pyodide).toEqual([]);
    // The download's progress shows inside the block's output while it lasts (it may be brief here).
    await page.evaluate(() => {
      const seen: string[] = [];
      (window as unknown as { downloadSeen: string[] }).downloadSeen = seen;
      new MutationObserver(() => {
        const box = document.querySelector('[data-tryit-output] [data-engine-loading]');
        const bar = box?.querySelector('progress');
        if (box && bar && !seen.length) seen.push(`${box.querySelector('[role="status"]')!.textContent} | ${bar.getAttribute('aria-label')}`);
      }).observe(document.body, { subtree: true, childList: true, characterData: true });
    });
    await block.locator('[data-tryit-run]').click();
    await block.locator('[data-tryit-response]').waitFor({ timeout: 90_000 });
    expect(await page.evaluate(() => (window as unknown as { downloadSeen: string[] }).downloadSeen)).toEqual([
      'Downloading Python for its first start in this browser (Pyodide: CPython compiled to WebAssembly). Later runs start from the browser cache. | Python download',
    ]);
    expect(await block.locator('[data-engine-loading]').count()).toBe(0);
    expect(await block.locator('[data-tryit-response]').textContent()).toBe('{"region": "us-east-1", "table": "orders-dev", "handler": "lambda_function.lambda_handler"}');
    expect(await block.locator('[data-tryit-log]').textContent()).toMatch(/^INIT_START Runtime Version: python:3\.14\.pyodide-314\.0\.8\t/m);
    expect(pyodide.some((u) => u.endsWith('/pyodide/pyodide.asm.wasm'))).toBe(true);

    // boto3 inside a handler in the page: the chaining example invokes the function through the page's emulator.
    await page.goto(`${env.url}/lessons/connecting-services/`, { waitUntil: 'networkidle' });
    const chain = page.locator('[data-tryit][data-tryit-runtime="python3.14"]');
    await chain.locator('[data-tryit-run]').click();
    await chain.locator('[data-tryit-response]').waitFor({ timeout: 90_000 });
    expect(await chain.locator('[data-tryit-response]').textContent()).toBe('{"reply": "Hello from Lambda 2"}');
    expect(await chain.locator('[data-tryit-log]').textContent()).toContain('status 200');
    await context.close();
  });
});
