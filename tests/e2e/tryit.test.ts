/**
 * Try-it blocks on lesson pages (issue 13, item 5): no page is wider than the window at 390 and
 * 1440 px, before or after running one (long output wraps or scrolls inside its own box); the
 * handler keeps its indentation exactly as the lesson's source wrote it; and a predict-the-output
 * quiz question offers its run only once the learner's answer is checked.
 */
import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { useSiteAndBrowser } from '../support/site.ts';
import { getQuizBank } from '../../src/quizzes/index.ts';
import { fieldName } from '../../src/components/quiz-markup.ts';
import { fmt, limits } from '../../src/emulator/index.ts';

const env = useSiteAndBrowser();
const lessonsDir = fileURLToPath(new URL('../../content/lessons/', import.meta.url));
const WIDTHS = [390, 1440] as const;

/** The handlers each lesson's <TryIt> blocks carry, in page order, as JavaScript reads the MDX's template literals (with the names lessons import). */
function tryItCodes(source: string): string[] {
  return [...source.matchAll(/<TryIt\b[\s\S]*?\bcode=\{\s*`((?:[^`\\]|\\[\s\S])*)`\s*\}/g)].map(
    (m) => new Function('limits', 'fmt', `return \`${m[1]}\`;`)(limits, fmt) as string,
  );
}

const lessons = readdirSync(lessonsDir)
  .filter((f) => f.endsWith('.mdx'))
  .map((f) => ({ slug: f.replace(/\.mdx$/, ''), codes: tryItCodes(readFileSync(lessonsDir + f, 'utf8')) }))
  .filter((l) => l.codes.length > 0);

async function pageAt(width: number): Promise<Page> {
  // The offline service worker's precache is not under test here; blocking it keeps the runs light.
  const context = await env.browser.newContext({ viewport: { width, height: 900 }, serviceWorkers: 'block' });
  return context.newPage();
}

/** Fails naming the page and both widths when the page scrolls sideways. */
async function expectNoSidewaysScroll(page: Page, what: string): Promise<void> {
  const { scrollWidth, innerWidth } = await page.evaluate(() => ({ scrollWidth: document.documentElement.scrollWidth, innerWidth: window.innerWidth }));
  expect(scrollWidth, `${what}: page width ${scrollWidth} px in a ${innerWidth} px window`).toBeLessThanOrEqual(innerWidth);
}

/** Runs a block and waits for its result (a response, or the message of a run that could not start). */
async function run(page: Page, block: ReturnType<Page['locator']>): Promise<void> {
  const prediction = block.locator('[data-tryit-prediction]');
  if ((await prediction.count()) > 0 && (await prediction.inputValue()) === '') await prediction.fill('my guess');
  await block.locator('[data-tryit-run]').click();
  await block.locator('[data-tryit-output] > *').first().waitFor({ timeout: 60_000 });
  await page.waitForFunction((el) => !el?.querySelector('[data-tryit-run]')?.hasAttribute('disabled'), await block.elementHandle(), { timeout: 60_000 });
}

describe('Try-it blocks on lesson pages', () => {
  it('finds the lessons with a Try-it', () => {
    expect(lessons.length).toBeGreaterThanOrEqual(10);
  });

  for (const width of WIDTHS) {
    it(`no lesson with a Try-it is wider than a ${width} px window, before or after running one, and every handler keeps its indentation`, async () => {
      const page = await pageAt(width);
      for (const lesson of lessons) {
        await page.goto(`${env.url}/lessons/${lesson.slug}/`, { waitUntil: 'load' });
        const lessonBlocks = page.locator('[data-tryit]:not(.quiz [data-tryit])');
        const shown = await lessonBlocks.locator('[data-tryit-code]').evaluateAll((areas) => areas.map((a) => (a as HTMLTextAreaElement).value));
        expect(shown, lesson.slug).toEqual(lesson.codes);
        await expectNoSidewaysScroll(page, `${lesson.slug} before a run`);

        const block = page.locator('[data-tryit][data-tryit-runtime="nodejs22.x"]:not(.quiz [data-tryit])').first();
        if ((await block.count()) === 0) continue;
        await block.scrollIntoViewIfNeeded();
        await run(page, block);
        expect(await block.locator('[data-tryit-output]').textContent(), lesson.slug).not.toMatch(/^Running…$/);
        await expectNoSidewaysScroll(page, `${lesson.slug} after a run`);
      }
      await page.context().close();
    }, 600_000);

    it(`output with very long lines stays inside its box at ${width} px`, async () => {
      const page = await pageAt(width);
      await page.goto(`${env.url}/lessons/programming-model/`, { waitUntil: 'load' });
      const block = page.locator('[data-tryit]').first();
      await block.locator('[data-tryit-code]').fill(
        "export const handler = async () => {\n  console.log('x'.repeat(4000));\n  console.log(['a', 'b'].join(' ').repeat(2000));\n  return { long: 'y'.repeat(5000) };\n};",
      );
      await block.locator('[data-tryit-event]').fill(JSON.stringify({ key: 'z'.repeat(3000) }));
      await run(page, block);
      expect(await block.locator('[data-tryit-response]').textContent()).toBe(JSON.stringify({ long: 'y'.repeat(5000) }));
      await expectNoSidewaysScroll(page, 'programming-model after printing long lines');
      // The log box is no wider than the block that holds it.
      const boxes = await block.evaluate((fig) => ({
        block: fig.getBoundingClientRect().right,
        log: fig.querySelector('[data-tryit-log]')!.getBoundingClientRect().right,
      }));
      expect(boxes.log).toBeLessThanOrEqual(boxes.block);
      await page.context().close();
    }, 180_000);
  }

  it('a predict-the-output Try-it in a lesson offers Run only once a prediction is written, and shows it beside the answer', async () => {
    const page = await pageAt(390);
    await page.goto(`${env.url}/lessons/http-and-function-urls/`, { waitUntil: 'load' });
    const block = page.locator('[data-tryit]').filter({ has: page.locator('[data-tryit-prediction]') }).first();
    expect(await block.locator('[data-tryit-run]').isVisible()).toBe(false);
    expect(await block.locator('[data-tryit-prediction-hint]').textContent()).toBe('Write your prediction: Run appears once you have.');
    await block.getByLabel('Your prediction: the response').fill('   ');
    expect(await block.locator('[data-tryit-run]').isVisible()).toBe(false);
    await block.getByLabel('Your prediction: the response').fill('{"method":"GET"}');
    expect(await block.locator('[data-tryit-run]').isVisible()).toBe(true);
    expect(await block.locator('[data-tryit-prediction-hint]').isVisible()).toBe(false);
    await run(page, block);
    expect(await block.locator('[data-tryit-predicted]').textContent()).toBe('{"method":"GET"}');
    expect(await block.locator('[data-tryit-response]').textContent()).toBe('{"method":"GET","path":"/orders","page":"2","agent":"curl/8.5.0","cookies":2}');
    await expectNoSidewaysScroll(page, 'http-and-function-urls after a predicted run');
    await page.context().close();
  }, 180_000);

  it('a predict-the-output question offers no Run until the answer is checked, then keeps offering it', async () => {
    const bank = getQuizBank('programming-model')!;
    const question = bank.questions.find((q) => q.kind === 'output' && q.ask === 'response' && !q.qualifier && !(q.runs && q.runs > 1))!;
    expect(question, 'programming-model has a predict-the-output question').toBeDefined();
    const page = await pageAt(1440);
    await page.goto(`${env.url}/lessons/programming-model/`, { waitUntil: 'load' });
    const fieldset = page.locator(`fieldset[data-question="${question.id}"]`);
    expect(await fieldset.locator('[data-tryit-run]').isVisible()).toBe(false);
    expect(await fieldset.locator('summary').isVisible()).toBe(false);
    expect(await fieldset.locator('[data-quiz-run-note]').textContent()).toBe('Answer, then press Check answers: you can then run it in the emulator to see why.');

    // Checking without answering this question does not open it either.
    await page.locator('button[data-quiz-check]').click();
    expect(await fieldset.locator('summary').isVisible()).toBe(false);

    await fieldset.locator(`textarea[name="${fieldName(bank.id, question.id)}"]`).fill('{"a guess":true}');
    await page.locator('button[data-quiz-check]').click();
    await fieldset.locator('summary').click();
    const block = fieldset.locator('[data-tryit]');
    await run(page, block);
    if (question.kind !== 'output') throw new Error('not an output question');
    expect(question.accepted).toContain(await block.locator('[data-tryit-response]').textContent());

    // A learner coming back has answered already: the run is offered at once.
    await page.reload({ waitUntil: 'load' });
    expect(await fieldset.locator('summary').isVisible()).toBe(true);
    expect(await fieldset.locator('[data-quiz-run-note]').count()).toBe(0);
    await page.context().close();
  }, 180_000);
});
