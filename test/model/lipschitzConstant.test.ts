/**
 * model/lipschitzConstant.ts against an independent evaluation of its docstring's formula
 *   C = |a| (|a| Z̃ + Y) · exp(K̄) · sqrt(S_σ² + σ'_∞² (Z'² + 1) mean|u'|²),
 *   K̄ = σ'_∞ mean_{l,m} |u||w|, Z' = X + S_σ mean|u'|, Z̃ = X + S_σ max(mean|u|, mean|u'|), X = max|x_i|, Y = max|y_i|,
 * written on nested arrays θ[l][m] = (u, w, b). The claim (properties/lipschitz.ts) only checks |ΔE| ≤ C‖ΔΘ‖*,
 * so a mutant that loosens C survives it; here C and each factor are pinned to a few ulps.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cubic, gaussian as gaussianAct, identity, regularizedRelu, sigmoid, sin, softplus, tanh, type Activation } from '../../src/activations/index.js';
import type { Dataset } from '../../src/data/dataset.js';
import { InvalidArgumentError } from '../../src/errors.js';
import { gaussian, randomStream } from '../../src/init/index.js';
import { lipschitzConstant, type LipschitzConstant } from '../../src/model/lipschitzConstant.js';
import type { Network } from '../../src/model/network.js';
import { gamma } from '../../src/numeric/index.js';

/** One neuron θ_{l,m} = (u, w, b), u, w in R^d. */
interface Neuron { u: number[]; w: number[]; b: number }

/** The quantities the formula is built from (the reference's, before assembly). */
interface Parts { Ss: number; Sd: number; Kbar: number; X: number; Y: number; a: number; meanU: number; meanUp: number; meanUp2: number }

/** Θ as a flat list of neurons over (l, m), read from the layout of network.ts: θ_{l,m} at (l·M + m)(2d + 1), u, w, b. */
function neurons(theta: Float64Array, d: number, L: number, M: number): Neuron[] {
  const out: Neuron[] = [];
  for (let l = 0; l < L; l++) {
    for (let m = 0; m < M; m++) {
      const at = (l * M + m) * (2 * d + 1);
      const v = Array.from(theta.subarray(at, at + 2 * d + 1));
      out.push({ u: v.slice(0, d), w: v.slice(d, 2 * d), b: v[2 * d] });
    }
  }
  return out;
}

/** Euclidean norm |v| (Math.hypot: a different sequence of operations from the library's). */
const norm = (v: number[]): number => Math.hypot(...v);
/** Arithmetic mean of a non-empty list. */
const mean = (xs: number[]): number => xs.reduce((s, t) => s + t, 0) / xs.length;

/** The docstring's ingredients for (Θ = net.theta, Θ' = thetaP, data), from nested arrays. */
function referenceParts(net: Network, thetaP: Float64Array, data: Dataset): Parts {
  const { d, L, M } = net;
  const th = neurons(net.theta, d, L, M);
  const thp = neurons(thetaP, d, L, M);
  const xs = Array.from({ length: data.N }, (_, i) => Array.from(data.x.subarray(i * d, (i + 1) * d)));
  const Sd = net.activation.supAbsDsigma;
  return {
    Ss: net.activation.supAbsSigma,
    Sd,
    Kbar: Sd * mean(th.map((n) => norm(n.u) * norm(n.w))),
    X: Math.max(...xs.map(norm)),
    Y: Math.max(...Array.from(data.y, Math.abs)),
    a: norm(Array.from(net.readout)),
    meanU: mean(th.map((n) => norm(n.u))),
    meanUp: mean(thp.map((n) => norm(n.u))),
    meanUp2: mean(thp.map((n) => norm(n.u) ** 2)),
  };
}

/** C and its factors from the parts, as the docstring's last display states. */
function assemble(p: Parts): LipschitzConstant {
  const Zp = p.X + p.Ss * p.meanUp;
  const Zt = p.X + p.Ss * Math.max(p.meanU, p.meanUp);
  const growth = Math.exp(p.Kbar);
  const sensitivity = Math.sqrt(p.Ss ** 2 + p.Sd ** 2 * (Zp ** 2 + 1) * p.meanUp2);
  const lossFactor = p.a * (p.a * Zt + p.Y);
  return { C: growth * sensitivity * lossFactor, growth, sensitivity, lossFactor };
}

/**
 * Relative tolerance between library and reference. Every ingredient is a sum of n ≤ P + N·d non-negative terms
 * followed by at most 40 roundings, so each side is within γ_{n+40} of the exact value in every factor except
 * exp(K̄), whose relative error is K̄ times that of K̄; the two sides differ by at most twice that.
 */
function tolerance(net: Network, data: Dataset, Kbar: number): number {
  return 2 * gamma(net.theta.length + data.N * data.d + 40) * (4 + Kbar);
}

/** Largest relative difference over C and the three factors. */
function worstRelative(got: LipschitzConstant, want: LipschitzConstant): number {
  const keys = ['C', 'growth', 'sensitivity', 'lossFactor'] as const;
  return Math.max(...keys.map((k) => Math.abs(got[k] - want[k]) / Math.abs(want[k])));
}

/**
 * A generic case: Gaussian Θ (scale 0.6), Θ' = c·Θ + noise (c < 1 or > 1 makes mean|u'| < or > mean|u|), readout,
 * and data whose |x_i| = r_i (given radii, so the max is not the first or last sample) and y_i of both signs.
 */
function scenario(d: number, L: number, M: number, activation: Activation, seed: number, c: number, radii: number[], ys: number[]) {
  const rng = randomStream(seed, 'test', 'lipschitzConstant');
  const P = L * M * (2 * d + 1);
  const theta = Float64Array.from({ length: P }, () => 0.6 * gaussian(rng));
  const thetaP = theta.map((t) => c * t + 0.3 * gaussian(rng));
  const readout = Float64Array.from({ length: d }, () => gaussian(rng));
  const x = new Float64Array(radii.length * d);
  radii.forEach((r, i) => {
    const v = Array.from({ length: d }, () => gaussian(rng));
    v.forEach((t, j) => (x[i * d + j] = (r * t) / norm(v)));
  });
  const data: Dataset = { name: 'test', d, N: radii.length, x, y: Float64Array.from(ys) };
  const net: Network = { d, L, M, activation, readout, theta };
  return { net, thetaP, data };
}

/** Asserts the library's C and factors equal the reference's within the derived tolerance; returns the parts. */
function expectAgreement(net: Network, thetaP: Float64Array, data: Dataset): Parts {
  const parts = referenceParts(net, thetaP, data);
  expect(worstRelative(lipschitzConstant(net, thetaP, data), assemble(parts))).toBeLessThanOrEqual(tolerance(net, data, parts.Kbar));
  return parts;
}

/** 3·tanh: S_σ = σ'_∞ = 3. Every shipped bounded σ has S_σ = 1, which would hide a dropped or squared-away S_σ. */
const tanh3: Activation = { ...tanh, sigma: (r) => 3 * Math.tanh(r), supAbsSigma: 3, supAbsDsigma: 3 };
const BOUNDED = [tanh, sigmoid, sin, gaussianAct, tanh3];
const CASES = [
  { d: 2, L: 2, M: 3, act: tanh, c: 0.5, radii: [1, 2.5, 1.5, 0.5], ys: [0.5, -2, 1, -0.25] },
  { d: 3, L: 3, M: 2, act: sigmoid, c: 2, radii: [0.5, 3, 1], ys: [1, -3, 2] },
  { d: 2, L: 3, M: 3, act: sin, c: 1.5, radii: [2, 4, 3, 1], ys: [-1, 0.5, -4, 2] },
  { d: 3, L: 2, M: 2, act: gaussianAct, c: 0.25, radii: [1, 2, 0.25], ys: [0.25, -1.5, 1] },
  { d: 2, L: 2, M: 2, act: tanh3, c: 2, radii: [0.5, 1, 0.75], ys: [-0.5, 2, -1] },
];

describe('lipschitzConstant', () => {
  it('equals the docstring formula, factor by factor, on generic sizes and all bounded activations', () => {
    CASES.forEach((cs, i) => {
      const { net, thetaP, data } = scenario(cs.d, cs.L, cs.M, cs.act, 10 + i, cs.c, cs.radii, cs.ys);
      const parts = expectAgreement(net, thetaP, data);
      // The cases exercise both branches of max(mean|u|, mean|u'|) and a (mean|u'|)² ≠ mean|u'|².
      expect(parts.meanUp > parts.meanU).toBe(cs.c > 1);
      expect(parts.meanUp2).toBeGreaterThan(parts.meanUp ** 2 * (1 + 1e-6));
    });
  });

  it('property (fast-check, fixed seed): agreement for random d, L, M, N, σ, radii and labels', () => {
    const arb = fc.record({
      d: fc.integer({ min: 2, max: 3 }), L: fc.integer({ min: 1, max: 3 }), M: fc.integer({ min: 2, max: 3 }),
      act: fc.constantFrom(...BOUNDED), seed: fc.integer({ min: 0, max: 2 ** 31 - 1 }), c: fc.constantFrom(0.5, 2),
      radii: fc.array(fc.double({ min: 0.125, max: 4, noNaN: true }), { minLength: 2, maxLength: 4 }),
      yScale: fc.double({ min: -4, max: 4, noNaN: true }),
    });
    fc.assert(
      fc.property(arb, (s) => {
        const ys = s.radii.map((r, i) => s.yScale * (i % 2 === 0 ? r : -1 / r));
        const { net, thetaP, data } = scenario(s.d, s.L, s.M, s.act, s.seed, s.c, s.radii, ys);
        expectAgreement(net, thetaP, data);
      }),
      { seed: 8013, numRuns: 100 },
    );
  });

  it('one neuron, sigmoid: C = 6√33 e² in closed form', () => {
    // u = 2, w = 4, b = 7; u' = −1, w' = b' = 0; x = −3, y = −2; a = −2. S_σ = 1, σ'_∞ = 1/4:
    // K̄ = 2, X = 3, Y = 2, Z' = 3 + 1 = 4, Z̃ = 3 + max(2, 1) = 5, sensitivity = sqrt(1 + (17/16)·1) = √33/4,
    // lossFactor = 2 (2·5 + 2) = 24, so C = 24 e² √33/4 = 6√33 e².
    const net: Network = { d: 1, L: 1, M: 1, activation: sigmoid, readout: Float64Array.of(-2), theta: Float64Array.of(2, 4, 7) };
    const data: Dataset = { name: 'one', d: 1, N: 1, x: Float64Array.of(-3), y: Float64Array.of(-2) };
    const got = lipschitzConstant(net, Float64Array.of(-1, 0, 0), data);
    const want = { C: 6 * Math.sqrt(33) * Math.exp(2), growth: Math.exp(2), sensitivity: Math.sqrt(33) / 4, lossFactor: 24 };
    expect(worstRelative(got, want)).toBeLessThanOrEqual(gamma(12));
  });

  it('negative control: the comparison detects a dropped or doubled term, a min for a max, mean|u|² for (mean|u|)²', () => {
    const cs = CASES[0];
    const { net, thetaP, data } = scenario(cs.d, cs.L, cs.M, cs.act, 10, cs.c, cs.radii, cs.ys);
    const parts = expectAgreement(net, thetaP, data);
    const got = lipschitzConstant(net, thetaP, data);
    const tol = tolerance(net, data, parts.Kbar);
    const wrong: Parts[] = [
      { ...parts, Y: 0 },
      { ...parts, Kbar: 2 * parts.Kbar },
      { ...parts, X: Math.min(...cs.radii) },
      { ...parts, meanU: parts.meanUp, meanUp: parts.meanU },
      { ...parts, meanUp2: parts.meanUp ** 2 },
    ];
    for (const p of wrong) expect(worstRelative(got, assemble(p))).toBeGreaterThan(100 * tol);
  });

  it('refuses an activation with sup|σ| = ∞, naming the field `activation`', () => {
    const { thetaP, data, net } = scenario(2, 1, 2, tanh, 1, 2, [1, 2], [1, -1]);
    for (const act of [identity, softplus, cubic, regularizedRelu(0.5)]) {
      const call = () => lipschitzConstant({ ...net, activation: act }, thetaP, data);
      expect(call).toThrow(InvalidArgumentError);
      expect(call).toThrow(`activation="${act.name}" must be an activation with sup|σ| < ∞`);
    }
  });
});
