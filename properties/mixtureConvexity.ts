/**
 * Claim 23 (theory.md §6): with L = 1, E is convex along mixtures of neuron measures: λ ↦ E((1 − λ)ρ⁰ + λρ¹)
 * is convex on [0, 1], because the output g_λ = aᵀ(x + ∫ f d[(1 − λ)ρ⁰ + λρ¹]) is affine in λ and the loss a
 * convex quadratic of the output. Checked as the identity it rests on (issue 17: convexity alone was never in
 * doubt and caught nothing): on the grid λ_j = j/J every second difference of E equals
 *   E(λ_{j−1}) − 2E(λ_j) + E(λ_{j+1}) = (1/J²) (1/N) Σ_i (g_1(x_i) − g_0(x_i))²   (≥ 0: convexity),
 * with g_0, g_1 the outputs of the networks of ρ⁰ and ρ¹ run separately, within derived rounding bounds; the mixture
 * is realised by model/mixtureNetwork.ts. Note: proofs-notes/mixture-convexity.md.
 * Negative control: a mixture normalised by the other measure's width, u⁰ ×M(1 − λ)/M1 and u¹ ×Mλ/M0 (the output
 * is still affine in λ, the loss still convex, but its curvature is not the one of ρ⁰ and ρ¹).
 */
import fc from 'fast-check';
import { amplification, createWorkspace, forward, forwardErrorBound, lossFromOutputs, MIXTURE_WEIGHT_ROUNDINGS, mixtureNetwork, type Network } from '../src/model/index.js';
import { gamma, UNIT_ROUNDOFF as u } from '../src/numeric/index.js';
import type { Dataset } from '../src/data/dataset.js';
import type { Measurement, Profile } from '../src/check/claim.js';
import { defineClaim } from '../src/check/defineClaim.js';
import { type Scenario, PROFILE_SIZES, buildScenario, describeScenario, irisExample, scenarioArbitrary } from '../src/check/scenarios.js';

/** Grid λ_j = j/J, j = 0..J (dyadic, so 1 − λ_j is exact). */
const J = 8;

export interface MixtureScenario {
  /** Θ⁰: sizes, activation, data and seed; the depth L of the claim is base.L. */
  base: Scenario;
  /** Width and seed of Θ¹ (same d, L, σ, scale and init as Θ⁰). */
  M1: number;
  seed1: number;
}

export function mixtureScenarios(profile: Profile, L: number, scale: [number, number] = [0.25, 2]): fc.Arbitrary<MixtureScenario> {
  return fc.record({
    base: scenarioArbitrary(profile, { datasets: ['ball', 'teacher', 'iris'], scale, min: { L }, max: { L } }),
    M1: fc.integer({ min: 1, max: PROFILE_SIZES[profile].M }),
    seed1: fc.integer({ min: 0, max: 2 ** 31 - 1 }),
  });
}

/** E at the mixture λ and a bound on its rounding error: the forward pass's, plus the reweighted u's γ_4 propagated. */
function lossAt(net: Network, data: Dataset): { E: number; dE: number } {
  const { d, L, M, theta } = net;
  const k = 2 * d + 1;
  const ws = createWorkspace(d, L, M, data.N);
  forward(net, data.x, ws);
  const E = lossFromOutputs(ws.outputs, data.y);
  const A = amplification(net, ws);
  let a1 = 0;
  for (let j = 0; j < d; j++) a1 += Math.abs(net.readout[j]);
  const g4 = gamma(MIXTURE_WEIGHT_ROUNDINGS);
  let dEw = 0;
  for (let i = 0; i < data.N; i++) {
    // ∞-norm of the state perturbation injected by the weights' rounding, summed over layers, amplified by A.
    let inj = 0;
    for (let l = 0; l < L; l++) {
      for (let m = 0; m < M; m++) {
        let uInf = 0;
        for (let j = 0; j < d; j++) uInf = Math.max(uInf, Math.abs(theta[(l * M + m) * k + j]));
        inj += g4 * uInf * Math.abs(ws.s[(l * data.N + i) * M + m]);
      }
    }
    const dg = a1 * A * (inj / (M * L));
    dEw += Math.abs(ws.outputs[i] - data.y[i]) * dg + 0.5 * dg * dg;
  }
  return { E, dE: forwardErrorBound(net, ws, data.y).loss + 1.01 * (dEw / data.N) };
}

/** How the mixture network of ρ⁰, ρ¹ at λ is built: mixtureNetwork (nominal), or the control's. */
export type MixtureBuilder = (net0: Network, net1: Network, lambda: number) => Network;

/** Control: u⁰ scaled by M(1 − λ)/M1 and u¹ by Mλ/M0, each measure normalised by the other's width (right only when M0 = M1). */
export const crossNormalisedMixture: MixtureBuilder = (net0, net1, lambda) => {
  const mix = mixtureNetwork(net0, net1, lambda);
  const { d, L, M } = mix;
  const k = 2 * d + 1;
  const theta = Float64Array.from(mix.theta);
  for (let l = 0; l < L; l++) {
    for (let m = 0; m < M; m++) {
      const factor = m < net0.M ? net0.M / net1.M : net1.M / net0.M;
      for (let j = 0; j < d; j++) theta[(l * M + m) * k + j] *= factor;
    }
  }
  return { ...mix, theta };
};

/** The outputs of `net` on `data` and their rounding bounds (roundingBound.ts). */
function outputsWithBound(net: Network, data: Dataset): { g: Float64Array; dg: Float64Array } {
  const ws = createWorkspace(net.d, net.L, net.M, data.N);
  forward(net, data.x, ws);
  return { g: Float64Array.from(ws.outputs), dg: forwardErrorBound(net, ws, data.y).outputs };
}

export function measureMixture(sc: MixtureScenario, mix: MixtureBuilder = mixtureNetwork): Measurement {
  const { net: net0, data } = buildScenario(sc.base);
  const { net: net1 } = buildScenario({ ...sc.base, M: sc.M1, seed: sc.seed1 });
  const points = Array.from({ length: J + 1 }, (_, j) => lossAt(mix(net0, net1, j / J), data));
  // The identity's right side (1/J²)(1/N) Σ (g1 − g0)² from the end networks run on their own, and its rounding:
  // e_i = δg0 + δg1 + u|Δ| bounds the error of the computed Δ_i = g1 − g0; Δ² then errs by ≤ 2|Δ|e + e², and the
  // sum, the 1/N and the 1/J² (exact) add γ_{N+2} relative.
  const [o0, o1] = [outputsWithBound(net0, data), outputsWithBound(net1, data)];
  let sumSq = 0;
  let formulaError = 0;
  for (let i = 0; i < data.N; i++) {
    const diff = o1.g[i] - o0.g[i];
    const e = o0.dg[i] + o1.dg[i] + u * Math.abs(diff);
    sumSq += diff * diff;
    formulaError += 2 * Math.abs(diff) * e + e * e;
  }
  const exact = sumSq / data.N / (J * J);
  const exactTol = 1.01 * (formulaError / data.N / (J * J) + gamma(data.N + 2) * exact);
  let worst = Infinity;
  let at = 0;
  let curvature = Infinity;
  let identity = 0;
  let identityAt = 0;
  let identitySecond = 0;
  for (let j = 1; j < J; j++) {
    const second = points[j - 1].E - 2 * points[j].E + points[j + 1].E;
    // the three losses' rounding bounds, and the two subtractions and the doubling of the second difference
    const tol = points[j - 1].dE + 2 * points[j].dE + points[j + 1].dE + 1.01 * gamma(2) * (Math.abs(points[j - 1].E) + 2 * Math.abs(points[j].E) + Math.abs(points[j + 1].E));
    // second/tol ≥ −1: convex within rounding; the scale-free figure is the second difference in units of its rounding bound.
    const normalised = second / tol;
    if (normalised < worst) [worst, at] = [normalised, j];
    curvature = Math.min(curvature, second / (Math.abs(points[j].E) + tol));
    const gap = Math.abs(second - exact);
    const ratio = gap === 0 ? 0 : gap / (tol + exactTol);
    if (!(ratio <= identity)) [identity, identityAt, identitySecond] = [ratio, j, second];
  }
  return {
    ok: worst >= -1 && identity <= 1,
    figures: { identityErrOverTol: identity, secondDifferenceOverTolerance: worst, relativeCurvature: curvature },
    detail:
      `${describeScenario(sc.base)} ρ¹: M=${sc.M1} seed=${sc.seed1}: max over j of |E(λ_{j−1}) − 2E(λ_j) + E(λ_{j+1}) − (1/J²)(1/N)Σ(g1 − g0)²| / rounding bound = ` +
      `${identity.toPrecision(4)} at λ = ${identityAt}/${J} (second difference ${identitySecond.toPrecision(10)}, (1/J²)(1/N)Σ(g1 − g0)² = ${exact.toPrecision(10)}; ≤ 1 passes); ` +
      `min second difference / rounding bound ${worst.toPrecision(4)} at λ = ${at}/${J} (≥ −1: convex); min relative second difference ${curvature.toPrecision(3)}`,
  };
}

export const mixtureConvexityClaim = defineClaim<MixtureScenario, MixtureBuilder>({
  id: 'mixture-convexity',
  catalogue: 23,
  title: 'L = 1: E((1 − λ)ρ⁰ + λρ¹) is convex in λ: the quadratic with second derivative (1/N)Σ(g_1 − g_0)²',
  source: 'theory.md §6 item 23 (two-layer sanity check); [CB18] §2 (the loss is convex in the measure when the output is linear in it)',
  assumptions: ['L = 1 (one residual layer: the output is affine in the layer measure)', 'loss convex in the output (½ squared error), linear readout'],
  tolerance:
    'each second difference on the grid λ = j/8 must equal (1/64)(1/N)Σ(g_1 − g_0)² within δE_{j−1} + 2δE_j + δE_{j+1} + γ_2 (|E_{j−1}| + 2|E_j| + |E_{j+1}|) ' +
    '(δE the forward rounding bound, roundingBound.ts, plus the reweighted weights’ relative error γ_4 propagated to E) plus the right side\'s ' +
    'rounding (the end networks\' output bounds through the square, γ_{N+2}); and be ≥ −(the same first bound): convex',
  budget: { quick: 20, ci: 150, full: 1000 },
  statisticalDecisions: 0,
  scenarios: (profile) => mixtureScenarios(profile, 1),
  examples: (profile) => [{ base: { ...irisExample(profile), L: 1 }, M1: PROFILE_SIZES[profile].M, seed1: 2 }],
  figures: {
    identityErrOverTol: { worst: 'max', description: 'max |second difference − (1/J²)(1/N)Σ(g1 − g0)²| / rounding bound (≤ 1 passes)' },
    secondDifferenceOverTolerance: { worst: 'min', description: 'min second difference of E in λ, in units of its rounding bound (≥ −1 passes)' },
    relativeCurvature: { worst: 'min', description: 'min second difference / |E|' },
  },
  measure: (sc, mix) => measureMixture(sc, mix),
  nominal: mixtureNetwork,
  control: {
    description: 'a mixture normalised by the other measure\'s width (u⁰ ×M(1 − λ)/M1, u¹ ×Mλ/M0): still affine in λ and convex, with the wrong curvature whenever M0 ≠ M1',
    subject: crossNormalisedMixture,
  },
});
