/**
 * Training of the continuous-depth model in training time s (theory.md §4, eq. (9) for finite M): the M
 * particles are paths θ_m(t, s), t in [0, 1], each point of which follows ∂_s θ_m(t) = −∇_θ δE/δρ(θ_m(t), t).
 *
 * The discrete network at depth L IS the particle discretisation of this flow on the depth grid t_l = l/L
 * (theory.md §4: G_{l,m} = M L ∂E/∂θ_{l,m} approximates ∇_θ δE/δρ(θ_{l,m}, l/L)), so GD with h = M L Δs
 * (src/train) from θ_{l,m}(0) = θ_m(l/L) is the depth grid of the continuous model, trained by the same
 * GD in s. Its loss carries a depth error with an expansion E_L(s) = E_∞(s) + a(s)/L + O(1/L²) (forward
 * Euler in depth with the parameters sampled on the grid, and its adjoint with the λ_{l+1} shift, both
 * first order). The reference is the Richardson extrapolation in 1/L of two grids, L_ref and 2 L_ref:
 *
 *   E_ref(s) = 2 E_{2L}(s) − E_L(s),   error estimate ε(s) = |E_{2L}(s) − E_L(s)| (= |a(s)|/(2L) + O(1/L²)).
 *
 * ε is the size of the first-order correction itself, whereas the extrapolation's own error is the O(1/L²)
 * remainder −b(s)/(2L²): ε bounds it whenever |b| ≤ |a| L (checked, not assumed, by
 * test/limit/continuousTraining.test.ts against a finer reference). The training-time step Δs is the same on
 * both grids, so E_ref(s) is the continuous-depth model trained by GD with step Δs: the Δs error is
 * separate (claim 9, step-order).
 */
import type { Activation } from '../activations/activation.js';
import type { Dataset } from '../data/dataset.js';
import { InvalidArgumentError } from '../errors.js';
import { initNetwork } from '../init/paths.js';
import { type TrainOptions, train } from '../train/gradientDescent.js';
import { integerInRange, positiveNumber } from '../validate.js';
import { richardsonArray } from './richardson.js';

/** The continuous-depth model to train: linear depth paths θ_m(t) = a_m + t c_m (init/paths.ts). */
export interface ContinuousTrainingOptions {
  /** Width M ≥ 1 (the particles θ_m are paths). */
  M: number;
  activation: Activation;
  /** Seed of the paths (init/paths.ts linearPathCoefficients): the same paths on every grid. */
  seed: number;
  /** Standard deviation of the path coefficients a_m, c_m; default 1. */
  scale?: number;
  /** Training set; d = data.d. */
  data: Dataset;
  /** Coarse depth grid L_ref ≥ 1; the fine grid is 2 L_ref. */
  Lref: number;
  /** Training-time step Δs > 0 (h = M L Δs on each grid). */
  dt: number;
  /** Number of GD steps K ≥ 1: the reference is given at s_k = kΔs, k = 0..K. */
  steps: number;
  /** The learning-rate rule h(M, L, Δs); default the mean-field h = M L Δs (a subject for controls). */
  learningRate?: TrainOptions['learningRate'];
}

/** E_ref(s_k) with its error estimate, and the two grids it was extrapolated from. */
export interface ContinuousTrainingReference {
  status: 'completed';
  /** Training times s_k = kΔs, length K + 1. */
  s: Float64Array;
  /** E_ref(s_k) = 2 E_{2L}(s_k) − E_L(s_k). */
  E: Float64Array;
  /** ε(s_k) = |E_{2L}(s_k) − E_L(s_k)|, the reference's own error estimate. */
  error: Float64Array;
  /** E_L(s_k) on the coarse grid L = Lref and E_{2L}(s_k) on the fine grid. */
  coarse: Float64Array;
  fine: Float64Array;
  Lref: number;
}

/** A grid whose training produced a non-finite value (a status, not an error). */
export interface ContinuousTrainingDiverged {
  status: 'diverged';
  /** Depth of the grid that diverged. */
  L: number;
  message: string;
}

/**
 * E_L(s_k), k = 0..K: the loss along GD (h from `learningRate`, default M L Δs) of the depth-L grid of the
 * linear paths of `opts` (initNetwork 'linear', same seed and scale for every L: θ_{l,m}(0) = θ_m(l/L)).
 * @returns Float64Array of length K + 1, or the divergence status
 * @throws InvalidArgumentError for sizes out of range (initNetwork), steps < 1 or dt ≤ 0
 */
export function depthGridTrajectory(
  opts: Omit<ContinuousTrainingOptions, 'Lref'>,
  L: number,
): Float64Array | ContinuousTrainingDiverged {
  const steps = integerInRange('steps', opts.steps, 1, 1_000_000);
  const dt = positiveNumber('dt', opts.dt);
  const net = initNetwork({ d: opts.data.d, L, M: opts.M, activation: opts.activation, init: 'linear', seed: opts.seed, scale: opts.scale ?? 1 });
  const run = train(net, opts.data, { dt, steps, ...(opts.learningRate ? { learningRate: opts.learningRate } : {}) });
  if (run.status === 'diverged') return { status: 'diverged', L, message: run.message };
  return Float64Array.from(run.trajectory, (p) => p.E);
}

/**
 * The continuous-depth training curve E_ref(s) on s_k = kΔs with its own error estimate, by Richardson
 * extrapolation in 1/L of the grids L_ref and 2 L_ref (see the file comment for the expansion it rests on).
 * Cost: GD of K steps at depths L_ref and 2 L_ref.
 * @throws InvalidArgumentError for Lref not an integer in [1, 10^6] or data.N < 1, and as depthGridTrajectory
 * @example continuousTraining({ M: 4, activation: tanh, seed: 1, data, Lref: 16, dt: 0.05, steps: 20 }).E[20]
 */
export function continuousTraining(opts: ContinuousTrainingOptions): ContinuousTrainingReference | ContinuousTrainingDiverged {
  const Lref = integerInRange('Lref', opts.Lref, 1, 1_000_000);
  if (opts.data.N < 1) throw new InvalidArgumentError('data.N', 'at least 1 sample', opts.data.N);
  const coarse = depthGridTrajectory(opts, Lref);
  if (!(coarse instanceof Float64Array)) return coarse;
  const fine = depthGridTrajectory(opts, 2 * Lref);
  if (!(fine instanceof Float64Array)) return fine;
  const K = opts.steps;
  const s = Float64Array.from({ length: K + 1 }, (_, k) => k * opts.dt);
  const E = richardsonArray(coarse, fine);
  const error = Float64Array.from(fine, (v, k) => Math.abs(v - coarse[k]));
  return { status: 'completed', s, E, error, coarse, fine, Lref };
}
