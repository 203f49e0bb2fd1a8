/**
 * "Check against my AWS account": the exercise's checks, read-only, against the learner's real
 * account. The keys live only in this call's memory: never stored, logged, put in a URL or exported.
 */
import { LambdaClient } from '@aws-sdk/client-lambda';
import { CloudWatchLogsClient } from '@aws-sdk/client-cloudwatch-logs';
import { runChecks, describeError } from '../checks/index.ts';
import { h, clear } from './dom.ts';

/** Tests point the panel at the emulator's HTTP server standing in for AWS. */
declare global {
  var __WORKBOOK_AWS_ENDPOINT__: string | undefined;
}

export async function checkAwsAccount(form: HTMLFormElement, output: HTMLElement, slug: string, answers: Record<string, string>): Promise<void> {
  const field = (name: string) => String(new FormData(form).get(name) ?? '').trim();
  const region = field('region') || 'us-east-1';
  const sessionToken = field('sessionToken');
  const config = {
    region,
    credentials: { accessKeyId: field('accessKeyId'), secretAccessKey: field('secretAccessKey'), ...(sessionToken ? { sessionToken } : {}) },
    maxAttempts: 2,
    ...(globalThis.__WORKBOOK_AWS_ENDPOINT__ ? { endpoint: globalThis.__WORKBOOK_AWS_ENDPOINT__ } : {}),
  };
  const lambda = new LambdaClient(config);
  const logs = new CloudWatchLogsClient(config);
  clear(output, h('p', {}, `Checking your account in ${region}…`));
  try {
    const report = await runChecks(slug, { lambda, logs, target: 'aws', prefix: field('prefix'), answers });
    clear(
      output,
      h('p', { 'data-aws-score': '' }, `${report.points} of ${report.maxPoints} points in your AWS account.`),
      h(
        'table',
        { class: 'wb-summary' },
        h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'Task'), h('th', { scope: 'col' }, 'Result'), h('th', { scope: 'col' }, 'Details'))),
        h('tbody', {}, ...report.tasks.map((t) => h('tr', { 'data-aws-task': t.id, 'data-passed': String(t.passed) }, h('td', {}, t.title), h('td', {}, `${t.points} of ${t.maxPoints}`), h('td', {}, t.passed ? 'Done' : t.message, ...(t.passed ? [] : (t.mismatches ?? []).map((m) => h('span', { class: 'wb-mismatch' }, h('br', {}), h('strong', {}, 'Expected: '), m.expected, h('br', {}), h('strong', {}, 'Got: '), m.got))))))),
      ),
      h('p', { class: 'wb-muted' }, `Looked at: ${report.resources.join(', ') || 'nothing'}. Nothing was changed.`),
    );
  } catch (e) {
    clear(output, h('p', { role: 'alert' }, `The check could not run: ${describeError(e)}`));
  } finally {
    lambda.destroy();
    logs.destroy();
  }
}
