import { describe, expect, it } from 'vitest';
import { tanh } from '../../src/activations/index.js';
import { ball } from '../../src/data/index.js';
import { initNetwork, linearPathCoefficients } from '../../src/init/index.js';
import { EULER, RK4, checkTableau, linearPathField, solveFixed, solveToTolerance, type VectorField } from '../../src/limit/index.js';
import { finalStates } from '../../src/model/index.js';
import { asymptoticSlope } from '../../properties/slopes.js';

/** dz/dt = z cos(t) on R^1, z(0) = 1: z(1) = e^{sin 1}. */
const field: VectorField = (t, z, out) => {
  out[0] = z[0] * Math.cos(t);
};
const exact = Math.exp(Math.sin(1));

/** The measured order: slope of the error against the step, read by the suite's asymptotic-slope rule. */
function measuredOrder(tableau: typeof RK4, steps: number[]): number {
  const rungs = steps.map((n) => {
    const err = Math.abs(solveFixed(field, Float64Array.of(1), n, tableau)[0] - exact);
    return { value: err, usable: err > 1e3 * Number.EPSILON * exact };
  });
  const { slope, decided } = asymptoticSlope(rungs);
  expect(decided).toBe(true);
  return slope;
}

describe('Runge–Kutta solvers and their declared orders', () => {
  it('RK4 has measured order 4 and forward Euler order 1 (within 0.1)', () => {
    expect(Math.abs(measuredOrder(RK4, [4, 8, 16, 32, 64]) - RK4.order)).toBeLessThan(0.1);
    expect(Math.abs(measuredOrder(EULER, [64, 128, 256, 512, 1024]) - EULER.order)).toBeLessThan(0.1);
  });

  it('an inconsistent tableau is refused when built (negative control)', () => {
    expect(() => checkTableau({ ...RK4, name: 'bad', b: [1 / 6, 1 / 3, 1 / 3, 1 / 3] })).toThrow(/weights do not sum to 1/);
    expect(() => checkTableau({ ...RK4, name: 'bad', c: [0, 0.5, 0.4, 1] })).toThrow(/row 2 of A/);
  });

  it('step doubling stops at the requested tolerance, and the estimate bounds the true error', () => {
    const sol = solveToTolerance(field, Float64Array.of(1), { tol: 1e-12 });
    expect(sol.errorEstimate).toBeLessThanOrEqual(1e-12);
    expect(Math.abs(sol.z[0] - exact)).toBeLessThanOrEqual(2 * sol.errorEstimate + 4 * Number.EPSILON * exact);
  });
});

describe('the discrete ResNet is forward Euler on the depth field (theory.md §4)', () => {
  const [d, M, seed, scale] = [2, 6, 11, 0.8];
  const paths = { d, M, activation: tanh, ...linearPathCoefficients({ d, M, seed, scale }) };
  const F = linearPathField(paths);
  const data = ball({ d, N: 3, seed });

  // Both compute z + (1/L)·(1/M)Σ u σ, in different orders (pairwise vs left to right, c = 1/(ML) vs /M then h).
  // Per step they differ by ≤ 2γ_{M+d+2}(|z| + |F|) ≈ 2·10u·2 here (|z|, |F| ≤ 2 for unit-ball data and scale
  // 0.8); over L steps with amplification ≤ e^{Lip} ≤ e that is ≈ 109·L·u = 55·L·ε: hence 64·L·ε.
  it('z_L equals L Euler steps of F up to rounding', () => {
    for (const L of [1, 3, 16]) {
      const zL = finalStates(initNetwork({ d, L, M, activation: tanh, init: 'linear', seed, scale }), data.x, data.N);
      for (let i = 0; i < data.N; i++) {
        const euler = solveFixed(F, data.x.subarray(i * d, (i + 1) * d), L, EULER);
        for (let j = 0; j < d; j++) expect(Math.abs(zL[i * d + j] - euler[j])).toBeLessThanOrEqual(64 * L * Number.EPSILON);
      }
    }
  });

  it('the depth error |z_L − z(1)| decays with order 1 in 1/L (claim 1, Lipschitz paths)', () => {
    const x = data.x.subarray(0, d);
    const limit = solveToTolerance(F, x, { tol: 1e-14 });
    const rungs = [16, 32, 64, 128, 256].map((L) => {
      const zL = finalStates(initNetwork({ d, L, M, activation: tanh, init: 'linear', seed, scale }), x, 1);
      const err = Math.max(...Array.from(zL, (v, j) => Math.abs(v - limit.z[j])));
      return { value: err, usable: err > 1e3 * limit.errorEstimate };
    });
    const { slope, decided } = asymptoticSlope(rungs);
    expect(decided).toBe(true);
    expect(Math.abs(slope - 1)).toBeLessThan(0.1);
  });
});
