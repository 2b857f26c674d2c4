/**
 * Float64 rounding helpers (Higham, Accuracy and Stability of Numerical Algorithms, 2nd ed., §2–3).
 */

/** Unit roundoff of binary64 with round-to-nearest: u = 2^−53 ≈ 1.11e−16. */
export const UNIT_ROUNDOFF = 2 ** -53;

/** γ_n = n u / (1 − n u): the bound on |Π(1 + δ_i)^{±1} − 1| over n roundings (Higham, Lemma 3.1). */
export function gamma(n: number): number {
  const nu = n * UNIT_ROUNDOFF;
  return nu / (1 - nu);
}

/** The spacing of doubles at x: ulp(x) = 2^(e − 52) for normal |x| in [2^e, 2^(e+1)); 2^−1074 for subnormals. */
export function ulp(x: number): number {
  const a = Math.abs(x);
  if (!Number.isFinite(a)) return NaN;
  if (a < 2 ** -1022) return 2 ** -1074;
  const e = Math.floor(Math.log2(a));
  // log2 can be off by one near powers of two; correct it.
  const exp = 2 ** e > a ? e - 1 : 2 ** (e + 1) <= a ? e + 1 : e;
  return 2 ** (exp - 52);
}

/** |x − y| measured in ulps of the reference y (Infinity when y is non-finite and x ≠ y). */
export function ulpDistance(x: number, y: number): number {
  if (x === y) return 0;
  return Math.abs(x - y) / ulp(y);
}

/** Bits of error, log2(ulps + 1), as Herbie and FPBench count it. */
export function bitsOfError(x: number, reference: number): number {
  return Math.log2(ulpDistance(x, reference) + 1);
}
