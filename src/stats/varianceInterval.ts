/**
 * The confidence interval of a variance from S independent Gaussian samples (the classical χ² interval):
 *
 *   [ (S−1) v / χ²_{1−α/2, S−1},  (S−1) v / χ²_{α/2, S−1} ]
 *
 * with v the unbiased sample variance and χ²_{p, k} the p-quantile of the χ² law with k degrees of freedom.
 * Exact for Gaussian samples; for other laws it is a guide, not a guarantee (the variance's own spread depends
 * on the fourth moment).
 */
import chisquareQuantile from '@stdlib/stats-base-dists-chisquare-quantile';
import { InvalidArgumentError } from '../errors.js';

/**
 * @param variance unbiased sample variance v ≥ 0
 * @param S number of samples, ≥ 2
 * @param level confidence level in (0, 1), default 0.99
 * @throws InvalidArgumentError for v < 0 or non-finite, S < 2 or not an integer, level outside (0, 1)
 * @example varianceInterval(1, 100)  // ≈ [0.72, 1.46]
 */
export function varianceInterval(variance: number, S: number, level = 0.99): [number, number] {
  if (!(Number.isFinite(variance) && variance >= 0)) throw new InvalidArgumentError('variance', 'a finite number ≥ 0', variance);
  if (!(Number.isInteger(S) && S >= 2)) throw new InvalidArgumentError('S', 'an integer ≥ 2', S);
  if (!(level > 0 && level < 1)) throw new InvalidArgumentError('level', 'a number in (0, 1)', level);
  const k = S - 1;
  const alpha = 1 - level;
  return [(k * variance) / chisquareQuantile(1 - alpha / 2, k), (k * variance) / chisquareQuantile(alpha / 2, k)];
}
