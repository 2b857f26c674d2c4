/**
 * Pins src/limit/meanFieldGaussianDecimal.ts: the decimal solution against the closed form of the ODE with
 * s_w ≡ 0, evaluated in decimal.js at 60 digits,
 *   Z(1) = x + μ⁰ asinh(β/√c)/β + μ¹ (sqrt(c + β²) − √c)/β²,   c = 1 + (s⁰_b)², β = s¹_b
 * (test/limit/meanFieldGaussian.pin.test.ts derives it); the documented rounding allowance steps·10^{−P+1}·max(1, |Z|);
 * the defaults (P = 40, tol = 10^{−P+10}, n0 = 16, maxLevels = 10); the returned fields; the thrown errors.
 * The law and x are dyadic (exact in binary and decimal), so the closed form at 60 digits is exact to 10^-58.
 */
import { Decimal } from 'decimal.js';
import { describe, expect, it } from 'vitest';
import { InvalidArgumentError, ShapeMismatchError } from '../../src/errors.js';
import type { GaussianPathLaw } from '../../src/init/gaussianPaths.js';
import { gaussianMeanField } from '../../src/limit/meanFieldGaussian.js';
import { solveMeanFieldGaussianDecimal } from '../../src/limit/meanFieldGaussianDecimal.js';
import { extrapolatedRK4, rk4Solve } from '../../src/limit/meanFieldGaussianSolver.js';
import { doubleToExactDecimalString } from '../../src/numeric/exactDouble.js';
import { decimalBackend, float64Backend } from '../../src/numeric/index.js';

const D = Decimal.clone({ precision: 60 });
const LAW: GaussianPathLaw = {
  d: 2,
  uMean0: Float64Array.of(1.5, -0.5),
  uMean1: Float64Array.of(2, 1.25),
  uStd0: 1,
  uStd1: 0.5,
  wStd0: 0,
  wStd1: 0,
  bStd0: 0.5,
  bStd1: 1.5,
};
const X = Float64Array.of(3, -1);
/** The closed form (s_w ≡ 0) at 60 digits. */
function exact(j: number): Decimal {
  const c = new D(1).plus(new D(LAW.bStd0).pow(2));
  const beta = new D(LAW.bStd1);
  const sc = c.sqrt();
  return new D(X[j])
    .plus(new D(LAW.uMean0[j]).times(D.asinh(beta.div(sc))).div(beta))
    .plus(new D(LAW.uMean1[j]).times(c.plus(beta.pow(2)).sqrt().minus(sc)).div(beta.pow(2)));
}
const distance = (a: Decimal, b: Decimal) => new D(a.toString()).minus(b).abs().toNumber();

describe('solveMeanFieldGaussianDecimal', () => {
  const sol = solveMeanFieldGaussianDecimal(LAW, X, { precision: 40, tol: 1e-30 });

  it('agrees with the closed form within its error estimate, which is below 1e-28', () => {
    expect(sol.errorEstimate).toBeLessThan(1e-28);
    for (let j = 0; j < 2; j++) expect(distance(sol.z[j], exact(j))).toBeLessThanOrEqual(sol.errorEstimate);
  });

  it('errorEstimate = extrapolation estimate (≤ tol) + steps·10^{−P+1}·max(1, |Z|∞)', () => {
    const zMax = Math.max(1, ...Array.from(sol.nearest, Math.abs));
    expect(zMax).toBeGreaterThan(1);
    const allowance = sol.steps * 1e-39 * zMax;
    expect(sol.errorEstimate).toBeGreaterThanOrEqual(allowance);
    expect(sol.errorEstimate - allowance).toBeLessThanOrEqual(1e-30 * (1 + 1e-12));
    // at P = 24 the allowance dominates and uses max(1, ·) with |Z| < 1
    const low = solveMeanFieldGaussianDecimal({ ...LAW, uMean0: Float64Array.of(0.25, -0.25), uMean1: Float64Array.of(0, 0) }, Float64Array.of(0.5, 0.25), { precision: 24, tol: 1e-18 });
    expect(Math.max(...Array.from(low.nearest, Math.abs))).toBeLessThan(1);
    const lowAllowance = low.steps * 1e-23;
    expect(low.errorEstimate).toBeGreaterThanOrEqual(lowAllowance);
    expect(low.errorEstimate - lowAllowance).toBeLessThanOrEqual(1e-18 + 1e-30);
    // exactly: the same extrapolation run by hand on decimalBackend(24) with the doubles entered exactly, |Z|∞ > 1
    const B = decimalBackend(24);
    const Clone = B.field.zero.constructor as Decimal.Constructor;
    const S = { ...B.field, fromFloat64: (v: number) => new Clone(doubleToExactDecimalString(v)) };
    const ref = extrapolatedRK4(S, gaussianMeanField(S, (v: Decimal) => v.sqrt(), LAW), Array.from(X, (v) => S.fromFloat64(v)), { tol: 1e-18, n0: 16, maxLevels: 10 });
    const mid = solveMeanFieldGaussianDecimal(LAW, X, { precision: 24, tol: 1e-18 });
    const midMax = Math.max(...Array.from(mid.nearest, Math.abs));
    expect(midMax).toBeGreaterThan(1);
    expect(mid.steps).toBe(ref.steps);
    expect(mid.errorEstimate).toBe(ref.errorEstimate + ref.steps * 1e-23 * midMax);
  });

  it('returns nearest = the doubles of z, steps = 16·2^i, rk4 rows = plain RK4 with 16·2^i steps (as doubles)', () => {
    for (let j = 0; j < 2; j++) expect(sol.nearest[j]).toBe(Number(sol.z[j].toString()));
    const levels = Math.log2(sol.steps / 16);
    expect(Number.isInteger(levels) && levels >= 1).toBe(true);
    expect(sol.rk4.length).toBe(levels + 1);
    const F = gaussianMeanField(float64Backend.field, Math.sqrt, LAW);
    sol.rk4.forEach((row, i) => {
      const f64 = rk4Solve(float64Backend.field, F, Array.from(X), 16 * 2 ** i);
      // float64 RK4 with ≤ 2^10 steps rounds to ≤ 1e-13 absolute on |Z| ≤ 6; decimal at 40 digits is exact to 1e-30.
      for (let j = 0; j < 2; j++) expect(Math.abs(row[j] - f64[j])).toBeLessThan(1e-13);
    });
    expect(sol.z[0].sd()).toBeLessThanOrEqual(40);
  });

  it('defaults: precision 40, tol 10^{−30}, n0 16, maxLevels 10', () => {
    const dflt = solveMeanFieldGaussianDecimal(LAW, X);
    expect(dflt.steps).toBe(sol.steps);
    expect(dflt.z.map(String)).toEqual(sol.z.map(String));
    expect(dflt.errorEstimate).toBe(sol.errorEstimate);
    // tol 10^{−P+10} follows P: at P = 30 the run stops at tol 1e-20, earlier than at 1e-30
    const p30 = solveMeanFieldGaussianDecimal(LAW, X, { precision: 30 });
    const p30explicit = solveMeanFieldGaussianDecimal(LAW, X, { precision: 30, tol: 1e-20, n0: 16, maxLevels: 10 });
    expect([p30.steps, p30.errorEstimate]).toEqual([p30explicit.steps, p30explicit.errorEstimate]);
    expect(p30.steps).toBeLessThan(sol.steps);
  });

  it('throws ShapeMismatchError for x of length ≠ d and InvalidArgumentError for P outside [1, 400]', () => {
    expect(() => solveMeanFieldGaussianDecimal(LAW, Float64Array.of(1))).toThrow(ShapeMismatchError);
    expect(() => solveMeanFieldGaussianDecimal(LAW, Float64Array.of(1))).toThrow(/^x=.* must be length d = 2$/);
    expect(() => solveMeanFieldGaussianDecimal(LAW, X, { precision: 401 })).toThrow(InvalidArgumentError);
    expect(() => solveMeanFieldGaussianDecimal(LAW, X, { precision: 401 })).toThrow(/^precision=401/);
  });
});

describe('solveMeanFieldGaussianDecimal: a given maxLevels and the rk4 rows, computed inside the test', () => {
  // (Mutation testing found these unpinned: a given maxLevels replaced by 10, and rk4 rows dropped. The shared
  // `sol` of the tests above is computed while the file is collected, which Stryker does not attribute to a test.)
  it('stops after maxLevels rows when tol cannot be met, and returns one rk4 row per level, as doubles', () => {
    const one = solveMeanFieldGaussianDecimal(LAW, X, { precision: 30, tol: 1e-60, maxLevels: 1 });
    const two = solveMeanFieldGaussianDecimal(LAW, X, { precision: 30, tol: 1e-60, maxLevels: 2 });
    expect([one.rk4.length, two.rk4.length]).toEqual([2, 3]);
    expect(one.steps).toBeLessThanOrEqual(32);
    expect(two.steps).toBeLessThanOrEqual(64);
    const F = gaussianMeanField(float64Backend.field, Math.sqrt, LAW);
    two.rk4.forEach((row, i) => {
      expect(row).toBeInstanceOf(Float64Array);
      const f64 = rk4Solve(float64Backend.field, F, Array.from(X), 16 * 2 ** i);
      // ≤ 64 float64 RK4 steps on |Z| ≤ 6 round to well below 1e-13; the decimal rows are exact to 1e-20.
      for (let j = 0; j < 2; j++) expect(Math.abs(row[j] - f64[j])).toBeLessThan(1e-13);
    });
  });
});
