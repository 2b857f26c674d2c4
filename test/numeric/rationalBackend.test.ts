import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ACTIVATION_NAMES, cubic, identity, makeActivation } from '../../src/activations/index.js';
import { InvalidArgumentError, NonFiniteError } from '../../src/errors.js';
import { type Rational, rationalBackend } from '../../src/numeric/index.js';
import { D, ulpError } from '../activations/ulp.js';

const F = rationalBackend.field;
const anyDouble = fc.double({ noNaN: true, noDefaultInfinity: true });
const subnormal = fc.integer({ min: 1, max: 2 ** 52 - 1 }).map((m) => m * 2 ** -1074);
/** Rationals built from doubles and small integer ratios. */
const rational = fc.oneof(
  anyDouble.map((x) => F.fromFloat64(x)),
  fc.tuple(fc.integer({ min: -1000, max: 1000 }), fc.integer({ min: 1, max: 1000 })).map(([p, q]) => F.div(F.fromInteger(p), F.fromInteger(q))),
);
const same = (a: Rational, b: Rational): boolean => a.num === b.num && a.den === b.den;
const gcd = (a: bigint, b: bigint): bigint => (b === 0n ? (a < 0n ? -a : a) : gcd(b, a % b));

describe('rationalBackend: exact arithmetic', () => {
  it('enters doubles exactly through the binary expansion (0.1 is not 1/10)', () => {
    expect(F.toText(F.fromFloat64(0.1))).toBe('3602879701896397/36028797018963968');
    expect(F.toText(F.fromFloat64(-6))).toBe('-6/1');
    expect(F.toText(F.fromFloat64(2 ** -1074))).toBe(`1/${2n ** 1074n}`);
    expect(same(F.fromFloat64(0.1), F.div(F.one, F.fromInteger(10)))).toBe(false);
    expect(F.toFloat64(F.div(F.one, F.fromInteger(10)))).toBe(0.1); // 1/10 rounds to the double 0.1
  });

  it('round-trips every finite double bitwise (−0 comes back as +0: rationals have no signed zero)', () => {
    fc.assert(fc.property(fc.oneof(anyDouble, subnormal, subnormal.map((x) => -x)), (x) => {
      expect(Object.is(F.toFloat64(F.fromFloat64(x)), Object.is(x, -0) ? 0 : x)).toBe(true);
    }), { seed: 11, numRuns: 2000 });
  });

  it('satisfies the field identities exactly and keeps lowest terms with a positive denominator', () => {
    fc.assert(fc.property(rational, rational, rational, (a, b, c) => {
      expect(same(F.mul(F.add(a, b), c), F.add(F.mul(a, c), F.mul(b, c)))).toBe(true);
      expect(same(F.sub(F.add(a, b), b), a)).toBe(true);
      expect(same(F.add(a, F.neg(a)), F.zero)).toBe(true);
      if (a.num !== 0n) expect(same(F.mul(a, F.div(F.one, a)), F.one)).toBe(true);
      for (const v of [F.add(a, b), F.mul(a, c), F.sub(b, c)]) {
        expect(v.den > 0n && gcd(v.num, v.den) === 1n).toBe(true);
      }
    }), { seed: 12, numRuns: 300 });
  });

  it('exposes what float64 rounds away: (0.1 + 0.2) − 0.3 is 2^−55 exactly (float64: 2^−54), 1e16 + 1 − 1e16 = 1', () => {
    const q = (x: number): Rational => F.fromFloat64(x);
    expect(0.1 + 0.2 - 0.3).toBe(2 ** -54);
    expect(F.toText(F.sub(F.add(q(0.1), q(0.2)), q(0.3)))).toBe(`1/${2n ** 55n}`);
    expect(F.toText(F.sub(F.add(q(1e16), F.one), q(1e16)))).toBe('1/1');
  });

  it('toFloat64 rounds ties to even and overflows to ±Infinity', () => {
    const r = (num: bigint, den: bigint): Rational => F.div(F.fromFloat64(Number(num)), F.fromFloat64(Number(den)));
    expect(F.toFloat64(F.add(F.one, F.fromFloat64(2 ** -53)))).toBe(1);
    expect(F.toFloat64(F.add(F.one, F.fromFloat64(3 * 2 ** -53)))).toBe(1 + 2 ** -51);
    expect(F.toFloat64(F.mul(F.fromFloat64(2 ** -1074), F.fromFloat64(0.5)))).toBe(0);
    expect(F.toFloat64(F.mul(F.fromFloat64(2 ** -1074), F.fromFloat64(1.5)))).toBe(2 ** -1073);
    expect(F.toFloat64(F.mul(F.fromFloat64(1e300), F.fromFloat64(-1e300)))).toBe(-Infinity);
    expect(F.toFloat64(r(1n, 3n))).toBe(1 / 3);
  });
});

describe('rationalBackend: activations', () => {
  it('cubic is exact: σ(3) = −6, σ(1/2) = 11/24, σ′(1) = 0, σ″(−5/7) = 10/7', () => {
    const a = rationalBackend.activation(cubic);
    const half = F.div(F.one, F.fromInteger(2));
    expect(F.toText(a.sigma(F.fromInteger(3)))).toBe('-6/1');
    expect(F.toText(a.sigma(half))).toBe('11/24');
    expect(F.toText(a.dsigma(F.one))).toBe('0/1');
    expect(F.toText(a.d2sigma(F.div(F.fromInteger(-5), F.fromInteger(7))))).toBe('10/7');
    expect(F.toText(rationalBackend.activation(identity).sigma(half))).toBe('1/2');
    expect(F.toText(rationalBackend.activation(identity).dsigma(half))).toBe('1/1');
  });

  it('the float64 cubic is within its documented ulps of the exact one', () => {
    const a = rationalBackend.activation(cubic);
    const exact = (q: Rational) => new D(q.num.toString()).div(q.den.toString());
    fc.assert(fc.property(fc.double({ min: -1e30, max: 1e30, noNaN: true }), (x) => {
      const r = F.fromFloat64(x);
      expect(ulpError(cubic.sigma(x), exact(a.sigma(r)))).toBeLessThanOrEqual(4);
      expect(ulpError(cubic.dsigma(x), exact(a.dsigma(r)))).toBeLessThanOrEqual(2);
      expect(cubic.d2sigma(x)).toBe(F.toFloat64(a.d2sigma(r)));
    }), { seed: 13, numRuns: 300 });
  });

  it('every other activation throws InvalidArgumentError naming activation.name', () => {
    const supported = ['identity', 'cubic'];
    for (const name of ACTIVATION_NAMES.filter((n) => !supported.includes(n))) {
      let caught: unknown;
      try {
        rationalBackend.activation(makeActivation(name === 'regularized_relu' ? { name, delta: 0.5 } : { name }));
      } catch (e) {
        caught = e;
      }
      expect(caught).toBeInstanceOf(InvalidArgumentError);
      expect((caught as InvalidArgumentError).field).toBe('activation.name');
      expect((caught as Error).message).toBe(
        `activation.name="${name}" must be a polynomial activation (identity, cubic) for exact rational arithmetic`,
      );
    }
  });

  it('rejects division by zero, non-finite doubles and unsafe integers', () => {
    expect(() => F.div(F.one, F.zero)).toThrow(/^divisor=/);
    expect(() => F.fromFloat64(NaN)).toThrow(NonFiniteError);
    expect(() => F.fromFloat64(-Infinity)).toThrow(NonFiniteError);
    expect(() => F.fromInteger(2 ** 53)).toThrow(InvalidArgumentError);
  });
});
