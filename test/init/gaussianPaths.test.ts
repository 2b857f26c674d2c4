import { describe, expect, it } from 'vitest';
import { gaussian as gaussianBump, tanh } from '../../src/activations/index.js';
import { type GaussianPathLaw, gaussian, gaussianIidNetwork, gaussianPathCoefficients, gaussianPathNetwork, randomStream } from '../../src/init/index.js';

/** A law with every mean and standard deviation non-zero and distinct, so any change of a draw shows. */
function law(d: number): GaussianPathLaw {
  return {
    d,
    uMean0: Float64Array.from({ length: d }, (_, j) => 0.5 + 0.25 * j),
    uMean1: Float64Array.from({ length: d }, (_, j) => -0.75 + 0.125 * j),
    uStd0: 0.3,
    uStd1: 0.7,
    wStd0: 1.1,
    wStd1: 0.4,
    bStd0: 0.2,
    bStd1: 0.9,
  };
}

/** Means and standard deviations of the k = 2d+1 components (u, w, b) of a_m (…0) and c_m (…1), written out. */
function naiveMoments(lw: GaussianPathLaw) {
  const k = 2 * lw.d + 1;
  const at = (j: number) => (j < lw.d ? 'u' : j < 2 * lw.d ? 'w' : 'b');
  const mean0 = Array.from({ length: k }, (_, j) => (j < lw.d ? lw.uMean0[j] : 0));
  const mean1 = Array.from({ length: k }, (_, j) => (j < lw.d ? lw.uMean1[j] : 0));
  const std0 = Array.from({ length: k }, (_, j) => ({ u: lw.uStd0, w: lw.wStd0, b: lw.bStd0 })[at(j)]);
  const std1 = Array.from({ length: k }, (_, j) => ({ u: lw.uStd1, w: lw.wStd1, b: lw.bStd1 })[at(j)]);
  return { k, mean0, mean1, std0, std1 };
}

describe('Gaussian depth paths (src/init/gaussianPaths.ts)', () => {
  it('coefficients: a_mj = μ⁰_j + s⁰_j g, c_mj = μ¹_j + s¹_j g, drawn neuron after neuron from (seed, init, gaussian-paths), bit for bit', () => {
    const lw = law(2);
    const { k, mean0, mean1, std0, std1 } = naiveMoments(lw);
    const M = 3;
    const rng = randomStream(11, 'init', 'gaussian-paths');
    const a: number[] = [];
    const c: number[] = [];
    for (let m = 0; m < M; m++) {
      for (let j = 0; j < k; j++) {
        a.push(mean0[j] + std0[j] * gaussian(rng));
        c.push(mean1[j] + std1[j] * gaussian(rng));
      }
    }
    const got = gaussianPathCoefficients(lw, M, 11);
    expect(Array.from(got.a)).toEqual(a);
    expect(Array.from(got.c)).toEqual(c);
  });

  it('constant paths: standard deviations 0 are accepted and give c = μ¹ exactly', () => {
    const lw = { ...law(2), uStd1: 0, wStd1: 0, bStd1: 0 };
    const { c } = gaussianPathCoefficients(lw, 3, 2);
    const row = [lw.uMean1[0], lw.uMean1[1], 0, 0, 0];
    expect(Array.from(c)).toEqual([...row, ...row, ...row]);
  });

  it('path network: θ_l = a + (l/L) c for every layer l = 0…L−1, the last included', () => {
    const lw = law(2);
    const opts = { L: 4, M: 3, seed: 5 };
    const net = gaussianPathNetwork(lw, opts);
    const { a, c } = gaussianPathCoefficients(lw, opts.M, opts.seed);
    const expected: number[] = [];
    for (let l = 0; l < opts.L; l++) for (let p = 0; p < a.length; p++) expected.push(a[p] + (l / opts.L) * c[p]);
    expect(Array.from(net.theta)).toEqual(expected);
    expect(net.activation).toBe(gaussianBump);
    expect([net.d, net.L, net.M]).toEqual([2, 4, 3]);
  });

  it('i.i.d. network: θ_{l,m,j} = mean_j(t_l) + std_j(t_l) g, layer-major from (seed, init, gaussian-iid), bit for bit', () => {
    const lw = law(2);
    const { k, mean0, mean1, std0, std1 } = naiveMoments(lw);
    const [L, M, seed] = [3, 2, 9];
    const rng = randomStream(seed, 'init', 'gaussian-iid');
    const expected: number[] = [];
    for (let l = 0; l < L; l++) {
      const t = l / L;
      for (let m = 0; m < M; m++) {
        for (let j = 0; j < k; j++) {
          const std = Math.sqrt(std0[j] * std0[j] + t * t * std1[j] * std1[j]);
          expected.push(mean0[j] + t * mean1[j] + std * gaussian(rng));
        }
      }
    }
    const net = gaussianIidNetwork(lw, { L, M, seed, activation: tanh });
    expect(Array.from(net.theta)).toEqual(expected);
    expect(net.activation).toBe(tanh);
  });

  it('the default readout is (1, …, 1)/√d at d = 2 and d = 3; a given readout is copied', () => {
    for (const d of [2, 3]) {
      const net = gaussianPathNetwork(law(d), { L: 2, M: 2, seed: 1 });
      expect(Array.from(net.readout)).toEqual(Array.from({ length: d }, () => 1 / Math.sqrt(d)));
      expect(Array.from(gaussianIidNetwork(law(d), { L: 2, M: 2, seed: 1 }).readout)).toEqual(Array.from(net.readout));
    }
    const readout = Float64Array.of(0.25, -2);
    const net = gaussianPathNetwork(law(2), { L: 2, M: 2, seed: 1, readout });
    readout[0] = 7;
    expect(Array.from(net.readout)).toEqual([0.25, -2]);
  });

  it('rejects a malformed law, size or readout with the field named', () => {
    const ok = law(2);
    const coeff = (lw: GaussianPathLaw, M = 2) => () => gaussianPathCoefficients(lw, M, 1);
    expect(coeff({ ...ok, d: 0 })).toThrow(/^law\.d=0 must be/);
    expect(coeff({ ...ok, uMean0: new Float64Array(3) })).toThrow(/^law\.uMean0=.* must be length d = 2$/);
    expect(coeff({ ...ok, uMean1: new Float64Array(1) })).toThrow(/^law\.uMean1=.* must be length d = 2$/);
    expect(coeff({ ...ok, uStd1: -0.5 })).toThrow(/^law\.uStd1=-0\.5 must be a standard deviation ≥ 0$/);
    expect(coeff({ ...ok, bStd0: -1 })).toThrow(/^law\.bStd0=-1 must be a standard deviation ≥ 0$/);
    expect(coeff({ ...ok, wStd1: NaN })).toThrow(/^law\.wStd1=NaN must be/);
    expect(coeff({ ...ok, uMean0: Float64Array.of(1, NaN) })).toThrow(/^law\.uMean0\[1\]=NaN must be/);
    expect(coeff({ ...ok, uMean1: Float64Array.of(Infinity, 0) })).toThrow(/^law\.uMean1\[0\]=Infinity must be/);
    expect(coeff(ok, 0)).toThrow(/^M=0 must be/);
    expect(() => gaussianPathNetwork(ok, { L: 0, M: 2, seed: 1 })).toThrow(/^L=0 must be/);
    expect(() => gaussianIidNetwork(ok, { L: 0, M: 2, seed: 1 })).toThrow(/^L=0 must be/);
    expect(() => gaussianIidNetwork(ok, { L: 2, M: 0, seed: 1 })).toThrow(/^M=0 must be/);
    for (const build of [gaussianPathNetwork, gaussianIidNetwork]) {
      expect(() => build(ok, { L: 2, M: 2, seed: 1, readout: new Float64Array(3) })).toThrow(/^readout=.* must be length d = 2$/);
    }
  });
});
