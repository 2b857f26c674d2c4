/**
 * The loss E(Θ_{L,M}(s)) of the network initialised with seed i and trained to training time s (theory.md §2,
 * §5): the random quantity whose event E ≤ ε the depth/width estimates decide (claim 24). Memoised by
 * (L, M, i), so every cell of an (ε, η) grid reuses the same trainings.
 *
 * Setting (fixed, stated in the report): regularised-ReLU blocks (partially 1-homogeneous, theory.md §5),
 * linear Gaussian depth paths of scale 1 (Lipschitz, and separating: u straddles 0), GD with h = M L Δs.
 * Seed i of a run with --seed S initialises with seed S + 1 + i; the data set is drawn with seed S.
 *
 * Parallel runs (issue 5 item 3): `losses(L, M, start, count)` trains the missing seeds of a range on the
 * worker pool (src/parallel/pool.ts) and returns the losses in seed order. Each loss is the same deterministic
 * computation (lossTask.ts) in any thread, and the sequential test consumes them in seed order, so every
 * decision is identical whatever the number of workers. No seed is trained speculatively: the sequential test
 * asks for ranges that end at its looks, and every seed up to a look is needed (it decides only at looks), so
 * the number of trainings is also the same for any number of workers.
 */
import type { Dataset } from '../data/dataset.js';
import { mapTasks } from '../parallel/pool.js';
import { LOSS_TASK, type LossTaskInput, trainedLoss } from './lossTask.js';

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

/** Seeds per pool call, per worker: the sequential test asks for ranges of at most 16·workers seeds. */
export const SEEDS_PER_WORKER = 16;

export class TrainedLosses {
  private readonly memo = new Map<string, number>();
  /** Number of trainings actually run (not served from the memo). */
  trainings = 0;
  /** Worker threads for `losses` (1: inline). */
  readonly workers: number;

  constructor(
    readonly data: Dataset,
    readonly setting: EstimateSetting,
    readonly seed: number,
    opts: { workers?: number } = {},
  ) {
    this.workers = opts.workers ?? 1;
  }

  /**
   * The largest range worth asking `losses` for at once: SEEDS_PER_WORKER per worker (a Ctrl-C waits for at
   * most one such range). It changes how the work is cut, never which seeds are trained nor any result.
   */
  get batchSize(): number {
    return SEEDS_PER_WORKER * this.workers;
  }

  /**
   * E(Θ_{L,M}(s)) for seed index i (Infinity if the training diverged, so the event E ≤ ε fails), inline.
   * @param L depth, M width (trusted: validated at the boundary)
   */
  loss(L: number, M: number, i: number): number {
    const key = `${L},${M},${i}`;
    const known = this.memo.get(key);
    if (known !== undefined) return known;
    const E = trainedLoss(this.input(L, M, i));
    this.trainings++;
    this.memo.set(key, E);
    return E;
  }

  /**
   * The losses of seed indices start … start + count − 1, in that order; the missing ones are trained on
   * `workers` threads (TaskError if a training throws).
   */
  async losses(L: number, M: number, start: number, count: number): Promise<number[]> {
    const missing: number[] = [];
    for (let i = start; i < start + count; i++) if (!this.memo.has(`${L},${M},${i}`)) missing.push(i);
    if (missing.length > 0) {
      const values = await mapTasks<LossTaskInput, number>(LOSS_TASK, missing.map((i) => this.input(L, M, i)), { workers: this.workers });
      missing.forEach((i, j) => this.memo.set(`${L},${M},${i}`, values[j]));
      this.trainings += missing.length;
    }
    return Array.from({ length: count }, (_, j) => this.memo.get(`${L},${M},${start + j}`) as number);
  }

  private input(L: number, M: number, i: number): LossTaskInput {
    return { data: this.data, setting: this.setting, L, M, seed: this.seed + 1 + i };
  }
}
