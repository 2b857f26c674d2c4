import { describe, expect, it } from 'vitest';
import { InvalidArgumentError } from '../../src/errors.js';
import * as data from '../../src/data/index.js';
import { ball, DATASET_NAMES, loadDataset } from '../../src/data/index.js';
import { bits } from './bits.js';

describe('data entry', () => {
  it('pins the public names', () => {
    expect(Object.keys(data).sort()).toEqual(
      [
        'DATASET_NAMES', 'DATA_FORMAT', 'IRIS_D', 'IRIS_N', 'IRIS_POSITIVE_CLASS', 'MAX_DATA_D', 'MAX_DATA_ENTRIES',
        'MAX_DATA_N', 'MODEL_FORMAT', 'ball', 'checkCompatible', 'checkSizes', 'dataFromValue', 'dataToJson',
        'formatNumber', 'gradToNested', 'iris', 'loadDataset', 'modelFromValue', 'modelToJson', 'nestLike',
        'nonmonotone1d', 'parseDataJson', 'parseModelJson', 'smoothTarget', 'stringifyExact', 'teacher',
        'teacherNetwork', 'uniformBall',
      ].sort(),
    );
  });

  it('loads every named data set with its dimension', () => {
    expect(DATASET_NAMES).toEqual(['ball', 'teacher', 'nonmonotone1d', 'iris']);
    const dims = DATASET_NAMES.map((name) => loadDataset(name, { N: 10, seed: 1 }).d);
    expect(dims).toEqual([2, 2, 1, 4]);
    expect(loadDataset('iris', { seed: 0 }).N).toBe(150);
    expect(loadDataset('ball', { seed: 0 }).N).toBe(64);
  });

  it('dispatches to the generator with the same bits', () => {
    expect(bits(loadDataset('ball', { d: 3, N: 10, seed: 7 }).x)).toEqual(bits(ball({ d: 3, N: 10, seed: 7 }).x));
  });

  it('rejects an unknown name listing the known ones', () => {
    expect(() => loadDataset('mnist', { seed: 1 })).toThrow(InvalidArgumentError);
    expect(() => loadDataset('mnist', { seed: 1 })).toThrow('one of ball, teacher, nonmonotone1d, iris');
  });

  it('rejects a d that the data set fixes', () => {
    expect(() => loadDataset('nonmonotone1d', { d: 2, seed: 1 })).toThrow('d=2');
    expect(() => loadDataset('iris', { d: 3, seed: 1 })).toThrow(InvalidArgumentError);
  });
});
