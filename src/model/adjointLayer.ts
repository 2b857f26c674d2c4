/**
 * One layer of the adjoint pass (adjoint.ts) for one or two samples: uᵀλ, β = σ'(r)·uᵀλ, the per-layer
 * gradient sums in ws.gradT and the update λ_{l+1} → λ_l, in the operation order documented in adjoint.ts.
 */
import type { Network } from './network.js';
import { neuronSumTransposed } from './neuronSum.js';
import type { Workspace } from './workspace.js';

/**
 * Layer l of the adjoint for sample i (and i + 1 when `two`): adds their terms to ws.gradT (sample i first)
 * and updates their λ from λ_{l+1} to λ_l in place.
 * @param c the layer scale (network.ts layerScale), read once per adjoint pass
 */
export function adjointLayer(net: Network, ws: Workspace, l: number, i: number, two: boolean, c: number): void {
  const { d, M } = net;
  const { N, z, s, ds, lambda, acc, plan, leafSums, uT, wT, gradT, ul, beta } = ws;
  const ul0 = l * d * M;
  const li0 = i * d;
  const li1 = two ? li0 + d : li0;
  const zi0 = (l * N + i) * d;
  const zi1 = two ? zi0 + d : zi0;
  const ri0 = (l * N + i) * M;
  const ri1 = ri0 + M;
  const gB = 2 * d * M; // row of ∂/∂b in gradT
  // ul_m = 0 + u_m0 λ_0 + u_m1 λ_1 + … (left to right), for sample i in ul[0, M) and i + 1 in ul[M, 2M)
  // two rows of uᵀ per pass (j, j + 1), as in forward.ts; the order within each ul_m is unchanged
  const p0 = lambda[li0];
  const q0 = lambda[li1];
  let j = 1;
  if (d === 1) {
    for (let m = 0; m < M; m++) {
      const u = uT[ul0 + m];
      ul[m] = 0 + u * p0;
      ul[M + m] = 0 + u * q0;
    }
  } else {
    const p1 = lambda[li0 + 1];
    const q1 = lambda[li1 + 1];
    for (let m = 0; m < M; m++) {
      const u = uT[ul0 + m];
      const v = uT[ul0 + M + m];
      ul[m] = 0 + u * p0 + v * p1;
      ul[M + m] = 0 + u * q0 + v * q1;
    }
    j = 2;
  }
  for (; j + 1 < d; j += 2) {
    const pj = lambda[li0 + j];
    const qj = lambda[li1 + j];
    const pk = lambda[li0 + j + 1];
    const qk = lambda[li1 + j + 1];
    const row = ul0 + j * M;
    for (let m = 0; m < M; m++) {
      const u = uT[row + m];
      const v = uT[row + M + m];
      ul[m] = ul[m] + u * pj + v * pk;
      ul[M + m] = ul[M + m] + u * qj + v * qk;
    }
  }
  if (j < d) {
    const pj = lambda[li0 + j];
    const qj = lambda[li1 + j];
    const row = ul0 + j * M;
    for (let m = 0; m < M; m++) {
      const u = uT[row + m];
      ul[m] += u * pj;
      ul[M + m] += u * qj;
    }
  }
  // β_m = σ'(r_m)·ul_m and the gradient sums: (g + term_i) + term_{i+1}
  if (two) {
    for (let m = 0; m < M; m++) {
      const b0 = ds[ri0 + m] * ul[m];
      const b1 = ds[ri1 + m] * ul[M + m];
      beta[m] = b0;
      beta[M + m] = b1;
      gradT[gB + m] = gradT[gB + m] + b0 + b1;
    }
    for (let j = 0; j < d; j++) {
      const pj = lambda[li0 + j];
      const qj = lambda[li1 + j];
      const y0 = z[zi0 + j];
      const y1 = z[zi1 + j];
      const gu = j * M;
      const gw = (d + j) * M;
      for (let m = 0; m < M; m++) {
        gradT[gu + m] = gradT[gu + m] + s[ri0 + m] * pj + s[ri1 + m] * qj;
        gradT[gw + m] = gradT[gw + m] + beta[m] * y0 + beta[M + m] * y1;
      }
    }
  } else {
    for (let m = 0; m < M; m++) {
      const b0 = ds[ri0 + m] * ul[m];
      beta[m] = b0;
      gradT[gB + m] += b0;
    }
    for (let j = 0; j < d; j++) {
      const pj = lambda[li0 + j];
      const y0 = z[zi0 + j];
      const gu = j * M;
      const gw = (d + j) * M;
      for (let m = 0; m < M; m++) {
        gradT[gu + m] += s[ri0 + m] * pj;
        gradT[gw + m] += beta[m] * y0;
      }
    }
  }
  // λ ← λ + c·Σ_m β_m w_m (neuron-sum order)
  neuronSumTransposed(plan, d, wT, ul0, beta, 0, leafSums, acc, 0);
  for (let j = 0; j < d; j++) lambda[li0 + j] += c * acc[j];
  if (two) {
    neuronSumTransposed(plan, d, wT, ul0, beta, M, leafSums, acc, 0);
    for (let j = 0; j < d; j++) lambda[li1 + j] += c * acc[j];
  }
}
