import { describe, expect, it } from 'vitest';
import { gaussian, gaussianFromUniforms, randomStream, uniformIn } from '../../src/init/index.js';

/** Two-sided normal quantile for a false-alarm rate of 1e-6 per check (every test below is seeded, so deterministic). */
const Z = 4.8916;

describe('seeded random streams', () => {
  it('the same seed and path give the same bits; another seed or path gives other bits', () => {
    const draw = (seed: number, ...path: string[]) => Array.from({ length: 64 }, randomStream(seed, ...path).uniform);
    expect(draw(7, 'a')).toEqual(draw(7, 'a'));
    expect(draw(7, 'a')).not.toEqual(draw(8, 'a'));
    expect(draw(7, 'a')).not.toEqual(draw(7, 'b'));
  });

  it('rejects seeds that are not non-negative safe integers', () => {
    for (const bad of [-1, 1.5, NaN, 2 ** 60]) expect(() => randomStream(bad)).toThrow(/seed=/);
  });

  it('a uniform draw of exactly 0 never reaches log(0): the Gaussian stays finite and bounded', () => {
    expect(gaussianFromUniforms(0, 0)).toBe(0);
    const largestRadius = Math.sqrt(-2 * Math.log(2 ** -53));
    const extreme = gaussianFromUniforms(1 - 2 ** -53, 0);
    expect(Number.isFinite(extreme)).toBe(true);
    expect(Math.abs(extreme)).toBeLessThanOrEqual(largestRadius * (1 + 2 ** -50));
  });

  it('Gaussian draws have mean 0 and variance 1 within intervals at false-alarm rate 1e-6', () => {
    const n = 200_000;
    const rng = randomStream(2026, 'test', 'gaussian');
    let sum = 0;
    let sumSq = 0;
    for (let i = 0; i < n; i++) {
      const g = gaussian(rng);
      sum += g;
      sumSq += g * g;
    }
    const mean = sum / n;
    const variance = (sumSq - n * mean * mean) / (n - 1);
    expect(Math.abs(mean)).toBeLessThanOrEqual(Z / Math.sqrt(n));
    // (n−1)s² ~ χ²_{n−1} ≈ N(n−1, 2(n−1)) for large n.
    expect(Math.abs(variance - 1)).toBeLessThanOrEqual(Z * Math.sqrt(2 / (n - 1)));
  });

  it('a biased sampler (mean 0.01) is rejected by the same interval (negative control)', () => {
    const n = 200_000;
    const rng = randomStream(2026, 'test', 'gaussian');
    let sum = 0;
    for (let i = 0; i < n; i++) sum += gaussian(rng) + 0.02;
    expect(Math.abs(sum / n)).toBeGreaterThan(Z / Math.sqrt(n));
  });

  it('uniformIn(rng, lo, hi) = lo + (hi − lo)·u with u the next uniform of the stream, inside [lo, hi)', () => {
    const rng = randomStream(31, 'test', 'uniform');
    const twin = randomStream(31, 'test', 'uniform');
    for (let i = 0; i < 100; i++) {
      const x = uniformIn(rng, -2, 5);
      expect(x).toBe(-2 + (5 - -2) * twin.uniform());
      expect(x).toBeGreaterThanOrEqual(-2);
      expect(x).toBeLessThan(5);
    }
  });

  it('the labels of a path are kept apart: (a, b) is not (ab), and seed 1 with label 2x is not seed 12 with x', () => {
    const draw = (seed: number, ...path: string[]) => Array.from({ length: 8 }, randomStream(seed, ...path).uniform);
    expect(draw(7, 'a', 'b')).not.toEqual(draw(7, 'ab'));
    expect(draw(1, '2x')).not.toEqual(draw(12, 'x'));
  });
});

