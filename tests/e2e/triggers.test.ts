/**
 * The Triggers tab in Chromium, as a learner uses it: resources made in the Terminal, then "Add
 * trigger" for an S3 bucket (with a prefix, after the recursion acknowledgement), an SNS topic and
 * an EventBridge schedule, each adding the resource-based policy statement the console adds; an SQS
 * trigger refused beside the form in Lambda's words while the execution role lacks SQS; an upload
 * under the prefix invoking the function; and the Function overview listing the triggers.
 */
import { describe, expect, it } from 'vitest';
import { useSiteAndBrowser } from '../support/site.ts';
import { auditAccessibility } from '../support/a11y.ts';
import { createFunction, openExercise, openTerminal, status, tab, terminalRun } from '../../src/bench/workspace-driver.ts';

const env = useSiteAndBrowser();

describe('the Triggers tab', () => {
  it('adds S3, SNS and EventBridge triggers with their permissions, and refuses SQS in Lambda\'s words until the role allows it', async () => {
    const page = await openExercise(env.browser, env.url, 'hello-lambda');
    await createFunction(page, 'hello-lambda');
    await openTerminal(page);
    await terminalRun(page, 'aws s3 mb s3://uploads');
    await terminalRun(page, 'aws sqs create-queue --queue-name jobs');
    const topicArn = (await terminalRun(page, 'aws sns create-topic --name news --query TopicArn --output text')).trim();

    // The overview's "+ Add trigger" opens the tab with the form's first control focused.
    await page.click('[data-overview-add="triggers"]');
    await page.waitForFunction(() => document.activeElement?.hasAttribute('data-trigger-source'));
    const panel = page.locator('[data-panel="triggers"]');
    expect(await panel.locator('[data-trigger-list]').textContent()).toBe('None yet.');

    // S3: the bucket, a prefix, and the acknowledgement the console asks for.
    await panel.getByLabel('Bucket', { exact: true }).fill('uploads');
    await panel.getByLabel('Prefix (optional)', { exact: true }).fill('incoming/');
    await panel.getByRole('button', { name: 'Add', exact: true }).click();
    // Not acknowledged: the browser keeps the form from being sent.
    expect(await panel.locator('[data-trigger-acknowledge]').evaluate((el) => (el as HTMLInputElement).validity.valueMissing)).toBe(true);
    await panel.locator('[data-trigger-acknowledge]').check();
    await panel.getByRole('button', { name: 'Add', exact: true }).click();
    await status(page, /^Added the trigger uploads to hello-lambda: its resource-based policy now allows s3\.amazonaws\.com to invoke it \(statement lambda-[0-9a-f-]{36}\), and the bucket sends it s3:ObjectCreated:\* for keys starting with "incoming\/"\.$/);

    // SQS: the console's role may not read the queue, and Lambda says so beside the form.
    await panel.getByLabel('Source', { exact: true }).selectOption('sqs');
    await panel.getByLabel('SQS queue', { exact: true }).fill('jobs');
    await panel.getByRole('button', { name: 'Add', exact: true }).click();
    await page.waitForSelector('[data-panel="triggers"] [data-inline-error]');
    expect(await panel.locator('[data-inline-error]').textContent()).toContain('The provided execution role does not have permissions to call ReceiveMessage on SQS');

    // SNS and an EventBridge schedule.
    await panel.getByLabel('Source', { exact: true }).selectOption('sns');
    await panel.getByLabel('SNS topic ARN', { exact: true }).fill(topicArn);
    await panel.getByRole('button', { name: 'Add', exact: true }).click();
    await status(page, /^Added the trigger news to hello-lambda: .* and the topic has the subscription arn:aws:sns:[a-z0-9-]+:\d{12}:news:[0-9a-f-]{36}\.$/);
    await panel.getByLabel('Source', { exact: true }).selectOption('events');
    await panel.getByLabel('Schedule expression', { exact: true }).fill('rate(1 hour)');
    await panel.getByRole('button', { name: 'Add', exact: true }).click();
    await status(page, /^Added the trigger hello-lambda-schedule to hello-lambda: the rule runs on rate\(1 hour\)/);

    // The list and the overview show what invokes the function now.
    await page.waitForFunction(() => (document.querySelectorAll('[data-panel="triggers"] [data-trigger-list] li').length ?? 0) === 3);
    expect(await panel.locator('[data-trigger-list] li strong').allTextContents()).toEqual(['S3: uploads', 'SNS: news', 'EventBridge (CloudWatch Events): hello-lambda-schedule']);
    expect(await page.locator('[data-overview="triggers"] [data-overview-item]').allTextContents()).toEqual(expect.arrayContaining([expect.stringContaining('S3: uploads')]));

    // An upload under the prefix invokes the function (asynchronously); one outside it does not.
    await tab(page, 'terminal');
    await page.click('[data-terminal]');
    await terminalRun(page, `cd hello-lambda && echo 'export const handler = async (event) => { console.log(JSON.stringify(event)); };' > index.mjs && zip -r9 ../fn.zip . && cd ..`);
    await terminalRun(page, 'aws lambda update-function-code --function-name hello-lambda --zip-file fileb://fn.zip --query CodeSize');
    await terminalRun(page, 'echo hi > a.txt && aws s3 cp a.txt s3://uploads/incoming/a.txt && aws s3 cp a.txt s3://uploads/other/a.txt');
    let found = '';
    for (let i = 0; i < 100 && !found.includes('incoming/a.txt'); i++) {
      found = await terminalRun(page, `aws logs filter-log-events --log-group-name /aws/lambda/hello-lambda --filter-pattern '"ObjectCreated"' --query 'events[].message' --output text`);
      if (!found.includes('incoming/a.txt')) await page.waitForTimeout(200);
    }
    expect(found).toContain('incoming/a.txt');
    expect(found).not.toContain('other/a.txt');

    await tab(page, 'triggers');
    expect(await auditAccessibility(page)).toEqual([]);
    await page.context().close();
  });

  it('the Services tab lists buckets, queues, topics and rules, uploads, sends and polls, and advancing the page\'s clock fires a schedule', async () => {
    const page = await openExercise(env.browser, env.url, 'hello-lambda');
    await createFunction(page, 'hello-lambda');
    await openTerminal(page);
    await terminalRun(page, 'aws s3 mb s3://photos');
    await terminalRun(page, 'aws sqs create-queue --queue-name jobs');
    await terminalRun(page, 'aws sns create-topic --name news');
    // A schedule on the function, from the Triggers tab.
    await tab(page, 'triggers');
    const triggers = page.locator('[data-panel="triggers"]');
    await triggers.getByLabel('Source', { exact: true }).selectOption('events');
    await triggers.getByLabel('Schedule expression', { exact: true }).fill('rate(1 hour)');
    await triggers.getByRole('button', { name: 'Add', exact: true }).click();
    await status(page, /^Added the trigger hello-lambda-schedule/);

    await tab(page, 'services');
    const panel = page.locator('[data-panel="services"]');
    await page.waitForSelector('[data-panel="services"] [data-rule="hello-lambda-schedule"] [data-next-firing]');
    expect(await panel.locator('[data-bucket] strong').allTextContents()).toEqual(['photos']);
    expect(await panel.locator('[data-topic] strong').allTextContents()).toEqual(['news']);

    // Upload a file under a prefix, and see it listed.
    await panel.getByLabel('File', { exact: true }).setInputFiles({ name: 'cat.txt', mimeType: 'text/plain', buffer: Buffer.from('meow') });
    await panel.getByLabel('Key prefix (optional)', { exact: true }).fill('incoming/');
    await panel.getByRole('button', { name: 'Upload to photos', exact: true }).click();
    await status(page, 'Uploaded s3://photos/incoming/cat.txt.');
    await page.waitForFunction(() => document.querySelector('[data-panel="services"] [data-bucket="photos"]')?.textContent?.includes('incoming/cat.txt (4 bytes)'));

    // Send, then poll: the message comes back, received once.
    await panel.getByLabel('Message body', { exact: true }).fill('{"job":1}');
    await panel.getByRole('button', { name: 'Send message to jobs', exact: true }).click();
    await status(page, /^Sent message [0-9a-f-]{36} to jobs\.$/);
    await page.waitForFunction(() => document.querySelector('[data-panel="services"] [data-queue="jobs"]')?.textContent?.includes('(1 available, 0 in flight)'));
    await panel.getByRole('button', { name: 'Poll for messages in jobs', exact: true }).click();
    await page.waitForFunction(() => document.querySelector('[data-panel="services"] [data-received="jobs"]')?.textContent?.includes('{"job":1}'));
    expect(await panel.locator('[data-received="jobs"] li p').first().textContent()).toMatch(/^[0-9a-f-]{36}, received 1 time\(s\)$/);

    // The schedule fires when the page's clock reaches it: one invocation, the Scheduled Event in the logs.
    await panel.getByRole('button', { name: 'To the next scheduled firing', exact: true }).click();
    await status(page, "Advanced the page's clock by 1 hour: what came due has run (schedules, retries, queued events).")
    await page.waitForFunction(() => /ahead of your clock\)\.$/.test(document.querySelector('[data-panel="services"] [data-page-time]')?.textContent ?? ''));
    await tab(page, 'terminal');
    await page.click('[data-terminal]');
    expect(await terminalRun(page, `aws logs filter-log-events --log-group-name /aws/lambda/hello-lambda --filter-pattern '"START RequestId"' --query 'length(events)'`)).toBe('1');

    await tab(page, 'services');
    expect(await auditAccessibility(page)).toEqual([]);
    await page.context().close();
  });
});
