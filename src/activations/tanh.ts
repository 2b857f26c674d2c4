import type { Activation } from './activation.js';

/**
 * sech(r) = 2e/(1 + e²) with e = exp(−|r|) ∈ (0, 1].
 *
 * All terms are positive, so there is no cancellation; e² underflows harmlessly (1 + e² = 1) and 2e
 * stays normal until sech itself is subnormal (|r| > 708.4). Relative error ≤ 6.5u (u = 2⁻⁵³):
 * exp 2u, e² 5u (halved by 1 + e²: 2.5u + u), quotient u.
 */
function sech(r: number): number {
  const e = Math.exp(-Math.abs(r));
  return (2 * e) / (1 + e * e);
}

/**
 * The hyperbolic tangent σ(r) = tanh(r), with σ'(r) = sech²(r) and σ''(r) = −2 tanh(r) sech²(r).
 *
 * @remarks
 * Formulas and where they are used:
 * - σ(r) = Math.tanh(r) everywhere (tanh(r) rounds to ±1 for |r| ≥ 19.06). V8 implements it as fdlibm's
 *   s_tanh: −t/(t + 2) with t = expm1(−2|r|) for |r| < 1 and 1 − 2/(t + 2), t = expm1(2|r|), above; it
 *   is not correctly rounded (we measure 1.5 ulps near r = 0.97); first-order analysis gives ≤ 5.5u.
 * - σ'(r) = s·s with s = sech(r) = 2e/(1 + e²), e = exp(−|r|), for every r.
 *   DECISION: we return the accurate value, not 1 − tanh²(r). The textbook form cancels completely in the
 *   tails (tanh(20) is exactly 1 in float64, so 1 − tanh² = 0 while tanh'(20) ≈ 1.699e−17), and 1/cosh²
 *   overflows cosh for |r| > 710. The sech form is algebraically 4e^{−2|r|}/(1 + e^{−2|r|})² but squares
 *   sech instead of computing e^{−2|r|}, so no intermediate is subnormal while σ' is normal (|r| < 354.6).
 *   It has no cancellation for any r, so no switch point is needed.
 * - σ''(r) = −2·tanh(r)·σ'(r): a product of two accurate factors, accurate wherever the result is normal.
 *
 * Accuracy (relative, u = 2⁻⁵³, first order; a libm call is taken as ≤ 1 ulp ≤ 2u): σ ≤ 5.5u (above);
 * σ' ≤ 14u (2·6.5u + u); σ'' ≤ 20.5u (5.5u + 14u + u). Measured worst cases are far smaller
 * (test/activations/tanh.test.ts, ULP_REPORT=1).
 * Bounds: sup|σ| = 1, sup|σ'| = 1 (at 0), sup|σ''| = 4/(3√3) (at tanh² r = 1/3).
 *
 * @example
 * tanh.sigma(20);  // 1 (exactly, by rounding)
 * tanh.dsigma(20); // 1.6993417021166355e-17, not 0
 */
export const tanh: Activation = Object.freeze({
  name: 'tanh',
  params: Object.freeze({}),
  sigma: (r: number): number => Math.tanh(r),
  dsigma(r: number): number {
    const s = sech(r);
    return s * s;
  },
  d2sigma(r: number): number {
    const s = sech(r);
    return -2 * Math.tanh(r) * (s * s);
  },
  supAbsSigma: 1,
  supAbsDsigma: 1,
  supAbsD2sigma: 4 / (3 * Math.sqrt(3)),
  twiceContinuouslyDifferentiable: true,
});
