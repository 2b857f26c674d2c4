/**
 * The log–log plot of a rate claim's ladder as SVG: every rung e(n) (the ones that entered the fit filled, the
 * others hollow), the fitted power law C n^p̂ over the fitted range, the claimed slope's band (the exponents
 * claimed ± band, through the fit at the middle of the fitted range: a fit inside the shaded bow tie has an
 * exponent the claim allows), the floor below which e is noise, and the fitted exponent with its interval in
 * the title. Specified in Vega-Lite and rendered by Vega's headless
 * SVG renderer (no canvas, no browser).
 */
import type { TopLevelSpec } from 'vega-lite';
import type { RateReport } from '../check/index.js';
import { vegaLiteSvg } from './vegaSvg.js';
import { describeRate, short } from './verdictReport.js';

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
  const band = claimedBand(rate);
  // the sizes' axis spans the ladder (not the decades around it); fixed colours: data blue and grey, fit red, the
  // claimed slopes an opaque light green drawn first (a translucent area would make every legend swatch faint)
  const x = { field: 'n', type: 'quantitative' as const, scale: { type: 'log' as const, nice: false, padding: 12 }, title: rate.size };
  const y = { field: 'e', type: 'quantitative' as const, scale: { type: 'log' as const }, title: rate.quantity };
  const series = [band[0]?.series, 'fit C·n^p', 'fitted rung', 'rung not fitted', 'floor (reference error + rounding)'];
  const range = ['#c7e9c0', '#d62728', '#1f77b4', '#9e9e9e', '#555555'];
  const shown = series.map((name, k) => ({ name, colour: range[k] })).filter((s): s is { name: string; colour: string } => s.name !== undefined);
  const color = { field: 'series', type: 'nominal' as const, title: null, legend: { labelLimit: 0 }, scale: { domain: shown.map((s) => s.name), range: shown.map((s) => s.colour) } };
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: { text: title, subtitle: describeRate(rate) },
    width: 480,
    height: 320,
    layer: [
      ...(band.length > 0 ? [{ data: { values: band }, mark: { type: 'area' as const }, encoding: { x, y, y2: { field: 'e2' }, color } }] : []),
      { data: { values: fitted }, mark: { type: 'line' }, encoding: { x, y, color } },
      { data: { values: floors }, mark: { type: 'line', strokeDash: [4, 4] }, encoding: { x, y, color } },
      { data: { values: points }, mark: { type: 'point', filled: true, size: 60 }, encoding: { x, y, color, shape: { field: 'series', type: 'nominal' as const, legend: null } } },
    ],
  };
}

/**
 * The claimed slopes as a band: at the fitted range's ends and its geometric middle n₀, the errors
 * e₀ (n/n₀)^(claimed − band) and e₀ (n/n₀)^(claimed + band), where e₀ is the fit at n₀. Empty when the fit
 * spans fewer than two sizes or is not finite.
 */
export function claimedBand(rate: RateReport): { n: number; e: number; e2: number; series: string }[] {
  const lo = Math.min(...rate.used);
  const hi = Math.max(...rate.used);
  const n0 = Math.sqrt(lo * hi);
  const e0 = rate.fit.prefactor * n0 ** rate.fit.exponent;
  if (!(hi > lo) || !(e0 > 0) || !Number.isFinite(e0)) return [];
  const series = `claimed slope ${short(rate.claimed)} ± ${short(rate.band)}`;
  return [lo, n0, hi].map((n) => ({ n, e: e0 * (n / n0) ** (rate.claimed - rate.band), e2: e0 * (n / n0) ** (rate.claimed + rate.band), series }));
}

/** Renders the plot to an SVG document (a string). */
export async function ratePlotSvg(title: string, rate: RateReport): Promise<string> {
  return vegaLiteSvg(ratePlotSpec(title, rate));
}
