/**
 * Per-quantity statistics over the values of many audited networks: max, median and 99th percentile of
 * bits and of ulps, max relative error, and the largest P-versus-2P difference of the reference.
 *
 * Quantiles are nearest-rank (the ⌈qn⌉-th smallest value; the median of an even count is the lower one),
 * so that, bits being log2(ulps + 1) of the same value, the bits quantiles are exactly log2 of the ulps
 * quantiles + 1, and every reported figure is a value that occurred.
 */
import type { QuantityErrors } from './auditNetwork.js';

export interface QuantityStats {
  /** Networks (scenarios) that contributed. */
  scenarios: number;
  /** Values over all those networks. */
  values: number;
  maxBits: number;
  medianBits: number;
  p99Bits: number;
  maxUlps: number;
  medianUlps: number;
  p99Ulps: number;
  maxRelErr: number;
  /** max |ref_P − ref_2P| / |ref_2P| over the values, or null when 2P was not computed. */
  referenceRelDiff: number | null;
}

/**
 * The nearest-rank q-quantile of ascending `sorted` (length n ≥ 1): sorted[⌈q n⌉ − 1], clamped to [0, n−1].
 * @throws RangeError for an empty array or q outside [0, 1].
 * @example quantile(Float64Array.of(1, 2, 3, 4), 0.5) // 2
 */
export function quantile(sorted: ArrayLike<number>, q: number): number {
  if (sorted.length === 0) throw new RangeError('quantile of an empty array');
  if (!(q >= 0 && q <= 1)) throw new RangeError(`quantile q=${q} must be in [0, 1]`);
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1));
  return sorted[rank];
}

/** Max of an array (−∞ when empty; NaN propagates). */
function max(values: ArrayLike<number>): number {
  let m = -Infinity;
  for (let p = 0; p < values.length; p++) m = Number.isNaN(values[p]) ? NaN : Math.max(m, values[p]);
  return m;
}

/**
 * Statistics of one quantity over several networks' errors.
 * @param errors - one QuantityErrors per network (empty arrays allowed: trajectory losses with K = 0).
 * @returns zeros for no values at all.
 */
export function summarise(errors: readonly QuantityErrors[]): QuantityStats {
  const n = errors.reduce((sum, e) => sum + e.ulps.length, 0);
  const ulps = new Float64Array(n);
  const bits = new Float64Array(n);
  let offset = 0;
  let maxRelErr = 0;
  let referenceRelDiff: number | null = null;
  for (const e of errors) {
    ulps.set(e.ulps, offset);
    bits.set(e.bits, offset);
    offset += e.ulps.length;
    if (e.relErr.length > 0) maxRelErr = Math.max(maxRelErr, max(e.relErr));
    if (e.referenceRelDiff !== null) referenceRelDiff = Math.max(referenceRelDiff ?? 0, e.referenceRelDiff);
  }
  const stats = { scenarios: errors.length, values: n, maxRelErr, referenceRelDiff };
  if (n === 0) return { ...stats, maxBits: 0, medianBits: 0, p99Bits: 0, maxUlps: 0, medianUlps: 0, p99Ulps: 0 };
  ulps.sort();
  bits.sort();
  return {
    ...stats,
    maxBits: bits[n - 1],
    medianBits: quantile(bits, 0.5),
    p99Bits: quantile(bits, 0.99),
    maxUlps: ulps[n - 1],
    medianUlps: quantile(ulps, 0.5),
    p99Ulps: quantile(ulps, 0.99),
  };
}
