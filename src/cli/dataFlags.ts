/**
 * The data flags shared by `train` and `eval`: a data file (--data) or a built-in data set (--dataset, with
 * --samples, --dim and the --seed of its stream).
 */
import type { Dataset } from '../data/dataset.js';
import { DATASET_NAMES, loadDataset, parseDataJson } from '../data/index.js';
import { InvalidArgumentError, ResnetMfError } from '../errors.js';
import { oneOf, parseIntegerFlag } from '../validate.js';
import { readTextFile } from './io.js';

export interface DataFlags {
  data?: string;
  dataset?: string;
  samples?: string;
  dim?: string;
}

/**
 * The data set the flags name.
 * @throws InvalidArgumentError naming --data, --dataset, --samples, --dim or --seed; the errors of parseDataJson.
 */
export function loadData(flags: DataFlags, seed: number): Dataset {
  if (flags.data !== undefined && flags.dataset !== undefined) throw new InvalidArgumentError('--data', 'not given together with --dataset', flags.data);
  if (flags.data !== undefined) return parseDataJson(readTextFile('--data', flags.data), 'data');
  if (flags.dataset === undefined) throw new InvalidArgumentError('--data', 'a data file, or --dataset NAME', undefined);
  const name = oneOf('--dataset', flags.dataset, DATASET_NAMES);
  const N = flags.samples !== undefined ? parseIntegerFlag('--samples', flags.samples, 1, 1_000_000) : undefined;
  const d = flags.dim !== undefined ? parseIntegerFlag('--dim', flags.dim, 1, 10_000) : undefined;
  try {
    return loadDataset(name, { N, d, seed });
  } catch (err) {
    // the library names its options d, N, seed; on the command line they are --dim, --samples, --seed
    const flag = err instanceof ResnetMfError ? ({ d: '--dim', N: '--samples', seed: '--seed' } as Record<string, string>)[err.field] : undefined;
    if (flag && err instanceof ResnetMfError) throw new InvalidArgumentError(flag, err.expected, Number(err.received));
    throw err;
  }
}
