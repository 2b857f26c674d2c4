import { InvalidArgumentError } from '../errors.js';
import type { Activation } from './activation.js';

/**
 * The regularised ReLU of theory.md §5 ([DCLW-a], [DCLW-b] §6), a C^{1,1} smoothing of max(r, 0):
 *
 *     σ_δ(r)  = 0             for r < −δ,   (r + δ)²/(4δ)  on [−δ, δ),   r  for r ≥ δ
 *     σ_δ'(r) = 0,                          (r + δ)/(2δ),                 1
 *     σ_δ''(r)= 0,                          1/(2δ),                       0
 *
 * @remarks
 * Convention at the kinks r = ±δ: every function uses the piece on the right, i.e. the intervals are
 * (−∞, −δ), [−δ, δ), [δ, ∞). σ_δ and σ_δ' are continuous, so this only matters for σ_δ'', which is the
 * right derivative there: σ_δ''(−δ) = 1/(2δ) and σ_δ''(δ) = 0 (σ_δ'' does not exist at ±δ; the model
 * is C^{1,1}, not C², and claims that need σ'' say so).
 *
 * Evaluation on the middle piece: h = r/2 + δ/2 (halves first, so r + δ cannot overflow when
 * δ > 8.9e307; exact near r = −δ by Sterbenz), then σ_δ = h·(h/δ) and σ_δ' = h/δ. Since 0 ≤ h/δ ≤ 1
 * neither product overflows, and h·(h/δ) does not underflow to 0 where (r + δ)²/(4δ) is normal
 * (squaring r + δ first would). Relative accuracy (u = 2⁻⁵³): σ_δ ≤ 4u, σ_δ' ≤ 2u, σ_δ'' = 0.5/δ ≤ u;
 * the outer pieces are exact.
 * Bounds: sup|σ_δ| = ∞, sup|σ_δ'| = 1, sup|σ_δ''| = 1/(2δ).
 *
 * @param delta - half-width δ of the smoothing interval, finite and > 0.
 * @param field - field named in the error (default `activation.delta`).
 * @throws InvalidArgumentError (field `activation.delta`) when delta is not a finite number > 0.
 *
 * @example
 * const relu = regularizedRelu(0.5);
 * relu.sigma(0);   // 0.125  (= δ/4)
 * relu.dsigma(0);  // 0.5
 */
export function regularizedRelu(delta: number, field = 'activation.delta'): Activation {
  // Stryker disable next-line ConditionalExpression: Number.isFinite is false for every non-number, so the typeof test only documents the intent
  if (typeof delta !== 'number' || !Number.isFinite(delta) || !(delta > 0)) {
    throw new InvalidArgumentError(field, 'a finite number > 0', delta);
  }
  const d = delta;
  const curvature = 0.5 / d;
  return Object.freeze({
    name: 'regularized_relu',
    params: Object.freeze({ delta: d }),
    sigma(r: number): number {
      // Stryker disable next-line EqualityOperator: at r = −δ the middle form gives exactly 0 too (h = 0)
      if (r < -d) return 0;
      // Stryker disable next-line EqualityOperator: at r = δ the middle form gives exactly r (σ) and 1 (σ') too, h = δ exactly
      if (r >= d) return r;
      const h = r / 2 + d / 2;
      return h * (h / d);
    },
    dsigma(r: number): number {
      // Stryker disable next-line EqualityOperator: at r = −δ the middle form gives exactly 0 too (h = 0)
      if (r < -d) return 0;
      // Stryker disable next-line EqualityOperator: at r = δ the middle form gives exactly r (σ) and 1 (σ') too, h = δ exactly
      if (r >= d) return 1;
      return (r / 2 + d / 2) / d;
    },
    d2sigma(r: number): number {
      return r < -d || r >= d ? 0 : curvature;
    },
    supAbsSigma: Infinity,
    supAbsDsigma: 1,
    supAbsD2sigma: curvature,
    twiceContinuouslyDifferentiable: false,
  });
}
