/**
 * A learner completes each exercise through the page alone: typing in the editor, deploying,
 * testing, publishing, creating aliases, uploading a real layer zip, and checking.
 */
import { describe, expect, it } from 'vitest';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { zipSync } from 'fflate';
import { useSiteAndBrowser } from '../support/site.ts';
import { auditAccessibility } from '../support/a11y.ts';
import { checkAll, createFunction, deploy, expectAllPassed, openExercise, setCode, status, tab, testInvoke } from '../../src/bench/workspace-driver.ts';

const exercisesDir = fileURLToPath(new URL('../../exercises/', import.meta.url));
const solution = (slug: string, file: string) => readFileSync(join(exercisesDir, slug, 'solution', file), 'utf8');

/** Zips a folder the way `zip -r layer.zip nodejs` does: paths relative to the folder. */
function zipFolder(dir: string): Buffer {
  const files: Record<string, Uint8Array> = {};
  const walk = (d: string) => {
    for (const name of readdirSync(d)) {
      const p = join(d, name);
      if (statSync(p).isDirectory()) walk(p);
      else files[relative(dir, p)] = readFileSync(p);
    }
  };
  walk(dir);
  return Buffer.from(zipSync(files));
}

const env = useSiteAndBrowser();

describe('a learner completes every exercise in the page', () => {
  it('hello-lambda', async () => {
    const page = await openExercise(env.browser, env.url, 'hello-lambda');
    await createFunction(page, 'hello-lambda');
    const run = await testInvoke(page);
    expect(run.outcome).toBe('succeeded');
    expect(run.log).toMatch(/^START RequestId: [0-9a-f-]{36} Version: \$LATEST$/m);
    expect(run.log).toMatch(/^REPORT RequestId: [0-9a-f-]{36}\tDuration: \d+\.\d\d ms\tBilled Duration: \d+ ms\tMemory Size: 128 MB\tMax Memory Used: \d+ MB\tInit Duration: \d+\.\d\d ms\t$/m);
    await tab(page, 'configuration');
    await page.waitForSelector('[data-latest-arn]');
    const policy = await page.textContent('[data-policy]');
    expect(policy).toContain('logs:CreateLogStream');
    await page.fill('[data-question="role-policy"] input', 'AWSLambdaBasicExecutionRole');
    await page.fill('[data-question="qualified-arn"] input', (await page.textContent('[data-latest-arn]'))!);
    await page.check('[data-question="arn-choice"] input[value="b"]');
    await tab(page, 'monitor');
    await page.waitForSelector('[data-log-stream]');
    expect(await page.textContent('[data-log-group]')).toBe('/aws/lambda/hello-lambda');
    // The timeline is drawn from the same logs: one environment, one cold start.
    expect(await page.getAttribute('[data-timeline] svg', 'aria-label')).toBe(
      'Invocation timeline. 1 invocation on 1 execution environment: 1 cold start, 0 retries, 0 throttles; at most 1 running at once.',
    );
    expectAllPassed(await checkAll(page));
    await page.context().close();
  });

  it('environment-variables', async () => {
    const page = await openExercise(env.browser, env.url, 'environment-variables');
    await createFunction(page, 'hello-lambda');
    await tab(page, 'configuration');
    await page.click('[data-action="edit-env"]');
    await page.click('[data-action="add-env"]');
    await page.fill('[data-env-key]', 'HELLO');
    await page.fill('[data-env-value]', 'world');
    await page.click('[data-action="save-env"]');
    await status(page, 'Successfully updated the function configuration.');
    await setCode(page, solution('environment-variables', 'index.mjs'));
    await deploy(page);
    const run = await testInvoke(page, '{}');
    expect(JSON.parse(run.response).body).toBe('"Hello world!"');
    // A reserved key: Lambda refuses, and the learner pastes its message.
    await tab(page, 'configuration');
    await page.click('[data-action="edit-env"]');
    await page.click('[data-action="add-env"]');
    await page.locator('[data-env-key]').last().fill('AWS_REGION');
    await page.locator('[data-env-value]').last().fill('eu-west-1');
    await page.click('[data-action="save-env"]');
    const refused = await status(page, 'InvalidParameterValueException');
    expect(refused).toBe(
      'InvalidParameterValueException: Lambda was unable to configure your environment variables because the environment variables you have provided contains reserved keys that are currently not supported for modification. Reserved keys used in this request: AWS_REGION',
    );
    await page.fill('[data-question="reserved-variable"] input', refused.replace(/^InvalidParameterValueException: /, ''));
    expectAllPassed(await checkAll(page));
    await page.context().close();
  });

  it('versions-and-aliases', async () => {
    const page = await openExercise(env.browser, env.url, 'versions-and-aliases');
    await createFunction(page, 'hello-lambda');
    await tab(page, 'versions');
    await page.click('[data-action="publish-version"]');
    await status(page, 'Successfully created version 1 of the function hello-lambda.');
    await setCode(page, solution('versions-and-aliases', 'index.mjs'));
    await deploy(page);
    await tab(page, 'versions');
    await page.click('[data-action="publish-version"]');
    await status(page, 'Successfully created version 2 of the function hello-lambda.');
    await page.waitForSelector('[data-panel="versions"] [data-alias-version] option[value="2"]', { state: 'attached' });
    const form = page.locator('[data-panel="versions"] form').last();
    await form.locator('[data-alias-name]').fill('prod');
    await form.locator('[data-alias-version]').selectOption('1');
    await form.locator('[data-alias-second]').selectOption('2');
    await form.locator('[data-alias-weight]').fill('10');
    await form.locator('[data-action="create-alias"]').click();
    await status(page, 'Alias prod now points to version 1 with 10% to version 2.');
    // Test runs what the Qualifier selector has open: the alias, which runs published code.
    await page.selectOption('[data-qualifier]', 'prod');
    await tab(page, 'test');
    expect(await page.textContent('[data-test-target]')).toBe('Test invokes alias prod (open in the Qualifier selector).');
    const viaAlias = await testInvoke(page, '{}');
    expect(viaAlias.outcome).toBe('succeeded');
    expect(viaAlias.log).toMatch(/^START RequestId: \S+ Version: [12]$/m);
    // The open alias is in the address, as on the console's version pages: a reload stays on it.
    expect(new URL(page.url()).searchParams.get('qualifier')).toBe('prod');
    await page.reload();
    await page.waitForSelector('[data-editor][data-ready="true"]', { state: 'attached', timeout: 60_000 });
    await page.waitForFunction(() => (document.querySelector('[data-qualifier]') as HTMLSelectElement).value === 'prod');
    await tab(page, 'test');
    expect(await page.textContent('[data-test-target]')).toBe('Test invokes alias prod (open in the Qualifier selector).');
    expect((await testInvoke(page, '{}')).log).toMatch(/^START RequestId: \S+ Version: [12]$/m);
    // An address naming a version that does not exist opens the function, and says so.
    await page.goto(`${env.url}/exercises/versions-and-aliases/?qualifier=9`);
    await status(page, 'Version 9 of hello-lambda does not exist (any more): the console shows the function.');
    expect(await page.inputValue('[data-qualifier]')).toBe('');
    expect(new URL(page.url()).searchParams.has('qualifier')).toBe(false);
    expectAllPassed(await checkAll(page));
    await page.context().close();
  });

  it('layers, uploading a real zip', async () => {
    const page = await openExercise(env.browser, env.url, 'layers');
    await createFunction(page, 'hello-layers');
    await tab(page, 'layers');
    await page.click('[data-action="create-layer"]');
    await page.fill('[data-layer-name]', 'random-words');
    await page.setInputFiles('[data-layer-zip]', { name: 'random-words.zip', mimeType: 'application/zip', buffer: zipFolder(join(exercisesDir, 'layers/starter/random-words-layer')) });
    await page.click('[data-action="publish-layer-zip"]');
    await status(page, /attached it to hello-layers/);
    await setCode(page, solution('layers', 'index.mjs'));
    await deploy(page);
    const run = await testInvoke(page, '{}');
    expect(run.outcome).toBe('succeeded');
    expect(JSON.parse(run.response).words).toHaveLength(3);
    await tab(page, 'layers');
    await page.click('[data-action="create-layer"]');
    await page.fill('[data-layer-name]', 'planet-words');
    await page.setInputFiles('[data-layer-zip]', { name: 'planet-words.zip', mimeType: 'application/zip', buffer: zipFolder(join(exercisesDir, 'layers/starter/planet-words-layer')) });
    await page.click('[data-action="publish-layer-zip"]');
    await status(page, /planet-words:1 and attached it to hello-layers/);
    await page.fill('[data-question="layer-wins"] input', 'planet-words');
    expectAllPassed(await checkAll(page));
    await page.context().close();
  });
});

describe('the function’s files', () => {
  it('adds a nested module, imports it, renames it with a clear refusal first, and deletes a file', async () => {
    const page = await openExercise(env.browser, env.url, 'hello-lambda');
    await createFunction(page, 'hello-lambda');
    await page.click('[data-action="new-file"]');
    await page.fill('[data-file-path]', 'lib/greet.mjs');
    await page.press('[data-file-path]', 'Enter');
    await page.waitForSelector('[data-file="lib/greet.mjs"][aria-current="true"]');
    await setCode(page, "export const greet = (name) => `Hello, ${name}!`;\n");
    await page.click('[data-file="index.mjs"]');
    await setCode(page, "import { greet } from './lib/greet.mjs';\nexport const handler = async (event) => greet(event.name);\n");
    await deploy(page);
    expect((await testInvoke(page, '{"name":"Lambda"}')).response).toBe('"Hello, Lambda!"');

    await tab(page, 'code');
    await page.click('[data-file="lib/greet.mjs"]');
    await page.click('[data-action="rename-file"]');
    await page.fill('[data-file-path]', 'index.mjs');
    await page.press('[data-file-path]', 'Enter');
    expect(await page.textContent('[data-file-error]')).toBe('index.mjs already exists.');
    await page.fill('[data-file-path]', 'lib/hello.mjs');
    await page.press('[data-file-path]', 'Enter');
    await page.waitForSelector('[data-file="lib/hello.mjs"]');
    expect(await page.locator('[data-file="lib/greet.mjs"]').count()).toBe(0);

    await page.click('[data-action="new-file"]');
    await page.fill('[data-file-path]', 'package.json');
    await page.press('[data-file-path]', 'Enter');
    await page.waitForSelector('[data-file="package.json"]');
    await page.click('[data-action="delete-file"]');
    await page.waitForFunction(() => !document.querySelector('[data-file="package.json"]'));
    expect(await page.$$eval('[data-file]', (els) => els.map((e) => e.getAttribute('data-file')))).toEqual(['lib/hello.mjs', 'index.mjs']);
    await page.context().close();
  });
});

describe('the editor', () => {
  it('completes handler code from the aws-lambda types', async () => {
    const page = await openExercise(env.browser, env.url, 'hello-lambda');
    await setCode(page, "/** @type {import('aws-lambda').Handler} */\nexport const handler = async (event, context) => {\n  return context");
    // Typing the dot asks the TypeScript service for the members of Lambda's Context type.
    await page.keyboard.type('.');
    const suggestions = await page.waitForFunction(
      () => {
        const text = document.querySelector('.suggest-widget')?.textContent ?? '';
        return text.includes('getRemainingTimeInMillis') ? text : false;
      },
      null,
      { timeout: 60_000 },
    );
    const text = (await suggestions.jsonValue()) as string;
    expect(text).toContain('getRemainingTimeInMillis');
    expect(text).toContain('awsRequestId');
    await page.context().close();
  });
});

describe('asynchronous invocation in the page', () => {
  it('answers 202, runs the event in the background and delivers the record to the on-success destination', async () => {
    const page = await openExercise(env.browser, env.url, 'hello-lambda');
    await createFunction(page, 'hello-lambda');
    await tab(page, 'async');
    const queueArn = 'arn:aws:sqs:us-east-1:000000000000:hello-lambda-success';
    await page.fill('[data-on-success]', queueArn);
    await page.click('[data-action="save-async"]');
    // The function's role may not send there yet: Lambda refuses, and the panel offers the grant.
    await status(page, `The function's execution role does not have permissions to call SendMessage on ${queueArn}`);
    await page.getByRole('button', { name: /^Add sqs:SendMessage to hello-lambda-role(-\w+)? and save$/ }).click();
    await status(page, 'Saved the asynchronous invocation settings.');
    await tab(page, 'test');
    await page.click('[data-action="invoke-async"]');
    await page.waitForFunction(() => document.querySelector('[data-test-result]')?.textContent?.includes('status 202'));
    await tab(page, 'async');
    const record = await page.waitForFunction(
      () => {
        document.querySelector<HTMLButtonElement>('[data-action="refresh-async"]')?.click();
        const pre = document.querySelector('[data-sink-messages] pre');
        return pre ? pre.textContent : false;
      },
      null,
      { timeout: 30_000, polling: 500 },
    );
    const delivered = JSON.parse((await record.jsonValue()) as string);
    expect(delivered).toMatchObject({
      version: '1.0',
      requestContext: { condition: 'Success', approximateInvokeCount: 1, functionArn: expect.stringMatching(/:function:hello-lambda:\$LATEST$/) },
      requestPayload: { key1: 'value1', key2: 'value2', key3: 'value3' },
      responseContext: { statusCode: 200, executedVersion: '$LATEST' },
      responsePayload: { statusCode: 200, body: '"Hello from Lambda!"' },
    });
    await page.context().close();
  });
});

describe('cold starts in the page', () => {
  it('starts a spare worker once the editor is up; the first Test takes it, and Deploy then Test takes the next', async () => {
    const page = await openExercise(env.browser, env.url, 'hello-lambda');
    // The emulator's workers, not the editor's own.
    const lambdaWorkers = () => page.workers().filter((w) => /worker-entry/.test(w.url()));
    await page.waitForSelector('[data-editor][data-ready="true"]');
    await expect.poll(() => lambdaWorkers().length).toBe(1);
    const first = lambdaWorkers()[0]!;
    await createFunction(page, 'hello-lambda');
    expect((await testInvoke(page)).outcome).toBe('succeeded');
    // The environment runs in the spare; the next spare starts once the invocation has answered.
    await expect.poll(() => lambdaWorkers().length).toBe(2);
    const second = lambdaWorkers().find((w) => w !== first)!;
    // Deploy shuts the environment down, and with it the worker it ran in: the first spare.
    await deploy(page);
    await expect.poll(() => lambdaWorkers()).toEqual([second]);
    const run = await testInvoke(page);
    expect(run.outcome).toBe('succeeded');
    expect(run.log).toMatch(/Init Duration: \d+\.\d\d ms/);
    await expect.poll(() => lambdaWorkers().length).toBe(2);
    expect(lambdaWorkers()).toContain(second);
  });
});

describe('the workspace under stress and across sessions', () => {
  it("hello-lambda in Python: the console's Python runtime, the exercise's Python starter, every task green", async () => {
    const page = await openExercise(env.browser, env.url, 'hello-lambda');
    await page.click('[data-action="create-function"]');
    await page.fill('dialog[open] input[type="text"]', 'hello-lambda');
    await page.selectOption('dialog[open] select >> nth=0', 'python3.14');
    expect(await page.inputValue('dialog[open] input[type="text"] >> nth=1')).toBe('lambda_function.lambda_handler');
    await page.click('dialog[open] button[type="submit"]');
    await status(page, 'Successfully created the function hello-lambda');
    // The exercise's Python starter is among the learner's files now, and open.
    await tab(page, 'code');
    await page.waitForSelector('[data-file="lambda_function.py"][aria-current="true"]');
    await setCode(page, readFileSync(join(exercisesDir, 'hello-lambda', 'solution-python', 'lambda_function.py'), 'utf8'));
    await deploy(page);
    const run = await testInvoke(page);
    expect(run.outcome).toBe('succeeded');
    expect(run.log).toMatch(/^INIT_START Runtime Version: python:3\.14\.pyodide-314\.0\.8\t/m);
    await tab(page, 'configuration');
    await page.waitForSelector('[data-latest-arn]');
    await page.fill('[data-question="role-policy"] input', 'AWSLambdaBasicExecutionRole');
    await page.fill('[data-question="qualified-arn"] input', (await page.textContent('[data-latest-arn]'))!);
    await page.check('[data-question="arn-choice"] input[value="b"]');
    expectAllPassed(await checkAll(page));
    await page.context().close();
  });

  it('layers in Python: the Python starters from the Layers tab, python/ at the top, every task green', async () => {
    const page = await openExercise(env.browser, env.url, 'layers');
    await page.click('[data-action="create-function"]');
    await page.fill('dialog[open] input[type="text"]', 'hello-layers');
    await page.selectOption('dialog[open] select >> nth=0', 'python3.14');
    await page.click('dialog[open] button[type="submit"]');
    await status(page, 'Successfully created the function hello-layers');
    await tab(page, 'layers');
    await page.getByRole('button', { name: 'Create layer random-words from Python starter' }).click();
    await status(page, "The form holds random-words's files (2, under python/). Choose Create to publish it.");
    // The form lists the Python runtimes only, as the layer is for them.
    const selected = await page.$$eval('[data-compatible-runtimes] option:checked', (os) => os.map((o) => (o as HTMLOptionElement).value));
    expect(selected.length).toBeGreaterThan(0);
    expect(selected.every((r) => r.startsWith('python'))).toBe(true);
    await page.click('[data-action="publish-layer-zip"]');
    await status(page, /random-words:1 and attached it to hello-layers/);
    await tab(page, 'code');
    await page.waitForSelector('[data-file="lambda_function.py"]');
    await setCode(page, readFileSync(join(exercisesDir, 'layers', 'solution-python', 'lambda_function.py'), 'utf8'));
    await deploy(page);
    const run = await testInvoke(page, '{}');
    expect(run.outcome).toBe('succeeded');
    expect(JSON.parse(run.response).words).toHaveLength(3);
    await tab(page, 'layers');
    await page.getByRole('button', { name: 'Create layer planet-words from Python starter' }).click();
    await page.click('[data-action="publish-layer-zip"]');
    await status(page, /planet-words:1 and attached it to hello-layers/);
    await page.fill('[data-question="layer-wins"] input', 'planet-words');
    expectAllPassed(await checkAll(page));
    await page.context().close();
  });

  it('ends an infinite loop with Task timed out, stays responsive, and runs the next test', async () => {
    const page = await openExercise(env.browser, env.url, 'hello-lambda');
    await createFunction(page, 'hello-lambda');
    await setCode(page, 'export const handler = async () => {\n  while (true) {}\n};\n');
    await deploy(page);
    const looping = testInvoke(page);
    // The page answers while the handler spins in its worker.
    await expect(page.evaluate(() => 6 * 7)).resolves.toBe(42);
    const run = await looping;
    expect(run.outcome).toBe('failed');
    expect(JSON.parse(run.response)).toEqual({ errorType: 'Sandbox.Timedout', errorMessage: expect.stringMatching(/^RequestId: [0-9a-f-]{36} Error: Task timed out after 3\.00 seconds$/) });
    expect(run.log).toMatch(/^\S+Z [0-9a-f-]{36} Task timed out after 3\.00 seconds$/m);
    await setCode(page, solution('hello-lambda', 'index.mjs'));
    await deploy(page);
    const next = await testInvoke(page);
    expect(next.outcome).toBe('succeeded');
    expect(next.log).toContain('Init Duration');
    await page.context().close();
  });

  it('restores code and console state on reload, and moves to a fresh browser by export and import', async () => {
    const page = await openExercise(env.browser, env.url, 'environment-variables');
    await createFunction(page, 'hello-lambda');
    const code = "export const handler = async () => ({ saved: 'across reloads' });\n";
    await setCode(page, code);
    await deploy(page);
    await page.waitForTimeout(400); // the debounced save
    await page.reload();
    await page.waitForSelector('[data-editor][data-ready="true"]');
    const editorText = async (p: typeof page) => p.evaluate(() => (document.querySelector('[data-editor] .view-lines') as HTMLElement).innerText.replace(/\u00a0/g, ' '));
    expect(await editorText(page)).toContain("saved: 'across reloads'");
    expect(await page.inputValue('[data-function-picker]')).toBe('hello-lambda');
    expect((await testInvoke(page)).response).toContain('across reloads');

    const download = page.waitForEvent('download');
    await page.click('[data-action="export"]');
    const file = await (await download).path();
    const exported = readFileSync(file!, 'utf8');
    expect(JSON.parse(exported).exercises['environment-variables'].files['index.mjs']).toBe(code);

    // A corrupt file is refused and changes nothing.
    await page.setInputFiles('[data-import-file]', { name: 'broken.json', mimeType: 'application/json', buffer: Buffer.from('{"version":1,"quizzes":') });
    await status(page, 'That file was not imported, and nothing changed');
    await page.setInputFiles('[data-import-file]', { name: 'foreign.json', mimeType: 'application/json', buffer: Buffer.from('{"name":"some other app"}') });
    await status(page, 'That file was not imported, and nothing changed');
    expect(await editorText(page)).toContain("saved: 'across reloads'");

    // A fresh profile imports the export and finds the same code and function.
    const fresh = await openExercise(env.browser, env.url, 'environment-variables');
    await fresh.setInputFiles('[data-import-file]', { name: 'progress.json', mimeType: 'application/json', buffer: Buffer.from(exported) });
    await fresh.waitForEvent('load');
    await fresh.waitForSelector('[data-editor][data-ready="true"]');
    expect(await editorText(fresh)).toContain("saved: 'across reloads'");
    expect((await testInvoke(fresh)).response).toContain('across reloads');
    await page.context().close();
    await fresh.context().close();
  });

  it('has no accessibility violations with the console and editor loaded, in both themes', async () => {
    for (const theme of ['light', 'dark']) {
      const context = await env.browser.newContext({ viewport: { width: 1440, height: 1000 } });
      await context.addInitScript((t) => localStorage.setItem('starlight-theme', t), theme);
      const page = await openExercise(env.browser, env.url, 'hello-lambda', context);
      await createFunction(page, 'hello-lambda');
      await testInvoke(page);
      const violations = await auditAccessibility(page);
      expect(violations.map((v) => `${theme}: ${v.id} ${v.help} at ${v.targets.join(', ')}`)).toEqual([]);
      await context.close();
    }
  });
});
