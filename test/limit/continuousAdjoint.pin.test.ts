/**
 * Pins src/limit/continuousAdjoint.ts against its docstring: adjointField on a case worked by hand (σ(r) = r²/2,
 * short binary fractions, exact); backwardAdjoint, statesAt and firstVariationGradient against re-derivations on
 * nested arrays (backward RK4 with the midpoint state from the cubic Hermite formula
 * z(t_c + h/2) = (z_c + z_{c+1})/2 + (h/8)(F_c − F_{c+1}), the Hermite basis at any s, and the gradient formula
 * (1/N) Σ_i (σ(r) p_i, σ′(r)(uᵀp_i) z_i, σ′(r)(uᵀp_i))) on a forward solution from solveOnGrid.
 * Tolerance 1e-13 absolute: the same operations in other associations on values ≤ 10, over ≤ 4 steps of ≤ 30
 * operations, give differences of a few 1e-15; a dropped or wrong term (a Hermite slope, a weight, a sign, 1/M
 * or 1/N) moves the result by ≥ 1e-6 (the dense-output control below measures the smallest such change).
 */
import { describe, expect, it } from 'vitest';
import { identity, tanh } from '../../src/activations/index.js';
import type { Activation } from '../../src/activations/index.js';
import { InvalidArgumentError, ShapeMismatchError } from '../../src/errors.js';
import type { Dataset } from '../../src/data/dataset.js';
import type { DepthPaths } from '../../src/limit/depthPaths.js';
import { solveOnGrid } from '../../src/limit/continuousDepth.js';
import { adjointField, firstVariationGradient, statesAt } from '../../src/limit/continuousAdjoint.js';

const TOL = 1e-13;
const square: Activation = { ...identity, sigma: (r) => (r * r) / 2, dsigma: (r) => r };
// θ_0 = (u (1, 2), w (3, −1), b 0.5), θ_1 = (u (−1, 0.5), w (0, 2), b −1) at t = 0, plus t·C.
const A = [1, 2, 3, -1, 0.5, -1, 0.5, 0, 2, -1];
const C = [0.3, -0.2, -1, 0.5, 0.4, 0.6, 0.1, 0.7, -0.8, 0.2];
const theta = (t: number) => A.map((v, p) => v + t * C[p]);
const paths = (activation: Activation): DepthPaths => ({
  kind: 'linear', d: 2, M: 2, activation, readout: Float64Array.of(0.75, -1.25), cells: 1,
  thetaAt: (t, out) => out.set(theta(t)),
});
const data: Dataset = { name: 'hand', d: 2, N: 2, x: Float64Array.of(0.5, -0.25, -0.5, 0.75), y: Float64Array.of(0.4, -0.3) };
const neurons = (th: number[]) => [0, 1].map((m) => ({ u: th.slice(5 * m, 5 * m + 2), w: th.slice(5 * m + 2, 5 * m + 4), b: th[5 * m + 4] }));
const dot = (x: number[], y: number[]) => x.reduce((s, v, j) => s + v * y[j], 0);
const add = (x: number[], y: number[], c = 1) => x.map((v, j) => v + c * y[j]);

/** The docstring's adjoint field for one sample: −(1/M) Σ_m w_m σ′(w_mᵀz + b_m)(u_mᵀp). */
function G(act: Activation, t: number, z: number[], p: number[]): number[] {
  let out = [0, 0];
  for (const { u, w, b } of neurons(theta(t))) out = add(out, w, -act.dsigma(dot(w, z) + b) * dot(u, p));
  return out.map((v) => v / 2);
}
/** Cubic Hermite on [y0, y1] with slopes f0, f1, step h, at fraction s. */
function hermite(y0: number[], y1: number[], f0: number[], f1: number[], h: number, s: number): number[] {
  const [a, b, c, e] = [2 * s ** 3 - 3 * s ** 2 + 1, s ** 3 - 2 * s ** 2 + s, -2 * s ** 3 + 3 * s ** 2, s ** 3 - s ** 2];
  return y0.map((_, j) => a * y0[j] + b * h * f0[j] + c * y1[j] + e * h * f1[j]);
}
const node = (arr: Float64Array, j: number, i: number) => Array.from(arr.subarray(j * 4 + i * 2, j * 4 + i * 2 + 2));
const maxDiff = (x: ArrayLike<number>, y: number[]) => y.reduce((m, v, q) => Math.max(m, Math.abs(x[q] - v)), 0);

describe('adjointField', () => {
  it('worked by hand: σ = r²/2, M = N = d = 2 (r = 1.5, 3 and −1.25, −0.5)', () => {
    const times: number[] = [];
    const F = adjointField(paths(square), 2, (t, out) => { times.push(t); out.set([1, 2, -0.5, 0.25]); });
    const out = Float64Array.of(NaN, 7, 7, 7);
    // At t = 0: out_1 = −½((3,−1)(1.5·−1) + (0,2)(3·−1.5)) = (2.25, 3.75); out_2 = −½((3,−1)(−5.625) + (0,2)(−0.25)).
    F(0, Float64Array.of(1, -1, 0.5, 2), out);
    expect(Array.from(out)).toEqual([2.25, 3.75, 8.4375, -2.5625]);
    expect(times).toEqual([0]);
    F(0.5, Float64Array.of(1, -1, 0.5, 2), out);
    expect(times).toEqual([0, 0.5]);
    const want = [0, 1].flatMap((i) => G(square, 0.5, [[1, 2], [-0.5, 0.25]][i], [[1, -1], [0.5, 2]][i]));
    expect(maxDiff(out, want)).toBeLessThanOrEqual(TOL);
  });
});

describe('backwardAdjoint (through solveOnGrid), statesAt and firstVariationGradient', () => {
  const n = 4;
  const h = 1 / n;
  const sol = solveOnGrid(paths(tanh), data, n);

  /** Backward RK4 from p(1) = (aᵀz(1) − y) a, midpoint states by Hermite (or their mean, if `dense` is false). */
  function oracleP(dense = true): number[][][] {
    const a = [0.75, -1.25];
    const p: number[][][] = [];
    p[n] = [0, 1].map((i) => a.map((aj) => (dot(a, node(sol.z, n, i)) - data.y[i]) * aj));
    for (let c = n - 1; c >= 0; c--) {
      const T = (c + 1) / n;
      p[c] = [0, 1].map((i) => {
        const [z0, z1, f0, f1] = [node(sol.z, c, i), node(sol.z, c + 1, i), node(sol.dz, c, i), node(sol.dz, c + 1, i)];
        const mid = dense ? hermite(z0, z1, f0, f1, h, 0.5) : add(z0, z1).map((v) => v / 2);
        const q = p[c + 1][i];
        const k1 = G(tanh, T, z1, q);
        const k2 = G(tanh, T - h / 2, mid, add(q, k1, -h / 2));
        const k3 = G(tanh, T - h / 2, mid, add(q, k2, -h / 2));
        const k4 = G(tanh, T - h, z0, add(q, k3, -h));
        return q.map((v, j) => v - (h / 6) * (k1[j] + 2 * k2[j] + 2 * k3[j] + k4[j]));
      });
    }
    return p;
  }

  it('p at every node equals backward RK4 with the Hermite midpoint state', () => {
    expect(sol.p.length).toBe((n + 1) * 4);
    expect(maxDiff(sol.p, oracleP().flat(2))).toBeLessThanOrEqual(TOL);
    // Control: the midpoint mean instead of the dense output is visibly different.
    expect(maxDiff(sol.p, oracleP(false).flat(2))).toBeGreaterThan(1e-6);
  });

  it('statesAt returns copies of the nodes at t_j (t = 0, 1/2, 1) and Hermite values between them', () => {
    for (const j of [0, 2, 4]) {
      const s = statesAt(sol, j / n);
      expect(Array.from(s.z)).toEqual(Array.from(sol.z.subarray(4 * j, 4 * j + 4)));
      expect(Array.from(s.p)).toEqual(Array.from(sol.p.subarray(4 * j, 4 * j + 4)));
      expect(s.z.buffer).not.toBe(sol.z.buffer);
    }
    for (const [t, c, s] of [[0.3, 1, 0.2], [0.9, 3, 0.6]]) {
      const got = statesAt(sol, t);
      const wantZ = [0, 1].flatMap((i) => hermite(node(sol.z, c, i), node(sol.z, c + 1, i), node(sol.dz, c, i), node(sol.dz, c + 1, i), h, s));
      const slope = (j: number, i: number) => G(tanh, j / n, node(sol.z, j, i), node(sol.p, j, i));
      const wantP = [0, 1].flatMap((i) => hermite(node(sol.p, c, i), node(sol.p, c + 1, i), slope(c, i), slope(c + 1, i), h, s));
      expect(maxDiff(got.z, wantZ)).toBeLessThanOrEqual(TOL);
      expect(maxDiff(got.p, wantP)).toBeLessThanOrEqual(TOL);
    }
  });

  it('statesAt refuses t outside [0, 1] and a solution without adjoint', () => {
    for (const t of [-0.1, 1.5, NaN]) expect(() => statesAt(sol, t)).toThrow(InvalidArgumentError);
    expect(() => statesAt(sol, -0.1)).toThrow('t=-0.1 must be a depth time in [0, 1]');
    expect(() => statesAt(sol, 1 + 1e-15)).toThrow(/^t=/);
    expect(() => statesAt(solveOnGrid(paths(tanh), data, n, false), 0.5)).toThrow('sol.p=typed array of length 0 must be the adjoint (solve with adjoint: true)');
  });

  it('firstVariationGradient is (1/N) Σ_i (σ(r) p_i, σ′(r)(uᵀp_i) z_i, σ′(r)(uᵀp_i)) for each neuron', () => {
    const probe = [0.4, -0.7, 1.1, 0.3, -0.2, -1.3, 0.6, -0.5, 0.9, 0.35];
    for (const t of [0, 0.3, 1]) {
      const { z, p } = statesAt(sol, t);
      const want = neurons(probe).flatMap(({ u, w, b }) => {
        let g = [0, 0, 0, 0, 0];
        for (const i of [0, 1]) {
          const [zi, pi] = [Array.from(z.subarray(2 * i, 2 * i + 2)), Array.from(p.subarray(2 * i, 2 * i + 2))];
          const r = dot(w, zi) + b;
          const beta = tanh.dsigma(r) * dot(u, pi);
          g = add(g, [...pi.map((v) => tanh.sigma(r) * v), ...zi.map((v) => beta * v), beta]);
        }
        return g.map((v) => v / 2);
      });
      expect(maxDiff(firstVariationGradient(sol, t, Float64Array.from(probe)), want)).toBeLessThanOrEqual(TOL);
    }
  });

  it('firstVariationGradient refuses θ whose length is not a multiple of 2d+1, and t outside [0, 1]', () => {
    expect(() => firstVariationGradient(sol, 0.5, new Float64Array(4))).toThrow(ShapeMismatchError);
    expect(() => firstVariationGradient(sol, 0.5, new Float64Array(4))).toThrow('theta=4 must be a multiple of k = 2d+1 = 5');
    expect(() => firstVariationGradient(sol, 2, new Float64Array(5))).toThrow('t=2 must be');
  });
});
