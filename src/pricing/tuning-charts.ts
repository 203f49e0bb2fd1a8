/**
 * The power-tuning panel's two charts, duration and cost against memory, drawn apart on purpose:
 * on one chart with two axes the curves cross at a point that depends only on the axes' scales,
 * which readers take for an "optimal" size. Each chart's accessible name reads its values out; the
 * table beside them has the same numbers.
 */
const SVG = 'http://www.w3.org/2000/svg';
const WIDTH = 320;
const HEIGHT = 170;
const LEFT = 56;
const RIGHT = 12;
const TOP = 12;
const BOTTOM = 36;

export interface ChartPoint {
  memoryMb: number;
  /** Undefined where the run failed: no point is drawn there. */
  value: number | undefined;
}

function el(parent: Element, tag: string, attrs: Record<string, string | number>, text?: string): SVGElement {
  const node = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, String(v));
  if (text !== undefined) node.textContent = text;
  parent.append(node);
  return node;
}

/** One chart: the sizes evenly spaced along x (power-tuning sizes roughly double), the value on y from zero. */
export function tuningChart(title: string, unit: string, points: readonly ChartPoint[], format: (v: number) => string): HTMLElement {
  const figure = document.createElement('figure');
  figure.className = 'tuning-chart';
  const caption = document.createElement('figcaption');
  caption.textContent = title;
  const values = points.flatMap((p) => (p.value === undefined ? [] : [p.value]));
  const max = Math.max(...values, 0) || 1;
  const svg = el(figure, 'svg', { viewBox: `0 0 ${WIDTH} ${HEIGHT}`, width: '100%', role: 'img' }) as SVGSVGElement;
  svg.setAttribute(
    'aria-label',
    `${title}: ${points.map((p) => `${p.memoryMb.toLocaleString('en-US')} MB ${p.value === undefined ? 'failed' : `${format(p.value)} ${unit}`}`).join(', ')}.`,
  );
  const x = (i: number) => LEFT + (points.length > 1 ? (i / (points.length - 1)) * (WIDTH - LEFT - RIGHT) : (WIDTH - LEFT - RIGHT) / 2);
  const y = (v: number) => TOP + (1 - v / max) * (HEIGHT - TOP - BOTTOM);
  el(svg, 'line', { x1: LEFT, x2: WIDTH - RIGHT, y1: y(0), y2: y(0), class: 'axis' });
  el(svg, 'line', { x1: LEFT, x2: LEFT, y1: TOP, y2: y(0), class: 'axis' });
  el(svg, 'text', { x: LEFT - 6, y: y(max) + 4, 'text-anchor': 'end' }, format(max));
  el(svg, 'text', { x: LEFT - 6, y: y(0) + 4, 'text-anchor': 'end' }, '0');
  el(svg, 'text', { x: LEFT - 6, y: (y(max) + y(0)) / 2 + 4, 'text-anchor': 'end' }, unit);
  points.forEach((p, i) => el(svg, 'text', { x: x(i), y: HEIGHT - BOTTOM + 16, 'text-anchor': 'middle' }, String(p.memoryMb)));
  el(svg, 'text', { x: (LEFT + WIDTH - RIGHT) / 2, y: HEIGHT - 4, 'text-anchor': 'middle' }, 'memory (MB)');
  const drawn = points.map((p, i) => (p.value === undefined ? undefined : ([x(i), y(p.value)] as const)));
  // A failed size breaks the line rather than joining its neighbours.
  let path = '';
  drawn.forEach((pt, i) => {
    if (pt) path += `${i > 0 && drawn[i - 1] ? 'L' : 'M'}${pt[0].toFixed(1)},${pt[1].toFixed(1)}`;
  });
  if (path) el(svg, 'path', { d: path, class: 'line' });
  for (const pt of drawn) if (pt) el(svg, 'circle', { cx: pt[0], cy: pt[1], r: 3, class: 'dot' });
  figure.append(caption);
  return figure;
}
