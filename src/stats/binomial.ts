/**
 * Two-sided confidence intervals for a binomial proportion p from k successes in n independent Bernoulli(p)
 * trials: the exact Clopper–Pearson interval and the Wilson score interval. Used by the claims that decide
 * "P(event) ≥ 1 − η" (theory.md §6; the sequential test in sequentialTest.ts) and by quantileInterval.ts.
 */
import betaQuantile from '@stdlib/stats-base-dists-beta-quantile';
import normalQuantile from '@stdlib/stats-base-dists-normal-quantile';
import { InvalidArgumentError } from '../errors.js';

/** Checks k, n, level; shared by both intervals. @throws InvalidArgumentError naming `k`, `n` or `level`. */
export function checkBinomialArgs(k: number, n: number, level: number): void {
  if (!(Number.isInteger(n) && n >= 1)) throw new InvalidArgumentError('n', 'an integer ≥ 1', n);
  if (!(Number.isInteger(k) && k >= 0 && k <= n)) throw new InvalidArgumentError('k', `an integer in [0, n=${n}]`, k);
  if (!(level > 0 && level < 1)) throw new InvalidArgumentError('level', 'a number in (0, 1)', level);
}

/**
 * The exact (Clopper–Pearson 1934) interval: with α = 1 − level and B(q; a, b) the q-quantile of Beta(a, b),
 *
 *   lo = B(α/2; k, n − k + 1)   (lo = 0 when k = 0),
 *   hi = B(1 − α/2; k + 1, n − k)   (hi = 1 when k = n),
 *
 * i.e. lo solves P(Bin(n, lo) ≥ k) = α/2 and hi solves P(Bin(n, hi) ≤ k) = α/2. Coverage ≥ level for every p
 * (conservative; each tail misses with probability ≤ α/2). Closed forms at the edges: k = 0 gives
 * hi = 1 − (α/2)^{1/n}, k = n gives lo = (α/2)^{1/n}.
 *
 * @param k successes, integer in [0, n]
 * @param n trials, integer ≥ 1
 * @param level confidence level in (0, 1), default 0.99
 * @returns [lo, hi] with 0 ≤ lo ≤ k/n ≤ hi ≤ 1
 * @throws InvalidArgumentError naming `k`, `n` or `level`
 * @example clopperPearson(0, 100, 0.95)  // [0, 0.0362]
 */
export function clopperPearson(k: number, n: number, level = 0.99): [number, number] {
  checkBinomialArgs(k, n, level);
  const alpha = 1 - level;
  const lo = k === 0 ? 0 : k === n ? Math.pow(alpha / 2, 1 / n) : betaQuantile(alpha / 2, k, n - k + 1);
  const hi = k === n ? 1 : k === 0 ? 1 - Math.pow(alpha / 2, 1 / n) : betaQuantile(1 - alpha / 2, k + 1, n - k);
  return [lo, hi];
}

/**
 * The Wilson (1927) score interval: with p̂ = k/n, z = Φ⁻¹(1 − α/2), α = 1 − level,
 *
 *   centre = (k + z²/2) / (n + z²),   half = z / (n + z²) · sqrt(k (n − k) / n + z²/4),
 *
 * the set of p with |p̂ − p| ≤ z sqrt(p (1 − p) / n). Coverage ≈ level on average over p but NOT guaranteed:
 * it oscillates with p (Brown, Cai & DasGupta 2001); exactly at n = 100, level 0.95, p ∈ [0.05, 0.95] the miss
 * probability reaches 0.0725 (p = 0.85: 0.067), and 0.095 nearer the edges. Narrower than Clopper–Pearson.
 * This is the interval of QuickCheck's checkCoverage; for a stated error bound use clopperPearson.
 *
 * @param k successes, integer in [0, n]
 * @param n trials, integer ≥ 1
 * @param level confidence level in (0, 1), default 0.99
 * @returns [lo, hi] within [0, 1], lo ≤ hi
 * @throws InvalidArgumentError naming `k`, `n` or `level`
 * @example wilson(0, 100, 0.95)  // [0, 0.0370]
 */
export function wilson(k: number, n: number, level = 0.99): [number, number] {
  checkBinomialArgs(k, n, level);
  const z = normalQuantile(1 - (1 - level) / 2, 0, 1);
  const z2 = z * z;
  const centre = (k + z2 / 2) / (n + z2);
  const half = (z / (n + z2)) * Math.sqrt((k * (n - k)) / n + z2 / 4);
  // At k = 0 (k = n) the lower (upper) end is exactly 0 (1); clamp the rounding there.
  const lo = k === 0 ? 0 : Math.max(0, centre - half);
  const hi = k === n ? 1 : Math.min(1, centre + half);
  return [lo, hi];
}
