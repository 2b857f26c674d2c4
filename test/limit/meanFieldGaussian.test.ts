import { describe, expect, it } from 'vitest';
import { gaussian as bump } from '../../src/activations/index.js';
import { type GaussianPathLaw, gaussianIidNetwork, gaussianPathCoefficients, gaussianPathNetwork } from '../../src/init/gaussianPaths.js';
import { gaussianMeanField, meanFieldIntegral, solveMeanFieldGaussian } from '../../src/limit/meanFieldGaussian.js';
import { solveMeanFieldGaussianDecimal } from '../../src/limit/meanFieldGaussianDecimal.js';
import { rk4Solve } from '../../src/limit/meanFieldGaussianSolver.js';
import { float64Backend } from '../../src/numeric/index.js';
import { asymptoticSlope } from '../../properties/slopes.js';

/** Linear paths in d = 2 (ū(t) = (1, −0.5) + t(0.5, 0.5)) and constant paths in d = 3. */
const LINEAR: GaussianPathLaw = {
  d: 2,
  uMean0: Float64Array.of(1, -0.5),
  uMean1: Float64Array.of(0.5, 0.5),
  uStd0: 0.8,
  uStd1: 0.6,
  wStd0: 1.2,
  wStd1: 0.7,
  bStd0: 0.5,
  bStd1: 0.4,
};
const CONSTANT: GaussianPathLaw = {
  d: 3,
  uMean0: Float64Array.of(0.7, 0, -1.1),
  uMean1: new Float64Array(3),
  uStd0: 1.5,
  uStd1: 0,
  wStd0: 2,
  wStd1: 0,
  bStd0: 0.3,
  bStd1: 0,
};

/** Mean and standard error over n neurons θ of u σ(wᵀz + b), component j. */
function monteCarlo(thetas: (m: number) => Float64Array, n: number, d: number, z: Float64Array) {
  const sum = new Float64Array(d);
  const sum2 = new Float64Array(d);
  for (let m = 0; m < n; m++) {
    const th = thetas(m);
    let r = th[2 * d];
    for (let j = 0; j < d; j++) r += th[d + j] * z[j];
    const s = bump.sigma(r);
    for (let j = 0; j < d; j++) {
      sum[j] += th[j] * s;
      sum2[j] += (th[j] * s) ** 2;
    }
  }
  const mean = sum.map((v) => v / n);
  return { mean, se: mean.map((v, j) => Math.sqrt((sum2[j] / n - v * v) / n)) };
}

describe('closed form ∫ f dρ_t = ū(t)/sqrt(1 + s_w(t)²|z|² + s_b(t)²) against Monte Carlo over sampled neurons', () => {
  // 5 standard errors: a correct formula leaves the interval with probability 6·10^-7 per component (CLT; the
  // seeds are fixed, so the test is deterministic); the wrong formula below lies ≥ 30 standard errors away.
  const n = 200_000;
  const cases = [
    { law: LINEAR, t: 0.6, z: Float64Array.of(0.4, -0.9) },
    { law: CONSTANT, t: 0.25, z: Float64Array.of(0.2, 0.5, -0.3) },
  ];
  it.each(cases.map((c, i) => [i, c] as const))('path law %i at its depth t', (_i, { law, t, z }) => {
    const { d } = law;
    const k = 2 * d + 1;
    const { a, c } = gaussianPathCoefficients(law, n, 7);
    const th = new Float64Array(k);
    const mc = monteCarlo((m) => th.map((_, j) => a[m * k + j] + t * c[m * k + j]), n, d, z);
    const exact = meanFieldIntegral(law, t, z, new Float64Array(d));
    for (let j = 0; j < d; j++) expect(Math.abs(mc.mean[j] - exact[j])).toBeLessThanOrEqual(5 * mc.se[j]);
    // Negative control for the test itself: dropping the square root (ū/(1 + v)) is rejected.
    const v = (law.wStd0 ** 2 + t * t * law.wStd1 ** 2) * z.reduce((s, x) => s + x * x, 0) + law.bStd0 ** 2 + t * t * law.bStd1 ** 2;
    const wrong = Array.from(exact, (e) => (e * Math.sqrt(1 + v)) / (1 + v));
    expect(wrong.some((w, j) => Math.abs(mc.mean[j] - w) > 5 * mc.se[j])).toBe(true);
  });

  it('the i.i.d.-across-layers network has the same per-layer law (layer l at t_l = l/L)', () => {
    const [L, M, l] = [4, 50_000, 3];
    const net = gaussianIidNetwork(LINEAR, { L, M, seed: 3 });
    const k = 5;
    const z = Float64Array.of(-0.5, 0.3);
    const mc = monteCarlo((m) => net.theta.subarray((l * M + m) * k, (l * M + m + 1) * k), M, 2, z);
    const exact = meanFieldIntegral(LINEAR, l / L, z, new Float64Array(2));
    for (let j = 0; j < 2; j++) expect(Math.abs(mc.mean[j] - exact[j])).toBeLessThanOrEqual(5 * mc.se[j]);
  });

  it('paths are nested in M and the path network samples them at t_l = l/L', () => {
    const big = gaussianPathCoefficients(LINEAR, 12, 5);
    const small = gaussianPathCoefficients(LINEAR, 4, 5);
    expect(Array.from(big.a.subarray(0, 20))).toEqual(Array.from(small.a));
    const net = gaussianPathNetwork(LINEAR, { L: 3, M: 4, seed: 5 });
    expect(net.theta[(2 * 4 + 1) * 5 + 3]).toBe(small.a[5 + 3] + (2 / 3) * small.c[5 + 3]);
  });

  it('bad input is refused with the field named', () => {
    expect(() => meanFieldIntegral(LINEAR, 0, new Float64Array(3), new Float64Array(2))).toThrow(/z/);
    expect(() => gaussianPathCoefficients({ ...LINEAR, wStd0: -1 }, 2, 1)).toThrow(/law\.wStd0/);
    expect(() => gaussianPathCoefficients({ ...LINEAR, uMean1: new Float64Array(3) }, 2, 1)).toThrow(/law\.uMean1/);
  });
});

describe('the mean-field ODE solved in float64 and in decimal', () => {
  const x2 = Float64Array.of(0.3, -0.7);
  const x3 = Float64Array.of(-0.2, 0.6, 0.1);
  const refs = [
    { law: LINEAR, x: x2, dec: solveMeanFieldGaussianDecimal(LINEAR, x2, { precision: 40, tol: 1e-28 }) },
    { law: CONSTANT, x: x3, dec: solveMeanFieldGaussianDecimal(CONSTANT, x3, { precision: 40, tol: 1e-28 }) },
  ];

  it('the decimal reference at 40 digits reaches its tolerance far beyond float64', () => {
    for (const { dec } of refs) expect(dec.errorEstimate).toBeLessThan(1e-26);
  });

  // Stated tolerance: the float64 solution's own error estimate (extrapolation estimate + 8u·max(1,|z|)) plus the
  // decimal one's; the float64 estimate must itself be near machine precision (≤ 2^-40 ≈ 9·10^-13 is generous).
  it('float64 agrees with decimal within its stated error estimate, near machine precision', () => {
    for (const { law, x, dec } of refs) {
      const f = solveMeanFieldGaussian(law, x);
      expect(f.errorEstimate).toBeLessThan(2 ** -40);
      for (let j = 0; j < law.d; j++) expect(Math.abs(f.z[j] - dec.nearest[j])).toBeLessThanOrEqual(f.errorEstimate + dec.errorEstimate);
      // the actual error is a few ulps
      for (let j = 0; j < law.d; j++) expect(Math.abs(f.z[j] - dec.nearest[j])).toBeLessThanOrEqual(64 * Number.EPSILON * Math.max(1, Math.abs(dec.nearest[j])));
    }
  });

  it('plain RK4 on the mean-field field has measured order 4 (against the decimal reference)', () => {
    for (const { law, x, dec } of refs) {
      const F = gaussianMeanField(float64Backend.field, Math.sqrt, law);
      const rungs = [2, 4, 8, 16, 32, 64].map((n) => {
        const z = rk4Solve(float64Backend.field, F, Array.from(x), n);
        const err = Math.max(...z.map((v, j) => Math.abs(v - dec.nearest[j])));
        return { value: err, usable: err > 1e3 * Number.EPSILON };
      });
      const { slope, decided } = asymptoticSlope(rungs);
      expect(decided).toBe(true);
      expect(Math.abs(slope - 4)).toBeLessThan(0.1);
    }
  });

  it('a field without the square root gives a different solution (negative control of the comparison)', () => {
    const { law, x, dec } = refs[0];
    const F = gaussianMeanField(float64Backend.field, (v) => v, law);
    const z = rk4Solve(float64Backend.field, F, Array.from(x), 256);
    expect(Math.max(...z.map((v, j) => Math.abs(v - dec.nearest[j])))).toBeGreaterThan(1e-3);
  });
});
