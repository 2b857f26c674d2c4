import { describe, expect, it } from 'vitest';
import { randomStream, gaussian } from '../../src/init/index.js';
import { logLogFit } from '../../src/stats/index.js';

describe('logLogFit', () => {
  it('recovers an exact power law with a zero-width interval', () => {
    const pts = [8, 16, 32, 64].map((n) => ({ n, e: 3 * n ** -1 }));
    const fit = logLogFit(pts);
    // Exact up to rounding of log and exp: a few ulps of the logs (≈ 4).
    expect(Math.abs(fit.exponent + 1)).toBeLessThan(1e-14);
    expect(Math.abs(fit.prefactor - 3)).toBeLessThan(1e-13);
    expect(fit.hi - fit.lo).toBeLessThan(1e-13);
  });

  // Coverage of the t-interval under its own model (log-normal noise around a power law): over 400 ladders
  // at level 0.9 the number of misses is Binomial(400, 0.1), mean 40, sd 6; [16, 64] is ±4 sd (false alarm
  // < 10^-4 if the interval is right), while an interval twice too narrow would miss ≈ 41 % (164).
  it('has its stated coverage under its model', () => {
    const rng = randomStream(7, 'test', 'coverage');
    let misses = 0;
    for (let r = 0; r < 400; r++) {
      const pts = [4, 8, 16, 32, 64].map((n) => ({ n, e: n ** -0.5 * Math.exp(0.2 * gaussian(rng)) }));
      const fit = logLogFit(pts, 0.9);
      if (!(fit.lo <= -0.5 && -0.5 <= fit.hi)) misses++;
    }
    expect(misses).toBeGreaterThanOrEqual(16);
    expect(misses).toBeLessThanOrEqual(64);
  });

  it('refuses ladders it cannot fit, naming the field', () => {
    expect(() => logLogFit([{ n: 1, e: 1 }, { n: 2, e: 1 }])).toThrow(/points=2 must be at least 3/);
    expect(() => logLogFit([{ n: 1, e: 1 }, { n: 2, e: 0 }, { n: 4, e: 1 }])).toThrow(/points\[\]\.e=0 must be finite and > 0/);
    expect(() => logLogFit([{ n: 2, e: 1 }, { n: 2, e: 2 }, { n: 2, e: 3 }])).toThrow(/two distinct sizes/);
    expect(() => logLogFit([{ n: 1, e: 1 }, { n: 2, e: 1 }, { n: 4, e: NaN }])).toThrow(/points\[\]\.e=NaN/);
    expect(() => logLogFit([{ n: 1, e: 1 }, { n: 2, e: 1 }, { n: 4, e: 1 }], 1)).toThrow(/level=1 must be a number in \(0, 1\)/);
  });
});
