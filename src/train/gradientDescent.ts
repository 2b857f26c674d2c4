/**
 * Gradient descent in mean-field training time s (theory.md §2):
 *
 *   Θ ← Θ − h ∇_Θ E(Θ),   h = M L Δs,
 *
 * so one step advances training time by Δs and every neuron moves O(1) per unit of s, whatever L and M.
 */
import type { Dataset } from '../data/dataset.js';
import type { Network } from '../model/network.js';
import { dissipationRate, evaluate } from '../model/adjoint.js';
import { createWorkspace, type Workspace } from '../model/workspace.js';
import { findNonFinite } from './divergence.js';

/** One point of a trajectory: training time s, loss E(s), and the dissipation rate (1/(ML)) Σ|G|² at s. */
export interface TrajectoryPoint {
  s: number;
  E: number;
  dissipation: number;
}

export interface TrainOptions {
  /** Training-time step Δs > 0 (learning rate h = M L Δs). */
  dt: number;
  /** Number of GD steps K ≥ 0. */
  steps: number;
  /**
   * The learning rate h as a function of (M, L, Δs). Default: the mean-field scaling h = M L Δs. Other rules
   * (for example h = Δs, the unscaled rule) exist to study what the scaling buys; the claims use them as
   * negative controls.
   */
  learningRate?: (M: number, L: number, dt: number) => number;
  /** Called after each evaluated point (k = 0..K), e.g. to print the loss curve. */
  onPoint?: (point: TrajectoryPoint, step: number) => void;
}

/** Outcome of a training run: completed, or stopped at the first non-finite quantity (a status, not an error). */
export type TrainResult =
  | { status: 'completed'; net: Network; trajectory: TrajectoryPoint[] }
  | {
      status: 'diverged';
      net: Network;
      trajectory: TrajectoryPoint[];
      /** GD step at which the non-finite value appeared (0 = the initial evaluation). */
      step: number;
      /** Layer l of the first non-finite value (for a state, the layer whose output z_{l+1} it is), or null for the loss. */
      layer: number | null;
      quantity: 'state z' | 'loss' | 'gradient' | 'parameters';
      message: string;
    };

/**
 * Runs K steps of GD with h = M L Δs from a copy of `net`, recording (s, E, dissipation) at s = 0, Δs, …, KΔs.
 * The trajectory has K + 1 points; the returned net holds Θ(KΔs). Sizes and dt are trusted (validate at the
 * boundary). A non-finite state, loss, gradient or parameter stops the run with status 'diverged'.
 */
export function train(net: Network, data: Dataset, opts: TrainOptions): TrainResult {
  const theta = Float64Array.from(net.theta);
  const current: Network = { ...net, readout: Float64Array.from(net.readout), theta };
  const ws = createWorkspace(net.d, net.L, net.M, data.N);
  const h = (opts.learningRate ?? meanFieldLearningRate)(net.M, net.L, opts.dt);
  const trajectory: TrajectoryPoint[] = [];
  for (let step = 0; step <= opts.steps; step++) {
    const E = evaluate(current, data, ws, true);
    const bad = findNonFinite(current, ws, E, step);
    if (bad) return { status: 'diverged', net: current, trajectory, ...bad };
    const point = { s: step * opts.dt, E, dissipation: dissipationRate(ws.grad, net.M, net.L) };
    trajectory.push(point);
    opts.onPoint?.(point, step);
    if (step === opts.steps) break;
    gdUpdate(theta, ws.grad, h);
    const badTheta = findNonFinite(current, null, 0, step + 1);
    if (badTheta) return { status: 'diverged', net: current, trajectory, ...badTheta };
  }
  return { status: 'completed', net: current, trajectory };
}

/** The mean-field learning rate h = M L Δs (theory.md §2). */
export function meanFieldLearningRate(M: number, L: number, dt: number): number {
  return M * L * dt;
}

/** θ ← θ − h·grad, in place. */
export function gdUpdate(theta: Float64Array, grad: Float64Array, h: number): void {
  // Stryker disable next-line EqualityOperator: p = theta.length writes past the end of the Float64Array, which JS drops
  for (let p = 0; p < theta.length; p++) theta[p] -= h * grad[p];
}

/**
 * One GD step in place on `net.theta` using a caller-owned workspace (the benchmark's unit of work).
 * @returns the loss before the step
 */
export function gdStep(net: Network, data: Dataset, ws: Workspace, dt: number): number {
  const E = evaluate(net, data, ws, true);
  gdUpdate(net.theta, ws.grad, meanFieldLearningRate(net.M, net.L, dt));
  return E;
}
