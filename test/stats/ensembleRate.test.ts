import { describe, expect, it } from 'vitest';
import { randomStream, gaussian } from '../../src/init/index.js';
import normalQuantile from '@stdlib/stats-base-dists-normal-quantile';
import { bootstrapHalfWidth, bootstrapStandardErrors, ensembleRate } from '../../src/stats/index.js';
import { DECISION_LEVEL } from '../../src/check/falseAlarmBudget.js';

const sizes = [4, 8, 16, 32, 64];

/** errors[s][j] = Gaussian with sd n_j^{-1/2}: RMS ∝ M^{-1/2}, bias 0. */
function ensemble(seeds: number, seed: number, exponent = -0.5): number[][] {
  const rng = randomStream(seed, 'test', 'ensemble');
  return Array.from({ length: seeds }, () => sizes.map((n) => n ** exponent * gaussian(rng)));
}

describe('ensembleRate', () => {
  it('is reproducible: same seed, same interval', () => {
    const e = ensemble(24, 1);
    expect(ensembleRate(sizes, e, { seed: 5 })).toEqual(ensembleRate(sizes, e, { seed: 5 }));
  });

  // With S = 64 seeds the RMS at each size has relative sd ≈ 1/sqrt(2S) ≈ 0.09, so the slope over 4 octaves has
  // sd ≈ 0.05 and a 99 % interval ≈ ±0.13. Over 40 ensembles at level 0.9 the misses are Binomial(40, 0.1)
  // (mean 4); allowing ≤ 14 is a false alarm < 10^-4 (if the bootstrap were calibrated), while an interval that
  // excluded the truth systematically would miss far more.
  it('covers the true exponent about as often as stated, and tells −1/2 from −1', () => {
    let misses = 0;
    for (let r = 0; r < 40; r++) {
      const fit = ensembleRate(sizes, ensemble(64, 100 + r), { seed: r, level: 0.9, resamples: 400 });
      if (!(fit.lo <= -0.5 && -0.5 <= fit.hi)) misses++;
      expect(fit.hi).toBeLessThan(-0.25);
    }
    expect(misses).toBeLessThanOrEqual(14);
    const steep = ensembleRate(sizes, ensemble(64, 9, -1), { seed: 1 });
    expect(steep.hi).toBeLessThan(-0.75);
  });

  // The level the claims decide at is 1 − 10⁻⁵ (DECISION_LEVEL); displacement's ensemble is the smallest, S = 24
  // (its ladder M = 16..256). Measured on 20 000 ensembles (tools/bootstrap-coverage.mjs): at S = 12 the normal
  // quantile z missed 53 times (2.7·10⁻³, 265 α), Student's t(S − 1) never. Here 2000 ensembles at S = 12, a harder
  // case: a calibrated interval misses Binomial(2000, 10⁻⁵) times (P(≥ 2) ≈ 2·10⁻⁴), the normal one ≈ 5 times at that
  // rate (3 on these seeded ensembles); the control (the normal quantile on the same ensembles) must miss at least 3
  // times, so the check can fail.
  it('covers the true exponent at the decision level with S = 12 seeds, where the normal quantile does not', () => {
    const ladder = [16, 32, 64, 128, 256];
    const S = 12;
    const z = normalQuantile(1 - (1 - DECISION_LEVEL) / 2, 0, 1);
    let misses = 0;
    let normalMisses = 0;
    for (let r = 0; r < 2000; r++) {
      const rng = randomStream(r, 'test', 'coverage-at-decision-level');
      const e = Array.from({ length: S }, () => ladder.map((n) => n ** -0.5 * gaussian(rng)));
      const fit = ensembleRate(ladder, e, { seed: r, resamples: 1000, level: DECISION_LEVEL });
      if (!(fit.lo <= -0.5 && -0.5 <= fit.hi)) misses++;
      if (Math.abs(fit.exponent + 0.5) > z * fit.standardError) normalMisses++;
    }
    expect(misses).toBeLessThanOrEqual(1);
    expect(normalMisses).toBeGreaterThanOrEqual(3);
  }, 60_000);

  it('takes its half-width from Student\'s t(S − 1): wider than the normal one at small S, 2.1 % wider at S = 256', () => {
    const z = normalQuantile(1 - (1 - DECISION_LEVEL) / 2, 0, 1);
    expect(bootstrapHalfWidth(1, 12, DECISION_LEVEL) / z).toBeGreaterThan(1.7);
    expect(bootstrapHalfWidth(1, 256, DECISION_LEVEL) / z).toBeLessThan(1.022);
    expect(bootstrapHalfWidth(1, 256, DECISION_LEVEL) / z).toBeGreaterThan(1);
    // t(1) at 97.5 %: tan(π(0.975 − ½)) = 12.706…
    expect(bootstrapHalfWidth(2, 2, 0.95)).toBeCloseTo(2 * Math.tan(Math.PI * 0.475), 10);
    // t(2) in closed form, F⁻¹(p) = (2p − 1)/sqrt(2p(1 − p)): S = 3 seeds have S − 1 = 2 degrees of freedom (not 1, not 3)
    const p = 1 - (1 - DECISION_LEVEL) / 2;
    expect(bootstrapHalfWidth(1, 3, DECISION_LEVEL)).toBeCloseTo((2 * p - 1) / Math.sqrt(2 * p * (1 - p)), 6);
    expect(() => bootstrapHalfWidth(1, 1, 0.9)).toThrow(/S=1 must be an integer ≥ 2/);
    expect(() => bootstrapHalfWidth(1, 10, 1)).toThrow(/level=1 must be a number in \(0, 1\)/);
  });

  it('reports RMS and mean per size', () => {
    const fit = ensembleRate([1, 2, 4], [[1, 2, 3], [3, 2, 1]], { seed: 1, resamples: 10 });
    expect(fit.rms).toEqual([Math.sqrt(5), 2, Math.sqrt(5)]);
    expect(fit.mean).toEqual([2, 2, 2]);
  });

  it('refuses mismatched shapes and non-finite errors, naming the field', () => {
    expect(() => ensembleRate([1, 2, 4], [[1, 2, 3]], { seed: 1 })).toThrow(/errors=1 must be at least 2 seeds/);
    expect(() => ensembleRate([1, 2, 4], [[1, 2, 3], [1, 2]], { seed: 1 })).toThrow(/errors\[1\]=2 must be length 3/);
    expect(() => ensembleRate([1, 2, 4], [[1, 2, 3], [1, Infinity, 2]], { seed: 1 })).toThrow(/errors\[1\]\[1\]=Infinity/);
  });

  it('with centre, fits the standard deviation over seeds (the bias removed)', () => {
    const rows = [[1, 2, 3], [3, 2, 1], [5, 6, 7]];
    const fit = ensembleRate([1, 2, 4], rows, { seed: 1, resamples: 10, centre: true });
    const sd = (a: number[]) => { const m = a.reduce((u, v) => u + v, 0) / a.length; return Math.sqrt(a.reduce((u, v) => u + (v - m) ** 2, 0) / (a.length - 1)); };
    fit.rms.forEach((v, j) => expect(Math.abs(v - sd(rows.map((r) => r[j]!)))).toBeLessThan(1e-15 * 8));
    expect(fit.mean).toEqual([3, 10 / 3, 11 / 3]);
  });
});

describe('bootstrapStandardErrors', () => {
  // The bootstrap se of a mean of S draws is sd·sqrt((S − 1)/S)/sqrt(S) in expectation; with B = 2000 resamples its
  // relative sampling error is ≈ 1/sqrt(2B) ≈ 1.6 %, so 10 % is > 6 standard errors.
  it('gives the standard error of a mean, skips non-finite components, and is reproducible', () => {
    const rng = randomStream(3, 'test', 'se');
    const x = Array.from({ length: 200 }, () => gaussian(rng));
    const m = x.reduce((a, b) => a + b, 0) / x.length;
    const sd = Math.sqrt(x.reduce((a, b) => a + (b - m) ** 2, 0) / x.length);
    const stat = (rows: readonly number[]) => [rows.reduce((a, i) => a + x[i]!, 0) / rows.length, NaN];
    const out = bootstrapStandardErrors(x.length, stat, { resamples: 2000, seed: 4, stream: 'bootstrap' });
    expect(Math.abs(out.se[0]! / (sd / Math.sqrt(x.length)) - 1)).toBeLessThan(0.1);
    expect(out.counts).toEqual([2000, 0]);
    expect(bootstrapStandardErrors(x.length, stat, { resamples: 2000, seed: 4, stream: 'bootstrap' })).toEqual(out);
    expect(() => bootstrapStandardErrors(1, stat, { resamples: 10, seed: 1, stream: 'b' })).toThrow(/S=1 must be/);
  });
});
