/**
 * A first-order a-priori bound on the float64 rounding error of the forward pass and the loss
 * (derivation: proofs-notes/rounding-bound.md). Used wherever a claim must tell "equal up to rounding" from
 * "different": finite-difference floors, monotonicity tolerances, permutation invariance.
 *
 * Per sample, with e_l a bound on max_j |ẑ_l,j − z_l,j| (e_0 = 0, inputs are exact):
 *   δr_m   = γ_{d+1} (|b| + Σ_j |w_j z_j|) + ‖w‖₁ e_l                      (dot product + propagated error)
 *   δs_m   = ε_σ |s_m| + |σ'(r_m)| δr_m                                     (σ evaluation + propagation)
 *   δacc_j = Σ_m |u_mj| (δs_m + u|s_m|) + γ_{⌈log2 M⌉} Σ_m |u_mj s_m|        (products + pairwise sum)
 *   e_{l+1} = max_j [ e_l + c (δacc_j + 2u Σ_m |u_mj s_m|) + u |z_{l+1,j}| ] (c = fl(1/(ML)), product, add;
 *                                                                         Σ|u s| ≥ |acc_j| keeps it first-order safe)
 * then δg = ‖a‖₁ e_L + γ_d Σ|a_j z_j|, δres = δg + u|res|, and
 *   δE = (1/N) Σ_i (|res_i| δres_i + 2u res_i²/2) + γ_{N+1} E.
 * Second-order terms O(u²) are covered by a factor 1.01 on the result.
 */
import type { Network } from './network.js';
import type { Workspace } from './workspace.js';
import { UNIT_ROUNDOFF as u, gamma } from '../numeric/float64.js';

/**
 * Accuracy assumed for σ evaluations: relative error ≤ ε_σ = 8u. The activation tests measure each
 * σ, σ', σ'' against a 50-digit reference and assert it stays within this (see test/activations).
 */
export const ACTIVATION_RELATIVE_ERROR = 8 * u;

/**
 * Whose rounding a bound is of: 'pairwise', resnet-mf's own kernel (neuron sums pairwise, γ_{⌈log2 M⌉}, and exactly
 * the roundings counted in the derivation); 'any', any implementation that sums the M neurons in any order (γ_M)
 * and rounds each product, scaling and sum at most twice as often as the derivation counts (the whole bound
 * doubled): the bound a claim applies to a subject under test whose code it does not know (src/subject).
 */
export type RoundingModel = 'pairwise' | 'any';

/** γ of the neuron sum over M terms, and the factor on the whole bound, for a rounding model. */
function modelFactors(M: number, model: RoundingModel): { gSum: number; slack: number } {
  return model === 'pairwise' ? { gSum: gamma(Math.ceil(Math.log2(M))), slack: 1 } : { gSum: gamma(M), slack: 2 };
}

export interface ForwardErrorBound {
  /** Per sample, a bound on max_j |ẑ_L,j − z_L,j|; length N. */
  state: Float64Array;
  /** Per sample, a bound on |ĝ_i − g_i|; length N. */
  outputs: Float64Array;
  /** A bound on |Ê − E|. */
  loss: number;
  /** Per layer and sample, the bound e_l on max_j |ẑ_l,j − z_l,j| (before the 1.01 factor); length (L+1)·N, (L+1, N). */
  layers: Float64Array;
}

/**
 * The bound for the float64 forward pass whose values are in `ws` (call forward() first).
 * @param y labels, length N (for the loss bound)
 * @param model whose rounding: resnet-mf's kernel (default) or any implementation (RoundingModel)
 */
export function forwardErrorBound(net: Network, ws: Workspace, y: Float64Array, model: RoundingModel = 'pairwise'): ForwardErrorBound {
  const { d, L, M, theta, activation, readout } = net;
  const { N, z, r, s } = ws;
  const k = 2 * d + 1;
  const c = 1 / (M * L);
  const { gSum, slack } = modelFactors(M, model);
  const gDot = gamma(d + 1);
  const state = new Float64Array(N);
  const outputs = new Float64Array(N);
  const layers = new Float64Array((L + 1) * N);
  const dacc = new Float64Array(d);
  const absAcc = new Float64Array(d);
  let lossSum = 0;
  let E = 0;
  for (let i = 0; i < N; i++) {
    let e = 0;
    for (let l = 0; l < L; l++) {
      const zi = (l * N + i) * d;
      const ri = (l * N + i) * M;
      dacc.fill(0);
      absAcc.fill(0);
      for (let m = 0; m < M; m++) {
        const off = (l * M + m) * k;
        let absPre = Math.abs(theta[off + 2 * d]);
        let w1 = 0;
        for (let j = 0; j < d; j++) {
          absPre += Math.abs(theta[off + d + j] * z[zi + j]);
          w1 += Math.abs(theta[off + d + j]);
        }
        const dr = gDot * absPre + w1 * e;
        const sm = Math.abs(s[ri + m]);
        const ds = ACTIVATION_RELATIVE_ERROR * sm + Math.abs(activation.dsigma(r[ri + m])) * dr;
        for (let j = 0; j < d; j++) {
          const au = Math.abs(theta[off + j]);
          dacc[j] += au * (ds + u * sm);
          absAcc[j] += au * sm;
        }
      }
      const zo = ((l + 1) * N + i) * d;
      let next = 0;
      for (let j = 0; j < d; j++) {
        const ej = e + c * (dacc[j] + gSum * absAcc[j] + 2 * u * absAcc[j]) + u * Math.abs(z[zo + j]);
        next = Math.max(next, ej);
      }
      e = next;
      layers[(l + 1) * N + i] = e;
    }
    const zL = (L * N + i) * d;
    let a1 = 0;
    let absG = 0;
    for (let j = 0; j < d; j++) {
      a1 += Math.abs(readout[j]);
      absG += Math.abs(readout[j] * z[zL + j]);
    }
    const res = ws.outputs[i] - y[i];
    const dg = a1 * e + gamma(d) * absG;
    state[i] = 1.01 * slack * e;
    outputs[i] = 1.01 * slack * dg;
    lossSum += Math.abs(res) * (dg + u * Math.abs(res)) + u * res * res;
    E += 0.5 * res * res;
  }
  const loss = 1.01 * slack * (lossSum / N + gamma(N + 1) * (E / N));
  if (slack !== 1) for (let q = 0; q < layers.length; q++) layers[q] *= slack;
  return { state, outputs, loss, layers };
}

/**
 * A first-order bound on the float64 rounding error of each entry of the adjoint gradient ∂E/∂θ: a running
 * error analysis of adjoint.ts, operation by operation (derivation: proofs-notes/rounding-bound.md).
 *
 * Per sample, with δλ a bound on the adjoint's error (∞-norm) and e_l the forward state bound:
 *   λ_L = res·a:            δλ = ‖a‖∞ δres + u |res| ‖a‖∞,            δres = 1.01 δg + u|res| (δg as forwardErrorBound.outputs)
 *   ul = Σ_j u_j λ_j:       δul = γ_{d+1} Σ_j |u_j λ_j| + ‖u‖₁ δλ
 *   r (from forward):       δr = γ_{d+1}(|b| + Σ_j |w_j z_j|) + ‖w‖₁ e_l
 *   β = σ'(r)·ul:           δβ = |σ'| δul + |ul| (σ₂ δr + ε_σ|σ'|) + u|β|     (σ₂ = |σ''(r)|, or sup|σ''| if C^{1,1})
 *   s = σ(r):               δs = ε_σ|s| + |σ'| δr
 *   terms s λ_j, β z_j, β:  δ(sλ_j) = |s|δλ + |λ_j|δs + u|sλ_j|,  δ(βz_j) = |β|e_l + |z_j|δβ + u|βz_j|
 *   acc_j = Σ_m β_m w_mj:   δacc_j = Σ_m (|w_mj| δβ_m + u|β_m w_mj|) + γ_{⌈log2 M⌉} Σ_m |β_m w_mj|
 *   λ_j ← λ_j + c acc_j:    δλ' = δλ + c (δacc + 2u Σ_m |β_m w_mj|) + u|λ'|
 * then the sum over samples adds γ_N Σ_i |term_i| and the scaling by fl(c/N) two more roundings.
 * @param y labels, length N; ws filled by forward() at net.theta
 * @param model whose rounding: resnet-mf's kernel (default) or any implementation (RoundingModel)
 * @returns Float64Array of length L·M·(2d+1), layout of theta
 */
export function gradientErrorBound(net: Network, ws: Workspace, y: Float64Array, model: RoundingModel = 'pairwise'): Float64Array {
  return adjointErrorAnalysis(net, ws, y, model).gradient;
}

/**
 * The same running error analysis, read off at the adjoint itself: entry (l, i) bounds max_j |λ̂_l,j(x_i) − λ_l,j(x_i)|
 * (λ as adjoint.ts computes it: per sample, no 1/N), with the factor 1.01 for second-order terms.
 * @param y labels, length N; ws filled by forward() at net.theta
 * @returns Float64Array of length (L+1)·N, row-major (L+1, N)
 */
export function adjointErrorBound(net: Network, ws: Workspace, y: Float64Array): Float64Array {
  return adjointErrorAnalysis(net, ws, y).adjoint;
}

function adjointErrorAnalysis(net: Network, ws: Workspace, y: Float64Array, model: RoundingModel = 'pairwise'): { gradient: Float64Array; adjoint: Float64Array } {
  const { d, L, M, theta, activation, readout } = net;
  const { N, z, r, s } = ws;
  const k = 2 * d + 1;
  const c = 1 / (M * L);
  const gDot = gamma(d + 1);
  const { gSum, slack } = modelFactors(M, model);
  const gSamples = gamma(N);
  const fb = forwardErrorBound(net, ws, y, model);
  const bound = new Float64Array(L * M * k);
  const adjoint = new Float64Array((L + 1) * N);
  const absTerms = new Float64Array(L * M * k);
  const lambda = new Float64Array(d);
  const acc = new Float64Array(d);
  const dacc = new Float64Array(d);
  const absAcc = new Float64Array(d);
  let aInf = 0;
  for (let j = 0; j < d; j++) aInf = Math.max(aInf, Math.abs(readout[j]));
  for (let i = 0; i < N; i++) {
    const res = ws.outputs[i] - y[i];
    const dres = fb.outputs[i] + u * Math.abs(res);
    for (let j = 0; j < d; j++) lambda[j] = res * readout[j];
    let dl = aInf * dres + u * Math.abs(res) * aInf;
    adjoint[L * N + i] = 1.01 * dl;
    for (let l = L - 1; l >= 0; l--) {
      const zi = (l * N + i) * d;
      const ri = (l * N + i) * M;
      const e = fb.layers[l * N + i];
      acc.fill(0);
      dacc.fill(0);
      absAcc.fill(0);
      for (let m = 0; m < M; m++) {
        const off = (l * M + m) * k;
        let ul = 0;
        let absUl = 0;
        let u1 = 0;
        let w1 = 0;
        let absPre = Math.abs(theta[off + 2 * d]);
        for (let j = 0; j < d; j++) {
          ul += theta[off + j] * lambda[j];
          absUl += Math.abs(theta[off + j] * lambda[j]);
          u1 += Math.abs(theta[off + j]);
          w1 += Math.abs(theta[off + d + j]);
          absPre += Math.abs(theta[off + d + j] * z[zi + j]);
        }
        const rm = r[ri + m];
        const d1 = Math.abs(activation.dsigma(rm));
        const d2 = activation.twiceContinuouslyDifferentiable ? Math.abs(activation.d2sigma(rm)) : activation.supAbsD2sigma;
        const sm = Math.abs(s[ri + m]);
        const dr = gDot * absPre + w1 * e;
        const dul = gDot * absUl + u1 * dl;
        const beta = activation.dsigma(rm) * ul;
        const ab = Math.abs(beta);
        const dBeta = d1 * dul + Math.abs(ul) * (d2 * dr + ACTIVATION_RELATIVE_ERROR * d1) + u * ab;
        const dS = ACTIVATION_RELATIVE_ERROR * sm + d1 * dr;
        for (let j = 0; j < d; j++) {
          const lj = Math.abs(lambda[j]);
          const zj = Math.abs(z[zi + j]);
          bound[off + j] += sm * dl + lj * dS + u * sm * lj;
          bound[off + d + j] += ab * e + zj * dBeta + u * ab * zj;
          absTerms[off + j] += sm * lj;
          absTerms[off + d + j] += ab * zj;
          const wj = theta[off + d + j];
          acc[j] += beta * wj;
          dacc[j] += Math.abs(wj) * dBeta + u * Math.abs(beta * wj);
          absAcc[j] += Math.abs(beta * wj);
        }
        bound[off + 2 * d] += dBeta;
        absTerms[off + 2 * d] += ab;
      }
      let next = 0;
      for (let j = 0; j < d; j++) {
        lambda[j] += c * acc[j];
        next = Math.max(next, dl + c * (dacc[j] + gSum * absAcc[j] + 2 * u * absAcc[j]) + u * Math.abs(lambda[j]));
      }
      dl = next;
      adjoint[l * N + i] = 1.01 * dl;
    }
  }
  const scale = c / N;
  for (let p = 0; p < bound.length; p++) bound[p] = 1.01 * slack * scale * (bound[p] + (gSamples + 2 * u) * absTerms[p]);
  if (slack !== 1) for (let q = 0; q < adjoint.length; q++) adjoint[q] *= slack;
  return { gradient: bound, adjoint };
}

/**
 * A = max(1, max_i max_{l<L} ‖ |J_{L−1}| ⋯ |J_l| ‖_∞) (the 1 is the empty product, l = L) with J_l = I + c Σ_m σ'(r_{l,i,m}) u_{l,m} w_{l,m}ᵀ (c = 1/(ML)) the
 * Jacobian of layer l at sample i and |·| taken entrywise: the first-order factor by which a state
 * perturbation at any layer can grow by the output (|δz_L| ≤ |J_{L−1}|⋯|J_l| |δz_l| componentwise). The adjoint
 * propagates through the transposes, whose 1-norm is the same. Taking |·| of each summed Jacobian, not of each
 * term, keeps the cancellation between neurons; the product, not the product of norms, avoids compounding.
 * Cost O(N L (M d² + d³)). Needs ws filled by forward() at net.theta.
 */
export function amplification(net: Network, ws: Workspace): number {
  const { d, L, M, theta, activation } = net;
  const k = 2 * d + 1;
  const c = 1 / (M * L);
  const J = new Float64Array(d * d);
  let Q = new Float64Array(d * d);
  let next = new Float64Array(d * d);
  let worst = 1;
  for (let i = 0; i < ws.N; i++) {
    Q.fill(0);
    for (let j = 0; j < d; j++) Q[j * d + j] = 1;
    for (let l = L - 1; l >= 0; l--) {
      J.fill(0);
      for (let m = 0; m < M; m++) {
        const off = (l * M + m) * k;
        const ds = c * activation.dsigma(ws.r[(l * ws.N + i) * M + m]);
        for (let a = 0; a < d; a++) for (let b = 0; b < d; b++) J[a * d + b] += ds * theta[off + a] * theta[off + d + b];
      }
      for (let a = 0; a < d; a++) J[a * d + a] += 1;
      // next = Q · |J|
      for (let a = 0; a < d; a++) {
        let rowSum = 0;
        for (let b = 0; b < d; b++) {
          let v = 0;
          for (let e = 0; e < d; e++) v += Q[a * d + e] * Math.abs(J[e * d + b]);
          next[a * d + b] = v;
          rowSum += v;
        }
        worst = Math.max(worst, rowSum);
      }
      [Q, next] = [next, Q];
    }
  }
  return worst;
}
