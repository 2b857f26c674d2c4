/**
 * The layer-monotonicity certificate of claim 19 (properties/obstruction.ts) and the pieces of its negative
 * control: a planted first layer that folds the line (foldedNetwork) and a gate that ignores the certificate
 * (ignoreGate), which together the claim must reject. In d = 1, θ = (u, w, b) occupies 3 numbers per neuron.
 */
import type { Network } from '../src/model/index.js';
import { gamma } from '../src/numeric/index.js';

/** The layer-monotonicity certificate: ok when every layer map is certified increasing; κ = max_l κ_l. */
export type LayerGate = (net: Network) => { ok: boolean; kappa: number };

/**
 * max_l κ_l, κ_l = (1/(ML)) Σ_m |u_{l,m} w_{l,m}| sup|σ'| (d = 1). φ_l'(z) = 1 + (1/(ML)) Σ_m u w σ'(w z + b)
 * ≥ 1 − κ_l for every real z, so κ_l < 1 makes φ_l strictly increasing on the whole line, not only at the data.
 */
export function layerKappa(net: Network): number {
  const { L, M, theta } = net;
  let kappa = 0;
  for (let l = 0; l < L; l++) {
    let sum = 0;
    for (let m = 0; m < M; m++) sum += Math.abs(theta[(l * M + m) * 3] * theta[(l * M + m) * 3 + 1]);
    kappa = Math.max(kappa, sum * net.activation.supAbsDsigma * (1 / (M * L)));
  }
  return kappa;
}

/**
 * Nominal gate: κ·(1 + γ_{M+4}) < 1. The computed κ carries M + 3 roundings (products, sum, two scalings)
 * and sup|σ'| one more, so the margin γ_{M+4} makes the certificate hold for the exact κ.
 */
export const monotoneLayersGate: LayerGate = (net) => {
  const kappa = layerKappa(net);
  return { ok: kappa * (1 + gamma(net.M + 4)) < 1, kappa };
};

/** Control gate: asserts the bound whatever the layers (the assumption dropped). */
export const ignoreGate: LayerGate = (net) => ({ ok: true, kappa: layerKappa(net) });

/**
 * A folding first layer fitted (least squares, 3 tanh neurons, max error 0.014 on [−1, 1]) so that
 * φ_0(x) = x + Σ_k U_k tanh(W_k x + B_k) ≈ 1 − 2x², the bump itself: κ_0 = Σ|U_k W_k| ≈ 8.
 * Rows (U, W, B).
 */
const FOLD = [
  [-4.29, 1.105, -1.222],
  [1.814, 1.576, 1.626],
  [4.309, -0.101, -3.06],
] as const;

/**
 * `net` (d = 1, M a multiple of 3) with layer 0 replaced by the fold (neuron m takes row m mod 3, u scaled by
 * 3L so that (1/(ML)) Σ_m u σ = Σ_k U_k σ_k) and u = 0 in the other layers (identity maps at s = 0).
 */
export function foldedNetwork(net: Network): Network {
  const theta = Float64Array.from(net.theta);
  for (let m = 0; m < net.M; m++) {
    const [U, W, B] = FOLD[m % 3];
    theta.set([3 * net.L * U, W, B], m * 3);
  }
  for (let l = 1; l < net.L; l++) for (let m = 0; m < net.M; m++) theta[(l * net.M + m) * 3] = 0;
  return { ...net, theta };
}
