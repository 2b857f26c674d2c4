/**
 * Pins src/limit/meanFieldGaussianSolver.ts: rk4Solve against hand-worked RK4 results (Simpson's rule for
 * z' = t^p; the degree-4 Taylor polynomial of e^h per step for z' = z; the same polynomial of the rotation
 * generator for z' = (z₁, −z₀)), and extrapolatedRK4 against its Richardson table recomputed from the docstring
 * on nested arrays from the returned plain RK4 rows.
 *
 * Tolerances: every oracle evaluates O(10–100) double operations on O(1) values, so a correct library agrees to a
 * few units of u = 2^-53 relative; 1e-14 absolute is ≥ 20× that. A changed coefficient (h/2, h/6, 2, a time node)
 * moves the result by ≥ 1e-4 here.
 */
import { describe, expect, it } from 'vitest';
import { type ScalarVectorField, extrapolatedRK4, rk4Solve } from '../../src/limit/meanFieldGaussianSolver.js';
import { float64Backend } from '../../src/numeric/index.js';

const S = float64Backend.field;
const TOL = 1e-14;
const power = (p: number): ScalarVectorField<number> => (t) => [t ** p];

describe('rk4Solve: classic RK4 with h = 1/n, stages at t_q, t_q + h/2 (twice), t_q + h', () => {
  it('z′ = t^p is Simpson’s rule per step: exact for p ≤ 3, 5/24 and 616/3072 for p = 4 (n = 1, 2)', () => {
    for (const p of [0, 1, 2, 3]) for (const n of [1, 3]) expect(Math.abs(rk4Solve(S, power(p), [0.5], n)[0] - 0.5 - 1 / (p + 1))).toBeLessThan(TOL);
    // n = 1: (1/6)(0 + 4·(1/2)^4 + 1) = 5/24; n = 2: (1/12)[(0 + 4/16·1/16·16 + 1/16) + (1/16 + 4·(3/4)^4 + 1)] = 616/3072.
    expect(Math.abs(rk4Solve(S, power(4), [0], 1)[0] - 5 / 24)).toBeLessThan(TOL);
    expect(Math.abs(rk4Solve(S, power(4), [0], 2)[0] - 616 / 3072)).toBeLessThan(TOL);
    // Simpson's error for t^4 on n cells is h^4/120 exactly (n = 5).
    expect(Math.abs(rk4Solve(S, power(4), [0], 5)[0] - 0.2 - 1 / (120 * 5 ** 4))).toBeLessThan(TOL);
  });

  it('z′ = z: each step multiplies by 1 + h + h²/2 + h³/6 + h⁴/24', () => {
    for (const n of [1, 2, 7]) {
      const h = 1 / n;
      const g = 1 + h + h ** 2 / 2 + h ** 3 / 6 + h ** 4 / 24;
      const z = rk4Solve(S, (_t, y) => y.map((v) => v), [1.5, -2], n);
      expect(Math.abs(z[0] - 1.5 * g ** n)).toBeLessThan(TOL * 10);
      expect(Math.abs(z[1] + 2 * g ** n)).toBeLessThan(TOL * 10);
    }
  });

  it('z′ = t·z + (z₁, −z₀) (non-autonomous, coupled) matches a step of the Butcher tableau written out', () => {
    const F: ScalarVectorField<number> = (t, y) => [t * y[0] + y[1], t * y[1] - y[0]];
    // One step from t = 0, h = 1/2 (n = 2, first step), written with the stage formulas of the tableau.
    const h = 0.5;
    const y0 = [0.3, -0.8];
    const add = (a: number[], c: number, b: number[]) => a.map((v, j) => v + c * b[j]);
    const k1 = F(0, y0);
    const k2 = F(h / 2, add(y0, h / 2, k1));
    const k3 = F(h / 2, add(y0, h / 2, k2));
    const k4 = F(h, add(y0, h, k3));
    const y1 = y0.map((v, j) => v + (h / 6) * (k1[j] + 2 * k2[j] + 2 * k3[j] + k4[j]));
    const l1 = F(h, y1);
    const l2 = F(1.5 * h, add(y1, h / 2, l1));
    const l3 = F(1.5 * h, add(y1, h / 2, l2));
    const l4 = F(1, add(y1, h, l3));
    const y2 = y1.map((v, j) => v + (h / 6) * (l1[j] + 2 * l2[j] + 2 * l3[j] + l4[j]));
    const z = rk4Solve(S, F, y0, 2);
    for (let j = 0; j < 2; j++) expect(Math.abs(z[j] - y2[j])).toBeLessThan(TOL);
    expect(y0).toEqual([0.3, -0.8]); // z0 is not modified
  });
});

/** The Richardson table of the docstring on nested arrays: R[i][0] = rows[i], R[i][j] = R[i][j−1] + (R[i][j−1] − R[i−1][j−1])/(2^{4+j−1} − 1). */
function table(rows: number[][]): number[][][] {
  const R: number[][][] = [];
  rows.forEach((row, i) => {
    R.push([row]);
    for (let j = 1; j <= i; j++) R[i].push(R[i][j - 1].map((v, k) => v + (v - R[i - 1][j - 1][k]) / (2 ** (4 + j - 1) - 1)));
  });
  return R;
}
const estimate = (a: number[], b: number[]) => Math.max(...a.map((v, k) => Math.abs(v - b[k])));

describe('extrapolatedRK4: step doubling and the Richardson table', () => {
  const F: ScalarVectorField<number> = (t, y) => [Math.cos(3 * t) * y[1], -y[0] / (1 + t * t)];
  const z0 = [1, 0.5];

  it('rows are rk4Solve with n0·2^i steps; z, errorEstimate, history follow the table; stops at the first level ≤ tol', () => {
    const free = extrapolatedRK4(S, F, z0, { tol: 1e-300, n0: 3, maxLevels: 4 });
    expect(free.rk4.length).toBe(5);
    free.rk4.forEach((row, i) => expect(row).toEqual(rk4Solve(S, F, z0, 3 * 2 ** i)));
    const R = table(free.rk4);
    const history = [1, 2, 3, 4].map((i) => estimate(R[i][i], R[i][i - 1]));
    expect(free.history.length).toBe(4);
    free.history.forEach((e, i) => expect(Math.abs(e - history[i])).toBeLessThanOrEqual(1e-15 + 1e-9 * history[i]));
    // history is decreasing here, so the best level is the last
    expect(history[3]).toBeLessThan(history[2]);
    expect(free.steps).toBe(48);
    expect(Math.abs(free.z[0] - R[4][4][0]) + Math.abs(free.z[1] - R[4][4][1])).toBeLessThan(TOL);
    expect(free.errorEstimate).toBe(free.history[3]);
    // tol equal to the level-2 estimate: stops at level 2 (≤, not <)
    const stop = extrapolatedRK4(S, F, z0, { tol: free.history[1], n0: 3, maxLevels: 4 });
    expect([stop.steps, stop.history.length, stop.rk4.length]).toEqual([12, 2, 3]);
    expect(stop.errorEstimate).toBe(free.history[1]);
    expect(Math.abs(stop.z[0] - R[2][2][0]) + Math.abs(stop.z[1] - R[2][2][1])).toBeLessThan(TOL);
  });

  it('z′ = t^4: level 1 removes the h^4 error exactly (estimate h_1^4/120 · … , value 1/5)', () => {
    // R_{1,0} = 1/5 + 1/(120·2^4), R_{0,0} = 1/5 + 1/120: R_{1,1} = R_{1,0} + (R_{1,0} − R_{0,0})/15 = 1/5; estimate 1/1920.
    const r = extrapolatedRK4(S, power(4), [0], { tol: 1e-3, n0: 1, maxLevels: 5 });
    expect(r.steps).toBe(2);
    expect(Math.abs(r.z[0] - 0.2)).toBeLessThan(TOL);
    expect(Math.abs(r.errorEstimate - 1 / 1920)).toBeLessThan(TOL);
  });

  it('defaults n0 = 8 and maxLevels = 10; when maxLevels is reached the least estimate wins', () => {
    // tol = −1 (never met; the estimate can reach 0 by rounding) forces all maxLevels rows.
    const d = extrapolatedRK4(S, F, z0, { tol: -1 });
    expect(d.rk4.length).toBe(11);
    expect(d.rk4[0]).toEqual(rk4Solve(S, F, z0, 8));
    const least = Math.min(...d.history);
    const at = d.history.indexOf(least);
    expect(d.errorEstimate).toBe(least);
    expect(d.steps).toBe(8 * 2 ** (at + 1));
    const R = table(d.rk4);
    // rounding dominates late levels, so the argmin is inside the run: the last level is not the best
    expect(at).toBeLessThan(9);
    expect(Math.abs(d.z[0] - R[at + 1][at + 1][0])).toBeLessThan(1e-12);
  });
});
