import type { Activation } from './activation.js';

/** Veltkamp splitting constant 2²⁷ + 1. */
const SPLIT = 134217729;
/** Beyond this |r| the ±1 and ±3 are below 1e−200 relative and the simple forms are used (no Dekker). */
const LARGE = 1e100;

/** The rounding error e of p = fl(a·a), so that a² = p + e exactly (Dekker; |a| ≤ 1e100, no overflow). */
function squareError(a: number, p: number): number {
  const c = SPLIT * a;
  const hi = c - (c - a);
  const lo = a - hi;
  return hi * hi - p + 2 * hi * lo + lo * lo;
}

/**
 * The cubic σ(r) = r − r³/3, with σ'(r) = 1 − r² and σ''(r) = −2r: a polynomial nonlinearity, so the
 * exact rational backend can run the network (src/numeric/rationalBackend.ts) as ground truth.
 *
 * @remarks
 * It is C^∞ but unbounded, and so are σ' and σ'': supAbsSigma = supAbsDsigma = supAbsD2sigma = ∞, the
 * forward bound |z_L − z_0| ≤ max|u| (theory.md §5) does not apply, and the claims needing bounded σ'
 * say so. σ' vanishes at r = ±1 and σ at r = 0, ±√3.
 *
 * Formulas (|r| ≤ 1e100): r² = p + e exactly (Dekker's product), then
 * - σ(r) = r · (((3 − p) − e)/3): 3 − p is exact for p ∈ [1.5, 6] (Sterbenz), so the zeros ±√3 are
 *   approached without cancellation; r − r³/3 in float64 would lose all digits there.
 * - σ'(r) = (1 − p) − e: 1 − p is exact for p ∈ [0.5, 2], so σ' is accurate near its zeros ±1.
 * - σ''(r) = −2r: exact.
 * Above |r| = 1e100 they are −r·(r·(r/3)), 1 − r·r and −2r.
 *
 * Accuracy (relative, u = 2⁻⁵³, first order): σ ≤ 4u (subtractions 2u, /3 u, ×r u); σ' ≤ 2u; σ'' exact.
 * The tests measure these against the 50-digit decimal backend (test/activations/cubic.test.ts).
 *
 * Overflow (DECISION): the results are ±Infinity exactly where the true value is beyond the double range
 * (up to the last rounding): σ for |r| > (3·1.797e308)^{1/3} ≈ 8.14e102 (r³ alone would overflow earlier,
 * at 5.64e102, hence the order r·(t/3)), σ' for |r| > 1.34e154, σ'' for |r| > 8.99e307. They are never NaN:
 * r is finite and non-zero in every product with an infinity, and no ∞ − ∞ is ever formed (the Dekker
 * error term, which would form one, is not used above 1e100).
 *
 * @example
 * cubic.sigma(3);       // -6
 * cubic.dsigma(1);      // 0
 * cubic.sigma(1e103);   // -Infinity (true value −3.3e308)
 */
export const cubic: Activation = Object.freeze({
  name: 'cubic',
  params: Object.freeze({}),
  sigma(r: number): number {
    // Stryker disable next-line EqualityOperator: at |r| = LARGE both forms are within the ulp bounds of test/activations/cubic.test.ts
    if (Math.abs(r) > LARGE) return -(r * (r * (r / 3)));
    const p = r * r;
    return r * ((3 - p - squareError(r, p)) / 3);
  },
  dsigma(r: number): number {
    // Stryker disable next-line EqualityOperator: at |r| = LARGE both forms are within the ulp bounds of test/activations/cubic.test.ts
    if (Math.abs(r) > LARGE) return 1 - r * r;
    const p = r * r;
    return 1 - p - squareError(r, p);
  },
  d2sigma: (r: number): number => -2 * r,
  supAbsSigma: Infinity,
  supAbsDsigma: Infinity,
  supAbsD2sigma: Infinity,
  twiceContinuouslyDifferentiable: true,
});
