/**
 * An independent evaluation of src/model/mixedLayerLoss.ts's documented formulas on nested arrays: the network
 * whose layer l carries (1 − ε) ρ_l + ε δ_{θ*},
 *   z_{l+1} = z_l + (1/L)[ α Σ_m u_m σ(w_mᵀz_l + b_m) + ε u* σ(w*ᵀz_l + b*) ],  α = (1 − ε)/M,
 * every other layer z_{q+1} = z_q + c Σ_m u_m σ(w_mᵀz_q + b_m) (c = 1/(ML)), E = (1/N) Σ_i ½(aᵀz_L − y_i)²,
 * and the running rounding bound of its docstring (forwardErrorBound's analysis plus the mixed layer's δt_j).
 * The neuron sums here run left to right (the library's are pairwise); the comparison allows for that.
 * `MixedTweaks` change one term on purpose: the negative controls of test/model/mixedLayerLoss.test.ts.
 */
import type { Activation } from '../../src/activations/index.js';
import { UNIT_ROUNDOFF as u, gamma } from '../../src/numeric/float64.js';
import { range } from './oracleFixtures.js';

const sum = (xs: number[]): number => xs.reduce((acc, x) => acc + x, 0);
const norm1 = (xs: number[]): number => sum(xs.map(Math.abs));
/** ε_σ of roundingBound.ts. */
const EPS_SIGMA = 8 * u;

/** The network as nested arrays: theta[l][m] = (u, w, b) of length 2d + 1, readout a. */
export interface MixedNet {
  act: Activation;
  d: number;
  L: number;
  M: number;
  a: number[];
  theta: number[][][];
}

/** One term changed on purpose (defaults: the code's formula, see mixedLossOracle). */
export interface MixedTweaks {
  /** Height h of the neuron-sum tree in γ_h, documented ⌈log2 M⌉. */
  sumHeight?: (M: number) => number;
  /** Factor for second-order terms, documented 1.01. */
  secondOrder?: number;
  /** Drop γ_3 α A_j from δt_j. */
  dropGamma3?: boolean;
  /** δt_j read as |α|(δacc_j + γ_h A_j) + γ_3|α acc_j| + …: γ_h A_j twice (see mixedLossOracle). */
  doubleGammaH?: boolean;
  /** Add the θ* neuron twice (ε f* doubled) in the values. */
  doubleStar?: boolean;
}

/** s = σ(r), r = b + Σ_j w_j z_j, and δs = ε_σ|s| + |σ'(r)|(γ_{d+1}(|b| + Σ|w_j z_j|) + ‖w‖₁ e). */
function neuronOut(act: Activation, th: number[], z: number[], e: number): { s: number; ds: number } {
  const d = z.length;
  const [w, b] = [th.slice(d, 2 * d), th[2 * d]];
  const r = w.reduce((acc, wj, j) => acc + wj * z[j], b);
  const s = act.sigma(r);
  const dr = gamma(d + 1) * (Math.abs(b) + norm1(w.map((wj, j) => wj * z[j]))) + norm1(w) * e;
  return { s, ds: EPS_SIGMA * Math.abs(s) + Math.abs(act.dsigma(r)) * dr };
}

/**
 * E(ε) and δE for samples xs[i], labels ys[i], mixed layer l, added neuron star = (u*, w*, b*).
 * Per sample and layer, with A_j = Σ_m |u_mj s_m| and δacc_j = Σ_m |u_mj|(δs_m + u|s_m|) + γ_h A_j
 * (roundingBound.ts's δacc, γ_h included): an ordinary layer gives e' = max_j [e + c(δacc_j + 2u A_j) + u|z'_j|];
 * the mixed layer δt_j = α δacc_j + γ_3 α A_j + ε(|u*_j| δs* + 2u|u*_j s*|) + u|t_j| and
 * e' = max_j [e + (1/L)(δt_j + 2u|t_j|) + u|z'_j|]. Then δg = ‖a‖₁ e_L + γ_d Σ|a_j z_j|,
 * δE = 1.01((1/N) Σ_i (|res_i|(δg_i + u|res_i|) + u res_i²) + γ_{N+1} E).
 * `doubleGammaH` gives another reading, γ_h A_j counted twice and γ_3|α acc_j| (an earlier docstring's), which the
 * comparison must tell apart.
 */
export function mixedLossOracle(net: MixedNet, xs: number[][], ys: number[], l: number, star: number[], eps: number, t: MixedTweaks = {}): { E: number; dE: number } {
  const { act, d, L, M, a, theta } = net;
  const c = 1 / (M * L);
  const alpha = (1 - eps) / M;
  const gSum = gamma((t.sumHeight ?? ((n: number) => Math.ceil(Math.log2(n))))(M));
  const perSample = xs.map((x, i) => {
    let z = x.slice();
    let e = 0;
    for (const q of range(L)) {
      const outs = theta[q].map((th) => neuronOut(act, th, z, e));
      const U = theta[q].map((th) => th.slice(0, d));
      const acc = range(d).map((j) => sum(range(M).map((m) => U[m][j] * outs[m].s)));
      const A = range(d).map((j) => norm1(range(M).map((m) => U[m][j] * outs[m].s)));
      const dacc = range(d).map((j) => sum(range(M).map((m) => Math.abs(U[m][j]) * (outs[m].ds + u * Math.abs(outs[m].s)))) + gSum * A[j]);
      let next: number[];
      let ej: number[];
      if (q === l) {
        const o = neuronOut(act, star, z, e);
        const t_ = range(d).map((j) => alpha * acc[j] + (t.doubleStar ? 2 : 1) * eps * (star[j] * o.s));
        next = z.map((zj, j) => zj + (1 / L) * t_[j]);
        ej = range(d).map((j) => {
          const own = t.doubleGammaH ? alpha * (dacc[j] + gSum * A[j]) + gamma(3) * Math.abs(alpha * acc[j]) : alpha * dacc[j] + (t.dropGamma3 ? 0 : gamma(3) * alpha * A[j]);
          const dt = own + eps * (Math.abs(star[j]) * o.ds + 2 * u * Math.abs(star[j] * o.s)) + u * Math.abs(t_[j]);
          return e + (1 / L) * (dt + 2 * u * Math.abs(t_[j])) + u * Math.abs(next[j]);
        });
      } else {
        next = z.map((zj, j) => zj + c * acc[j]);
        ej = range(d).map((j) => e + c * (dacc[j] + 2 * u * A[j]) + u * Math.abs(next[j]));
      }
      z = next;
      e = Math.max(...ej);
    }
    const res = sum(a.map((aj, j) => aj * z[j])) - ys[i];
    const dg = norm1(a) * e + gamma(d) * norm1(a.map((aj, j) => aj * z[j]));
    return { res, dg };
  });
  const N = xs.length;
  const E = sum(perSample.map(({ res }) => 0.5 * res * res)) / N;
  const dE = (t.secondOrder ?? 1.01) * (sum(perSample.map(({ res, dg }) => Math.abs(res) * (dg + u * Math.abs(res)) + u * res * res)) / N + gamma(N + 1) * E);
  return { E, dE };
}
