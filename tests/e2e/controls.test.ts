/**
 * Instructions and console cannot drift apart: every control an exercise names in bold
 * (**Create alias**) must exist in that exercise's console, found by its accessible name and
 * role in the page Chromium renders. A control that appears only in some state (a dialog, a
 * version's page) is looked for in that state, reached through the UI.
 */
import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { useSiteAndBrowser } from '../support/site.ts';
import { createFunction, openExercise, openTerminal, status, tab, terminalRun } from '../../src/bench/workspace-driver.ts';

const exercisesDir = fileURLToPath(new URL('../../exercises/', import.meta.url));

/** What the instructions bold: control names, as the learner is told to choose them. */
function boldTerms(mdx: string): string[] {
  const text = mdx.replace(/```[\s\S]*?```/g, '');
  return [...new Set([...text.matchAll(/\*\*([^*]+?)\*\*/g)].map((m) => m[1]!.replace(/`/g, '').replace(/\s+/g, ' ').trim()))];
}

/** The roles a learner can choose, type into or open: what "a control" means here. */
const CONTROL_ROLES = ['button', 'link', 'tab', 'menuitem', 'option', 'radio', 'checkbox', 'textbox', 'combobox', 'listbox', 'spinbutton', 'group', 'navigation', 'searchbox'] as const;

async function hasControl(page: Page, name: string): Promise<boolean> {
  for (const role of CONTROL_ROLES) {
    if ((await page.getByRole(role, { name, exact: true, includeHidden: true }).count()) > 0) return true;
  }
  return false;
}

/** The commands that make buckets, queues and topics in the instructions' code blocks: the Services tab shows a form for each. */
function resourcesMade(mdx: string): string[] {
  const blocks = [...mdx.matchAll(/```sh\n([\s\S]*?)```/g)].map((m) => m[1]!);
  // Without their attributes, which may hold placeholders (<orders-dlq ARN>): the forms need only the name.
  return blocks.flatMap((b) => b.split('\n')).filter((line) => /^aws (s3 mb|sqs create-queue|sns create-topic) /.test(line)).map((line) => line.replace(/ --attributes .*$/, ''));
}

const exercises = readdirSync(exercisesDir, { withFileTypes: true })
  .filter((d) => d.isDirectory())
  .map((d) => ({
    slug: d.name,
    functionName: (JSON.parse(readFileSync(join(exercisesDir, d.name, 'meta.json'), 'utf8')) as { functionName: string }).functionName,
    terms: boldTerms(readFileSync(join(exercisesDir, d.name, 'exercise.mdx'), 'utf8')),
    makes: resourcesMade(readFileSync(join(exercisesDir, d.name, 'exercise.mdx'), 'utf8')),
  }));

const env = useSiteAndBrowser();

describe('every control the instructions name is in the console', () => {
  it('finds bold terms in the instructions', () => {
    expect(boldTerms('Choose **Actions**, **Create\nalias** and `**not**`')).toEqual(['Actions', 'Create alias', 'not']);
    expect(boldTerms('```sh\n**in code**\n```\n**Deploy**')).toEqual(['Deploy']);
    expect(exercises.map((e) => e.slug).sort()).toEqual(['chaining', 'environment-variables', 'function-url', 'hello-lambda', 'layers', 'permissions', 's3-trigger', 'scheduled', 'sqs-batch', 'versions-and-aliases']);
  });

  for (const exercise of exercises) {
    it(exercise.slug, async () => {
      const page = await openExercise(env.browser, env.url, exercise.slug);
      let missing = [...exercise.terms];
      const look = async () => {
        const still: string[] = [];
        for (const term of missing) if (!(await hasControl(page, term))) still.push(term);
        missing = still;
      };
      // Before the function exists, then with it and every tab built.
      await look();
      await createFunction(page, exercise.functionName);
      for (const t of await page.locator('[role="tab"]').evaluateAll((tabs) => tabs.map((b) => b.getAttribute('data-tab')!))) await tab(page, t);
      await look();
      // The Triggers form's fields for each source.
      if (missing.length) {
        await tab(page, 'triggers');
        for (const source of await page.locator('[data-trigger-source] option').evaluateAll((options) => options.map((o) => (o as HTMLOptionElement).value))) {
          await page.selectOption('[data-trigger-source]', source);
          await look();
        }
      }
      // A test result (its link to the logs).
      await tab(page, 'test');
      await page.click('[data-action="invoke"]');
      await page.waitForSelector('[data-test-result] [data-outcome]', { timeout: 60_000 });
      await look();
      // The HTTP tab's form, which appears once the function has a URL (made in the Terminal, as the texts say).
      if (missing.length) {
        await openTerminal(page);
        await terminalRun(page, `aws lambda create-function-url-config --function-name ${exercise.functionName} --auth-type NONE --query AuthType --output text`);
        await tab(page, 'http');
        await page.waitForSelector('[data-panel="http"] [data-http-url]');
        await look();
      }
      // The Services tab's forms, which appear for each bucket, queue and topic the instructions make (in the Terminal).
      if (missing.length && exercise.makes.length) {
        await openTerminal(page);
        for (const command of exercise.makes) await terminalRun(page, command);
        await tab(page, 'services');
        await page.click('[data-action="refresh-services"]');
        await page.waitForSelector('[data-buckets], [data-queues], [data-topics]');
        await look();
      }
      // Each dialog the Actions menu opens.
      for (const item of ['Publish new version', 'Create alias', 'Delete function']) {
        if (!missing.length) break;
        await page.getByRole('button', { name: 'Actions' }).click();
        await page.getByRole('menuitem', { name: item }).click();
        await page.waitForSelector('dialog[open]');
        await look();
        await page.locator('dialog[open]').getByRole('button', { name: 'Cancel' }).click();
      }
      // A published version's page.
      if (missing.length) {
        await tab(page, 'versions');
        await page.click('[data-action="publish-version"]');
        await status(page, `Successfully created version 1 of the function ${exercise.functionName}.`);
        await page.getByLabel('Qualifier', { exact: true }).selectOption('1');
        await page.waitForSelector('[data-read-only-notice]');
        await look();
      }
      expect(missing, `named in exercises/${exercise.slug}/exercise.mdx but not a control in its console`).toEqual([]);
      await page.context().close();
    });
  }
});
