/**
 * Pins src/limit/meanFieldGaussian.ts: meanFieldIntegral and gaussianMeanField against the closed form
 * ū(t)/sqrt(1 + s_w(t)²|z|² + s_b(t)²) evaluated by hand; solveMeanFieldGaussian against two closed-form solutions
 * of the ODE and against extrapolatedRK4 called with the documented defaults; every thrown error.
 *
 * Closed forms. (a) s_w ≡ 0: dZ/dt = (μ⁰ + tμ¹)/sqrt(c + β²t²), c = 1 + (s⁰_b)², β = s¹_b, so
 *   Z(1) = x + μ⁰ asinh(β/√c)/β + μ¹ (sqrt(c + β²) − √c)/β².
 * (b) d = 1, constant law (μ, s_w = ω, s_b): separating variables, G(Z(1)) − G(x) = μ with
 *   G(ζ) = ∫ sqrt(c + ω²ζ²) dζ = ½ [ζ sqrt(c + ω²ζ²) + (c/ω) asinh(ωζ/√c)].
 * Tolerances: the solver's own errorEstimate (which includes its rounding allowance) plus the rounding of the
 * closed form (≤ 16u relative on O(1) values, u = 2^-53); for (b) the error in Z is multiplied by G′ = sqrt(c + ω²Z²).
 */
import { describe, expect, it } from 'vitest';
import { ShapeMismatchError } from '../../src/errors.js';
import type { GaussianPathLaw } from '../../src/init/gaussianPaths.js';
import { gaussianMeanField, meanFieldIntegral, solveMeanFieldGaussian } from '../../src/limit/meanFieldGaussian.js';
import { extrapolatedRK4 } from '../../src/limit/meanFieldGaussianSolver.js';
import { float64Backend } from '../../src/numeric/index.js';

const u = 2 ** -53;
const LAW: GaussianPathLaw = {
  d: 2,
  uMean0: Float64Array.of(1, -0.5),
  uMean1: Float64Array.of(0.5, 0.25),
  uStd0: 0.8,
  uStd1: 0.6,
  wStd0: 1.2,
  wStd1: 0.7,
  bStd0: 0.5,
  bStd1: 0.4,
};
/** The closed form by hand, independent of the library. */
function integral(law: GaussianPathLaw, t: number, z: number[]): number[] {
  const sw2 = law.wStd0 ** 2 + t ** 2 * law.wStd1 ** 2;
  const sb2 = law.bStd0 ** 2 + t ** 2 * law.bStd1 ** 2;
  const z2 = z.reduce((s, v) => s + v * v, 0);
  return z.map((_, j) => (law.uMean0[j] + t * law.uMean1[j]) / Math.sqrt(1 + sw2 * z2 + sb2));
}

describe('meanFieldIntegral and gaussianMeanField equal ū(t)/sqrt(1 + s_w(t)²|z|² + s_b(t)²)', () => {
  it.each([
    [0.6, [0.4, -0.9]],
    [0, [1.5, 0.25]],
    [1, [-0.3, 2]],
    [0.25, [0, 0]],
  ])('t = %d, z = %j (to 8u relative)', (t, z) => {
    const out = new Float64Array(2);
    const got = meanFieldIntegral(LAW, t, Float64Array.from(z), out);
    expect(got).toBe(out);
    const want = integral(LAW, t, z);
    for (let j = 0; j < 2; j++) expect(Math.abs(got[j] - want[j])).toBeLessThanOrEqual(8 * u * Math.abs(want[j]));
    const F = gaussianMeanField(float64Backend.field, Math.sqrt, LAW)(t, z);
    for (let j = 0; j < 2; j++) expect(F[j]).toBe(got[j]);
  });

  it('every parameter of the law enters in its own place (each one changed alone moves the value)', () => {
    const z = Float64Array.of(0.4, -0.9);
    const base = meanFieldIntegral(LAW, 0.6, z, new Float64Array(2));
    for (const key of ['wStd0', 'wStd1', 'bStd0', 'bStd1'] as const) {
      const moved = meanFieldIntegral({ ...LAW, [key]: LAW[key] * 1.5 }, 0.6, z, new Float64Array(2));
      expect(Math.abs(moved[0] - base[0]), key).toBeGreaterThan(1e-3);
      const want = integral({ ...LAW, [key]: LAW[key] * 1.5 }, 0.6, [0.4, -0.9]);
      expect(Math.abs(moved[1] - want[1]), key).toBeLessThanOrEqual(8 * u * Math.abs(want[1]));
    }
    // s_u does not enter the mean field
    expect(meanFieldIntegral({ ...LAW, uStd0: 9, uStd1: 9 }, 0.6, z, new Float64Array(2))).toEqual(base);
  });

  it('wrong lengths throw ShapeMismatchError naming z or out and the expected d', () => {
    expect(() => meanFieldIntegral(LAW, 0, new Float64Array(3), new Float64Array(2))).toThrow(ShapeMismatchError);
    expect(() => meanFieldIntegral(LAW, 0, new Float64Array(3), new Float64Array(2))).toThrow(/^z=.* must be length d = 2$/);
    expect(() => meanFieldIntegral(LAW, 0, new Float64Array(2), new Float64Array(1))).toThrow(ShapeMismatchError);
    expect(() => meanFieldIntegral(LAW, 0, new Float64Array(2), new Float64Array(1))).toThrow(/^out=.* must be length d = 2$/);
    const F = gaussianMeanField(float64Backend.field, Math.sqrt, LAW);
    expect(() => F(0, [1])).toThrow(ShapeMismatchError);
    expect(() => F(0, [1])).toThrow(/^z=.* must be length d = 2$/);
    expect(() => F(0, [1, 2, 3])).toThrow(ShapeMismatchError);
  });
});

describe('solveMeanFieldGaussian', () => {
  it('(a) s_w ≡ 0: Z(1) = x + μ⁰ asinh(β/√c)/β + μ¹(sqrt(c + β²) − √c)/β² within the error estimate', () => {
    const law: GaussianPathLaw = { ...LAW, wStd0: 0, wStd1: 0, bStd0: 0.5, bStd1: 1.5, uMean0: Float64Array.of(1.5, -0.5), uMean1: Float64Array.of(2, 1.25) };
    const x = Float64Array.of(3, -1);
    const [c, beta] = [1 + 0.25, 1.5];
    const sol = solveMeanFieldGaussian(law, x);
    for (let j = 0; j < 2; j++) {
      const exact = x[j] + (law.uMean0[j] * Math.asinh(beta / Math.sqrt(c))) / beta + (law.uMean1[j] * (Math.sqrt(c + beta ** 2) - Math.sqrt(c))) / beta ** 2;
      expect(Math.abs(sol.z[j] - exact)).toBeLessThanOrEqual(sol.errorEstimate + 16 * u * Math.max(1, Math.abs(exact)));
    }
    expect(sol.errorEstimate).toBeLessThan(1e-13);
  });

  it('(b) d = 1, constant law: G(Z(1)) − G(x) = μ within G′·errorEstimate', () => {
    const [mu, omega, b] = [-1.25, 1.5, 0.75];
    const law: GaussianPathLaw = { d: 1, uMean0: Float64Array.of(mu), uMean1: Float64Array.of(0), uStd0: 1, uStd1: 0, wStd0: omega, wStd1: 0, bStd0: b, bStd1: 0 };
    const c = 1 + b * b;
    const G = (z: number) => 0.5 * (z * Math.sqrt(c + omega ** 2 * z * z) + (c / omega) * Math.asinh((omega * z) / Math.sqrt(c)));
    for (const x0 of [0.8, -2.5]) {
      const sol = solveMeanFieldGaussian(law, Float64Array.of(x0));
      const z = sol.z[0];
      const slope = Math.sqrt(c + omega ** 2 * Math.max(z * z, x0 * x0));
      expect(Math.abs(G(z) - G(x0) - mu)).toBeLessThanOrEqual(slope * sol.errorEstimate + 16 * u * (Math.abs(G(z)) + Math.abs(G(x0))));
    }
  });

  it('maxLevels defaults to 10: a slowly converging case (n0 = 1, estimates still falling) ends at 2^10 steps', () => {
    // ū = ±50, s_w = 3: the estimates fall from 0.5 to 4e-12 over the 10 levels, never reaching the default tol.
    const law: GaussianPathLaw = { ...LAW, uMean0: Float64Array.of(50, -50), wStd0: 3 };
    expect(solveMeanFieldGaussian(law, Float64Array.of(0.1, 0.2), { n0: 1 }).steps).toBe(1024);
    // A given maxLevels is used, not the default: the same case stops at 2^3 steps with maxLevels 3.
    expect(solveMeanFieldGaussian(law, Float64Array.of(0.1, 0.2), { n0: 1, maxLevels: 3 }).steps).toBe(8);
  });

  it('is extrapolatedRK4 with tol 64u·max(1, |x| + 1), n0 = 8, maxLevels = 10, plus 8u·max(1, |z|∞) on the estimate', () => {
    const F = gaussianMeanField(float64Backend.field, Math.sqrt, LAW);
    // The x are chosen so that the stop level depends on the default tol: at (4, 4) the level-1 estimate is 424u and
    // the tol 64u·(|x| + 1) = 426u (64u·|x| = 362u would not stop); at (−3, 3) and (−5, 5) a tol of 32u, or one with
    // |x|² replaced by Σx, would stop a level later; at (−40, 3) the largest |z_j| is of a negative component.
    const xs = [[0.3, -0.2], [40, -30], [4, 4], [-3, 3], [-5, 5], [-40, 3]].map((v) => Float64Array.from(v));
    for (const x of xs) {
      const tol = 64 * u * Math.max(1, Math.hypot(x[0], x[1]) + 1);
      const ref = extrapolatedRK4(float64Backend.field, F, Array.from(x), { tol, n0: 8, maxLevels: 10 });
      const sol = solveMeanFieldGaussian(LAW, x);
      expect(Array.from(sol.z)).toEqual(ref.z);
      expect(sol.steps).toBe(ref.steps);
      const zMax = Math.max(1, ...ref.z.map(Math.abs));
      expect(sol.errorEstimate).toBe(ref.errorEstimate + 8 * u * zMax);
    }
    const opts = { tol: 1e-7, n0: 3, maxLevels: 2 };
    const ref = extrapolatedRK4(float64Backend.field, F, [0.5, 0.5], opts);
    const sol = solveMeanFieldGaussian(LAW, Float64Array.of(0.5, 0.5), opts);
    expect([Array.from(sol.z), sol.steps]).toEqual([ref.z, ref.steps]);
    expect(Math.max(...ref.z.map(Math.abs))).toBeGreaterThan(1);
    expect(sol.errorEstimate).toBe(ref.errorEstimate + 8 * u * Math.max(...ref.z.map(Math.abs)));
    // opts.tol overrides the default: tol 1e-3 is met at the first level (6 steps)
    expect(solveMeanFieldGaussian(LAW, Float64Array.of(0.5, 0.5), { tol: 1e-3, n0: 3, maxLevels: 6 }).steps).toBe(6);
    // |z|∞ < 1: the allowance is 8u·1
    const small = Float64Array.of(-0.5, 0.2);
    const refSmall = extrapolatedRK4(float64Backend.field, F, Array.from(small), opts);
    expect(Math.max(...refSmall.z.map(Math.abs))).toBeLessThan(1);
    expect(solveMeanFieldGaussian(LAW, small, opts).errorEstimate).toBe(refSmall.errorEstimate + 8 * u);
  });
});
