/**
 * An independent evaluation of the rounding-bound formulas documented in src/model/roundingBound.ts and
 * proofs-notes/rounding-bound.md, on plain nested arrays (per layer, sample, neuron). It re-does only the bound
 * arithmetic: the float64 values ẑ, r̂, σ(r̂), ĝ are read from a Workspace filled by forward(). Signed
 * intermediates of the adjoint (λ, uᵀλ, β, acc) are summed left to right, as the library does, so that a
 * cancellation cannot turn a different summation order into a different bound.
 * `Tweaks` change one term on purpose: the negative controls of test/model/roundingBound.test.ts.
 */
import type { Activation } from '../../src/activations/index.js';
import type { Network } from '../../src/model/index.js';
import type { Workspace } from '../../src/model/index.js';
import { UNIT_ROUNDOFF as u, gamma } from '../../src/numeric/float64.js';
import { range } from './oracleFixtures.js';

/** The inputs of the bounds as nested arrays; every index order is the papers' (l, i, m, j). */
export interface Problem {
  d: number; L: number; M: number; N: number;
  act: Activation;
  a: number[];
  /** U[l][m][j] = u_{l,m,j}; W likewise; B[l][m] = b_{l,m}. */
  U: number[][][]; W: number[][][]; B: number[][];
  /** Z[l][i][j] = ẑ_l,j(x_i) for l = 0..L; R[l][i][m] = r̂, S[l][i][m] = σ(r̂) for l = 0..L−1. */
  Z: number[][][]; R: number[][][]; S: number[][][];
  /** Computed outputs ĝ_i and labels y_i. */
  g: number[]; y: number[];
}

/** One term changed on purpose (defaults: the documented formula). */
export interface Tweaks {
  /** ε_σ, documented 8u. */
  epsSigma?: number;
  /** The factor for second-order terms, documented 1.01. */
  secondOrder?: number;
  /** Height h of the neuron-sum tree, documented ⌈log2 M⌉. */
  sumHeight?: (M: number) => number;
  /** Include the rounding u|ẑ_{l+1,j}| of the state update (documented: yes). */
  stateRounding?: boolean;
}

const sum = (xs: number[]): number => xs.reduce((acc, x) => acc + x, 0);
const norm1 = (xs: number[]): number => sum(xs.map(Math.abs));
const normInf = (xs: number[]): number => Math.max(...xs.map(Math.abs));
/** Row-major slice number `k` of length n of a Float64Array, as a number[]. */
const row = (v: Float64Array, k: number, n: number): number[] => Array.from(v.subarray(k * n, (k + 1) * n));

/** Unpacks net, a Workspace filled by forward(net, x, ws), and labels y into nested arrays. */
export function problemFrom(net: Network, ws: Workspace, y: Float64Array): Problem {
  const { d, L, M } = net;
  const { N } = ws;
  const k = 2 * d + 1;
  const neuron = (l: number, m: number): number[] => row(net.theta, l * M + m, k);
  return {
    d, L, M, N, act: net.activation, a: Array.from(net.readout),
    U: range(L).map((l) => range(M).map((m) => neuron(l, m).slice(0, d))),
    W: range(L).map((l) => range(M).map((m) => neuron(l, m).slice(d, 2 * d))),
    B: range(L).map((l) => range(M).map((m) => neuron(l, m)[2 * d])),
    Z: range(L + 1).map((l) => range(N).map((i) => row(ws.z, l * N + i, d))),
    R: range(L).map((l) => range(N).map((i) => row(ws.r, l * N + i, M))),
    S: range(L).map((l) => range(N).map((i) => row(ws.s, l * N + i, M))),
    g: Array.from(ws.outputs), y: Array.from(y),
  };
}

/** δr = γ_{d+1}(|b| + Σ_j |w_j z_j|) + ‖w‖₁ e_l for neuron (l, m) at sample i. */
function preactivationError(p: Problem, l: number, m: number, i: number, e: number): number {
  const w = p.W[l][m];
  return gamma(p.d + 1) * (Math.abs(p.B[l][m]) + norm1(w.map((wj, j) => wj * p.Z[l][i][j]))) + norm1(w) * e;
}

export interface ForwardOracle {
  /** layers[l][i] = e_l (no factor); state[i] = 1.01 e_L; outputs[i] = 1.01 δg_i; loss = 1.01 δE. */
  layers: number[][]; state: number[]; outputs: number[]; loss: number;
}

/** ε_σ, the second-order factor, γ_⌈log2 M⌉ and c = 1/(ML), each as the tweaks change it. */
function constantsOf(p: Problem, t: Tweaks): { eps: number; f: number; gSum: number; c: number } {
  const height = t.sumHeight ?? ((n: number) => Math.ceil(Math.log2(n)));
  return { eps: t.epsSigma ?? 8 * u, f: t.secondOrder ?? 1.01, gSum: gamma(height(p.M)), c: 1 / (p.M * p.L) };
}

/**
 * The forward recursion of the module docstring: δr, δs = ε_σ|s| + |σ'(r)|δr,
 * δacc_j = Σ_m |u_mj|(δs_m + u|s_m|) + γ_h Σ_m |u_mj s_m|,
 * e_{l+1} = max_j [e_l + c(δacc_j + 2u Σ_m|u_mj s_m|) + u|z_{l+1,j}|], δg = ‖a‖₁ e_L + γ_d Σ|a_j z_j|, δres = δg + u|res|,
 * δE = (1/N) Σ_i (|res_i| δres_i + u res_i²) + γ_{N+1} E.
 */
export function forwardOracle(p: Problem, t: Tweaks = {}): ForwardOracle {
  const { d, L, M, N, act } = p;
  const { eps, f, gSum, c } = constantsOf(p, t);
  const layers: number[][] = range(L + 1).map(() => range(N).map(() => 0));
  const dg: number[] = [];
  for (const i of range(N)) {
    for (const l of range(L)) {
      const e = layers[l][i];
      const s = p.S[l][i];
      const ds = range(M).map((m) => eps * Math.abs(s[m]) + Math.abs(act.dsigma(p.R[l][i][m])) * preactivationError(p, l, m, i, e));
      const absAcc = range(d).map((j) => norm1(range(M).map((m) => p.U[l][m][j] * s[m])));
      const dacc = range(d).map((j) => sum(range(M).map((m) => Math.abs(p.U[l][m][j]) * (ds[m] + u * Math.abs(s[m])))) + gSum * absAcc[j]);
      const stateRounding = t.stateRounding === false ? 0 : u;
      layers[l + 1][i] = Math.max(...range(d).map((j) => e + c * (dacc[j] + 2 * u * absAcc[j]) + stateRounding * Math.abs(p.Z[l + 1][i][j])));
    }
    dg.push(norm1(p.a) * layers[L][i] + gamma(d) * norm1(p.a.map((aj, j) => aj * p.Z[L][i][j])));
  }
  const res = range(N).map((i) => p.g[i] - p.y[i]);
  const E = sum(res.map((ri) => 0.5 * ri * ri)) / N;
  const dE = sum(res.map((ri, i) => Math.abs(ri) * (dg[i] + u * Math.abs(ri)) + u * ri * ri)) / N + gamma(N + 1) * E;
  return { layers, state: layers[L].map((e) => f * e), outputs: dg.map((x) => f * x), loss: f * dE };
}

export interface AdjointOracle {
  /** adjoint[l][i] = 1.01 δλ_l(x_i), l = 0..L; gradient[l][m] = bounds of (u_0..u_{d−1}, w_0..w_{d−1}, b). */
  adjoint: number[][]; gradient: number[][][];
}

/**
 * The running error analysis of the adjoint documented at gradientErrorBound (equations there and in the
 * proof note): δul with γ_{d+1}, the 2u Σ_m|β_m w_mj| term, and δres built on the forward bound's published δg,
 * i.e. with its factor 1.01.
 */
export function adjointOracle(p: Problem, t: Tweaks = {}): AdjointOracle {
  const { d, L, M, N, act } = p;
  const { eps, f, gSum, c } = constantsOf(p, t);
  const fwd = forwardOracle(p, t);
  const adjoint: number[][] = range(L + 1).map(() => range(N).map(() => 0));
  // Per entry: Σ_i δ(term_i) and Σ_i |term_i|.
  const bound = range(L).map(() => range(M).map(() => range(2 * d + 1).map(() => 0)));
  const absTerm = range(L).map(() => range(M).map(() => range(2 * d + 1).map(() => 0)));
  for (const i of range(N)) {
    const res = p.g[i] - p.y[i];
    const dres = fwd.outputs[i] + u * Math.abs(res);
    let lambda = p.a.map((aj) => res * aj);
    let dl = normInf(p.a) * dres + u * Math.abs(res) * normInf(p.a);
    adjoint[L][i] = f * dl;
    for (let l = L - 1; l >= 0; l--) {
      const e = fwd.layers[l][i];
      const z = p.Z[l][i];
      const beta: number[] = [];
      const dBeta: number[] = [];
      for (const m of range(M)) {
        const [um, r, s] = [p.U[l][m], p.R[l][i][m], Math.abs(p.S[l][i][m])];
        const ul = sum(um.map((uj, j) => uj * lambda[j]));
        const dul = gamma(d + 1) * norm1(um.map((uj, j) => uj * lambda[j])) + norm1(um) * dl;
        const dr = preactivationError(p, l, m, i, e);
        const s1 = Math.abs(act.dsigma(r));
        const s2 = act.twiceContinuouslyDifferentiable ? Math.abs(act.d2sigma(r)) : act.supAbsD2sigma;
        beta.push(act.dsigma(r) * ul);
        dBeta.push(s1 * dul + Math.abs(ul) * (s2 * dr + eps * s1) + u * Math.abs(beta[m]));
        const ds = eps * s + s1 * dr;
        const b = Math.abs(beta[m]);
        for (const j of range(d)) {
          const [lj, zj] = [Math.abs(lambda[j]), Math.abs(z[j])];
          bound[l][m][j] += s * dl + lj * ds + u * s * lj;
          absTerm[l][m][j] += s * lj;
          bound[l][m][d + j] += b * e + zj * dBeta[m] + u * b * zj;
          absTerm[l][m][d + j] += b * zj;
        }
        bound[l][m][2 * d] += dBeta[m];
        absTerm[l][m][2 * d] += b;
      }
      const absAcc = range(d).map((j) => norm1(range(M).map((m) => beta[m] * p.W[l][m][j])));
      const dacc = range(d).map((j) => sum(range(M).map((m) => Math.abs(p.W[l][m][j]) * dBeta[m] + u * Math.abs(beta[m] * p.W[l][m][j]))) + gSum * absAcc[j]);
      lambda = lambda.map((lj, j) => lj + c * sum(range(M).map((m) => beta[m] * p.W[l][m][j])));
      dl = Math.max(...range(d).map((j) => dl + c * (dacc[j] + 2 * u * absAcc[j]) + u * Math.abs(lambda[j])));
      adjoint[l][i] = f * dl;
    }
  }
  // Sum over samples: γ_N Σ_i|term_i|; the product with fl(c/N): two roundings, 2u Σ_i|term_i|.
  const gradient = bound.map((bl, l) => bl.map((bm, m) => bm.map((x, q) => f * (c / N) * (x + (gamma(N) + 2 * u) * absTerm[l][m][q]))));
  return { adjoint, gradient };
}

/**
 * A = max_i max_{l<L} ‖ |J_{L−1}| ⋯ |J_l| ‖_∞, J_l = I + c Σ_m σ'(r_{l,i,m}) u_{l,m} w_{l,m}ᵀ, with explicit d×d
 * matrices. `entrywiseAbs = false` takes J itself (a negative control).
 */
export function amplificationOracle(p: Problem, entrywiseAbs = true): number {
  const { d, L, M, N, act } = p;
  const c = 1 / (M * L);
  const mul = (P: number[][], Q: number[][]): number[][] => P.map((Pa) => range(d).map((b) => sum(range(d).map((e) => Pa[e] * Q[e][b]))));
  let A = -Infinity;
  for (const i of range(N)) {
    let P: number[][] = range(d).map((a) => range(d).map((b) => (a === b ? 1 : 0)));
    for (let l = L - 1; l >= 0; l--) {
      const J = range(d).map((a) => range(d).map((b) =>
        (a === b ? 1 : 0) + c * sum(range(M).map((m) => act.dsigma(p.R[l][i][m]) * p.U[l][m][a] * p.W[l][m][b]))));
      P = mul(P, entrywiseAbs ? J.map((Ja) => Ja.map(Math.abs)) : J);
      A = Math.max(A, ...P.map((Pa) => sum(Pa.map(Math.abs))));
    }
  }
  return A;
}
