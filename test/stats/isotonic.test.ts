import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { gamma } from '../../src/numeric/float64.js';
import { isotonicLoss, isotonicLossExact, isotonicRegression } from '../../src/stats/isotonic.js';

/**
 * Brute force: the optimal nondecreasing fit is constant on consecutive blocks (of sorted, tie-pooled x) at
 * the block means, so min over the partitions into consecutive blocks whose means are nondecreasing is the
 * isotonic loss; every such partition is feasible, so the minimum is attained among them. Exact on integer
 * labels: returns 2N·loss as a fraction num/den (bigint).
 */
function bruteForce(x: number[], y: number[]): { num: bigint; den: bigint } {
  const order = x.map((_, i) => i).sort((i, j) => x[i] - x[j] || i - j);
  const groups: number[][] = [];
  for (const i of order) {
    if (groups.length > 0 && x[groups[groups.length - 1][0]] === x[i]) groups[groups.length - 1].push(i);
    else groups.push([i]);
  }
  const G = groups.length;
  let best: { num: bigint; den: bigint } | null = null;
  for (let mask = 0; mask < 2 ** (G - 1); mask++) {
    // bit j set: a cut after group j
    const blocks: number[][] = [[]];
    for (let j = 0; j < G; j++) {
      blocks[blocks.length - 1].push(...groups[j]);
      if (j < G - 1 && (mask >> j) & 1) blocks.push([]);
    }
    const stats = blocks.map((b) => ({ s: BigInt(b.reduce((a, i) => a + y[i], 0)), n: BigInt(b.length), q: BigInt(b.reduce((a, i) => a + y[i] * y[i], 0)) }));
    let feasible = true;
    for (let k = 1; k < stats.length; k++) if (stats[k - 1].s * stats[k].n > stats[k].s * stats[k - 1].n) feasible = false;
    if (!feasible) continue;
    // Σ (q − s²/n) as a fraction over Π n
    let num = 0n;
    let den = 1n;
    for (const { s, n, q } of stats) {
      num = num * n + (n * q - s * s) * den;
      den *= n;
    }
    if (best === null || num * best.den < best.num * den) best = { num, den };
  }
  return best as { num: bigint; den: bigint };
}

const smallData = fc
  .integer({ min: 1, max: 7 })
  .chain((N) => fc.tuple(fc.array(fc.integer({ min: 0, max: 3 }), { minLength: N, maxLength: N }), fc.array(fc.integer({ min: -5, max: 5 }), { minLength: N, maxLength: N })));

function lossOfFit(y: ArrayLike<number>, g: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < y.length; i++) s += 0.5 * (g[i] - y[i]) ** 2;
  return s / y.length;
}

describe('isotonicLossExact', () => {
  it('equals the brute-force minimum over feasible block partitions, exactly (integer labels, ties in x)', () => {
    fc.assert(
      fc.property(smallData, ([x, y]) => {
        const exact = isotonicLossExact(x, y);
        const brute = bruteForce(x, y);
        // exact = brute/(2N)
        expect(exact.num * brute.den * 2n * BigInt(x.length)).toBe(brute.num * exact.den);
      }),
      { seed: 20261129, numRuns: 300 },
    );
  });

  it('is below every nondecreasing step function with levels on a grid (the minimum is over all of them)', () => {
    // N = 4 points, levels in {−2, −1.5, …, 2}: all nondecreasing level sequences, compared exactly in float
    // (labels and levels are multiples of 1/2, so each loss is a dyadic rational computed without rounding).
    const levels = Array.from({ length: 9 }, (_, k) => -2 + k / 2);
    fc.assert(
      fc.property(fc.array(fc.integer({ min: -4, max: 4 }), { minLength: 4, maxLength: 4 }), (yi) => {
        const y = yi.map((v) => v / 2);
        const x = [0, 1, 2, 3];
        const iso = isotonicLoss(x, y);
        let best = Infinity;
        const rec = (i: number, lo: number, g: number[]): void => {
          if (i === 4) {
            best = Math.min(best, lossOfFit(y, g));
            return;
          }
          for (let k = lo; k < levels.length; k++) rec(i + 1, k, [...g, levels[k]]);
        };
        rec(0, 0, []);
        expect(iso).toBeLessThanOrEqual(best);
      }),
      { seed: 7, numRuns: 100 },
    );
  });

  it('is 0 for monotone labels and pools decreasing labels to their mean', () => {
    expect(isotonicLoss([0, 1, 2, 3], [-1, 0, 0, 5])).toBe(0);
    // y = 3, 2, 1, 0: one block at mean 1.5, loss = ½ (2.25 + 0.25 + 0.25 + 2.25)/4 = 5/8
    expect(isotonicLossExact([0, 1, 2, 3], [3, 2, 1, 0])).toEqual({ num: 5n, den: 8n });
    expect(Array.from(isotonicRegression([0, 1, 2, 3], [3, 2, 1, 0]))).toEqual([1.5, 1.5, 1.5, 1.5]);
    expect(isotonicLossExact([0, 1, 2], [1, 3, 2])).toEqual({ num: 1n, den: 12n });
  });

  it('is exact on non-integer doubles: 0.1 and 0.2 swapped pool to their exact mean', () => {
    const a = 0.1;
    const b = 0.2;
    // loss = ½ · 2 · ((a − b)/2)² / 2 = (a − b)²/8, with a, b the exact dyadic values of the doubles
    const { num, den } = isotonicLossExact([0, 1], [b, a]);
    const A = 3602879701896397n; // 0.1 = A / 2^55
    const B = 3602879701896397n; // 0.2 = B / 2^54
    const diff = B * 2n - A; // (b − a)·2^55
    expect(num * 8n * 2n ** 110n).toBe(diff * diff * den);
  });
});

describe('isotonicRegression', () => {
  it('agrees with the exact loss, is nondecreasing in x, constant on ties, and idempotent', () => {
    fc.assert(
      fc.property(smallData, ([x, y]) => {
        const g = isotonicRegression(x, y);
        // integer labels, N ≤ 7: block sums and means of small integers, loss within a few ulps of exact
        expect(Math.abs(lossOfFit(y, g) - isotonicLoss(x, y))).toBeLessThanOrEqual(1e-14);
        for (let i = 0; i < x.length; i++) for (let j = 0; j < x.length; j++) if (x[i] <= x[j]) expect(g[i]).toBeLessThanOrEqual(g[j]);
        // idempotent up to rounding: refitting sums n copies of a block value v and divides by n, error ≤ γ_n |v|
        const g2 = isotonicRegression(x, g);
        for (let i = 0; i < x.length; i++) expect(Math.abs(g2[i] - g[i])).toBeLessThanOrEqual(gamma(x.length + 1) * Math.abs(g[i]));
        // and exactly idempotent in loss: the exact isotonic loss of a nondecreasing fit is 0
        expect(isotonicLoss(x, g)).toBe(0);
      }),
      { seed: 11, numRuns: 300 },
    );
  });

  it('respects weights: a heavy point pulls the pooled value toward itself', () => {
    // y = 2, 0 with weights 3, 1: pooled weighted mean 6/4 = 1.5
    expect(Array.from(isotonicRegression([0, 1], [2, 0], [3, 1]))).toEqual([1.5, 1.5]);
    // integer weights = repeated points
    expect(Array.from(isotonicRegression([0, 1, 2], [4, 0, 1], [1, 2, 1]))).toEqual(Array.from(isotonicRegression([0, 1, 1, 2], [4, 0, 0, 1])).filter((_, i) => i !== 2));
  });

  it('handles unsorted x', () => {
    expect(Array.from(isotonicRegression([2, 0, 1], [2, 1, 3]))).toEqual([2.5, 1, 2.5]);
  });

  it('refuses bad input, naming the field', () => {
    expect(() => isotonicRegression([], [])).toThrow(/x=/);
    expect(() => isotonicRegression([0, 1], [1])).toThrow(/^y=/);
    expect(() => isotonicRegression([0, NaN], [1, 2])).toThrow(/x\[1\]=/);
    expect(() => isotonicRegression([0, 1], [1, 2], [1, 0])).toThrow(/weights\[1\]=0 must be a number > 0/);
    expect(() => isotonicLoss([0, 1], [1, Infinity])).toThrow(/y\[1\]=/);
  });
});
