/**
 * The invocation timeline as Monitor draws it: rows of execution environments on a UTC time axis,
 * each invocation's INIT and INVOKE phases, throttles on their own row; zoomed and moved with
 * buttons or the keyboard; a table of the invocations in view (its text alternative) and a detail
 * view of the one selected.
 */
import { clear, h } from '../dom.ts';
import { fullWindow, pan, spanLabel, timeLabel, timeTicks, zoom, type TimeWindow } from '../time-scale.ts';
import { laneRows, outcomeLabel, startLabel, type Invocation, type Timeline } from '../timeline.ts';

const SVG = 'http://www.w3.org/2000/svg';
/** Environments that get their own row; older ones fold into one. */
export const MAX_ENVIRONMENT_ROWS = 6;
/** Rows of the invocations table; zooming in shows the others. */
export const MAX_TABLE_ROWS = 25;

/** Drawn at the chart's own width (one unit a pixel), so labels stay readable on a phone. */
const WIDTH = 720;
const MIN_WIDTH = 360;
const LEFT = 100;
const RIGHT = 12;
const ROW = 24;
const AXIS = 26;

const n = (count: number, one: string, many = `${one}s`) => `${count} ${count === 1 ? one : many}`;
const utc = (t: number) => `${new Date(t).toISOString().slice(11, 23)}`;
const invocationKey = (i: Invocation) => `${i.requestId}#${i.attempt}`;

/** The whole timeline in one sentence: also the chart's accessible name. */
export function timelineSummary(t: Timeline): string {
  const cold = t.invocations.filter((i) => i.startKind === 'cold' || i.startKind === 'init-failed').length;
  const retries = t.invocations.filter((i) => i.retry).length;
  return `${n(t.invocations.length, 'invocation')} on ${n(t.lanes.length, 'execution environment')}: ${n(cold, 'cold start')}, ${n(retries, 'retry', 'retries')}, ${n(t.throttles.length, 'throttle')}; at most ${t.peakConcurrency} running at once.`;
}

export interface TimelineView {
  element: HTMLElement;
  update(t: Timeline): void;
}

/** `showStream` opens an environment's log stream below the timeline. */
export function timelineView(showStream: (stream: string) => void): TimelineView {
  let timeline: Timeline | undefined;
  let full: TimeWindow = { from: 0, to: 1 };
  let view: TimeWindow = full;
  let followLatest = true;
  let expanded = false;
  let selected: string | undefined;

  const figure = h('figure', { class: 'wb-timeline', 'data-timeline': '' });
  const windowLabel = h('p', { class: 'wb-tl-window', 'aria-live': 'polite', 'data-timeline-window': '' });
  const button = (label: string, action: string, onclick: () => void, title?: string) =>
    h('button', { type: 'button', 'data-timeline-action': action, onclick, ...(title ? { title } : {}) }, label);
  const lanesToggle = button('', 'environments', () => {
    expanded = !expanded;
    draw();
  });
  const toolbar = h(
    'div',
    { class: 'wb-row wb-tl-toolbar', role: 'toolbar', 'aria-label': 'Timeline zoom' },
    button('Zoom in', 'zoom-in', () => setView(zoom(view, full, 0.5)), 'Zoom in (+)'),
    button('Zoom out', 'zoom-out', () => setView(zoom(view, full, 2)), 'Zoom out (−)'),
    button('Earlier', 'earlier', () => setView(pan(view, full, -0.5)), 'Earlier (←)'),
    button('Later', 'later', () => setView(pan(view, full, 0.5)), 'Later (→)'),
    button('Whole timeline', 'reset', () => setView(full, true), 'Whole timeline (0)'),
    lanesToggle,
  );
  const keysHint = 'Keys: + and − zoom, ← and → move in time, ↑ and ↓ select the previous or next invocation, Enter zooms to it, 0 shows the whole timeline.';
  const chart = h('div', { class: 'wb-tl-chart', tabindex: 0, 'data-timeline-chart': '', 'aria-describedby': 'wb-tl-keys' });
  const table = h('div', { class: 'wb-tl-table', 'data-invocations': '' });
  const detail = h('section', { class: 'wb-tl-detail', 'data-invocation-detail': '', 'aria-label': 'Invocation details', hidden: true });
  const element = h(
    'section',
    { class: 'wb-tl-section', 'aria-labelledby': 'wb-tl-heading' },
    h('h3', { id: 'wb-tl-heading' }, 'Invocation timeline'),
    toolbar,
    windowLabel,
    figure,
    h('p', { id: 'wb-tl-keys', class: 'wb-hint' }, keysHint),
    detail,
    table,
  );
  const caption = h('span', {});
  // Built once: redrawing replaces only the drawing, so the chart keeps keyboard focus.
  figure.append(
    chart,
    h('figcaption', {}, caption, ' ',
      h('span', { class: 'wb-legend' },
        h('span', { class: 'init' }, 'INIT'),
        h('span', { class: 'cold' }, 'cold start'),
        h('span', { class: 'warm' }, 'warm'),
        h('span', { class: 'retry' }, 'retry'),
        h('span', { class: 'failed' }, 'error'),
        h('span', { class: 'throttle' }, 'throttle'))),
  );

  function inView(): Invocation[] {
    if (!timeline) return [];
    return timeline.invocations.filter((i) => i.start + i.durationMs >= view.from && (i.init?.start ?? i.start) <= view.to);
  }

  function setView(w: TimeWindow, follow = false): void {
    view = w;
    followLatest = follow || (w.from === full.from && w.to === full.to);
    draw();
  }

  function select(inv: Invocation | undefined, focusDetail: boolean): void {
    selected = inv ? invocationKey(inv) : undefined;
    draw();
    if (inv && focusDetail) detail.querySelector<HTMLElement>('h4')?.focus();
  }

  function moveSelection(step: 1 | -1): void {
    const visible = inView();
    if (!visible.length) return;
    const at = visible.findIndex((i) => invocationKey(i) === selected);
    const next = at < 0 ? (step > 0 ? 0 : visible.length - 1) : Math.min(visible.length - 1, Math.max(0, at + step));
    select(visible[next], false);
  }

  function zoomToSelected(): void {
    const inv = timeline?.invocations.find((i) => invocationKey(i) === selected);
    if (!inv) return;
    const begin = inv.init?.start ?? inv.start;
    const end = inv.start + inv.durationMs;
    const margin = Math.max(0.5, (end - begin) * 0.15);
    setView(zoom({ from: begin - margin, to: end + margin }, full, 1));
  }

  /** The bars last drawn, for finding the one under the pointer. */
  let hits: { shown: { inv: Invocation; row: number; x0: number; x1: number }[]; width: number; height: number } = { shown: [], width: 0, height: 0 };
  const barAt = (e: MouseEvent): Invocation | undefined => {
    const box = chart.querySelector('svg')?.getBoundingClientRect();
    if (!box?.width) return undefined;
    // In the drawing's own units, should CSS have scaled it.
    const scale = hits.width / box.width;
    const px = (e.clientX - box.left) * scale;
    const py = (e.clientY - box.top) * scale;
    if (py < 0 || py >= hits.height) return undefined;
    const row = Math.floor(py / ROW);
    let best: Invocation | undefined;
    let distance = Infinity;
    for (const s of hits.shown) {
      if (s.row !== row || px < s.x0 - 3 || px > s.x1 + 3) continue;
      const d = Math.abs(px - (s.x0 + s.x1) / 2);
      if (d < distance) [best, distance] = [s.inv, d];
    }
    return best;
  };
  chart.addEventListener('click', (e) => {
    const inv = barAt(e);
    if (inv) select(inv, true);
  });
  chart.addEventListener('mousemove', (e) => {
    const inv = barAt(e);
    chart.title = inv ? describe(inv) : '';
    chart.style.cursor = inv ? 'pointer' : '';
  });

  // Drawn again at the new width when the panel is shown or the window resized.
  let drawnWidth = 0;
  if (typeof ResizeObserver !== 'undefined') {
    new ResizeObserver(() => {
      if (chart.clientWidth && chart.clientWidth !== drawnWidth) draw();
    }).observe(chart);
  }

  chart.addEventListener('keydown', (e) => {
    const actions: Record<string, () => void> = {
      '+': () => setView(zoom(view, full, 0.5)),
      '=': () => setView(zoom(view, full, 0.5)),
      '-': () => setView(zoom(view, full, 2)),
      ArrowLeft: () => setView(pan(view, full, -0.25)),
      ArrowRight: () => setView(pan(view, full, 0.25)),
      ArrowUp: () => moveSelection(-1),
      ArrowDown: () => moveSelection(1),
      Enter: zoomToSelected,
      '0': () => setView(full, true),
      Home: () => setView(full, true),
    };
    const action = actions[e.key];
    if (!action) return;
    e.preventDefault();
    action();
  });

  function draw(): void {
    const t = timeline;
    if (!t || (!t.invocations.length && !t.throttles.length)) {
      element.hidden = true;
      return;
    }
    element.hidden = false;
    const rows = laneRows(t, MAX_ENVIRONMENT_ROWS, expanded);
    const total = t.lanes.length;
    lanesToggle.hidden = total <= MAX_ENVIRONMENT_ROWS;
    lanesToggle.textContent = expanded ? 'Fold older environments' : `Show all ${total} environments`;
    lanesToggle.setAttribute('aria-pressed', String(expanded));
    windowLabel.textContent = `Showing ${utc(view.from)} to ${utc(view.to)} UTC (${spanLabel(view.to - view.from)}).`;

    const rowOf = new Map<number, number>();
    rows.shown.forEach((lane, i) => rowOf.set(lane, i));
    const foldedRow = rows.collapsed.lanes.length ? rows.shown.length : -1;
    const folded = new Set(rows.collapsed.lanes);
    const throttleRow = rows.shown.length + (foldedRow >= 0 ? 1 : 0);
    const rowCount = throttleRow + (t.throttles.length ? 1 : 0);
    const height = rowCount * ROW + AXIS;
    const span = view.to - view.from;
    // The drawing's border takes two pixels of the chart's width.
    const width = Math.max(MIN_WIDTH, chart.clientWidth ? chart.clientWidth - 2 : WIDTH);
    drawnWidth = chart.clientWidth;
    const x = (time: number) => LEFT + ((Math.min(view.to, Math.max(view.from, time)) - view.from) / span) * (width - LEFT - RIGHT);

    const svg = document.createElementNS(SVG, 'svg');
    svg.setAttribute('viewBox', `0 0 ${width} ${height}`);
    svg.setAttribute('width', String(width));
    svg.setAttribute('height', String(height));
    svg.setAttribute('role', 'img');
    svg.setAttribute('aria-label', `Invocation timeline. ${timelineSummary(t)}`);
    const el = (parent: Element, tag: string, attrs: Record<string, string | number>, text?: string) => {
      const node = document.createElementNS(SVG, tag);
      for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, String(v));
      if (text !== undefined) node.textContent = text;
      parent.append(node);
      return node;
    };
    // The axis: gridlines and UTC labels at round steps.
    const { step, ticks } = timeTicks(view, Math.max(3, Math.floor((width - LEFT) / 90)));
    for (const tick of ticks) {
      el(svg, 'line', { x1: x(tick.at), x2: x(tick.at), y1: 0, y2: rowCount * ROW, class: 'wb-tl-grid' });
      el(svg, 'text', { x: x(tick.at), y: rowCount * ROW + 16, class: 'wb-tl-tick', 'text-anchor': 'middle' }, timeLabel(tick.at, step));
    }
    el(svg, 'line', { x1: LEFT, x2: width - RIGHT, y1: rowCount * ROW, y2: rowCount * ROW, class: 'wb-tl-axis' });
    rows.shown.forEach((lane, i) => {
      const label = el(svg, 'text', { x: 4, y: i * ROW + 16, class: 'wb-tl-label' }, `environment ${lane + 1}`);
      el(label, 'title', {}, t.lanes[lane]!);
    });
    if (foldedRow >= 0) el(svg, 'text', { x: 4, y: foldedRow * ROW + 16, class: 'wb-tl-label' }, `${n(rows.collapsed.lanes.length, 'older environment')}`);
    // Bars of one kind share one <path>: a thousand invocations are a few elements, not thousands.
    // The selected one is drawn again on top, outlined; a click finds the bar under the pointer.
    const paths = new Map<string, string[]>();
    const bar = (cls: string, x0: number, y: number, w: number) => {
      let d = paths.get(cls);
      if (!d) paths.set(cls, (d = []));
      d.push(`M${x0.toFixed(1)} ${y}h${w.toFixed(1)}v${ROW - 8}h${(-w).toFixed(1)}z`);
    };
    const shown: { inv: Invocation; row: number; x0: number; x1: number }[] = [];
    let chosen: { inv: Invocation; y: number } | undefined;
    for (const inv of inView()) {
      const row = folded.has(inv.lane) ? foldedRow : rowOf.get(inv.lane)!;
      const y = row * ROW + 4;
      const x0 = inv.init ? x(inv.init.start) : x(inv.start);
      if (inv.init) bar(initClass(inv), x(inv.init.start), y, initWidth(inv, x));
      bar(barClass(inv), x(inv.start), y, barWidth(inv, x));
      shown.push({ inv, row, x0, x1: x(inv.start) + barWidth(inv, x) });
      if (invocationKey(inv) === selected) chosen = { inv, y };
    }
    const bars = el(svg, 'g', { class: 'wb-tl-bars', 'aria-hidden': 'true' });
    for (const [cls, d] of paths) el(bars, 'path', { d: d.join(''), class: cls });
    if (chosen) {
      const { inv, y } = chosen;
      const g = el(svg, 'g', { class: 'wb-tl-inv selected', 'data-request-id': inv.requestId });
      if (inv.init) el(g, 'rect', { x: x(inv.init.start), y, width: initWidth(inv, x), height: ROW - 8, class: initClass(inv) });
      el(g, 'rect', { x: x(inv.start), y, width: barWidth(inv, x), height: ROW - 8, class: barClass(inv) });
    }
    hits = { shown, width, height: rowCount * ROW };
    if (t.throttles.length) {
      el(svg, 'text', { x: 4, y: throttleRow * ROW + 16, class: 'wb-tl-label' }, 'throttled');
      for (const th of t.throttles) {
        if (th.at < view.from || th.at > view.to) continue;
        const mark = el(svg, 'rect', { x: x(th.at) - 2, y: throttleRow * ROW + 4, width: 4, height: ROW - 8, class: 'wb-tl-throttle' });
        el(mark, 'title', {}, `${utc(th.at)} UTC: throttled (${th.reason})`);
      }
    }
    clear(chart, svg);
    caption.textContent = timelineSummary(t);
    drawTable();
    drawDetail();
  }

  function drawTable(): void {
    const visible = inView();
    const newest = [...visible].reverse().slice(0, MAX_TABLE_ROWS);
    const throttled = (timeline?.throttles ?? []).filter((th) => th.at >= view.from && th.at <= view.to);
    clear(
      table,
      h(
        'table',
        {},
        h('caption', {}, `Invocations in view, newest first: ${newest.length < visible.length ? `${newest.length} of ${visible.length} (zoom in to list the others)` : visible.length}`),
        h('thead', {}, h('tr', {}, ...['Start (UTC)', 'Request ID', 'Environment', 'Start', 'Init duration', 'Duration', 'Outcome', 'Attempt'].map((c) => h('th', { scope: 'col' }, c)))),
        h(
          'tbody',
          {},
          ...newest.map((inv) =>
            h(
              'tr',
              { 'data-invocation': inv.requestId, class: invocationKey(inv) === selected ? 'selected' : undefined },
              h('td', {}, utc(inv.start)),
              h('th', { scope: 'row' }, h('button', { type: 'button', class: 'wb-link', 'data-show-invocation': inv.requestId, onclick: () => select(inv, true) }, inv.requestId)),
              h('td', {}, `environment ${inv.lane + 1}`),
              h('td', { 'data-start-kind': inv.startKind }, startLabel(inv.startKind)),
              h('td', {}, inv.init ? spanLabel(inv.init.durationMs) : '—'),
              h('td', {}, inv.inFlight ? 'running' : spanLabel(inv.durationMs)),
              h('td', {}, outcomeLabel(inv)),
              h('td', {}, inv.retry ? `${inv.attempt} (retry ${inv.attempt - 1})` : '1'),
            ),
          ),
        ),
      ),
      throttled.length
        ? h(
            'table',
            { 'data-throttles': '' },
            h('caption', {}, `Throttled requests in view: ${throttled.length}`),
            h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'Time (UTC)'), h('th', { scope: 'col' }, 'Reason'))),
            h('tbody', {}, ...throttled.map((th) => h('tr', {}, h('td', {}, utc(th.at)), h('td', {}, th.reason)))),
          )
        : null,
    );
  }

  function drawDetail(): void {
    const inv = timeline?.invocations.find((i) => invocationKey(i) === selected);
    detail.hidden = !inv;
    if (!inv) return clear(detail);
    const rows: [string, string][] = [
      ['Request ID', inv.requestId],
      ['Version', inv.version],
      ['Execution environment', `environment ${inv.lane + 1} (log stream ${inv.stream})`],
      ['Start', startLabel(inv.startKind)],
    ];
    if (inv.init) {
      rows.push(['INIT phase', `${utc(inv.init.start)} UTC, ${spanLabel(inv.init.durationMs)}${inv.init.failure ? `, ${inv.init.failure.status === 'timeout' ? 'timed out' : `failed (${inv.init.failure.errorType ?? 'error'})`}; the environment was discarded` : ''}`]);
    } else if (inv.initializedAt !== undefined) {
      rows.push(['INIT phase', `ran ahead at ${utc(inv.initializedAt)} UTC, before the invocation arrived`]);
    } else rows.push(['INIT phase', 'none: the environment was already initialised']);
    rows.push(['INVOKE phase', `${utc(inv.start)} UTC, ${inv.inFlight ? `running for ${spanLabel(inv.durationMs)}` : spanLabel(inv.durationMs)}`]);
    if (inv.billedDurationMs !== undefined) rows.push(['Billed duration', `${inv.billedDurationMs} ms`]);
    if (inv.maxMemoryUsedMb !== undefined) rows.push(['Memory', `${inv.maxMemoryUsedMb} MB used of ${inv.memorySizeMb} MB`]);
    rows.push(['Outcome', outcomeLabel(inv)]);
    rows.push(['Attempt', inv.retry ? `${inv.attempt}: retry ${inv.attempt - 1} of an asynchronous invocation` : '1']);
    const nearby = (timeline?.throttles ?? []).filter((th) => th.at >= (inv.init?.start ?? inv.start) && th.at <= inv.start + inv.durationMs);
    if (nearby.length) rows.push(['Throttles meanwhile', `${nearby.length}: ${[...new Set(nearby.map((th) => th.reason))].join(', ')}`]);
    clear(
      detail,
      h('h4', { tabindex: -1 }, `Invocation ${inv.requestId}`),
      phaseDiagram(inv),
      h('dl', {}, ...rows.flatMap(([k, v]) => [h('dt', {}, k), h('dd', {}, v)])),
      h(
        'div',
        { class: 'wb-row' },
        h('button', { type: 'button', 'data-timeline-action': 'zoom-to', onclick: zoomToSelected }, 'Zoom to this invocation'),
        h('button', { type: 'button', onclick: () => showStream(inv.stream) }, 'Show its log stream'),
        h('button', { type: 'button', onclick: () => { select(undefined, false); chart.focus(); } }, 'Close details'),
      ),
    );
  }

  return {
    element,
    update(t: Timeline) {
      timeline = t;
      const previous = full;
      full = fullWindow(t.from, t.to);
      // New invocations stay in view unless the learner zoomed somewhere.
      if (followLatest || view.to <= previous.from) view = full;
      else view = zoom(view, full, 1);
      if (selected && !t.invocations.some((i) => invocationKey(i) === selected)) selected = undefined;
      draw();
    },
  };
}

const barClass = (inv: Invocation) => `wb-tl-bar ${inv.startKind}${inv.retry ? ' retry' : ''}${inv.failed ? ' failed' : ''}${inv.inFlight ? ' running' : ''}`;
const initClass = (inv: Invocation) => `wb-tl-init${inv.init?.failure ? ' failed' : ''}`;
type Scale = (time: number) => number;
const barWidth = (inv: Invocation, x: Scale) => Math.max(3, x(inv.start + inv.durationMs) - x(inv.start));
const initWidth = (inv: Invocation, x: Scale) => (inv.init ? Math.max(2, x(inv.init.start + inv.init.durationMs) - x(inv.init.start)) : 0);
/** What a bar's tooltip says. */
const describe = (inv: Invocation) => `${inv.requestId}: ${spanLabel(inv.durationMs)}, ${startLabel(inv.startKind)}${inv.retry ? `, retry ${inv.attempt - 1}` : ''}, ${outcomeLabel(inv)}`;

/** INIT then INVOKE, to scale, for one invocation. */
function phaseDiagram(inv: Invocation): SVGElement {
  const svg = document.createElementNS(SVG, 'svg');
  const begin = inv.init?.start ?? inv.start;
  const end = inv.start + inv.durationMs;
  const total = Math.max(0.01, end - begin);
  const w = 400;
  const x = (t: number) => 80 + ((t - begin) / total) * (w - 90);
  svg.setAttribute('viewBox', `0 0 ${w} 44`);
  svg.setAttribute('class', 'wb-tl-phases');
  svg.setAttribute('aria-hidden', 'true');
  const add = (tag: string, attrs: Record<string, string | number>, text?: string) => {
    const node = document.createElementNS(SVG, tag);
    for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, String(v));
    if (text !== undefined) node.textContent = text;
    svg.append(node);
  };
  if (inv.init) {
    add('text', { x: 0, y: 15, class: 'wb-tl-label' }, 'INIT');
    add('rect', { x: x(inv.init.start), y: 4, width: Math.max(2, x(inv.init.start + inv.init.durationMs) - x(inv.init.start)), height: 14, class: `wb-tl-init${inv.init.failure ? ' failed' : ''}` });
  }
  add('text', { x: 0, y: 37, class: 'wb-tl-label' }, 'INVOKE');
  add('rect', { x: x(inv.start), y: 26, width: Math.max(2, x(end) - x(inv.start)), height: 14, class: `wb-tl-bar ${inv.startKind}${inv.failed ? ' failed' : ''}` });
  return svg;
}
