/**
 * The rational backend: exact fractions of BigInts, the ground truth for networks with a polynomial
 * activation (identity, cubic): no operation rounds, so the only error left is that of the final toFloat64.
 *
 * DECISION (own type rather than mathjs's Fraction): a frozen {num, den} normalised by gcd is ~30 lines,
 * has no hidden conversions (fraction.js's `new Fraction(0.1)` approximates 0.1 by a continued fraction,
 * exactly the trap habit 11 forbids), needs no import of all of mathjs, and its invariants (den > 0,
 * gcd(num, den) = 1, so equal values have equal fields) are visible here and checked by the tests.
 */
import type { Activation } from '../activations/activation.js';
import { InvalidArgumentError } from '../errors.js';
import { doubleToBigIntFraction, nearestDoubleFromFraction } from './exactDouble.js';
import type { Backend, ScalarActivation, ScalarField } from './scalar.js';

/** An exact rational num/den in lowest terms with den > 0 (zero is 0/1; there is no −0). */
export interface Rational {
  readonly num: bigint;
  readonly den: bigint;
}

function gcd(a: bigint, b: bigint): bigint {
  let [x, y] = [a < 0n ? -a : a, b < 0n ? -b : b];
  while (y !== 0n) [x, y] = [y, x % y];
  return x;
}

/**
 * num/den in lowest terms with a positive denominator.
 * @throws InvalidArgumentError (field `divisor`) when den = 0 (division by zero).
 */
function rational(num: bigint, den: bigint): Rational {
  if (den === 0n) throw new InvalidArgumentError('divisor', 'a non-zero rational', '0');
  const g = gcd(num, den);
  const s = den < 0n ? -g : g;
  return Object.freeze({ num: num / s, den: den / s });
}

const ZERO = rational(0n, 1n);
const ONE = rational(1n, 1n);

const mul = (a: Rational, b: Rational): Rational => rational(a.num * b.num, a.den * b.den);
const add = (a: Rational, b: Rational): Rational => rational(a.num * b.den + b.num * a.den, a.den * b.den);
const neg = (a: Rational): Rational => Object.freeze({ num: -a.num, den: a.den });

const field: ScalarField<Rational> = {
  name: 'rational',
  zero: ZERO,
  one: ONE,
  fromFloat64(x) {
    const { num, den } = doubleToBigIntFraction(x); // exact; NonFiniteError for NaN, ±Infinity
    return rational(num, den);
  },
  fromInteger(n) {
    if (!Number.isSafeInteger(n)) throw new InvalidArgumentError('n', 'a safe integer', n);
    return rational(BigInt(n), 1n);
  },
  toFloat64: (x) => nearestDoubleFromFraction(x.num, x.den),
  toText: (x) => `${x.num}/${x.den}`,
  add,
  sub: (a, b) => add(a, neg(b)),
  mul,
  div: (a, b) => rational(a.num * b.den, a.den * b.num),
  neg,
};

const THREE = rational(3n, 1n);
const MINUS_TWO = rational(-2n, 1n);

/** σ(r) = r − r³/3, σ' = 1 − r², σ'' = −2r, exactly. */
const cubic: ScalarActivation<Rational> = {
  sigma: (r) => add(r, neg(field.div(mul(r, mul(r, r)), THREE))),
  dsigma: (r) => add(ONE, neg(mul(r, r))),
  d2sigma: (r) => mul(MINUS_TWO, r),
};

const identity: ScalarActivation<Rational> = { sigma: (r) => r, dsigma: () => ONE, d2sigma: () => ZERO };

/**
 * Exact rational arithmetic on BigInt.
 *
 * @remarks
 * fromFloat64 is exact (through the binary expansion: 0.1 is 3602879701896397/2^55, not 1/10); −0 enters
 * as 0, so it is the one double that does not round-trip bitwise (it comes back as +0). toFloat64 is the
 * nearest double, ties to even, ±Infinity beyond the double range. toText is "p/q" (always with a
 * denominator, e.g. "3/1"). Activations: identity and cubic only, since every other one is transcendental
 * or piecewise.
 *
 * @throws InvalidArgumentError from `activation(a)` with field `activation.name` for any other activation;
 *   from `div` with field `divisor` on division by zero; NonFiniteError from fromFloat64 for NaN, ±Infinity.
 * @example
 * const F = rationalBackend.field;
 * F.toText(F.fromFloat64(0.1));                          // "3602879701896397/36028797018963968"
 * F.toText(rationalBackend.activation(cubic).sigma(F.fromInteger(3)));  // "-6/1"
 * rationalBackend.activation(tanh);                      // throws: activation.name="tanh" must be ...
 */
export const rationalBackend: Backend<Rational> = Object.freeze({
  field,
  activation(a: Activation): ScalarActivation<Rational> {
    if (a.name === 'identity') return identity;
    if (a.name === 'cubic') return cubic;
    throw new InvalidArgumentError(
      'activation.name',
      'a polynomial activation (identity, cubic) for exact rational arithmetic',
      a.name,
    );
  },
});
