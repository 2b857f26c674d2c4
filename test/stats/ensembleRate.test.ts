import { describe, expect, it } from 'vitest';
import { randomStream, gaussian } from '../../src/init/index.js';
import { bootstrapStandardErrors, ensembleRate } from '../../src/stats/index.js';

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
