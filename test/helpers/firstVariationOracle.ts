/**
 * An independent evaluation of the formulas documented in src/model/firstVariation.ts, on plain nested arrays:
 *   h_l(θ) = (1/N) Σ_i (uᵀλ_i) σ(r_i),  r_i = b + Σ_j w_j z_ij,
 *   ∇_u h = (1/N) Σ_i σ(r_i) λ_i,  ∇_w h = (1/N) Σ_i (uᵀλ_i) σ'(r_i) z_i,  ∂_b h = (1/N) Σ_i (uᵀλ_i) σ'(r_i),
 * layerH's error bound δh (its docstring, term by term), and the adjoint recursion of theory.md §1
 *   λ_L = (g − y) a,  λ_l = λ_{l+1} + (1/(ML)) Σ_m w_m σ'(r_m) (u_mᵀ λ_{l+1})
 * that adjointAtLayer must return. Values are computed from the equations; `slack` bounds how far two correct
 * float64 evaluations of the same signed sums can drift apart (twice a running rounding bound, below).
 * `HTweaks` change one term on purpose: the negative controls of test/model/firstVariation.test.ts.
 */
import type { Activation } from '../../src/activations/index.js';
import { UNIT_ROUNDOFF as u, gamma } from '../../src/numeric/float64.js';
import { range } from './oracleFixtures.js';

const sum = (xs: number[]): number => xs.reduce((acc, x) => acc + x, 0);
const mean = (xs: number[]): number => sum(xs) / xs.length;
const norm1 = (xs: number[]): number => sum(xs.map(Math.abs));
/** ε_σ of roundingBound.ts: σ is evaluated to relative error 8u. */
const EPS_SIGMA = 8 * u;

/** The inputs of h_l as nested arrays: z[i][j] = z_l,j(x_i), lambda[i][j] = λ_{l+1,j}(x_i), per-sample error bounds. */
export interface FieldArrays {
  z: number[][];
  lambda: number[][];
  zError: number[];
  lambdaError: number[];
}

/** One term changed on purpose (defaults: the documented formula). */
export interface HTweaks {
  /** Drop ‖w‖₁ δz from δr. */
  dropZError?: boolean;
  /** Use 2γ_N instead of γ_N in δh. */
  doubleGammaN?: boolean;
  /** Leave b out of r. */
  dropBias?: boolean;
  /** Double ∂_b h. */
  doubleBiasGradient?: boolean;
}

export interface HOracle {
  h: number;
  /** (∇_u h, ∇_w h, ∂_b h), length 2d + 1. */
  gradient: number[];
  /** δh of the docstring. */
  error: number;
  /** Tolerances for comparing h and each gradient entry with another correct float64 evaluation. */
  slack: { h: number; gradient: number[] };
}

/**
 * h_l(θ), ∇_θ h_l(θ), δh and the slacks for θ = (u, w, b) given as a number[] of length 2d + 1.
 * Slack: per sample δr = γ_{d+1}(|b| + Σ|w_j z_j|), δs = ε_σ|s| + |σ'|δr, δ(uᵀλ) = γ_d Σ|u_j λ_j|,
 * δβ = |σ'|δ(uᵀλ) + |uᵀλ|(σ₂δr + ε_σ|σ'|) + u|β| (β = σ'·uᵀλ, σ₂ = |σ''| or sup|σ''| if only C^{1,1}); a product
 * term p_i = x_i y_i has δp = |x|δy + |y|δx + u|p|; the mean adds γ_{N+1}(1/N)Σ|p_i|. Slack = 2 × 1.01 × that
 * (both evaluations are within one bound of the exact value). The inputs z, λ are shared, so δz = δλ = 0 here.
 */
export function hOracle(act: Activation, theta: number[], F: FieldArrays, t: HTweaks = {}): HOracle {
  const d = F.z[0].length;
  const N = F.z.length;
  const [uu, w, b] = [theta.slice(0, d), theta.slice(d, 2 * d), theta[2 * d]];
  const samples = range(N).map((i) => {
    const z = F.z[i];
    const lam = F.lambda[i];
    const r = w.reduce((acc, wj, j) => acc + wj * z[j], t.dropBias ? 0 : b);
    const absR = Math.abs(b) + norm1(w.map((wj, j) => wj * z[j]));
    const ul = sum(uu.map((uj, j) => uj * lam[j]));
    const absUl = norm1(uu.map((uj, j) => uj * lam[j]));
    const [s, ds] = [act.sigma(r), act.dsigma(r)];
    const s2 = act.twiceContinuouslyDifferentiable ? Math.abs(act.d2sigma(r)) : act.supAbsD2sigma;
    const beta = ul * ds;
    const dr0 = gamma(d + 1) * absR;
    const dS0 = EPS_SIGMA * Math.abs(s) + Math.abs(ds) * dr0;
    const dBeta = Math.abs(ds) * gamma(d) * absUl + Math.abs(ul) * (s2 * dr0 + EPS_SIGMA * Math.abs(ds)) + u * Math.abs(beta);
    // The documented δh terms, with the input errors δz, δλ.
    const dr = dr0 + (t.dropZError ? 0 : norm1(w) * F.zError[i]);
    const dS = EPS_SIGMA * Math.abs(s) + Math.abs(ds) * dr;
    const dUl = gamma(d) * absUl + norm1(uu) * F.lambdaError[i];
    const term = ul * s;
    const dTerm = Math.abs(ul) * dS + Math.abs(s) * dUl + u * Math.abs(term);
    const dTerm0 = Math.abs(ul) * dS0 + Math.abs(s) * gamma(d) * absUl + u * Math.abs(term);
    const gradTerms = [...lam.map((lj) => s * lj), ...z.map((zj) => beta * zj), beta];
    const gradDeltas = [
      ...lam.map((lj) => Math.abs(lj) * dS0 + u * Math.abs(s * lj)),
      ...z.map((zj) => Math.abs(zj) * dBeta + u * Math.abs(beta * zj)),
      dBeta,
    ];
    return { term, dTerm, dTerm0, gradTerms, gradDeltas };
  });
  const h = mean(samples.map((x) => x.term));
  const absTerm = mean(samples.map((x) => Math.abs(x.term)));
  const gN = (t.doubleGammaN ? 2 : 1) * gamma(N);
  const error = 1.01 * (mean(samples.map((x) => x.dTerm)) + gN * absTerm + u * Math.abs(h));
  const gradient = range(2 * d + 1).map((p) => mean(samples.map((x) => x.gradTerms[p])) * (t.doubleBiasGradient && p === 2 * d ? 2 : 1));
  const slackOf = (deltas: number[], terms: number[]): number => 2 * 1.01 * (mean(deltas) + gamma(N + 1) * mean(terms.map(Math.abs)));
  return {
    h,
    gradient,
    error,
    slack: {
      h: slackOf(samples.map((x) => x.dTerm0), samples.map((x) => x.term)),
      gradient: range(2 * d + 1).map((p) => slackOf(samples.map((x) => x.gradDeltas[p]), samples.map((x) => x.gradTerms[p]))),
    },
  };
}

/** The network as nested arrays: U[l][m], W[l][m] (length d), B[l][m], readout a. */
export interface NestedNet {
  act: Activation;
  L: number;
  M: number;
  a: number[];
  U: number[][][];
  W: number[][][];
  B: number[][];
}

/** Σ of xs in the documented neuron-sum tree: split [lo, hi) at lo + ⌊(hi − lo)/2⌋ down to single terms. */
export function pairwiseSum(xs: number[]): number {
  if (xs.length === 1) return xs[0];
  const mid = xs.length >> 1;
  return pairwiseSum(xs.slice(0, mid)) + pairwiseSum(xs.slice(mid));
}

/**
 * λ_l(x_i) for every sample by the backward recursion of theory.md §1, from the states Z[l][i] (l = 0..L), the
 * outputs g_i and labels y_i: λ_L = (g − y)a, then for layer q = L−1 down to l, with r_m = b_m + Σ_j w_mj z_q,j,
 * λ ← λ + c·Σ_m w_m σ'(r_m)(u_mᵀλ), c = 1/(ML), the neuron sum in the documented pairwise tree.
 * @returns lambda[i][j]
 */
export function adjointRecursion(net: NestedNet, Z: number[][][], g: number[], y: number[], l: number): number[][] {
  const { act, L, M, a, U, W, B } = net;
  const c = 1 / (M * L);
  return g.map((gi, i) => {
    let lam = a.map((aj) => (gi - y[i]) * aj);
    for (let q = L - 1; q >= l; q--) {
      const z = Z[q][i];
      const beta = range(M).map((m) => {
        const r = W[q][m].reduce((acc, wj, j) => acc + wj * z[j], B[q][m]);
        return act.dsigma(r) * sum(U[q][m].map((uj, j) => uj * lam[j]));
      });
      lam = lam.map((lj, j) => lj + c * pairwiseSum(range(M).map((m) => beta[m] * W[q][m][j])));
    }
    return lam;
  });
}
