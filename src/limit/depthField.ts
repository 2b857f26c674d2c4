/**
 * The continuous-depth vector field of theory.md §4 for finite width M (the limit L → ∞):
 *
 *   dz/dt = F(t, z) = (1/M) Σ_m u_m(t) σ(w_m(t)ᵀ z + b_m(t)),   t in [0, 1],
 *
 * here for linear depth paths θ_m(t) = a_m + t·c_m (init/paths.ts: linearPathCoefficients), which the discrete
 * network samples at t_l = l/L.
 */
import type { Activation } from '../activations/activation.js';

/** A vector field F(t, z) on R^d, written into `out` (length d). */
export type VectorField = (t: number, z: Float64Array, out: Float64Array) => void;

export interface LinearPaths {
  /** State dimension d. */
  d: number;
  /** Width M. */
  M: number;
  activation: Activation;
  /** θ_m(0), Float64Array of length M·(2d+1), row-major (M, k), neuron layout (u, w, b). */
  a: Float64Array;
  /** dθ_m/dt, same layout as a. */
  c: Float64Array;
}

/**
 * The depth field for N samples at once, for any paths given by their evaluation θ(t): the state Z has length
 * N·d, row-major (N, d), and F_i(t, Z) = (1/M) Σ_m u_m(t) σ(w_m(t)ᵀ z_i + b_m(t)). One loop serves every path
 * kind (linearPathField here, stateField in continuousDepth.ts), so they share one operation order.
 * @param thetaAt writes θ_m(t) for m = 0..M−1 into its second argument (length M·(2d+1), layout (M, k))
 */
export function pathField(d: number, M: number, activation: Activation, thetaAt: (t: number, out: Float64Array) => void, N: number): VectorField {
  const k = 2 * d + 1;
  const theta = new Float64Array(M * k);
  return (t, Z, out) => {
    thetaAt(t, theta);
    out.fill(0);
    for (let i = 0; i < N; i++) {
      for (let m = 0; m < M; m++) {
        const off = m * k;
        let r = theta[off + 2 * d];
        for (let j = 0; j < d; j++) r += theta[off + d + j] * Z[i * d + j];
        const s = activation.sigma(r);
        for (let j = 0; j < d; j++) out[i * d + j] += theta[off + j] * s;
      }
    }
    for (let q = 0; q < N * d; q++) out[q] /= M;
  };
}

/** F(t, z) = (1/M) Σ_m u_m(t) σ(w_m(t)ᵀz + b_m(t)) with θ_m(t) = a_m + t c_m, for one state z of length d. */
export function linearPathField(paths: LinearPaths): VectorField {
  const { d, M, activation, a, c } = paths;
  return pathField(d, M, activation, (t, theta) => {
    for (let p = 0; p < theta.length; p++) theta[p] = a[p] + t * c[p];
  }, 1);
}
