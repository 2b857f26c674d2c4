import { describe, expect, it } from 'vitest';
import { tanh } from '../../src/activations/index.js';
import type { Activation } from '../../src/activations/index.js';
import { ball } from '../../src/data/index.js';
import { type DepthPaths, depthPaths, discretize } from '../../src/limit/depthPaths.js';
import { solveContinuousDepth, solveOnGrid } from '../../src/limit/continuousDepth.js';
import { firstVariationGradient, statesAt } from '../../src/limit/continuousAdjoint.js';
import { lossAndGradient, scaledGradient } from '../../src/model/index.js';
import { asymptoticSlope } from '../../properties/slopes.js';
import { wrongDerivative } from '../../properties/plantedBugs.js';

const [d, M, N, seed, scale] = [2, 5, 3, 7, 1];
const data = ball({ d, N, seed });
const k = 2 * d + 1;
const linear = (activation: Activation = tanh): DepthPaths => depthPaths({ kind: 'linear', d, M, activation, seed, scale });
const maxDiff = (a: Float64Array, b: Float64Array) => a.reduce((m, v, q) => Math.max(m, Math.abs(v - b[q])), 0);

/** Slope of the error of q(n) against a reference over a step ladder (properties/slopes.ts rule). */
function order(errors: number[], floor: number): { slope: number; decided: boolean } {
  return asymptoticSlope(errors.map((value) => ({ value, usable: value > 100 * floor })));
}

describe('continuous-depth model: forward state, adjoint and first-variation gradient (theory.md §4)', () => {
  const ref = solveContinuousDepth(linear(), data, { tol: 1e-13 });

  it('step doubling meets its tolerance and E is eq. (8) at z(1)', () => {
    expect(ref.errorEstimate).toBeLessThanOrEqual(1e-13);
    let E = 0;
    for (let i = 0; i < N; i++) E += 0.5 * ((ref.zEnd[2 * i] + ref.zEnd[2 * i + 1]) / Math.SQRT2 - data.y[i]) ** 2;
    expect(Math.abs(ref.E - E / N)).toBeLessThanOrEqual(4 * Number.EPSILON * Math.max(1, ref.E));
  });

  it('RK4 has measured order 4 on the state z(1) and on the adjoint p(0) (within 0.1)', () => {
    const ns = [2, 4, 8, 16, 32];
    const sols = ns.map((n) => solveOnGrid(linear(), data, n));
    const pAt0 = (s: { p: Float64Array }) => s.p.subarray(0, N * d);
    const z = order(sols.map((s) => maxDiff(s.zEnd, ref.zEnd)), 1e-13);
    const p = order(sols.map((s) => maxDiff(pAt0(s), pAt0(ref))), 1e-13);
    expect(z.decided && p.decided).toBe(true);
    expect(Math.abs(z.slope - 4)).toBeLessThan(0.1);
    expect(Math.abs(p.slope - 4)).toBeLessThan(0.1);
  });

  it('on Brownian paths, steps aligned with the 2^12 cells keep order 4; misaligned steps do not (negative control)', () => {
    const small = ball({ d: 1, N: 1, seed: 3 });
    const paths = depthPaths({ kind: 'brownian', d: 1, M: 2, activation: tanh, seed: 3, scale: 2 });
    const fine = solveOnGrid(paths, small, 2 ** 17, false).zEnd;
    const errors = [1, 2, 4].map((r) => maxDiff(solveOnGrid(paths, small, r * 4096, false).zEnd, fine));
    const aligned = order(errors, 1e-15);
    expect(aligned.decided).toBe(true);
    expect(Math.abs(aligned.slope - 4)).toBeLessThan(0.1);
    // Misaligned: 6144 steps (1.5 per cell) straddle the kinks of the path in t, where RK4's local error is O(h²):
    // more steps than the aligned 4096, yet an error more than 100× larger (measured: 1.0e-5 against 4.8e-8).
    expect(maxDiff(solveOnGrid(paths, small, 6144, false).zEnd, fine)).toBeGreaterThan(100 * errors[0]);
  });

  it('∇_θ δE/δρ integrated over depth equals the finite-difference derivative of E along a path shift', () => {
    // Shift coordinate j of neuron m by ε for all t: dE/dε = (1/M) ∫_0^1 [∇_θ δE/δρ(θ_m(t), t)]_j dt (eq. 10 chain rule).
    const shifted = (paths: DepthPaths, m: number, j: number, eps: number): DepthPaths => ({
      ...paths,
      thetaAt: (t, out) => {
        paths.thetaAt(t, out);
        out[m * k + j] += eps;
      },
    });
    const check = (activation: Activation) => {
      const paths = linear(activation);
      const sol = solveContinuousDepth(paths, data, { tol: 1e-13 });
      const theta = new Float64Array(M * k);
      let worst = 0;
      for (const [m, j] of [[0, 0], [1, 3], [4, 4], [2, 2]]) {
        // Simpson's rule on 256 cells of the dense output (error ≪ the check's tolerance).
        const cells = 256;
        let integral = 0;
        for (let q = 0; q <= cells; q++) {
          paths.thetaAt(q / cells, theta);
          const g = firstVariationGradient(sol, q / cells, theta.subarray(m * k, (m + 1) * k))[j];
          integral += (q === 0 || q === cells ? 1 : q % 2 === 1 ? 4 : 2) * g;
        }
        integral /= 3 * cells * M;
        const h = 1e-5;
        const E = (eps: number) => solveContinuousDepth(shifted(paths, m, j, eps), data, { tol: 1e-14, adjoint: false }).E;
        const fd = (E(h) - E(-h)) / (2 * h);
        worst = Math.max(worst, Math.abs(fd - integral) / Math.max(1e-3, Math.abs(fd)));
      }
      return worst;
    };
    // Central FD error ≈ h²|E'''|/6 + ε_E/h ≈ 1e-10 + 1e-9: relative 1e-6 leaves a wide margin.
    expect(check(tanh)).toBeLessThan(1e-6);
    // Negative control: a wrong σ' (×1.5) in the gradient leaves E unchanged and must be caught.
    expect(check(wrongDerivative(tanh, 1.5))).toBeGreaterThan(1e-2);
  });

  it('the discrete E and G = M L ∂E/∂θ converge to the continuous E and ∇_θ δE/δρ with order 1 in 1/L', () => {
    const paths = linear();
    const Ls = [16, 32, 64, 128, 256];
    const eE: number[] = [];
    const eG: number[] = [];
    for (const L of Ls) {
      const net = discretize(paths, L);
      const { loss, grad } = lossAndGradient(net, data);
      const G = scaledGradient(grad, M, L);
      let e = 0;
      for (let l = 0; l < L; l++) {
        const limit = firstVariationGradient(ref, l / L, net.theta.subarray(l * M * k, (l + 1) * M * k));
        e = Math.max(e, maxDiff(G.subarray(l * M * k, (l + 1) * M * k), limit));
      }
      eE.push(Math.abs(loss - ref.E));
      eG.push(e);
    }
    for (const errors of [eE, eG]) {
      const { slope, decided } = order(errors, 1e-12);
      expect(decided).toBe(true);
      expect(Math.abs(slope - 1)).toBeLessThan(0.1);
    }
  });

  it('statesAt interpolates between nodes to the solver accuracy, and refuses t outside [0, 1]', () => {
    const coarse = solveOnGrid(linear(), data, 64);
    const t = 0.3 + 1 / 256;
    const a = statesAt(coarse, t);
    const b = statesAt(ref, t);
    expect(maxDiff(a.z, b.z)).toBeLessThan(1e-7);
    expect(maxDiff(a.p, b.p)).toBeLessThan(1e-7);
    expect(() => statesAt(ref, 1.5)).toThrow(/t=1.5/);
    expect(() => statesAt(solveContinuousDepth(linear(), data, { adjoint: false }), 0.5)).toThrow(/adjoint/);
    expect(() => solveContinuousDepth(linear(), ball({ d: 3, N: 2, seed: 1 }))).toThrow(/data.d/);
  });
});
