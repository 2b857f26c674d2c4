/**
 * One training of the estimates as a pool task (claim 24; issue 5 item 3): E(Θ_{L,M}(s)) for the network
 * initialised with a given seed, in the fixed setting of trainedLosses.ts. Run inline or in a worker thread:
 * the same float64 computation gives the same bits in either.
 */
import { makeActivation } from '../activations/index.js';
import type { Dataset } from '../data/dataset.js';
import { initNetwork } from '../init/index.js';
import type { TaskRef } from '../parallel/pool.js';
import { train } from '../train/index.js';
import type { EstimateSetting } from './trainedLosses.js';

/** Input of one training: the data set (x: Float64Array, length N·d, row-major (N, d)), the setting, L, M and the init seed. */
export interface LossTaskInput {
  data: Dataset;
  setting: EstimateSetting;
  L: number;
  M: number;
  seed: number;
}

/** The pool task running `trainedLoss`. */
export const LOSS_TASK: TaskRef = { module: 'src/estimate/lossTask.js', name: 'trainedLoss' };

/**
 * E(Θ_{L,M}(s)) after s/Δs GD steps of h = M L Δs from the linear-path init with `seed`, regularised ReLU σ_δ;
 * Infinity if the training diverged (so the event E ≤ ε fails). Inputs are trusted (validated at the CLI).
 */
export function trainedLoss(input: LossTaskInput): number {
  const { data, setting, L, M, seed } = input;
  const activation = makeActivation({ name: 'regularized_relu', delta: setting.delta });
  const net = initNetwork({ d: data.d, L, M, activation, init: 'linear', seed, scale: setting.scale });
  const run = train(net, data, { dt: setting.dt, steps: Math.round(setting.s / setting.dt) });
  return run.status === 'completed' ? run.trajectory[run.trajectory.length - 1].E : Infinity;
}
