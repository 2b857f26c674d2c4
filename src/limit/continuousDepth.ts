/**
 * The continuous-depth ResNet at finite width M for given depth paths θ_m(t) (theory.md §4, the limit L → ∞):
 *
 *   dz/dt = F(t, z) = (1/M) Σ_m f(z, θ_m(t)),   f(z, θ) = u σ(wᵀz + b),   z(0) = x,   t in [0, 1],
 *   E = (1/N) Σ_i ½ (aᵀ z(1; x_i) − y_i)²                     (theory.md eq. 8, empirical data measure),
 *
 * with the adjoint p of eq. (11) solved backward on the same grid (continuousAdjoint.ts).
 *
 * Method: classic RK4 (rungeKutta.ts) with n equal steps, n a multiple of paths.cells, so that every step lies
 * inside one cell where the paths are affine in t and F is smooth (for Brownian paths a step across a grid
 * point would see a kink in t and drop to order 1). Step doubling: the grid is solved with n and 2n steps and
 * the Richardson estimate max|q_2n − q_n| / (2^4 − 1) over the states z and adjoints p at the n + 1 common nodes
 * is the error estimate of the finer solution; n doubles until it is ≤ tol.
 */
import type { Dataset } from '../data/dataset.js';
import { MachineryFailure, REFERENCE_NOT_CONVERGED, REFERENCE_NOT_FINITE, ShapeMismatchError } from '../errors.js';
import { integerInRange, positiveNumber } from '../validate.js';
import { type VectorField, pathField } from './depthField.js';
import type { DepthPaths } from './depthPaths.js';
import { RK4, rungeKuttaStep } from './rungeKutta.js';
import { backwardAdjoint } from './continuousAdjoint.js';

/** The continuous-depth model solved on a grid of n RK4 steps, t_j = j/n. */
export interface ContinuousDepth {
  readonly paths: DepthPaths;
  readonly data: Dataset;
  /** Number of RK4 steps (a multiple of paths.cells). */
  readonly n: number;
  /** z(t_j; x_i) at the nodes: Float64Array of length (n+1)·N·d, row-major (n+1, N, d). */
  readonly z: Float64Array;
  /** F(t_j, z(t_j; x_i)) at the nodes, same layout (for the cubic Hermite dense output). */
  readonly dz: Float64Array;
  /** p(t_j; x_i) at the nodes, same layout (theory.md eq. 11); empty when solved with adjoint: false. */
  readonly p: Float64Array;
  /** z(1; x_i): Float64Array of length N·d, row-major (N, d) (a view of the last node). */
  readonly zEnd: Float64Array;
  /** E of eq. (8) on the data. */
  readonly E: number;
  /** Richardson estimate of the absolute error of z and p at the nodes (max over nodes, samples, coordinates). */
  readonly errorEstimate: number;
}

/**
 * The depth field for all N samples at once: state Z of length N·d, row-major (N, d), out likewise.
 * F_i(t, Z) = (1/M) Σ_m u_m(t) σ(w_m(t)ᵀ z_i + b_m(t)).
 */
export function stateField(paths: DepthPaths, N: number): VectorField {
  return pathField(paths.d, paths.M, paths.activation, (t, out) => paths.thetaAt(t, out), N);
}

/**
 * Forward and backward passes on a fixed grid of n RK4 steps (n a multiple of paths.cells; trusted).
 * @returns the solution without an error estimate (errorEstimate NaN)
 */
export function solveOnGrid(paths: DepthPaths, data: Dataset, n: number, adjoint = true): ContinuousDepth {
  const { d } = paths;
  const D = data.N * d;
  const F = stateField(paths, data.N);
  const z = new Float64Array((n + 1) * D);
  const dz = new Float64Array((n + 1) * D);
  const state = Float64Array.from(data.x);
  z.set(state, 0);
  for (let j = 0; j < n; j++) {
    rungeKuttaStep(RK4, F, j / n, state, 1 / n);
    z.set(state, (j + 1) * D);
  }
  for (let j = 0; j <= n; j++) F(j / n, z.subarray(j * D, (j + 1) * D), dz.subarray(j * D, (j + 1) * D));
  const zEnd = z.subarray(n * D);
  let sum = 0;
  for (let i = 0; i < data.N; i++) {
    let g = 0;
    for (let j = 0; j < d; j++) g += paths.readout[j] * zEnd[i * d + j];
    sum += 0.5 * (g - data.y[i]) ** 2;
  }
  const p = adjoint ? backwardAdjoint(paths, data, n, z, dz) : new Float64Array(0);
  return { paths, data, n, z, dz, p, zEnd, E: sum / data.N, errorEstimate: NaN };
}

/**
 * The continuous-depth model solved to an absolute tolerance by step doubling (see the file comment).
 * @param opts tol > 0 (absolute, on z and p at the nodes; default 1e-11), n0 initial steps (rounded up to a
 *   multiple of paths.cells; default max(cells, 16)), maxSteps (default 2^17), adjoint (default true; false
 *   skips the backward pass when only z and E are needed, and the estimate then covers z alone)
 * @throws ShapeMismatchError when data.d ≠ paths.d; InvalidArgumentError (NonFiniteError) naming `tol` when it is
 *   not > 0, `maxSteps` when not an integer ≥ 2, `n0` when not an integer in [1, maxSteps];
 *   MachineryFailure (REFERENCE_NOT_CONVERGED) when the estimate is still above tol and the next doubling (to 4n
 *   steps) would exceed maxSteps (the estimate is in the message); MachineryFailure (REFERENCE_NOT_FINITE) when
 *   the solution is not finite
 * @example solveContinuousDepth(depthPaths({ kind: 'linear', d: 2, M: 4, activation: tanh, seed: 1 }), ball({ d: 2, N: 8, seed: 1 })).E
 */
export function solveContinuousDepth(
  paths: DepthPaths,
  data: Dataset,
  opts: { tol?: number; n0?: number; maxSteps?: number; adjoint?: boolean } = {},
): ContinuousDepth {
  if (data.d !== paths.d) throw new ShapeMismatchError('data.d', `d = ${paths.d} of the paths`, data.d);
  const tol = positiveNumber('tol', opts.tol ?? 1e-11);
  const maxSteps = integerInRange('maxSteps', opts.maxSteps ?? 2 ** 17, 2, 2 ** 30);
  const n0 = integerInRange('n0', opts.n0 ?? 16, 1, maxSteps);
  let n = Math.max(paths.cells, Math.ceil(n0 / paths.cells) * paths.cells);
  const D = data.N * paths.d;
  const adjoint = opts.adjoint ?? true;
  let coarse = solveOnGrid(paths, data, n, adjoint);
  for (;;) {
    const fine = solveOnGrid(paths, data, 2 * n, adjoint);
    let diff = 0;
    for (let j = 0; j <= n; j++) {
      for (let q = 0; q < D; q++) {
        diff = Math.max(diff, Math.abs(fine.z[2 * j * D + q] - coarse.z[j * D + q]));
        if (adjoint) diff = Math.max(diff, Math.abs(fine.p[2 * j * D + q] - coarse.p[j * D + q]));
      }
    }
    const errorEstimate = diff / (2 ** RK4.order - 1);
    if (errorEstimate <= tol) return { ...fine, errorEstimate };
    if (!(errorEstimate < Infinity)) throw new MachineryFailure(REFERENCE_NOT_FINITE, `continuous-depth solution at ${2 * n} RK4 steps (estimate ${errorEstimate})`);
    if (4 * n > maxSteps) {
      throw new MachineryFailure(REFERENCE_NOT_CONVERGED, `tol=${tol} not reached within ${maxSteps} RK4 steps (estimate ${errorEstimate.toExponential(2)} at ${2 * n})`);
    }
    [coarse, n] = [fine, 2 * n];
  }
}
