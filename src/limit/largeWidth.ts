/**
 * A large-width (mean-field) reference along training (theory.md §4, eq. (9); [DCLW-b] Thm E.1).
 *
 * At a fixed depth L, the network of width M trained by GD with h = M L Δs is the particle discretisation of
 * the mean-field flow (9): its empirical neuron measure approximates ρ(·, t, s). The loss E_ρ(s) of the flow is
 * approximated by the loss of networks of a large width M_ref ≫ M, averaged over K independent seeds:
 *
 *   E_ref(s_j) = (1/K) Σ_k E_{M_ref}^{(k)}(s_j),   s_j = j·Δs,  j = 0..steps,
 *
 * with its own error estimated from the seed-to-seed spread: spread(s) = std_k E_{M_ref}^{(k)}(s) ≈ C/sqrt(M_ref)
 * (Lemma F.1: E|E_M − E_ρ|² ≤ C/M), and referenceError(s) = spread(s)/sqrt(K) (the standard error of the mean of
 * K i.i.d. draws). The O(1/M_ref) bias of E_{M_ref} is not in this estimate; callers that know the bias of
 * their own ladder add it (see properties/widthTraining.ts).
 *
 * Neurons are linear depth paths θ_m(t) = a_m + t·c_m with a_m, c_m ~ N(0, scale² I_k) i.i.d. (src/init/paths.ts,
 * init 'linear'): every width draws its M neurons i.i.d. from the same law. Networks with the same seed and
 * different M share their first neurons (the stream is the same, read further), which is harmless: each
 * network's neurons are i.i.d. from that law.
 *
 * Variance reduction (optional, `antithetic`): neuron M/2 + m is the mirror (−u, w, b) of neuron m (whole path).
 * The law is symmetric under u → −u, so every neuron still has the law ρ₀ and the M/2 pairs are i.i.d.: E_M still
 * converges to E_ρ, and the seed spread still estimates the error honestly. The pairing cancels the part of the
 * first-order fluctuation that is odd in u: all of it at s = 0 (z_L = x exactly), and a factor 2–3.5 of the spread
 * at s = 1 in the tested settings (test/limit/largeWidth.test.ts).
 *
 * Since the output weights u have mean 0 and are independent of (w, b), ∫ f(z, θ) ρ(dθ, t) = 0 at s = 0, so the
 * mean-field state does not move at initialisation: Z_ρ(1; x) = x and E_ρ(0) = (1/N) Σ_i ½ (aᵀx_i − y_i)²
 * exactly (meanFieldInitialLoss, our derivation from theory.md §4).
 */
import type { Activation } from '../activations/activation.js';
import type { Dataset } from '../data/dataset.js';
import { InvalidArgumentError, MachineryFailure, REFERENCE_NOT_FINITE } from '../errors.js';
import { initNetwork } from '../init/paths.js';
import type { Network } from '../model/network.js';
import { train } from '../train/gradientDescent.js';

/** Everything but the width and the seed: the setting in which widths are compared. */
export interface WidthSetting {
  /** Depth L ≥ 1 (fixed: width is compared at the same L). */
  L: number;
  activation: Activation;
  /** Standard deviation of every component of a_m, c_m (linear depth paths). */
  scale: number;
  data: Dataset;
  /** Training-time step Δs > 0; h = M L Δs. */
  dt: number;
  /** Number of GD steps K ≥ 0; the grid is s_j = j·Δs, j = 0..steps. */
  steps: number;
  /**
   * Factor on every output weight u at initialisation (default 1). With factor c(M) the layer map is
   * (c(M)/(M L)) Σ_m f: c = 1 is the mean-field scaling; c = sqrt(M) plants the lazy 1/(sqrt(M) L) scaling.
   */
  uFactor?: (M: number) => number;
}

/** The loss curve of one network: E(s_j) for j = 0..steps, or the step at which training diverged. */
export type LossCurve = { status: 'completed'; E: Float64Array } | { status: 'diverged'; message: string };

/**
 * Initialises a width-M network with linear depth paths from `seed` (widthNetwork) and trains it for `steps` GD
 * steps with h = M L Δs (src/train).
 * @returns E at s_j = j·Δs, Float64Array of length steps + 1, or the divergence message
 */
export function lossCurve(setting: WidthSetting, M: number, seed: number, antithetic = false): LossCurve {
  const net = widthNetwork(setting, M, seed, antithetic);
  const result = train(net, setting.data, { dt: setting.dt, steps: setting.steps });
  if (result.status === 'diverged') return { status: 'diverged', message: `M=${M} seed=${seed}: ${result.message}` };
  return { status: 'completed', E: Float64Array.from(result.trajectory, (p) => p.E) };
}

/**
 * The initial network of width M and seed `seed` in `setting` (u scaled by uFactor(M)); with `antithetic`, the
 * second half of the neurons mirrors the first, θ_{l, M/2+m} = (−u, w, b) of θ_{l,m} (M odd: the last neuron is
 * unpaired).
 * @returns Network with theta of length L·M·(2d+1), layout (L, M, k)
 */
export function widthNetwork(setting: WidthSetting, M: number, seed: number, antithetic = false): Network {
  const d = setting.data.d;
  const net = initNetwork({ d, L: setting.L, M, activation: setting.activation, init: 'linear', seed, scale: setting.scale });
  if (antithetic) {
    const k = 2 * d + 1;
    const H = Math.floor(M / 2);
    for (let l = 0; l < setting.L; l++)
      for (let m = 0; m < H; m++) {
        const src = (l * M + m) * k;
        const dst = (l * M + H + m) * k;
        for (let j = 0; j < k; j++) net.theta[dst + j] = j < d ? -net.theta[src + j] : net.theta[src + j];
      }
  }
  const c = setting.uFactor?.(M) ?? 1;
  if (c !== 1) {
    const k = 2 * d + 1;
    for (let q = 0; q < setting.L * M; q++) for (let j = 0; j < d; j++) net.theta[q * k + j] *= c;
  }
  return net;
}

/** E_ref on the grid s_j with its own error. */
export interface LargeWidthReference {
  /** M_ref. */
  M: number;
  /** Seeds of the K reference networks. */
  seeds: number[];
  /** s_j = j·Δs, length steps + 1. */
  s: Float64Array;
  /** E_ref(s_j): the mean over the K seeds. */
  E: Float64Array;
  /** Sample standard deviation over the K seeds of E_{M_ref}(s_j) (≈ C/sqrt(M_ref)). */
  spread: Float64Array;
  /** spread(s_j)/sqrt(K): the standard error of E_ref(s_j). */
  error: Float64Array;
}

/**
 * The large-width reference: K ≥ 2 networks of width M_ref trained in `setting`, averaged per s_j.
 * @param antithetic draw the reference networks in antithetic pairs (widthNetwork); M_ref must then be even
 * @throws InvalidArgumentError when fewer than 2 seeds are given; MachineryFailure (REFERENCE_NOT_FINITE) when a reference network diverges
 *   (field `reference`; a mean-field run with bounded σ does not diverge at the steps the claims use).
 */
export function largeWidthReference(setting: WidthSetting, M: number, seeds: readonly number[], antithetic = false): LargeWidthReference {
  if (seeds.length < 2) throw new InvalidArgumentError('seeds', 'at least 2 seeds (the spread needs two)', seeds.length);
  if (antithetic && M % 2 !== 0) throw new InvalidArgumentError('M', 'even (antithetic pairs)', M);
  const J = setting.steps + 1;
  const curves = seeds.map((seed) => {
    const c = lossCurve(setting, M, seed, antithetic);
    if (c.status === 'diverged') throw new MachineryFailure(REFERENCE_NOT_FINITE, `large-width reference run: ${c.message}`);
    return c.E;
  });
  const K = curves.length;
  const E = new Float64Array(J);
  const spread = new Float64Array(J);
  const error = new Float64Array(J);
  for (let j = 0; j < J; j++) {
    let mean = 0;
    for (const c of curves) mean += c[j];
    mean /= K;
    let ss = 0;
    for (const c of curves) ss += (c[j] - mean) ** 2;
    E[j] = mean;
    spread[j] = Math.sqrt(ss / (K - 1));
    error[j] = spread[j] / Math.sqrt(K);
  }
  return { M, seeds: [...seeds], s: Float64Array.from({ length: J }, (_, j) => j * setting.dt), E, spread, error };
}

/**
 * The mean-field loss at initialisation for linear paths with mean-zero u independent of (w, b):
 * E_ρ(0) = (1/N) Σ_i ½ (aᵀx_i − y_i)², since ∫ u σ(wᵀz + b) ρ(dθ, t) = E[u] E[σ(wᵀz + b)] = 0 for every z, t.
 * @param readout a, length d
 */
export function meanFieldInitialLoss(data: Dataset, readout: Float64Array): number {
  let sum = 0;
  for (let i = 0; i < data.N; i++) {
    let g = 0;
    for (let j = 0; j < data.d; j++) g += readout[j] * data.x[i * data.d + j];
    sum += 0.5 * (g - data.y[i]) ** 2;
  }
  return sum / data.N;
}
