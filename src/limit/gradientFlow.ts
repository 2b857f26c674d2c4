/**
 * The training-time flow of a discrete network (theory.md §2), the Δs → 0 limit of GD with h = M L Δs:
 *
 *   dΘ/ds = −M L ∇_Θ E(Θ),   s in [0, S],
 *
 * integrated by classic RK4 (src/limit/rungeKutta.ts) with the step count doubled until the losses of two
 * solutions at the checkpoints s_j agree: error estimate max_j |E_{2n}(s_j) − E_n(s_j)|/(2^4 − 1) (Richardson
 * for a fourth-order method).
 * This is the reference against which GD's first order in Δs is measured (claim 9, step-order).
 */
import type { Dataset } from '../data/dataset.js';
import { evaluate } from '../model/adjoint.js';
import type { Network } from '../model/network.js';
import { createWorkspace } from '../model/workspace.js';
import { integerInRange, positiveNumber } from '../validate.js';
import type { VectorField } from './depthField.js';
import { RK4, type ButcherTableau, rungeKuttaStep } from './rungeKutta.js';

export interface GradientFlowResult {
  /** Checkpoints s_j = j S/J, j = 1..J. */
  s: Float64Array;
  /** E(Θ(s_j)) of the finer solution, length J. */
  E: Float64Array;
  /** Θ(S), length L·M·(2d+1), layout of net.theta. */
  theta: Float64Array;
  /** RK steps on [0, S] of the returned solution. */
  steps: number;
  /** max_j |E_{2n}(s_j) − E_n(s_j)| / (2^p − 1): the estimate of the returned E's error. */
  errorEstimate: number;
  /** 'completed', or 'unresolved' when maxSteps was reached before the tolerance (E is then the last solution). */
  status: 'completed' | 'unresolved';
}

/**
 * The flow field F(Θ) = −M L ∇E(Θ) (autonomous: the time argument is ignored), for the solvers of src/limit.
 * @param net sizes, activation and readout (its theta is ignored: Θ is the state)
 */
export function gradientFlowField(net: Network, data: Dataset): VectorField {
  const ws = createWorkspace(net.d, net.L, net.M, data.N);
  const c = -net.M * net.L;
  return (_t, theta, out) => {
    evaluate({ ...net, theta }, data, ws, true);
    for (let p = 0; p < out.length; p++) out[p] = c * ws.grad[p];
  };
}

/** E at the J checkpoints with n RK steps on [0, S] (n a multiple of J), and Θ(S). */
function integrate(net: Network, data: Dataset, field: VectorField, S: number, J: number, n: number, tableau: ButcherTableau) {
  const ws = createWorkspace(net.d, net.L, net.M, data.N);
  const theta = Float64Array.from(net.theta);
  const E = new Float64Array(J);
  const h = S / n;
  for (let q = 0; q < n; q++) {
    rungeKuttaStep(tableau, field, q * h, theta, h);
    if ((q + 1) % (n / J) === 0) E[(q + 1) / (n / J) - 1] = evaluate({ ...net, theta }, data, ws, false);
  }
  return { E, theta };
}

/**
 * E(Θ(s_j)) at s_j = j S/J along the gradient flow from net.theta, refined by step doubling from J·n0 RK steps
 * until the estimate is ≤ tol (absolute, in units of E).
 * @param opts S > 0 the horizon; J ≥ 1 checkpoints (default 1); tol > 0; n0 (default 8) steps per checkpoint
 *   interval to start from; maxSteps (default 4096): refinement stops (status 'unresolved') once the next
 *   doubling would pass maxSteps RK steps on [0, S]; the first pair of solves always uses J·n0 and 2·J·n0 steps
 * @throws InvalidArgumentError for S ≤ 0, tol ≤ 0, or step counts that are not positive integers (n0 ≤ maxSteps);
 *   NonFiniteError for S or tol NaN or ±∞
 * @example gradientFlow(net, data, { S: 1, tol: 1e-10 }).E[0]
 */
export function gradientFlow(
  net: Network,
  data: Dataset,
  opts: { S: number; tol: number; checkpoints?: number; n0?: number; maxSteps?: number; tableau?: ButcherTableau },
): GradientFlowResult {
  const S = positiveNumber('S', opts.S);
  const tol = positiveNumber('tol', opts.tol);
  const J = integerInRange('checkpoints', opts.checkpoints ?? 1, 1, 1 << 16);
  const maxSteps = integerInRange('maxSteps', opts.maxSteps ?? 4096, 1, 1 << 24);
  let n = J * integerInRange('n0', opts.n0 ?? 8, 1, maxSteps);
  const tableau = opts.tableau ?? RK4;
  const field = gradientFlowField(net, data);
  let coarse = integrate(net, data, field, S, J, n, tableau).E;
  for (;;) {
    const fine = integrate(net, data, field, S, J, 2 * n, tableau);
    let diff = 0;
    for (let j = 0; j < J; j++) diff = Math.max(diff, Math.abs(fine.E[j] - coarse[j]));
    const errorEstimate = diff / (2 ** tableau.order - 1);
    const done = errorEstimate <= tol;
    if (done || 4 * n > maxSteps) {
      const s = Float64Array.from({ length: J }, (_, j) => ((j + 1) * S) / J);
      return { s, E: fine.E, theta: fine.theta, steps: 2 * n, errorEstimate, status: done ? 'completed' : 'unresolved' };
    }
    [coarse, n] = [fine.E, 2 * n];
  }
}
