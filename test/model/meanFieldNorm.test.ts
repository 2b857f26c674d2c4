/**
 * model/meanFieldNorm.ts against its docstring, ‖Θ‖*² = (1/(ML)) Σ_{l,m} |θ_{l,m}|² and
 * ‖Θ − Θ'‖*² = (1/(ML)) Σ_{l,m} |θ_{l,m} − θ'_{l,m}|², evaluated independently on nested arrays θ[l][m].
 * The claims use the norm only inside inequalities, so a loose norm would survive them; here it is pinned to ulps.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { gaussian, randomStream } from '../../src/init/index.js';
import { meanFieldDistance, meanFieldNorm } from '../../src/model/meanFieldNorm.js';
import { gamma } from '../../src/numeric/index.js';

/** θ as nested arrays θ[l][m] (a vector of length 2d + 1), from the layout (L, M, 2d + 1) of network.ts. */
function nested(theta: Float64Array, d: number, L: number, M: number): number[][][] {
  const k = 2 * d + 1;
  return Array.from({ length: L }, (_, l) => Array.from({ length: M }, (_, m) => Array.from(theta.subarray((l * M + m) * k, (l * M + m + 1) * k))));
}

/** sqrt(mean over (l, m) of |θ_{l,m}|²), |·| by Math.hypot: the docstring's formula in another order of operations. */
function referenceNorm(theta: Float64Array, d: number, L: number, M: number, scale = 1 / (M * L)): number {
  const perNeuron = nested(theta, d, L, M).flat().map((v) => Math.hypot(...v) ** 2);
  return Math.sqrt(scale * perNeuron.reduce((s, t) => s + t, 0));
}

/**
 * Relative tolerance between two evaluations of sqrt of a sum of P non-negative terms with ≤ 8 further roundings:
 * each is within γ_{P+8} of the exact value (the square root halves it), so they differ by ≤ 2γ_{P+8}.
 */
const tolerance = (P: number): number => 2 * gamma(P + 8);

/** Gaussian parameters of a network of sizes (d, L, M) at a given scale, from a labelled seeded stream. */
function randomTheta(d: number, L: number, M: number, seed: number, label: string, scale = 1): Float64Array {
  const rng = randomStream(seed, 'test', 'meanFieldNorm', label);
  return Float64Array.from({ length: L * M * (2 * d + 1) }, () => scale * gaussian(rng));
}

/** |got − want| / |want|. */
const relative = (got: number, want: number): number => Math.abs(got - want) / Math.abs(want);

const SIZES = [
  { d: 2, L: 2, M: 3 },
  { d: 3, L: 3, M: 2 },
  { d: 2, L: 3, M: 3 },
  { d: 3, L: 1, M: 2 },
];

describe('meanFieldNorm and meanFieldDistance', () => {
  it('equal the documented formulas on generic sizes (fixed seeds)', () => {
    SIZES.forEach(({ d, L, M }, i) => {
      const a = randomTheta(d, L, M, i, 'a');
      const b = randomTheta(d, L, M, i, 'b', 0.5);
      const diff = a.map((t, p) => t - b[p]);
      expect(relative(meanFieldNorm(a, M, L), referenceNorm(a, d, L, M))).toBeLessThanOrEqual(tolerance(a.length));
      expect(relative(meanFieldDistance(a, b, M, L), referenceNorm(diff, d, L, M))).toBeLessThanOrEqual(tolerance(a.length));
      // The distance is a symmetric function of (a, b), and the norm is the distance to 0.
      expect(meanFieldDistance(b, a, M, L)).toBe(meanFieldDistance(a, b, M, L));
      expect(meanFieldDistance(a, new Float64Array(a.length), M, L)).toBe(meanFieldNorm(a, M, L));
    });
  });

  it('property (fast-check, fixed seed): the same for random sizes, scales and seeds', () => {
    const arb = fc.record({
      d: fc.integer({ min: 2, max: 3 }), L: fc.integer({ min: 1, max: 3 }), M: fc.integer({ min: 2, max: 3 }),
      seed: fc.integer({ min: 0, max: 2 ** 31 - 1 }), scale: fc.double({ min: 2 ** -10, max: 2 ** 10, noNaN: true }),
    });
    fc.assert(
      fc.property(arb, ({ d, L, M, seed, scale }) => {
        const a = randomTheta(d, L, M, seed, 'a', scale);
        const b = randomTheta(d, L, M, seed, 'b');
        const diff = a.map((t, p) => t - b[p]);
        expect(relative(meanFieldNorm(a, M, L), referenceNorm(a, d, L, M))).toBeLessThanOrEqual(tolerance(a.length));
        expect(relative(meanFieldDistance(a, b, M, L), referenceNorm(diff, d, L, M))).toBeLessThanOrEqual(tolerance(a.length));
      }),
      { seed: 8014, numRuns: 100 },
    );
  });

  it('worked examples: one neuron (1, 2, 2) has ‖θ‖* = 3; alone among M L = 6 neurons, 3/√6; a copy in all six, 3', () => {
    expect(meanFieldNorm(Float64Array.of(1, 2, 2), 1, 1)).toBe(3);
    const one = new Float64Array(6 * 3);
    one.set([1, 2, 2], 4 * 3);
    // M = 2, L = 3: (1/6)·9 = 3/2, so ‖Θ‖* = sqrt(3/2) = 3/√6 (M + L = 5 or M/L would give another value).
    expect(relative(meanFieldNorm(one, 2, 3), 3 / Math.sqrt(6))).toBeLessThanOrEqual(gamma(4));
    const all = Float64Array.from({ length: 18 }, (_, p) => [1, 2, 2][p % 3]);
    expect(meanFieldNorm(all, 2, 3)).toBe(3);
    // Distance: θ' = θ − (0, 2, 2) in the one nonzero neuron leaves |Δθ| = 2√2 there: ‖ΔΘ‖* = 2√2/√6 = 2/√3.
    const moved = Float64Array.from(one);
    moved.set([1, 0, 0], 4 * 3);
    expect(relative(meanFieldDistance(one, moved, 2, 3), 2 / Math.sqrt(3))).toBeLessThanOrEqual(gamma(4));
    expect(relative(meanFieldDistance(moved, one, 2, 3), 2 / Math.sqrt(3))).toBeLessThanOrEqual(gamma(4));
  });

  it('negative control: the comparison detects a missing 1/L, a doubled sum and a sum for a difference', () => {
    const { d, L, M } = SIZES[0];
    const a = randomTheta(d, L, M, 0, 'a');
    const b = randomTheta(d, L, M, 0, 'b', 0.5);
    const tol = tolerance(a.length);
    expect(relative(meanFieldNorm(a, M, L), referenceNorm(a, d, L, M, 1 / M))).toBeGreaterThan(100 * tol);
    expect(relative(meanFieldNorm(a, M, L), referenceNorm(a, d, L, M, 2 / (M * L)))).toBeGreaterThan(100 * tol);
    const sum = a.map((t, p) => t + b[p]);
    expect(relative(meanFieldDistance(a, b, M, L), referenceNorm(sum, d, L, M))).toBeGreaterThan(100 * tol);
  });
});
