/**
 * The Terminal tab in Chromium, typed into as a learner does: the shell over the function's files,
 * `aws` against the page's emulator, the layers exercise's command lines as its text gives them,
 * Ctrl+C, a reload that keeps the files and the history, and the HTTP tab on a function URL made here.
 */
import { describe, expect, it } from 'vitest';
import { useSiteAndBrowser } from '../support/site.ts';
import { auditAccessibility } from '../support/a11y.ts';
import { createFunction, openExercise, openTerminal, tab, terminalRun as run, testInvoke } from '../../src/bench/workspace-driver.ts';

const env = useSiteAndBrowser();
describe('the Terminal tab', () => {
  it('edits, zips and deploys the function from the command line, and keeps its files and history on reload', async () => {
    const page = await openExercise(env.browser, env.url, 'hello-lambda');
    await createFunction(page, 'hello-lambda');
    await openTerminal(page);

    expect(await run(page, 'ls hello-lambda')).toContain('index.mjs');
    expect(await run(page, "aws lambda list-functions --query 'Functions[].FunctionName' --output text")).toContain('hello-lambda');

    // The folder is the Code tab's files: a change made here is in the editor, and deployed from here.
    await run(page, `cd hello-lambda && echo 'export const handler = async () => ({ statusCode: 200, body: "from the terminal" });' > index.mjs`);
    await run(page, 'zip -r9 ../function.zip .');
    const update = await run(page, 'aws lambda update-function-code --function-name hello-lambda --zip-file fileb://../function.zip --query CodeSize');
    expect(Number(update)).toBeGreaterThan(0);
    await run(page, 'aws lambda invoke --function-name hello-lambda ../out.json');
    expect(await run(page, 'cat ../out.json')).toBe('{"statusCode":200,"body":"from the terminal"}');
    await tab(page, 'code');
    await page.waitForFunction(() => (document.querySelector('[data-editor] .view-lines') as HTMLElement | null)?.innerText.replace(/\u00a0/g, ' ').includes('from the terminal'));

    // A service error in the CLI's words, with its exit status.
    await openTerminal(page);
    const failed = await run(page, 'aws lambda get-function --function-name nope; echo "exit $?"');
    expect(failed.split('\n')[0]).toBe(''); // the CLI's blank line before the error
    // Rows wrap at the terminal's width: compare the text without the row breaks.
    expect(failed.replace(/\n/g, '')).toMatch(
      /^An error occurred \(ResourceNotFoundException\) when calling the GetFunction operation: Function not found: arn:aws:lambda:us-east-1:\d{12}:function:nopeexit 254$/,
    );

    // Ctrl+C on a half-typed line drops it; the history keeps what ran.
    await page.keyboard.type('rm -r /');
    await page.keyboard.press('Control+C');
    await page.waitForFunction(() => [...document.querySelectorAll('[data-terminal] .xterm-rows > div')].some((d) => d.textContent?.includes('rm -r /^C')));

    await page.reload();
    await page.waitForSelector('[data-workspace][data-ready="true"]');
    await openTerminal(page);
    expect(await run(page, 'cat ~/out.json')).toBe('{"statusCode":200,"body":"from the terminal"}');
    await page.keyboard.press('ArrowUp');
    await page.waitForFunction(() => [...document.querySelectorAll('[data-terminal] .xterm-rows > div')].some((d) => d.textContent?.includes('cat ~/out.json')));
    await page.context().close();
  });

  it('the layers exercise\'s command lines and seed 004\'s (npm init, npm install, zip, S3, publish) make a layer the function uses', async () => {
    const page = await openExercise(env.browser, env.url, 'layers');
    await createFunction(page, 'hello-layers');
    await openTerminal(page);
    expect(await run(page, 'tree starter')).toContain('random-words-layer');
    expect(await run(page, 'cd starter/random-words-layer')).toBe('');
    expect(await run(page, 'zip -r ../random-words.zip nodejs')).toContain('adding: nodejs/node_modules/random-words/index.js');
    // The text's line continuation, as bash reads it.
    await page.keyboard.type('aws lambda publish-layer-version --layer-name random-words \\');
    await page.keyboard.press('Enter');
    const published = await run(page, "  --compatible-runtimes nodejs22.x nodejs24.x --zip-file fileb://../random-words.zip --query LayerVersionArn --output text");
    expect(published).toMatch(/arn:aws:lambda:us-east-1:\d{12}:layer:random-words:1$/);

    // Seed 004's way: a folder nodejs, npm init, npm install random-words (the real package, from the
    // site's offline store), zip, an S3 bucket with the zip, the layer from S3, attached to the function.
    await run(page, 'mkdir -p ~/layer/nodejs && cd ~/layer/nodejs');
    expect(await run(page, 'npm init -y')).toContain('"name": "nodejs"');
    expect(await run(page, 'npm install random-words')).toMatch(/^\s*added 2 packages in \d+m?s$/);
    expect(await run(page, 'npm ls')).toContain('random-words@2.0.1');
    await run(page, 'cd .. && zip -qr9 lambda-layer.zip .');
    expect(await run(page, 'aws s3 mb s3://workbook-layers')).toBe('make_bucket: workbook-layers');
    expect(await run(page, 'aws s3 cp lambda-layer.zip s3://workbook-layers/')).toContain('upload: ./lambda-layer.zip to s3://workbook-layers/lambda-layer.zip');
    const fromS3 = await run(page, 'aws lambda publish-layer-version --layer-name random-words --content S3Bucket=workbook-layers,S3Key=lambda-layer.zip --compatible-runtimes nodejs24.x --query LayerVersionArn --output text');
    const arn = fromS3.replace(/\n/g, '');
    expect(arn).toMatch(/:layer:random-words:2$/);
    await run(page, `aws lambda update-function-configuration --function-name hello-layers --layers ${arn} --query 'Layers[0].Arn'`);
    // The handler imports the library from the layer, deployed and invoked from the terminal too.
    await run(page, 'cd ~/hello-layers');
    await run(page, `echo "import { generate } from 'random-words'; export const handler = async () => ({ words: generate(3) });" > index.mjs`);
    await run(page, 'zip -q ../f.zip index.mjs && aws lambda update-function-code --function-name hello-layers --zip-file fileb://../f.zip --query State');
    await run(page, 'aws lambda invoke --function-name hello-layers ../out.json');
    const out = JSON.parse((await run(page, 'cat ../out.json')).replace(/\n/g, '')) as { words: string[] };
    expect(out.words).toHaveLength(3);
    expect((await testInvoke(page)).outcome).toBe('succeeded');
    await page.context().close();
  });

  it('Esc then Tab leaves the terminal; Tab alone completes', async () => {
    const page = await openExercise(env.browser, env.url, 'hello-lambda');
    await openTerminal(page);
    await page.keyboard.type('aws lambda get-function-conf');
    await page.keyboard.press('Tab');
    await page.waitForFunction(() => [...document.querySelectorAll('[data-terminal] .xterm-rows > div')].some((d) => d.textContent?.includes('aws lambda get-function-configuration')));
    expect(await page.evaluate(() => document.activeElement?.classList.contains('xterm-helper-textarea'))).toBe(true);
    await page.keyboard.press('Escape');
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.classList.contains('xterm-helper-textarea'))).toBe(false);
    await page.context().close();
  });

  it('the HTTP tab sends a request to the URL made in the terminal, from the keyboard, and shows status, headers and body', async () => {
    const page = await openExercise(env.browser, env.url, 'hello-lambda');
    await createFunction(page, 'hello-lambda');
    await openTerminal(page);
    await run(page, `cd hello-lambda && echo 'export const handler = async (e) => ({ statusCode: 201, headers: { "x-method": e.requestContext.http.method }, body: e.rawPath + "?" + e.rawQueryString + " " + e.body });' > index.mjs`);
    await run(page, 'zip -r9 ../function.zip .');
    await run(page, 'aws lambda update-function-code --function-name hello-lambda --zip-file fileb://../function.zip --query CodeSize');
    expect(await run(page, 'aws lambda create-function-url-config --function-name hello-lambda --auth-type NONE --query AuthType --output text')).toBe('NONE');
    await run(page, "aws lambda add-permission --function-name hello-lambda --statement-id url --action lambda:InvokeFunctionUrl --principal '*' --function-url-auth-type NONE --query Sid");
    await run(page, "aws lambda add-permission --function-name hello-lambda --statement-id invoke --action lambda:InvokeFunction --principal '*' --function-url-auth-type NONE --query Sid");

    await tab(page, 'http');
    await page.waitForSelector('[data-http-url]');
    expect(await page.textContent('[data-http-url]')).toMatch(/^https?:\/\/[a-z0-9]{32}\.lambda-url\./);
    // From the keyboard: the fields are labelled, and Enter in one sends the form.
    const panel = page.locator('[data-panel="http"]');
    await panel.getByLabel('Method', { exact: true }).selectOption('POST');
    await panel.getByLabel('Path', { exact: true }).fill('/orders');
    await panel.getByLabel('Query string', { exact: true }).fill('n=7');
    await panel.getByLabel('Headers', { exact: true }).fill('Content-Type: text/plain');
    await panel.getByLabel('Body', { exact: true }).fill('hello');
    await panel.getByLabel('Path', { exact: true }).press('Enter');
    await page.waitForSelector('[data-http-status]');
    expect(await page.textContent('[data-http-status]')).toBe('HTTP 201 Created');
    expect(await page.textContent('[data-http-response-body]')).toBe('/orders?n=7 hello');
    expect(await page.$$eval('[data-http-response-headers] tr', (rows) => rows.map((r) => r.textContent))).toContain('x-methodPOST');
    // The form, the response and its headers table pass the same WCAG audit as the rest of the console.
    expect(await auditAccessibility(page)).toEqual([]);
  });

  it('a lesson\'s terminal block loads nothing heavy until used, types a suggested command, and runs it on Enter against the lesson\'s sandbox', async () => {
    const context = await env.browser.newContext({ viewport: { width: 390, height: 844 } });
    const page = await context.newPage();
    const scripts: string[] = [];
    page.on('request', (r) => {
      if (r.resourceType() === 'script') scripts.push(r.url());
    });
    await page.goto(`${env.url}/lessons/observability/`);
    const block = page.locator('[data-lesson-terminal]');
    await block.scrollIntoViewIfNeeded();
    expect(await page.locator('.xterm').count()).toBe(0);
    const before = scripts.length;
    // "Type" opens the terminal and puts the command on the prompt; Enter is the learner's.
    await block.getByRole('button', { name: /^Type: mkdir -p demo/ }).click();
    await page.waitForSelector('[data-lesson-terminal] [data-terminal-panel][data-terminal-ready="true"]');
    expect(scripts.length).toBeGreaterThan(before);
    await page.keyboard.press('Enter');
    for (const name of [/^Type: cd demo/, /^Type: aws lambda create-function/]) {
      await block.getByRole('button', { name }).click();
      await page.keyboard.press('Enter');
    }
    await page.waitForFunction(() => [...document.querySelectorAll('[data-lesson-terminal] .xterm-rows > div')].some((d) => d.textContent?.includes('"Active"') || d.textContent?.includes('"Pending"')), undefined, { timeout: 30_000 });
    expect(await auditAccessibility(page)).toEqual([]);
    await context.close();
  });
});
