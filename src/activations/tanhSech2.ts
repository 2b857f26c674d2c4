/**
 * tanh(r) and its derivative sech²(r) = 1 − tanh²(r) from ONE libm call, in three ranges of a = |r|:
 *
 *   a < A0 = ln2/2:        t = expm1(−2a) ∈ (−½, 0],  tanh a = −t/(2 + t),         sech² = 1 − tanh·tanh
 *   A0 ≤ a < A1 = 19.5:     E = exp(−2a) ∈ (e⁻³⁹, ½],  tanh a = (1 − E)/(1 + E),    sech² = 4E/((1 + E)(1 + E))
 *   a ≥ A1 (or ±∞):         s = exp(−a),               tanh a = 1,                  sech² = (2s)·(2s)
 * and tanh(r) = sign(r)·tanh a (tanh(±0) = ±0). NaN gives NaN.
 *
 * Error analysis (first order, u = 2⁻⁵³; V8's Math.exp and Math.expm1 are fdlibm's, documented < 1 ulp, so
 * relative error ≤ 2u; every + − × / adds ≤ u):
 * - a < A0: |t| ≤ ½, 1 + t ≥ ½ and 2 + t ≥ 3/2. 2 + t: 2u·|t|/(2 + t) + u ≤ (2/3 + 1)u. tanh: 2u + 5u/3 + u
 *   = 4.67u. tanh² ≤ tanh(A0)² = 1/9: 1 − tanh² ≤ (2·4.67u + u)·(1/9)/(8/9) + u = 2.3u.
 * - A0 ≤ a < A1: E ≤ ½. 1 − E ≥ ½: 2u·E/(1 − E) + u ≤ 3u; 1 + E: 2u·E/(1 + E) + u ≤ 5u/3. tanh: 3u + 5u/3 + u
 *   = 5.67u. sech²: 2u (E) + 2·5u/3 + u (product) + u (quotient) = 7.33u (×4 is exact).
 * - a ≥ A1: E < e⁻³⁹ < 2⁻⁵⁴ so (1 − E)/(1 + E) rounds to 1 = tanh a rounded; sech²: 2s exact, (2s)² is
 *   2·2u + u = 5u and, being one rounding of the exact square, stays accurate down to the least normal
 *   (no subnormal intermediate while sech² is normal, |r| < 354.6; e^{−2a} itself would be subnormal there).
 * So tanh ≤ 5.67u and sech² ≤ 7.33u relative, both within ACTIVATION_RELATIVE_ERROR = 8u of
 * src/model/roundingBound.ts. Measured against decimal.js over 1.2·10⁵ seeded points (near 0 to 1e−300, around
 * A0 and A1, tails to 400; test/activations/tanh.test.ts): worst 2.03 ulps for tanh and 3.75 ulps for sech².
 *
 * The exports compute the same expressions in the same order, so tanhValue(r) and sech2Value(r) equal, bit
 * for bit, the two values that tanhAndSech2 and tanhAndSech2Range store (the kernel uses the fused range, the
 * activation object and the generic network the separate ones; claim generic-equals-kernel and
 * test/activations/tanh.test.ts check this).
 */

/** A0 = ln(2)/2: below it E = e^{−2a} > ½ and 1 − E would cancel, so expm1 is used. */
export const TANH_A0 = Math.LN2 / 2;
/** A1 = 19.5: above it e^{−2a} < 2⁻⁵⁴, tanh rounds to 1 and 1 + E to 1. */
export const TANH_A1 = 19.5;

/** tanh(r), float64, relative error ≤ 5.67u (see the file's docstring). */
export function tanhValue(r: number): number {
  const a = Math.abs(r);
  let v: number;
  // Stryker disable next-line ConditionalExpression, EqualityOperator: a fast path; for a ≥ A1, E < 2⁻⁵⁴ and (1 − E)/(1 + E) rounds to exactly 1 too
  if (a >= TANH_A1) v = 1;
  // Stryker disable next-line EqualityOperator: at a = A0 both forms are within the ulp bounds of test/activations/tanh.test.ts; the switch point is a free choice
  else if (a >= TANH_A0) {
    const E = Math.exp(-2 * a);
    v = (1 - E) / (1 + E);
  } else {
    const t = Math.expm1(-2 * a);
    v = -t / (2 + t);
  }
  return r < 0 ? -v : r === 0 ? r : v;
}

/** sech²(r) = tanh'(r), float64, relative error ≤ 7.33u (see the file's docstring). */
export function sech2Value(r: number): number {
  const a = Math.abs(r);
  if (a >= TANH_A1) {
    const s2 = 2 * Math.exp(-a);
    return s2 * s2;
  }
  // Stryker disable next-line EqualityOperator: at a = A0 both forms are within the ulp bounds of test/activations/tanh.test.ts; the switch point is a free choice
  if (a >= TANH_A0) {
    const E = Math.exp(-2 * a);
    const q = 1 + E;
    return (4 * E) / (q * q);
  }
  const t = Math.expm1(-2 * a);
  // Stryker disable next-line UnaryOperator: v enters only as v², so its sign does not matter
  const v = -t / (2 + t);
  return 1 - v * v;
}

/**
 * Stores tanh(r) in s[p] and sech²(r) in ds[p] with one libm call; the same bits as tanhValue and sech2Value.
 * @param s  receives tanh(r) at index p
 * @param ds receives sech²(r) at index p
 */
export function tanhAndSech2(r: number, s: Float64Array, ds: Float64Array, p: number): void {
  const a = Math.abs(r);
  let v: number;
  if (a >= TANH_A1) {
    const s2 = 2 * Math.exp(-a);
    v = 1;
    ds[p] = s2 * s2;
  // Stryker disable next-line EqualityOperator: at a = A0 both forms are within the ulp bounds of test/activations/tanh.test.ts; the switch point is a free choice
  } else if (a >= TANH_A0) {
    const E = Math.exp(-2 * a);
    const q = 1 + E;
    v = (1 - E) / q;
    ds[p] = (4 * E) / (q * q);
  } else {
    const t = Math.expm1(-2 * a);
    v = -t / (2 + t);
    ds[p] = 1 - v * v;
  }
  s[p] = r < 0 ? -v : r === 0 ? r : v;
}

/**
 * tanhAndSech2 over a range: s[p] = tanh(r[p]) and ds[p] = sech²(r[p]) for p in [from, to). The kernel
 * calls this once per range rather than tanhAndSech2 once per element from its own loops: there V8 passed each
 * r as a heap number; here the small callee is inlined and r stays unboxed (same time per GD step, measured).
 */
export function tanhAndSech2Range(r: Float64Array, s: Float64Array, ds: Float64Array, from: number, to: number): void {
  for (let p = from; p < to; p++) tanhAndSech2(r[p], s, ds, p);
}
