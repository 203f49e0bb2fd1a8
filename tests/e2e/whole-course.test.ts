/**
 * The whole course in order on one account, as one learner in one browser does it: each exercise
 * page in the order the course lists them, following its instructions with the controls they name,
 * each function left as the next exercise finds it. At the end every exercise's Check is green
 * again, so no later exercise undid an earlier one.
 */
import { describe, expect, it } from 'vitest';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { zipSync } from 'fflate';
import type { BrowserContext, Page } from 'playwright-core';
import { exercises } from '../../exercises/index.ts';
import { useSiteAndBrowser } from '../support/site.ts';
import { checkAll, createFunction, deploy, expectAllPassed, openExercise, openTerminal, setCode, status, tab, terminalRun, testInvoke } from '../../src/bench/workspace-driver.ts';

const exercisesDir = fileURLToPath(new URL('../../exercises/', import.meta.url));
const solution = (slug: string, file: string) => readFileSync(join(exercisesDir, slug, 'solution', file), 'utf8');

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

/** The exercise's function: picked if an earlier exercise made it in this account, else created. */
async function useFunction(page: Page, name: string): Promise<void> {
  // The function bar has listed the account's functions (or said there are none yet).
  await page.waitForFunction(() => document.querySelector('[data-function-picker] option') !== null);
  if (await page.locator(`[data-function-picker] option[value="${name}"]`).count()) {
    if ((await page.inputValue('[data-function-picker]')) !== name) await page.selectOption('[data-function-picker]', name);
  } else {
    await createFunction(page, name);
  }
}

/** What each exercise's instructions have the learner do, in the page. */
const steps: Record<string, (page: Page) => Promise<void>> = {
  'hello-lambda': async (page) => {
    await useFunction(page, 'hello-lambda');
    expect((await testInvoke(page)).outcome).toBe('succeeded');
    await tab(page, 'configuration');
    await page.waitForSelector('[data-latest-arn]');
    await page.fill('[data-question="role-policy"] input', 'AWSLambdaBasicExecutionRole');
    await page.fill('[data-question="qualified-arn"] input', (await page.textContent('[data-latest-arn]'))!);
    await page.check('[data-question="arn-choice"] input[value="b"]');
  },
  'environment-variables': async (page) => {
    await useFunction(page, 'hello-lambda');
    await tab(page, 'configuration');
    await page.click('[data-action="edit-env"]');
    await page.click('[data-action="add-env"]');
    await page.locator('[data-env-key]').last().fill('HELLO');
    await page.locator('[data-env-value]').last().fill('world');
    await page.click('[data-action="save-env"]');
    await status(page, 'Successfully updated the function configuration.');
    await setCode(page, solution('environment-variables', 'index.mjs'));
    await deploy(page);
    expect(JSON.parse((await testInvoke(page, '{}')).response).body).toBe('"Hello world!"');
    await tab(page, 'configuration');
    await page.click('[data-action="edit-env"]');
    await page.click('[data-action="add-env"]');
    await page.locator('[data-env-key]').last().fill('AWS_REGION');
    await page.locator('[data-env-value]').last().fill('eu-west-1');
    await page.click('[data-action="save-env"]');
    const refused = await status(page, 'InvalidParameterValueException');
    await page.fill('[data-question="reserved-variable"] input', refused.replace(/^InvalidParameterValueException: /, ''));
  },
  'versions-and-aliases': async (page) => {
    await useFunction(page, 'hello-lambda');
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
    await page.selectOption('[data-qualifier]', 'prod');
    expect((await testInvoke(page, '{}')).outcome).toBe('succeeded');
    await page.selectOption('[data-qualifier]', '');
  },
  layers: async (page) => {
    await useFunction(page, 'hello-layers');
    await tab(page, 'layers');
    await page.click('[data-action="create-layer"]');
    await page.fill('[data-layer-name]', 'random-words');
    await page.setInputFiles('[data-layer-zip]', { name: 'random-words.zip', mimeType: 'application/zip', buffer: zipFolder(join(exercisesDir, 'layers/starter/random-words-layer')) });
    await page.click('[data-action="publish-layer-zip"]');
    await status(page, /attached it to hello-layers/);
    await setCode(page, solution('layers', 'index.mjs'));
    await deploy(page);
    expect(JSON.parse((await testInvoke(page, '{}')).response).words).toHaveLength(3);
    await tab(page, 'layers');
    await page.click('[data-action="create-layer"]');
    await page.fill('[data-layer-name]', 'planet-words');
    await page.setInputFiles('[data-layer-zip]', { name: 'planet-words.zip', mimeType: 'application/zip', buffer: zipFolder(join(exercisesDir, 'layers/starter/planet-words-layer')) });
    await page.click('[data-action="publish-layer-zip"]');
    await status(page, /planet-words:1 and attached it to hello-layers/);
    await page.fill('[data-question="layer-wins"] input', 'planet-words');
  },
  chaining: async (page) => {
    await useFunction(page, 'chain-caller');
    const refused = await testInvoke(page);
    expect(refused.response).toContain('AccessDeniedException');
    await page.fill('[data-question="denied-action"] input', 'lambda:InvokeFunction');
    await openTerminal(page);
    const role = await terminalRun(page, 'aws lambda get-function-configuration --function-name chain-caller --query Role --output text');
    const callee = await terminalRun(page, 'aws lambda get-function-configuration --function-name hello-lambda --query FunctionArn --output text');
    const roleName = role.trim().split('/').at(-1)!;
    await terminalRun(page, `aws iam put-role-policy --role-name ${roleName} --policy-name invoke-hello-lambda --policy-document '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"lambda:InvokeFunction","Resource":"${callee.trim()}"}]}'`);
    expect(await terminalRun(page, `aws iam list-role-policies --role-name ${roleName} --query PolicyNames --output text`)).toContain('invoke-hello-lambda');
    expect((await testInvoke(page)).outcome).toBe('succeeded');
  },
  'function-url': async (page) => {
    await useFunction(page, 'hello-url');
    await openTerminal(page);
    await terminalRun(page, 'aws lambda create-function-url-config --function-name hello-url --auth-type NONE');
    const send = async (query: string, headers = '') => {
      await tab(page, 'http');
      const panel = page.locator('[data-panel="http"]');
      await panel.getByLabel('Query string', { exact: true }).fill(query);
      await panel.getByLabel('Headers', { exact: true }).fill(headers);
      await page.evaluate(() => document.querySelector('[data-http-status]')?.remove());
      await panel.locator('[data-action="send-http"]').click();
      await page.waitForSelector('[data-http-status]');
      return { status: (await page.textContent('[data-http-status]'))!, headers: await page.$$eval('[data-http-response-headers] tr', (rows) => rows.map((r) => r.textContent ?? '')) };
    };
    // No resource policy yet: the URL refuses.
    expect((await send('')).status).toBe('HTTP 403 Forbidden');
    await tab(page, 'terminal');
    await page.click('[data-terminal]');
    await terminalRun(page, "aws lambda add-permission --function-name hello-url --statement-id FunctionURLAllowPublicAccess --action lambda:InvokeFunctionUrl --principal '*' --function-url-auth-type NONE");
    await terminalRun(page, "aws lambda add-permission --function-name hello-url --statement-id FunctionURLAllowInvokeAction --action lambda:InvokeFunction --principal '*' --invoked-via-function-url");
    expect((await send('')).status).toBe('HTTP 200 OK');
    await setCode(page, solution('function-url', 'index.mjs'));
    await deploy(page);
    expect((await send('name=Ada')).status).toBe('HTTP 200 OK');
    expect(await page.textContent('[data-http-response-body]')).toBe('{"message":"Hello, Ada!"}');
    expect((await send('')).status).toBe('HTTP 400 Bad Request');
    await tab(page, 'terminal');
    await page.click('[data-terminal]');
    await terminalRun(page, `aws lambda update-function-url-config --function-name hello-url --cors '{"AllowOrigins":["https://www.example.com"],"AllowMethods":["GET"]}'`);
    expect((await send('name=Ada', 'Origin: https://www.example.com')).headers).toContain('access-control-allow-originhttps://www.example.com');
  },
  's3-trigger': async (page) => {
    const bucket = 'uploads-ada-1815';
    await useFunction(page, 'upload-processor');
    await openTerminal(page);
    await terminalRun(page, `aws s3 mb s3://${bucket}`);
    // Triggers tab: S3, the bucket, all object create events, prefix uploads/, the acknowledgement.
    await tab(page, 'triggers');
    const form = page.locator('[data-add-trigger]');
    await form.getByLabel('Source', { exact: true }).selectOption('s3');
    await form.getByLabel('Bucket', { exact: true }).fill(bucket);
    await form.getByLabel('Prefix (optional)', { exact: true }).fill('uploads/');
    await form.locator('[data-trigger-acknowledge]').check();
    await form.getByRole('button', { name: 'Add', exact: true }).click();
    await status(page, `Added the trigger ${bucket} to upload-processor`);
    // Test tab: the S3 Put template, edited for the bucket and an encoded key, saved as s3-upload.
    await tab(page, 'test');
    await page.getByLabel('Template', { exact: true }).selectOption('s3-put');
    const template = await page.inputValue('[data-event-json]');
    await page.fill('[data-event-json]', template.replaceAll('example-bucket', bucket).replace('"test/key"', '"uploads/my+photo.txt"'));
    await page.getByLabel('Event name', { exact: true }).fill('s3-upload');
    await page.getByRole('button', { name: 'Save event', exact: true }).click();
    const refused = await testInvoke(page);
    expect(refused.response).toContain('AccessDenied');
    await page.fill('[data-question="denied-action"] input', 's3:PutObject');
    // Terminal: the role's name, then the inline policy for processed/*.
    await openTerminal(page);
    const role = (await terminalRun(page, 'aws lambda get-function-configuration --function-name upload-processor --query Role --output text')).trim().split('/').at(-1)!;
    await terminalRun(page, `aws iam put-role-policy --role-name ${role} --policy-name write-summaries --policy-document '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:PutObject","Resource":"arn:aws:s3:::${bucket}/processed/*"}]}'`);
    expect((await testInvoke(page)).outcome).toBe('succeeded');
    // Code: decode the key; Deploy; upload a file with a space in its name from the Terminal.
    await setCode(page, solution('s3-trigger', 'index.mjs'));
    await deploy(page);
    await openTerminal(page);
    await terminalRun(page, "echo 'a photo, in words' > 'my photo.txt'");
    await terminalRun(page, `aws s3 cp 'my photo.txt' 's3://${bucket}/uploads/my photo.txt'`);
    let listed = '';
    for (let attempt = 0; attempt < 20 && !listed.includes('my photo.txt.json'); attempt++) {
      await page.waitForTimeout(250);
      listed = await terminalRun(page, `aws s3 ls s3://${bucket}/processed/`);
    }
    expect(listed).toContain('my photo.txt.json');
    expect(await terminalRun(page, `aws s3 cp 's3://${bucket}/processed/my photo.txt.json' -`)).toContain('{"source":"uploads/my photo.txt","size":18}');
  },
  scheduled: async (page) => {
    await useFunction(page, 'nightly-report');
    // Terminal: the rule (printing its ARN), the function's ARN and the target; then the statement for that rule only.
    await openTerminal(page);
    const ruleArn = (await terminalRun(page, "aws events put-rule --name nightly-report-schedule --schedule-expression 'cron(0 3 * * ? *)' --query RuleArn --output text")).replace(/\s+/g, '');
    expect(ruleArn).toMatch(/^arn:aws:events:[a-z0-9-]+:\d{12}:rule\/nightly-report-schedule$/);
    const functionArn = (await terminalRun(page, 'aws lambda get-function --function-name nightly-report --query Configuration.FunctionArn --output text')).replace(/\s+/g, '');
    expect(functionArn).toMatch(/^arn:aws:lambda:[a-z0-9-]+:\d{12}:function:nightly-report$/);
    await terminalRun(page, `aws events put-targets --rule nightly-report-schedule --targets Id=nightly-report,Arn=${functionArn}`);
    expect((await terminalRun(page, 'aws events list-targets-by-rule --rule nightly-report-schedule --query Targets[0].Arn --output text')).replace(/\s+/g, '')).toBe(functionArn);
    await terminalRun(page, `aws lambda add-permission --function-name nightly-report --statement-id nightly-report-schedule --action lambda:InvokeFunction --principal events.amazonaws.com --source-arn ${ruleArn}`);
    expect((await terminalRun(page, 'aws lambda get-policy --function-name nightly-report --query Policy --output text')).replace(/\s+/g, '')).toContain(`"AWS:SourceArn":"${ruleArn}"`);
    // Services tab: to the next scheduled firing.
    await tab(page, 'services');
    await page.getByRole('button', { name: 'To the next scheduled firing', exact: true }).click();
    await status(page, "Advanced the page's clock");
    // Code: the event's time; Deploy; Test with the scheduled event template.
    await setCode(page, solution('scheduled', 'index.mjs'));
    await deploy(page);
    await tab(page, 'test');
    await page.getByLabel('Template', { exact: true }).selectOption('eventbridge-scheduled');
    const event = JSON.parse(await page.inputValue('[data-event-json]')) as { time: string };
    const result = await testInvoke(page);
    expect(result.outcome).toBe('succeeded');
    expect(result.response.replace(/\s+/g, '')).toContain(`"for":"${event.time.slice(0, 10)}"`);
  },
  'sqs-batch': async (page) => {
    await useFunction(page, 'order-worker');
    await openTerminal(page);
    const dlqUrl = JSON.parse(await terminalRun(page, 'aws sqs create-queue --queue-name orders-dlq')).QueueUrl as string;
    const dlqArn = JSON.parse(await terminalRun(page, `aws sqs get-queue-attributes --queue-url ${dlqUrl} --attribute-names QueueArn`)).Attributes.QueueArn as string;
    await terminalRun(page, `aws sqs create-queue --queue-name orders --attributes '{"RedrivePolicy":"{\\"deadLetterTargetArn\\":\\"${dlqArn}\\",\\"maxReceiveCount\\":\\"3\\"}"}'`);
    // Triggers tab: refused until the role may poll the queue.
    await tab(page, 'triggers');
    const form = page.locator('[data-add-trigger]');
    const addSqsTrigger = async () => {
      await form.getByLabel('Source', { exact: true }).selectOption('sqs');
      await form.getByLabel('SQS queue', { exact: true }).fill('orders');
      await form.getByLabel('Report batch item failures', { exact: true }).check();
      await form.getByRole('button', { name: 'Add', exact: true }).click();
    };
    await addSqsTrigger();
    await status(page, 'The provided execution role does not have permissions to call ReceiveMessage on SQS');
    await page.fill('[data-question="missing-permission"] input', 'sqs:ReceiveMessage');
    await openTerminal(page);
    const role = (await terminalRun(page, 'aws lambda get-function-configuration --function-name order-worker --query Role --output text')).trim().split('/').at(-1)!;
    await terminalRun(page, `aws iam attach-role-policy --role-name ${role} --policy-arn arn:aws:iam::aws:policy/service-role/AWSLambdaSQSQueueExecutionRole`);
    await tab(page, 'triggers');
    await addSqsTrigger();
    await status(page, 'Added the trigger orders to order-worker');
    // Code: report each failed message; Deploy; the SQS batch template reports both of its messages.
    await setCode(page, solution('sqs-batch', 'index.mjs'));
    await deploy(page);
    await tab(page, 'test');
    await page.getByLabel('Template', { exact: true }).selectOption('sqs-batch');
    expect((await testInvoke(page)).response).toContain('batchItemFailures');
    // Services: a poison message, and the clock moved on once per receive.
    await tab(page, 'services');
    const orders = page.locator('[data-queue="orders"]');
    await orders.getByLabel('Message body', { exact: true }).fill('not json');
    await orders.getByRole('button', { name: 'Send message to orders', exact: true }).click();
    await status(page, 'Sent message');
    for (let receive = 0; receive < 4; receive++) {
      await page.getByRole('button', { name: '+1 minute', exact: true }).click();
      await status(page, "Advanced the page's clock");
      await page.evaluate(() => document.querySelector('[data-status]')!.textContent = '');
    }
    await page.waitForFunction(() => /orders-dlq \(1 available/.test(document.querySelector('[data-queues]')?.textContent ?? ''), null, { timeout: 30_000 });
  },
  permissions: async (page) => {
    await useFunction(page, 'inventory-report');
    // The teammate's set-up: Lambda refuses a role that trusts EC2.
    await openTerminal(page);
    const role = (await terminalRun(page, `aws iam create-role --role-name inventory-app-role --assume-role-policy-document '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"ec2.amazonaws.com"},"Action":"sts:AssumeRole"}]}' --query Role.Arn --output text`)).trim();
    expect(await terminalRun(page, `aws lambda update-function-configuration --function-name inventory-report --role ${role}`)).toContain('The role defined for the function cannot be assumed by Lambda.');
    await terminalRun(page, "aws lambda add-permission --function-name inventory-report --statement-id public-invoke --action lambda:InvokeFunction --principal '*'");
    // Task 1: the trust policy read and replaced; the role accepted.
    expect(await terminalRun(page, "aws iam get-role --role-name inventory-app-role --query 'Role.AssumeRolePolicyDocument.Statement[0].Principal.Service' --output text")).toContain('ec2.amazonaws.com');
    await page.fill('[data-question="trusted-principal"] input', 'ec2.amazonaws.com');
    await openTerminal(page);
    await terminalRun(page, `aws iam update-assume-role-policy --role-name inventory-app-role --policy-document '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"lambda.amazonaws.com"},"Action":"sts:AssumeRole"}]}'`);
    expect(await terminalRun(page, `aws lambda update-function-configuration --function-name inventory-report --role ${role} --query Role --output text`)).toContain(role);
    // Configuration, Permissions reads the role again after the command: trusted by Lambda, no policies.
    await tab(page, 'configuration');
    await page.waitForSelector('[data-panel="configuration"] [data-no-policies]');
    expect(await page.textContent('[data-panel="configuration"] [data-trusted-by]')).toBe('lambda.amazonaws.com');
    // Task 2: the test answers, and the result says why there are no logs.
    expect((await testInvoke(page)).outcome).toBe('succeeded');
    await page.waitForFunction(() => /does not allow logs:/.test(document.querySelector('[data-test-result]')?.textContent ?? ''));
    await page.fill('[data-question="missing-log-permission"] input', 'logs:CreateLogStream');
    // Task 3: the managed policy; the logs appear.
    await openTerminal(page);
    await terminalRun(page, 'aws iam attach-role-policy --role-name inventory-app-role --policy-arn arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole');
    expect((await testInvoke(page)).log).toContain('Inventory report: 2 item(s) low on stock');
    // Task 4: the public statement out, the partner account in.
    await openTerminal(page);
    await terminalRun(page, 'aws lambda remove-permission --function-name inventory-report --statement-id public-invoke');
    await terminalRun(page, 'aws lambda add-permission --function-name inventory-report --statement-id partner-invoke --action lambda:InvokeFunction --principal 222222222222');
    expect(await terminalRun(page, 'aws lambda get-policy --function-name inventory-report --query Policy --output text')).toContain('arn:aws:iam::222222222222:root');
    await tab(page, 'configuration');
    await page.waitForSelector('[data-panel="configuration"] [data-statement="partner-invoke"]');
    expect(await page.locator('[data-panel="configuration"] [data-statement]').count()).toBe(1);
  },
};

describe('the whole course, in order, on one account', () => {
  it('does every exercise as the course lists them, and ends with every Check green', { timeout: 600_000 }, async () => {
    const slugs = exercises.map((e) => e.meta.slug);
    // Every exercise the course lists has its steps here: a new exercise must join this walk.
    expect(Object.keys(steps).sort()).toEqual([...slugs].sort());
    let context: BrowserContext | undefined;
    for (const slug of slugs) {
      const page = await openExercise(env.browser, env.url, slug, context);
      context = page.context();
      await steps[slug]!(page);
      expectAllPassed(await checkAll(page));
      await page.close();
    }
    // Later exercises changed the same function: each earlier Check must still pass.
    for (const slug of slugs) {
      const page = await openExercise(env.browser, env.url, slug, context);
      const result = await checkAll(page);
      expect({ slug, failing: result.tasks.filter((t) => !t.passed) }).toEqual({ slug, failing: [] });
      await page.close();
    }
    await context?.close();
  });
});
