import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { InvalidArgumentError } from '../../src/errors.js';
import { regularizedRelu, type Activation } from '../../src/activations/index.js';
import { anyFinite, describeActivationContract } from './contract.js';
import { regularizedReluReference } from './references.js';
import { nextDown, nextUp, ulpOf } from './ulp.js';

/**
 * Bounds from src/activations/regularizedRelu.ts: σ ≤ 4u, σ' ≤ 2u, σ'' ≤ u (the outer pieces are exact).
 * σ''' = σ'''' = 0 away from the kinks ±δ; central differences across them are skipped.
 */
for (const delta of [0.5, 3, 1e-3, 1e-300]) {
  const kinks = [-delta, delta];
  describeActivationContract(`regularized_relu(δ=${delta})`, {
    activation: regularizedRelu(delta),
    reference: regularizedReluReference(delta),
    ulps: [4, 2, 1],
    d3: 0,
    d4: 0,
    kinks,
    extraGrid: kinks.flatMap((k) => [k, nextUp(k), nextDown(k), k / 2]),
  });
}

/**
 * True when f has no jump at x: f at the neighbouring doubles x⁻ < x < x⁺ and at x differ by at most
 * lipschitz·(x⁺ − x⁻) (the variation allowed by the slope) plus 4 ulps of the larger value (rounding of
 * the two pieces). A jump of size J is detected once J exceeds this, i.e. essentially always.
 */
function continuousAt(f: (r: number) => number, x: number, lipschitz: number): boolean {
  const [lo, mid, hi] = [f(nextDown(x)), f(x), f(nextUp(x))];
  const slack = lipschitz * (nextUp(x) - nextDown(x)) + 4 * ulpOf(Math.max(Math.abs(lo), Math.abs(mid), Math.abs(hi)));
  return Math.abs(mid - lo) <= slack && Math.abs(hi - mid) <= slack && Math.abs(hi - lo) <= slack;
}

describe('regularized_relu: theory.md claim 22', () => {
  const deltas = fc.double({ min: 1e-6, max: 1e6, noNaN: true });

  it("σ_δ and σ_δ' are continuous at ±δ", () => {
    fc.assert(
      fc.property(deltas, (delta) => {
        const a = regularizedRelu(delta);
        for (const x of [-delta, delta]) {
          expect(continuousAt(a.sigma, x, 1)).toBe(true);
          expect(continuousAt(a.dsigma, x, 0.5 / delta)).toBe(true);
        }
      }),
      { seed: 22, numRuns: 300 },
    );
  });

  it("σ_δ' ∈ [0, 1] and |σ_δ''| ≤ 1/(2δ) on all finite doubles", () => {
    fc.assert(
      fc.property(deltas, anyFinite, (delta, r) => {
        const a = regularizedRelu(delta);
        expect(a.dsigma(r)).toBeGreaterThanOrEqual(0);
        expect(a.dsigma(r)).toBeLessThanOrEqual(1);
        expect(Math.abs(a.d2sigma(r))).toBeLessThanOrEqual(a.supAbsD2sigma);
        expect(Number.isFinite(a.sigma(r))).toBe(true);
      }),
      { seed: 23, numRuns: 1000 },
    );
  });

  it("σ_δ'' is the right derivative at the kinks: 1/(2δ) at −δ, 0 at δ", () => {
    const a = regularizedRelu(0.5);
    expect([a.d2sigma(nextDown(-0.5)), a.d2sigma(-0.5), a.d2sigma(nextDown(0.5)), a.d2sigma(0.5)]).toEqual([0, 1, 1, 0]);
    expect([a.sigma(-0.5), a.sigma(0.5), a.dsigma(-0.5), a.dsigma(0.5)]).toEqual([0, 0.5, 0, 1]);
  });

  it('negative control: the quadratic piece (r + δ)²/(2δ) fails the continuity check at δ', () => {
    const right = regularizedRelu(0.5);
    const d = 0.5;
    const wrong: Activation = {
      ...right,
      sigma: (r) => (r < -d ? 0 : r >= d ? r : (r + d) ** 2 / (2 * d)),
      dsigma: (r) => (r < -d ? 0 : r >= d ? 1 : (r + d) / d),
    };
    expect(continuousAt(wrong.sigma, d, 1)).toBe(false);
    expect(continuousAt(wrong.dsigma, d, 1 / d)).toBe(false);
    expect(continuousAt(wrong.sigma, -d, 1)).toBe(true); // the error only shows at the upper kink
  });

  it('rejects δ that is not a finite number > 0, naming activation.delta', () => {
    for (const bad of [0, -1, Number.NaN, Infinity, -Infinity]) {
      expect(() => regularizedRelu(bad)).toThrow(InvalidArgumentError);
      expect(() => regularizedRelu(bad)).toThrow(/^activation\.delta=.*a finite number > 0/);
    }
  });
});
