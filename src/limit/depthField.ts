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

/** F(t, z) = (1/M) Σ_m u_m(t) σ(w_m(t)ᵀz + b_m(t)) with θ_m(t) = a_m + t c_m. */
export function linearPathField(paths: LinearPaths): VectorField {
  const { d, M, activation, a, c } = paths;
  const k = 2 * d + 1;
  const theta = new Float64Array(k);
  return (t, z, out) => {
    out.fill(0);
    for (let m = 0; m < M; m++) {
      for (let j = 0; j < k; j++) theta[j] = a[m * k + j] + t * c[m * k + j];
      let r = theta[2 * d];
      for (let j = 0; j < d; j++) r += theta[d + j] * z[j];
      const s = activation.sigma(r);
      for (let j = 0; j < d; j++) out[j] += theta[j] * s;
    }
    for (let j = 0; j < d; j++) out[j] /= M;
  };
}
