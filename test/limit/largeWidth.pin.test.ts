/**
 * Pins src/limit/largeWidth.ts: meanFieldInitialLoss on a dataset worked by hand; widthNetwork's antithetic
 * layout (neuron H + m = (−u, w, b) of neuron m, H = ⌊M/2⌋, the last neuron of an odd M unpaired) and u-scaling,
 * against initNetwork; lossCurve against train(); largeWidthReference's mean, sample spread (K − 1) and standard
 * error spread/√K recomputed from the K loss curves; every thrown error and the divergence message.
 *
 * Tolerances: the statistics are ≤ 10 operations on O(1) losses, recomputed in a different order; 1e-14 relative
 * is ≥ 20× their rounding. Everything else is bit-exact (the same doubles copied or negated, or multiplied once).
 */
import { describe, expect, it } from 'vitest';
import { tanh } from '../../src/activations/index.js';
import { ball, type Dataset } from '../../src/data/index.js';
import { InvalidArgumentError, MachineryFailure } from '../../src/errors.js';
import { initNetwork } from '../../src/init/index.js';
import { type WidthSetting, largeWidthReference, lossCurve, meanFieldInitialLoss, widthNetwork } from '../../src/limit/largeWidth.js';
import { train } from '../../src/train/index.js';

const data = ball({ d: 2, N: 3, seed: 8 });
const setting = (extra: Partial<WidthSetting> = {}): WidthSetting => ({ L: 3, activation: tanh, scale: 0.8, data, dt: 0.1, steps: 3, ...extra });
const close = (a: number, b: number) => Math.abs(a - b) <= 1e-14 * Math.max(1, Math.abs(b));

describe('meanFieldInitialLoss = (1/N) Σ_i ½ (aᵀx_i − y_i)²', () => {
  it('hand case: a = (0.5, −1), x = (1, 2), (3, −1), y = (0.5, 1): ½(−2)² = 2, ½(1.5)² = 1.125, mean 1.5625', () => {
    const hand: Dataset = { name: 'hand', d: 2, N: 2, x: Float64Array.of(1, 2, 3, -1), y: Float64Array.of(0.5, 1) };
    expect(meanFieldInitialLoss(hand, Float64Array.of(0.5, -1))).toBe(1.5625);
    const one: Dataset = { name: 'one', d: 1, N: 3, x: Float64Array.of(1, -2, 4), y: Float64Array.of(0, 0, 1) };
    // ½·1 + ½·4 + ½·9 = 7, over N = 3
    expect(meanFieldInitialLoss(one, Float64Array.of(1))).toBe(7 / 3);
  });
});

describe('widthNetwork', () => {
  it('without options it is initNetwork({ init: "linear" }) of the setting', () => {
    const net = widthNetwork(setting(), 4, 5);
    const ref = initNetwork({ d: 2, L: 3, M: 4, activation: tanh, init: 'linear', seed: 5, scale: 0.8 });
    expect(Array.from(net.theta)).toEqual(Array.from(ref.theta));
    expect([net.d, net.L, net.M]).toEqual([2, 3, 4]);
  });

  it.each([4, 5])('antithetic, M = %i: neuron ⌊M/2⌋ + m is (−u, w, b) of neuron m; the rest as initNetwork', (M) => {
    const [d, L, k] = [2, 3, 5];
    const net = widthNetwork(setting(), M, 6, true);
    const ref = initNetwork({ d, L, M, activation: tanh, init: 'linear', seed: 6, scale: 0.8 });
    const H = Math.floor(M / 2);
    const neuron = (th: Float64Array, l: number, m: number) => Array.from(th.subarray((l * M + m) * k, (l * M + m + 1) * k));
    for (let l = 0; l < L; l++) {
      for (let m = 0; m < H; m++) {
        expect(neuron(net.theta, l, m)).toEqual(neuron(ref.theta, l, m));
        const src = neuron(ref.theta, l, m);
        expect(neuron(net.theta, l, H + m)).toEqual(src.map((v, j) => (j < d ? -v : v)));
      }
      if (M % 2 === 1) expect(neuron(net.theta, l, M - 1)).toEqual(neuron(ref.theta, l, M - 1));
    }
  });

  it('uFactor(M) multiplies every u (all layers and neurons) and nothing else, after the mirroring', () => {
    const M = 4;
    const seen: number[] = [];
    const scaled = widthNetwork(setting({ uFactor: (m) => (seen.push(m), m / 8) }), M, 7, true);
    expect(seen).toEqual([M]);
    const plain = widthNetwork(setting(), M, 7, true);
    for (let p = 0; p < plain.theta.length; p++) expect(scaled.theta[p]).toBe(p % 5 < 2 ? 0.5 * plain.theta[p] : plain.theta[p]);
    const one = widthNetwork(setting({ uFactor: () => 1 }), M, 7, true);
    expect(Array.from(one.theta)).toEqual(Array.from(plain.theta));
  });
});

describe('lossCurve and largeWidthReference', () => {
  it('lossCurve is E along train(widthNetwork(…)) with h = M L Δs, at s_j = jΔs, j = 0..steps', () => {
    for (const anti of [false, true]) {
      const c = lossCurve(setting(), 6, 9, anti);
      const run = train(widthNetwork(setting(), 6, 9, anti), data, { dt: 0.1, steps: 3 });
      if (c.status !== 'completed' || run.status !== 'completed') throw new Error('diverged');
      expect(Array.from(c.E)).toEqual(run.trajectory.map((p) => p.E));
      expect(c.E.length).toBe(4);
    }
  });

  it('a diverging run is a status with the message "M=<M> seed=<seed>: …"; the reference then throws', () => {
    const wild = setting({ dt: 1e300, scale: 30 });
    const c = lossCurve(wild, 4, 2);
    expect(c.status).toBe('diverged');
    if (c.status === 'diverged') expect(c.message).toMatch(/^M=4 seed=2: ./);
    expect(() => largeWidthReference(wild, 4, [2, 3])).toThrow(MachineryFailure);
    expect(() => largeWidthReference(wild, 4, [2, 3])).toThrow(/^reference not finite: large-width reference run: M=4 seed=2: ./);
  });

  it('E = mean, spread = sample std (K − 1), error = spread/√K of the K curves; s_j = jΔs; M and a copy of the seeds', () => {
    const seeds = [11, 12, 13];
    for (const anti of [false, true]) {
      const ref = largeWidthReference(setting(), 6, seeds, anti);
      const curves = seeds.map((seed) => {
        const c = lossCurve(setting(), 6, seed, anti);
        if (c.status !== 'completed') throw new Error('diverged');
        return Array.from(c.E);
      });
      for (let j = 0; j <= 3; j++) {
        const v = curves.map((c) => c[j]);
        const mean = (v[0] + v[1] + v[2]) / 3;
        const spread = Math.sqrt(((v[0] - mean) ** 2 + (v[1] - mean) ** 2 + (v[2] - mean) ** 2) / 2);
        expect(close(ref.E[j], mean), `E ${j}`).toBe(true);
        expect(close(ref.spread[j], spread), `spread ${j}`).toBe(true);
        expect(close(ref.error[j], spread / Math.sqrt(3)), `error ${j}`).toBe(true);
        // the seeds differ, so the spread is not 0 (antithetic pairs are exact at s = 0: z_L = x, so skip j = 0)
        if (!anti || j > 0) expect(ref.spread[j]).toBeGreaterThan(1e-6);
      }
      expect(ref.E.length).toBe(4);
      expect(Array.from(ref.s)).toEqual([0, 0.1, 0.2, 0.30000000000000004]);
      expect(ref.M).toBe(6);
      expect(ref.seeds).toEqual(seeds);
      expect(ref.seeds).not.toBe(seeds);
    }
  });

  it('rejects fewer than 2 seeds (field seeds) and an odd antithetic width (field M); an odd plain width is fine', () => {
    expect(() => largeWidthReference(setting(), 4, [1])).toThrow(InvalidArgumentError);
    expect(() => largeWidthReference(setting(), 4, [1])).toThrow(/^seeds=1 must be at least 2 seeds \(the spread needs two\)$/);
    expect(() => largeWidthReference(setting(), 5, [1, 2], true)).toThrow(InvalidArgumentError);
    expect(() => largeWidthReference(setting(), 5, [1, 2], true)).toThrow(/^M=5 must be even \(antithetic pairs\)$/);
    expect(largeWidthReference(setting(), 5, [1, 2]).M).toBe(5);
  });
});
