import { describe, expect, it } from 'vitest';
import { gaussian, randomStream } from '../../src/init/index.js';
import { varianceInterval } from '../../src/stats/index.js';

describe('varianceInterval', () => {
  it('matches the χ² quantiles of a textbook case (S = 100, v = 1, 99 %)', () => {
    // χ²_{0.995, 99} = 138.987, χ²_{0.005, 99} = 66.510 (standard tables, rounded to 0.0005: relative ≤ 8·10⁻⁶)
    const [lo, hi] = varianceInterval(1, 100);
    expect(Math.abs((lo * 138.987) / 99 - 1)).toBeLessThan(1e-5);
    expect(Math.abs((hi * 66.51) / 99 - 1)).toBeLessThan(1e-5);
  });

  // 400 Gaussian samples of size 20 at level 0.9: misses ~ Binomial(400, 0.1), mean 40, sd 6; [16, 64] is ±4 sd.
  it('covers the true variance about as often as stated', () => {
    const rng = randomStream(3, 'test', 'variance');
    let misses = 0;
    for (let r = 0; r < 400; r++) {
      const xs = Array.from({ length: 20 }, () => 2 * gaussian(rng));
      const mean = xs.reduce((a, b) => a + b, 0) / xs.length;
      const v = xs.reduce((a, b) => a + (b - mean) ** 2, 0) / (xs.length - 1);
      const [lo, hi] = varianceInterval(v, xs.length, 0.9);
      if (!(lo <= 4 && 4 <= hi)) misses++;
    }
    expect(misses).toBeGreaterThanOrEqual(16);
    expect(misses).toBeLessThanOrEqual(64);
  });

  it('refuses bad input, naming the field', () => {
    expect(() => varianceInterval(-1, 10)).toThrow(/variance=-1 must be a finite number ≥ 0/);
    expect(() => varianceInterval(1, 1)).toThrow(/S=1 must be an integer ≥ 2/);
  });
});
