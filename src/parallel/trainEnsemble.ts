/**
 * An ensemble of independent trainings (seeds, sizes) on the worker pool (issue 5 item 3): the specs are
 * validated here, run by `runTraining` on `workers` threads, and returned in spec order, so the outcome is
 * bit-identical whatever the number of workers (each training is the same deterministic float64 computation
 * in whichever thread runs it; nothing is combined across trainings).
 */
import { InvalidArgumentError } from '../errors.js';
import { mapTasks, type TaskRef } from './pool.js';
import { type TrainingOutcome, type TrainingSpec, validateTrainingSpec } from './trainingTask.js';

/** The pool task that runs one training. */
export const TRAINING_TASK: TaskRef = { module: 'src/parallel/trainingTask.js', name: 'runTraining' };

/**
 * Trains every spec; outcome i belongs to specs[i].
 * @param specs plain descriptions (see TrainingSpec); validated before any training starts
 * @param opts.workers worker threads ≥ 1 (1: inline, sequential)
 * @throws InvalidArgumentError / ShapeMismatchError naming `specs[i]…`; TaskError if a training throws
 * @example
 * const specs = seeds.map((seed) => ({ network: { d: 5, L: 50, M: 100, activation: { name: 'tanh' }, init: 'linear', seed },
 *   data: { dataset: 'teacher', N: 10, d: 5, seed: 1 }, dt: 0.01, steps: 20 }));
 * const outcomes = await trainEnsemble(specs, { workers: 2 });
 */
export async function trainEnsemble(specs: readonly TrainingSpec[], opts: { workers: number }): Promise<TrainingOutcome[]> {
  if (!Array.isArray(specs)) throw new InvalidArgumentError('specs', 'an array of training specs', specs);
  specs.forEach((spec, i) => validateTrainingSpec(spec, `specs[${i}]`));
  return mapTasks<TrainingSpec, TrainingOutcome>(TRAINING_TASK, specs, opts);
}
