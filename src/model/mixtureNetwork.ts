/**
 * The network of a mixture of neuron measures (theory.md §6 item 23): given networks Θ⁰ (width M0) and Θ¹
 * (width M1) with the same d, L, σ and readout, and λ in [0, 1], the network of width M0 + M1 whose layer l
 * carries the measure (1 − λ) ρ⁰_l + λ ρ¹_l, ρ^i_l = (1/M_i) Σ_m δ_{θ^i_{l,m}}:
 *
 *   (1/L) ∫ f(z, θ) d[(1 − λ)ρ⁰_l + λρ¹_l] = (1/(ML)) Σ_{m=1}^{M} u^λ_m σ(w_mᵀz + b_m),   M = M0 + M1,
 *
 * realised exactly in the kernel's (1/(ML)) Σ by reweighting u: u^λ = M(1 − λ)/M0 · u⁰ for the first M0 neurons
 * and u^λ = M λ/M1 · u¹ for the last M1 (w, b copied bit for bit). The only rounding is in the weights:
 * fl(fl(M(1 − λ)/M0)·u) has relative error ≤ γ_4 (1 − λ is exact for dyadic λ in [0, 1]); see
 * mixtureWeightError. With L = 1 the output is affine in λ and E is a convex quadratic in λ.
 */
import { ShapeMismatchError } from '../errors.js';
import type { Network } from './network.js';

/**
 * @param lambda λ in [0, 1] (trusted)
 * @returns Network of width M0 + M1, layout (L, M0 + M1, 2d + 1), activation and readout of net0
 * @throws ShapeMismatchError when d or L differ
 */
export function mixtureNetwork(net0: Network, net1: Network, lambda: number): Network {
  if (net0.d !== net1.d) throw new ShapeMismatchError('net1.d', `d = ${net0.d}`, net1.d);
  if (net0.L !== net1.L) throw new ShapeMismatchError('net1.L', `L = ${net0.L}`, net1.L);
  const { d, L } = net0;
  const k = 2 * d + 1;
  const M0 = net0.M;
  const M1 = net1.M;
  const M = M0 + M1;
  const c0 = (M * (1 - lambda)) / M0;
  const c1 = (M * lambda) / M1;
  const theta = new Float64Array(L * M * k);
  for (let l = 0; l < L; l++) {
    for (let m = 0; m < M; m++) {
      const [src, mm, c] = m < M0 ? [net0.theta, l * M0 + m, c0] : [net1.theta, l * M1 + (m - M0), c1];
      const off = (l * M + m) * k;
      for (let j = 0; j < k; j++) theta[off + j] = j < d ? c * src[mm * k + j] : src[mm * k + j];
    }
  }
  return { d, L, M, activation: net0.activation, readout: Float64Array.from(net0.readout), theta };
}

/** Relative error bound of each reweighted u^λ entry: γ_4 (the factor: three roundings; the product: one). */
export const MIXTURE_WEIGHT_ROUNDINGS = 4;
