import { Decimal } from 'decimal.js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { InvalidArgumentError, NonFiniteError } from '../../src/errors.js';
import { decimalBackend } from '../../src/numeric/index.js';

const anyDouble = fc.double({ noNaN: true, noDefaultInfinity: true });
const subnormal = fc.integer({ min: 1, max: 2 ** 52 - 1 }).map((m) => m * 2 ** -1074);
const doubles = fc.oneof(anyDouble, subnormal, subnormal.map((x) => -x));

describe('decimalBackend: the field', () => {
  it('enters a double through its binary expansion, not its shortest string', () => {
    expect(new Decimal(0.1).toString()).toBe('0.1'); // decimal.js's own constructor reads String(0.1)
    const F = decimalBackend(60).field;
    expect(F.toText(F.fromFloat64(0.1))).toBe('0.100000000000000005551115123125782702118158340454101562500000');
    expect(F.fromFloat64(0.1).eq('0.1000000000000000055511151231257827021181583404541015625')).toBe(true);
    // at 50 digits the 55-digit expansion is rounded once; exact ties go to the even digit
    expect(decimalBackend(50).field.fromFloat64(0.1).toString()).toBe('0.1000000000000000055511151231257827021181583404541');
    expect(decimalBackend(2).field.fromFloat64(0.125).toString()).toBe('0.12');
    expect(decimalBackend(2).field.fromFloat64(0.375).toString()).toBe('0.38');
  });

  it.each([17, 20, 50])('round-trips every finite double bitwise at P = %i', (P) => {
    const F = decimalBackend(P).field;
    fc.assert(fc.property(doubles, (x) => {
      expect(Object.is(F.toFloat64(F.fromFloat64(x)), x)).toBe(true);
    }), { seed: 17 + P, numRuns: 1500 });
  });

  it('negative control: at P = 15 some doubles do not round-trip (17 digits are needed)', () => {
    const F = decimalBackend(15).field;
    expect(F.toFloat64(F.fromFloat64(0.1 + 0.2))).not.toBe(0.1 + 0.2);
  });

  it('toFloat64 rounds half to even and overflows to ±Infinity', () => {
    const F = decimalBackend(60).field;
    expect(F.toFloat64(new Decimal('1.00000000000000011102230246251565404236316680908203125'))).toBe(1);
    expect(F.toFloat64(new Decimal('1.00000000000000011102230246251565404236316680908203126'))).toBe(1 + 2 ** -52);
    expect(F.toFloat64(F.mul(F.fromFloat64(1e300), F.fromFloat64(1e300)))).toBe(Infinity);
    expect(F.toFloat64(F.neg(F.mul(F.fromFloat64(1e300), F.fromFloat64(1e300))))).toBe(-Infinity);
    expect(Object.is(F.toFloat64(F.fromFloat64(-0)), -0)).toBe(true);
    expect(F.toFloat64(F.div(F.one, F.zero))).toBe(Infinity);
    expect(() => F.toFloat64(F.sub(F.div(F.one, F.zero), F.div(F.one, F.zero)))).toThrow(NonFiniteError);
  });

  it('arithmetic rounds to P digits, half to even, in clones of its own (the global Decimal untouched)', () => {
    const before = [Decimal.precision, Decimal.rounding];
    const F = decimalBackend(5).field;
    const G = decimalBackend(40).field;
    expect(F.div(F.one, F.fromInteger(3)).toString()).toBe('0.33333');
    expect(F.add(F.fromInteger(12344), F.fromFloat64(0.5)).toString()).toBe('12344'); // tie → even
    expect(F.add(F.fromInteger(12345), F.fromFloat64(0.5)).toString()).toBe('12346');
    expect(G.div(G.one, G.fromInteger(3)).toString()).toBe(`0.${'3'.repeat(40)}`);
    // a value made by one backend, used in another, is rounded by the one doing the arithmetic
    expect(F.mul(G.div(G.one, G.fromInteger(3)), F.one).toString()).toBe('0.33333');
    expect([Decimal.precision, Decimal.rounding]).toEqual(before);
  });

  it('toText prints exactly P significant digits, and −0 with its sign', () => {
    const F = decimalBackend(8).field;
    expect(F.toText(F.fromInteger(1))).toBe('1.0000000');
    expect(F.toText(F.fromFloat64(-1.5e-300))).toBe('-1.5000000e-300');
    expect(F.toText(F.fromFloat64(123456789))).toBe('1.2345679e+8');
    expect(F.toText(F.fromFloat64(-0))).toBe('-0.0000000');
    expect(decimalBackend().field.name).toBe('decimal(50)');
  });

  it('rejects bad precisions, non-finite doubles and unsafe integers, naming the field', () => {
    for (const P of [0, -1, 2.5, 401, NaN]) {
      expect(() => decimalBackend(P)).toThrow(InvalidArgumentError);
      expect(() => decimalBackend(P)).toThrow(/^precision=/);
    }
    const F = decimalBackend(30).field;
    for (const x of [NaN, Infinity, -Infinity]) expect(() => F.fromFloat64(x)).toThrow(NonFiniteError);
    expect(() => F.fromInteger(2 ** 53)).toThrow(/^n=/);
    expect(() => F.fromInteger(0.5)).toThrow(InvalidArgumentError);
  });
});
