/**
 * The places where a decimal reference goes wrong unless it is written carefully (tails, cancellation,
 * argument reduction), each with the naive decimal.js computation as a negative control, and a check of the
 * decimal.js primitives the backend builds on.
 */
import { Decimal } from 'decimal.js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { sigmoid, sin, softplus, tanh } from '../../src/activations/index.js';
import { InvalidArgumentError } from '../../src/errors.js';
import { decimalMath } from '../../src/numeric/decimalMath.js';
import { decimalBackend } from '../../src/numeric/index.js';
import { ulpError } from '../activations/ulp.js';

const B = decimalBackend(50);
const F = B.field;
const D50 = Decimal.clone({ precision: 50 });
const REF = Decimal.clone({ precision: 600 });
const r = (x: number | string): Decimal => (typeof x === 'number' ? F.fromFloat64(x) : new D50(x));
const ulps50 = (a: Decimal, ref: Decimal): number => new REF(a).minus(ref).abs().div(new REF(10).pow(ref.e - 49)).toNumber();

describe('decimal tails and cancellations at P = 50', () => {
  it('tanh(20) = 1 − 8.4967e−18, not 1; tanh′(20) = sech²(20) ≈ 1.6993e−17, not 1 − tanh² rounded', () => {
    const t = B.activation(tanh).sigma(r(20));
    expect(F.toText(new D50(1).minus(t))).toMatch(/^8\.4967085105\d+e-18$/);
    expect(F.toText(B.activation(tanh).dsigma(r(20)))).toMatch(/^1\.6993417021166355836\d+e-17$/);
    expect(F.toText(B.activation(tanh).d2sigma(r(-20)))).toMatch(/^3\.398683404233271138\d+e-17$/);
    // negative control: at 30 digits the textbook 1 − tanh² keeps only 12 of them
    const T30 = Decimal.clone({ precision: 30 });
    expect(ulps50(new T30(1).minus(new T30(20).tanh().pow(2)), B.activation(tanh).dsigma(r(20)))).toBeGreaterThan(1e10);
  });

  it('sigmoid and softplus at ±40 and ±800 keep their tails (e^{−800} ≈ 3.6679e−348)', () => {
    const [s, sp] = [B.activation(sigmoid), B.activation(softplus)];
    const tail = '3.6678745841776872134554956542607982154696342266126e-348';
    expect(F.toText(s.sigma(r(-800)))).toBe(tail);
    expect(F.toText(s.sigma(r(800)))).toBe(`1.${'0'.repeat(49)}`);
    expect(F.toText(sp.sigma(r(-800)))).toBe(tail);
    expect(F.toText(sp.sigma(r(800)))).toBe(`800.${'0'.repeat(47)}`);
    expect(F.toText(s.sigma(r(-40)))).toMatch(/^4\.248354255291588977\d+e-18$/);
    expect(F.toText(sp.sigma(r(-40)))).toMatch(/^4\.248354255291588986\d+e-18$/); // e^{−40} − e^{−80}/2
    expect(F.toText(sp.sigma(r(40)))).toMatch(/^40\.000000000000000004248354255291588986\d+$/);
    expect(F.toText(s.d2sigma(r(40)))).toMatch(/^-4\.24835425529158892313\d+e-18$/);
    // negative control: ln(1 + e^{−800}) at 50 digits is 0
    expect(new D50(-800).exp().plus(1).ln().isZero()).toBe(true);
  });

  it('log1p(1e−16) = 1e−16 − 5e−33 + …, log1p(1e−60) = 1e−60 − 5e−121, expm1(−1e−70) likewise', () => {
    const m = decimalMath(50);
    const W = m.at(m.W);
    const rel = (a: Decimal, ref: Decimal): number => new REF(a).minus(ref).div(ref).abs().toNumber();
    /** ln(1 + y) = Σ (−1)^{k+1} y^k/k (log) or e^y − 1 = Σ y^k/k! (exp), 12 terms: exact far past 1e−59 here. */
    const series = (y: Decimal, kind: 'log' | 'exp'): Decimal => {
      let [sum, power, fact] = [new REF(0), new REF(1), new REF(1)];
      for (let k = 1; k <= 12; k++) {
        [power, fact] = [power.times(y), fact.times(k)];
        sum = sum.plus(kind === 'log' ? power.div(k).times(k % 2 === 1 ? 1 : -1) : power.div(fact));
      }
      return sum;
    };
    expect(m.log1p(new W('1e-16')).toString()).toMatch(/^9\.9{15}50{15}3{10}\d*e-17$/);
    for (const y of ['1e-16', '1e-60', '3e-200', '0.25']) {
      expect(rel(m.log1p(new W(y)), y === '0.25' ? new REF(1.25).ln() : series(new REF(y), 'log'))).toBeLessThan(1e-59);
    }
    for (const x of ['-1e-70', '1e-16', '-0.5', '-3e-300']) {
      expect(rel(m.expm1(new W(x)), x === '-0.5' ? new REF(x).exp().minus(1) : series(new REF(x), 'exp'))).toBeLessThan(1e-59);
    }
    expect(new D50('1e-60').plus(1).ln().isZero()).toBe(true); // negative control: the naive ln(1 + y)
  });
});

describe('sin and cos: argument reduction with as many digits as cancel', () => {
  it('near multiples of π/2 stays within half an ulp where decimal.js alone loses digits', () => {
    const a = B.activation(sin);
    for (const x of [245850922, 355, 1e22, 103993, 710, (11 * Math.PI) / 2, 6 * Math.PI, 1.5707963267948966]) {
      const ref = new REF(r(x)); // decimal.js at 600 digits: its own reduction carries far more than cancels
      expect(ulps50(a.sigma(r(x)), ref.sin()), `sin(${x})`).toBeLessThanOrEqual(0.5 + 1e-6);
      expect(ulps50(a.dsigma(r(x)), ref.cos()), `cos(${x})`).toBeLessThanOrEqual(0.5 + 1e-6);
    }
    // negative control: decimal.js's sin at 50 digits adds only 10 digits for the reduction
    expect(ulps50(new D50(245850922).sin(), new REF(245850922).sin())).toBeGreaterThan(5);
  });

  it('a 30-digit numerator of a continued-fraction convergent of π: sin ≈ −1.9e−30, 60 digits cancel', () => {
    const p = '126016265525921254632388702258';
    const ref = new REF(p).sin();
    expect(ulps50(B.activation(sin).sigma(r(p)), ref)).toBeLessThanOrEqual(0.5 + 1e-6);
    expect(ulps50(B.activation(sin).d2sigma(r(p)), ref.neg())).toBeLessThanOrEqual(0.5 + 1e-6);
    // negative control: decimal.js's sin even at 60 digits (W) reduces with too few digits here
    expect(ulps50(new (Decimal.clone({ precision: 60 }))(p).sin(), ref)).toBeGreaterThan(1);
  });

  it('sin(1e300) at P = 400 (which holds the double exactly) is the double libm gives', () => {
    const B400 = decimalBackend(400);
    const a = B400.activation(sin);
    const x = B400.field.fromFloat64(1e300);
    expect(ulpError(Math.sin(1e300), new D50(a.sigma(x)))).toBeLessThanOrEqual(1);
    expect(ulpError(Math.cos(1e300), new D50(a.dsigma(x)))).toBeLessThanOrEqual(1);
  });

  it('throws InvalidArgumentError (field sin.r) when the reduction needs more than the 1025 digits of π', () => {
    expect(() => decimalBackend(400).activation(sin).sigma(new Decimal('1e700'))).toThrow(InvalidArgumentError);
    expect(() => B.activation(sin).sigma(new Decimal('1e1100'))).toThrow(/^sin\.r=/);
  });
});

describe('the decimal.js primitives the backend builds on are accurate at 50 digits for |r| ≤ 1000', () => {
  const R150 = Decimal.clone({ precision: 150 });
  const arg = fc.oneof(fc.double({ min: -1000, max: 1000, noNaN: true }), fc.double({ min: -1, max: 1, noNaN: true }));
  it('exp is correctly rounded (≤ 0.5 ulp), ln within 1 ulp (its documented bounds)', () => {
    fc.assert(fc.property(arg, (x) => {
      const [d, ref] = [new D50(r(x)), new R150(r(x))];
      expect(ulps50(d.exp(), ref.exp())).toBeLessThanOrEqual(0.5 + 1e-9);
      if (x !== 0) expect(ulps50(d.abs().ln(), ref.abs().ln())).toBeLessThanOrEqual(1);
    }), { seed: 2718, numRuns: 100 });
  });

  it('sin and cos within 1 ulp at arguments away from multiples of π/2 (|sin|, |cos| ≥ 1e−3)', () => {
    fc.assert(fc.property(arg, (x) => {
      const [d, ref] = [new D50(r(x)), new REF(r(x))];
      if (ref.sin().abs().gte(1e-3)) expect(ulps50(d.sin(), ref.sin())).toBeLessThanOrEqual(1);
      if (ref.cos().abs().gte(1e-3)) expect(ulps50(d.cos(), ref.cos())).toBeLessThanOrEqual(1);
    }), { seed: 3141, numRuns: 100 });
  });
});
