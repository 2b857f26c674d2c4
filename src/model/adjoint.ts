/**
 * Adjoint (backpropagation) gradient of the loss (theory.md §1):
 *
 *   λ_L = (g(z_L) − y) a,
 *   λ_l = λ_{l+1} + (1/(M L)) Σ_m ∂_z f(z_l, θ_{l,m})ᵀ λ_{l+1},   ∂_z f(z, θ)ᵀ λ = w σ'(wᵀz + b) (uᵀλ),
 *   ∂E/∂θ_{l,m} = (1/(M L)) (1/N) Σ_i ∂_θ f(z_l(x_i), θ_{l,m})ᵀ λ_{l+1}(x_i),
 *   with ∂_u f ᵀλ = σ(r) λ,  ∂_w f ᵀλ = σ'(r)(uᵀλ) z_l,  ∂_b f ᵀλ = σ'(r)(uᵀλ),  r = wᵀz_l + b.
 *
 * Note the indices: ∂_θ f is evaluated at z_l and multiplied by λ_{l+1}. The per-sample adjoint has no 1/N;
 * the 1/N enters the parameter gradient. The scaled gradient G_{l,m} = M L ∂E/∂θ_{l,m} is O(1) in L and M.
 */
import type { Dataset } from '../data/dataset.js';
import { layerScale, type Network } from './network.js';
import { forward, lossFromOutputs, transposeTheta } from './forward.js';
import { adjointLayer } from './adjointLayer.js';
import { createWorkspace, type Workspace } from './workspace.js';

/**
 * Forward pass, loss and (when `withGradient`) the adjoint gradient ∂E/∂θ into ws.grad.
 * @param data N samples; x row-major (N, d), y length N (sizes trusted)
 * @returns the loss E
 */
export function evaluate(net: Network, data: Dataset, ws: Workspace, withGradient = true): number {
  forward(net, data.x, ws);
  const E = lossFromOutputs(ws.outputs, data.y);
  if (withGradient) adjointPass(net, data, ws);
  return E;
}

/**
 * The adjoint pass: needs ws filled by forward() (z, s and σ'(r) in ws.ds); writes ∂E/∂θ (unscaled) into
 * ws.grad. θ is read from `net` (it may differ from the forward pass's, see firstVariation.ts).
 * Operation order (generic.ts follows it): per layer l (descending) and sample i (ascending):
 * ul_m = 0 + u_m0 λ_0 + u_m1 λ_1 + … (left to right); β_m = σ'(r_m)·ul_m; the gradient sums over samples
 * start from 0 and add σ(r_m) λ_j, β_m z_j, β_m for i ascending, and are multiplied by fl(c/N) at the end;
 * λ ← λ + c·acc with acc_j = Σ_m β_m w_mj in the neuron-sum order (neuronSum.ts).
 */
export function backward(net: Network, data: Dataset, ws: Workspace): void {
  transposeTheta(net.theta, net.d, net.L, net.M, ws);
  adjointPass(net, data, ws);
}

/** backward() after forward() at the same θ: ws.uT and ws.wT already hold θ transposed (as in evaluate). */
function adjointPass(net: Network, data: Dataset, ws: Workspace): void {
  const { d, L, M, readout } = net;
  const { N, grad, lambda, gradT } = ws;
  const k = 2 * d + 1;
  const c = layerScale(M, L);
  const scale = c / N;
  for (let i = 0; i < N; i++) {
    const res = ws.outputs[i] - data.y[i];
    for (let j = 0; j < d; j++) lambda[i * d + j] = res * readout[j];
  }
  for (let l = L - 1; l >= 0; l--) {
    gradT.fill(0);
    // Samples in pairs: each gradient sum receives sample i's term, then sample i + 1's, as one at a time would.
    let i = 0;
    for (; i + 1 < N; i += 2) adjointLayer(net, ws, l, i, true, c);
    if (i < N) adjointLayer(net, ws, l, i, false, c);
    for (let m = 0; m < M; m++) {
      const off = (l * M + m) * k;
      for (let q = 0; q < k; q++) grad[off + q] = gradT[q * M + m] * scale;
    }
  }
}

/**
 * Loss, outputs and gradient in fresh arrays (allocates a workspace).
 * @returns loss E; outputs length N; grad ∂E/∂θ length L·M·(2d+1), layout of theta
 */
export function lossAndGradient(
  net: Network,
  data: Dataset,
): { loss: number; outputs: Float64Array; grad: Float64Array } {
  const ws = createWorkspace(net.d, net.L, net.M, data.N);
  const E = evaluate(net, data, ws, true);
  return { loss: E, outputs: Float64Array.from(ws.outputs), grad: Float64Array.from(ws.grad) };
}

/** The scaled gradient G = M L ∂E/∂θ (theory.md §1), a new array of the same layout. */
export function scaledGradient(grad: Float64Array, M: number, L: number): Float64Array {
  const G = new Float64Array(grad.length);
  for (let p = 0; p < grad.length; p++) G[p] = M * L * grad[p];
  return G;
}

/**
 * The energy dissipation rate (1/(M L)) Σ_{l,m} |G_{l,m}|² = −dE/ds along the flow (theory.md §2).
 * @param grad ∂E/∂θ (unscaled)
 */
export function dissipationRate(grad: Float64Array, M: number, L: number): number {
  const ML = M * L;
  let sum = 0;
  for (let p = 0; p < grad.length; p++) {
    const G = ML * grad[p];
    sum += G * G;
  }
  return sum / ML;
}
