/**
 * The loss of the network whose layer l carries the mixed neuron measure (1 − ε) ρ_l + ε δ_{θ*}, where ρ_l is the
 * empirical measure of layer l's M neurons (theory.md §6 claim 15). Layer l's map is realised literally as
 *
 *   z_{l+1} = z_l + (1/L) [ (1 − ε) (1/M) Σ_m f(z_l, θ_{l,m}) + ε f(z_l, θ*) ],    f(z, θ) = u σ(wᵀz + b),
 *
 * and every other layer as in forward.ts (z + c Σ_m f, c = fl(1/(ML)), pairwise neuron sum); E = (1/N) Σ ½ res².
 * Operation order of the mixed layer: acc = Σ_m u_m σ_m (pairwise), t_j = fl((1−ε)/M)·acc_j + ε·(u*_j σ*),
 * z_{l+1,j} = z_{l,j} + fl(1/L)·t_j.
 *
 * The rounding bound is forwardErrorBound's running analysis (rounding-bound.md), with the mixed layer's own terms:
 *   δt_j = α δacc_j + γ_3 α A_j + ε(|u*_j| δs* + 2u |u*_j s*|) + u|t_j|,   α = (1−ε)/M, A_j = Σ_m |u_mj s_m| ≥ |acc_j|,
 *   δacc_j = Σ_m |u_mj|(δs_m + u|s_m|) + γ_h A_j as in roundingBound.ts (h = ⌈log2 M⌉),
 *   e_{l+1} = max_j [ e_l + (1/L)(δt_j + 2u|t_j|) + u|z_{l+1,j}| ].
 */
import type { Dataset } from '../data/dataset.js';
import { InvalidArgumentError, ShapeMismatchError } from '../errors.js';
import { finiteNumber, integerInRange } from '../validate.js';
import { UNIT_ROUNDOFF as u, gamma } from '../numeric/float64.js';
import type { Network } from './network.js';
import { neuronSum, neuronSumScratchLength } from './neuronSum.js';
import { ACTIVATION_RELATIVE_ERROR } from './roundingBound.js';

/**
 * E(ε) of the mixed network and a first-order bound on its float64 rounding error.
 * @param l the mixed layer, 0 ≤ l < L
 * @param thetaStar the added neuron θ* = (u*, w*, b*), length 2d+1
 * @param eps mixing weight ε in [0, 1]
 * @throws InvalidArgumentError naming `l` (not an integer in [0, L)) or `eps` (not in [0, 1]); ShapeMismatchError
 *   naming `thetaStar` (length ≠ 2d+1) or `data.d`; NonFiniteError naming `thetaStar[i]` or `eps`
 */
export function mixedLayerLoss(net: Network, data: Dataset, l: number, thetaStar: Float64Array, eps: number): { E: number; dE: number } {
  const { d, L, M, theta, activation, readout } = net;
  integerInRange('l', l, 0, L - 1);
  if (thetaStar.length !== 2 * d + 1) throw new ShapeMismatchError('thetaStar', `length 2d+1 = ${2 * d + 1}`, thetaStar);
  thetaStar.forEach((v, i) => finiteNumber(`thetaStar[${i}]`, v));
  if (!(finiteNumber('eps', eps) >= 0 && eps <= 1)) throw new InvalidArgumentError('eps', 'a mixing weight in [0, 1]', eps);
  if (data.d !== d) throw new ShapeMismatchError('data.d', `d = ${d} of the network`, data.d);
  const k = 2 * d + 1;
  const c = 1 / (M * L);
  const alpha = (1 - eps) / M;
  const cL = 1 / L;
  const gSum = gamma(Math.ceil(Math.log2(M)));
  const gDot = gamma(d + 1);
  const z = new Float64Array(d);
  const s = new Float64Array(M);
  const acc = new Float64Array(d);
  const scratch = new Float64Array(neuronSumScratchLength(M, d));
  const ds = new Float64Array(M);
  let lossSum = 0;
  let boundSum = 0;
  let absLoss = 0;
  for (let i = 0; i < data.N; i++) {
    for (let j = 0; j < d; j++) z[j] = data.x[i * d + j];
    let e = 0;
    for (let layer = 0; layer < L; layer++) {
      for (let m = 0; m < M; m++) {
        const off = (layer * M + m) * k;
        const pre = preActivation(theta, off, d, z);
        s[m] = activation.sigma(pre.r);
        ds[m] = ACTIVATION_RELATIVE_ERROR * Math.abs(s[m]) + Math.abs(activation.dsigma(pre.r)) * (gDot * pre.abs + pre.w1 * e);
      }
      neuronSum(theta, layer * M, k, 0, d, s, 0, 0, M, acc, 0, scratch, 0);
      let sStar = 0;
      let dsStar = 0;
      if (layer === l) {
        const pre = preActivation(thetaStar, 0, d, z);
        sStar = activation.sigma(pre.r);
        dsStar = ACTIVATION_RELATIVE_ERROR * Math.abs(sStar) + Math.abs(activation.dsigma(pre.r)) * (gDot * pre.abs + pre.w1 * e);
      }
      let next = 0;
      for (let j = 0; j < d; j++) {
        let dacc = 0;
        let absAcc = 0;
        for (let m = 0; m < M; m++) {
          const au = Math.abs(theta[(layer * M + m) * k + j]);
          dacc += au * (ds[m] + u * Math.abs(s[m]));
          absAcc += au * Math.abs(s[m]);
        }
        dacc += gSum * absAcc;
        let ej: number;
        if (layer === l) {
          const star = thetaStar[j] * sStar;
          const t = alpha * acc[j] + eps * star;
          const dt = alpha * dacc + gamma(3) * alpha * absAcc + eps * (Math.abs(thetaStar[j]) * dsStar + 2 * u * Math.abs(star)) + u * Math.abs(t);
          z[j] += cL * t;
          ej = e + cL * (dt + 2 * u * Math.abs(t)) + u * Math.abs(z[j]);
        } else {
          z[j] += c * acc[j];
          ej = e + c * (dacc + 2 * u * absAcc) + u * Math.abs(z[j]);
        }
        next = Math.max(next, ej);
      }
      e = next;
    }
    let g = 0;
    let a1 = 0;
    let absG = 0;
    for (let j = 0; j < d; j++) {
      g += readout[j] * z[j];
      a1 += Math.abs(readout[j]);
      absG += Math.abs(readout[j] * z[j]);
    }
    const res = g - data.y[i];
    const dg = a1 * e + gamma(d) * absG;
    lossSum += 0.5 * res * res;
    absLoss += 0.5 * res * res;
    boundSum += Math.abs(res) * (dg + u * Math.abs(res)) + u * res * res;
  }
  const E = lossSum * (1 / data.N);
  return { E, dE: 1.01 * (boundSum / data.N + gamma(data.N + 1) * (absLoss / data.N)) };
}

/** r = b + Σ_j w_j z_j (j ascending, as forward.ts), Σ|terms| and ‖w‖₁, for the neuron at theta[off ..]. */
function preActivation(theta: Float64Array, off: number, d: number, z: Float64Array): { r: number; abs: number; w1: number } {
  let r = theta[off + 2 * d];
  let abs = Math.abs(r);
  let w1 = 0;
  for (let j = 0; j < d; j++) {
    r += theta[off + d + j] * z[j];
    abs += Math.abs(theta[off + d + j] * z[j]);
    w1 += Math.abs(theta[off + d + j]);
  }
  return { r, abs, w1 };
}
