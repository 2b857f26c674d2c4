/**
 * Forward pass and loss of the discrete ResNet (theory.md §1):
 *
 *   z_0(x) = x,   z_{l+1}(x) = z_l(x) + (1/(M L)) Σ_m u_{l,m} σ(w_{l,m}ᵀ z_l(x) + b_{l,m}),
 *   E = (1/N) Σ_i ½ (aᵀ z_L(x_i) − y_i)².
 *
 * Convention: the ½ is in the loss and the mean is over samples (theory.md §1), so λ_L = (g − y) a per sample.
 * Operation order (fixed; the generic-scalar network, generic.ts, follows it to agree bit for bit):
 * r = b + Σ_j w_j z_j with the j-sum left to right starting from b, i.e. ((b + w_0 z_0) + w_1 z_1) + …;
 * s = σ(r) and σ'(r) (for tanh both from one exponential, src/activations/tanhSech2.ts; the same bits as
 * activation.sigma and activation.dsigma); acc_j = Σ_m s_m u_mj in the neuron-sum order of neuronSum.ts
 * (pairwise, split at ⌊n/2⌋ down to single terms); z_{l+1} = z_l + c·acc with c = fl(1/(M·L));
 * g = Σ_j a_j z_j starting from 0 (j ascending); E = (Σ_i ½ res_i²)·(1/N) with i ascending.
 * Memory order: each call first copies θ transposed (uᵀ, wᵀ: d rows of M per layer) into the workspace, so
 * that the loops over the M neurons are contiguous; a pass over them handles two samples (i, i + 1) and two
 * rows (j, j + 1) at once, and each r_m still receives its terms in j order.
 */
import type { Dataset } from '../data/dataset.js';
import { sech2Value, tanhAndSech2Range, tanhValue } from '../activations/tanhSech2.js';
import { layerScale, type Network } from './network.js';
import { neuronSumTransposed } from './neuronSum.js';
import { createWorkspace, type Workspace } from './workspace.js';

/**
 * Copies θ into the workspace's transposed layout: uT[(l·d + j)·M + m] = u_{l,m,j}, wT likewise, bias[l·M + m].
 * @param theta layout (L, M, 2d+1) of network.ts
 */
export function transposeTheta(theta: Float64Array, d: number, L: number, M: number, ws: Workspace): void {
  const k = 2 * d + 1;
  const { uT, wT, bias } = ws;
  // one sequential pass over θ (it may be far larger than the caches), 2d + 1 sequential write streams
  for (let l = 0; l < L; l++) {
    for (let m = 0; m < M; m++) {
      const off = (l * M + m) * k;
      for (let j = 0; j < d; j++) {
        uT[(l * d + j) * M + m] = theta[off + j];
        wT[(l * d + j) * M + m] = theta[off + d + j];
      }
      bias[l * M + m] = theta[off + 2 * d];
    }
  }
}

/**
 * Runs the forward pass on inputs x, filling ws.z, ws.r, ws.s, ws.ds (σ'(r)) and ws.outputs.
 * @param x inputs, Float64Array of length N·d, row-major (N, d)
 * Sizes are trusted (validated at the boundary); ws must come from createWorkspace(d, L, M, N).
 */
export function forward(net: Network, x: Float64Array, ws: Workspace): void {
  const { d, L, M, theta, activation, readout } = net;
  const { N, z, r, s, ds, acc, plan, leafSums, uT, wT, bias } = ws;
  const c = layerScale(M, L);
  const fusedTanh = activation.sigma === tanhValue && activation.dsigma === sech2Value;
  transposeTheta(theta, d, L, M, ws);
  z.set(x.subarray(0, N * d), 0);
  for (let l = 0; l < L; l++) {
    const zIn = l * N * d;
    const zOut = (l + 1) * N * d;
    const bl = l * M;
    const wl = l * d * M;
    // Samples in pairs (i, i + 1): each weight is loaded once for both; every value is computed exactly as for
    // one sample (the samples do not interact within a layer). An odd last sample goes alone (i1 = i).
    for (let i = 0; i < N; i += 2) {
      const i1 = i + 1 < N ? i + 1 : i;
      const zi0 = zIn + i * d;
      const zi1 = zIn + i1 * d;
      const ri0 = (l * N + i) * M;
      const ri1 = (l * N + i1) * M;
      // r_m = b_m + w_m0 z_0 + w_m1 z_1 + … (left to right), the neurons in the inner loop
      const a0 = z[zi0];
      const a1 = z[zi1];
      if (i1 !== i) {
        // two rows of wᵀ per pass (j, j + 1): r is loaded and stored half as often; the order within r_m is unchanged
        let j = 1;
        if (d === 1) {
          for (let m = 0; m < M; m++) {
            const w = wT[wl + m];
            const b = bias[bl + m];
            r[ri0 + m] = b + w * a0;
            r[ri1 + m] = b + w * a1;
          }
        } else {
          const c0 = z[zi0 + 1];
          const c1 = z[zi1 + 1];
          for (let m = 0; m < M; m++) {
            const w = wT[wl + m];
            const v = wT[wl + M + m];
            const b = bias[bl + m];
            r[ri0 + m] = b + w * a0 + v * c0;
            r[ri1 + m] = b + w * a1 + v * c1;
          }
          j = 2;
        }
        for (; j + 1 < d; j += 2) {
          const z0 = z[zi0 + j];
          const z1 = z[zi1 + j];
          const y0 = z[zi0 + j + 1];
          const y1 = z[zi1 + j + 1];
          const row = wl + j * M;
          for (let m = 0; m < M; m++) {
            const w = wT[row + m];
            const v = wT[row + M + m];
            r[ri0 + m] = r[ri0 + m] + w * z0 + v * y0;
            r[ri1 + m] = r[ri1 + m] + w * z1 + v * y1;
          }
        }
        if (j < d) {
          const z0 = z[zi0 + j];
          const z1 = z[zi1 + j];
          const row = wl + j * M;
          for (let m = 0; m < M; m++) {
            const w = wT[row + m];
            r[ri0 + m] += w * z0;
            r[ri1 + m] += w * z1;
          }
        }
      } else {
        for (let m = 0; m < M; m++) r[ri0 + m] = bias[bl + m] + wT[wl + m] * a0;
        for (let j = 1; j < d; j++) {
          const z0 = z[zi0 + j];
          const row = wl + j * M;
          for (let m = 0; m < M; m++) r[ri0 + m] += wT[row + m] * z0;
        }
      }
      const end = ri1 + M;
      if (fusedTanh) {
        tanhAndSech2Range(r, s, ds, ri0, end);
      } else {
        for (let p = ri0; p < end; p++) {
          s[p] = activation.sigma(r[p]);
          ds[p] = activation.dsigma(r[p]);
        }
      }
      neuronSumTransposed(plan, d, uT, wl, s, ri0, leafSums, acc, 0);
      for (let j = 0; j < d; j++) z[zOut + i * d + j] = z[zi0 + j] + c * acc[j];
      if (i1 !== i) {
        neuronSumTransposed(plan, d, uT, wl, s, ri1, leafSums, acc, 0);
        for (let j = 0; j < d; j++) z[zOut + i1 * d + j] = z[zi1 + j] + c * acc[j];
      }
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
