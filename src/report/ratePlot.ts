/**
 * The log–log plot of a rate claim's ladder as SVG: every rung e(n) (the ones that entered the fit filled, the
 * others hollow), the fitted power law C n^p̂ over the fitted range, the floor below which e is noise, and the
 * fitted exponent with its interval in the title. Specified in Vega-Lite and rendered by Vega's headless
 * SVG renderer (no canvas, no browser).
 */
import * as vega from 'vega';
import { compile, type TopLevelSpec } from 'vega-lite';
import type { RateReport } from '../../properties/index.js';
import { describeRate } from './verdictReport.js';

/** The Vega-Lite specification of the plot. */
export function ratePlotSpec(title: string, rate: RateReport): TopLevelSpec {
  const used = new Set(rate.used);
  const points = rate.points
    .filter((p) => p.e > 0 && Number.isFinite(p.e))
    .map((p) => ({ n: p.n, e: p.e, series: used.has(p.n) ? 'fitted rung' : 'rung not fitted' }));
  // Floors far below every error (e.g. 10^-11 under errors of 10^-3) would squeeze the data into a sliver of the
  // plot: draw those only down to three decades below the smallest error.
  const lowest = Math.min(...points.map((p) => p.e));
  const floors = rate.points
    .filter((p) => p.floor > 0 && Number.isFinite(p.floor) && p.floor >= lowest / 1000)
    .map((p) => ({ n: p.n, e: p.floor, series: 'floor (reference error + rounding)' }));
  const fitted = rate.used.map((n) => ({ n, e: rate.fit.prefactor * n ** rate.fit.exponent, series: 'fit C·n^p' }));
  const x = { field: 'n', type: 'quantitative' as const, scale: { type: 'log' as const }, title: rate.size };
  const y = { field: 'e', type: 'quantitative' as const, scale: { type: 'log' as const }, title: rate.quantity };
  const color = { field: 'series', type: 'nominal' as const, title: null, legend: { labelLimit: 0 } };
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: { text: title, subtitle: describeRate(rate) },
    width: 480,
    height: 320,
    layer: [
      { data: { values: fitted }, mark: { type: 'line' }, encoding: { x, y, color } },
      { data: { values: floors }, mark: { type: 'line', strokeDash: [4, 4] }, encoding: { x, y, color } },
      { data: { values: points }, mark: { type: 'point', filled: true, size: 60 }, encoding: { x, y, color, shape: { field: 'series', type: 'nominal' as const, legend: null } } },
    ],
  };
}

/** Renders the plot to an SVG document (a string). */
export async function ratePlotSvg(title: string, rate: RateReport): Promise<string> {
  const view = new vega.View(vega.parse(compile(ratePlotSpec(title, rate)).spec), { renderer: 'none' });
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}
