/**
 * The console's Function overview: the function in the middle, what invokes it on the left
 * (event source mappings, services its resource-based policy allows, its function URL), its layers
 * under it, and where its results go on the right (asynchronous destinations, the dead-letter
 * queue). Each item is a button that opens the tab and control that configure it. It is built as
 * lists of buttons, read in order by a screen reader; the arrows are decoration.
 */
import {
  GetFunctionConfigurationCommand,
  GetFunctionEventInvokeConfigCommand,
  GetFunctionUrlConfigCommand,
  GetPolicyCommand,
  ListEventSourceMappingsCommand,
  type FunctionConfiguration,
} from '@aws-sdk/client-lambda';
import { h, clear } from './dom.ts';
import type { Ctx } from './context.ts';
import { currentFunction } from './panels/function-bar.ts';

/** One box on the diagram, and where clicking it goes. */
export interface OverviewItem {
  label: string;
  detail?: string;
  tab: string;
  /** A control inside the tab to focus; the tab panel itself when absent or not found. */
  focus?: string;
}

export interface Overview {
  functionName: string;
  triggers: OverviewItem[];
  layers: OverviewItem[];
  destinations: OverviewItem[];
}

interface PolicyStatement {
  Principal?: string | Record<string, string>;
  Action?: string;
  Condition?: Record<string, Record<string, string>>;
}

/** The last part of an ARN, the resource's own name: `arn:aws:sqs:us-east-1:123:orders` → `orders`. */
export function resourceName(arn: string): string {
  const parts = arn.split(':');
  return parts.length >= 6 ? parts.slice(5).join(':').replace(/^(layer|rule|function)[:/]/, '') : arn;
}

/** What each AWS service principal is called on the diagram, as the console names the trigger. */
const SERVICE_TRIGGERS: Record<string, string> = {
  's3.amazonaws.com': 'S3',
  'sns.amazonaws.com': 'SNS',
  'events.amazonaws.com': 'EventBridge (CloudWatch Events)',
  'sqs.amazonaws.com': 'SQS',
  'apigateway.amazonaws.com': 'API Gateway',
  'logs.amazonaws.com': 'CloudWatch Logs',
};

function destinationService(arn: string): string {
  const service = arn.split(':')[2] ?? '';
  return { sqs: 'SQS queue', sns: 'SNS topic', events: 'EventBridge event bus', lambda: 'Lambda function' }[service] ?? 'Destination';
}

/** The overview of one function, from the same API calls the console makes. */
export async function readOverview(ctx: Ctx, functionName: string): Promise<Overview> {
  const lambda = ctx.emu.lambda;
  const none = () => undefined;
  const [config, mappings, policy, url, invokeConfig] = await Promise.all([
    lambda.send(new GetFunctionConfigurationCommand({ FunctionName: functionName })),
    lambda.send(new ListEventSourceMappingsCommand({ FunctionName: functionName })).catch(none),
    lambda.send(new GetPolicyCommand({ FunctionName: functionName })).catch(none),
    lambda.send(new GetFunctionUrlConfigCommand({ FunctionName: functionName })).catch(none),
    lambda.send(new GetFunctionEventInvokeConfigCommand({ FunctionName: functionName })).catch(none),
  ]);
  return overviewFrom(functionName, config, {
    mappings: (mappings?.EventSourceMappings ?? []).map((m) => ({ arn: m.EventSourceArn ?? '', state: m.State ?? '', batchSize: m.BatchSize })),
    statements: policy?.Policy ? ((JSON.parse(policy.Policy) as { Statement?: PolicyStatement[] }).Statement ?? []) : [],
    ...(url?.FunctionUrl ? { url: { address: url.FunctionUrl, authType: url.AuthType ?? 'NONE' } } : {}),
    onSuccess: invokeConfig?.DestinationConfig?.OnSuccess?.Destination,
    onFailure: invokeConfig?.DestinationConfig?.OnFailure?.Destination,
  });
}

export interface OverviewSources {
  mappings: { arn: string; state: string; batchSize?: number | undefined }[];
  statements: PolicyStatement[];
  url?: { address: string; authType: string };
  onSuccess?: string | undefined;
  onFailure?: string | undefined;
}

/** The overview from the API's answers: pure, so its reading of each answer is tested without a page. */
export function overviewFrom(functionName: string, config: FunctionConfiguration, sources: OverviewSources): Overview {
  const triggers: OverviewItem[] = [];
  for (const m of sources.mappings) {
    triggers.push({ label: `SQS: ${resourceName(m.arn)}`, detail: `Event source mapping, ${m.state}${m.batchSize ? `, batch size ${m.batchSize}` : ''}`, tab: 'triggers' });
  }
  for (const s of sources.statements) {
    if (s.Action === 'lambda:InvokeFunctionUrl') continue; // shown as the function URL below
    const principal = typeof s.Principal === 'string' ? s.Principal : (s.Principal?.['Service'] ?? s.Principal?.['AWS'] ?? '*');
    const source = s.Condition?.['ArnLike']?.['AWS:SourceArn'] ?? s.Condition?.['StringEquals']?.['AWS:SourceArn'];
    const service = SERVICE_TRIGGERS[principal];
    triggers.push({
      label: service ? `${service}${source ? `: ${resourceName(source)}` : ''}` : `Allowed: ${principal}`,
      detail: 'Resource-based policy statement',
      tab: 'triggers',
    });
  }
  if (sources.url) triggers.push({ label: 'Function URL', detail: `${sources.url.address} (auth ${sources.url.authType})`, tab: 'configuration' });
  const layers = (config.Layers ?? []).map((l, i) => ({ label: resourceName(l.Arn ?? ''), detail: `Layer ${i + 1} of ${config.Layers!.length}, merged in this order`, tab: 'layers' }));
  const destinations: OverviewItem[] = [];
  if (sources.onSuccess) destinations.push({ label: `On success: ${resourceName(sources.onSuccess)}`, detail: destinationService(sources.onSuccess), tab: 'async', focus: '[data-on-success]' });
  if (sources.onFailure) destinations.push({ label: `On failure: ${resourceName(sources.onFailure)}`, detail: destinationService(sources.onFailure), tab: 'async', focus: '[data-on-failure]' });
  const dlq = config.DeadLetterConfig?.TargetArn;
  if (dlq) destinations.push({ label: `Dead-letter queue: ${resourceName(dlq)}`, detail: destinationService(dlq), tab: 'async', focus: '[data-dlq]' });
  return { functionName, triggers, layers, destinations };
}

/** Opens a tab and focuses its control once the panel has drawn it (panels render asynchronously). */
function goTo(ctx: Ctx, item: Pick<OverviewItem, 'tab' | 'focus'>): void {
  ctx.showTab(item.tab);
  const panel = document.getElementById(`wb-panel-${item.tab}`);
  const started = performance.now();
  const tryFocus = () => {
    const target = item.focus ? panel?.querySelector<HTMLElement>(item.focus) : undefined;
    if (target) {
      target.focus();
      target.scrollIntoView({ block: 'nearest' });
    } else if (performance.now() - started < 1500) requestAnimationFrame(tryFocus);
    else panel?.focus();
  };
  if (item.focus) requestAnimationFrame(tryFocus);
  else panel?.focus();
}

function column(ctx: Ctx, title: string, items: OverviewItem[], add: { label: string; tab: string; focus?: string }, key: string): HTMLElement {
  const headingId = `wb-overview-${key}`;
  return h(
    'section',
    { class: `wb-overview-col wb-overview-${key}`, 'aria-labelledby': headingId },
    h('h4', { id: headingId }, title),
    h(
      'ul',
      { 'data-overview': key },
      ...items.map((item) => h('li', {}, h('button', { type: 'button', class: 'wb-overview-item', 'data-overview-item': key, onclick: () => goTo(ctx, item) }, h('span', {}, item.label), item.detail ? h('small', {}, item.detail) : null))),
      h('li', {}, h('button', { type: 'button', class: 'wb-overview-add', 'data-overview-add': key, onclick: () => goTo(ctx, add) }, add.label)),
    ),
  );
}

export function functionDiagram(ctx: Ctx): HTMLElement {
  const body = h('div', { class: 'wb-overview-body' });
  const root = h('section', { class: 'wb-overview', 'aria-labelledby': 'wb-overview-title', 'data-function-overview': '' }, h('h3', { id: 'wb-overview-title' }, 'Function overview'), body);
  let drawing = 0;

  async function render(): Promise<void> {
    const fn = currentFunction(ctx);
    const mine = ++drawing;
    if (!fn) {
      root.hidden = true;
      return;
    }
    let overview: Overview;
    try {
      overview = await readOverview(ctx, fn);
    } catch {
      // The function is gone (deleted in another panel): the bar says so; nothing to draw.
      root.hidden = true;
      return;
    }
    if (mine !== drawing) return; // a newer render is under way
    root.hidden = false;
    const arrow = () => h('span', { class: 'wb-overview-arrow', 'aria-hidden': 'true' }, '→');
    clear(
      body,
      column(ctx, 'Triggers', overview.triggers, { label: '+ Add trigger', tab: 'triggers', focus: '[data-trigger-source]' }, 'triggers'),
      arrow(),
      h(
        'section',
        { class: 'wb-overview-col wb-overview-function', 'aria-labelledby': 'wb-overview-fn' },
        h('h4', { id: 'wb-overview-fn' }, h('button', { type: 'button', class: 'wb-overview-item', 'data-overview-item': 'function', onclick: () => goTo(ctx, { tab: 'code' }) }, overview.functionName)),
        h('p', { class: 'wb-muted' }, `Layers (${overview.layers.length})`),
        h(
          'ul',
          { 'data-overview': 'layers', 'aria-label': 'Layers' },
          ...overview.layers.map((item) => h('li', {}, h('button', { type: 'button', class: 'wb-overview-item', 'data-overview-item': 'layers', onclick: () => goTo(ctx, item) }, h('span', {}, item.label), item.detail ? h('small', {}, item.detail) : null))),
          h('li', {}, h('button', { type: 'button', class: 'wb-overview-add', 'data-overview-add': 'layers', onclick: () => goTo(ctx, { tab: 'layers' }) }, '+ Add a layer')),
        ),
      ),
      arrow(),
      column(ctx, 'Destinations', overview.destinations, { label: '+ Add destination', tab: 'async', focus: '[data-on-success]' }, 'destinations'),
    );
  }

  for (const topic of ['functions', 'config', 'layers', 'async', 'versions'] as const) ctx.on(topic, () => void render());
  root.hidden = true;
  void render();
  return root;
}
