/**
 * Small evaluation helpers shared by the claims: the loss with its rounding bound at given parameters, and
 * the layer-Jacobian amplification used to propagate rounding errors.
 */
import type { Dataset } from '../src/data/dataset.js';
import { forward, forwardErrorBound, lossFromOutputs, type Network, type Workspace } from '../src/model/index.js';

/** E(Θ) at `theta` and a bound on its float64 rounding error (model/roundingBound.ts). */
export function lossWithBound(net: Network, data: Dataset, theta: Float64Array, ws: Workspace): { E: number; dE: number } {
  const at: Network = { ...net, theta };
  forward(at, data.x, ws);
  const E = lossFromOutputs(ws.outputs, data.y);
  return { E, dE: forwardErrorBound(at, ws, data.y).loss };
}

/**
 * A = max_i Π_l (1 + c Σ_m ‖u_{l,m}‖_∞ |σ'(r_{l,i,m})| ‖w_{l,m}‖₁), c = 1/(ML): a bound on how much the
 * layer maps amplify a perturbation of the state (∞-norm), forward or (transposed) backward.
 * Needs ws filled by forward() at net.theta.
 */
export function amplification(net: Network, ws: Workspace): number {
  const { d, L, M, theta, activation } = net;
  const k = 2 * d + 1;
  const c = 1 / (M * L);
  let worst = 1;
  for (let i = 0; i < ws.N; i++) {
    let A = 1;
    for (let l = 0; l < L; l++) {
      let sum = 0;
      for (let m = 0; m < M; m++) {
        const off = (l * M + m) * k;
        let uInf = 0;
        let w1 = 0;
        for (let j = 0; j < d; j++) {
          uInf = Math.max(uInf, Math.abs(theta[off + j]));
          w1 += Math.abs(theta[off + d + j]);
        }
        sum += uInf * Math.abs(activation.dsigma(ws.r[(l * ws.N + i) * M + m])) * w1;
      }
      A *= 1 + c * sum;
    }
    worst = Math.max(worst, A);
  }
  return worst;
}
