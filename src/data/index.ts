/**
 * Public entry of src/data: data sets (synthetic and Iris), a loader by name, and the JSON interchange
 * format for models and data.
 */
import { InvalidArgumentError } from '../errors.js';
import { oneOf } from '../validate.js';
import type { Dataset } from './dataset.js';
import { iris, IRIS_D } from './iris.js';
import { ball, nonmonotone1d, teacher } from './synthetic.js';

export type { Dataset } from './dataset.js';
export { iris, IRIS_D, IRIS_N, IRIS_POSITIVE_CLASS, type IrisOptions } from './iris.js';
export {
  ball,
  teacher,
  teacherNetwork,
  nonmonotone1d,
  smoothTarget,
  uniformBall,
  checkSizes,
  MAX_DATA_D,
  MAX_DATA_N,
  MAX_DATA_ENTRIES,
  type BallOptions,
  type TeacherOptions,
  type NonmonotoneOptions,
} from './synthetic.js';
export {
  MODEL_FORMAT,
  DATA_FORMAT,
  parseModelJson,
  parseDataJson,
  modelFromValue,
  dataFromValue,
  modelToJson,
  dataToJson,
  checkCompatible,
} from './json.js';
export { formatNumber, stringifyExact, nestLike, gradToNested } from './nested.js';

/** The names accepted by `loadDataset` (and the CLI's --data). */
export const DATASET_NAMES = ['ball', 'teacher', 'nonmonotone1d', 'iris'] as const;
export type DatasetName = (typeof DATASET_NAMES)[number];

/** Options of `loadDataset`; d and N default to 2 and 64 (iris: d = 4, N = 150; nonmonotone1d: d = 1). */
export interface LoadOptions {
  d?: number;
  N?: number;
  seed: number;
}

/**
 * A data set by name: `ball` and `teacher` (any d, default 2), `nonmonotone1d` (d = 1), `iris` (d = 4; N < 150
 * gives a seeded subsample).
 * @returns Dataset with x Float64Array of length N·d, row-major (N, d), and y of length N.
 * @throws InvalidArgumentError naming `dataset` (listing DATASET_NAMES) for an unknown name, `d` when the
 *   set fixes d and another value is given, and `d`, `N` or `seed` when out of range.
 * @example loadDataset('ball', { d: 3, N: 100, seed: 7 }).x.length // → 300
 */
export function loadDataset(name: string, opts: LoadOptions): Dataset {
  const which = oneOf('dataset', name, DATASET_NAMES);
  if (typeof opts !== 'object' || opts === null) throw new InvalidArgumentError('options', 'an object', opts);
  const fixedD = (d: number): void => {
    if (opts.d !== undefined && opts.d !== d) {
      throw new InvalidArgumentError('d', `${d} (fixed by dataset ${which})`, opts.d);
    }
  };
  switch (which) {
    case 'ball':
      return ball({ d: opts.d ?? 2, N: opts.N ?? 64, seed: opts.seed });
    case 'teacher':
      return teacher({ d: opts.d ?? 2, N: opts.N ?? 64, seed: opts.seed });
    case 'nonmonotone1d':
      fixedD(1);
      return nonmonotone1d({ N: opts.N ?? 64, seed: opts.seed });
    case 'iris':
      fixedD(IRIS_D);
      return iris({ N: opts.N, seed: opts.seed });
  }
}
