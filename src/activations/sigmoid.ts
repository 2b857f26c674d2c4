import type { Activation } from './activation.js';

/**
 * The logistic sigmoid σ(r) = 1/(1 + e^{−r}), with σ'(r) = σ(r)σ(−r) and σ''(r) = σ'(r)(1 − 2σ(r)).
 *
 * @remarks
 * Formulas, with e = exp(−|r|) ∈ (0, 1] so that exp never overflows:
 * - σ(r) = 1/(1 + e) for r ≥ 0 and e/(1 + e) for r < 0. For r ≪ 0 this is e^{r} to full relative
 *   accuracy (σ(−40) ≈ 4.25e−18, not 0); 1/(1 + e^{−r}) would overflow e^{−r} for r < −709.
 * - σ'(r) = e/(1 + e)²: symmetric in r, all terms positive, no cancellation.
 * - σ''(r) = −σ'(r)·tanh(r/2), using the identity 1 − 2σ(r) = −tanh(r/2). Evaluating 1 − 2σ(r)
 *   directly cancels near r = 0 (σ(1e−300) rounds to ½) and loses the sign information there; tanh(r/2)
 *   is accurate to 1 ulp everywhere (r/2 is exact for normal r).
 *
 * Accuracy (relative, u = 2⁻⁵³, first order): σ ≤ 5u (exp 2u, 1 + e ≤ 2u, quotient u); σ' ≤ 8u;
 * σ'' ≤ 11u (8u + tanh 2u + product u). Underflow only where the true value is subnormal (|r| > 708).
 * Bounds: sup|σ| = 1, sup|σ'| = 1/4 (at 0), sup|σ''| = 1/(6√3) (at σ = (3 ± √3)/6).
 *
 * @example
 * sigmoid.sigma(-800);  // ≈ 3.7e−348 → 0 (true value below the subnormals), never NaN
 * sigmoid.dsigma(40);   // ≈ 4.25e−18
 */
export const sigmoid: Activation = Object.freeze({
  name: 'sigmoid',
  params: Object.freeze({}),
  sigma(r: number): number {
    // Stryker disable next-line EqualityOperator: at r = 0 both forms give exactly 1/2
    if (r >= 0) return 1 / (1 + Math.exp(-r));
    const e = Math.exp(r);
    return e / (1 + e);
  },
  dsigma(r: number): number {
    const e = Math.exp(-Math.abs(r));
    const q = 1 + e;
    return e / (q * q);
  },
  d2sigma(r: number): number {
    const e = Math.exp(-Math.abs(r));
    const q = 1 + e;
    return (-e / (q * q)) * Math.tanh(r / 2);
  },
  supAbsSigma: 1,
  supAbsDsigma: 0.25,
  supAbsD2sigma: 1 / (6 * Math.sqrt(3)),
  twiceContinuouslyDifferentiable: true,
});
