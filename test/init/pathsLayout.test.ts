/**
 * The exact construction of initNetwork (src/init/paths.ts): every layer of every initialisation recomputed from
 * its seeded stream with a naive loop (same seed, same bits is a promise), and the size checks at their bounds.
 */
import { describe, expect, it } from 'vitest';
import { tanh } from '../../src/activations/index.js';
import { MAX_PARAMETERS, gaussian, initNetwork, linearPathCoefficients, randomStream } from '../../src/init/index.js';

const base = { d: 2, L: 4, M: 3, activation: tanh, seed: 17, scale: 1.5 };
const k = 2 * base.d + 1;

describe('initNetwork: the draws, layer by layer', () => {
  it('linear: (a_p, c_p) = scale·(g, g) from (seed, init, linear), and θ_l = a + (l/L) c for every l, the last included', () => {
    const rng = randomStream(base.seed, 'init', 'linear');
    const a: number[] = [];
    const c: number[] = [];
    for (let p = 0; p < base.M * k; p++) {
      a.push(base.scale * gaussian(rng));
      c.push(base.scale * gaussian(rng));
    }
    const coeff = linearPathCoefficients(base);
    expect(Array.from(coeff.a)).toEqual(a);
    expect(Array.from(coeff.c)).toEqual(c);
    const expected: number[] = [];
    for (let l = 0; l < base.L; l++) for (let p = 0; p < a.length; p++) expected.push(a[p] + (l / base.L) * c[p]);
    expect(Array.from(initNetwork({ ...base, init: 'linear' }).theta)).toEqual(expected);
  });

  it('iid: per neuron, layer 0 is its first draw and every later layer a fresh draw from (seed, init, iid); layers differ from layer 0', () => {
    const rng = randomStream(base.seed, 'init', 'iid');
    const expected = new Float64Array(base.L * base.M * k);
    for (let m = 0; m < base.M; m++) {
      const first = Array.from({ length: k }, () => base.scale * gaussian(rng));
      for (let l = 0; l < base.L; l++) {
        for (let j = 0; j < k; j++) expected[(l * base.M + m) * k + j] = l === 0 ? first[j] : base.scale * gaussian(rng);
      }
    }
    const theta = initNetwork({ ...base, init: 'iid' }).theta;
    expect(Array.from(theta)).toEqual(Array.from(expected));
    for (let l = 1; l < base.L; l++) {
      for (let p = 0; p < base.M * k; p++) expect(theta[l * base.M * k + p]).not.toBe(theta[p]);
    }
  });

  it('brownian: θ_{l+1,m} = θ_{l,m} + scale·sqrt(1/L)·g, neuron after neuron from (seed, init, brownian)', () => {
    const rng = randomStream(base.seed, 'init', 'brownian');
    const expected = new Float64Array(base.L * base.M * k);
    for (let m = 0; m < base.M; m++) {
      const walk = Array.from({ length: k }, () => base.scale * gaussian(rng));
      for (let l = 0; l < base.L; l++) {
        for (let j = 0; j < k; j++) {
          expected[(l * base.M + m) * k + j] = walk[j];
          walk[j] = walk[j] + base.scale * Math.sqrt(1 / base.L) * gaussian(rng);
        }
      }
    }
    expect(Array.from(initNetwork({ ...base, init: 'brownian' }).theta)).toEqual(Array.from(expected));
  });

  it('the default readout is (1, …, 1)/√d at d = 3 too', () => {
    expect(Array.from(initNetwork({ ...base, d: 3, init: 'iid' }).readout)).toEqual([1, 1, 1].map(() => 1 / Math.sqrt(3)));
  });
});

describe('initNetwork: bad input', () => {
  it('names d and the readout length', () => {
    expect(() => initNetwork({ ...base, d: 0, init: 'linear' })).toThrow(/^d=0 must be/);
    expect(() => initNetwork({ ...base, init: 'iid', readout: new Float64Array(1) })).toThrow(/^readout=.* must be length d = 2$/);
  });

  it('rejects more than MAX_PARAMETERS = L·M·(2d+1) parameters, and accepts exactly MAX_PARAMETERS', () => {
    // A wrong readout makes the accepted size throw on the readout instead, before anything is allocated.
    const wrongReadout = new Float64Array(3);
    expect(() => initNetwork({ ...base, L: 10_000_000, M: 10, init: 'linear', readout: wrongReadout })).toThrow(
      new RegExp(`^L·M·\\(2d\\+1\\)=500000000 must be at most ${MAX_PARAMETERS} parameters$`),
    );
    expect(MAX_PARAMETERS).toBe(10_000 * 1_000 * k);
    expect(() => initNetwork({ ...base, L: 10_000, M: 1_000, init: 'linear', readout: wrongReadout })).toThrow(/^readout=/);
  });
});
