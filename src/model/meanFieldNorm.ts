/**
 * The mean-field parameter norm of theory.md §6 item 11: the L²-norm of the empirical neuron measure,
 *
 *   ‖Θ‖*² = (1/(M L)) Σ_{l,m} |θ_{l,m}|²,
 *
 * so that a GD step with h = M L Δs moves Θ by exactly ‖Θ_{k+1} − Θ_k‖* = Δs sqrt((1/(ML)) Σ|G|²) = Δs sqrt(D_k)
 * (G = M L ∂E/∂θ, D the dissipation rate of model/adjoint.ts). It is O(1) at a fixed per-neuron scale whatever
 * L and M, which makes it the norm in which the displacement and Lipschitz claims (11, 13) are uniform.
 */

/**
 * ‖Θ‖* = sqrt((1/(ML)) Σ_p θ_p²).
 * @param theta Float64Array of length L·M·(2d+1), layout (L, M, k) (model/network.ts)
 */
export function meanFieldNorm(theta: Float64Array, M: number, L: number): number {
  let sum = 0;
  for (let p = 0; p < theta.length; p++) sum += theta[p] * theta[p];
  return Math.sqrt(sum / (M * L));
}

/**
 * ‖Θ − Θ'‖* = sqrt((1/(ML)) Σ_p (θ_p − θ'_p)²).
 * @param a, b Float64Arrays of the same length L·M·(2d+1) (trusted)
 */
export function meanFieldDistance(a: Float64Array, b: Float64Array, M: number, L: number): number {
  let sum = 0;
  for (let p = 0; p < a.length; p++) sum += (a[p] - b[p]) ** 2;
  return Math.sqrt(sum / (M * L));
}
