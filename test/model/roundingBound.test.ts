/**
 * Pins each function of src/model/roundingBound.ts to the formula its docstring documents: an oracle
 * (test/helpers/roundingOracle.ts) evaluates the equations independently on nested arrays, from the same
 * forward-pass values, and every entry must agree to a relative TOL = 1e-12.
 *
 * Why 1e-12: every bound is a sum of products of nonnegative factors (absolute values, γ_n, u, c). Both sides
 * compute the same double expressions, possibly associated or ordered differently; each such difference in a
 * sum or product of nonnegative terms moves the result by at most a few u relative, and an entry chains at most
 * a few hundred such operations here (L ≤ 3, M ≤ 5, d ≤ 3, N ≤ 3), so the two agree to ≈ 1e-14. The signed
 * intermediates (λ, uᵀλ, β) are summed in the same order on both sides, so cancellation cannot amplify an
 * ordering difference. A changed term instead moves an entry by a fixed fraction of itself (measured on the first
 * fixture: forgetting the 1.01 by 1e-2, dropping u|ẑ_{l+1}| by 0.05 to 0.1): see the negative controls at the end.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { makeActivation } from '../../src/activations/index.js';
import { ball } from '../../src/data/index.js';
import { initNetwork } from '../../src/init/index.js';
import { adjointErrorBound, amplification, createWorkspace, forward, forwardErrorBound, gradientErrorBound, type Network } from '../../src/model/index.js';
import { UNIT_ROUNDOFF as u, gamma } from '../../src/numeric/float64.js';
import { adjointOracle, amplificationOracle, forwardOracle, problemFrom, type Tweaks } from '../helpers/roundingOracle.js';
import { ORACLE_ACTIVATIONS, ORACLE_READOUT, ORACLE_TOL } from '../helpers/oracleFixtures.js';

const TOL = ORACLE_TOL;
const ACTIVATIONS = ORACLE_ACTIVATIONS;
const READOUT = ORACLE_READOUT;

/** Largest relative difference |lib − oracle|/|oracle| over the entries (0 when equal, ∞ for NaN or length mismatch). */
function worst(lib: ArrayLike<number>, oracle: number[]): number {
  if (lib.length !== oracle.length) return Infinity;
  let w = 0;
  for (let k = 0; k < lib.length; k++) {
    const diff = lib[k] === oracle[k] ? 0 : Math.abs(lib[k] - oracle[k]) / Math.abs(oracle[k]);
    w = Math.max(w, Number.isNaN(diff) ? Infinity : diff);
  }
  return w;
}

/** A network with init 'linear' (every u, w, b nonzero), ball data, and the workspace after forward(). */
function setup(d: number, M: number, L: number, N: number, act: string, seed: number) {
  const net = initNetwork({ d, L, M, activation: ACTIVATIONS[act], init: 'linear', seed, readout: Float64Array.from(READOUT.slice(0, d)) });
  const data = ball({ d, N, seed: seed + 1 });
  const ws = createWorkspace(d, L, M, N);
  forward(net, data.x, ws);
  return { net, ws, y: data.y, p: problemFrom(net, ws, data.y) };
}

/** Per function, the worst relative difference between the library and the oracle (with tweaks `t`). */
function differences(s: ReturnType<typeof setup>, t: Tweaks = {}): Record<string, number> {
  const fb = forwardErrorBound(s.net, s.ws, s.y);
  const fo = forwardOracle(s.p, t);
  const ao = adjointOracle(s.p, t);
  return {
    layers: worst(fb.layers, fo.layers.flat()),
    state: worst(fb.state, fo.state),
    outputs: worst(fb.outputs, fo.outputs),
    loss: worst([fb.loss], [fo.loss]),
    adjoint: worst(adjointErrorBound(s.net, s.ws, s.y), ao.adjoint.flat()),
    gradient: worst(gradientErrorBound(s.net, s.ws, s.y), ao.gradient.flat(2)),
    // A counts the empty product (l = L, ‖I‖ = 1), so A ≥ 1 (the docstring's max(1, ·)).
    amplification: worst([amplification(s.net, s.ws)], [Math.max(1, amplificationOracle(s.p))]),
  };
}

/** Expects every function to agree with the oracle within TOL. */
function expectAgreement(s: ReturnType<typeof setup>): void {
  for (const [name, diff] of Object.entries(differences(s))) expect(diff, name).toBeLessThanOrEqual(TOL);
}

describe('rounding bounds equal the documented formulas (oracle from the docstrings)', () => {
  // [d, M, L, N, activation, seed]: every loop runs more than once somewhere; M = 1..5 for γ_⌈log2 M⌉.
  const CASES: [number, number, number, number, string, number][] = [
    [2, 3, 2, 3, 'tanh', 1], [3, 2, 3, 2, 'relu', 2], [2, 1, 2, 2, 'sin', 3], [2, 4, 1, 3, 'tanh', 4],
    [3, 5, 2, 2, 'relu', 5], [1, 3, 3, 2, 'sin', 6], [3, 3, 3, 3, 'relu', 7],
  ];
  it.each(CASES)('d=%i M=%i L=%i N=%i %s (seed %i)', (d, M, L, N, act, seed) => expectAgreement(setup(d, M, L, N, act, seed)));

  it('the relu fixture has pre-activations on both sides of the kink, so |σ″(r)| ≠ sup|σ″| somewhere', () => {
    const r = [...setup(3, 3, 3, 3, 'relu', 7).ws.r];
    expect(r.some((x) => x >= 0.5 || x < -0.5)).toBe(true);
    expect(r.some((x) => x >= -0.5 && x < 0.5)).toBe(true);
  });

  it('property: agreement over random sizes, activations and seeds', () => {
    fc.assert(
      fc.property(
        fc.record({ d: fc.integer({ min: 1, max: 3 }), M: fc.integer({ min: 1, max: 5 }), L: fc.integer({ min: 1, max: 3 }), N: fc.integer({ min: 1, max: 3 }), act: fc.constantFrom('tanh', 'sin', 'relu'), seed: fc.nat(1e6) }),
        ({ d, M, L, N, act, seed }) => expectAgreement(setup(d, M, L, N, act, seed)),
      ),
      { seed: 42, numRuns: 30 },
    );
  });
});

describe('one neuron by hand (d = M = L = N = 1, c = 1): anchors the oracle', () => {
  // Regularised ReLU δ = 4, u = 3, w = 2, b = 1, x = 0.5, a = 1, y = 7: r = 2 on the middle piece, so
  // σ = (r+δ)²/(4δ) = 2.25, σ' = (r+δ)/(2δ) = 0.75, sup|σ''| = 1/(2δ) = 0.125; ẑ_1 = 0.5 + 3·2.25 = 7.25, res = 0.25. All exact.
  const net: Network = { d: 1, L: 1, M: 1, activation: makeActivation({ name: 'regularized_relu', delta: 4 }), readout: Float64Array.of(1), theta: Float64Array.of(3, 2, 1) };
  const ws = createWorkspace(1, 1, 1, 1);
  forward(net, Float64Array.of(0.5), ws);
  const y = Float64Array.of(7);
  const p = problemFrom(net, ws, y);
  const [g1, g2] = [gamma(1), gamma(2)];
  const close = (got: number, want: number): void => expect(Math.abs(got - want)).toBeLessThanOrEqual(TOL * want);
  // Forward: δr = γ₂(1 + 1); δs = 8u·2.25 + 0.75 δr; δacc = 3(δs + 2.25u) (γ₀ = 0);
  // e₁ = δacc + 2u·6.75 + 7.25u = 81.5u + 4.5γ₂; δg = e₁ + 7.25γ₁.
  const e1 = 81.5 * u + 4.5 * g2;
  const dg = e1 + 7.25 * g1;

  it('the workspace holds the values stated above', () => {
    expect([ws.r[0], ws.s[0], ws.z[1], ws.outputs[0]]).toEqual([2, 2.25, 7.25, 7.25]);
  });

  it('forward: state 1.01 e₁, output 1.01 δg, loss 1.01(|res|(δg + u|res|) + u res² + γ₂ res²/2)', () => {
    const fb = forwardErrorBound(net, ws, y);
    const fo = forwardOracle(p);
    for (const got of [fb.state[0], fo.state[0]]) close(got, 1.01 * e1);
    for (const got of [fb.outputs[0], fo.outputs[0]]) close(got, 1.01 * dg);
    for (const got of [fb.loss, fo.loss]) close(got, 1.01 * (0.25 * (dg + 0.25 * u) + 0.0625 * u + g2 * 0.03125));
    expect([fb.layers[0], fo.layers[0][0]]).toEqual([0, 0]);
  });

  it('adjoint and gradient: the running analysis step by step', () => {
    const dl1 = 1.01 * dg + 0.5 * u; // ‖a‖∞ δres + u|res|, δres = 1.01 δg + 0.25u (the published δg)
    const dul = g2 * 0.75 + 3 * dl1; // uᵀλ = 0.75
    const dBeta = 0.75 * dul + 0.75 * (0.125 * 2 * g2 + 8 * u * 0.75) + 0.5625 * u; // β = 0.5625
    const ds = 18 * u + 1.5 * g2;
    const dl0 = dl1 + (2 * dBeta + 1.125 * u) + 2 * u * 1.125 + 1.375 * u; // acc = 1.125, λ₀ = 1.375
    const scale = (delta: number, abs: number): number => 1.01 * (delta + (g1 + 2 * u) * abs);
    const wantGrad = [scale(2.25 * dl1 + 0.25 * ds + 0.5625 * u, 0.5625), scale(0.5 * dBeta + 0.28125 * u, 0.28125), scale(dBeta, 0.5625)];
    const ao = adjointOracle(p);
    for (const got of [adjointErrorBound(net, ws, y), Float64Array.from(ao.adjoint.flat())]) [1.01 * dl0, 1.01 * dl1].forEach((want, k) => close(got[k], want));
    for (const got of [gradientErrorBound(net, ws, y), Float64Array.from(ao.gradient.flat(2))]) wantGrad.forEach((want, k) => close(got[k], want));
  });

  it('amplification: |1 + σ′uw| = 1 + 0.75·6 = 5.5; with u = −0.25 it is |1 − 0.375| = 0.625, and the code returns 1', () => {
    expect([amplification(net, ws), amplificationOracle(p)]).toEqual([5.5, 5.5]);
    const neg: Network = { ...net, theta: Float64Array.of(-0.25, 2, 1) };
    const ws2 = createWorkspace(1, 1, 1, 1);
    forward(neg, Float64Array.of(0.5), ws2);
    expect([amplification(neg, ws2), amplificationOracle(problemFrom(neg, ws2, y))]).toEqual([1, 0.625]);
  });
});

describe('negative controls: the comparison sees one changed term', () => {
  const s = setup(2, 3, 2, 3, 'tanh', 1);
  const TWEAKS: [string, Tweaks][] = [
    ['the factor 1.01 forgotten', { secondOrder: 1 }],
    ['ε_σ = 0 (σ evaluation error dropped)', { epsSigma: 0 }],
    ['h = ⌊log2 M⌋ instead of ⌈log2 M⌉ (M = 3)', { sumHeight: (M) => Math.floor(Math.log2(M)) }],
    ['u|ẑ_{l+1}| dropped', { stateRounding: false }],
  ];
  it.each(TWEAKS)('%s: some entry differs by far more than TOL', (_, t) => {
    expect(Math.max(...Object.values(differences(s, t)))).toBeGreaterThan(1e4 * TOL);
  });
  it('amplification without the entrywise |·| differs (d = L = 3, where signs cancel in the product)', () => {
    const t = setup(3, 3, 3, 3, 'sin', 7);
    expect(worst([amplification(t.net, t.ws)], [amplificationOracle(t.p, false)])).toBeGreaterThan(1e4 * TOL);
  });
});
