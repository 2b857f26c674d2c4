/**
 * An explicit constant C with |E(Θ) − E(Θ')| ≤ C ‖Θ − Θ'‖* (theory.md §6 item 13; ‖·‖* of model/meanFieldNorm.ts),
 * built only from sup|σ|, sup|σ'|, the data bounds and neuron averages of the parameters, so that it does not
 * depend on L or M at a fixed per-neuron parameter scale. Our derivation (proofs-notes/lipschitz-parameters.md),
 * in the spirit of [DCLW-b] Lemma D.2 (stability of the forward map in the parameters).
 *
 * With F_l(z; Θ) = (1/M) Σ_m u σ(wᵀz + b), δ_l = z_l − z'_l (per sample), S_σ = sup|σ|, σ'_∞ = sup|σ'|:
 *   |F_l(z; Θ) − F_l(z'; Θ)| ≤ K_l |z − z'|,              K_l = σ'_∞ (1/M) Σ_m |u_{l,m}| |w_{l,m}|,
 *   |F_l(z'; Θ) − F_l(z'; Θ')| ≤ (1/M) Σ_m c_{l,m} |θ_{l,m} − θ'_{l,m}|,  c² = S_σ² + σ'_∞² |u'|² (|z'|² + 1),
 * so |δ_{l+1}| ≤ (1 + K_l/L)|δ_l| + (1/(ML)) Σ_m c_{l,m}|Δθ_{l,m}| and, by discrete Grönwall and Cauchy–Schwarz,
 *   |δ_L| ≤ exp(K̄) · sqrt((1/(ML)) Σ c²) · ‖Θ − Θ'‖*,    K̄ = σ'_∞ (1/(ML)) Σ_{l,m} |u||w|.
 * The forward bound |z_l − x| ≤ S_σ (1/(ML)) Σ|u| (forward-bound.md) gives |z'| ≤ Z' = X + S_σ mean|u'|, and
 *   |E − E'| ≤ (1/N) Σ_i ½ |g_i − g'_i| |g_i + g'_i − 2 y_i| ≤ |a| |δ_L| (|a| Z̃ + Y),   Z̃ = X + S_σ max(mean|u|, mean|u'|),
 * with X = max_i |x_i|, Y = max_i |y_i|. Hence
 *   C = |a| (|a| Z̃ + Y) · exp(K̄) · sqrt(S_σ² + σ'_∞² (Z'² + 1) mean|u'|²).
 * Needs sup|σ| < ∞ (tanh, sigmoid, sin, gaussian).
 */
import type { Dataset } from '../data/dataset.js';
import { InvalidArgumentError, ShapeMismatchError } from '../errors.js';
import type { Network } from './network.js';

/** The constant and its factors, for reporting. */
export interface LipschitzConstant {
  C: number;
  /** exp(K̄): the Grönwall factor. */
  growth: number;
  /** sqrt(S_σ² + σ'_∞² (Z'² + 1) mean|u'|²): the RMS parameter sensitivity of a block. */
  sensitivity: number;
  /** |a| (|a| Z̃ + Y): the loss's Lipschitz factor in the final state. */
  lossFactor: number;
}

/**
 * C(Θ, Θ') of the module docstring.
 * @param net holds Θ; thetaPrime Θ', same layout (L, M, 2d+1)
 * @throws InvalidArgumentError (field `activation`) when sup|σ| is infinite; ShapeMismatchError naming
 *   `thetaPrime` (length ≠ L·M·(2d+1)) or `data.d`
 */
export function lipschitzConstant(net: Network, thetaPrime: Float64Array, data: Dataset): LipschitzConstant {
  const { d, L, M, theta, activation, readout } = net;
  if (thetaPrime.length !== theta.length) throw new ShapeMismatchError('thetaPrime', `length L·M·(2d+1) = ${theta.length}, as theta`, thetaPrime);
  if (data.d !== d) throw new ShapeMismatchError('data.d', `d = ${d} of the network`, data.d);
  const Ss = activation.supAbsSigma;
  const Sd = activation.supAbsDsigma;
  if (!Number.isFinite(Ss)) throw new InvalidArgumentError('activation', 'an activation with sup|σ| < ∞', activation.name);
  const k = 2 * d + 1;
  const n = L * M;
  let uw = 0;
  let meanU = 0;
  let meanUp = 0;
  let meanUp2 = 0;
  for (let p = 0; p < n; p++) {
    let u2 = 0;
    let w2 = 0;
    let up2 = 0;
    for (let j = 0; j < d; j++) {
      u2 += theta[p * k + j] ** 2;
      w2 += theta[p * k + d + j] ** 2;
      up2 += thetaPrime[p * k + j] ** 2;
    }
    uw += Math.sqrt(u2 * w2);
    meanU += Math.sqrt(u2);
    meanUp += Math.sqrt(up2);
    meanUp2 += up2;
  }
  uw /= n;
  meanU /= n;
  meanUp /= n;
  meanUp2 /= n;
  let X = 0;
  for (let i = 0; i < data.N; i++) {
    let x2 = 0;
    for (let j = 0; j < d; j++) x2 += data.x[i * d + j] ** 2;
    X = Math.max(X, Math.sqrt(x2));
  }
  let Y = 0;
  for (let i = 0; i < data.N; i++) Y = Math.max(Y, Math.abs(data.y[i]));
  let a2 = 0;
  for (let j = 0; j < d; j++) a2 += readout[j] ** 2;
  const a = Math.sqrt(a2);
  const Zp = X + Ss * meanUp;
  const Zt = X + Ss * Math.max(meanU, meanUp);
  const growth = Math.exp(Sd * uw);
  const sensitivity = Math.sqrt(Ss * Ss + Sd * Sd * (Zp * Zp + 1) * meanUp2);
  const lossFactor = a * (a * Zt + Y);
  return { C: lossFactor * growth * sensitivity, growth, sensitivity, lossFactor };
}
