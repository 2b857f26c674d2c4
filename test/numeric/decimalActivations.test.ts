/**
 * The decimal backend's activations against themselves at twice the precision and against independent
 * formulas built directly on decimal.js at 120–500 digits (different algebra from decimalMath.ts).
 * Errors are measured in ulps of P = 50 digits: ulp(v) = 10^(e(v) − 49).
 */
import { Decimal } from 'decimal.js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ACTIVATION_NAMES, makeActivation } from '../../src/activations/index.js';
import { type Rational, decimalBackend, rationalBackend } from '../../src/numeric/index.js';
import { nextDown, nextUp } from '../activations/ulp.js';

const B50 = decimalBackend(50);
const B100 = decimalBackend(100);
const FUNCTIONS = ['sigma', 'dsigma', 'd2sigma'] as const;
/** Proved: 0.5 ulp from the final rounding + ~10^−9 ulp from the 10 guard digits. */
const HALF_ULP = 0.5 + 1e-6;

const H = Decimal.clone({ precision: 1200 });
/** |a − ref| in ulps of 50 digits at ref; a zero reference must be matched exactly. */
function ulps50(a: Decimal, ref: Decimal): number {
  if (ref.isZero()) return a.isZero() ? 0 : Infinity;
  return new H(a).minus(ref).abs().div(new H(10).pow(ref.e - 49)).toNumber();
}

const activationOf = (name: (typeof ACTIVATION_NAMES)[number], delta = 0.5) =>
  makeActivation(name === 'regularized_relu' ? { name, delta } : { name });

/** Inputs as 50-digit decimals: sign · 10^uniform(−3, 3), wide [−1000, 1000], and the traps. */
const moderate = fc.tuple(fc.boolean(), fc.double({ min: -3, max: 3, noNaN: true })).map(([n, e]) => (n ? -1 : 1) * 10 ** e);
const inputs = fc.oneof(
  moderate,
  fc.double({ min: -1000, max: 1000, noNaN: true }),
  fc.constantFrom(0, 1e-300, -1e-16, 1, -1, Math.sqrt(3), -Math.sqrt(3), 0.5, -0.5, 20, -40, 355, 709, -710, 800),
);

describe('decimal activations at P = 50 agree with P = 100 to half an ulp of 50 digits', () => {
  it.each([...ACTIVATION_NAMES])('%s', (name) => {
    const a50 = B50.activation(activationOf(name));
    const a100 = B100.activation(activationOf(name));
    fc.assert(fc.property(inputs, (x) => {
      const r50 = B50.field.fromFloat64(x);
      const r100 = B100.field.add(B100.field.zero, r50); // the same value, in the 100-digit clone
      for (const fn of FUNCTIONS) {
        const err = ulps50(a50[fn](r50), a100[fn](r100));
        if (!(err <= HALF_ULP)) throw new Error(`${name}.${fn}(${r50}): ${err} ulps`);
      }
    }), { seed: 314, numRuns: name === 'sin' ? 40 : 60 });
  });

  it('regularised ReLU, inexact δ = 0.1: at and next to the kinks each P picks the piece float64 picks', () => {
    const relu = activationOf('regularized_relu', 0.1);
    const kinks = [-0.1, 0.1].flatMap((k) => [nextDown(k), k, nextUp(k)]);
    for (const P of [17, 50, 100]) {
      const B = decimalBackend(P);
      const a = B.activation(relu);
      for (const x of kinks) expect(a.d2sigma(B.field.fromFloat64(x)).isZero(), `P = ${P}, r = ${x}`).toBe(relu.d2sigma(x) === 0);
    }
  });
});

const W = Decimal.clone({ precision: 120 });
const WIDE = Decimal.clone({ precision: 500 });
const at = (x: number): Decimal => B50.field.fromFloat64(x);
const check = (name: (typeof ACTIVATION_NAMES)[number], fn: (typeof FUNCTIONS)[number], x: number, ref: Decimal): void => {
  const got = B50.activation(activationOf(name))[fn](at(x));
  expect(ulps50(got, ref), `${name}.${fn}(${x}) = ${got}, reference ${ref}`).toBeLessThanOrEqual(HALF_ULP);
};

describe('decimal activations against independent formulas at 120–500 digits', () => {
  it('tanh = (e^{2r} − 1)/(e^{2r} + 1), tanh′ = 1/cosh², tanh″ = −2 tanh/cosh²', () => {
    for (const x of [0.5, -1, 5, 20, -20, 40, 300, -709]) {
      const r = new W(at(x));
      const E = r.times(2).exp();
      const cosh = r.exp().plus(r.neg().exp()).div(2);
      const t = E.minus(1).div(E.plus(1));
      check('tanh', 'sigma', x, t);
      check('tanh', 'dsigma', x, W.div(1, cosh.pow(2)));
      check('tanh', 'd2sigma', x, t.times(-2).div(cosh.pow(2)));
    }
    check('tanh', 'sigma', 1e-16, new W(at(1e-16)).minus(new W(at(1e-16)).pow(3).div(3)).plus(new W(at(1e-16)).pow(5).times(2).div(15)));
  });

  it('sigmoid = 1/(1 + e^{−r}), σ′ = e^{−r}/(1 + e^{−r})², σ″ = σ′(1 − 2σ) (cancellation absorbed by 500 digits)', () => {
    for (const x of [40, -40, 800, -800, 0.5, -3, 1e-16]) {
      const e = new WIDE(at(x)).neg().exp();
      const s = WIDE.div(1, e.plus(1));
      const ds = e.div(e.plus(1).pow(2));
      check('sigmoid', 'sigma', x, s);
      check('sigmoid', 'dsigma', x, ds);
      check('sigmoid', 'd2sigma', x, ds.times(new WIDE(1).minus(s.times(2))));
    }
  });

  it('softplus = ln(1 + e^{r}) at 500 digits (so 1 + e^{−800} keeps e^{−800} ≈ 3.7e−348)', () => {
    for (const x of [40, -40, 800, -800, 0.5, -3, 1e-16]) {
      check('softplus', 'sigma', x, new WIDE(at(x)).exp().plus(1).ln());
      check('softplus', 'dsigma', x, WIDE.div(1, new WIDE(at(x)).neg().exp().plus(1)));
    }
  });

  it('sin and cos from their Taylor series (no argument reduction at all)', () => {
    for (const x of [0.5, -3, 20, -40, 355, 245850922 / 1e6]) {
      const r = new WIDE(at(x));
      let [term, s, c, ct] = [r, new WIDE(0), new WIDE(0), new WIDE(1)];
      for (let n = 1; !term.isZero() && term.abs().gt('1e-300'); n += 2) {
        s = s.plus(term);
        c = c.plus(ct);
        term = term.times(r).times(r).div(-(n + 1) * (n + 2));
        ct = ct.times(r).times(r).div(-n * (n + 1));
      }
      check('sin', 'sigma', x, s);
      check('sin', 'dsigma', x, c);
      check('sin', 'd2sigma', x, s.neg());
    }
  });

  it('gaussian = exp(−r²/2) with r² at 120 digits', () => {
    for (const x of [0.5, -1, 1 + 2 ** -52, 3, -20, 40]) {
      const r = new W(at(x));
      const g = r.pow(2).div(2).neg().exp();
      check('gaussian', 'sigma', x, g);
      check('gaussian', 'dsigma', x, g.times(r).neg());
      check('gaussian', 'd2sigma', x, g.times(r.pow(2).minus(1)));
    }
  });

  it('cubic and the regularised ReLU against exact rational arithmetic', () => {
    const Q = rationalBackend.field;
    const exact = (q: Rational): Decimal => new H(q.num.toString()).div(q.den.toString());
    /** The 50-digit input as an exact fraction (the ops normalise it). */
    const rational = (x: number): Rational => {
      const [n, d] = at(x).toFraction();
      return { num: BigInt(n.toFixed()), den: BigInt(d.toFixed()) };
    };
    const cubicQ = rationalBackend.activation(activationOf('cubic'));
    for (const x of [Math.sqrt(3), -Math.sqrt(3), 1 + 2 ** -52, 1 - 2 ** -53, 0.1, -7.25, 1e-10, 1e30, -1e100]) {
      for (const fn of FUNCTIONS) check('cubic', fn, x, exact(cubicQ[fn](Q.add(Q.zero, rational(x)))));
    }
    const delta = Q.fromFloat64(0.5);
    const relu = (r: Rational): Rational => Q.div(Q.mul(Q.add(r, delta), Q.add(r, delta)), Q.mul(Q.fromInteger(4), delta));
    for (const x of [-0.5, -0.49999999999999994, 0, 0.25, 0.49999999999999994, 1e-20]) {
      check('regularized_relu', 'sigma', x, exact(relu(rational(x))));
      check('regularized_relu', 'dsigma', x, exact(Q.div(Q.add(rational(x), delta), Q.mul(Q.fromInteger(2), delta))));
    }
  });
});
