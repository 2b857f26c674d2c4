/**
 * Rates of root-mean-square errors over an ensemble of seeds, with a bootstrap interval over seeds.
 *
 * For sizes n_1 < … < n_J and seeds 1..S, e[s][j] is the error of seed s at size n_j. The RMS at each size is
 * sqrt((1/S) Σ_s e[s][j]²) and the exponent is the OLS slope of log RMS on log n (logLogFit). The interval is
 * the percentile bootstrap over seeds: resample S seeds with replacement (the same seeds at every size, so the
 * correlation between sizes that a shared seed induces is kept), recompute the RMS ladder and its slope, B
 * times, and take the standard deviation se* of the B slopes. The interval is the normal bootstrap interval
 * p̂ ± z_{1−α/2}·se* (Efron & Tibshirani, An Introduction to the Bootstrap, §13.2), not the percentile interval:
 * the claims decide at α ≈ 10⁻⁵ (properties/falseAlarmBudget.ts), whose percentiles would need B ≫ 2/α
 * resamples, while se* is stable at B = 1000–2000 and a slope of log RMS, a smooth function of means over seeds,
 * is asymptotically normal. Resampling draws from randomStream(seed, 'bootstrap'), so the interval is
 * reproducible.
 */
import normalQuantile from '@stdlib/stats-base-dists-normal-quantile';
import { InvalidArgumentError } from '../errors.js';
import { randomStream } from '../init/random.js';
import { type ExponentFit, logLogFit } from './logLogFit.js';

export interface EnsembleRate extends ExponentFit {
  /** RMS over seeds at each size. */
  rms: number[];
  /** Mean over seeds of e[s][j] at each size: the bias when the errors are signed, the mean error when they are not. */
  mean: number[];
}

/**
 * @param sizes n_j, length J ≥ 3, positive
 * @param errors e[s][j], S ≥ 2 rows of length J (signed errors allowed: the RMS uses e², `mean` the plain mean)
 * @param opts level in (0, 1) (default 0.99), resamples B (default 2000, at least 2 must have every RMS > 0), seed of the resampling stream
 * @throws InvalidArgumentError on shapes that do not match, fewer than 2 seeds or 3 sizes, non-finite errors
 */
export function ensembleRate(
  sizes: readonly number[],
  errors: readonly (readonly number[])[],
  opts: { level?: number; resamples?: number; seed: number },
): EnsembleRate {
  const level = opts.level ?? 0.99;
  const B = opts.resamples ?? 2000;
  const S = errors.length;
  const J = sizes.length;
  if (S < 2) throw new InvalidArgumentError('errors', 'at least 2 seeds (rows)', S);
  errors.forEach((row, s) => {
    if (row.length !== J) throw new InvalidArgumentError(`errors[${s}]`, `length ${J} (one error per size)`, row.length);
    row.forEach((v, j) => {
      if (!Number.isFinite(v)) throw new InvalidArgumentError(`errors[${s}][${j}]`, 'a finite number', v);
    });
  });
  const rmsOf = (rows: readonly (readonly number[])[]): number[] =>
    sizes.map((_, j) => Math.sqrt(rows.reduce((acc, r) => acc + r[j] * r[j], 0) / rows.length));
  const rms = rmsOf(errors);
  const mean = sizes.map((_, j) => errors.reduce((acc, r) => acc + r[j], 0) / S);
  const point = logLogFit(sizes.map((n, j) => ({ n, e: rms[j] })), level);
  const rng = randomStream(opts.seed, 'bootstrap');
  const slopes: number[] = [];
  for (let b = 0; b < B; b++) {
    const sample = Array.from({ length: S }, () => errors[Math.min(S - 1, Math.floor(rng.uniform() * S))]);
    const r = rmsOf(sample);
    if (r.every((v) => v > 0)) slopes.push(logLogFit(sizes.map((n, j) => ({ n, e: r[j] })), level).exponent);
  }
  const meanSlope = slopes.reduce((a, b) => a + b, 0) / slopes.length;
  const se = Math.sqrt(slopes.reduce((a, b) => a + (b - meanSlope) ** 2, 0) / (slopes.length - 1));
  const half = normalQuantile(1 - (1 - level) / 2, 0, 1) * se;
  return {
    ...point,
    lo: point.exponent - half,
    hi: point.exponent + half,
    standardError: se,
    method: `normal bootstrap over ${S} seeds, ${slopes.length} resamples`,
    rms,
    mean,
  };
}
