/**
 * Claim 23 (theory.md §6): with L = 1, E is convex along mixtures of neuron measures: λ ↦ E((1 − λ)ρ⁰ + λρ¹)
 * is convex on [0, 1], because the output aᵀ(x + ∫ f d[(1 − λ)ρ⁰ + λρ¹]) is affine in λ and the loss a convex
 * quadratic of the output. Checked on the grid λ_j = j/J through every second difference, the mixture realised
 * exactly by model/mixtureNetwork.ts. Note: proofs-notes/mixture-convexity.md.
 * Negative control: L = 2 (outside the theorem), where the second layer sees a state that moves with λ.
 */
import fc from 'fast-check';
import { amplification, createWorkspace, forward, forwardErrorBound, lossFromOutputs, MIXTURE_WEIGHT_ROUNDINGS, mixtureNetwork, type Network } from '../src/model/index.js';
import { gamma } from '../src/numeric/index.js';
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

export function measureMixture(sc: MixtureScenario): Measurement {
  const { net: net0, data } = buildScenario(sc.base);
  const { net: net1 } = buildScenario({ ...sc.base, M: sc.M1, seed: sc.seed1 });
  const points = Array.from({ length: J + 1 }, (_, j) => lossAt(mixtureNetwork(net0, net1, j / J), data));
  let worst = Infinity;
  let at = 0;
  let curvature = Infinity;
  for (let j = 1; j < J; j++) {
    const second = points[j - 1].E - 2 * points[j].E + points[j + 1].E;
    const tol = points[j - 1].dE + 2 * points[j].dE + points[j + 1].dE;
    // second/tol ≥ −1 passes; the scale-free figure is the second difference in units of its rounding bound.
    const normalised = second / tol;
    if (normalised < worst) {
      worst = normalised;
      at = j;
    }
    curvature = Math.min(curvature, second / (Math.abs(points[j].E) + tol));
  }
  return {
    ok: worst >= -1,
    figures: { secondDifferenceOverTolerance: worst, relativeCurvature: curvature },
    detail:
      `${describeScenario(sc.base)} ρ¹: M=${sc.M1} seed=${sc.seed1}: min over j of [E(λ_{j−1}) − 2E(λ_j) + E(λ_{j+1})] / rounding bound = ` +
      `${worst.toPrecision(4)} at λ = ${at}/${J} (≥ −1 passes); min relative second difference ${curvature.toPrecision(3)}`,
  };
}

export const mixtureConvexityClaim = defineClaim<MixtureScenario, null>({
  id: 'mixture-convexity',
  catalogue: 23,
  title: 'L = 1: E((1 − λ)ρ⁰ + λρ¹) is convex in λ',
  source: 'theory.md §6 item 23 (two-layer sanity check); [CB18] §2 (the loss is convex in the measure when the output is linear in it)',
  assumptions: ['L = 1 (one residual layer: the output is affine in the layer measure)', 'loss convex in the output (½ squared error), linear readout'],
  tolerance:
    'each second difference on the grid λ = j/8 must be ≥ −(δE_{j−1} + 2δE_j + δE_{j+1}), δE the forward rounding bound ' +
    '(roundingBound.ts) plus the reweighted weights’ relative error γ_4 propagated to E (amplification × injected state error)',
  budget: { quick: 20, ci: 150, full: 1000 },
  statisticalDecisions: 0,
  scenarios: (profile) => mixtureScenarios(profile, 1),
  examples: (profile) => [{ base: { ...irisExample(profile), L: 1 }, M1: PROFILE_SIZES[profile].M, seed1: 2 }],
  figures: {
    secondDifferenceOverTolerance: { worst: 'min', description: 'min second difference of E in λ, in units of its rounding bound (≥ −1 passes)' },
    relativeCurvature: { worst: 'min', description: 'min second difference / |E|' },
  },
  measure: (sc) => measureMixture(sc),
  nominal: null,
  control: {
    description: 'out of the theorem: L = 2, both layers mixed, scale in [1, 4] (the second layer sees a state that moves with λ)',
    scenarios: (profile) => mixtureScenarios(profile, 2, [1, 4]),
  },
});
