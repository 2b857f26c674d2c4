/**
 * The decimal backend: decimal.js at P significant digits, round half to even: the accuracy reference of
 * the float64 network (theory.md §1 evaluated far beyond float64's 16 digits).
 */
import { Decimal } from 'decimal.js';
import type { Activation } from '../activations/activation.js';
import { InvalidArgumentError, NonFiniteError } from '../errors.js';
import { finiteNumber, integerInRange } from '../validate.js';
import { decimalMath } from './decimalMath.js';
import { doubleToExactDecimalString, nearestDoubleFromDecimalString } from './exactDouble.js';
import type { Backend, ScalarActivation, ScalarField } from './scalar.js';

/**
 * The largest precision accepted: decimal.js knows π to 1025 digits, and its sin/cos on a reduced argument
 * y with W = P + 10 digits use 2W + 7 of them.
 */
export const MAX_DECIMAL_PRECISION = 400;

/**
 * A decimal backend with P significant digits.
 *
 * @remarks
 * - Each call owns its clones (`Decimal.clone({ precision, rounding: ROUND_HALF_EVEN })`); the global
 *   Decimal is never configured. Every value returned is an instance of the P-digit clone.
 * - fromFloat64 enters the exact binary expansion of the double (≤ 767 digits, see exactDouble.ts) and
 *   rounds it once to P digits: exact when that expansion has ≤ P digits (0.1 needs 55, 2^−1074 751),
 *   and for P ≥ 17 every double round-trips bitwise through toFloat64.
 *   fromInteger is exact for P ≥ 16 (safe integers have ≤ 16 digits).
 * - toFloat64 is the nearest double (ties to even), computed from the exact digits by
 *   nearestDoubleFromDecimalString, which does not rely on `Number(text)` (see exactDouble.ts for why);
 *   decimal overflow (e.g. 1e400) gives ±Infinity, as IEEE rounding does.
 * - toText prints exactly P significant digits (`x.toPrecision(P)`), with "-" for −0.
 * - Activations (σ, σ', σ'') are computed with 10 guard digits and rounded to P: within 0.5 ulp of the
 *   P-th digit plus ~1e−9 ulp. Formulas (decimalMath.ts): tanh = −t/(2 + t), t = e^{−2|r|} − 1 by a
 *   cancellation-free expm1; σ' = sech² = 4E/(1 + E)², E = e^{−2|r|} (never 1 − tanh²); sigmoid and
 *   softplus through E = e^{−|r|} and a cancellation-free log1p (softplus(800) = 800 + 3.7e−348);
 *   sin/cos after a reduction modulo π/2 with as many extra digits as cancel; gaussian e^{−r²/2} and
 *   (r² − 1) with r² exact; the regularised ReLU piecewise, with exact comparisons and r + δ exact;
 *   cubic (3r − r³)/3 and 1 − r² with r³, r² exact, so the zeros ±√3 and ±1 lose nothing.
 *
 * @param P - significant digits, an integer in [1, 400] (default 50).
 * @throws InvalidArgumentError (field `precision`) for P outside [1, 400]; from the sin activation's
 *   functions (field `sin.r`) when reducing r modulo π/2 needs more than 1025 digits (|r| ≳ 10^(1000 − P)).
 * @example
 * const B = decimalBackend(60);
 * B.field.toText(B.field.fromFloat64(0.1));
 * // "0.100000000000000005551115123125782702118158340454101562500000"
 * B.field.toText(B.activation(tanh).dsigma(B.field.fromInteger(20)));
 * // "1.69934170211663558369288281038014192066657624753035421386384e-17"  (sech²(20); 1 − tanh² would cancel)
 */
export function decimalBackend(P = 50): Backend<Decimal> {
  integerInRange('precision', P, 1, MAX_DECIMAL_PRECISION);
  const D = Decimal.clone({ precision: P, rounding: Decimal.ROUND_HALF_EVEN });
  const m = decimalMath(P);
  const DW = m.at(m.W);
  /** The one rounding to P digits that every activation result goes through. */
  const out = (x: Decimal): Decimal => new D(x).toSignificantDigits(P);

  const field: ScalarField<Decimal> = {
    name: `decimal(${P})`,
    zero: new D(0),
    one: new D(1),
    fromFloat64: (x) => new D(doubleToExactDecimalString(finiteNumber('value', x))).toSignificantDigits(P),
    fromInteger: (n) => {
      if (!Number.isSafeInteger(n)) throw new InvalidArgumentError('n', 'a safe integer', n);
      return new D(n).toSignificantDigits(P);
    },
    toFloat64(x) {
      if (x.isNaN()) throw new NonFiniteError('value', 'a decimal that is not NaN', 'NaN');
      if (!x.isFinite()) return x.isNeg() ? -Infinity : Infinity;
      if (x.isZero()) return x.isNeg() ? -0 : 0;
      return nearestDoubleFromDecimalString(x.toExponential());
    },
    toText: (x) => (x.isZero() && x.isNeg() ? '-' : '') + x.toPrecision(P),
    add: (a, b) => D.add(a, b),
    sub: (a, b) => D.sub(a, b),
    mul: (a, b) => D.mul(a, b),
    div: (a, b) => D.div(a, b),
    neg: (a) => new D(a).neg().toSignificantDigits(P),
  };

  const one = new DW(1);
  /** E = e^{−|r|}: the logistic function 1/(1 + E) (r ≥ 0) or E/(1 + E) (r < 0), and its derivative. */
  const logistic = (r: Decimal): Decimal => {
    const E = m.expNeg(r.abs());
    return (r.isNeg() ? E : one).div(E.plus(1));
  };
  const logisticD = (r: Decimal): Decimal => {
    const E = m.expNeg(r.abs());
    return E.div(E.plus(1).pow(2));
  };
  const tanhTimesSech2 = (r: Decimal): Decimal => m.tanh(r).times(m.sech2(r));
  const bump = (r: Decimal): Decimal => m.expNeg(m.square(r).div(2)); // r² exact, r²/2 exact

  function activation(a: Activation): ScalarActivation<Decimal> {
    const name = a.name;
    switch (name) {
      case 'identity':
        return { sigma: out, dsigma: () => field.one, d2sigma: () => field.zero };
      case 'tanh':
        return { sigma: (r) => out(m.tanh(r)), dsigma: (r) => out(m.sech2(r)), d2sigma: (r) => out(tanhTimesSech2(r).times(-2)) };
      case 'sigmoid':
        return {
          sigma: (r) => out(logistic(r)),
          dsigma: (r) => out(logisticD(r)),
          d2sigma: (r) => out(logisticD(r).times(m.tanh(new DW(r).div(2))).neg()), // 1 − 2σ = −tanh(r/2)
        };
      case 'softplus':
        return {
          sigma: (r) => {
            const tail = m.log1p(m.expNeg(r.abs())); // ln(1 + e^{−|r|})
            return out(r.gt(0) ? tail.plus(r) : tail);
          },
          dsigma: (r) => out(logistic(r)),
          d2sigma: (r) => out(logisticD(r)),
        };
      case 'sin':
        return { sigma: (r) => out(m.sinCos(r).sin), dsigma: (r) => out(m.sinCos(r).cos), d2sigma: (r) => out(m.sinCos(r).sin.neg()) };
      case 'gaussian':
        return {
          sigma: (r) => out(bump(r)),
          dsigma: (r) => out(bump(r).times(r).neg()),
          d2sigma: (r) => out(bump(r).times(m.square(r).minus(1))), // r² − 1 exact near r = ±1
        };
      case 'regularized_relu':
        return regularizedRelu(a.params.delta);
      case 'cubic':
        return {
          sigma: (r) => {
            const x = new (m.at(3 * r.sd() + m.W))(r);
            return out(x.times(3).minus(x.times(x).times(x)).div(3)); // 3r − r³ exact
          },
          dsigma: (r) => out(one.minus(m.square(r))), // r² exact; the subtraction rounds once at W
          d2sigma: (r) => out(new DW(r).times(-2)),
        };
      default: {
        const unknown: never = name;
        throw new InvalidArgumentError('activation.name', 'an activation known to the decimal backend', unknown);
      }
    }
  }

  /**
   * The regularised ReLU of theory.md §5, piecewise with exact comparisons and h = r + δ formed exactly.
   * δ enters like every double, through fromFloat64 (rounded once to P digits). Rounding to P ≥ 17 digits
   * is strictly increasing on the doubles (they round-trip), so for inputs that are doubles every piece
   * decision (r < −δ, r ≥ δ) is the one float64 makes, including at the kinks.
   */
  function regularizedRelu(delta: number): ScalarActivation<Decimal> {
    const d = field.fromFloat64(delta);
    const h = (r: Decimal): Decimal => new (m.at(Math.max(r.sd(), P) + m.W))(r).plus(d); // exact near r = −δ
    const inner = (r: Decimal): boolean => r.gte(d.neg()) && r.lt(d);
    const dW = new DW(d);
    return {
      sigma: (r) => (r.lt(d.neg()) ? field.zero : inner(r) ? out(new DW(h(r)).pow(2).div(dW.times(4))) : out(r)),
      dsigma: (r) => (r.lt(d.neg()) ? field.zero : inner(r) ? out(new DW(h(r)).div(dW.times(2))) : field.one),
      d2sigma: (r) => (inner(r) ? out(one.div(dW.times(2))) : field.zero),
    };
  }

  return { field, activation };
}
