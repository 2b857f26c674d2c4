import type { Activation } from './activation.js';

/**
 * The identity activation σ(r) = r, σ'(r) = 1, σ''(r) = 0.
 *
 * @remarks
 * Exact on every finite double (no rounding anywhere). Unbounded, so the forward bound
 * |z_L − z_0| ≤ max|u| of theory.md §5 does not apply to it; with σ = identity each block is linear in z
 * and the network is a product of near-identity matrices, a useful sanity baseline.
 *
 * @example
 * identity.sigma(-2.5); // -2.5
 */
export const identity: Activation = Object.freeze({
  name: 'identity',
  params: Object.freeze({}),
  sigma: (r: number): number => r,
  dsigma: (_r: number): number => 1,
  d2sigma: (_r: number): number => 0,
  supAbsSigma: Infinity,
  supAbsDsigma: 1,
  supAbsD2sigma: 0,
  twiceContinuouslyDifferentiable: true,
});
