/**
 * The instructor's view grading a lab server straight from the page: the instructor's keys sign
 * the requests in the browser, every learner's account is checked, and the class appears as it
 * does from an export. Wrong keys are refused in the lab server's own words.
 */
import { describe, expect, it } from 'vitest';
import { useSiteAndBrowser } from '../support/site.ts';
import { clientsFor, destroy, doHelloLambda, startLab } from '../unit/support/lab-server.ts';

const env = useSiteAndBrowser();

describe("the instructor's view of a lab server", () => {
  it('grades every learner on the server from the page, and says why when the keys are wrong', { timeout: 240_000 }, async () => {
    const lab = await startLab('name,id\nAda Lovelace,ada\nBrian Kernighan,brian\n', ['--inline']);
    const ada = clientsFor(lab.url, lab.learner('ada'));
    const context = await env.browser.newContext({ viewport: { width: 1280, height: 900 } });
    try {
      await doHelloLambda(ada, lab.learner('ada').accountId);

      const page = await context.newPage();
      await page.goto(`${env.url}/instructor/`);
      await page.click('[data-lab-grading] summary');
      await page.fill('#lab-endpoint', lab.url);
      await page.fill('#lab-key', lab.config.admin.accessKeyId);
      await page.fill('#lab-secret', 'not-the-secret-at-all');
      await page.click('[data-lab-form] button[type="submit"]');
      await expect.poll(() => page.getAttribute('[data-load-status]', 'data-error')).toBe('');
      expect(await page.textContent('[data-load-status]')).toMatch(new RegExp(`^The lab server at ${lab.url} would not list its learners \\(HTTP 403: .*\\)\\. Are these the instructor's keys\\?$`));

      await page.fill('#lab-secret', lab.config.admin.secretAccessKey);
      await page.click('[data-lab-form] button[type="submit"]');
      await expect.poll(() => page.textContent('[data-load-status]'), { timeout: 180_000 }).toMatch(/^Graded the lab server /);
      expect(await page.textContent('[data-load-status]')).toBe(`Graded the lab server ${lab.url} now: 2 learners, 2 graded. Quizzes are graded from exported workbooks only.`);
      const learners = await page.$$eval('[data-learners] tbody tr', (rows) => rows.map((r) => (r.children[0] as HTMLElement).textContent!.trim()));
      expect(learners.sort()).toEqual(['Ada Lovelace', 'Brian Kernighan']);
      // Brian made nothing: he has not started.
      const notStarted = await page.$$eval('[data-not-started] tbody tr', (rows) => rows.map((r) => (r.children[0] as HTMLElement).textContent!.trim()));
      expect(notStarted).toEqual(['Brian Kernighan']);
      const runTest = await page.$$eval('[data-pass-rates] tbody tr', (rows) =>
        rows.map((r) => [...r.children].map((c) => c.textContent)).find((cells) => cells[0] === 'Hello, Lambda: Run a test event'));
      expect(runTest?.slice(0, 4)).toEqual(['Hello, Lambda: Run a test event', 'exercise', '1', '2']);
    } finally {
      await context.close();
      destroy(ada);
      await lab.stop();
    }
  });
});
