/** Monitor tab: CloudWatch log groups, streams and events, and a timeline of invocations. */
import { DescribeLogGroupsCommand, DescribeLogStreamsCommand, GetLogEventsCommand } from '@aws-sdk/client-cloudwatch-logs';
import { functionLogGroup } from '../../emulator/index.ts';
import { h, clear } from '../dom.ts';
import type { Ctx } from '../context.ts';
import { buildTimeline, type StreamEvents, type Timeline } from '../timeline.ts';
import { currentFunction, NO_FUNCTION_YET } from './function-bar.ts';

const SVG = 'http://www.w3.org/2000/svg';

export function monitorPanel(ctx: Ctx): HTMLElement {
  const chart = h('figure', { class: 'wb-timeline', 'data-timeline': '' });
  const logs = h('div', { class: 'wb-logs', 'data-logs': '' });

  async function render(): Promise<void> {
    const fn = currentFunction(ctx);
    if (!fn) return clear(logs, h('p', {}, NO_FUNCTION_YET));
    const group = functionLogGroup(fn);
    const groups = await ctx.emu.logs.send(new DescribeLogGroupsCommand({ logGroupNamePrefix: group }));
    if (!groups.logGroups?.some((g) => g.logGroupName === group)) {
      clear(chart);
      return clear(logs, h('p', {}, `No log group ${group} yet: Lambda creates it when the function first runs.`));
    }
    const streams = await ctx.emu.logs.send(new DescribeLogStreamsCommand({ logGroupName: group, orderBy: 'LastEventTime', descending: true }));
    const data: StreamEvents[] = await Promise.all(
      (streams.logStreams ?? []).map(async (s) => {
        const out = await ctx.emu.logs.send(new GetLogEventsCommand({ logGroupName: group, logStreamName: s.logStreamName!, startFromHead: true }));
        return { stream: s.logStreamName!, events: (out.events ?? []).map((e) => ({ timestamp: e.timestamp ?? 0, message: (e.message ?? '').replace(/\n$/, '') })) };
      }),
    );
    const timeline = buildTimeline(
      [...data].reverse(),
      ctx.state.throttles.filter((t) => t.functionName === fn),
    );
    drawTimeline(chart, timeline);
    clear(
      logs,
      h('h3', {}, 'Log group ', h('code', { 'data-log-group': '' }, group)),
      ...data.map((s) =>
        h(
          'details',
          { class: 'wb-stream' },
          h('summary', {}, 'Log stream ', h('code', { 'data-log-stream': '' }, s.stream), ` (${s.events.length} events)`),
          h(
            'table',
            {},
            h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'Timestamp'), h('th', { scope: 'col' }, 'Message'))),
            h('tbody', {}, ...s.events.map((e) => h('tr', {}, h('td', {}, new Date(e.timestamp).toISOString()), h('td', {}, h('pre', { class: 'wb-mono' }, e.message))))),
          ),
        ),
      ),
    );
  }

  ctx.on('logs', () => void render().catch(() => undefined));
  ctx.on('functions', () => void render().catch(() => undefined));
  void render().catch(() => undefined);
  return h('div', { class: 'wb-monitor' }, h('div', { class: 'wb-row' }, h('button', { type: 'button', onclick: () => void render() }, 'Refresh')), chart, logs);
}

function drawTimeline(figure: HTMLElement, t: Timeline): void {
  if (!t.invocations.length && !t.throttles.length) return clear(figure);
  const laneH = 22;
  const left = 90;
  const width = 640;
  const height = (t.lanes.length + 1) * laneH + 24;
  const span = Math.max(1, t.to - t.from);
  const x = (time: number) => left + ((time - t.from) / span) * (width - left - 10);
  const svg = document.createElementNS(SVG, 'svg');
  svg.setAttribute('viewBox', `0 0 ${width} ${height}`);
  svg.setAttribute('role', 'img');
  const cold = t.invocations.filter((i) => i.cold).length;
  const retries = t.invocations.filter((i) => i.retry).length;
  const n = (count: number, one: string, many = `${one}s`) => `${count} ${count === 1 ? one : many}`;
  const summary = `${n(t.invocations.length, 'invocation')} on ${n(t.lanes.length, 'execution environment')}: ${n(cold, 'cold start')}, ${n(retries, 'retry', 'retries')}, ${n(t.throttles.length, 'throttle')}; at most ${t.peakConcurrency} running at once.`;
  svg.setAttribute('aria-label', `Invocation timeline. ${summary}`);
  const el = (tag: string, attrs: Record<string, string | number>, text?: string) => {
    const node = document.createElementNS(SVG, tag);
    for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, String(v));
    if (text) node.textContent = text;
    svg.append(node);
    return node;
  };
  t.lanes.forEach((_, i) => el('text', { x: 4, y: i * laneH + 15, class: 'wb-tl-label' }, `environment ${i + 1}`));
  for (const inv of t.invocations) {
    const rect = el('rect', {
      x: x(inv.start),
      y: inv.lane * laneH + 4,
      width: Math.max(3, x(inv.start + inv.durationMs) - x(inv.start)),
      height: laneH - 8,
      class: `wb-tl-bar${inv.cold ? ' cold' : ''}${inv.retry ? ' retry' : ''}${inv.failed ? ' failed' : ''}`,
    });
    const title = document.createElementNS(SVG, 'title');
    title.textContent = `${inv.requestId}: ${inv.durationMs.toFixed(2)} ms${inv.cold ? ', cold start' : ', warm'}${inv.retry ? ', retry' : ''}${inv.failed ? ', failed' : ''}`;
    rect.append(title);
  }
  const throttleY = t.lanes.length * laneH + 4;
  if (t.throttles.length) el('text', { x: 4, y: throttleY + 12, class: 'wb-tl-label' }, 'throttled');
  for (const th of t.throttles) el('rect', { x: x(th.at) - 2, y: throttleY, width: 4, height: laneH - 8, class: 'wb-tl-throttle' });
  clear(
    figure,
    svg,
    h('figcaption', {}, summary, ' ', h('span', { class: 'wb-legend' }, h('span', { class: 'cold' }, 'cold start'), h('span', { class: 'warm' }, 'warm'), h('span', { class: 'retry' }, 'retry'), h('span', { class: 'failed' }, 'failed'))),
  );
}
