/**
 * trainEnsemble (src/parallel/trainEnsemble.ts): outcomes in spec order, bit-identical with 1 and 2 workers
 * and to a direct call of train(), divergence as a status, and bad specs rejected before any training.
 * Tasks load dist/: run `npx tsc -p tsconfig.json` first.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { makeActivation } from '../../src/activations/index.js';
import { loadDataset } from '../../src/data/index.js';
import { initNetwork } from '../../src/init/index.js';
import { closePools } from '../../src/parallel/pool.js';
import { trainEnsemble } from '../../src/parallel/trainEnsemble.js';
import type { TrainingOutcome, TrainingSpec } from '../../src/parallel/trainingTask.js';
import { train } from '../../src/train/index.js';

afterAll(closePools);

const hex = (a: Float64Array | undefined): string => (a ? Buffer.from(a.buffer, a.byteOffset, a.byteLength).toString('hex') : '');
const bits = (outs: TrainingOutcome[]): string[] => outs.map((o) => `${o.status} ${hex(o.trajectory)} ${hex(o.theta)}`);

function spec(seed: number, L = 4, M = 8): TrainingSpec {
  return {
    network: { d: 2, L, M, activation: { name: 'tanh' }, init: 'linear', seed },
    data: { dataset: 'teacher', N: 6, d: 2, seed: 5 },
    dt: 0.05,
    steps: 6,
    keepTheta: true,
  };
}

describe('trainEnsemble', () => {
  it('gives the same bits with 1 and 2 workers, in spec order, equal to train() called directly', async () => {
    const specs = [1, 2, 3, 4, 5, 6, 7].map((seed, i) => spec(seed, 2 + i, 4 + 3 * i));
    const [one, two] = [await trainEnsemble(specs, { workers: 1 }), await trainEnsemble(specs, { workers: 2 })];
    expect(bits(two)).toEqual(bits(one));
    const data = loadDataset('teacher', { N: 6, d: 2, seed: 5 });
    specs.forEach((s, i) => {
      const net = initNetwork({ ...s.network, activation: makeActivation(s.network.activation) });
      const run = train(net, data, { dt: s.dt, steps: s.steps });
      expect(two[i].trajectory.length).toBe(3 * (s.steps + 1));
      expect(Array.from(two[i].trajectory.filter((_, k) => k % 3 === 1))).toEqual(run.trajectory.map((p) => p.E));
      expect(hex(two[i].theta)).toBe(hex(run.net.theta));
      expect(two[i].finalLoss).toBe(run.trajectory[s.steps].E);
    });
    // negative control: different seeds give different bits
    expect(bits(two)[0]).not.toBe(bits(two)[1]);
  });

  it('reports a diverged training as a status with final loss Infinity', async () => {
    const [out] = await trainEnsemble([{ ...spec(1), network: { ...spec(1).network, activation: { name: 'cubic' } }, dt: 10, steps: 30 }], { workers: 2 });
    expect(out.status).toBe('diverged');
    expect(out.finalLoss).toBe(Infinity);
    expect(out.trajectory.length % 3).toBe(0);
  });

  it('rejects a bad spec, naming its index and field, before training anything', async () => {
    await expect(trainEnsemble([spec(1), { ...spec(2), dt: -1 }], { workers: 2 })).rejects.toThrow(/^specs\[1\]\.dt=-1 must be/);
    await expect(trainEnsemble([{ ...spec(1), steps: 1.5 }], { workers: 1 })).rejects.toThrow(/^specs\[0\]\.steps=/);
    await expect(trainEnsemble([{ ...spec(1), network: { ...spec(1).network, d: 3 } }], { workers: 1 })).rejects.toThrow(/^specs\[0\]\.network\.d=3 must be the data's d = 2/);
    await expect(trainEnsemble([{ ...spec(1), network: { ...spec(1).network, activation: { name: 'relu' } as never } }], { workers: 1 })).rejects.toThrow(/^specs\[0\]\.network\.activation\.name=/);
  });
});
