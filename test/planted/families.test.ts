/**
 * The graded bug families (src/planted/families.ts): at δ = 0 each member is the correct implementation bit for
 * bit (the defect-free planted network, or resnet-mf's own training loop and initialisation); at δ > 0 each
 * changes exactly what its title says, checked against resnet-mf's kernel on a transformed input where one exists.
 */
import { describe, expect, it } from 'vitest';
import { makeActivation, tanh } from '../../src/activations/index.js';
import { loadDataset } from '../../src/data/index.js';
import { initNetwork, linearPathCoefficients } from '../../src/init/index.js';
import { lossAndGradient, type Network } from '../../src/model/index.js';
import {
  BUG_FAMILIES, BUG_FAMILY_IDS, DELTA_LADDER, DSIGMA_TAIL, bitsOfDelta, defectiveLossAndGradient, gradedPlant, parsePlant, plantedSubject, roundToBits,
} from '../../src/planted/index.js';
import { builtinSubject } from '../../src/subject/index.js';
import { InvalidArgumentError } from '../../src/errors.js';
import { scaleU } from '../../properties/plantedBugs.js';
import { relativeDistance } from '../helpers/relativeDistance.js';

const net: Network = initNetwork({ d: 2, L: 4, M: 4, activation: tanh, init: 'linear', seed: 5, scale: 1.5 });
const data = loadDataset('ball', { d: 2, N: 5, seed: 2 });
const k = 2 * net.d + 1;
const same = (a: ArrayLike<number>, b: ArrayLike<number>) => a.length === b.length && Array.from(a).every((v, p) => Object.is(v, b[p]));
const at = (family: string, delta: number) => plantedSubject(parsePlant(`${family}@${delta}`, 'test'));
const plain = defectiveLossAndGradient(net, data, {});
const correct = lossAndGradient(net, data);
const train = (s = builtinSubject, steps = 3, dt = 0.05) => s.train([{ net, data, dt, steps }])[0];
const initCase = { d: 2, L: 6, M: 5, scale: 1.5, seed: 9 };


describe('the ladder and the names', () => {
  it('DELTA_LADDER is 1, 0.3, 0.1, …, 3e-8, 1e-8: two rungs a decade, 17 rungs', () => {
    expect(DELTA_LADDER).toEqual([1, 0.3, 0.1, 0.03, 0.01, 0.003, 0.001, 3e-4, 1e-4, 3e-5, 1e-5, 3e-6, 1e-6, 3e-7, 1e-7, 3e-8, 1e-8]);
  });

  it('parsePlant takes family@δ in canonical form and a catalogue id; refuses the rest naming the field', () => {
    expect(parsePlant('layer-scale@1e-3', '--plant')).toBe('layer-scale@0.001');
    expect(parsePlant('layer-scale@0', '--plant')).toBe('layer-scale@0');
    expect(parsePlant('drop-inv-L', '--plant')).toBe('drop-inv-L');
    expect(gradedPlant('init-scale', 3e-8)).toBe('init-scale@3e-8');
    for (const bad of ['layer-scale@', 'layer-scale@-1', 'layer-scale@11', 'layer-scale@NaN', 'layer-scale@x', 'no-family@0.1', '@0.1',
      'layer-scale@-0', 'layer-scale@0x1', 'layer-scale@+0.1', 'layer-scale@.1', 'layer-scale@ 0.1', 'layer-scale@0.1 ', ' layer-scale@0.1', 'layer-scale@1e-400', 'layer-scale@5e-324', 'layer-scale@Infinity']) {
      expect(() => parsePlant(bad, '--plant'), bad).toThrow(InvalidArgumentError);
      expect(() => parsePlant(bad, '--plant'), bad).toThrow(/^--plant=/);
    }
    expect(() => parsePlant('no-family@0.1', 'RESNET_MF_PLANT')).toThrow(/a family among layer-scale, depth-offset/);
    expect(() => parsePlant('layer-scale@20', '--plant')).toThrow(/δ a decimal number in \[0, 10\]/);
    expect(parsePlant('layer-scale@0e5', '--plant')).toBe('layer-scale@0');
  });

  it('every family has a title and a member for each rung of the ladder', () => {
    expect(BUG_FAMILIES.map((f) => f.id)).toEqual([...BUG_FAMILY_IDS]);
    for (const f of BUG_FAMILIES) {
      expect(f.title.length).toBeGreaterThan(10);
      for (const delta of [0, ...DELTA_LADDER]) expect(f.member(delta)).toBeTypeOf('object');
    }
  });
});

describe('at δ = 0 every family is the correct implementation, bit for bit', () => {
  for (const family of BUG_FAMILY_IDS) {
    it(family, () => {
      const s = at(family, 0);
      const [e] = s.evaluate([{ net, data }], true);
      const reference = family === 'learning-rate' || family === 'path-time' || family === 'init-scale' ? correct : plain;
      expect(same(e.outputs, reference.outputs)).toBe(true);
      expect(same(e.grad as Float64Array, reference.grad)).toBe(true);
      // the training loop: resnet-mf's (the kernel's gradient, or the planted network's, which agree to rounding)
      const reference3 = reference === correct ? train() : plantedSubject('layer-scale@0').train([{ net, data, dt: 0.05, steps: 3 }])[0];
      expect(same(train(s), reference3)).toBe(true);
      expect(same(s.init([initCase])[0], builtinSubject.init([initCase])[0])).toBe(true);
    });
  }
});

describe('at δ > 0 each family changes what its title says', () => {
  const delta = 0.01;
  it('layer-scale and depth-offset are the kernel with u scaled by 1+δ and by L/(L+δ)', () => {
    expect(relativeDistance(at('layer-scale', delta).evaluate([{ net, data }], false)[0].outputs, lossAndGradient(scaleU(net, 1 + delta), data).outputs)).toBeLessThan(1e-14);
    expect(relativeDistance(at('depth-offset', delta).evaluate([{ net, data }], false)[0].outputs, lossAndGradient(scaleU(net, net.L / (net.L + delta)), data).outputs)).toBeLessThan(1e-14);
  });

  it('adjoint-depth-offset leaves the outputs alone and moves the gradient by O(δ/L)', () => {
    const [e] = at('adjoint-depth-offset', delta).evaluate([{ net, data }], true);
    expect(same(e.outputs, plain.outputs)).toBe(true);
    const moved = relativeDistance(e.grad as Float64Array, plain.grad);
    expect(moved).toBeGreaterThan(1e-6);
    expect(moved).toBeLessThan(2 * delta / net.L);
  });

  it('path-time samples the paths at (l+δ)/L; init-scale draws (a, c) at (1+δ)·scale', () => {
    const { a, c } = linearPathCoefficients({ d: 2, M: 5, seed: 9, scale: 1.5 });
    const theta = at('path-time', 0.5).init([initCase])[0];
    const mk = a.length;
    for (let l = 0; l < initCase.L; l++) for (let p = 0; p < mk; p++) expect(theta[l * mk + p]).toBe(a[p] + ((l + 0.5) / initCase.L) * c[p]);
    expect(same(at('init-scale', 0.5).init([initCase])[0], builtinSubject.init([{ ...initCase, scale: 1.5 * 1.5 }])[0])).toBe(true);
  });

  it('learning-rate trains as resnet-mf with Δs(1+δ); gradient-memory and weight-decay leave one step alone and change the second', () => {
    expect(relativeDistance(train(at('learning-rate', delta)), train(builtinSubject, 3, 0.05 * (1 + delta)))).toBeLessThan(1e-14);
    const base = plantedSubject('layer-scale@0');
    const one = (s: typeof base) => s.train([{ net, data, dt: 0.05, steps: 1 }])[0];
    expect(same(one(at('gradient-memory', delta)), one(base))).toBe(true);
    // the second step is θ_1 − h (g_1 + δ g_0), h = M L Δs
    const theta1 = one(base);
    const g0 = defectiveLossAndGradient(net, data, {}).grad;
    const g1 = defectiveLossAndGradient({ ...net, theta: theta1 }, data, {}).grad;
    const h = net.M * net.L * 0.05;
    expect(relativeDistance(train(at('gradient-memory', delta), 2), theta1.map((v, p) => v - h * (g1[p] + delta * g0[p])))).toBeLessThan(1e-15);
    // weight decay shrinks θ by the factor 1 − δΔs after each step
    const decayed = at('weight-decay', delta).train([{ net, data, dt: 0.05, steps: 1 }])[0];
    expect(relativeDistance(decayed, one(base).map((v) => v * (1 - delta * 0.05)))).toBeLessThan(1e-15);
  });

  it("dsigma-scale moves the w and b gradients and not the outputs; dsigma-tail changes nothing where every |r| ≤ 3", () => {
    const [e] = at('dsigma-scale', delta).evaluate([{ net, data }], true);
    expect(same(e.outputs, plain.outputs)).toBe(true);
    expect(relativeDistance(e.grad as Float64Array, plain.grad)).toBeGreaterThan(delta / 10);
    const small = initNetwork({ d: 2, L: 4, M: 4, activation: tanh, init: 'linear', seed: 5, scale: 0.3 });
    const r = defectiveLossAndGradient(small, data, {});
    const [tail] = at('dsigma-tail', delta).evaluate([{ net: small, data }], true);
    expect(same(tail.grad as Float64Array, r.grad)).toBe(true);
    // at a scale where pre-activations exceed DSIGMA_TAIL the gradient moves
    const big = initNetwork({ d: 2, L: 4, M: 4, activation: makeActivation({ name: 'sigmoid' }), init: 'linear', seed: 5, scale: 4 * DSIGMA_TAIL });
    const [tailBig] = at('dsigma-tail', delta).evaluate([{ net: big, data }], true);
    expect(same(tailBig.grad as Float64Array, defectiveLossAndGradient(big, data, {}).grad)).toBe(false);
  });

  it('terminal-adjoint scales ∂E/∂θ by 1+δ; readout-scale scales the outputs; gradient-u, -w, -b scale their block', () => {
    expect(relativeDistance(at('terminal-adjoint', delta).evaluate([{ net, data }], true)[0].grad as Float64Array, plain.grad.map((g) => (1 + delta) * g))).toBeLessThan(1e-14);
    // readout-scale is the network whose readout is (1+δ)a: outputs and the gradient of its loss
    const [readout] = at('readout-scale', delta).evaluate([{ net, data }], true);
    const scaledReadout = lossAndGradient({ ...net, readout: net.readout.map((a) => (1 + delta) * a) }, data);
    expect(relativeDistance(readout.outputs, scaledReadout.outputs)).toBeLessThan(1e-14);
    expect(relativeDistance(readout.grad as Float64Array, scaledReadout.grad)).toBeLessThan(1e-13);
    for (const [block, lo, hi] of [['u', 0, 2], ['w', 2, 4], ['b', 4, 5]] as const) {
      const g = at(`gradient-${block}`, delta).evaluate([{ net, data }], true)[0].grad as Float64Array;
      expect(same(g, plain.grad.map((v, p) => (p % k >= lo && p % k < hi ? v * (1 + delta) : v))), block).toBe(true);
    }
  });

  it('bias-sign-neurons flips ∂E/∂b on the neurons m < ⌈δM⌉, one at least', () => {
    const flipped = (d: number, m: number) => {
      const g = at('bias-sign-neurons', d).evaluate([{ net, data }], true)[0].grad as Float64Array;
      return g.map((v, p) => (p % k === 2 * net.d && Math.floor(p / k) % net.M < m ? -v : v));
    };
    expect(same(flipped(1e-8, 1), plain.grad)).toBe(true);
    expect(same(flipped(0.3, 2), plain.grad)).toBe(true); // ⌈1.2⌉ = 2
    expect(same(flipped(0.5, 2), plain.grad)).toBe(true);
    expect(same(flipped(1, 4), plain.grad)).toBe(true);
  });

  it('state-rounding rounds to p bits with 2^{1−p} ≤ δ; float32 is δ = 2^-23', () => {
    expect(bitsOfDelta(2 ** -23)).toBe(24);
    expect(bitsOfDelta(1e-8)).toBe(28);
    expect(bitsOfDelta(1)).toBe(1);
    expect(bitsOfDelta(0)).toBe(Infinity);
    for (const x of [1.1, -3.7, 1e-30, 6.02e23, Math.PI]) expect(roundToBits(x, 24)).toBe(Math.fround(x));
    expect(roundToBits(0, 5)).toBe(0);
    expect(roundToBits(Infinity, 5)).toBe(Infinity);
    // no overflow of the scale: subnormal and huge x, and p beyond a double's 53 bits
    expect(roundToBits(5e-324, 28)).toBe(5e-324);
    expect(roundToBits(3e-320, 1)).toBe(2 ** Math.floor(Math.log2(3e-320)));
    expect(roundToBits(1e-8, 1100)).toBe(1e-8);
    expect(roundToBits(1.2e308, 2)).toBe(1.5 * 2 ** 1023);
    const rounded = at('state-rounding', 2 ** -23).evaluate([{ net, data }], false)[0].outputs;
    expect(same(rounded, defectiveLossAndGradient(net, data, { float32States: true }).outputs)).toBe(true);
  });
});
