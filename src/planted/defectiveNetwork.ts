/**
 * The planted bugs' network: a plain float64 implementation of the network of theory.md §1, its loss and its
 * adjoint gradient, written once, sample by sample, with each of the catalogue's defects (catalogue.ts) as an
 * option. It is the implementation inside the planted-bug subjects (plantedSubjects.ts) and nothing else: the
 * library's own kernels (src/model) hold no planted code path, and every claim measures these subjects against
 * resnet-mf's correct references.
 *
 * Without defects it computes exactly the quantities of src/model/adjoint.ts (in its own operation order):
 *
 *   z_{l+1} = z_l + c Σ_m u_{l,m} σ(r_{l,m}),   r_{l,m} = w_{l,m}ᵀ z_l + b_{l,m},   c = 1/(M L),
 *   λ_L = (g(z_L) − y) a,   λ_l = λ_{l+1} + c Σ_m w_{l,m} σ'(r_{l,m}) (u_{l,m}ᵀ λ_{l+1}),
 *   ∂E/∂θ_{l,m} = c (1/N) Σ_i (σ(r) λ_{l+1}, σ'(r)(uᵀλ_{l+1}) z_l, σ'(r)(uᵀλ_{l+1})),
 *
 * and test/planted/defectiveNetwork.test.ts checks it against the fast kernel within the rounding bound.
 */
import type { Dataset } from '../data/dataset.js';
import { lossFromOutputs } from '../model/forward.js';
import type { Network } from '../model/network.js';

/** What is wrong with the network; every field absent: the correct network. */
export interface Defects {
  /** The layer scale c(M, L); correct: 1/(M L). */
  layerScale?: (M: number, L: number) => number;
  /** Layer l reads θ of layer `thetaLayer(l, L)` (its gradient is still stored at l); correct: l. */
  thetaLayer?: (l: number, L: number) => number;
  /** Every state z_{l+1} rounded to float32. */
  float32States?: boolean;
  /** λ_L = factor (g − y) a; correct: 1. */
  terminalFactor?: number;
  /** σ' in the adjoint at w_{l,m}ᵀ z_{l+1} + b_{l,m} instead of at r_{l,m}. */
  dsigmaAtNext?: boolean;
  /** The adjoint's neuron sum pairs β_{l,m} with w_{l,(m+shift) mod M}; correct: 0. */
  neuronShift?: number;
  /** λ_l without the identity term λ_{l+1}. */
  noIdentity?: boolean;
  /** ∂E/∂b multiplied by this; correct: 1. */
  biasGradientFactor?: number;
  /** The scale of the adjoint's layer sum alone (the forward keeps layerScale); correct: the forward's c. */
  adjointScale?: (M: number, L: number) => number;
  /** Every state z_{l+1} replaced by roundState(z_{l+1}) (float32States is roundState = Math.fround). */
  roundState?: (value: number) => number;
  /** σ'(r) in the adjoint multiplied by dsigmaFactor(r); correct: 1. */
  dsigmaFactor?: (r: number) => number;
  /** ∂E/∂θ_{l,m} of block 'u', 'w' or 'b' multiplied by blockFactor(block, m, M); correct: 1. */
  blockFactor?: (block: 'u' | 'w' | 'b', m: number, M: number) => number;
  /** The readout g = readoutFactor · aᵀz_L, in the outputs, the loss and λ_L alike; correct: 1. */
  readoutFactor?: number;
}

/**
 * E, the outputs and ∂E/∂θ of `net` on `data`, with `defects`.
 * @param net sizes trusted (net.d = data.d); θ layout (L, M, 2d+1) of src/model/network.ts
 * @returns loss E; outputs length N; grad length L·M·(2d+1), the layout of θ (unscaled ∂E/∂θ)
 */
export function defectiveLossAndGradient(net: Network, data: Dataset, defects: Defects): { loss: number; outputs: Float64Array; grad: Float64Array } {
  const { d, L, M, theta, activation, readout } = net;
  const { N, x, y } = data;
  const k = 2 * d + 1;
  const c = defects.layerScale ? defects.layerScale(M, L) : 1 / (M * L);
  const source = (l: number): number => (defects.thetaLayer ? defects.thetaLayer(l, L) : l);
  const shift = defects.neuronShift ?? 0;
  const cAdjoint = defects.adjointScale ? defects.adjointScale(M, L) : c;
  const round = defects.roundState ?? (defects.float32States ? Math.fround : null);
  const dsigmaFactor = defects.dsigmaFactor ?? (() => 1);
  const readoutFactor = defects.readoutFactor ?? 1;
  const outputs = new Float64Array(N);
  const grad = new Float64Array(L * M * k);
  const z = new Float64Array((L + 1) * d); // z_0 … z_L of one sample
  const r = new Float64Array(L * M);
  const lambda = new Float64Array(d);
  const next = new Float64Array(d);
  const beta = new Float64Array(M);
  const preactivation = (l: number, m: number, state: number): number => {
    const off = (source(l) * M + m) * k;
    let v = theta[off + 2 * d];
    for (let j = 0; j < d; j++) v += theta[off + d + j] * z[state * d + j];
    return v;
  };
  for (let i = 0; i < N; i++) {
    for (let j = 0; j < d; j++) z[j] = x[i * d + j];
    for (let l = 0; l < L; l++) {
      for (let j = 0; j < d; j++) next[j] = 0;
      for (let m = 0; m < M; m++) {
        const v = preactivation(l, m, l);
        r[l * M + m] = v;
        const s = activation.sigma(v);
        const off = (source(l) * M + m) * k;
        for (let j = 0; j < d; j++) next[j] += theta[off + j] * s;
      }
      for (let j = 0; j < d; j++) {
        const value = z[l * d + j] + c * next[j];
        z[(l + 1) * d + j] = round ? round(value) : value;
      }
    }
    let g = 0;
    for (let j = 0; j < d; j++) g += readout[j] * z[L * d + j];
    g *= readoutFactor;
    outputs[i] = g;
    const res = (defects.terminalFactor ?? 1) * (g - y[i]);
    for (let j = 0; j < d; j++) lambda[j] = res * readoutFactor * readout[j];
    for (let l = L - 1; l >= 0; l--) {
      // λ holds λ_{l+1}: the gradient at layer l, then λ_l
      for (let m = 0; m < M; m++) {
        const off = (source(l) * M + m) * k;
        const at = defects.dsigmaAtNext ? preactivation(l, m, l + 1) : r[l * M + m];
        let ul = 0;
        for (let j = 0; j < d; j++) ul += theta[off + j] * lambda[j];
        beta[m] = activation.dsigma(at) * dsigmaFactor(at) * ul;
        const s = activation.sigma(r[l * M + m]);
        const g0 = (l * M + m) * k;
        for (let j = 0; j < d; j++) {
          grad[g0 + j] += s * lambda[j];
          grad[g0 + d + j] += beta[m] * z[l * d + j];
        }
        grad[g0 + 2 * d] += beta[m];
      }
      for (let j = 0; j < d; j++) {
        let acc = 0;
        for (let m = 0; m < M; m++) acc += beta[m] * theta[(source(l) * M + (m + shift) % M) * k + d + j];
        lambda[j] = (defects.noIdentity ? 0 : lambda[j]) + cAdjoint * acc;
      }
    }
  }
  const scale = c / N;
  const bias = defects.biasGradientFactor ?? 1;
  for (let p = 0; p < grad.length; p++) grad[p] *= p % k === 2 * d ? scale * bias : scale;
  if (defects.blockFactor) {
    const factor = defects.blockFactor;
    for (let p = 0; p < grad.length; p++) {
      const q = p % k;
      grad[p] *= factor(q < d ? 'u' : q < 2 * d ? 'w' : 'b', Math.floor(p / k) % M, M);
    }
  }
  return { loss: lossFromOutputs(outputs, y), outputs, grad };
}
