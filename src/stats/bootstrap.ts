/**
 * Rates of root-mean-square errors over an ensemble of seeds, with a bootstrap interval over seeds.
 *
 * For sizes n_1 < … < n_J and seeds 1..S, e[s][j] is the error of seed s at size n_j. The RMS at each size is
 * sqrt((1/S) Σ_s e[s][j]²) (or, with `centre`, the standard deviation over seeds sqrt(Σ_s (e[s][j] − ē_j)²/(S − 1)),
 * the fluctuation without the bias) and the exponent is the OLS slope of log RMS on log n (logLogFit). The interval is
 * the percentile bootstrap over seeds: resample S seeds with replacement (the same seeds at every size, so the
 * correlation between sizes that a shared seed induces is kept), recompute the RMS ladder and its slope, B
 * times, and take the standard deviation se* of the B slopes. The interval is p̂ ± t_{S−1, 1−α/2}·se*
 * (bootstrapHalfWidth), not the percentile interval: the claims decide at α ≈ 10⁻⁵ (src/check/falseAlarmBudget.ts),
 * whose percentiles would need B ≫ 2/α resamples, while se* is stable at B = 1000–2000. The normal bootstrap
 * interval p̂ ± z_{1−α/2}·se* (Efron & Tibshirani, An Introduction to the Bootstrap, §13.2) rests on the slope
 * being normal, true as S → ∞ but not in the far tail at the ensembles the claims use: measured on Gaussian errors
 * (tools/bootstrap-coverage.mjs, 20 000 ensembles of sizes 16..256) its miss rate at 1 − 10⁻⁵ was 2.7·10⁻³ at S = 12
 * and 2.5·10⁻⁴ at S = 32, 265 and 25 times α. Student's t with S − 1 degrees of freedom missed 0 of 20 000 at both
 * (test/stats/ensembleRate.test.ts keeps a 2000-ensemble check at S = 12). Resampling draws from
 * randomStream(seed, 'bootstrap'), so the interval is reproducible. The resampling itself is
 * bootstrapStandardErrors, shared with the claims that bootstrap other statistics of an ensemble (quantiles, a
 * fitted intercept), which take their half-widths from bootstrapHalfWidth too.
 */
import tQuantile from '@stdlib/stats-base-dists-t-quantile';
import { InvalidArgumentError } from '../errors.js';
import { randomStream } from '../init/random.js';
import { type ExponentFit, logLogFit } from './logLogFit.js';

export interface EnsembleRate extends ExponentFit {
  /** RMS over seeds at each size (with `centre`: the standard deviation over seeds). */
  rms: number[];
  /** Mean over seeds of e[s][j] at each size: the bias when the errors are signed, the mean error when they are not. */
  mean: number[];
}

/**
 * Bootstrap standard errors over seeds: B times, draw S row indices with replacement (the same rows for every
 * component, so correlations between the components of one seed are kept), evaluate `statistic` on them, and
 * return for each component the standard deviation (divisor count − 1) of its finite values, with their count
 * (NaN when fewer than 2 are finite).
 * The interval of a component is then estimate ± bootstrapHalfWidth(se, S, level).
 * @param S number of seeds (rows), ≥ 2
 * @param statistic the statistic of the resampled rows (indices into 0..S−1, with repeats), a fixed number of
 *   components; a non-finite component is left out of that component's standard error
 * @param opts resamples B ≥ 2; seed and stream name of the resampling stream randomStream(seed, stream)
 * @throws InvalidArgumentError when S < 2 or B < 2
 * @example bootstrapStandardErrors(128, (rows) => [mean(rows.map((i) => x[i]))], { resamples: 1000, seed: 7, stream: 'bootstrap' }).se[0]
 */
export function bootstrapStandardErrors(
  S: number,
  statistic: (rows: readonly number[]) => readonly number[],
  opts: { resamples: number; seed: number; stream: string },
): { se: number[]; counts: number[] } {
  if (!(Number.isInteger(S) && S >= 2)) throw new InvalidArgumentError('S', 'an integer ≥ 2 (seeds)', S);
  if (!(Number.isInteger(opts.resamples) && opts.resamples >= 2)) throw new InvalidArgumentError('resamples', 'an integer ≥ 2', opts.resamples);
  const rng = randomStream(opts.seed, opts.stream);
  const values: number[][] = [];
  for (let b = 0; b < opts.resamples; b++) {
    const rows = Array.from({ length: S }, () => Math.min(S - 1, Math.floor(rng.uniform() * S)));
    statistic(rows).forEach((v, k) => {
      const list = (values[k] ??= []);
      if (Number.isFinite(v)) list.push(v);
    });
  }
  const se = values.map((v) => {
    const m = v.reduce((a, b) => a + b, 0) / v.length;
    return Math.sqrt(v.reduce((a, b) => a + (b - m) ** 2, 0) / (v.length - 1));
  });
  return { se, counts: values.map((v) => v.length) };
}

/**
 * Half-width of the bootstrap interval estimate ± t_{S−1, 1−(1−level)/2}·se of a statistic of S seeds: the normal
 * bootstrap interval (Efron & Tibshirani §13.2) with Student's t(S − 1) quantile in place of the normal one, which
 * undercovers in the far tail at small S (the file's docstring has the measured miss rates). At level 1 − 10⁻⁵ the
 * t half-width is 73 % wider than the normal one at S = 12, 9 % at S = 64, 2.1 % at S = 256 and 1.0 % at S = 512.
 * @param se the bootstrap standard error (bootstrapStandardErrors), ≥ 0 (NaN gives NaN: an undecidable interval)
 * @param S number of seeds resampled, an integer ≥ 2
 * @param level two-sided level in (0, 1)
 * @throws InvalidArgumentError when S or level is out of range
 */
export function bootstrapHalfWidth(se: number, S: number, level: number): number {
  if (!(Number.isInteger(S) && S >= 2)) throw new InvalidArgumentError('S', 'an integer ≥ 2 (seeds)', S);
  if (!(level > 0 && level < 1)) throw new InvalidArgumentError('level', 'a number in (0, 1)', level);
  return tQuantile(1 - (1 - level) / 2, S - 1) * se;
}

/**
 * @param sizes n_j, length J ≥ 3, positive
 * @param errors e[s][j], S ≥ 2 rows of length J (signed errors allowed: the RMS uses e², `mean` the plain mean)
 * @param opts level in (0, 1) (default 0.99), resamples B (default 2000, at least 2 must have every RMS > 0), seed of the resampling stream;
 *   centre (default false): fit the standard deviation over seeds at each size instead of the RMS
 * @throws InvalidArgumentError on shapes that do not match, fewer than 2 seeds or 3 sizes, non-finite errors
 */
export function ensembleRate(
  sizes: readonly number[],
  errors: readonly (readonly number[])[],
  opts: { level?: number; resamples?: number; seed: number; centre?: boolean },
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
  const meanOf = (rows: readonly number[]): number[] => sizes.map((_, j) => rows.reduce((acc, i) => acc + errors[i][j], 0) / rows.length);
  const spreadOf = (rows: readonly number[]): number[] => {
    const centre = opts.centre ? meanOf(rows) : sizes.map(() => 0);
    const divisor = opts.centre ? rows.length - 1 : rows.length;
    return sizes.map((_, j) => Math.sqrt(rows.reduce((acc, i) => acc + (errors[i][j] - centre[j]) ** 2, 0) / divisor));
  };
  const slopeOf = (spread: readonly number[]): number =>
    spread.every((v) => v > 0) ? logLogFit(sizes.map((n, j) => ({ n, e: spread[j] })), level).exponent : NaN;
  const all = Array.from({ length: S }, (_, i) => i);
  const rms = spreadOf(all);
  const mean = meanOf(all);
  const point = logLogFit(sizes.map((n, j) => ({ n, e: rms[j] })), level);
  const boot = bootstrapStandardErrors(S, (rows) => [slopeOf(spreadOf(rows))], { resamples: B, seed: opts.seed, stream: 'bootstrap' });
  const se = boot.se[0] ?? NaN;
  const half = bootstrapHalfWidth(se, S, level);
  return {
    ...point,
    lo: point.exponent - half,
    hi: point.exponent + half,
    standardError: se,
    method: `bootstrap over ${S} seeds, t(${S - 1}) quantile, ${boot.counts[0] ?? 0} resamples${opts.centre ? ', standard deviation over seeds' : ''}`,
    rms,
    mean,
  };
}
