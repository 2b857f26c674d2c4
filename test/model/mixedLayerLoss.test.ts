/**
 * Pins src/model/mixedLayerLoss.ts to its docstring with an independent oracle on nested arrays
 * (test/helpers/mixedLossOracle.ts):
 * - dE, a sum of products of nonnegative factors, to a relative TOL = 1e-12 (argument of
 *   test/model/roundingBound.test.ts: a different association or summation order moves it by a few u per
 *   operation, here a few hundred operations at most; a changed term moves it by a fixed fraction of itself);
 * - E, computed through signed sums in a different order (the oracle sums neurons left to right, the library
 *   pairwise), to twice the oracle's own δE with γ_M in place of γ_{⌈log2 M⌉}: γ_M bounds both orders (M − 1 and
 *   ⌈log2 M⌉ additions), so each evaluation is within that δE of the exact E.
 * The last control reads δt_j with γ_h A_j counted twice (an earlier docstring), which the comparison must reject.
 * mixedLayerLoss validates nothing (l, ε and θ*'s length are trusted), so there are no error messages to test.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { makeActivation } from '../../src/activations/index.js';
import { ball } from '../../src/data/index.js';
import { initNetwork, randomStream, uniformIn } from '../../src/init/index.js';
import { mixedLayerLoss, type Network } from '../../src/model/index.js';
import { UNIT_ROUNDOFF as u, gamma } from '../../src/numeric/float64.js';
import { type MixedNet, type MixedTweaks, mixedLossOracle } from '../helpers/mixedLossOracle.js';
import { layersOf, ORACLE_ACTIVATIONS, ORACLE_CASES, ORACLE_READOUT, ORACLE_TOL, range } from '../helpers/oracleFixtures.js';

const TOL = ORACLE_TOL;
const ACTIVATIONS = ORACLE_ACTIVATIONS;
const READOUT = ORACLE_READOUT;

/** Network (init 'linear'), ball data, nested copies, and a seeded θ* with entries in [−1.5, 1.5]. */
function setup(d: number, M: number, L: number, N: number, act: string, seed: number) {
  const net: Network = initNetwork({ d, L, M, activation: ACTIVATIONS[act], init: 'linear', seed, readout: Float64Array.from(READOUT.slice(0, d)) });
  const data = ball({ d, N, seed: seed + 1 });
  const k = 2 * d + 1;
  const nested: MixedNet = {
    act: net.activation, d, L, M, a: Array.from(net.readout),
    theta: range(L).map((l) => range(M).map((m) => Array.from(net.theta.subarray((l * M + m) * k, (l * M + m + 1) * k)))),
  };
  const xs = range(N).map((i) => Array.from(data.x.subarray(i * d, (i + 1) * d)));
  const rng = randomStream(seed, 'test', 'mixed-layer-loss');
  const star = range(k).map(() => uniformIn(rng, -1.5, 1.5));
  return { net, data, nested, xs, ys: Array.from(data.y), star };
}
type Setup = ReturnType<typeof setup>;

/** |a − b| / tol, 0 when a === b; NaN becomes ∞. */
const ratio = (a: number, b: number, tol: number): number => (a === b ? 0 : Number.isNaN(a - b) ? Infinity : Math.abs(a - b) / tol);

/** Ratios |lib − oracle| / tolerance for E and dE (≤ 1 is agreement) at layer l and ε, the oracle tweaked by t. */
function compare(s: Setup, l: number, eps: number, t: MixedTweaks = {}): { E: number; dE: number } {
  const lib = mixedLayerLoss(s.net, s.data, l, Float64Array.from(s.star), eps);
  const o = mixedLossOracle(s.nested, s.xs, s.ys, l, s.star, eps, t);
  const slack = 2 * mixedLossOracle(s.nested, s.xs, s.ys, l, s.star, eps, { sumHeight: (M) => M }).dE;
  return { E: ratio(lib.E, o.E, slack), dE: ratio(lib.dE, o.dE, TOL * o.dE) };
}

/** Layers 0, middle and L − 1 (deduplicated). */
const EPSILONS = [0.3, 0.85];
const CASES = ORACLE_CASES;

describe('mixedLayerLoss equals the documented E(ε) and δE (oracle from the docstring)', () => {
  it.each(CASES)('d=%i M=%i L=%i N=%i %s (seed %i), layers 0, middle, L−1, ε = 0.3, 0.85', (d, M, L, N, act, seed) => {
    const s = setup(d, M, L, N, act, seed);
    for (const l of layersOf(L)) {
      for (const eps of EPSILONS) {
        const r = compare(s, l, eps);
        expect(r.E, `E at l=${l} ε=${eps}`).toBeLessThanOrEqual(1);
        expect(r.dE, `dE at l=${l} ε=${eps}`).toBeLessThanOrEqual(1);
      }
    }
  });

  it('the mixed layer matters: E(0.3) and E(0.85) differ from each other by far more than the E tolerance', () => {
    for (const [d, M, L, N, act, seed] of CASES) {
      const s = setup(d, M, L, N, act, seed);
      const [a, b] = EPSILONS.map((eps) => mixedLayerLoss(s.net, s.data, L - 1, Float64Array.from(s.star), eps));
      expect(Math.abs(a.E - b.E)).toBeGreaterThan(1e6 * (a.dE + b.dE));
    }
  });

  it('property: agreement over random sizes, activations, seeds, layers and ε in (0, 1)', () => {
    const cases = fc.record({
      d: fc.integer({ min: 1, max: 3 }), M: fc.integer({ min: 1, max: 5 }), L: fc.integer({ min: 1, max: 3 }), N: fc.integer({ min: 1, max: 3 }),
      act: fc.constantFrom('tanh', 'sin', 'relu'), seed: fc.nat(1e6), layer: fc.nat(10),
      eps: fc.double({ min: 0.01, max: 0.99, noNaN: true }),
    });
    fc.assert(
      fc.property(cases, ({ d, M, L, N, act, seed, layer, eps }) => {
        const r = compare(setup(d, M, L, N, act, seed), layer % L, eps);
        expect(Math.max(r.E, r.dE)).toBeLessThanOrEqual(1);
      }),
      { seed: 9, numRuns: 30 },
    );
  });
});

describe('one neuron by hand (d = M = L = N = 1): anchors the oracle and the code to the docstring', () => {
  // Regularised ReLU δ = 4 (σ = (r+δ)²/(4δ), σ' = (r+δ)/(2δ) on |r| < δ), θ = (3, 2, 1), θ* = (1, 2, −1), x = 0.5,
  // a = 1, y = 7, ε = 0.25: r = 2, s = 2.25; r* = 0, s* = 1, σ'(0) = 0.5; t = 0.75·6.75 + 0.25·1 = 5.3125,
  // z_1 = 5.8125, res = −1.1875, E = res²/2 = 0.705078125. All exact.
  const net: Network = { d: 1, L: 1, M: 1, activation: makeActivation({ name: 'regularized_relu', delta: 4 }), readout: Float64Array.of(1), theta: Float64Array.of(3, 2, 1) };
  const data = { name: 'hand', d: 1, N: 1, x: Float64Array.of(0.5), y: Float64Array.of(7) };
  const nested: MixedNet = { act: net.activation, d: 1, L: 1, M: 1, a: [1], theta: [[[3, 2, 1]]] };
  it('E = 0.705078125 and δE by hand', () => {
    // δs = 8u·2.25 + 0.75·2γ₂, δacc = 3(δs + 2.25u) (γ₀ = 0), δs* = 8u + 0.5·2γ₂,
    // δt = 0.75 δacc + γ₃·0.75·6.75 + 0.25(δs* + 2u) + 5.3125u = 53.375u + 3.625γ₂ + 5.0625γ₃,
    // e₁ = δt + 2u·5.3125 + 5.8125u, δg = e₁ + 5.8125γ₁, δE = 1.01(1.1875(δg + 1.1875u) + 1.1875²u + γ₂E).
    const e1 = 69.8125 * u + 3.625 * gamma(2) + 5.0625 * gamma(3);
    const dg = e1 + 5.8125 * gamma(1);
    const want = 1.01 * (1.1875 * (dg + 1.1875 * u) + 1.41015625 * u + gamma(2) * 0.705078125);
    const lib = mixedLayerLoss(net, data, 0, Float64Array.of(1, 2, -1), 0.25);
    const o = mixedLossOracle(nested, [[0.5]], [7], 0, [1, 2, -1], 0.25);
    expect([lib.E, o.E]).toEqual([0.705078125, 0.705078125]);
    for (const got of [lib.dE, o.dE]) expect(ratio(got, want, TOL * want)).toBeLessThanOrEqual(1);
  });
});

describe('negative controls: the comparison sees one changed term', () => {
  const s = setup(2, 3, 3, 3, 'tanh', 1);
  const TWEAKS: [string, 'E' | 'dE', MixedTweaks][] = [
    ['the factor 1.01 forgotten', 'dE', { secondOrder: 1 }],
    ['γ_3 α A_j dropped from δt_j', 'dE', { dropGamma3: true }],
    ['h = ⌊log2 M⌋ instead of ⌈log2 M⌉ (M = 3)', 'dE', { sumHeight: (M) => Math.floor(Math.log2(M)) }],
    ['ε f(z, θ*) added twice', 'E', { doubleStar: true }],
    ['δt_j with γ_h A_j twice and γ_3|α acc_j|', 'dE', { doubleGammaH: true }],
  ];
  it.each(TWEAKS)('%s: %s differs by far more than its tolerance', (_, key, t) => {
    for (const l of [0, 1, 2]) for (const eps of EPSILONS) expect(compare(s, l, eps, t)[key]).toBeGreaterThan(1e4);
  });
});
