/**
 * The error of one float64 value against its high-precision reference, three ways:
 *
 * - ulps: |f − fl(ref)| / ulp(fl(ref)), with fl(ref) the reference rounded to the nearest double
 *   (ulpDistance of src/numeric); 0 when float64 returned the correctly rounded reference;
 * - bits: log2(ulps + 1), as Herbie and FPBench count (0 ulps → 0 bits, 1 → 1, 3 → 2, 2^52 → ≈ 52);
 * - relative error |f − ref| / |ref|, computed in the reference's own arithmetic (f enters exactly), so
 *   it is meaningful however large or small.
 *
 * Conventions (several exist): ulps are of the *reference* (not of f), so the figure does not depend on
 * which side of a power of two f fell; a zero reference gives relative error 0 when f = 0 and ∞ otherwise.
 */
import type { Decimal } from 'decimal.js';
import { type ScalarField, ulpDistance } from '../numeric/index.js';

export interface ValueError {
  ulps: number;
  bits: number;
  relErr: number;
}

/**
 * Bits of error from ulps: log2(ulps + 1) (Herbie/FPBench).
 * @example bitsFromUlps(0) // 0; bitsFromUlps(1) // 1; bitsFromUlps(3) // 2
 */
export function bitsFromUlps(ulps: number): number {
  return Math.log2(ulps + 1);
}

/**
 * |a − b| / |b| in the field F (b is the reference); 0/0 counts as 0 and x/0 as ∞.
 * Returned as the nearest double.
 */
export function relativeDifference(F: ScalarField<Decimal>, a: Decimal, b: Decimal): number {
  if (b.isZero()) return a.isZero() ? 0 : Infinity;
  return F.toFloat64(F.div(F.sub(a, b), b).abs());
}

/**
 * The error of the double `f` against `ref`, a value of the decimal field F.
 * @throws NonFiniteError when f is NaN or ±∞ (the caller skips non-finite float64 results).
 */
export function valueError(F: ScalarField<Decimal>, f: number, ref: Decimal): ValueError {
  const ulps = ulpDistance(f, F.toFloat64(ref));
  return { ulps, bits: bitsFromUlps(ulps), relErr: relativeDifference(F, F.fromFloat64(f), ref) };
}
