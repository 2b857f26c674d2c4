/**
 * Forward pass and loss of the discrete ResNet (theory.md §1):
 *
 *   z_0(x) = x,   z_{l+1}(x) = z_l(x) + (1/(M L)) Σ_m u_{l,m} σ(w_{l,m}ᵀ z_l(x) + b_{l,m}),
 *   E = (1/N) Σ_i ½ (aᵀ z_L(x_i) − y_i)².
 *
 * Convention: the ½ is in the loss and the mean is over samples (theory.md §1), so λ_L = (g − y) a per sample.
 * Operation order (fixed; the generic-scalar network must follow it to agree bit for bit):
 * r = b + Σ_j w_j z_j (j ascending); the neuron sum is pairwise (neuronSum.ts); z_{l+1} = z_l + c·acc with
 * c = fl(1/(M·L)); g = Σ_j a_j z_j (j ascending); E = (Σ_i ½ res_i²)·(1/N) with i ascending.
 */
import type { Dataset } from '../data/dataset.js';
import type { Network } from './network.js';
import { neuronSum } from './neuronSum.js';
import { createWorkspace, type Workspace } from './workspace.js';

/**
 * Runs the forward pass on inputs x, filling ws.z, ws.r, ws.s and ws.outputs.
 * @param x inputs, Float64Array of length N·d, row-major (N, d)
 * Sizes are trusted (validated at the boundary); ws must come from createWorkspace(d, L, M, N).
 */
export function forward(net: Network, x: Float64Array, ws: Workspace): void {
  const { d, L, M, theta, activation, readout } = net;
  const { N, z, r, s, acc, scratch } = ws;
  const k = 2 * d + 1;
  const c = 1 / (M * L);
  z.set(x.subarray(0, N * d), 0);
  for (let l = 0; l < L; l++) {
    const zIn = l * N * d;
    const zOut = (l + 1) * N * d;
    for (let i = 0; i < N; i++) {
      const zi = zIn + i * d;
      const ri = (l * N + i) * M;
      for (let m = 0; m < M; m++) {
        const off = (l * M + m) * k;
        let pre = theta[off + 2 * d];
        for (let j = 0; j < d; j++) pre += theta[off + d + j] * z[zi + j];
        r[ri + m] = pre;
        s[ri + m] = activation.sigma(pre);
      }
      neuronSum(theta, l * M, k, 0, d, s, ri, 0, M, acc, 0, scratch, 0);
      for (let j = 0; j < d; j++) z[zOut + i * d + j] = z[zi + j] + c * acc[j];
    }
  }
  const zL = L * N * d;
  for (let i = 0; i < N; i++) {
    let g = 0;
    for (let j = 0; j < d; j++) g += readout[j] * z[zL + i * d + j];
    ws.outputs[i] = g;
  }
}

/** E = (1/N) Σ_i ½ (outputs_i − y_i)², from ws.outputs after forward(). */
export function lossFromOutputs(outputs: Float64Array, y: Float64Array): number {
  let sum = 0;
  for (let i = 0; i < y.length; i++) {
    const res = outputs[i] - y[i];
    sum += 0.5 * res * res;
  }
  return sum * (1 / y.length);
}

/**
 * Outputs g(z_L(x_i)) = aᵀ z_L(x_i) of the network on inputs x (allocates a workspace).
 * @param x Float64Array of length N·d, row-major (N, d)
 * @returns Float64Array of length N
 */
export function predict(net: Network, x: Float64Array, N: number): Float64Array {
  const ws = createWorkspace(net.d, net.L, net.M, N);
  forward(net, x, ws);
  return Float64Array.from(ws.outputs);
}

/** The loss E(Θ) on a data set (theory.md §1; allocates a workspace). */
export function loss(net: Network, data: Dataset): number {
  const ws = createWorkspace(net.d, net.L, net.M, data.N);
  forward(net, data.x, ws);
  return lossFromOutputs(ws.outputs, data.y);
}

/** The final states z_L(x_i), Float64Array of length N·d, row-major (N, d) (allocates a workspace). */
export function finalStates(net: Network, x: Float64Array, N: number): Float64Array {
  const ws = createWorkspace(net.d, net.L, net.M, N);
  forward(net, x, ws);
  return ws.z.slice(net.L * N * net.d);
}
