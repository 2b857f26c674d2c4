/**
 * model/mixtureNetwork.ts against its docstring: layer l of the mixture is θ⁰_{l,1..M0} then θ¹_{l,1..M1}, with
 * u^λ = M(1 − λ)/M0 · u⁰ and u^λ = Mλ/M1 · u¹ (M = M0 + M1), w and b copied bit for bit, σ and a of net0.
 * The convexity claim only tests a consequence (E convex in λ at L = 1); here every entry is checked.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { sigmoid, sin, tanh, type Activation } from '../../src/activations/index.js';
import { ShapeMismatchError } from '../../src/errors.js';
import { gaussian, randomStream } from '../../src/init/index.js';
import { MIXTURE_WEIGHT_ROUNDINGS, mixtureNetwork } from '../../src/model/mixtureNetwork.js';
import type { Network } from '../../src/model/network.js';
import { gamma } from '../../src/numeric/index.js';

/** A neuron (u, w, b) as plain arrays. */
interface Neuron { u: number[]; w: number[]; b: number }

/** θ[l][m] as nested arrays, from the layout (L, M, 2d + 1) of network.ts. */
function layers(net: Network): Neuron[][] {
  const { d, L, M, theta } = net;
  const k = 2 * d + 1;
  return Array.from({ length: L }, (_, l) =>
    Array.from({ length: M }, (_, m) => {
      const v = Array.from(theta.subarray((l * M + m) * k, (l * M + m + 1) * k));
      return { u: v.slice(0, d), w: v.slice(d, 2 * d), b: v[2 * d] };
    }),
  );
}

/**
 * The docstring's mixture on nested arrays: layer l = [θ⁰_{l,m} with u scaled by weight0] ++ [θ¹_{l,m}, u · weight1].
 * The weights are arguments so that the negative control can pass wrong ones.
 */
function referenceLayers(net0: Network, net1: Network, weight0: number, weight1: number): Neuron[][] {
  const scale = (n: Neuron, c: number): Neuron => ({ u: n.u.map((t) => t * c), w: n.w, b: n.b });
  const l1 = layers(net1);
  return layers(net0).map((layer, l) => [...layer.map((n) => scale(n, weight0)), ...l1[l].map((n) => scale(n, weight1))]);
}

/**
 * Largest relative error of the u's (|got − want| ≤ r·|want|) and whether every w, b is identical (Object.is).
 * Both sides are within γ_4 of the exact weight times u (the module's MIXTURE_WEIGHT_ROUNDINGS; ours has 3
 * roundings), so they differ by ≤ 2γ_4/(1 − γ_4) relative to the reference.
 */
function compare(got: Neuron[][], want: Neuron[][]): { uRel: number; copied: boolean } {
  let uRel = 0;
  let copied = got.length === want.length;
  got.forEach((layer, l) => {
    copied &&= layer.length === want[l].length;
    layer.forEach((n, m) => {
      const e = want[l][m];
      n.u.forEach((t, j) => (uRel = Math.max(uRel, Math.abs(t - e.u[j]) === 0 ? 0 : Math.abs(t - e.u[j]) / Math.abs(e.u[j]))));
      copied &&= Object.is(n.b, e.b) && n.w.every((t, j) => Object.is(t, e.w[j]));
    });
  });
  return { uRel, copied };
}
const TOL = (2 * gamma(MIXTURE_WEIGHT_ROUNDINGS)) / (1 - gamma(MIXTURE_WEIGHT_ROUNDINGS));

/** A Gaussian network (θ and a) of the given sizes from a labelled seeded stream. */
function randomNet(d: number, L: number, M: number, activation: Activation, seed: number, label: string): Network {
  const rng = randomStream(seed, 'test', 'mixtureNetwork', label);
  const theta = Float64Array.from({ length: L * M * (2 * d + 1) }, () => gaussian(rng));
  return { d, L, M, activation, readout: Float64Array.from({ length: d }, () => gaussian(rng)), theta };
}

/** Builds the mixture of two random networks and checks it entry by entry against the docstring. */
function expectMixture(d: number, L: number, M0: number, M1: number, lambda: number, seed: number): void {
  const net0 = randomNet(d, L, M0, tanh, seed, '0');
  const net1 = randomNet(d, L, M1, sin, seed, '1');
  const mix = mixtureNetwork(net0, net1, lambda);
  const M = M0 + M1;
  expect([mix.d, mix.L, mix.M, mix.theta.length]).toEqual([d, L, M, L * M * (2 * d + 1)]);
  expect(mix.activation).toBe(net0.activation);
  expect(Array.from(mix.readout)).toEqual(Array.from(net0.readout));
  const { uRel, copied } = compare(layers(mix), referenceLayers(net0, net1, (M * (1 - lambda)) / M0, (M * lambda) / M1));
  expect(uRel).toBeLessThanOrEqual(TOL);
  expect(copied).toBe(true);
}

describe('mixtureNetwork', () => {
  it('matches its definition entry by entry on generic sizes, for dyadic and non-dyadic λ', () => {
    const cases = [
      { d: 2, L: 2, M0: 2, M1: 3, lambda: 0.375 },
      { d: 3, L: 3, M0: 3, M1: 2, lambda: 0.3 },
      { d: 2, L: 1, M0: 3, M1: 2, lambda: 0 },
      { d: 3, L: 2, M0: 2, M1: 3, lambda: 1 },
      { d: 2, L: 3, M0: 3, M1: 3, lambda: 0.125 },
    ];
    cases.forEach((c, i) => expectMixture(c.d, c.L, c.M0, c.M1, c.lambda, 20 + i));
  });

  it('property (fast-check, fixed seed): the same for random sizes, λ in [0, 1] and seeds', () => {
    const arb = fc.record({
      d: fc.integer({ min: 2, max: 3 }), L: fc.integer({ min: 1, max: 3 }),
      M0: fc.integer({ min: 1, max: 3 }), M1: fc.integer({ min: 1, max: 3 }),
      lambda: fc.double({ min: 0, max: 1, noNaN: true }), seed: fc.integer({ min: 0, max: 2 ** 31 - 1 }),
    });
    fc.assert(fc.property(arb, (s) => expectMixture(s.d, s.L, s.M0, s.M1, s.lambda, s.seed)), { seed: 8015, numRuns: 100 });
  });

  it('worked example: M0 = 1, M1 = 2, λ = 1/4: weights 3·(3/4)/1 = 9/4 and 3·(1/4)/2 = 3/8, exact', () => {
    const net0: Network = { d: 1, L: 1, M: 1, activation: tanh, readout: Float64Array.of(5), theta: Float64Array.of(2, 7, -1) };
    const net1: Network = { d: 1, L: 1, M: 2, activation: sigmoid, readout: Float64Array.of(6), theta: Float64Array.of(1, 3, 4, -4, -5, 0.5) };
    const mix = mixtureNetwork(net0, net1, 0.25);
    expect(Array.from(mix.theta)).toEqual([4.5, 7, -1, 0.375, 3, 4, -1.5, -5, 0.5]);
    expect([mix.M, mix.activation.name, mix.readout[0]]).toEqual([3, 'tanh', 5]);
  });

  it('negative control: the comparison detects swapped widths, a dropped M and λ for 1 − λ', () => {
    const net0 = randomNet(2, 2, 2, tanh, 1, '0');
    const net1 = randomNet(2, 2, 3, tanh, 1, '1');
    const got = layers(mixtureNetwork(net0, net1, 0.375));
    const M = 5;
    for (const [w0, w1] of [
      [(M * 0.625) / 3, (M * 0.375) / 2],
      [0.625 / 2, 0.375 / 3],
      [(M * 0.375) / 2, (M * 0.625) / 3],
    ]) {
      expect(compare(got, referenceLayers(net0, net1, w0, w1)).uRel).toBeGreaterThan(100 * TOL);
    }
    // A copy of w that is off by one place (u's last entry in w's first slot) is not "copied".
    const shifted = referenceLayers(net0, net1, (M * 0.625) / 2, (M * 0.375) / 3).map((layer) => layer.map((n) => ({ ...n, w: [n.u[1], n.w[1]] })));
    expect(compare(got, shifted).copied).toBe(false);
  });

  it('refuses networks of different d or L with ShapeMismatchError naming net1.d / net1.L (d checked first)', () => {
    const base = randomNet(2, 2, 2, tanh, 3, '0');
    expect(() => mixtureNetwork(base, randomNet(3, 2, 2, tanh, 3, '1'), 0.5)).toThrow(ShapeMismatchError);
    expect(() => mixtureNetwork(base, randomNet(3, 2, 2, tanh, 3, '1'), 0.5)).toThrow(/^net1\.d=3 must be d = 2$/);
    expect(() => mixtureNetwork(base, randomNet(2, 1, 2, tanh, 3, '1'), 0.5)).toThrow(ShapeMismatchError);
    expect(() => mixtureNetwork(base, randomNet(2, 1, 2, tanh, 3, '1'), 0.5)).toThrow(/^net1\.L=1 must be L = 2$/);
    expect(() => mixtureNetwork(base, randomNet(3, 3, 2, tanh, 3, '1'), 0.5)).toThrow(/^net1\.d=3 must be d = 2$/);
    // Different widths are the point of a mixture: no error.
    expect(mixtureNetwork(base, randomNet(2, 2, 3, tanh, 3, '1'), 0.5).M).toBe(5);
  });
});
