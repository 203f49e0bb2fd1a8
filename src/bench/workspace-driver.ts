/** Driving the exercise workspace the way a learner does: clicks, typing, files. */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { expect } from 'vitest';

export async function openExercise(browser: Browser, siteUrl: string, slug: string, context?: BrowserContext): Promise<Page> {
  const ctx = context ?? (await browser.newContext({ viewport: { width: 1440, height: 1000 }, acceptDownloads: true }));
  await ctx.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: siteUrl });
  const page = await ctx.newPage();
  page.on('dialog', (d) => void d.accept());
  await page.goto(`${siteUrl}/exercises/${slug}/`);
  // Attached, not visible: on a phone the console waits behind the Instructions | Console switch.
  await page.waitForSelector('[data-workspace][data-ready="true"]', { state: 'attached' });
  await page.waitForSelector('[data-editor][data-ready="true"]', { state: 'attached', timeout: 60_000 });
  return page;
}

export async function status(page: Page, text: string | RegExp, timeout = 30_000): Promise<string> {
  const handle = await page.waitForFunction(
    ([t, isRe]) => {
      const s = document.querySelector('[data-status]')?.textContent ?? '';
      return (isRe ? new RegExp(t) .test(s) : s.includes(t)) ? s : false;
    },
    [typeof text === 'string' ? text : text.source, typeof text !== 'string'] as const,
    { timeout },
  );
  return (await handle.jsonValue()) as string;
}

export async function tab(page: Page, id: string): Promise<void> {
  await page.click(`[data-tab="${id}"]`);
  await page.waitForSelector(`[data-panel="${id}"]:not([hidden])`);
}

export async function createFunction(page: Page, name: string): Promise<void> {
  await page.click('[data-action="create-function"]');
  await page.fill('dialog[open] input[type="text"]', name);
  await page.click('dialog[open] button[type="submit"]');
  await status(page, `Successfully created the function ${name}`);
}

/** Replaces the open file's text in the editor as a learner would: select all, paste. */
export async function setCode(page: Page, text: string): Promise<void> {
  await tab(page, 'code');
  await page.evaluate((t) => navigator.clipboard.writeText(t), text);
  await page.click('[data-editor] .view-lines');
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.press('ControlOrMeta+V');
  await page.waitForFunction(
    (t) => (document.querySelector('[data-editor] .view-lines') as HTMLElement).innerText.replace(/\u00a0/g, ' ').replace(/\s+/g, '') === t.replace(/\s+/g, ''),
    text,
  );
}

export async function deploy(page: Page): Promise<void> {
  await tab(page, 'code');
  await page.click('[data-action="deploy"]');
  await status(page, 'Successfully updated the function');
}

export async function testInvoke(page: Page, event?: string): Promise<{ outcome: string; response: string; log: string }> {
  await tab(page, 'test');
  if (event !== undefined) await page.fill('[data-event-json]', event);
  await page.click('[data-action="invoke"]');
  await page.waitForSelector('[data-test-result] [data-outcome]', { timeout: 60_000 });
  return page.evaluate(() => ({
    outcome: document.querySelector('[data-outcome]')!.getAttribute('data-outcome')!,
    response: document.querySelector('[data-response]')?.textContent ?? '',
    log: document.querySelector('[data-log-output]')?.textContent ?? '',
  }));
}

export async function checkAll(page: Page): Promise<{ score: string; tasks: { id: string; passed: boolean; message: string }[] }> {
  await page.click('[data-action="check"]');
  await page.waitForFunction(() => /\d+ of \d+ points/.test(document.querySelector('[data-score]')?.textContent ?? ''), null, { timeout: 120_000 });
  return page.evaluate(() => ({
    score: document.querySelector('[data-score]')!.textContent!,
    tasks: [...document.querySelectorAll<HTMLElement>('[data-task]')].map((li) => ({
      id: li.dataset.task!,
      passed: li.dataset.passed === 'true',
      message: li.querySelector('[data-task-message]')?.textContent ?? '',
    })),
  }));
}

export function expectAllPassed(result: Awaited<ReturnType<typeof checkAll>>): void {
  expect(result.tasks.filter((t) => !t.passed)).toEqual([]);
  const [earned, max] = result.score.match(/\d+/g)!.map(Number);
  expect(earned).toBe(max);
}

const PROMPT = /learner@workbook:[^$]*\$ ?$/;

/** The terminal's visible rows, trailing blanks dropped. */
export async function terminalRows(page: Page): Promise<string[]> {
  const lines = await page.$$eval('[data-terminal] .xterm-rows > div', (divs) => divs.map((d) => (d.textContent ?? '').replace(/\u00a0/g, ' ').trimEnd()));
  while (lines.length && lines.at(-1) === '') lines.pop();
  return lines;
}

/** Clears the screen, types a command line and Enter, waits for the next prompt, and returns what it printed. */
export async function terminalRun(page: Page, line: string, timeout = 30_000): Promise<string> {
  await page.keyboard.press('Control+L');
  await page.waitForFunction(() => document.querySelectorAll('[data-terminal] .xterm-rows > div')[1]?.textContent?.trim() === '');
  await page.keyboard.type(line);
  await page.keyboard.press('Enter');
  const deadline = Date.now() + timeout;
  for (;;) {
    const screen = await terminalRows(page);
    if (screen.length > 1 && PROMPT.test(screen.at(-1)!)) {
      // The command line itself may wrap over several rows: skip rows until its text is used up.
      const typed = `${screen[0]!.slice(0, screen[0]!.indexOf('$ ') + 2)}${line}`.replace(/\s+/g, '');
      let seen = '';
      let i = 0;
      while (i < screen.length - 1 && seen.length < typed.length) seen += screen[i++]!.replace(/\s+/g, '');
      return screen.slice(i, -1).join('\n');
    }
    if (Date.now() > deadline) throw new Error(`no prompt after ${line}:\n${screen.join('\n')}`);
    await page.waitForTimeout(50);
  }
}

export async function openTerminal(page: Page): Promise<void> {
  await tab(page, 'terminal');
  await page.waitForSelector('[data-terminal-panel][data-terminal-ready="true"]', { timeout: 30_000 });
  await page.click('[data-terminal]');
}
