/**
 * Pins src/model/firstVariation.ts to its docstrings with an independent oracle on nested arrays
 * (test/helpers/firstVariationOracle.ts):
 * - layerH's error δh, a sum of products of nonnegative factors, to a relative TOL = 1e-12 (same argument as
 *   test/model/roundingBound.test.ts: a different association moves it by a few u per operation, a changed term
 *   by a fixed fraction of itself);
 * - h and the 2d + 1 gradient entries, signed sums whose order may differ, to the oracle's slack: twice a
 *   running rounding bound of the computation (derived in the helper's docstring), a few u of Σ|terms|;
 * - adjointAtLayer(l) to the backward recursion λ_L = (g − y)a, λ_q = λ_{q+1} + c Σ_m w_m σ'(r_m)(u_mᵀλ_{q+1}),
 *   within twice adjointErrorBound (pinned by roundingBound.test.ts), which bounds both evaluations.
 * layerH and adjointAtLayer validate nothing (sizes are trusted), so there are no error messages to test.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { makeActivation } from '../../src/activations/index.js';
import { ball } from '../../src/data/index.js';
import { initNetwork, randomStream, uniformIn } from '../../src/init/index.js';
import { adjointAtLayer, adjointErrorBound, createWorkspace, forward, layerH, type LayerField, type Network } from '../../src/model/index.js';
import { UNIT_ROUNDOFF as u, gamma } from '../../src/numeric/float64.js';
import { adjointRecursion, type FieldArrays, type HTweaks, hOracle, type NestedNet } from '../helpers/firstVariationOracle.js';
import { layersOf, ORACLE_ACTIVATIONS, ORACLE_CASES, ORACLE_READOUT, ORACLE_TOL, range } from '../helpers/oracleFixtures.js';

const TOL = ORACLE_TOL;
const ACTIVATIONS = ORACLE_ACTIVATIONS;
const READOUT = ORACLE_READOUT;
/** |a − b| / tol, 0 when a === b (also for tol = 0), NaN-safe: NaN becomes ∞. */
const ratio = (a: number, b: number, tol: number): number => (a === b ? 0 : Number.isNaN(a - b) ? Infinity : Math.abs(a - b) / tol);
const rows = (v: Float64Array, n: number, width: number): number[][] => range(n).map((i) => Array.from(v.subarray(i * width, (i + 1) * width)));

/** Network (init 'linear', all parameters nonzero), ball data, ws after forward(), nested copies, and a seeded θ*. */
function setup(d: number, M: number, L: number, N: number, act: string, seed: number) {
  const net: Network = initNetwork({ d, L, M, activation: ACTIVATIONS[act], init: 'linear', seed, readout: Float64Array.from(READOUT.slice(0, d)) });
  const data = ball({ d, N, seed: seed + 1 });
  const ws = createWorkspace(d, L, M, N);
  forward(net, data.x, ws);
  const k = 2 * d + 1;
  const neuron = (l: number, m: number): number[] => Array.from(net.theta.subarray((l * M + m) * k, (l * M + m + 1) * k));
  const nested: NestedNet = {
    act: net.activation, L, M, a: Array.from(net.readout),
    U: range(L).map((l) => range(M).map((m) => neuron(l, m).slice(0, d))),
    W: range(L).map((l) => range(M).map((m) => neuron(l, m).slice(d, 2 * d))),
    B: range(L).map((l) => range(M).map((m) => neuron(l, m)[2 * d])),
  };
  const Z = range(L + 1).map((l) => rows(ws.z.subarray(l * N * d), N, d));
  const rng = randomStream(seed, 'test', 'first-variation');
  const star = range(k).map(() => uniformIn(rng, -1.5, 1.5));
  // Input error bounds of a realistic size (tens of u), distinct per sample, so both δz and δλ terms count.
  const errs = (): number[] => range(N).map(() => uniformIn(rng, 5, 50) * u);
  return { net, data, ws, nested, Z, neuron, star, zError: errs(), lambdaError: errs() };
}
type Setup = ReturnType<typeof setup>;

/** The field of layer l (λ_{l+1} from the oracle's recursion) as nested arrays and as the library's LayerField. */
function fieldAt(s: Setup, l: number): { F: FieldArrays; field: LayerField } {
  const { d } = s.net;
  const F: FieldArrays = { z: s.Z[l], lambda: adjointRecursion(s.nested, s.Z, Array.from(s.ws.outputs), Array.from(s.data.y), l + 1), zError: s.zError, lambdaError: s.lambdaError };
  const flat = (xs: number[][]): Float64Array => Float64Array.from(xs.flat());
  return { F, field: { d, N: F.z.length, z: flat(F.z), lambda: flat(F.lambda), zError: Float64Array.from(F.zError), lambdaError: Float64Array.from(F.lambdaError) } };
}

/**
 * Compares layerH with the oracle at every neuron of layer l and at θ* (placed at offset 3 of a padded array, with
 * a gradient buffer prefilled with garbage and one entry longer than 2d + 1). Returns the worst ratios
 * |lib − oracle| / tolerance for h, gradient and error (≤ 1 means agreement), and checks the padding is untouched.
 */
function compareH(s: Setup, l: number, t: HTweaks = {}): { h: number; gradient: number[]; error: number } {
  const { d, M } = s.net;
  const k = 2 * d + 1;
  const { F, field } = fieldAt(s, l);
  const thetas = [...range(M).map((m) => s.neuron(l, m)), s.star];
  const worst = { h: 0, gradient: range(k).map(() => 0), error: 0 };
  for (const th of thetas) {
    const padded = Float64Array.from([9, 9, 9, ...th, 9]);
    const grad = new Float64Array(k + 1).fill(7);
    const lib = layerH(s.net, field, padded, 3, grad);
    expect(grad[k]).toBe(7);
    expect(layerH(s.net, field, padded, 3)).toEqual(lib);
    const o = hOracle(s.net.activation, th, F, t);
    worst.h = Math.max(worst.h, ratio(lib.h, o.h, o.slack.h));
    worst.error = Math.max(worst.error, ratio(lib.error, o.error, TOL * o.error));
    for (let p = 0; p < k; p++) worst.gradient[p] = Math.max(worst.gradient[p], ratio(grad[p], o.gradient[p], o.slack.gradient[p]));
  }
  return worst;
}

/** Worst |adjointAtLayer − recursion| / (2·adjointErrorBound) over samples and coordinates, at layer l. */
function compareAdjoint(s: Setup, l: number, oracleLayer = l): number {
  const { d } = s.net;
  const N = s.data.N;
  const theta = Float64Array.from(s.net.theta);
  const lib = adjointAtLayer(s.net, s.data, s.ws, l);
  expect(s.net.theta).toEqual(theta);
  const want = adjointRecursion(s.nested, s.Z, Array.from(s.ws.outputs), Array.from(s.data.y), oracleLayer);
  const bound = adjointErrorBound(s.net, s.ws, s.data.y);
  expect(lib.length).toBe(N * d);
  let w = 0;
  for (let i = 0; i < N; i++) for (let j = 0; j < d; j++) w = Math.max(w, ratio(lib[i * d + j], want[i][j], 2 * bound[l * N + i]));
  return w;
}

const CASES = ORACLE_CASES;

describe('layerH equals the documented h, ∇h and δh (oracle from the docstring)', () => {
  it.each(CASES)('d=%i M=%i L=%i N=%i %s (seed %i), layers 0, middle, L−1', (d, M, L, N, act, seed) => {
    const s = setup(d, M, L, N, act, seed);
    for (const l of layersOf(L)) {
      const r = compareH(s, l);
      expect(r.h, `h at l=${l}`).toBeLessThanOrEqual(1);
      expect(r.error, `error at l=${l}`).toBeLessThanOrEqual(1);
      r.gradient.forEach((g, p) => expect(g, `gradient[${p}] at l=${l}`).toBeLessThanOrEqual(1));
    }
  });

  it('the relu fixtures have pre-activations on all three pieces (σ = 0, quadratic, linear)', () => {
    for (const [d, M, L, N, act, seed] of CASES.filter((c) => c[4] === 'relu')) {
      const r = [...setup(d, M, L, N, act, seed).ws.r];
      expect([r.some((x) => x < -0.5), r.some((x) => Math.abs(x) < 0.5), r.some((x) => x > 0.5)]).toEqual([true, true, true]);
    }
  });

  it('property: agreement over random sizes, activations, seeds and layers', () => {
    const sizes = fc.record({
      d: fc.integer({ min: 1, max: 3 }), M: fc.integer({ min: 1, max: 5 }), L: fc.integer({ min: 1, max: 3 }), N: fc.integer({ min: 1, max: 3 }),
      act: fc.constantFrom('tanh', 'sin', 'relu'), seed: fc.nat(1e6), layer: fc.nat(10),
    });
    fc.assert(
      fc.property(sizes, ({ d, M, L, N, act, seed, layer }) => {
        const r = compareH(setup(d, M, L, N, act, seed), layer % L);
        expect(Math.max(r.h, r.error, ...r.gradient)).toBeLessThanOrEqual(1);
      }),
      { seed: 8, numRuns: 30 },
    );
  });
});

describe('adjointAtLayer(l) is λ_l of the backward recursion', () => {
  it.each(CASES)('d=%i M=%i L=%i N=%i %s (seed %i), l = 0..L', (d, M, L, N, act, seed) => {
    const s = setup(d, M, L, N, act, seed);
    for (let l = 0; l <= L; l++) expect(compareAdjoint(s, l), `l=${l}`).toBeLessThanOrEqual(1);
  });
});

describe('one neuron by hand (d = M = L = N = 1): anchors the oracle and the code to the docstring', () => {
  // Regularised ReLU δ = 4, θ = (u, w, b) = (3, 2, 1), x = 0.5, a = 1, y = 7: r = 2, σ = (r+δ)²/(4δ) = 2.25,
  // σ' = (r+δ)/(2δ) = 0.75, z_1 = 0.5 + 3·2.25 = 7.25, res = 0.25, λ_1 = 0.25, λ_0 = λ_1 + w σ' u λ_1 = 1.375. All exact.
  const net: Network = { d: 1, L: 1, M: 1, activation: makeActivation({ name: 'regularized_relu', delta: 4 }), readout: Float64Array.of(1), theta: Float64Array.of(3, 2, 1) };
  const data = { name: 'hand', d: 1, N: 1, x: Float64Array.of(0.5), y: Float64Array.of(7) };
  const ws = createWorkspace(1, 1, 1, 1);
  forward(net, data.x, ws);
  it('adjointAtLayer: λ_1 = 0.25, λ_0 = 1.375', () => {
    expect([adjointAtLayer(net, data, ws, 1)[0], adjointAtLayer(net, data, ws, 0)[0]]).toEqual([0.25, 1.375]);
  });
  it('layerH at z = 0.5, λ = 2, δz = 4u, δλ = 2u: h = uλσ = 13.5, ∇h = (σλ, uλσ′z, uλσ′) = (4.5, 2.25, 4.5), δh by hand', () => {
    // δr = γ₂·2 + 2·4u, δs = 8u·2.25 + 0.75δr = 24u + 1.5γ₂, δ(uλ) = 6γ₁ + 3·2u, δterm = 6δs + 2.25δ(uλ) + 13.5u,
    // δh = 1.01(δterm + 13.5γ₁ + 13.5u) = 1.01(184.5u + 9γ₂ + 27γ₁).
    const field: LayerField = { d: 1, N: 1, z: Float64Array.of(0.5), lambda: Float64Array.of(2), zError: Float64Array.of(4 * u), lambdaError: Float64Array.of(2 * u) };
    const F: FieldArrays = { z: [[0.5]], lambda: [[2]], zError: [4 * u], lambdaError: [2 * u] };
    const want = 1.01 * (184.5 * u + 9 * gamma(2) + 27 * gamma(1));
    const grad = new Float64Array(3);
    const lib = layerH(net, field, net.theta, 0, grad);
    const o = hOracle(net.activation, [3, 2, 1], F);
    expect([lib.h, ...grad, o.h, ...o.gradient]).toEqual([13.5, 4.5, 2.25, 4.5, 13.5, 4.5, 2.25, 4.5]);
    for (const got of [lib.error, o.error]) expect(ratio(got, want, TOL * want)).toBeLessThanOrEqual(1);
  });
});

describe('negative controls: the comparisons see one changed term', () => {
  const s = setup(2, 3, 3, 3, 'tanh', 1);
  const TWEAKS: [string, keyof ReturnType<typeof compareH>, HTweaks][] = [
    ['‖w‖₁ δz dropped from δr', 'error', { dropZError: true }],
    ['γ_N doubled in δh', 'error', { doubleGammaN: true }],
    ['b left out of r', 'h', { dropBias: true }],
    ['∂_b h doubled', 'gradient', { doubleBiasGradient: true }],
  ];
  it.each(TWEAKS)('%s: %s differs by far more than its tolerance', (_, key, t) => {
    for (const l of [0, 1, 2]) {
      const r = compareH(s, l, t)[key];
      expect(Math.max(...[r].flat())).toBeGreaterThan(1e4);
    }
  });
  it('λ_{l+1} in place of λ_l differs by far more than the tolerance', () => {
    for (const l of [0, 1, 2]) expect(compareAdjoint(s, l, l + 1)).toBeGreaterThan(1e4);
  });
});
