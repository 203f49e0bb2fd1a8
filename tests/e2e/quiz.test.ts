import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { useSiteAndBrowser } from '../support/site.ts';
import { auditAccessibility } from '../support/a11y.ts';
import { getQuizBank } from '../../src/quizzes/index.ts';
import type { Question } from '../../src/quizzes/schema.ts';
import { fieldName } from '../../src/components/quiz-markup.ts';
import { PROGRESS_KEY } from '../../src/progress/store.ts';

const env = useSiteAndBrowser();

async function open(path: string): Promise<Page> {
  const page = await env.browser.newPage();
  await page.goto(env.url + path, { waitUntil: 'load' });
  return page;
}

/** Answers one question the way a learner would, through its labelled controls. */
async function answer(page: Page, bankId: string, q: Question): Promise<void> {
  const name = fieldName(bankId, q.id);
  const fieldset = page.locator(`fieldset[data-question="${q.id}"]`);
  switch (q.kind) {
    case 'single':
      await fieldset.locator(`input[value="${q.answer}"]`).check();
      break;
    case 'multiple':
      for (const id of q.answers) await fieldset.locator(`input[value="${id}"]`).check();
      break;
    case 'number':
      await fieldset.locator(`input[name="${name}-value"]`).fill(String(q.answer));
      await fieldset.locator(`select[name="${name}-unit"]`).selectOption(q.units[0]!.unit);
      break;
    case 'ordering':
      for (const [i, id] of q.answer.entries()) await fieldset.locator(`select[name="${name}-${id}"]`).selectOption(String(i + 1));
      break;
    case 'output':
      await fieldset.locator(`textarea[name="${name}"]`).fill(q.accepted[0]!);
      break;
  }
}

describe('a lesson quiz', () => {
  const bank = getQuizBank('limits')!;

  it('grades right answers in the page, saves them, and restores them on reload', async () => {
    const page = await open('/lessons/limits/');
    for (const q of bank.questions) await answer(page, bank.id, q);
    await page.locator('[data-quiz="limits"] button[data-quiz-check]').click();
    const max = bank.questions.reduce((s, q) => s + (q.points ?? 1), 0);
    await expect(page.locator('[data-quiz-status]').textContent()).resolves.toBe(
      `${max} of ${max} points; ${bank.questions.length} of ${bank.questions.length} questions fully right.`,
    );
    await expect(page.locator('[data-feedback][data-result="right"]').count()).resolves.toBe(bank.questions.length);

    const saved = JSON.parse((await page.evaluate((k) => localStorage.getItem(k), PROGRESS_KEY))!);
    expect(saved.version).toBe(2); // version 2: one emulated account per workbook
    expect(saved.quizzes.limits.score).toBe(max);

    await page.reload({ waitUntil: 'load' });
    await expect(page.locator('[data-quiz-status]').textContent()).resolves.toMatch(/^Your last check .*: \d+ of \d+ points/);
    const first = bank.questions[0]!;
    if (first.kind === 'number') {
      await expect(page.locator(`input[name="${fieldName(bank.id, first.id)}-value"]`).inputValue()).resolves.toBe(String(first.answer));
    }
    await page.close();
  });

  it('explains a wrong answer and gives partial credit where the kind allows it', async () => {
    const page = await open('/lessons/limits/');
    await page.evaluate(() => localStorage.clear());
    const multiple = bank.questions.find((q) => q.kind === 'multiple')!;
    if (multiple.kind !== 'multiple') throw new Error('limits bank needs a multiple-choice question');
    await page.locator(`fieldset[data-question="${multiple.id}"] input[value="${multiple.answers[0]}"]`).check();
    await page.locator('button[data-quiz-check]').click();
    const feedback = page.locator(`fieldset[data-question="${multiple.id}"] [data-feedback]`);
    await expect(feedback.getAttribute('data-result')).resolves.toBe('partly');
    await expect(feedback.textContent()).resolves.toContain(multiple.explanation);
    await page.close();
  });

  it('can be answered and checked with the keyboard alone', async () => {
    const page = await open('/lessons/what-is-lambda/');
    await page.evaluate(() => localStorage.clear());
    await page.locator('fieldset[data-question="event-source-vs-downstream"] input').first().focus();
    await page.keyboard.press('ArrowDown'); // radio group: moves and selects
    await page.keyboard.press('ArrowDown');
    await page.locator('button[data-quiz-check]').focus();
    await page.keyboard.press('Enter');
    await expect(page.locator('fieldset[data-question="event-source-vs-downstream"] [data-feedback]').getAttribute('data-result')).resolves.toBe('right');
    await page.close();
  });

  it('keeps unreadable saved progress under a backup key and tells the learner', async () => {
    const page = await open('/lessons/limits/');
    await page.evaluate((k) => localStorage.setItem(k, '{not json'), PROGRESS_KEY);
    await page.reload({ waitUntil: 'load' });
    await expect(page.locator('[data-quiz-status]').textContent()).resolves.toMatch(/kept under the key "lambda-workbook:progress:backup:/);
    const keys = await page.evaluate(() => Object.keys(localStorage));
    const backup = keys.find((k) => k.startsWith(`${'lambda-workbook:progress'}:backup:`))!;
    await expect(page.evaluate((k) => localStorage.getItem(k), backup)).resolves.toBe('{not json');
    await page.close();
  });

  it('has no accessibility violations', async () => {
    const page = await open('/lessons/invocation/');
    await page.locator('button[data-quiz-check]').click();
    expect(await auditAccessibility(page)).toEqual([]);
    await page.close();
  });
});
