/**
 * The distribution-free confidence interval for a q-quantile ξ_q = inf{x : F(x) ≥ q} from order statistics
 * (Thompson 1936; David & Nagaraja, Order Statistics, §7.1), for the quantile-scaling claim 21 (theory.md
 * §6: the (1 − η)-quantile of |E_{L,M}(s) − E_ref(s)| over seeds s).
 *
 * With x_(1) ≤ … ≤ x_(n) i.i.d. from any law F and B ~ Bin(n, q):
 *   #{i : x_i ≤ ξ_q} ~ Bin(n, F(ξ_q)) with F(ξ_q) ≥ q, so P(x_(r) > ξ_q) ≤ P(B ≤ r − 1);
 *   #{i : x_i < ξ_q} ~ Bin(n, F(ξ_q−)) with F(ξ_q−) ≤ q, so P(x_(s) < ξ_q) ≤ P(B ≥ s).
 * Taking r the largest rank with P(B ≤ r − 1) ≤ α/2 and s the smallest with P(B ≥ s) ≤ α/2 (α = 1 − level)
 * gives P(x_(r) ≤ ξ_q ≤ x_(s)) ≥ 1 − α for every F (equality P(r ≤ B ≤ s − 1) for continuous F; ties only
 * help). When no rank qualifies (n too small for the level) the end is −∞ (r = 0) or +∞ (s = n + 1).
 */
import { InvalidArgumentError } from '../errors.js';

/**
 * The ranks (1-based) of the interval ends: r in [0, n], s in [1, n + 1], with 0 ↦ −∞ and n + 1 ↦ +∞.
 * Binomial probabilities by the pmf recursion in log space (relative error O(n·ε), ample against α/2).
 * @param n sample size, integer ≥ 1
 * @param q quantile order in (0, 1)
 * @param level confidence level in (0, 1), default 0.99
 * @returns { r, s, coverage } with coverage = P(r ≤ B ≤ s − 1) ≥ level, B ~ Bin(n, q) (r = 0 counts as B ≥ 0)
 * @throws InvalidArgumentError naming `n`, `q` or `level`
 * @example quantileRanks(10, 0.5, 0.95)  // { r: 2, s: 9, coverage: 0.978515625 }
 */
export function quantileRanks(n: number, q: number, level = 0.99): { r: number; s: number; coverage: number } {
  if (!(Number.isInteger(n) && n >= 1)) throw new InvalidArgumentError('n', 'an integer ≥ 1', n);
  if (!(q > 0 && q < 1)) throw new InvalidArgumentError('q', 'a number in (0, 1)', q);
  if (!(level > 0 && level < 1)) throw new InvalidArgumentError('level', 'a number in (0, 1)', level);
  const half = (1 - level) / 2;
  const pmf = new Float64Array(n + 1);
  const logRatio = Math.log(q) - Math.log1p(-q);
  let logP = n * Math.log1p(-q);
  for (let k = 0; k <= n; k++) {
    pmf[k] = Math.exp(logP);
    logP += Math.log((n - k) / (k + 1)) + logRatio;
  }
  // r: largest with P(B ≤ r − 1) ≤ α/2 (r = 0 if even P(B ≤ 0) > α/2).
  let r = 0;
  let lower = 0; // P(B ≤ r − 1) for the candidate r + 1 below
  while (r < n && lower + pmf[r]! <= half) lower += pmf[r++]!;
  // s: smallest with P(B ≥ s) ≤ α/2 (s = n + 1 if even P(B ≥ n) > α/2).
  let s = n + 1;
  let upper = 0;
  while (s > 1 && upper + pmf[s - 1]! <= half) upper += pmf[--s]!;
  return { r, s, coverage: Math.max(0, 1 - lower - upper) };
}

/**
 * The interval [x_(r), x_(s)] for the q-quantile (see the module docstring), with −∞ / +∞ when the sample is
 * too small for the level on that side.
 * @param sorted the sample sorted ascending, length n ≥ 1, finite values
 * @param q quantile order in (0, 1), e.g. 1 − η
 * @param level confidence level in (0, 1), default 0.99
 * @returns [lo, hi]
 * @throws InvalidArgumentError naming `sorted` (empty, not ascending, not finite), `q` or `level`
 * @example quantileInterval(tenSortedValues, 0.5, 0.95)  // [x_(2), x_(9)]
 */
export function quantileInterval(sorted: ArrayLike<number>, q: number, level = 0.99): [number, number] {
  const n = sorted.length;
  if (n < 1) throw new InvalidArgumentError('sorted', 'a non-empty array', sorted);
  for (let i = 0; i < n; i++) {
    const x = sorted[i]!;
    if (!Number.isFinite(x)) throw new InvalidArgumentError(`sorted[${i}]`, 'a finite number', x);
    if (i > 0 && x < sorted[i - 1]!) throw new InvalidArgumentError(`sorted[${i}]`, `≥ sorted[${i - 1}]=${sorted[i - 1]} (ascending)`, x);
  }
  const { r, s } = quantileRanks(n, q, level);
  return [r === 0 ? -Infinity : sorted[r - 1]!, s === n + 1 ? Infinity : sorted[s - 1]!];
}
