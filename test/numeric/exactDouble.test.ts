import { Decimal } from 'decimal.js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { InvalidArgumentError, NonFiniteError } from '../../src/errors.js';
import {
  doubleToBigIntFraction, doubleToExactDecimalString, nearestDoubleFromDecimalString, nearestDoubleFromFraction,
} from '../../src/numeric/exactDouble.js';
import { nextDown, nextUp, toDecimal } from '../activations/ulp.js';

/** Every finite double, subnormals and ±0 included (fast-check draws the special values often). */
const anyDouble = fc.double({ noNaN: true, noDefaultInfinity: true });
const subnormal = fc.integer({ min: 1, max: 2 ** 52 - 1 }).chain((m) => fc.constantFrom(m, -m)).map((m) => m * 2 ** -1074);
const RUNS = { seed: 20260321, numRuns: 2000 };

/** An independent exact value: decimal.js at 800 digits from m·2^e (test/activations/ulp.ts). */
const WIDE = Decimal.clone({ precision: 800 });
const exact = (x: number): Decimal => new WIDE(toDecimal(x));
/** Room for a halfway point plus a nudge far below it. */
const HUGE = Decimal.clone({ precision: 2000 });

describe('doubleToExactDecimalString', () => {
  it('gives the exact binary expansion, not the shortest string', () => {
    expect(doubleToExactDecimalString(0.1)).toBe('0.1000000000000000055511151231257827021181583404541015625');
    expect(doubleToExactDecimalString(-2.5)).toBe('-2.5');
    expect(doubleToExactDecimalString(2 ** 70)).toBe('1180591620717411303424');
    expect(doubleToExactDecimalString(0)).toBe('0');
    expect(doubleToExactDecimalString(-0)).toBe('-0');
    const least = doubleToExactDecimalString(2 ** -1074);
    expect(least.startsWith(`0.${'0'.repeat(323)}49406564584124654417656879286822137236505980`)).toBe(true);
    expect(least.length).toBe(2 + 1074); // 2^−1074 = 5^1074/10^1074: 1074 decimals, 751 significant digits
    expect(doubleToExactDecimalString(Number.MAX_VALUE)).toHaveLength(309);
  });

  it('agrees with an independent decimal.js construction on all finite doubles', () => {
    fc.assert(fc.property(fc.oneof(anyDouble, subnormal), (x) => {
      expect(new WIDE(doubleToExactDecimalString(x)).eq(exact(x))).toBe(true);
    }), RUNS);
  });

  it('rejects NaN and ±Infinity naming the field', () => {
    for (const x of [NaN, Infinity, -Infinity]) {
      expect(() => doubleToExactDecimalString(x)).toThrow(NonFiniteError);
      expect(() => doubleToBigIntFraction(x)).toThrow(/^x=/);
    }
  });
});

describe('doubleToBigIntFraction', () => {
  it('is exact, in lowest terms, with a power-of-two denominator', () => {
    expect(doubleToBigIntFraction(0.1)).toEqual({ num: 3602879701896397n, den: 2n ** 55n });
    expect(doubleToBigIntFraction(-6)).toEqual({ num: -6n, den: 1n });
    expect(doubleToBigIntFraction(-0)).toEqual({ num: 0n, den: 1n });
    expect(doubleToBigIntFraction(2 ** -1074)).toEqual({ num: 1n, den: 2n ** 1074n });
    fc.assert(fc.property(fc.oneof(anyDouble, subnormal), (x) => {
      const { num, den } = doubleToBigIntFraction(x);
      expect(den > 0n && (den & (den - 1n)) === 0n).toBe(true);
      expect(den === 1n || (num & 1n) === 1n).toBe(true);
      expect(new WIDE(num.toString()).div(den.toString()).eq(exact(x))).toBe(true);
    }), RUNS);
  });
});

describe('nearest-double conversion: round trips', () => {
  it('decimal string → double and fraction → double invert the exact conversions (bitwise)', () => {
    fc.assert(fc.property(fc.oneof(anyDouble, subnormal), (x) => {
      expect(Object.is(nearestDoubleFromDecimalString(doubleToExactDecimalString(x)), x)).toBe(true);
      const { num, den } = doubleToBigIntFraction(x);
      expect(Object.is(nearestDoubleFromFraction(num, den), x === 0 ? 0 : x)).toBe(true);
    }), RUNS);
  });

  it('agrees with V8 (which rounds correctly, though ECMA-262 does not require it) on the shortest strings', () => {
    fc.assert(fc.property(anyDouble, (x) => {
      expect(Object.is(nearestDoubleFromDecimalString(String(x)), x === 0 ? 0 : x)).toBe(true); // String(-0) is "0"
      expect(Object.is(nearestDoubleFromDecimalString(x.toExponential(25)), Number(x.toExponential(25)))).toBe(true);
    }), RUNS);
  });
});

describe('nearest-double conversion: ties to even, subnormals, overflow', () => {
  const two = (k: number): bigint => 2n ** BigInt(k);
  it('rounds halfway cases to the even neighbour', () => {
    expect(nearestDoubleFromFraction(two(53) + 1n, two(53))).toBe(1); // 1 + 2^−53 → 1
    expect(nearestDoubleFromFraction(two(53) + 3n, two(53))).toBe(1 + 2 ** -51); // 1 + 3·2^−53 → 1 + 2^−51
    expect(nearestDoubleFromFraction(-(two(53) + 1n), two(53))).toBe(-1);
    expect(nearestDoubleFromFraction(1n, two(1075))).toBe(0); // 2^−1075 → 0
    expect(Object.is(nearestDoubleFromFraction(-1n, two(1075)), -0)).toBe(true);
    expect(nearestDoubleFromFraction(3n, two(1075))).toBe(2 ** -1073); // 1.5 subnormal quanta → 2
    expect(nearestDoubleFromFraction(5n, two(1075))).toBe(2 * 2 ** -1074); // 2.5 quanta → 2
    expect(nearestDoubleFromFraction(two(1075) + 1n, two(2150))).toBe(2 ** -1074); // just above half: up
    // the largest subnormal + half a quantum rounds up into the normals: 2^−1022
    expect(nearestDoubleFromFraction(two(53) - 1n, two(1075))).toBe(2 ** -1022);
  });

  it('the exact decimal strings of the halfway points round the same way', () => {
    const half = (x: number, y: number): string => exact(x).plus(exact(y)).div(2).toFixed();
    expect(nearestDoubleFromDecimalString(half(1, nextUp(1)))).toBe(1);
    expect(nearestDoubleFromDecimalString(half(nextUp(1), nextUp(nextUp(1))))).toBe(nextUp(nextUp(1)));
    expect(nearestDoubleFromDecimalString(half(0, 2 ** -1074))).toBe(0);
    expect(nearestDoubleFromDecimalString(half(2 ** -1074, 2 ** -1073))).toBe(2 ** -1073);
    fc.assert(fc.property(fc.double({ min: 1e-300, max: 1e300, noNaN: true }), (x) => {
      const y = nextUp(x);
      const mid = new HUGE(exact(x)).plus(exact(y)).div(2); // exact: ≤ 768 digits
      const nudge = mid.times('1e-900');
      expect(nearestDoubleFromDecimalString(mid.toFixed())).toBe(lastBitEven(x, y));
      expect(nearestDoubleFromDecimalString(mid.plus(nudge).toFixed())).toBe(y);
      expect(nearestDoubleFromDecimalString(mid.minus(nudge).toFixed())).toBe(x);
    }), { seed: 5, numRuns: 300 });
  });

  it('overflows to ±Infinity exactly from MAX_VALUE + half an ulp', () => {
    const max = Number.MAX_VALUE;
    const halfUlp = exact(max).minus(exact(nextDown(max))).div(2);
    expect(nearestDoubleFromDecimalString(exact(max).plus(halfUlp).toFixed())).toBe(Infinity);
    expect(nearestDoubleFromDecimalString(exact(max).plus(halfUlp).minus(1).toFixed())).toBe(max);
    expect(nearestDoubleFromFraction(-(two(1024) - two(970)), 1n)).toBe(-Infinity);
    expect(nearestDoubleFromFraction(two(1024) - two(970) - 1n, 1n)).toBe(max);
    expect(nearestDoubleFromDecimalString('2e400')).toBe(Infinity);
    expect(nearestDoubleFromDecimalString('-1e99999999999')).toBe(-Infinity);
    expect(Object.is(nearestDoubleFromDecimalString('-1e-99999999999'), -0)).toBe(true);
  });

  it('parses plain and exponent notation, signs and zeros', () => {
    expect(nearestDoubleFromDecimalString('-0.00125')).toBe(-0.00125);
    expect(nearestDoubleFromDecimalString('+12.5E-1')).toBe(1.25);
    expect(nearestDoubleFromDecimalString('.5')).toBe(0.5);
    expect(nearestDoubleFromDecimalString('7.')).toBe(7);
    expect(Object.is(nearestDoubleFromDecimalString('-0.000e5'), -0)).toBe(true);
    expect(nearestDoubleFromDecimalString('4.9406564584124654e-324')).toBe(2 ** -1074);
  });

  it('rejects malformed text and a zero denominator, naming the field', () => {
    for (const t of ['', '.', '1e', 'Infinity', 'NaN', '1.2.3', ' 1', '0x10']) {
      let caught: unknown;
      try {
        nearestDoubleFromDecimalString(t);
      } catch (e) {
        caught = e;
      }
      expect(caught).toBeInstanceOf(InvalidArgumentError);
      expect((caught as InvalidArgumentError).field).toBe('text');
    }
    expect(() => nearestDoubleFromFraction(1n, 0n)).toThrow(/^den=/);
    expect(nearestDoubleFromFraction(3n, -4n)).toBe(-0.75);
  });
});

/** Of two adjacent doubles, the one whose last significand bit is 0. */
function lastBitEven(x: number, y: number): number {
  const v = new DataView(new ArrayBuffer(8));
  v.setFloat64(0, x);
  return (v.getBigUint64(0) & 1n) === 0n ? x : y;
}
