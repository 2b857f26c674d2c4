import type { Activation } from './activation.js';

/** Beyond |r| = 40 every k(r)·e^{−r²/2} used here (|k| ≤ 1600) is below 2⁻¹⁰⁷⁵ (e^{−800} ≈ 3.7e−348): 0. */
const CUTOFF = 40;
/** Veltkamp splitting constant 2²⁷ + 1: splits a double into two 26-bit halves. */
const SPLIT = 134217729;
/** Exponent shift used near underflow so that every intermediate stays a normal double. */
const SHIFT = 700;
const SCALE = Math.exp(-SHIFT);

/**
 * k·exp(−(p + e)/2), where p + e = r² exactly (p = fl(r²), e its rounding error).
 *
 * exp(−p/2) is one libm call on an exact argument (p/2 is an exact halving); the factor exp(−e/2) is
 * 1 − e/2 to second order (|e/2| ≤ 2⁻⁵⁴p ≤ 1e−13, so the dropped term is below 1e−26 relative), applied
 * as y − y·(e/2). When p/2 > 700 the result is computed as exp(700 − p/2)·k·e^{−700}: 700 − p/2 is exact
 * (Sterbenz, p/2 ≤ 800), the product stays normal and only the last multiplication rounds into the
 * subnormals, so results close to the underflow threshold keep full accuracy.
 */
function weighted(p: number, e: number, k: number): number {
  const half = p / 2;
  if (half <= SHIFT) {
    const y = Math.exp(-half) * k;
    return y - y * (e / 2);
  }
  const y = Math.exp(SHIFT - half) * k;
  return (y - y * (e / 2)) * SCALE;
}

/** The rounding error e of p = fl(a·a), so that a² = p + e exactly (Dekker; 0 ≤ a ≤ 40). */
function squareError(a: number, p: number): number {
  const c = SPLIT * a;
  const hi = c - (c - a);
  const lo = a - hi;
  return hi * hi - p + 2 * hi * lo + lo * lo;
}

/**
 * The Gaussian bump σ(r) = exp(−r²/2), with σ'(r) = −r e^{−r²/2} and σ''(r) = (r² − 1) e^{−r²/2}.
 *
 * @remarks
 * This is the activation of the analytic mean-field reference (theory.md §4): with w ~ N(0, s_w² I),
 * b ~ N(0, s_b²), ∫ f dρ = ū/√(1 + s_w²|z|² + s_b²).
 *
 * Formulas:
 * - |r| > 40: all three return 0 (true values ≤ 1600·e^{−800} ≈ 5.8e−345, below half the least
 *   subnormal 2⁻¹⁰⁷⁵ ≈ 2.5e−324, so 0 is the correctly rounded result).
 *   This also keeps r² from overflowing (|r| > 1.34e154) and never forms 0·∞.
 * - |r| ≤ 40: r² = p + e exactly (Dekker's product), then k·exp(−r²/2) as in `weighted` with k = 1,
 *   −r and (p − 1) + e respectively. Evaluating exp(−fl(r²)/2) directly would carry the rounding of r²
 *   into the exponent: a relative error of up to (r²/2)u ≈ 360 ulps near r = 38. Forming r² − 1 as
 *   (p − 1) + e avoids the cancellation of fl(r²) − 1 near r = ±1 (p − 1 is exact there by Sterbenz).
 *
 * Accuracy (relative, u = 2⁻⁵³, first order, where the result is normal): σ ≤ 6u (exp 2u, correction u,
 * scale constant 2u and product u near underflow); σ' ≤ 7u (+ product with k); σ'' ≤ 9u (+ k: 2u).
 * Bounds: sup|σ| = 1 (r = 0), sup|σ'| = e^{−1/2} (r = ±1), sup|σ''| = 1 (r = 0; the other extrema,
 * r = ±√3, give 2e^{−3/2} ≈ 0.446).
 *
 * @example
 * gaussian.sigma(1e200);   // 0 (no NaN from ∞·0)
 * gaussian.d2sigma(0);     // -1
 */
export const gaussian: Activation = Object.freeze({
  name: 'gaussian',
  params: Object.freeze({}),
  sigma(r: number): number {
    const a = Math.abs(r);
    // Stryker disable next-line EqualityOperator: at a = CUTOFF = 40 the formula underflows to exactly 0 too (e^{-1600})
    if (a > CUTOFF) return 0;
    const p = a * a;
    return weighted(p, squareError(a, p), 1);
  },
  dsigma(r: number): number {
    const a = Math.abs(r);
    // Stryker disable next-line EqualityOperator: at a = CUTOFF = 40 the formula underflows to exactly 0 too (e^{-1600})
    if (a > CUTOFF) return 0;
    const p = a * a;
    return weighted(p, squareError(a, p), -r);
  },
  d2sigma(r: number): number {
    const a = Math.abs(r);
    // Stryker disable next-line EqualityOperator: at a = CUTOFF = 40 the formula underflows to exactly 0 too (e^{-1600})
    if (a > CUTOFF) return 0;
    const p = a * a;
    const e = squareError(a, p);
    return weighted(p, e, p - 1 + e);
  },
  supAbsSigma: 1,
  supAbsDsigma: Math.exp(-0.5),
  supAbsD2sigma: 1,
  twiceContinuouslyDifferentiable: true,
});
