/**
 * The console answers where the learner acts: errors beside their control and announced, the Test
 * result as the console's Execution result, a Stop for a runaway handler, a Tab key that does not
 * trap, a phone layout with a view switch, and no work lost to a reload, a delete or a reset.
 */
import { describe, expect, it } from 'vitest';
import { createServer } from 'node:net';
import { createServer as createHttpServer } from 'node:http';
import type { Browser, Page } from 'playwright-core';
import { useSiteAndBrowser } from '../support/site.ts';
import { auditAccessibility } from '../support/a11y.ts';
import { createFunction, deploy, openExercise, setCode, status, tab, testInvoke } from '../../src/bench/workspace-driver.ts';
import { NO_FUNCTION_YET } from '../../src/workspace/panels/function-bar.ts';
import { stoppedByEmulatorNote } from '../../src/workspace/execution-result.ts';
import { tabHint } from '../../src/workspace/editor-keys.ts';

const env = useSiteAndBrowser();

const liveRegion = (page: Page) => page.textContent('#wb-live');
const editorText = (page: Page) => page.evaluate(() => (document.querySelector('[data-editor] .view-lines') as HTMLElement).innerText.replace(/\u00a0/g, ' '));
const focusInEditor = (page: Page) => page.evaluate(() => !!document.activeElement?.closest('[data-editor]'));

async function phone(browser: Browser, slug = 'hello-lambda', theme?: string): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 } });
  if (theme) await context.addInitScript((t) => localStorage.setItem('starlight-theme', t), theme);
  return openExercise(browser, env.url, slug, context);
}

describe('errors appear beside the control that caused them', () => {
  it('Test with no function yet, and an event that is not JSON: the reason sits by the control and is announced', async () => {
    const page = await openExercise(env.browser, env.url, 'hello-lambda');
    await tab(page, 'test');
    await page.click('[data-action="invoke"]');
    const error = page.locator('[data-inline-error="' + (await page.getAttribute('[data-action="invoke"]', 'id')) + '"]');
    expect(await error.textContent()).toBe(NO_FUNCTION_YET);
    // Right under the row of the Test button, linked to it for screen readers, and in the live region.
    expect(await page.evaluate(() => document.querySelector('[data-action="invoke"]')!.closest('.wb-row')!.nextElementSibling!.hasAttribute('data-inline-error'))).toBe(true);
    expect((await page.getAttribute('[data-action="invoke"]', 'aria-describedby'))!.split(' ')).toContain(await error.getAttribute('id'));
    expect(await liveRegion(page)).toBe(NO_FUNCTION_YET);
    expect(await page.getAttribute('#wb-live', 'aria-live')).toBe('assertive');

    await createFunction(page, 'hello-lambda');
    await tab(page, 'test');
    await page.fill('[data-event-json]', '{"key1": ');
    await page.click('[data-action="invoke"]');
    const jsonError = page.locator('.wb-field:has([data-event-json]) [data-inline-error]');
    expect(await jsonError.textContent()).toMatch(/^The event is not valid JSON: /);
    expect(await page.getAttribute('[data-event-json]', 'aria-invalid')).toBe('true');
    expect(await liveRegion(page)).toBe(await jsonError.textContent());
    // The Test button's old error is gone: it is no longer the reason.
    expect(await page.locator('[data-inline-error]').count()).toBe(1);
    // Typing a fix clears the error.
    await page.fill('[data-event-json]', '{"key1": "value1"}');
    expect(await page.locator('[data-inline-error]').count()).toBe(0);
    expect(await page.getAttribute('[data-event-json]', 'aria-invalid')).toBeNull();
    await page.context().close();
  });
});

describe('the Test result is the console’s Execution result', () => {
  it('shows status, response, summary (Init duration only when cold) and function logs, in view and focused, and clears "Invoking…"', async () => {
    const page = await openExercise(env.browser, env.url, 'hello-lambda');
    await createFunction(page, 'hello-lambda');
    const run = await testInvoke(page, '{}');
    expect(run.outcome).toBe('succeeded');
    const read = () =>
      page.evaluate(() => {
        const result = document.querySelector('[data-test-result]')!;
        const r = result.getBoundingClientRect();
        return {
          heading: result.querySelector('h3')!.textContent,
          status: result.querySelector('[data-outcome]')!.textContent,
          sections: [...result.querySelectorAll('h4')].map((x) => x.textContent),
          summary: Object.fromEntries([...result.querySelectorAll('[data-summary] tr')].map((tr) => [tr.querySelector('th')!.textContent, tr.querySelector('td')!.textContent])),
          focused: document.activeElement === result.querySelector('h3'),
          inView: r.top < innerHeight && r.bottom > 0,
          statusLine: document.querySelector('[data-status]')!.textContent,
        };
      });
    const cold = await read();
    expect(cold.heading).toBe('Execution result');
    expect(cold.status).toBe('Status: Succeeded');
    expect(cold.sections).toEqual(['Response', 'Summary', 'Function logs']);
    expect(Object.keys(cold.summary)).toEqual(['Request ID', 'Executed version', 'Init duration', 'Duration', 'Billed duration', 'Resources configured', 'Max memory used']);
    expect(cold.summary['Request ID']).toMatch(/^[0-9a-f-]{36}$/);
    expect(cold.summary['Resources configured']).toBe('128 MB');
    expect(cold.summary['Duration']).toMatch(/^\d+\.\d\d ms$/);
    expect(cold.summary['Billed duration']).toMatch(/^\d+ ms$/);
    expect(run.log).toContain(`REPORT RequestId: ${cold.summary['Request ID']}\t`);
    expect(JSON.parse(run.response)).toEqual({ statusCode: 200, body: '"Hello from Lambda!"' });
    expect(cold.focused).toBe(true);
    expect(cold.inView).toBe(true);
    expect(cold.statusLine).not.toContain('Invoking');
    expect(await liveRegion(page)).toMatch(/^Execution result: Succeeded\. Duration \d+\.\d\d ms\.$/);

    await page.click('[data-action="invoke"]');
    await page.waitForFunction((id) => !document.querySelector('[data-summary]')?.textContent?.includes(id), cold.summary['Request ID']!);
    const warm = await read();
    expect(Object.keys(warm.summary)).not.toContain('Init duration');
    expect(warm.statusLine).not.toContain('Invoking');
    await page.context().close();
  });
});

describe('Stop ends a runaway invocation (the emulator’s control, not Lambda’s)', () => {
  it('stops `while (true) {}`, discards the environment, and says the emulator stopped it', async () => {
    const page = await openExercise(env.browser, env.url, 'hello-lambda');
    await createFunction(page, 'hello-lambda');
    await setCode(page, 'let calls = 0;\nexport const handler = async (event) => {\n  calls += 1;\n  if (event.spin) while (true) {}\n  return calls;\n};\n');
    await deploy(page);
    await tab(page, 'test');
    expect(await page.isHidden('[data-action="stop-invoke"]')).toBe(true);
    await page.fill('[data-event-json]', '{"spin": true}');
    await page.click('[data-action="invoke"]');
    await page.click('[data-action="stop-invoke"]');
    await page.waitForSelector('[data-test-result] [data-outcome]', { timeout: 60_000 });
    expect(await page.getAttribute('[data-outcome]', 'data-outcome')).toBe('failed');
    const response = JSON.parse((await page.textContent('[data-response]'))!);
    expect(response.errorType).toBe('Runtime.ExitError');
    expect(response.errorMessage).toMatch(/^RequestId: [0-9a-f-]{36} Error: Runtime exited with error: signal: aborted$/);
    expect(await page.textContent('[data-stopped-note]')).toBe(stoppedByEmulatorNote('hello-lambda'));
    expect(await page.textContent('[data-emulator-log]')).toContain('stopped by the emulator');
    const log = (await page.textContent('[data-log-output]'))!;
    expect(log).not.toContain('Task timed out');
    expect(await page.isHidden('[data-action="stop-invoke"]')).toBe(true);
    // The environment was discarded: the next run is a cold start in a new one.
    const next = await testInvoke(page, '{}');
    expect(next.response).toBe('1');
    expect(next.log).toMatch(/^INIT_START /m);
    await page.context().close();
  });
});

describe('the editor’s Tab key', () => {
  it('Tab inserts spaces, a hint says how out while the editor has focus, and the remembered toggle makes Tab move focus', async () => {
    const page = await openExercise(env.browser, env.url, 'hello-lambda');
    expect(await page.isChecked('[data-tab-moves-focus]')).toBe(false);
    expect(await page.getAttribute('[data-editor-hint]', 'data-visible')).toBe('false');
    await page.click('[data-editor] .view-lines');
    expect(await page.getAttribute('[data-editor-hint]', 'data-visible')).toBe('true');
    expect(await page.textContent('[data-editor-hint]')).toBe(tabHint(false));
    await page.keyboard.press('ControlOrMeta+Home');
    await page.keyboard.press('Tab');
    expect(await focusInEditor(page)).toBe(true);
    // Monaco applies the edit on its next frame: a loaded machine may paint it a little later.
    await expect.poll(async () => (await editorText(page)).split('\n')[0]).toBe('  export const handler = async (event) => {');

    await page.check('[data-tab-moves-focus]');
    await page.click('[data-editor] .view-lines');
    expect(await page.textContent('[data-editor-hint]')).toBe(tabHint(true));
    await page.keyboard.press('Tab');
    expect(await focusInEditor(page)).toBe(false);

    // Remembered across a reload; Monaco's own Ctrl+M switches it back, and the toggle follows.
    await page.reload();
    await page.waitForSelector('[data-editor][data-ready="true"]');
    expect(await page.isChecked('[data-tab-moves-focus]')).toBe(true);
    await page.click('[data-editor] .view-lines');
    await page.keyboard.press('Control+M');
    await page.waitForFunction(() => !(document.querySelector('[data-tab-moves-focus]') as HTMLInputElement).checked);
    await page.keyboard.press('Tab');
    expect(await focusInEditor(page)).toBe(true);
    await page.context().close();
  });
});

describe('a phone (390 px)', () => {
  it('switches between instructions and console, with no sideways scrolling and tabs on one row', async () => {
    const page = await phone(env.browser);
    const layout = () =>
      page.evaluate(() => ({
        overflow: document.documentElement.scrollWidth - innerWidth,
        instructions: getComputedStyle(document.querySelector('.wb-instructions')!).display !== 'none',
        console: getComputedStyle(document.querySelector('.wb-side')!).display !== 'none',
        pressed: [...document.querySelectorAll('[data-view-switch] button')].map((b) => `${b.textContent}:${b.getAttribute('aria-pressed')}`),
      }));
    expect(await layout()).toEqual({ overflow: 0, instructions: true, console: false, pressed: ['Instructions:true', 'Console:false'] });
    // The switch stays in reach at the bottom of the instructions.
    await page.evaluate(() => scrollTo(0, document.body.scrollHeight));
    const switchTop = await page.evaluate(() => document.querySelector('[data-view-switch]')!.getBoundingClientRect().top);
    expect(switchTop).toBeGreaterThanOrEqual(0);
    expect(switchTop).toBeLessThan(200);
    await page.click('[data-view-switch] button[data-view="console"]');
    expect(await layout()).toEqual({ overflow: 0, instructions: false, console: true, pressed: ['Instructions:false', 'Console:true'] });
    // The console starts at the top of the screen, not thousands of pixels down.
    const consoleTop = await page.evaluate(() => document.querySelector('[data-workspace]')!.getBoundingClientRect().top);
    expect(consoleTop).toBeLessThan(844);
    const rows = await page.$$eval('[role="tab"]', (tabs) => new Set(tabs.map((t) => Math.round(t.getBoundingClientRect().top))).size);
    expect(rows).toBe(1);
    // The last tab, off the strip's edge, scrolls into view when chosen.
    await page.focus('[data-tab="code"]');
    await page.keyboard.press('End');
    const last = await page.evaluate(() => {
      const strip = document.querySelector('[role="tablist"]')!.getBoundingClientRect();
      const lastTab = [...document.querySelectorAll('[role="tab"]')].at(-1)!;
      const t = lastTab.getBoundingClientRect();
      return { inside: t.left >= strip.left - 1 && t.right <= strip.right + 1, selected: lastTab.getAttribute('aria-selected') };
    });
    expect(last).toEqual({ inside: true, selected: 'true' });
    expect((await layout()).overflow).toBe(0);
    await page.click('[data-view-switch] button[data-view="instructions"]');
    expect((await layout()).instructions).toBe(true);
    await page.context().close();
  });
});

describe('no work is lost', () => {
  it('an unsaved test event survives a reload', async () => {
    const page = await openExercise(env.browser, env.url, 'hello-lambda');
    await tab(page, 'test');
    await page.fill('[data-event-name]', 'draft-one');
    await page.fill('[data-event-json]', '{"half": "typed"');
    await page.reload();
    await page.waitForSelector('[data-workspace][data-ready="true"]');
    await tab(page, 'test');
    expect(await page.inputValue('[data-event-name]')).toBe('draft-one');
    expect(await page.inputValue('[data-event-json]')).toBe('{"half": "typed"');
    expect(await page.isVisible('[data-draft-note]')).toBe(true);
    // Once saved it is an event, no longer a draft.
    await page.fill('[data-event-json]', '{"half": "typed"}');
    await page.click('[data-action="save-event"]');
    await status(page, 'Saved the test event draft-one.');
    await page.reload();
    await page.waitForSelector('[data-workspace][data-ready="true"]');
    await tab(page, 'test');
    expect(await page.isHidden('[data-draft-note]')).toBe(true);
    expect(await page.inputValue('[data-event-json]')).toBe('{"half": "typed"}');
    await page.context().close();
  });

  it('a deleted file comes back with Undo', async () => {
    const page = await openExercise(env.browser, env.url, 'hello-lambda');
    await page.click('[data-action="new-file"]');
    await page.fill('[data-file-path]', 'lib/keep.mjs');
    await page.click('[data-file-form] button[type="submit"]');
    await page.waitForSelector('[data-file="lib/keep.mjs"][aria-current="true"]');
    await page.click('[data-editor] .view-lines');
    await page.keyboard.type('export const kept = 42;');
    await page.waitForFunction(() => (document.querySelector('[data-editor] .view-lines') as HTMLElement).innerText.replace(/\u00a0/g, ' ').includes('kept = 42;'));
    await page.click('[data-action="delete-file"]');
    await page.waitForSelector('[data-file="lib/keep.mjs"]', { state: 'detached' });
    expect(await page.textContent('[data-undo]')).toContain('Deleted lib/keep.mjs.');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-action'))).toBe('undo-delete');
    await page.click('[data-action="undo-delete"]');
    await page.waitForSelector('[data-file="lib/keep.mjs"][aria-current="true"]');
    await page.waitForFunction(() => (document.querySelector('[data-editor] .view-lines') as HTMLElement).innerText.replace(/\u00a0/g, ' ').includes('kept = 42;'));
    await status(page, 'Restored lib/keep.mjs.');
    expect(await page.isHidden('[data-undo]')).toBe(true);
    await page.context().close();
  });

  it('Reset code to starter keeps the learner’s code, and Restore my code brings it back, across a reload', async () => {
    const page = await openExercise(env.browser, env.url, 'hello-lambda');
    expect(await page.isHidden('[data-action="restore-code"]')).toBe(true);
    const mine = "export const handler = async () => 'mine';\n";
    await setCode(page, mine);
    await page.click('[data-action="reset-starter"]');
    await status(page, 'Your code is back to the starter files');
    expect(await editorText(page)).toContain('Hello from Lambda!');
    // A second reset, of code that is the starter already, keeps the first reset's copy.
    await page.evaluate(() => (document.querySelector('[data-status]')!.textContent = ''));
    await page.click('[data-action="reset-starter"]');
    await status(page, 'Your code is back to the starter files');
    await page.reload();
    await page.waitForSelector('[data-editor][data-ready="true"]');
    await page.click('[data-action="restore-code"]');
    await status(page, 'Your code from before the reset is back.');
    await page.waitForFunction(() => (document.querySelector('[data-editor] .view-lines') as HTMLElement).innerText.replace(/\u00a0/g, ' ').includes("'mine'"));
    expect(await page.isHidden('[data-action="restore-code"]')).toBe(true);
    await page.context().close();
  });
});

describe('checking a real account that cannot be reached', () => {
  async function check(page: Page, endpoint: string): Promise<{ kind: string | null; text: string | null }> {
    await page.addInitScript((url) => Object.assign(globalThis, { __WORKBOOK_AWS_ENDPOINT__: url }), endpoint);
    await page.goto(`${env.url}/exercises/hello-lambda/`);
    await page.click('[data-aws-panel] summary');
    await page.fill('#aws-key', 'AKIAWORKBOOKTESTKEY7');
    await page.fill('#aws-secret', 'not-a-real-secret');
    await page.click('[data-action="check-aws"]');
    const el = await page.waitForSelector('[data-aws-connect-error]', { timeout: 60_000 });
    return { kind: await el.getAttribute('data-aws-connect-error'), text: await el.textContent() };
  }

  it('says "Couldn\'t connect" and why: nothing listening, keys refused, CORS', { timeout: 300_000 }, async () => {
    const port = await new Promise<number>((resolve) => {
      const s = createServer().listen(0, '127.0.0.1', () => {
        const { port } = s.address() as { port: number };
        s.close(() => resolve(port));
      });
    });
    const context = await env.browser.newContext();
    const down = await check(await context.newPage(), `http://127.0.0.1:${port}`);
    expect(down.kind).toBe('network');
    expect(down.text).toMatch(new RegExp(`^Couldn't connect to http://127\\.0\\.0\\.1:${port}: no answer came back \\(`));
    expect(down.text).not.toMatch(/points|emulator running/);

    // Keys AWS refuses: the account answers 403 UnrecognizedClientException (with CORS headers, as AWS sends).
    const refusing = await context.newPage();
    await refusing.route('http://aws.test/**', (route) =>
      route.fulfill({
        status: route.request().method() === 'OPTIONS' ? 200 : 403,
        headers: { 'access-control-allow-origin': '*', 'access-control-allow-headers': '*', 'access-control-allow-methods': '*', 'access-control-expose-headers': '*', 'x-amzn-errortype': 'UnrecognizedClientException', 'content-type': 'application/json' },
        body: JSON.stringify({ message: 'The security token included in the request is invalid.' }),
      }),
    );
    const keys = await check(refusing, 'http://aws.test');
    expect(keys).toEqual({
      kind: 'keys',
      text: "Couldn't connect to your AWS account: AWS refused the keys (UnrecognizedClientException: The security token included in the request is invalid.). Check the access key ID and secret access key, and for temporary keys the session token; nothing was graded.",
    });

    // A server that answers but sends no CORS headers: the browser hides its answer from the page.
    const noCorsServer = createHttpServer((_req, res) => res.writeHead(200, { 'content-type': 'application/json' }).end('{}'));
    await new Promise<void>((resolve) => noCorsServer.listen(0, '127.0.0.1', resolve));
    const noCorsUrl = `http://127.0.0.1:${(noCorsServer.address() as { port: number }).port}`;
    try {
      const cors = await check(await context.newPage(), noCorsUrl);
      expect(cors.kind).toBe('cors');
      expect(cors.text).toBe(
        `Couldn't connect to ${noCorsUrl}: it answered, but the browser blocked the page from reading the answer (CORS). Use the AWS endpoint for the Region, not a proxy, or run the checker from the terminal (npm run check). Nothing was graded.`,
      );
    } finally {
      noCorsServer.close();
    }
    await context.close();
  });
});

describe('accessibility with each console tab open', () => {
  const TABS = ['code', 'test', 'configuration', 'versions', 'layers', 'async', 'concurrency', 'monitor'];
  const cases = [390, 1280].flatMap((width) => (['light', 'dark'] as const).map((theme) => ({ width, theme })));
  it.each(cases)('passes axe (WCAG 2.2 AA) on every tab at $width px ($theme), the page no wider than the window', async ({ width, theme }) => {
    const context = await env.browser.newContext({ viewport: { width, height: 900 } });
    await context.addInitScript((t) => localStorage.setItem('starlight-theme', t), theme);
    const page = await openExercise(env.browser, env.url, 'hello-lambda', context);
    if (width < 1024) await page.click('[data-view-switch] button[data-view="console"]');
    await createFunction(page, 'hello-lambda');
    await testInvoke(page, '{}');
    const failures: string[] = [];
    for (const id of TABS) {
      await tab(page, id);
      for (const v of await auditAccessibility(page)) failures.push(`${id}: ${v.id} ${v.help} at ${v.targets.join(', ')}`);
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - innerWidth);
      if (overflow > 0) failures.push(`${id}: the page is ${overflow} px wider than the window`);
    }
    await context.close();
    expect(failures).toEqual([]);
  }, 300_000);
});
