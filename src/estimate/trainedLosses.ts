/**
 * The loss E(Θ_{L,M}(s)) of the network initialised with seed i and trained to training time s (theory.md §2,
 * §5): the random quantity whose event E ≤ ε the depth/width estimates decide (claim 24). Memoised by
 * (L, M, i), so every cell of an (ε, η) grid reuses the same trainings.
 *
 * Setting (fixed, stated in the report): regularised-ReLU blocks (partially 1-homogeneous, theory.md §5),
 * linear Gaussian depth paths of scale 1 (Lipschitz, and separating: u straddles 0), GD with h = M L Δs.
 * Seed i of a run with --seed S initialises with seed S + 1 + i; the data set is drawn with seed S.
 */
import { makeActivation } from '../activations/index.js';
import type { Dataset } from '../data/dataset.js';
import { initNetwork } from '../init/index.js';
import { train } from '../train/index.js';

/** The fixed training setting of the estimates. */
export interface EstimateSetting {
  /** Width δ of the regularised ReLU σ_δ. */
  delta: number;
  /** Standard deviation of the depth-path coefficients a_m, c_m. */
  scale: number;
  /** Training time s reached, in s/Δs GD steps. */
  s: number;
  /** Training-time step Δs (h = M L Δs). */
  dt: number;
}

/** Default setting: s = 10 in 50 steps of Δs = 0.2 (claim 8's stable step), δ = 0.5, scale 1. */
export const DEFAULT_SETTING: EstimateSetting = { delta: 0.5, scale: 1, s: 10, dt: 0.2 };

export class TrainedLosses {
  private readonly memo = new Map<string, number>();
  /** Number of trainings actually run (not served from the memo). */
  trainings = 0;

  constructor(
    readonly data: Dataset,
    readonly setting: EstimateSetting,
    readonly seed: number,
  ) {}

  /**
   * E(Θ_{L,M}(s)) for seed index i (Infinity if the training diverged, so the event E ≤ ε fails).
   * @param L depth, M width (trusted: validated at the boundary)
   */
  loss(L: number, M: number, i: number): number {
    const key = `${L},${M},${i}`;
    const known = this.memo.get(key);
    if (known !== undefined) return known;
    const { delta, scale, s, dt } = this.setting;
    const activation = makeActivation({ name: 'regularized_relu', delta });
    const net = initNetwork({ d: this.data.d, L, M, activation, init: 'linear', seed: this.seed + 1 + i, scale });
    const run = train(net, this.data, { dt, steps: Math.round(s / dt) });
    const E = run.status === 'completed' ? run.trajectory[run.trajectory.length - 1].E : Infinity;
    this.trainings++;
    this.memo.set(key, E);
    return E;
  }
}
