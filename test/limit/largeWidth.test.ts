/**
 * The large-width reference along training (src/limit/largeWidth.ts): its seed-to-seed spread falls like
 * M_ref^{-1/2}; at s = 0 it agrees with the analytic mean-field loss; the antithetic reference is exact at s = 0
 * and has a smaller spread; a lazy 1/sqrt(M) scaling (negative control of the spread test) does not concentrate.
 */
import { describe, expect, it } from 'vitest';
import { makeActivation } from '../../src/activations/index.js';
import { loadDataset } from '../../src/data/index.js';
import { InvalidArgumentError } from '../../src/errors.js';
import { type WidthSetting, largeWidthReference, meanFieldInitialLoss, widthNetwork } from '../../src/limit/largeWidth.js';
import { logLogFit } from '../../src/stats/index.js';

const setting = (uFactor?: (M: number) => number): WidthSetting => ({
  L: 2,
  activation: makeActivation({ name: 'tanh' }),
  scale: 1,
  data: loadDataset('ball', { d: 1, N: 4, seed: 3 }),
  dt: 0.1,
  steps: 10,
  ...(uFactor ? { uFactor } : {}),
});
const seeds = (K: number, base: number): number[] => Array.from({ length: K }, (_, k) => base + k);
const WIDTHS = [64, 256, 1024];
const K = 24;

/** Exponent of the spread of E_M(s = 1) over K seeds against M (log–log OLS over WIDTHS). */
function spreadExponent(s: WidthSetting, antithetic = false): number {
  const pts = WIDTHS.map((M) => ({ n: M, e: largeWidthReference(s, M, seeds(K, 100), antithetic).spread[s.steps] }));
  return logLogFit(pts).exponent;
}

describe('largeWidthReference', () => {
  it('its seed-to-seed spread falls like M_ref^{-1/2} (E|E_M − E_ρ|² ≤ C/M)', () => {
    // K = 24 seeds: each spread carries ≈ 1/sqrt(2(K − 1)) ≈ 15% relative noise, so the slope over a 16× range
    // carries ≈ 0.15·sqrt(2)/ln 16 ≈ 0.08; the allowance 0.2 is 2.5 of those.
    expect(Math.abs(spreadExponent(setting()) + 0.5)).toBeLessThan(0.2);
  });

  it('negative control: with the lazy 1/(sqrt(M) L) scaling the spread does not fall like M^{-1/2}', () => {
    expect(spreadExponent(setting((M) => Math.sqrt(M)))).toBeGreaterThan(-0.3);
  });

  it('at s = 0 agrees with the analytic mean-field loss (1/N) Σ ½ (aᵀx − y)² within 5 standard errors', () => {
    // (E_ref − E_ρ)/error is Student-t with K − 1 = 15 df (up to the O(1/M) bias): |t| > 5 has probability 2·10^-4.
    const s = setting();
    const ref = largeWidthReference(s, 1024, seeds(16, 7));
    const analytic = meanFieldInitialLoss(s.data, new Float64Array([1]));
    expect(Math.abs(ref.E[0] - analytic)).toBeLessThan(5 * ref.error[0]);
    expect(ref.error[0]).toBeGreaterThan(0);
  });

  it('antithetic pairs (θ, (−u, w, b)) are exact at s = 0 up to rounding and reduce the spread along training', () => {
    const s = setting();
    const anti = largeWidthReference(s, 1024, seeds(8, 7), true);
    const plain = largeWidthReference(s, 1024, seeds(8, 7));
    const analytic = meanFieldInitialLoss(s.data, new Float64Array([1]));
    // The paired terms cancel: z_L = x up to the rounding of M L sums of O(1) terms (≤ ~1e-13 here).
    expect(Math.abs(anti.E[0] - analytic)).toBeLessThan(1e-12);
    // Measured ratio 0.28–0.47 over four seed sets (K = 8, so each spread carries ≈ 27% noise).
    expect(anti.spread[s.steps]).toBeLessThan(0.75 * plain.spread[s.steps]);
    expect(Math.abs(spreadExponent(s, true) + 0.5)).toBeLessThan(0.2);
  });

  it('the grid is s_j = j Δs and every width draws linear paths (u scaled by uFactor)', () => {
    const ref = largeWidthReference(setting(), 16, seeds(2, 1));
    expect(Array.from(ref.s)).toEqual(Array.from({ length: 11 }, (_, j) => j * 0.1));
    const plain = widthNetwork(setting(), 4, 5);
    const lazy = widthNetwork(setting((M) => Math.sqrt(M)), 4, 5);
    expect(lazy.theta[0]).toBe(2 * plain.theta[0]);
    expect(lazy.theta[1]).toBe(plain.theta[1]);
  });

  it('rejects fewer than 2 seeds and an odd antithetic width', () => {
    expect(() => largeWidthReference(setting(), 16, [1])).toThrow(InvalidArgumentError);
    expect(() => largeWidthReference(setting(), 15, [1, 2], true)).toThrow(InvalidArgumentError);
  });
});
