/**
 * The report of `resnet-mf estimate` (claim 24): its JSON shape, the two cli-table3 tables (smallest sizes per
 * (ε, η); fitted exponents beside the predicted ones) and the plot of the smallest sizes against 1/ε
 * (Vega-Lite, rendered to SVG by Vega's headless renderer; both loaded only when the plot is drawn).
 */
import type { TopLevelSpec } from 'vega-lite';
import type { EstimateCell } from '../estimate/estimateGrid.js';
import type { SizeExponent } from '../estimate/exponentFits.js';
import { searchLabel } from '../estimate/smallestSize.js';
import { type TableRows, textTable } from './table.js';
import { vegaLiteSvg } from './vegaSvg.js';
import type { EstimateSetting } from '../estimate/trainedLosses.js';

export interface EstimateReport {
  format: 'resnet-mf/estimate-report@1';
  seed: number;
  dataset: { name: string; d: number; N: number };
  setting: EstimateSetting & { activation: 'regularized_relu'; init: 'linear' };
  ladder: number[];
  strategy: string;
  epsilons: number[];
  etas: number[];
  /** Family-wise false-alarm rate and the per-test share (Bonferroni over searches × rungs). */
  alpha: number;
  alphaPerTest: number;
  maxSeeds: number;
  node: string;
  startedAt: string;
  seconds: number;
  trainings: number;
  interrupted: boolean;
  cells: EstimateCell[];
  exponents: SizeExponent[];
  plot?: string;
}

const num = (x: number) => String(Number(x.toPrecision(3)));

/** "2✗ 4✗ 8✓" (? undecided, … interrupted) with the seeds of the deciding rung. */
function rungTrail(c: EstimateCell): string {
  const mark = { holds: '✓', fails: '✗', undecided: '?', 'undecided (interrupted)': '…' } as const;
  return c.search.rungs.map((r) => `${r.size}${mark[r.status]}`).join(' ');
}

function cellText(c: EstimateCell | undefined): string {
  if (!c) return '';
  const last = c.search.rungs[c.search.rungs.length - 1];
  const seeds = last ? `, ${last.k}/${last.n} at ${last.size}` : '';
  return `${searchLabel(c.search)}\n${rungTrail(c)}${seeds}`;
}

/** One row per (ε, η): the smallest L (M fixed at the top) and the smallest M (L fixed at the top). */
export function estimateRows(report: EstimateReport): TableRows {
  const top = report.ladder[report.ladder.length - 1];
  const rows = report.etas.flatMap((eta) =>
    report.epsilons.map((eps) => {
      const find = (kind: 'depth' | 'width') => report.cells.find((c) => c.kind === kind && c.eps === eps && c.eta === eta);
      const seconds = report.cells.filter((c) => c.eps === eps && c.eta === eta).reduce((a, c) => a + c.seconds, 0);
      return [num(eps), num(eta), cellText(find('depth')), cellText(find('width')), seconds.toFixed(1)];
    }),
  );
  return { head: ['ε', 'η', `L_min (M = ${top})`, `M_min (L = ${top})`, 'seconds'], rows };
}

/** The smallest-size table for a terminal (estimateRows). */
export function estimateTable(report: EstimateReport): string {
  return textTable(estimateRows(report));
}

/** The fitted exponents with their intervals and constants C, beside the predicted ones: the rows. */
export function exponentRows(report: EstimateReport): TableRows {
  const rows = report.exponents.map((x) => {
    const at = 'eta' in x.at ? `η = ${num(x.at.eta)}` : `ε = ${num(x.at.eps)}`;
    const fit = x.fit
      ? `${x.fit.exponent.toFixed(2)} [${x.fit.lo.toFixed(2)}, ${x.fit.hi.toFixed(2)}] (${Math.round(x.fit.level * 100)}%)`
      : '–';
    const range = x.range ? `[${x.range[0].toFixed(2)}, ${x.range[1].toFixed(2)}]` : '–';
    return [x.kind === 'depth' ? 'L_min' : 'M_min', x.against, at, fit, range, String(x.predicted), x.fit ? num(x.fit.prefactor) : '–', String(x.points.length), x.note];
  });
  return { head: ['size', 'against', 'at', 'exponent [OLS interval]', 'with ladder quantisation', 'predicted', 'C', 'points', 'note'], rows };
}

/** The exponent table for a terminal (exponentRows). */
export function exponentTable(report: EstimateReport): string {
  return textTable(exponentRows(report), [7, 9, 11, 24, 14, 11, 8, 8, 30]);
}

/** Vega-Lite plot: smallest L and M against 1/ε (log–log), one colour per η, found cells only. */
export function estimatePlotSpec(report: EstimateReport): TopLevelSpec {
  const values = report.cells.flatMap((c) =>
    c.search.status === 'found'
      ? [{ x: 1 / c.eps, size: c.search.size, series: `${c.kind === 'depth' ? 'L_min' : 'M_min'}, η = ${num(c.eta)}`, kind: c.kind }]
      : [],
  );
  const subtitle = report.exponents
    .filter((x) => x.fit && x.against === '1/ε')
    .map((x) => `${x.kind === 'depth' ? 'L' : 'M'} ∝ (1/ε)^${x.fit!.exponent.toFixed(2)} at η=${num((x.at as { eta: number }).eta)} (predicted ${x.predicted})`);
  const x = { field: 'x', type: 'quantitative' as const, scale: { type: 'log' as const }, title: '1/ε' };
  const y = { field: 'size', type: 'quantitative' as const, scale: { type: 'log' as const, base: 2 }, title: 'smallest size on the ladder' };
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: { text: `smallest L and M with P(E ≤ ε) ≥ 1 − η (${report.dataset.name}, s = ${report.setting.s})`, subtitle },
    width: 480,
    height: 320,
    data: { values },
    mark: { type: 'line', point: { filled: false, size: 90 } },
    // L_min and M_min often coincide: a shape per kind keeps both visible where their points overlap
    encoding: {
      x, y, color: { field: 'series', type: 'nominal', title: null, legend: { labelLimit: 0 } },
      strokeDash: { field: 'kind', type: 'nominal', legend: null }, shape: { field: 'kind', type: 'nominal', legend: null, scale: { domain: ['depth', 'width'], range: ['circle', 'triangle-up'] } },
    },
  };
}

/** Renders the plot to an SVG document. */
export async function estimatePlotSvg(report: EstimateReport): Promise<string> {
  return vegaLiteSvg(estimatePlotSpec(report));
}
