import type { Activation } from './activation.js';
import { sech2Value, tanhValue } from './tanhSech2.js';

/**
 * The hyperbolic tangent σ(r) = tanh(r), with σ'(r) = sech²(r) and σ''(r) = −2 tanh(r) sech²(r).
 *
 * @remarks
 * Formulas (src/activations/tanhSech2.ts, which has the full error analysis):
 * - σ and σ' come from the same single libm call: t = expm1(−2|r|) for |r| < ln2/2 (tanh = −t/(2 + t),
 *   sech² = 1 − tanh²: no cancellation there, tanh² ≤ 1/9), E = exp(−2|r|) up to |r| < 19.5
 *   (tanh = (1 − E)/(1 + E), sech² = 4E/(1 + E)²), and beyond, tanh = 1 and sech² = (2e^{−|r|})².
 *   The kernel (src/model/forward.ts) computes both at once with tanhAndSech2 and stores σ' for the adjoint;
 *   sigma and dsigma below are the same expressions, so the generic network agrees bit for bit.
 *   DECISION: σ' is never 1 − tanh² in the tails: tanh(20) is exactly 1 in float64, so 1 − tanh² would be 0
 *   while tanh'(20) ≈ 1.699e−17; and (2e^{−|r|})² keeps every intermediate normal while σ' is (|r| < 354.6).
 * - σ''(r) = −2·tanh(r)·σ'(r): a product of two accurate factors, accurate wherever the result is normal.
 *
 * Accuracy (relative, u = 2⁻⁵³, first order; V8's exp and expm1 are fdlibm's, < 1 ulp ≤ 2u): σ ≤ 5.67u,
 * σ' ≤ 7.33u (both within the 8u that src/model/roundingBound.ts assumes), σ'' ≤ 14u (5.67u + 7.33u + u).
 * Measured worst cases over 1.2·10⁵ points against decimal.js (test/activations/tanh.test.ts): 2.03 ulps
 * for σ, 3.75 ulps for σ'.
 * Bounds: sup|σ| = 1, sup|σ'| = 1 (at 0), sup|σ''| = 4/(3√3) (at tanh² r = 1/3).
 *
 * @example
 * tanh.sigma(20);  // 1 (exactly, by rounding)
 * tanh.dsigma(20); // ≈ 1.6993417021166355e-17, not 0
 */
export const tanh: Activation = Object.freeze({
  name: 'tanh',
  params: Object.freeze({}),
  sigma: tanhValue,
  dsigma: sech2Value,
  d2sigma(r: number): number {
    return -2 * tanhValue(r) * sech2Value(r);
  },
  supAbsSigma: 1,
  supAbsDsigma: 1,
  supAbsD2sigma: 4 / (3 * Math.sqrt(3)),
  twiceContinuouslyDifferentiable: true,
});
