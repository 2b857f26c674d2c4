/**
 * Rate fits on log–log axes: an error e(n) that behaves like C·n^p over a ladder of sizes n (depth L, width
 * M, step Δs) gives the exponent p as the slope of log e against log n.
 *
 * The fit is ordinary least squares of y = log e on x = log n, with the Student-t interval of the slope:
 *
 *   p̂ = Σ(x−x̄)(y−ȳ) / Σ(x−x̄)²,   se(p̂) = sqrt( Σ r² / (n−2) / Σ(x−x̄)² ),   p̂ ± t_{1−α/2, n−2} se(p̂)
 *
 * (r the residuals). The interval is exact for independent Gaussian residuals; for a deterministic ladder
 * (one seed, errors smooth in n) it measures how far the points are from a power law, which is what the
 * claims need: a curved (pre-asymptotic) ladder gets a wide interval and cannot pass by luck.
 * Logarithms are natural; the slope does not depend on the base.
 */
import tQuantile from '@stdlib/stats-base-dists-t-quantile';
import { InvalidArgumentError } from '../errors.js';

/** One point of a ladder: size n > 0 and measured error e > 0. */
export interface LadderPoint {
  n: number;
  e: number;
}

/** A fitted exponent with its confidence interval. */
export interface ExponentFit {
  /** Fitted exponent p̂ (slope of log e on log n). */
  exponent: number;
  /** Lower and upper ends of the (level) confidence interval of p. */
  lo: number;
  hi: number;
  /** Confidence level of [lo, hi], e.g. 0.99. */
  level: number;
  /** Fitted prefactor C in e ≈ C n^p. */
  prefactor: number;
  /** Standard error of the exponent. */
  standardError: number;
  /** How the interval was obtained (e.g. 'OLS t-interval, 3 df'). */
  method: string;
}

/**
 * OLS fit of log e = log C + p log n with a Student-t interval for p.
 * @param points at least 3 points with distinct n, every n and e finite and > 0
 * @param level confidence level in (0, 1), default 0.99
 * @throws InvalidArgumentError when fewer than 3 points, a non-positive or non-finite value, or all n equal
 * @example logLogFit([{ n: 8, e: 0.1 }, { n: 16, e: 0.05 }, { n: 32, e: 0.025 }]).exponent  // −1
 */
export function logLogFit(points: readonly LadderPoint[], level = 0.99): ExponentFit {
  if (points.length < 3) throw new InvalidArgumentError('points', 'at least 3 ladder points', points.length);
  if (!(level > 0 && level < 1)) throw new InvalidArgumentError('level', 'a number in (0, 1)', level);
  for (const p of points) {
    if (!(Number.isFinite(p.n) && p.n > 0)) throw new InvalidArgumentError('points[].n', 'finite and > 0', p.n);
    if (!(Number.isFinite(p.e) && p.e > 0)) throw new InvalidArgumentError('points[].e', 'finite and > 0', p.e);
  }
  const x = points.map((p) => Math.log(p.n));
  const y = points.map((p) => Math.log(p.e));
  const n = points.length;
  const xBar = x.reduce((a, b) => a + b, 0) / n;
  const yBar = y.reduce((a, b) => a + b, 0) / n;
  let sxx = 0;
  let sxy = 0;
  for (let i = 0; i < n; i++) {
    sxx += (x[i] - xBar) ** 2;
    sxy += (x[i] - xBar) * (y[i] - yBar);
  }
  if (sxx === 0) throw new InvalidArgumentError('points[].n', 'at least two distinct sizes', points[0].n);
  const exponent = sxy / sxx;
  const intercept = yBar - exponent * xBar;
  let rss = 0;
  for (let i = 0; i < n; i++) rss += (y[i] - intercept - exponent * x[i]) ** 2;
  const df = n - 2;
  const standardError = Math.sqrt(rss / df / sxx);
  const half = tQuantile(1 - (1 - level) / 2, df) * standardError;
  return {
    exponent,
    lo: exponent - half,
    hi: exponent + half,
    level,
    prefactor: Math.exp(intercept),
    standardError,
    method: `OLS t-interval on log–log, ${df} df`,
  };
}
