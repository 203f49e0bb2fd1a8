/**
 * The console's controls as a learner uses them, by their names and the keyboard: Actions →
 * Publish new version, the version's read-only page, Create alias, the starter layer handed over
 * by the page, Add a layer (custom and by ARN, with Lambda's refusal beside the field), Edit order,
 * environment variables, View CloudWatch logs, and each form's AWS CLI command.
 */
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { unzipSync } from 'fflate';
import { useSiteAndBrowser } from '../support/site.ts';
import { createFunction, openExercise, openTerminal, status, tab, terminalRun } from '../../src/bench/workspace-driver.ts';
import { auditAccessibility } from '../support/a11y.ts';

const env = useSiteAndBrowser();

describe('the console’s controls, through the UI alone', () => {
  it('versions → alias → add layer → edit order → environment variables → logs → delete', async () => {
    const page = await openExercise(env.browser, env.url, 'layers');
    await createFunction(page, 'hello-layers');
    const cli = (scope: import('playwright-core').Locator) => scope.locator('[data-cli-command]').textContent();
    /** axe (WCAG 2.2 AA) on the page as it is now: each new control, in the state that shows it. */
    const axe = async (where: string) => (await auditAccessibility(page)).map((v) => `${where}: ${v.id} ${v.help} at ${v.targets.join(', ')}`);

    // Actions, by keyboard: the menu button opens its menu on ArrowDown, Enter chooses.
    const actions = page.getByRole('button', { name: 'Actions' });
    await actions.focus();
    await page.keyboard.press('ArrowDown');
    expect(await actions.getAttribute('aria-expanded')).toBe('true');
    expect(await axe('Actions menu open')).toEqual([]);
    await expect.poll(() => page.evaluate(() => document.activeElement?.textContent)).toBe('Publish new version');
    await page.keyboard.press('End');
    await expect.poll(() => page.evaluate(() => document.activeElement?.textContent)).toBe('Delete function');
    await page.keyboard.press('Escape');
    expect(await actions.getAttribute('aria-expanded')).toBe('false');
    await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('aria-haspopup'))).toBe('menu');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    const publish = page.getByRole('dialog', { name: 'Publish new version from $LATEST' });
    await publish.getByLabel('Version description').fill('first');
    expect(await cli(publish)).toBe('aws lambda publish-version --function-name hello-layers --description first');
    expect(await axe('Publish new version dialog')).toEqual([]);
    await publish.getByRole('button', { name: 'Publish' }).click();
    await status(page, 'Successfully created version 1 of the function hello-layers.');

    // The new version's page opens: its ARN ends in :1, its code is read-only, its edits disabled and saying why.
    await page.waitForSelector('[data-version-banner] [data-qualified-arn]');
    expect(await page.locator('[data-version-banner] [data-qualified-arn]').textContent()).toMatch(/^arn:aws:lambda:us-east-1:\d{12}:function:hello-layers:1$/);
    expect(await page.getByLabel('Qualifier', { exact: true }).inputValue()).toBe('1');
    await tab(page, 'code');
    await page.waitForSelector('[data-version-code] [data-readonly-file="index.mjs"]');
    expect(await page.locator('[data-editor]').isVisible()).toBe(false);
    expect(await page.locator('[data-version-code] [data-read-only-notice]').textContent()).toContain("Published versions can't be changed");
    expect(await axe('version 1, Code')).toEqual([]);
    await tab(page, 'configuration');
    const editEnv = page.locator('[data-action="edit-env"]');
    await expect.poll(() => editEnv.isDisabled()).toBe(true);
    const describedBy = (await editEnv.getAttribute('aria-describedby'))!;
    expect(await page.locator(`#${describedBy}`).textContent()).toContain("Published versions can't be changed");
    expect(await page.locator('[data-action="add-a-layer"]').isDisabled()).toBe(true);
    expect(await axe('version 1, Configuration')).toEqual([]);
    await page.locator(`#${describedBy}`).getByRole('button', { name: 'Open $LATEST' }).click();
    await expect.poll(() => page.locator('[data-version-banner]').isVisible()).toBe(false);
    await expect.poll(() => editEnv.isDisabled()).toBe(false);
    // Back on $LATEST the editor is there again, and the read-only copy gone.
    await tab(page, 'code');
    await page.waitForSelector('[data-editor] .view-lines');
    expect(await page.locator('[data-version-code]').isVisible()).toBe(false);
    await tab(page, 'configuration');

    // Actions → Create alias, with the mouse this time.
    await actions.click();
    await page.getByRole('menuitem', { name: 'Create alias' }).click();
    const alias = page.getByRole('dialog', { name: 'Create alias' });
    await alias.getByLabel('Name', { exact: true }).fill('prod');
    await alias.getByLabel('Version', { exact: true }).selectOption('1');
    expect(await cli(alias)).toBe('aws lambda create-alias --function-name hello-layers --name prod --function-version 1');
    await alias.getByRole('button', { name: 'Save' }).click();
    await status(page, 'Alias prod now points to version 1.');
    await expect.poll(() => page.getByLabel('Qualifier', { exact: true }).locator('option').allTextContents()).toEqual(['Unqualified', '$LATEST', 'Version 1', 'Alias: prod']);

    // The page hands over the starter layer: a zip built in the page, nodejs/ at its top.
    await tab(page, 'layers');
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download random-words-layer.zip', exact: true }).click()]);
    expect(download.suggestedFilename()).toBe('random-words-layer.zip');
    const zipped = unzipSync(readFileSync((await download.path())!));
    expect(Object.keys(zipped).sort()).toEqual(['nodejs/node_modules/random-words/index.js', 'nodejs/node_modules/random-words/package.json', 'nodejs/node_modules/random-words/words.js']);
    // Create both layers from the starter without adding them, to add them the console's way.
    for (const name of ['random-words', 'planet-words']) {
      await page.getByRole('button', { name: `Create layer ${name} from starter` }).click();
      await page.getByLabel('Add the new version to the current function').uncheck();
      expect(await page.locator('[data-create-layer]').getByLabel('Name', { exact: true }).inputValue()).toBe(name);
      expect(await cli(page.locator('[data-create-layer]'))).toMatch(new RegExp(`^aws lambda publish-layer-version --layer-name ${name} --zip-file fileb://${name}.zip --compatible-runtimes (nodejs\\d+\\.x ?)+ --compatible-architectures x86_64 arm64$`));
      await page.locator('[data-create-layer]').getByRole('button', { name: 'Create', exact: true }).click();
      await status(page, new RegExp(`^Published arn:aws:lambda:us-east-1:\\d{12}:layer:${name}:1\\.$`));
    }

    // Configuration → Layers → Add a layer → Custom layers.
    await tab(page, 'configuration');
    await page.getByRole('button', { name: 'Add a layer', exact: true }).click();
    const addForm = page.locator('[data-edit-form="add-layer"]');
    await expect.poll(() => addForm.getByLabel('Layer', { exact: true }).locator('option').allTextContents()).toEqual(['planet-words', 'random-words']);
    await addForm.getByLabel('Layer', { exact: true }).selectOption('random-words');
    await expect.poll(() => addForm.getByLabel('Version', { exact: true }).locator('option').allTextContents()).toEqual(['1']);
    expect(await cli(addForm)).toMatch(/^aws lambda update-function-configuration --function-name hello-layers --layers arn:aws:lambda:us-east-1:\d{12}:layer:random-words:1$/);
    await addForm.getByRole('button', { name: 'Add', exact: true }).click();
    await status(page, 'Successfully updated the function configuration.');
    const layersTable = page.locator('[data-attached-layers] tbody tr');
    await expect.poll(() => layersTable.count()).toBe(1);

    // Specify an ARN: Lambda's refusal of a malformed one appears beside the field.
    await page.getByRole('button', { name: 'Add a layer', exact: true }).click();
    const addForm2 = page.locator('[data-edit-form="add-layer"]');
    await addForm2.getByLabel('Specify an ARN').check();
    await addForm2.getByLabel('Layer version ARN').fill('random-words');
    await addForm2.getByRole('button', { name: 'Add', exact: true }).click();
    const refusal = addForm2.locator('[data-layer-error="arn"]');
    await expect.poll(() => refusal.textContent()).toMatch(/^\w+Exception: /);
    const statusText = await page.locator('[data-status]').textContent();
    expect(statusText).toBe(await refusal.textContent());
    expect(await axe('Add a layer, refused ARN')).toEqual([]);
    const randomArn = (await page.locator('[data-attached-layers] code').first().textContent())!;
    await addForm2.getByLabel('Layer version ARN').fill(randomArn.replace('random-words', 'planet-words'));
    await addForm2.getByRole('button', { name: 'Add', exact: true }).click();
    await status(page, 'Successfully updated the function configuration.');
    await expect.poll(() => layersTable.count()).toBe(2);

    // Edit order, by keyboard: choose planet-words, Merge earlier, Save.
    await page.locator('[data-action="edit-layers"]').click();
    const order = page.locator('[data-edit-form="layers"]');
    await order.getByRole('radio', { name: /planet-words/ }).check();
    await order.getByRole('button', { name: 'Merge earlier' }).focus();
    await page.keyboard.press('Enter');
    expect(await order.locator('label').allTextContents()).toEqual([' 1. planet-words, version 1', ' 2. random-words, version 1']);
    expect(await cli(order)).toMatch(/--layers arn:\S+:layer:planet-words:1 arn:\S+:layer:random-words:1$/);
    await order.getByRole('button', { name: 'Save' }).click();
    await status(page, 'Successfully updated the function configuration.');
    await expect.poll(() => page.locator('[data-attached-layers] tbody tr td:nth-child(2)').allTextContents()).toEqual(['planet-words', 'random-words']);

    // Environment variables: Edit, Add environment variable, labelled Key and Value.
    await page.getByRole('button', { name: 'Environment variables' }).click();
    await editEnv.click();
    await page.getByRole('button', { name: 'Add environment variable' }).click();
    const envForm = page.locator('[data-edit-form="env"]');
    await envForm.getByLabel('Key').fill('HELLO');
    await envForm.getByLabel('Value').fill('world');
    expect(await cli(envForm)).toBe("aws lambda update-function-configuration --function-name hello-layers --environment 'Variables={HELLO=world}'");
    expect(await axe('Environment variables, Edit')).toEqual([]);
    await envForm.getByRole('button', { name: 'Save' }).click();
    await status(page, 'Successfully updated the function configuration.');
    await expect.poll(() => page.locator('[data-env-table] tbody tr').allTextContents()).toEqual(['HELLOworld']);
    // A reserved key: refused, and the refusal stands beside the form.
    await editEnv.click();
    await page.getByRole('button', { name: 'Add environment variable' }).click();
    await envForm.getByLabel('Key').last().fill('AWS_REGION');
    await envForm.getByLabel('Value').last().fill('eu-west-1');
    await envForm.getByRole('button', { name: 'Save' }).click();
    await expect.poll(() => envForm.locator('[data-form-error]').textContent()).toBe(
      'InvalidParameterValueException: Lambda was unable to configure your environment variables because the environment variables you have provided contains reserved keys that are currently not supported for modification. Reserved keys used in this request: AWS_REGION',
    );
    await envForm.getByRole('button', { name: 'Remove' }).last().click();
    // A half-filled form survives an aws line in the Terminal, and the section shows its change once the form is closed.
    await page.getByRole('button', { name: 'Add environment variable' }).click();
    await envForm.getByLabel('Key').last().fill('DRAFT');
    await openTerminal(page);
    await terminalRun(page, 'aws lambda update-function-configuration --function-name hello-layers --timeout 7 --query Timeout');
    await tab(page, 'configuration');
    expect(await envForm.isVisible()).toBe(true);
    expect(await envForm.getByLabel('Key').last().inputValue()).toBe('DRAFT');
    await envForm.getByRole('button', { name: 'Cancel' }).click();
    await expect.poll(() => page.locator('[data-panel="configuration"]').textContent()).toContain('Timeout0 min 7 sec');

    // Test, then View CloudWatch logs: Monitor opens at this invocation's stream.
    await tab(page, 'test');
    expect(await cli(page.locator('[data-panel="test"]'))).toMatch(/^aws lambda invoke --function-name hello-layers --log-type Tail --cli-binary-format raw-in-base64-out --payload '[^']*' response\.json$/s);
    await page.click('[data-action="invoke"]');
    await page.waitForSelector('[data-test-result] [data-outcome]', { timeout: 60_000 });
    const requestId = (await page.locator('[data-log-output]').textContent())!.match(/START RequestId: ([0-9a-f-]{36})/)![1]!;
    await page.getByRole('button', { name: 'View CloudWatch logs' }).click();
    await page.waitForSelector('[data-panel="monitor"]:not([hidden]) details[open] [data-log-stream]');
    const openStream = page.locator('[data-panel="monitor"] details[open]');
    expect(await openStream.textContent()).toContain(`START RequestId: ${requestId}`);

    // Actions → Delete function asks for "confirm" first.
    await actions.click();
    await page.getByRole('menuitem', { name: 'Delete function' }).click();
    const del = page.getByRole('dialog', { name: 'Delete function hello-layers' });
    expect(await del.getByRole('button', { name: 'Delete' }).isDisabled()).toBe(true);
    expect(await cli(del)).toBe('aws lambda delete-function --function-name hello-layers');
    await del.getByLabel('To confirm deletion, type confirm in the field.').fill('confirm');
    await del.getByRole('button', { name: 'Delete' }).click();
    await status(page, 'Successfully deleted the function hello-layers.');
    expect(await page.locator('[data-function-picker]').inputValue()).toBe('');
    await page.context().close();
  });
});
