/**
 * TrainedLosses on the pool (src/estimate/trainedLosses.ts): `losses` with 2 workers gives the same bits as
 * the inline `loss`, in seed order, trains only the missing seeds, and counts its trainings.
 * Tasks load dist/: run `npx tsc -p tsconfig.json` first.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { loadDataset } from '../../src/data/index.js';
import { DEFAULT_SETTING, TrainedLosses } from '../../src/estimate/index.js';
import { closePools } from '../../src/parallel/pool.js';

afterAll(closePools);

const data = loadDataset('teacher', { N: 8, seed: 3 });
const setting = { ...DEFAULT_SETTING, s: 2 }; // 10 steps: fast

describe('TrainedLosses', () => {
  it('losses() on 2 workers equals loss() inline, bit for bit, in seed order', async () => {
    const pooled = new TrainedLosses(data, setting, 3, { workers: 2 });
    const inline = new TrainedLosses(data, setting, 3, { workers: 1 });
    for (const [L, M] of [[2, 8], [8, 2], [4, 4]]) {
      const got = await pooled.losses(L, M, 5, 9);
      const want = Array.from({ length: 9 }, (_, j) => inline.loss(L, M, 5 + j));
      expect(got).toEqual(want);
      expect(new Set(got).size).toBeGreaterThan(1); // the seeds differ: the order is visible
    }
    expect(pooled.trainings).toBe(27);
  });

  it('trains only the seeds not already known (overlapping ranges)', async () => {
    const losses = new TrainedLosses(data, setting, 3, { workers: 2 });
    const a = await losses.losses(2, 4, 0, 6);
    const b = await losses.losses(2, 4, 3, 6);
    expect(losses.trainings).toBe(9);
    expect(b.slice(0, 3)).toEqual(a.slice(3));
    expect(losses.loss(2, 4, 8)).toBe(b[5]);
    expect(losses.trainings).toBe(9);
  });

  it('cuts work in batches of 16 seeds per worker (which changes no result)', () => {
    expect(new TrainedLosses(data, setting, 3, { workers: 2 }).batchSize).toBe(32);
    expect(new TrainedLosses(data, setting, 3).batchSize).toBe(16);
  });
});
