/**
 * The elementary functions the decimal backend needs, accurate to W = P + GUARD significant digits, built on
 * decimal.js's exp, ln, sin and cos (which it documents as rounded to their working precision, within 1 ulp)
 * plus the stable forms that decimal arithmetic needs as much as float64 does: exp − 1 and ln(1 + y) near
 * 0 lose the digits of 1 unless the precision is raised, and sin/cos of a large argument need a reduction
 * modulo π/2 carried out with as many extra digits as cancel.
 *
 * Every function returns a value of the W-digit clone; the backend rounds it once more, to P digits, so a
 * result is within 0.5 ulp of P digits plus ~10^{−GUARD+1} ulp (not always correctly rounded).
 */
import { Decimal } from 'decimal.js';
import { InvalidArgumentError } from '../errors.js';

/** Guard digits carried above the backend's precision P. */
export const GUARD = 10;
/** decimal.js stores π (and ln 10) to 1025 digits: the most any working precision here may use. */
export const PI_DIGITS = 1025;

export interface DecimalMath {
  /** The working precision W = P + GUARD. */
  readonly W: number;
  /** This backend's own clone with `digits` significant digits, half-even (cached per precision). */
  at(digits: number): Decimal.Constructor;
  /** e^x − 1; full relative accuracy for tiny |x|. */
  expm1(x: Decimal): Decimal;
  /** e^{−a} for a ≥ 0. */
  expNeg(a: Decimal): Decimal;
  /** ln(1 + y) for y ≥ 0; full relative accuracy for tiny y. */
  log1p(y: Decimal): Decimal;
  /** tanh x = −t/(2 + t), t = expm1(−2|x|), with the sign of x: no cancellation for any x. */
  tanh(x: Decimal): Decimal;
  /** sech² x = 1/cosh² x = 4E/(1 + E)², E = e^{−2|x|}: never 1 − tanh², no overflow. */
  sech2(x: Decimal): Decimal;
  /**
   * sin x and cos x after a reduction modulo π/2 with as many extra digits as cancel.
   * @throws InvalidArgumentError (field `sin.r`) when that needs more than 1025 digits of π (|x| ≳ 10^600).
   */
  sinCos(x: Decimal): { sin: Decimal; cos: Decimal };
  /** x² exactly, in a clone with 2·sd(x) + W digits (so that x² − 1 near |x| = 1 is exact too). */
  square(x: Decimal): Decimal;
}

/** Digits of the integer part of |x| (0 for |x| < 1), capped: exp of a larger argument is 0 or ∞ anyway. */
function integerDigits(x: Decimal): number {
  return Math.min(Math.max(0, x.e + 1), 20);
}

/**
 * The elementary functions at W = P + GUARD digits, with clones owned by this call.
 * @param P - the backend's precision (significant digits), an integer ≥ 1.
 * @example
 * const m = decimalMath(50);
 * m.log1p(new (m.at(60))('1e-16')).toString();
 * // "9.99999999999999950000000000000003333333333333333083333333333e-17"  (1e−16 − 5e−33 + 3.3e−49 …)
 */
export function decimalMath(P: number): DecimalMath {
  const W = P + GUARD;
  const clones = new Map<number, Decimal.Constructor>();
  const at = (digits: number): Decimal.Constructor => {
    let C = clones.get(digits);
    if (C === undefined) clones.set(digits, (C = Decimal.clone({ precision: digits, rounding: Decimal.ROUND_HALF_EVEN })));
    return C;
  };
  const DW = at(W);
  const toW = (x: Decimal): Decimal => new DW(x).toSignificantDigits(W);

  // exp of an argument with k integer digits loses k digits to the rounding of its argument inside
  // decimal.js: raise the precision by k. Near 0, e^x − 1 cancels −x.e digits: raise by those.
  function expm1(x: Decimal): Decimal {
    if (x.isZero()) return x;
    if (x.e < -W) return toW(x.plus(x.times(x).div(2))); // error |x|³/6 < 10^{−2W}·|x|
    const C = at(W + (x.e < 0 ? -x.e : integerDigits(x)) + 1);
    return toW(new C(x).exp().minus(1));
  }

  function expNeg(a: Decimal): Decimal {
    const C = at(W + integerDigits(a) + 1);
    return toW(new C(a).neg().exp());
  }

  function log1p(y: Decimal): Decimal {
    if (y.isZero()) return y;
    if (y.e < -W) return toW(y.minus(y.times(y).div(2))); // error y³/3 < 10^{−2W}·y
    const C = at(W + Math.max(0, -y.e) + 1);
    return toW(new C(y).plus(1).ln());
  }

  /**
   * The one exponential behind tanh x and sech² x, remembered for the most recent arguments: the network
   * evaluates σ(r) in the forward pass and σ'(r) in the adjoint for the same r, so this halves the
   * exponentials (the dominant cost). A pure function of x's digits, so the memo changes no result.
   * For 2|x| < 1 it is t = expm1(−2|x|) (E = 1 + t ≥ e^{−1} then loses nothing); above, E = e^{−2|x|} itself
   * (1 − E ≥ 1 − e^{−1} then does not cancel).
   */
  const one = new DW(1);
  const memo = new Map<string, { t?: Decimal; E?: Decimal }>();
  const MEMO_SIZE = 1 << 16;
  function tanhExp(x: Decimal): { t?: Decimal; E?: Decimal } {
    const twoAbs = new (at(x.sd() + W))(x).abs().times(2);
    const key = twoAbs.toString();
    let v = memo.get(key);
    if (v === undefined) {
      if (memo.size >= MEMO_SIZE) memo.clear();
      v = twoAbs.lt(1) ? { t: expm1(twoAbs.neg()) } : { E: expNeg(twoAbs) };
      memo.set(key, v);
    }
    return v;
  }

  function tanh(x: Decimal): Decimal {
    const { t, E } = tanhExp(x);
    const y = t !== undefined ? toW(t.neg().div(t.plus(2))) : toW(one.minus(E as Decimal).div(one.plus(E as Decimal)));
    return x.isNeg() ? y.neg() : y;
  }

  function sech2(x: Decimal): Decimal {
    const { t, E } = tanhExp(x);
    const e = t !== undefined ? new DW(t).plus(1) : new DW(E as Decimal);
    return toW(e.times(4).div(e.plus(1).pow(2)));
  }

  /**
   * Reduction: y = |x| − k·π/2 with k = round(|x|/(π/2)), |y| ≤ π/4, at W + (integer digits of x) + extra
   * digits. Its absolute error is ~10^{−W−extra}, so its relative error is ~10^{−W−extra−y.e}: the loop
   * retries with more digits until extra ≥ −y.e + 1 (the digits that cancelled, plus one).
   * @throws InvalidArgumentError (field `sin.r`) when that needs more than 1025 digits of π.
   */
  function sinCos(x: Decimal): { sin: Decimal; cos: Decimal } {
    const a = x.abs();
    let y: Decimal = a;
    let quadrant = 0;
    if (a.gt(0.78)) {
      for (let extra = 3; ; ) {
        const digits = W + Math.max(0, a.e + 1) + extra;
        if (digits > PI_DIGITS) {
          throw new InvalidArgumentError('sin.r', `an argument reducible with ${PI_DIGITS} digits of π`, x.toString());
        }
        const C = at(digits);
        const halfPi = C.acos(-1).div(2);
        const k = new C(a).div(halfPi).round();
        y = new C(a).minus(k.times(halfPi));
        quadrant = k.mod(4).toNumber();
        if (!y.isZero() && -y.e + 1 <= extra) break;
        extra = y.isZero() ? extra + W : -y.e + 3; // a zero y means every digit cancelled
      }
    }
    const yW = toW(y);
    const [s, c] = [yW.sin(), yW.cos()];
    const sinA = [s, c, s.neg(), c.neg()][quadrant];
    const cosA = [c, s.neg(), c.neg(), s][quadrant];
    return { sin: x.isNeg() ? sinA.neg() : sinA, cos: cosA };
  }

  const square = (x: Decimal): Decimal => new (at(2 * x.sd() + W))(x).times(x);

  return { W, at, expm1, expNeg, log1p, tanh, sech2, sinCos, square };
}
