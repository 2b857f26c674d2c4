/**
 * Gradient descent in training time s (theory.md §2) in any number type:
 *
 *   Θ ← Θ − h ∇_Θ E(Θ),   h = M L Δs,
 *
 * the loop of src/train/gradientDescent.ts written against the scalar interface. On the float64 backend it
 * performs the same operations in the same order as `train` (h = fl(fl(M·L)·Δs) with M·L exact, then
 * θ_p − fl(h·∂E/∂θ_p)), so it reproduces `train` bit for bit (test/audit/genericTrain.test.ts); on decimal
 * at P digits it is the reference trajectory of the accuracy audit.
 */
import type { Dataset } from '../data/dataset.js';
import { type GenericResult, type Network, genericLossAndGradient } from '../model/index.js';
import type { Backend } from '../numeric/index.js';

export interface GenericTrainResult<T> {
  /** Θ(KΔs): parameters after K steps, length L·M·(2d+1), layout of Network.theta. */
  theta: T[];
  /** E at s = 0, Δs, …, KΔs (K + 1 values), as `train`'s trajectory. */
  losses: T[];
  /** The full evaluation at s = 0 (loss, outputs, gradient), so the audit need not repeat it. */
  initial: GenericResult<T>;
}

/**
 * Runs K GD steps with h = M L Δs from `net`'s parameters, in the number type of `backend`.
 *
 * @remarks h is formed in the backend as fromInteger(M·L)·fromFloat64(Δs): exact M·L, Δs entering through
 *   its binary expansion, one rounding of the product (as float64 `M * L * dt` does). The gradient at step K
 *   is computed too (genericLossAndGradient always returns it), as `train` does.
 * @param dt - training-time step Δs > 0 (trusted: validate at the boundary).
 * @param K - number of GD steps, an integer ≥ 0.
 * @returns final parameters, the K + 1 losses, and the evaluation at s = 0.
 * @throws InvalidArgumentError when the backend cannot evaluate the activation; NonFiniteError when a
 *   float64 backend meets a non-finite parameter (check for divergence with `train` first).
 * @example genericTrain(decimalBackend(50), net, data, 0.05, 5).losses.map(String)
 */
export function genericTrain<T>(backend: Backend<T>, net: Network, data: Dataset, dt: number, K: number): GenericTrainResult<T> {
  const F = backend.field;
  const h = F.mul(F.fromInteger(net.M * net.L), F.fromFloat64(dt));
  let theta = Array.from(net.theta, (v) => F.fromFloat64(v));
  const losses: T[] = [];
  let initial: GenericResult<T> | undefined;
  for (let step = 0; step <= K; step++) {
    const result = genericLossAndGradient(backend, net, data, { theta });
    initial ??= result;
    losses.push(result.loss);
    if (step === K) break;
    theta = theta.map((t, p) => F.sub(t, F.mul(h, result.grad[p])));
  }
  return { theta, losses, initial: initial as GenericResult<T> };
}
