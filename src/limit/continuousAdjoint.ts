/**
 * The backward adjoint of the continuous-depth model and the gradient of the first variation (theory.md §4):
 *
 *   p(1; x) = (aᵀz(1; x) − y) a,   dp/dt = −(1/M) Σ_m ∂_z f(z(t; x), θ_m(t))ᵀ p,           (eq. 11)
 *   ∂_z f(z, θ)ᵀ p = w σ'(wᵀz + b) (uᵀp),
 *   ∇_θ δE/δρ(θ, t) = E_x[ ∂_θ f(z(t; x), θ)ᵀ p(t; x) ]                                     (gradient of eq. 10)
 *     with ∂_u fᵀp = σ(r) p,  ∂_w fᵀp = σ'(r)(uᵀp) z,  ∂_b fᵀp = σ'(r)(uᵀp),  r = wᵀz + b,
 *
 * E_x the empirical mean over the N samples. It is the limit of the discrete scaled gradient
 * G_{l,m} = M L ∂E/∂θ_{l,m} at θ = θ_m(t_l), t = t_l (theory.md §1, §4).
 *
 * Method (of the two usual ones): p is integrated backward with RK4 on the forward grid, and the states the
 * backward stages need at the step midpoints come from the cubic Hermite dense output of the stored forward
 * solution (nodes z_j and slopes F(t_j, z_j)), whose error O(h^4) matches RK4's. Integrating the coupled (z, p)
 * system backward from z(1) instead would re-solve the state in reverse, add its error to the forward one and
 * double the cost; the dense output keeps z(t) identical in the forward pass, the adjoint and the gradient.
 * Values at any t between nodes use the same Hermite interpolation (slopes of p from the adjoint field).
 */
import type { Dataset } from '../data/dataset.js';
import { InvalidArgumentError, ShapeMismatchError } from '../errors.js';
import type { VectorField } from './depthField.js';
import type { DepthPaths } from './depthPaths.js';
import type { ContinuousDepth } from './continuousDepth.js';
import { RK4, rungeKuttaStep } from './rungeKutta.js';

/**
 * The adjoint field for all N samples: out_i = −(1/M) Σ_m w_m(t) σ'(w_m(t)ᵀ z_i + b_m(t)) (u_m(t)ᵀ p_i).
 * @param zAt writes z(t; x_i) (length N·d) for the stage time t
 */
export function adjointField(paths: DepthPaths, N: number, zAt: (t: number, out: Float64Array) => void): VectorField {
  const { d, M, activation } = paths;
  const k = 2 * d + 1;
  const theta = new Float64Array(M * k);
  const Z = new Float64Array(N * d);
  return (t, P, out) => {
    paths.thetaAt(t, theta);
    zAt(t, Z);
    out.fill(0);
    for (let i = 0; i < N; i++) {
      for (let m = 0; m < M; m++) {
        const off = m * k;
        let r = theta[off + 2 * d];
        let up = 0;
        for (let j = 0; j < d; j++) {
          r += theta[off + d + j] * Z[i * d + j];
          up += theta[off + j] * P[i * d + j];
        }
        const beta = activation.dsigma(r) * up;
        for (let j = 0; j < d; j++) out[i * d + j] -= theta[off + d + j] * beta;
      }
    }
    for (let q = 0; q < N * d; q++) out[q] /= M;
  };
}

/** Cubic Hermite value at t_j + s·h from node values y0, y1 and slopes f0, f1 (arrays of length D at offsets). */
function hermite(y: Float64Array, f: Float64Array, j: number, D: number, s: number, h: number, out: Float64Array): void {
  const s2 = s * s;
  const s3 = s2 * s;
  const [h00, h10, h01, h11] = [2 * s3 - 3 * s2 + 1, s3 - 2 * s2 + s, -2 * s3 + 3 * s2, s3 - s2];
  const a = j * D;
  const b = (j + 1) * D;
  for (let q = 0; q < D; q++) out[q] = h00 * y[a + q] + h10 * h * f[a + q] + h01 * y[b + q] + h11 * h * f[b + q];
}

/**
 * p at the n + 1 nodes by backward RK4 (steps of −1/n) with the state from the Hermite dense output.
 * @param z, dz forward nodes and slopes, length (n+1)·N·d
 * @returns p, length (n+1)·N·d, row-major (n+1, N, d)
 */
export function backwardAdjoint(paths: DepthPaths, data: Dataset, n: number, z: Float64Array, dz: Float64Array): Float64Array {
  const { d, readout } = paths;
  const D = data.N * d;
  const p = new Float64Array((n + 1) * D);
  const state = new Float64Array(D);
  for (let i = 0; i < data.N; i++) {
    let g = 0;
    for (let j = 0; j < d; j++) g += readout[j] * z[n * D + i * d + j];
    for (let j = 0; j < d; j++) state[i * d + j] = (g - data.y[i]) * readout[j];
  }
  p.set(state, n * D);
  let cell = n - 1;
  const G = adjointField(paths, data.N, (t, out) => hermite(z, dz, cell, D, Math.min(1, Math.max(0, t * n - cell)), 1 / n, out));
  for (; cell >= 0; cell--) {
    rungeKuttaStep(RK4, G, (cell + 1) / n, state, -1 / n);
    p.set(state, cell * D);
  }
  return p;
}

/**
 * z(t; x_i) and p(t; x_i) at any t in [0, 1] (nodes exactly; between nodes by cubic Hermite interpolation).
 * @returns z, p: Float64Array of length N·d, row-major (N, d)
 * @throws InvalidArgumentError when t is not in [0, 1] or the solution has no adjoint
 */
export function statesAt(sol: ContinuousDepth, t: number): { z: Float64Array; p: Float64Array } {
  if (!(t >= 0 && t <= 1)) throw new InvalidArgumentError('t', 'a depth time in [0, 1]', t);
  if (sol.p.length === 0) throw new InvalidArgumentError('sol.p', 'the adjoint (solve with adjoint: true)', sol.p);
  const { n, data, paths } = sol;
  const D = data.N * paths.d;
  const x = t * n;
  const j = Math.min(n - 1, Math.floor(x));
  const s = x - j;
  if (s === 0 || s === 1) {
    const node = j + s;
    return { z: sol.z.slice(node * D, (node + 1) * D), p: sol.p.slice(node * D, (node + 1) * D) };
  }
  const z = new Float64Array(D);
  hermite(sol.z, sol.dz, j, D, s, 1 / n, z);
  // The cell's two nodes of p and their slopes from the adjoint field with the node states.
  const pCell = sol.p.slice(j * D, (j + 2) * D);
  const dp = new Float64Array(2 * D);
  for (const e of [0, 1]) {
    const node = j + e;
    const G = adjointField(paths, data.N, (_t, out) => out.set(sol.z.subarray(node * D, (node + 1) * D)));
    G(node / n, pCell.subarray(e * D, (e + 1) * D), dp.subarray(e * D, (e + 1) * D));
  }
  const p = new Float64Array(D);
  hermite(pCell, dp, 0, D, s, 1 / n, p);
  return { z, p };
}

/**
 * ∇_θ δE/δρ(θ, t) = (1/N) Σ_i ∂_θ f(z(t; x_i), θ)ᵀ p(t; x_i) for each of `count` neurons θ.
 * @param theta Float64Array of length count·(2d+1), row-major (count, k), neuron layout (u, w, b)
 * @returns same shape as theta
 * @throws ShapeMismatchError when theta.length is not a multiple of 2d+1; InvalidArgumentError when t ∉ [0, 1]
 *   or the solution has no adjoint (solved with adjoint: false)
 */
export function firstVariationGradient(sol: ContinuousDepth, t: number, theta: Float64Array): Float64Array {
  const { d, activation } = sol.paths;
  const { N } = sol.data;
  const k = 2 * d + 1;
  if (theta.length % k !== 0) throw new ShapeMismatchError('theta', `a multiple of k = 2d+1 = ${k}`, theta.length);
  const { z, p } = statesAt(sol, t);
  const out = new Float64Array(theta.length);
  for (let off = 0; off < theta.length; off += k) {
    for (let i = 0; i < N; i++) {
      let r = theta[off + 2 * d];
      let up = 0;
      for (let j = 0; j < d; j++) {
        r += theta[off + d + j] * z[i * d + j];
        up += theta[off + j] * p[i * d + j];
      }
      const s = activation.sigma(r);
      const beta = activation.dsigma(r) * up;
      for (let j = 0; j < d; j++) {
        out[off + j] += s * p[i * d + j];
        out[off + d + j] += beta * z[i * d + j];
      }
      out[off + 2 * d] += beta;
    }
  }
  for (let q = 0; q < out.length; q++) out[q] /= N;
  return out;
}
