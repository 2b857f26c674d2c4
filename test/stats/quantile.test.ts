import { describe, expect, it } from 'vitest';
import { InvalidArgumentError } from '../../src/errors.js';
import { randomStream } from '../../src/init/random.js';
import { clopperPearson } from '../../src/stats/binomial.js';
import { quantileInterval, quantileRanks } from '../../src/stats/quantile.js';

type Interval = (sorted: number[], q: number, level: number) => [number, number];

/** Misses of the true quantile xi among R seeded samples of size n drawn by `draw(u)` (inverse CDF). */
function simulatedMisses(interval: Interval, draw: (u: number) => number, xi: number, n: number, q: number, level: number, R: number, seed: number): number {
  const rng = randomStream(seed, 'test', 'quantile', String(n), String(q));
  let misses = 0;
  for (let rep = 0; rep < R; rep++) {
    const xs = Array.from({ length: n }, () => draw(rng.uniform())).sort((a, b) => a - b);
    const [lo, hi] = interval(xs, q, level);
    if (!(lo <= xi && xi <= hi)) misses++;
  }
  return misses;
}

/** As in binomial.test.ts: the 99.9 % interval of the simulated miss rate must reach down to α. */
function coversAtLevel(misses: number, R: number, level: number): boolean {
  return clopperPearson(misses, R, 0.999)[0] <= 1 - level;
}

const exponential = (u: number) => -Math.log1p(-u); // ξ_q = −ln(1 − q)

describe('quantileRanks', () => {
  it('gives the textbook median interval [x_(2), x_(9)] for n = 10 at 95 % (coverage 1002/1024)', () => {
    expect(quantileRanks(10, 0.5, 0.95)).toEqual({ r: 2, s: 9, coverage: 1 - 22 / 1024 });
  });

  it('matches independent values (scipy.stats.binom)', () => {
    const cases: [number, number, number, number, number, number][] = [
      [100, 0.9, 0.99, 82, 98, 0.9934743611681155],
      [60, 0.9, 0.9, 50, 59, 0.9520137979552563],
      [1000, 0.99, 0.95, 983, 997, 0.976094763497977],
      [5, 0.99, 0.99, 4, 6, 0.9990198504],
      [200, 0.05, 0.9, 5, 16, 0.9291975708238188],
      [1, 0.5, 0.5, 0, 2, 1],
    ];
    for (const [n, q, level, r, s, coverage] of cases) {
      const got = quantileRanks(n, q, level);
      expect([got.r, got.s]).toEqual([r, s]);
      expect(Math.abs(got.coverage - coverage)).toBeLessThan(1e-10);
      expect(got.coverage).toBeGreaterThanOrEqual(level);
    }
  });

  it('reports ±∞ when the sample is too small for the level', () => {
    const xs = [1, 2, 3, 4, 5];
    expect(quantileInterval(xs, 0.99, 0.99)).toEqual([4, Infinity]);
    expect(quantileInterval(xs, 0.01, 0.99)).toEqual([-Infinity, 2]);
  });
});

describe('quantileInterval coverage', () => {
  it('covers the 0.9-quantile of an exponential at the stated level (2000 samples of n = 60)', () => {
    const misses = simulatedMisses(quantileInterval, exponential, -Math.log(0.1), 60, 0.9, 0.9, 2000, 31);
    expect(coversAtLevel(misses, 2000, 0.9)).toBe(true);
    // Continuous law: the miss probability is exactly 1 − P(r ≤ B ≤ s − 1) = 0.04799.
    const [lo, hi] = clopperPearson(misses, 2000, 0.999);
    const exact = 1 - quantileRanks(60, 0.9, 0.9).coverage;
    expect(lo <= exact && exact <= hi).toBe(true);
  });

  it('covers with ties (a law on {0, 1, 2, 3}): ξ_0.5 = 1, coverage still ≥ level', () => {
    const misses = simulatedMisses(quantileInterval, (u) => Math.floor(4 * u), 1, 30, 0.5, 0.95, 2000, 32);
    expect(coversAtLevel(misses, 2000, 0.95)).toBe(true);
  });

  // Negative control: the plug-in "x_(⌈nq⌉) ± one rank" misses far more often than 10 %; the check rejects it.
  it('rejects a plug-in interval around x_(⌈nq⌉)', () => {
    const plugIn: Interval = (xs, q) => {
      const i = Math.ceil(xs.length * q) - 1;
      return [xs[Math.max(0, i - 1)]!, xs[Math.min(xs.length - 1, i + 1)]!];
    };
    const misses = simulatedMisses(plugIn, exponential, -Math.log(0.1), 60, 0.9, 0.9, 2000, 33);
    expect(coversAtLevel(misses, 2000, 0.9)).toBe(false);
  });
});

describe('quantileInterval input validation', () => {
  it('refuses bad input, naming the field', () => {
    expect(() => quantileInterval([], 0.5)).toThrow(InvalidArgumentError);
    expect(() => quantileInterval([], 0.5)).toThrow(/^sorted=array of length 0 must be a non-empty array/);
    expect(() => quantileInterval([2, 1], 0.5)).toThrow(/^sorted\[1\]=1 must be ≥ sorted\[0\]=2/);
    expect(() => quantileInterval([1, Number.NaN], 0.5)).toThrow(/^sorted\[1\]=NaN must be a finite number/);
    expect(() => quantileInterval([1, 2], 1)).toThrow(/^q=1 must be a number in \(0, 1\)/);
    expect(() => quantileInterval([1, 2], 0.5, 1)).toThrow(/^level=1 /);
    expect(() => quantileRanks(0, 0.5)).toThrow(/^n=0 /);
  });
});
