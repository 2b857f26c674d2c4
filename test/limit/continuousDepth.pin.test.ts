/**
 * Pins src/limit/continuousDepth.ts (solveOnGrid, solveContinuousDepth) on depth paths built by hand, where the
 * RK4 solution is known in closed form:
 * - GROWTH: d = 1, M = 2 identical neurons (u, w, b) = (1, 1, 0), identity σ: F(z) = (z + z)/2 = z exactly, so
 *   z_j = x R(h)^j with R(h) = 1 + h + h²/2 + h³/6 + h⁴/24, h = 1/n; the adjoint field is −p (no z), and the
 *   backward RK4 step of −h on p′ = −p multiplies by R(h): p_j = p(1) R(h)^{n−j}, p(1) = (a z(1) − y) a.
 * - RAMP: θ(t) = (1, 0, t): F = t, so RK4 is exact: z_j = x + (j/n)²/2, dz_j = j/n, and p is constant.
 * Tolerances: RK4 on GROWTH rounds ≈ 4ε relative per step, so n steps agree with the closed form to n·8ε relative;
 * the step-doubling estimates are differences ≥ 1e-9 formed from values carrying ≤ 1e-14 of rounding: 1e-3
 * relative. A wrong coefficient, node or sign moves them by far more.
 */
import { describe, expect, it } from 'vitest';
import { identity } from '../../src/activations/index.js';
import { InvalidArgumentError, MachineryFailure, ShapeMismatchError } from '../../src/errors.js';
import type { Dataset } from '../../src/data/dataset.js';
import type { DepthPaths } from '../../src/limit/depthPaths.js';
import { solveContinuousDepth, solveOnGrid } from '../../src/limit/continuousDepth.js';

const EPS = Number.EPSILON;
const paths = (theta: (t: number) => number[], M: number, cells = 1, readout = 2): DepthPaths => ({
  kind: 'linear', d: 1, M, activation: identity, readout: Float64Array.of(readout), cells,
  thetaAt: (t, out) => { for (let m = 0; m < M; m++) out.set(theta(t), 3 * m); },
});
const GROWTH = paths(() => [1, 1, 0], 2);
const RAMP = paths((t) => [1, 0, t], 1);
const data: Dataset = { name: 'hand', d: 1, N: 2, x: Float64Array.of(1, -0.5), y: Float64Array.of(1, 3) };
const a = 2;
const R = (h: number) => 1 + h + h * h / 2 + h ** 3 / 6 + h ** 4 / 24;
const rel = (x: number, y: number) => Math.abs(x - y) / Math.abs(y);

/** Closed-form GROWTH nodes: z[j][i], p[j][i] for n steps. */
function growth(n: number, dat: Dataset = data): { z: number[][]; p: number[][]; E: number } {
  const z = Array.from({ length: n + 1 }, (_, j) => [...dat.x].map((x) => x * R(1 / n) ** j));
  const p1 = z[n].map((zi, i) => (a * zi - dat.y[i]) * a);
  const p = Array.from({ length: n + 1 }, (_, j) => p1.map((v) => v * R(1 / n) ** (n - j)));
  const E = z[n].reduce((s, zi, i) => s + 0.5 * (a * zi - dat.y[i]) ** 2, 0) / dat.N;
  return { z, p, E };
}

/** The documented estimate: max over the n + 1 common nodes of |q_2n − q_n| over z (and p), divided by 15. */
function estimate(n: number, withP: boolean, dat: Dataset = data): number {
  const [c, f] = [growth(n, dat), growth(2 * n, dat)];
  let diff = 0;
  for (let j = 0; j <= n; j++) {
    for (let i = 0; i < data.N; i++) {
      diff = Math.max(diff, Math.abs(f.z[2 * j][i] - c.z[j][i]));
      if (withP) diff = Math.max(diff, Math.abs(f.p[2 * j][i] - c.p[j][i]));
    }
  }
  return diff / 15;
}

describe('solveOnGrid', () => {
  it('GROWTH, n = 5: nodes z, slopes dz, adjoint p, zEnd and E match the closed form', () => {
    const n = 5;
    const sol = solveOnGrid(GROWTH, data, n);
    const want = growth(n);
    expect([sol.n, sol.z.length, sol.dz.length, sol.p.length, sol.zEnd.length]).toEqual([n, 12, 12, 12, 2]);
    expect(sol.paths).toBe(GROWTH);
    expect(sol.data).toBe(data);
    expect(sol.errorEstimate).toBeNaN();
    want.z.flat().forEach((v, q) => {
      expect(rel(sol.z[q], v)).toBeLessThanOrEqual(n * 8 * EPS);
      expect(sol.dz[q]).toBe(sol.z[q]);
    });
    want.p.flat().forEach((v, q) => expect(rel(sol.p[q], v)).toBeLessThanOrEqual(2 * n * 8 * EPS));
    expect(Array.from(sol.zEnd)).toEqual(Array.from(sol.z.subarray(n * 2)));
    expect(rel(sol.E, want.E)).toBeLessThanOrEqual(1e-14);
  });

  it('RAMP, n = 4: z_j = x + (j/n)²/2, dz_j = j/n (field read at t_j), p constant; adjoint false leaves p empty', () => {
    const sol = solveOnGrid(RAMP, data, 4);
    for (let j = 0; j <= 4; j++) {
      for (let i = 0; i < 2; i++) {
        expect(Math.abs(sol.z[2 * j + i] - (data.x[i] + (j / 4) ** 2 / 2))).toBeLessThanOrEqual(8 * EPS);
        expect(sol.dz[2 * j + i]).toBe(j / 4);
        expect(sol.p[2 * j + i]).toBe((a * sol.zEnd[i] - data.y[i]) * a);
      }
    }
    // z(1) = x + ½ = (1.5, 0): E = ½(½(2·1.5 − 1)² + ½(2·0 − 3)²) = ½(2 + 4.5) = 3.25.
    expect(Math.abs(sol.E - 3.25)).toBeLessThanOrEqual(16 * EPS);
    const noAdj = solveOnGrid(RAMP, data, 4, false);
    expect(noAdj.p.length).toBe(0);
    expect(Array.from(noAdj.z)).toEqual(Array.from(sol.z));
    expect(noAdj.E).toBe(sol.E);
  });
  it('d = 2, readout (0.75, −1.25): E uses every readout entry (θ = (u (1, −2), w 0, b t), z(1) = x + (½, −1))', () => {
    const ramp2: DepthPaths = { ...RAMP, d: 2, readout: Float64Array.of(0.75, -1.25), thetaAt: (t, out) => out.set([1, -2, 0, 0, t]) };
    const two: Dataset = { name: 'hand', d: 2, N: 2, x: Float64Array.of(0.5, -0.25, -0.5, 0.75), y: Float64Array.of(0.4, -0.3) };
    const sol = solveOnGrid(ramp2, two, 2);
    // z(1) = (1, −1.25), (0, −0.25): aᵀz(1) − y = 2.3125 − 0.4, 0.3125 + 0.3.
    expect(Math.abs(sol.E - (0.5 * 1.9125 ** 2 + 0.5 * 0.6125 ** 2) / 2)).toBeLessThanOrEqual(1e-15);
  });
});

describe('solveContinuousDepth', () => {
  it('returns the finer grid with the documented estimate over z and p at the common nodes', () => {
    const sol = solveContinuousDepth(GROWTH, data, { tol: 1, n0: 2 });
    expect(sol.n).toBe(4);
    expect(rel(sol.errorEstimate, estimate(2, true))).toBeLessThan(1e-3);
    growth(4).z.flat().forEach((v, q) => expect(rel(sol.z[q], v)).toBeLessThanOrEqual(32 * EPS));
    expect(sol.p.length).toBe(10);
    // Without the adjoint the estimate covers z only (here smaller: |p| ≫ |z| near t = 0).
    const noAdj = solveContinuousDepth(GROWTH, data, { tol: 1, n0: 2, adjoint: false });
    expect(rel(noAdj.errorEstimate, estimate(2, false))).toBeLessThan(1e-3);
    expect(estimate(2, false)).toBeLessThan(0.5 * estimate(2, true));
  });

  it('doubles until the estimate is ≤ tol (default 1e-11, default n0 16)', () => {
    let n = 16;
    while (estimate(n, true) > 1e-11) n *= 2;
    const sol = solveContinuousDepth(GROWTH, data);
    expect(sol.n).toBe(2 * n);
    expect(n).toBeGreaterThan(16);
    // Here the estimate (≈ 1e-11 · 15) is a difference of p values ≈ 30 carrying n·8ε·30 ≈ 3e-13 of rounding on
    // each side: 10% relative, still far below the factor 16 between consecutive estimates.
    expect(rel(sol.errorEstimate, estimate(n, true))).toBeLessThan(0.1);
    // A tol between two consecutive estimates stops at the finer one; a tol equal to the estimate is met.
    const tol = Math.sqrt(estimate(4, true) * estimate(8, true));
    expect(solveContinuousDepth(GROWTH, data, { tol, n0: 4 }).n).toBe(16);
    const met = solveContinuousDepth(GROWTH, data, { tol: 1, n0: 4 });
    expect(solveContinuousDepth(GROWTH, data, { tol: met.errorEstimate, n0: 4 }).n).toBe(8);
  });

  it('the default tol is 1e-11, not 1e-10: data scaled so that est(32) = 3e-11 stop at 128 steps', () => {
    // z and p are linear in (x, y), so scaling both by c scales every estimate by c: est(32) = 3e-11 fails 1e-11
    // (but would meet 1e-10), est(64) ≈ 3e-11/16 meets it.
    const c = 3e-11 / estimate(32, true);
    const scaled: Dataset = { ...data, x: data.x.map((v) => c * v), y: data.y.map((v) => c * v) };
    expect(estimate(32, true, scaled)).toBeGreaterThan(2e-11);
    expect(estimate(64, true, scaled)).toBeLessThan(0.5e-11);
    expect(solveContinuousDepth(GROWTH, scaled).n).toBe(128);
    expect(solveContinuousDepth(GROWTH, scaled, { tol: 1e-10 }).n).toBe(64);
  });

  it('n0 is rounded up to a multiple of cells, and is at least cells', () => {
    const three = paths(() => [1, 1, 0], 2, 3);
    expect(solveContinuousDepth(three, data, { tol: 1, n0: 16 }).n).toBe(36);
    expect(solveContinuousDepth(three, data, { tol: 1, n0: 1 }).n).toBe(6);
    expect(solveContinuousDepth(three, data, { tol: 1 }).n).toBe(36);
    expect(solveContinuousDepth(three, data, { tol: 1, n0: 18 }).n).toBe(36);
  });

  it('refuses when maxSteps would be exceeded, naming tol, maxSteps and the step count reached', () => {
    // n = 2 (fine 4) goes on since 4n = 8 ≤ 8; n = 4 (fine 8) stops since 16 > 8.
    const call = () => solveContinuousDepth(GROWTH, data, { tol: 1e-300, n0: 2, maxSteps: 8 });
    expect(call).toThrow(MachineryFailure);
    expect(call).toThrow(/^reference did not converge: tol=1e-300 not reached within 8 RK4 steps \(estimate \d\.\d\de-\d+ at 8\)$/);
    let message = '';
    try { call(); } catch (e) { message = (e as Error).message; }
    expect(rel(Number(/estimate (\S+) at/.exec(message)?.[1]), estimate(4, true))).toBeLessThan(0.01);
    expect(() => solveContinuousDepth(GROWTH, data, { tol: 1e-300, n0: 2, maxSteps: 7 })).toThrow(/within 7 RK4 steps .* at 4\)$/);
  });

  it('default maxSteps = 2^17', () => {
    expect(() => solveContinuousDepth(RAMP, data, { tol: 1e-300, adjoint: false })).toThrow(/within 131072 RK4 steps .* at 131072\)$/);
  });

  it('a solution that overflows is a machinery failure (reference not finite); bad d and tol are refused naming the field', () => {
    const blowUp = paths(() => [1, 1000, 0], 1);
    expect(() => solveContinuousDepth(blowUp, data, { n0: 2 })).toThrow(MachineryFailure);
    expect(() => solveContinuousDepth(blowUp, data, { n0: 2 })).toThrow(/^reference not finite: continuous-depth solution at \d+ RK4 steps \(estimate NaN\)$/);
    const wide: Dataset = { ...data, d: 2, N: 1, x: Float64Array.of(1, 2), y: Float64Array.of(0) };
    expect(() => solveContinuousDepth(GROWTH, wide)).toThrow(ShapeMismatchError);
    expect(() => solveContinuousDepth(GROWTH, wide)).toThrow('data.d=2 must be d = 1 of the paths');
    expect(() => solveContinuousDepth(GROWTH, data, { tol: 0 })).toThrow('tol=0 must be a number > 0');
    expect(() => solveContinuousDepth(GROWTH, data, { tol: -1 })).toThrow(InvalidArgumentError);
  });
});
