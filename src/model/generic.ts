/**
 * The network of theory.md §1 written once against the scalar interface (src/numeric/scalar.ts): forward
 * pass, loss and adjoint gradient in any number type. It follows the fast kernel's order of operations
 * exactly (forward.ts, adjoint.ts, neuronSum.ts), so on the float64 backend it agrees with the kernel bit for
 * bit (claim `generic-equals-kernel`); on decimal it is the accuracy reference; on rationals, ground truth.
 *
 *   z_{l+1} = z_l + (1/(ML)) Σ_m u σ(wᵀz_l + b),  E = (1/N) Σ_i ½ (aᵀz_L − y_i)²,
 *   λ_L = (g − y) a,  λ_l = λ_{l+1} + (1/(ML)) Σ_m w σ'(r)(uᵀλ_{l+1}),
 *   ∂E/∂θ_{l,m} = (1/(ML))(1/N) Σ_i (σ(r) λ_{l+1}, σ'(r)(uᵀλ_{l+1}) z_l, σ'(r)(uᵀλ_{l+1})).
 * Values are plain arrays of T (clarity over speed: this is the reference, not the hot path).
 */
import type { Dataset } from '../data/dataset.js';
import type { Backend, ScalarField } from '../numeric/scalar.js';
import { ShapeMismatchError } from '../errors.js';
import type { Network } from './network.js';

export interface GenericOptions<T> {
  withGradient?: boolean;
  theta?: readonly T[];
}

export interface GenericResult<T> {
  loss: T;
  /** g(z_L(x_i)), length N. */
  outputs: T[];
  /** ∂E/∂θ, length L·M·(2d+1), layout of theta. */
  grad: T[];
}

/**
 * Loss, outputs and gradient of `net` on `data` in the number type of `backend`. Parameters and data enter
 * through `fromFloat64` (exactly, or rounded once to the backend's precision).
 * @param options.withGradient false to stop after the loss (grad is then empty); default true
 * @param options.theta parameters already in T (e.g. a decimal training run's), replacing net.theta; length L·M·(2d+1)
 * @throws ShapeMismatchError when options.theta has the wrong length
 * @throws InvalidArgumentError when the backend cannot evaluate the activation (tanh on rationals)
 * @example genericLossAndGradient(decimalBackend(50), net, data).loss.toString()
 */
export function genericLossAndGradient<T>(
  backend: Backend<T>,
  net: Network,
  data: Dataset,
  options: GenericOptions<T> = {},
): GenericResult<T> {
  const withGradient = options.withGradient ?? true;
  const F = backend.field;
  const act = backend.activation(net.activation);
  const { d, L, M, N } = { ...net, N: data.N };
  const k = 2 * d + 1;
  if (options.theta && options.theta.length !== net.theta.length) {
    throw new ShapeMismatchError('theta', `length L·M·(2d+1) = ${net.theta.length}`, options.theta);
  }
  const theta = options.theta ? [...options.theta] : Array.from(net.theta, (v) => F.fromFloat64(v));
  const a = Array.from(net.readout, (v) => F.fromFloat64(v));
  const c = F.div(F.one, F.fromInteger(M * L));
  const u = (l: number, m: number, j: number) => theta[(l * M + m) * k + j];
  const w = (l: number, m: number, j: number) => theta[(l * M + m) * k + d + j];

  // Forward: states z[l][i][j] and pre-activations r[l][i][m], σ values s[l][i][m].
  const z: T[][][] = [Array.from({ length: N }, (_, i) => Array.from({ length: d }, (_, j) => F.fromFloat64(data.x[i * d + j])))];
  const r: T[][][] = [];
  const s: T[][][] = [];
  for (let l = 0; l < L; l++) {
    r.push([]);
    s.push([]);
    z.push([]);
    for (let i = 0; i < N; i++) {
      const ri: T[] = [];
      const si: T[] = [];
      for (let m = 0; m < M; m++) {
        let pre = theta[(l * M + m) * k + 2 * d];
        for (let j = 0; j < d; j++) pre = F.add(pre, F.mul(w(l, m, j), z[l][i][j]));
        ri.push(pre);
        si.push(act.sigma(pre));
      }
      r[l].push(ri);
      s[l].push(si);
      const acc = pairwiseSum(F, d, 0, M, (m, j) => F.mul(si[m], u(l, m, j)));
      z[l + 1].push(z[l][i].map((zj, j) => F.add(zj, F.mul(c, acc[j]))));
    }
  }
  const outputs = z[L].map((zi) => zi.reduce((g, zj, j) => F.add(g, F.mul(a[j], zj)), F.zero));

  // Loss (½ inside, then the mean over samples, as in forward.ts).
  const half = F.fromFloat64(0.5);
  let sum = F.zero;
  const res = outputs.map((g, i) => F.sub(g, F.fromFloat64(data.y[i])));
  for (const e of res) sum = F.add(sum, F.mul(F.mul(half, e), e));
  const loss = F.mul(sum, F.div(F.one, F.fromInteger(N)));

  // Adjoint.
  if (!withGradient) return { loss, outputs, grad: [] };
  const grad: T[] = theta.map(() => F.zero);
  const lambda = res.map((e) => a.map((aj) => F.mul(e, aj)));
  for (let l = L - 1; l >= 0; l--) {
    for (let i = 0; i < N; i++) {
      const beta: T[] = [];
      for (let m = 0; m < M; m++) {
        const off = (l * M + m) * k;
        let ul = F.zero;
        for (let j = 0; j < d; j++) ul = F.add(ul, F.mul(u(l, m, j), lambda[i][j]));
        const bm = F.mul(act.dsigma(r[l][i][m]), ul);
        beta.push(bm);
        for (let j = 0; j < d; j++) {
          grad[off + j] = F.add(grad[off + j], F.mul(s[l][i][m], lambda[i][j]));
          grad[off + d + j] = F.add(grad[off + d + j], F.mul(bm, z[l][i][j]));
        }
        grad[off + 2 * d] = F.add(grad[off + 2 * d], bm);
      }
      const acc = pairwiseSum(F, d, 0, M, (m, j) => F.mul(beta[m], w(l, m, j)));
      lambda[i] = lambda[i].map((lj, j) => F.add(lj, F.mul(c, acc[j])));
    }
  }
  const scale = F.div(c, F.fromInteger(N));
  return { loss, outputs, grad: grad.map((g) => F.mul(g, scale)) };
}

/** Σ_{m=lo}^{hi−1} term(m, ·) as a d-vector, split at lo + ⌊(hi − lo)/2⌋ as in neuronSum.ts. */
function pairwiseSum<T>(F: ScalarField<T>, d: number, lo: number, hi: number, term: (m: number, j: number) => T): T[] {
  if (hi - lo === 1) return Array.from({ length: d }, (_, j) => term(lo, j));
  const mid = lo + ((hi - lo) >> 1);
  const left = pairwiseSum(F, d, lo, mid, term);
  const right = pairwiseSum(F, d, mid, hi, term);
  return left.map((v, j) => F.add(v, right[j]));
}
