import type { Activation } from './activation.js';
import { sigmoid } from './sigmoid.js';

/**
 * The softplus σ(r) = log(1 + e^{r}), with σ'(r) = logistic(r) and σ''(r) = logistic(r)·logistic(−r).
 *
 * @remarks
 * Formulas (stable forms; exp is only ever applied to −|r|, so it never overflows):
 * - σ(r) = r + log1p(e^{−r}) for r > 0: the textbook log(1 + e^{r}) overflows e^{r} at r > 709.78,
 *   while this form gives softplus(800) = 800 exactly. Both terms are positive: no cancellation.
 * - σ(r) = log1p(e^{r}) for r ≤ 0: log(1 + e^{r}) would round 1 + e^{r} to 1 and return 0 for
 *   r < −37 (softplus(−40) ≈ 4.2484e−18, a normal double); log1p keeps it to full relative accuracy.
 * - σ' and σ'' are the logistic sigmoid and its derivative from ./sigmoid.ts (its stable forms; σ'' is
 *   e/(1 + e)² with e = e^{−|r|}, which never forms 1 − σ).
 *
 * Accuracy (relative, u = 2⁻⁵³, first order): σ ≤ 5u (exp 2u; log1p has condition ≤ 1, + its own 2u;
 * the final positive sum u); σ' ≤ 5u; σ'' ≤ 8u (see sigmoid).
 * Bounds: sup|σ| = ∞, sup|σ'| = 1 (as r → ∞), sup|σ''| = 1/4 (at 0).
 *
 * @example
 * softplus.sigma(800); // 800
 * softplus.sigma(-40); // 4.248354255291589e-18
 */
export const softplus: Activation = Object.freeze({
  name: 'softplus',
  params: Object.freeze({}),
  sigma(r: number): number {
    // Stryker disable next-line EqualityOperator: at r = 0 both forms are log1p(1), bit for bit
    return r > 0 ? r + Math.log1p(Math.exp(-r)) : Math.log1p(Math.exp(r));
  },
  dsigma: (r: number): number => sigmoid.sigma(r),
  d2sigma: (r: number): number => sigmoid.dsigma(r),
  supAbsSigma: Infinity,
  supAbsDsigma: 1,
  supAbsD2sigma: 0.25,
  twiceContinuouslyDifferentiable: true,
});
