/**
 * "Check against my AWS account": the exercise's checks, read-only, against the learner's real
 * account. The keys live only in this call's memory: never stored, logged, put in a URL or exported.
 */
import { LambdaClient, ListFunctionsCommand } from '@aws-sdk/client-lambda';
import { CloudWatchLogsClient } from '@aws-sdk/client-cloudwatch-logs';
import { runChecks, describeError } from '../checks/index.ts';
import { h, clear } from './dom.ts';
import { classifyConnection, describeConnectionFailure, isNoResponse, type Probe } from './connection-check.ts';

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
  const endpoint = globalThis.__WORKBOOK_AWS_ENDPOINT__ ?? `https://lambda.${region}.amazonaws.com`;
  try {
    // One read first: if the account cannot be reached, say why, rather than grade every task 0.
    try {
      await lambda.send(new ListFunctionsCommand({ MaxItems: 1 }));
    } catch (e) {
      const kind = classifyConnection(e, isNoResponse(e) ? await probe(endpoint) : undefined);
      if (kind) {
        clear(output, h('p', { role: 'alert', class: 'wb-error', 'data-aws-connect-error': kind }, describeConnectionFailure(kind, e, endpoint, region)));
        return;
      }
    }
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

/**
 * An opaque request (no-cors) to the endpoint: the browser lets it through even where CORS blocks
 * the SDK's own, so an answer here means the network is fine and CORS is what stopped the check.
 */
async function probe(endpoint: string): Promise<Probe> {
  try {
    await fetch(endpoint, { mode: 'no-cors', cache: 'no-store', signal: AbortSignal.timeout(5000) });
    return 'answered';
  } catch {
    return 'no-answer';
  }
}
