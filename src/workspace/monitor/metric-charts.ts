/**
 * The Monitor tab's metric charts, drawn with uPlot. This module is imported dynamically when
 * Monitor is first drawn, so no exercise page loads the chart library before the learner opens it.
 * Each chart is an image with a text summary; the numbers themselves are in the table beside it.
 */
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import { h } from '../dom.ts';
import type { MetricKey, MinuteDatapoint } from '../metrics.ts';
import { chartSummary, METRIC_CHARTS } from '../metrics.ts';

export interface MetricCharts {
  destroy(): void;
}

const MINUTE_STEPS = [60, 120, 300, 600, 900, 1800, 3600, 7200, 10_800];
const utcTime = (seconds: number): string => new Date(seconds * 1000).toISOString().slice(11, 16);

/** Colours readable on both themes, one per series of a chart. */
const SERIES_COLOURS = ['#4c9be8', '#e8a33c'];

export function drawMetricCharts(container: HTMLElement, points: readonly MinuteDatapoint[]): MetricCharts {
  const plots: uPlot[] = [];
  container.replaceChildren();
  const width = Math.max(260, Math.min(480, Math.floor((container.clientWidth || 640) / 2) - 16));
  const text = getComputedStyle(container).color || '#888';
  const grid = 'rgba(128,128,128,0.25)';
  const xs = points.map((p) => p.minute / 1000);
  for (const chart of METRIC_CHARTS) {
    const target = h('div', { role: 'img', 'aria-label': chartSummary(chart, points) });
    container.append(h('figure', { class: 'wb-metric', 'data-metric': chart.title }, h('figcaption', {}, chart.caption), target));
    const series: uPlot.Series[] = [
      { label: 'Minute (UTC)', value: (_: uPlot, v: number | null) => (v === null ? '—' : utcTime(v)) },
      ...chart.series.map((s, i) => ({
        label: s.label,
        stroke: SERIES_COLOURS[i % SERIES_COLOURS.length]!,
        width: 2,
        points: { show: true, size: 5 },
        spanGaps: false,
        value: (_: uPlot, v: number | null) => (v === null ? '—' : `${v}${chart.unit === 'ms' ? ' ms' : ''}`),
      })),
    ];
    const data: uPlot.AlignedData = [xs, ...chart.series.map((s) => points.map((p) => p[s.key as MetricKey]))];
    const axis = { stroke: text, grid: { stroke: grid, width: 1 }, ticks: { stroke: grid, width: 1 } };
    const plot = new uPlot(
      {
        width,
        height: 160,
        // CloudWatch shows times in UTC here; so does the rest of Monitor.
        tzDate: (ts) => uPlot.tzDate(new Date(ts * 1000), 'Etc/UTC'),
        // At least a minute either side, so one datapoint sits on an axis of minutes, not of years.
        scales: { x: { time: true, range: () => [xs[0]! - 60, xs.at(-1)! + 60] }, y: { range: (_u, _min, max) => [0, Math.max(1, max ?? 1) * 1.1] } },
        // Whole minutes, in UTC and 24-hour time as CloudWatch writes them.
        axes: [{ ...axis, incrs: MINUTE_STEPS, values: (_u, splits) => splits.map(utcTime) }, { ...axis, size: 50 }],
        series,
        cursor: { drag: { x: false, y: false } },
        legend: { show: true, live: true },
      },
      data,
      target,
    );
    plots.push(plot);
  }
  return {
    destroy() {
      for (const p of plots) p.destroy();
    },
  };
}
