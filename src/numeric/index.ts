/**
 * Number types for the generic network (STYLE habit 4): the scalar interface, its three backends (float64,
 * decimal at P digits, exact rationals), the exact conversions between doubles and exact values (habit 11)
 * and the float64 rounding helpers. One hand-written list; test/numeric/index.test.ts pins it.
 */
export type { Backend, ScalarActivation, ScalarField } from './scalar.js';
export { float64Backend } from './float64Backend.js';
export { MAX_DECIMAL_PRECISION, decimalBackend } from './decimalBackend.js';
export { type Rational, rationalBackend } from './rationalBackend.js';
export {
  type BigIntFraction,
  doubleToBigIntFraction,
  doubleToExactDecimalString,
  nearestDoubleFromDecimalString,
  nearestDoubleFromFraction,
} from './exactDouble.js';
export { UNIT_ROUNDOFF, bitsOfError, gamma, ulp, ulpDistance } from './float64.js';
