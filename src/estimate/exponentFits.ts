/**
 * The exponents of the smallest sizes (theory.md §5, [DCLW-b] Thm 5.1): L_min ≈ C (1/ε)^p with predicted p = 1;
 * M_min ≈ C (1/ε)^p with p = 2 (at fixed η) and M_min ≈ C (1/η)^p with p = 1 (at fixed ε). Each is fitted with
 * logLogFit (OLS on log–log, t-interval) over the cells where the smallest size was found, when there are ≥ 3.
 *
 * Ladder quantisation. A found size n_r only says that the true smallest size lies in (n_r / ρ, n_r], ρ the
 * ladder's ratio (2). The OLS slope p̂ = Σ c_i y_i with c_i = (x_i − x̄)/Σ(x − x̄)² is linear in y_i = log n,
 * so moving each y_i anywhere in [log n_i − log ρ, log n_i] moves p̂ by at most
 *   q = log ρ · Σ_i |c_i| / 2        (Σ c_i = 0, so the largest upward and downward moves are equal),
 * and `range` = [lo − q, hi + q] covers both the statistical and the quantisation uncertainty. The OLS
 * interval alone can be of zero width (three sizes exactly on a staircase line); the range cannot.
 * A size at the ladder's bottom is censored (the true smallest size may be further below), noted separately.
 */
import { type ExponentFit, logLogFit } from '../stats/logLogFit.js';
import type { EstimateCell, EstimateKind } from './estimateGrid.js';

export interface SizeExponent {
  kind: EstimateKind;
  /** The variable on the x axis. */
  against: '1/ε' | '1/η';
  /** The other parameter, held fixed. */
  at: { eta: number } | { eps: number };
  predicted: number;
  /** (x, smallest size) of the cells that were found. */
  points: { x: number; size: number }[];
  /** null when fewer than 3 points (see `note`). */
  fit: ExponentFit | null;
  /** Half-width q of the exponent's quantisation range and [lo − q, hi + q] (null with fit). */
  quantisation: number | null;
  range: [number, number] | null;
  note: string;
}

/** Predicted exponents (theory.md §5): L ∝ 1/ε, M ∝ 1/(ε² η). */
export const PREDICTED = { depthEps: 1, widthEps: 2, widthEta: 1 } as const;

/**
 * Every fit the grid allows: depth and width in 1/ε at each η, width in 1/η at each ε.
 * @param bottom the ladder's smallest size (for the censoring note)
 */
export function sizeExponents(cells: readonly EstimateCell[], bottom: number, ratio = 2, level = 0.99): SizeExponent[] {
  const etas = [...new Set(cells.map((c) => c.eta))];
  const epsilons = [...new Set(cells.map((c) => c.eps))];
  const out: SizeExponent[] = [];
  for (const eta of etas) {
    for (const kind of ['depth', 'width'] as const) {
      const picked = cells.filter((c) => c.kind === kind && c.eta === eta);
      out.push(fitOf(kind, '1/ε', { eta }, kind === 'depth' ? PREDICTED.depthEps : PREDICTED.widthEps, picked, (c) => 1 / c.eps, bottom, ratio, level));
    }
  }
  for (const eps of epsilons) {
    const picked = cells.filter((c) => c.kind === 'width' && c.eps === eps);
    out.push(fitOf('width', '1/η', { eps }, PREDICTED.widthEta, picked, (c) => 1 / c.eta, bottom, ratio, level));
  }
  return out;
}

function fitOf(
  kind: EstimateKind,
  against: '1/ε' | '1/η',
  at: SizeExponent['at'],
  predicted: number,
  cells: readonly EstimateCell[],
  x: (c: EstimateCell) => number,
  bottom: number,
  ratio: number,
  level: number,
): SizeExponent {
  const points = cells.flatMap((c) => (c.search.status === 'found' ? [{ x: x(c), size: c.search.size }] : []));
  const base = { kind, against, at, predicted, points };
  const distinctX = new Set(points.map((p) => p.x)).size;
  if (points.length < 3 || distinctX < 2) {
    return { ...base, fit: null, quantisation: null, range: null, note: `${points.length} of ${cells.length} cells found: need ≥ 3 for a fit` };
  }
  const fit = logLogFit(points.map((p) => ({ n: p.x, e: p.size })), level);
  const logX = points.map((p) => Math.log(p.x));
  const mean = logX.reduce((a, b) => a + b, 0) / logX.length;
  const sxx = logX.reduce((a, v) => a + (v - mean) ** 2, 0);
  const quantisation = (Math.log(ratio) * logX.reduce((a, v) => a + Math.abs(v - mean), 0)) / sxx / 2;
  const censored = points.filter((p) => p.size === bottom).length;
  const note = censored > 0 ? `${censored} of ${points.length} sizes at the ladder's bottom (censored: biased towards 0)` : '';
  return { ...base, fit, quantisation, range: [fit.lo - quantisation, fit.hi + quantisation], note };
}
