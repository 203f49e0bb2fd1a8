/**
 * The distribution of scores as bars, drawn with uPlot (the chart library Monitor uses); imported
 * only once a grade export is open. The same numbers are in the table under it.
 */
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import type { ScoreBin } from './class-summary.ts';

export function drawScoreHistogram(target: HTMLElement, bins: readonly ScoreBin[]): uPlot {
  target.replaceChildren();
  const text = getComputedStyle(target).color || '#888';
  const grid = 'rgba(128,128,128,0.25)';
  const axis = { stroke: text, grid: { stroke: grid, width: 1 }, ticks: { stroke: grid, width: 1 } };
  const label = (b: ScoreBin) => `${b.from}–${b.to}%`;
  return new uPlot(
    {
      width: Math.max(280, Math.min(720, target.clientWidth || 640)),
      height: 220,
      scales: { x: { time: false, range: [-0.5, bins.length - 0.5] }, y: { range: (_u, _min, max) => [0, Math.max(1, max ?? 1) + 1] } },
      axes: [
        { ...axis, values: (_u, splits) => splits.map((i) => (Number.isInteger(i) && bins[i] ? label(bins[i]) : '')), space: 30 },
        { ...axis, label: 'Learners', values: (_u, splits) => splits.map((v) => (Number.isInteger(v) ? String(v) : '')) },
      ],
      series: [
        { label: 'Score' , value: (_u, i) => (i === null || !bins[i] ? '—' : label(bins[i])) },
        { label: 'Learners', fill: 'rgba(76,155,232,0.7)', stroke: '#4c9be8', width: 1, paths: uPlot.paths.bars!({ size: [0.9, 80] }), points: { show: false } },
      ],
      cursor: { drag: { x: false, y: false } },
      legend: { show: true },
    },
    [bins.map((_, i) => i), bins.map((b) => b.count)],
    target,
  );
}
