/**
 * One training as a pool task (issue 5 item 3): a plain, structured-cloneable description of a network
 * initialisation, a data set and a GD schedule, and the function a worker runs on it. The result holds the
 * whole trajectory (s, E, dissipation) and optionally the final parameters, as Float64Arrays, so an ensemble
 * run with any number of workers can be compared bit for bit.
 *
 * Training: Θ ← Θ − h ∇E(Θ), h = M L Δs, K steps from initNetwork (theory.md §2, src/train/gradientDescent.ts).
 */
import { makeActivation } from '../activations/index.js';
import type { ActivationSpec } from '../activations/activation.js';
import type { Dataset } from '../data/dataset.js';
import { loadDataset } from '../data/index.js';
import { InvalidArgumentError, ShapeMismatchError } from '../errors.js';
import { type InitKind, initNetwork } from '../init/index.js';
import { train } from '../train/index.js';
import { integerInRange, positiveNumber } from '../validate.js';

/** A named data set drawn by loadDataset (ball, teacher, nonmonotone1d, iris) with its seed. */
export interface NamedDataSpec {
  dataset: string;
  N?: number;
  d?: number;
  seed: number;
}

/** One training, JSON-able apart from an inline Dataset's Float64Arrays (structured-cloneable either way). */
export interface TrainingSpec {
  network: {
    d: number;
    L: number;
    M: number;
    activation: ActivationSpec;
    init: InitKind;
    /** Seed of initNetwork's stream. */
    seed: number;
    scale?: number;
  };
  /** A named data set, or the data itself (x: Float64Array of length N·d, row-major (N, d); y of length N). */
  data: NamedDataSpec | Dataset;
  /** Training-time step Δs > 0 (h = M L Δs). */
  dt: number;
  /** GD steps K ≥ 0. */
  steps: number;
  /** Return the final parameters Θ(KΔs) too (default false: they are L·M·(2d+1) doubles). */
  keepTheta?: boolean;
}

/** The outcome of one training. */
export interface TrainingOutcome {
  status: 'completed' | 'diverged';
  /** E(KΔs) when completed; Infinity when diverged (any loss threshold test then fails). */
  finalLoss: number;
  /** Rows (s, E, dissipation) for s = 0, Δs, … up to the last finite point: length 3·(points), row-major. */
  trajectory: Float64Array;
  /** Θ at the end (length L·M·(2d+1), layout (L, M, 2d+1)), when keepTheta. */
  theta?: Float64Array;
}

/**
 * Checks a spec at the boundary (the worker then trusts it): sizes, Δs, K, the activation and the data.
 * @param field the name used in messages, e.g. `specs[3]`
 * @throws InvalidArgumentError / ShapeMismatchError naming `${field}.network.L`, `${field}.dt`, …
 */
export function validateTrainingSpec(spec: TrainingSpec, field = 'spec'): void {
  if (typeof spec !== 'object' || spec === null) throw new InvalidArgumentError(field, 'an object', spec);
  const n = spec.network;
  if (typeof n !== 'object' || n === null) throw new InvalidArgumentError(`${field}.network`, 'an object', n);
  integerInRange(`${field}.network.seed`, n.seed, 0, Number.MAX_SAFE_INTEGER);
  makeActivation(n.activation, `${field}.network.activation`);
  positiveNumber(`${field}.dt`, spec.dt);
  integerInRange(`${field}.steps`, spec.steps, 0, 1_000_000);
  const data = dataOf(spec, `${field}.data`);
  if (data.d !== n.d) throw new ShapeMismatchError(`${field}.network.d`, `the data's d = ${data.d}`, n.d);
}

/** The data set of a spec (drawn when named). @throws as loadDataset; ShapeMismatchError for inline data */
function dataOf(spec: TrainingSpec, field: string): Dataset {
  const data = spec.data;
  if (typeof data !== 'object' || data === null) throw new InvalidArgumentError(field, 'an object', data);
  if ('dataset' in data) return loadDataset(data.dataset, { N: data.N, d: data.d, seed: data.seed });
  if (!(data.x instanceof Float64Array) || !(data.y instanceof Float64Array) || data.x.length !== data.N * data.d || data.y.length !== data.N) {
    throw new ShapeMismatchError(field, 'a Dataset (x: Float64Array of length N·d, y of length N)', data);
  }
  return data;
}

/**
 * Runs one training (the pool task `{ module: 'src/parallel/trainingTask.js', name: 'runTraining' }`).
 * @returns the outcome; a diverged run is a status, not an error
 * @throws as initNetwork / loadDataset for a spec that validateTrainingSpec would reject
 */
export function runTraining(spec: TrainingSpec): TrainingOutcome {
  const n = spec.network;
  const activation = makeActivation(n.activation);
  const data = dataOf(spec, 'data');
  const net = initNetwork({ d: n.d, L: n.L, M: n.M, activation, init: n.init, seed: n.seed, scale: n.scale });
  const run = train(net, data, { dt: spec.dt, steps: spec.steps });
  const trajectory = new Float64Array(3 * run.trajectory.length);
  run.trajectory.forEach((p, k) => trajectory.set([p.s, p.E, p.dissipation], 3 * k));
  const finalLoss = run.status === 'completed' ? run.trajectory[run.trajectory.length - 1].E : Infinity;
  const outcome: TrainingOutcome = { status: run.status, finalLoss, trajectory };
  if (spec.keepTheta) outcome.theta = run.net.theta;
  return outcome;
}
