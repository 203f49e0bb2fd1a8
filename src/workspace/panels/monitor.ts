/**
 * Monitor tab, as the console's: the function's metrics per minute (charts drawn by uPlot, loaded
 * only once Monitor is open, each with its numbers in a table), the invocation timeline, and the
 * CloudWatch log group's streams and events. Everything is derived from the logs the emulator
 * wrote (the record Lambda itself keeps, read whole through the emulator's `/_emulator/logs`) and
 * the throttles the page saw.
 */
import { functionLogGroup } from '../../emulator/index.ts';
import { h, clear } from '../dom.ts';
import type { Ctx } from '../context.ts';
import { METRICS, perMinute, type MinuteDatapoint } from '../metrics.ts';
import type { MetricCharts } from '../monitor/metric-charts.ts';
import { timelineView } from '../monitor/timeline-view.ts';
import { buildTimeline, type StreamEvents, type Timeline } from '../timeline.ts';
import { currentFunction, NO_FUNCTION_YET } from './function-bar.ts';
import { logPermissionsOf, missingLogsNotice } from '../log-permissions.ts';

export function monitorPanel(ctx: Ctx): HTMLElement {
  const logs = h('div', { class: 'wb-logs', 'data-logs': '' });
  const timeline = timelineView((stream) => {
    const details = logs.querySelector<HTMLDetailsElement>(`details[data-stream="${CSS.escape(stream)}"]`);
    if (!details) return;
    details.open = true;
    details.querySelector('summary')?.focus();
    details.scrollIntoView({ block: 'nearest' });
  });
  const metrics = metricsSection();

  async function render(): Promise<void> {
    const fn = currentFunction(ctx);
    if (!fn) {
      metrics.update(undefined);
      timeline.update(buildTimeline([]));
      return clear(logs, h('p', {}, NO_FUNCTION_YET));
    }
    const group = functionLogGroup(fn);
    // The whole group in one read, newest stream first (the emulator's inspection route: thousands of
    // events through the SDK's deserialisers took longer than everything else Monitor does).
    const read = await ctx.emu.inspect<{ logStreams?: { logStreamName: string; events: StreamEvents['events'] }[] }>(`/_emulator/logs?logGroupName=${encodeURIComponent(group)}`);
    const throttles = ctx.state.throttles.filter((t) => t.functionName === fn);
    const groupExists = read.logStreams !== undefined;
    // A role that may not write logs: say so, and point at the role, rather than show nothing.
    const notice = missingLogsNotice(logPermissionsOf(ctx.emu.service, fn), groupExists);
    const noticeShown = notice ? h('p', { class: 'wb-failed', role: 'note', 'data-logs-missing': '' }, notice) : null;
    if (!read.logStreams) {
      const t = buildTimeline([], throttles);
      metrics.update(t);
      timeline.update(t);
      return clear(logs, noticeShown ?? h('p', {}, `No log group ${group} yet: Lambda creates it when the function first runs.`));
    }
    const data: StreamEvents[] = read.logStreams.map((s) => ({ stream: s.logStreamName, events: s.events.map((e) => ({ timestamp: e.timestamp, message: e.message.replace(/\n$/, '') })) }));
    // Oldest environment first, so "environment 1" is the first one Lambda started.
    const t = buildTimeline([...data].reverse(), throttles, Date.now());
    metrics.update(t);
    timeline.update(t);
    // A stream the learner opened stays open when new events arrive.
    const open = new Set([...logs.querySelectorAll<HTMLDetailsElement>('details[data-stream][open]')].map((d) => d.dataset.stream));
    const streamsShown = data.map((s) => streamDetails(s));
    clear(logs, h('h3', {}, 'Log group ', h('code', { 'data-log-group': '' }, group)), noticeShown, ...streamsShown);
    for (const d of streamsShown) if (open.has(d.dataset.stream)) d.open = true;
  }

  const refresh = () => void render().catch((e: unknown) => ctx.status(`Monitor could not read the logs: ${String(e)}`, 'error'));
  ctx.on('logs', refresh);
  ctx.on('functions', refresh);
  refresh();
  return h(
    'div',
    { class: 'wb-monitor' },
    h('div', { class: 'wb-row' }, h('button', { type: 'button', onclick: refresh }, 'Refresh')),
    metrics.element,
    timeline.element,
    logs,
  );
}

/** One log stream, its events drawn only once opened: a long history costs nothing until read. */
function streamDetails(s: StreamEvents): HTMLDetailsElement {
  const details = h(
    'details',
    { class: 'wb-stream', 'data-stream': s.stream },
    h('summary', {}, 'Log stream ', h('code', { 'data-log-stream': '' }, s.stream), ` (${s.events.length} events)`),
  );
  details.addEventListener('toggle', () => {
    if (!details.open || details.querySelector('table')) return;
    details.append(
      h(
        'table',
        {},
        h('caption', { class: 'sr-only' }, `Events of log stream ${s.stream}`),
        h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'Timestamp'), h('th', { scope: 'col' }, 'Message'))),
        h('tbody', {}, ...s.events.map((e) => h('tr', {}, h('td', {}, new Date(e.timestamp).toISOString()), h('td', {}, h('pre', { class: 'wb-mono' }, e.message))))),
      ),
    );
  });
  return details;
}

/** The metrics: charts once uPlot has loaded, and always the same numbers as a table. */
function metricsSection(): { element: HTMLElement; update(t: Timeline | undefined): void } {
  const charts = h('div', { class: 'wb-metrics', 'data-metric-charts': '' });
  const table = h('details', { class: 'wb-metrics-table', 'data-metrics-table': '' });
  const status = h('p', { class: 'wb-hint', 'data-metrics-status': '' });
  const element = h('section', { class: 'wb-metrics-section', 'aria-labelledby': 'wb-metrics-heading' }, h('h3', { id: 'wb-metrics-heading' }, 'Metrics (per minute, UTC)'), status, charts, table);
  let drawn: MetricCharts | undefined;
  let generation = 0;
  // Fetched as Monitor opens, while the logs are read: the chart library only ever loads here.
  const chartsModule = import('../monitor/metric-charts.ts');
  chartsModule.catch(() => undefined);

  return {
    element,
    update(t) {
      const points = t ? perMinute(t) : [];
      const mine = ++generation;
      drawn?.destroy();
      drawn = undefined;
      if (!points.length) {
        status.textContent = 'No metrics yet: invoke the function (Test tab) and its metrics appear here, one datapoint a minute.';
        charts.replaceChildren();
        table.replaceChildren();
        return;
      }
      status.textContent = '';
      drawTable(table, points);
      void chartsModule.then(
        ({ drawMetricCharts }) => {
          if (mine !== generation) return;
          drawn = drawMetricCharts(charts, points);
        },
        (e: unknown) => {
          status.textContent = `The charts could not be loaded (${String(e)}); the table below has the same numbers.`;
        },
      );
    },
  };
}

function drawTable(table: HTMLDetailsElement, points: readonly MinuteDatapoint[]): void {
  const wasOpen = table.open;
  const value = (v: number | null) => (v === null ? '—' : String(v));
  clear(
    table,
    h('summary', {}, 'Metrics as a table'),
    h(
      'table',
      {},
      h('caption', {}, 'AWS/Lambda metrics per minute (— : no datapoint)'),
      h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'Minute (UTC)'), ...METRICS.map((m) => h('th', { scope: 'col' }, `${m.name} (${m.statistic}${m.unit === 'Milliseconds' ? ', ms' : ''})`)))),
      h(
        'tbody',
        {},
        ...points.map((p) =>
          h('tr', {}, h('th', { scope: 'row' }, new Date(p.minute).toISOString().slice(11, 16)), ...METRICS.map((m) => h('td', { 'data-metric': m.key }, value(p[m.key])))),
        ),
      ),
    ),
  );
  table.open = wasOpen;
}
