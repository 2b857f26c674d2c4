/**
 * Claim 13 (theory.md §6): |E(Θ) − E(Θ')| ≤ C ‖Θ − Θ'‖* with an explicit C that does not depend on L or M
 * (model/lipschitzConstant.ts: built from sup|σ|, sup|σ'|, the data bounds and neuron averages of |u|, |u||w|, |u|²).
 * Perturbations: random Gaussian directions and the steepest direction (the scaled gradient), at radii
 * ‖Θ − Θ'‖* = 2^-k. Note: proofs-notes/lipschitz-parameters.md. Negative control: the planted missing 1/L.
 */
import fc from 'fast-check';
import type { Dataset } from '../src/data/dataset.js';
import { gaussian, randomStream } from '../src/init/index.js';
import { createWorkspace, evaluate, forward, forwardErrorBound, lipschitzConstant, lossFromOutputs, meanFieldNorm, type Network } from '../src/model/index.js';
import { gamma } from '../src/numeric/index.js';
import type { Measurement } from '../src/check/claim.js';
import { defineClaim } from '../src/check/defineClaim.js';
import { scaleU } from './plantedBugs.js';
import { type Scenario, buildScenario, describeScenario, irisExample, scenarioArbitrary } from '../src/check/scenarios.js';

/** Activations with sup|σ| < ∞ (the derivation needs the forward bound). */
const BOUNDED = ['tanh', 'sigmoid', 'sin', 'gaussian'] as const;
/** Random perturbation directions per scenario (plus the steepest one). */
const DIRECTIONS = 4;

export interface LipschitzScenario {
  base: Scenario;
  /** The perturbation radius ‖Θ − Θ'‖* = 2^-radiusExponent. */
  radiusExponent: number;
}

/** The subject maps the parameters to the network actually evaluated (identity, or a planted bug). */
export type NetworkMap = (net: Network) => Network;

export function lipschitzScenarios(
  profile: 'quick' | 'ci' | 'full',
  box: { min?: { L?: number }; max?: { L?: number } } = {},
): fc.Arbitrary<LipschitzScenario> {
  return fc.record({
    base: scenarioArbitrary(profile, { activations: BOUNDED, scale: [0.25, 1], datasets: ['ball', 'teacher', 'iris'], ...box }),
    radiusExponent: fc.integer({ min: 0, max: 10 }),
  });
}

function lossAt(subject: NetworkMap, net: Network, theta: Float64Array, data: Dataset): { E: number; dE: number } {
  const evaluated = subject({ ...net, theta });
  const ws = createWorkspace(net.d, net.L, net.M, data.N);
  forward(evaluated, data.x, ws);
  return { E: lossFromOutputs(ws.outputs, data.y), dE: forwardErrorBound(evaluated, ws, data.y).loss };
}

export function measureLipschitz(sc: LipschitzScenario, subject: NetworkMap): Measurement {
  const { net, data } = buildScenario(sc.base);
  const { L, M } = net;
  const P = net.theta.length;
  const radius = 2 ** -sc.radiusExponent;
  const base = lossAt(subject, net, net.theta, data);
  // Directions: the gradient of the evaluated network (for the nominal subject the steepest direction of E, whose
  // local ratio is sqrt(D), D the dissipation rate) and DIRECTIONS Gaussian ones.
  const directions: Float64Array[] = [];
  const ws = createWorkspace(net.d, L, M, data.N);
  evaluate(subject(net), data, ws, true);
  directions.push(Float64Array.from(ws.grad));
  const rng = randomStream(sc.base.seed, 'lipschitz', 'directions');
  for (let j = 0; j < DIRECTIONS; j++) directions.push(Float64Array.from({ length: P }, () => gaussian(rng)));
  let worst = 0;
  let worstC = 0;
  let worstLocal = 0;
  for (const v of directions) {
    const norm = meanFieldNorm(v, M, L);
    if (!(norm > 0)) continue;
    const thetaP = new Float64Array(P);
    for (let p = 0; p < P; p++) thetaP[p] = net.theta[p] - (radius / norm) * v[p];
    const moved = lossAt(subject, net, thetaP, data);
    const dist = meanFieldNorm(thetaP.map((t, p) => t - net.theta[p]), M, L);
    const { C } = lipschitzConstant(net, thetaP, data);
    // Rounding: the two losses carry δE, δE'; C and ‖Θ − Θ'‖* relative γ_{P+40} (sums of P terms, ~30 operations).
    const change = Math.max(0, Math.abs(moved.E - base.E) - moved.dE - base.dE);
    const ratio = change / ((1 + gamma(P + 40)) * C * dist);
    if (ratio >= worst) {
      worst = ratio;
      worstC = C;
      worstLocal = Math.abs(moved.E - base.E) / dist;
    }
  }
  return {
    ok: worst <= 1,
    figures: { ratioToC: worst, constant: worstC, localRatio: worstLocal },
    detail:
      `${describeScenario(sc.base)} radius 2^-${sc.radiusExponent}: max over ${DIRECTIONS + 1} directions of ` +
      `|E(Θ) − E(Θ')| / (C ‖Θ − Θ'‖*) = ${worst.toPrecision(4)} (≤ 1 passes); |ΔE|/‖ΔΘ‖* = ${worstLocal.toPrecision(4)}, C = ${worstC.toPrecision(4)}`,
  };
}

export const lipschitzClaim = defineClaim<LipschitzScenario, NetworkMap>({
  id: 'lipschitz-parameters',
  catalogue: 13,
  title: '|E(Θ) − E(Θ′)| ≤ C ‖Θ − Θ′‖* with C independent of L and M',
  source: 'theory.md §6 item 13; [DCLW-b] Lemma D.2 (stability in the parameters); the explicit C is our derivation',
  assumptions: ['sup|σ| < ∞ (tanh, sigmoid, sin, gaussian)', 'linear readout', '‖Θ‖*² = (1/(ML)) Σ|θ|²'],
  tolerance:
    'none beyond rounding: |ΔE| minus the two loss rounding bounds (roundingBound.ts) must be ≤ C ‖ΔΘ‖* (1 + γ_{P+40}); ' +
    'C = |a|(|a|Z̃ + Y) exp(σ′∞ mean|u||w|) sqrt(S_σ² + σ′∞²(Z′² + 1) mean|u′|²) is derived, not fitted',
  budget: { quick: 10, ci: 100, full: 500 },
  statisticalDecisions: 0,
  scenarios: (profile) => lipschitzScenarios(profile),
  examples: (profile) => [
    { base: irisExample(profile), radiusExponent: 4 },
    { base: { ...irisExample(profile), dataset: 'ball', d: 2, N: 4, L: 512, M: 2, scale: 1, activation: 'sin' }, radiusExponent: 6 },
    { base: { ...irisExample(profile), dataset: 'ball', d: 2, N: 4, L: 2, M: 512, scale: 1, activation: 'tanh' }, radiusExponent: 6 },
  ],
  figures: {
    ratioToC: { worst: 'max', description: 'max |E(Θ) − E(Θ′)| / (C ‖Θ − Θ′‖*) over directions; ≤ 1 passes' },
    constant: { worst: 'max', description: 'the derived C at the worst direction' },
    localRatio: { worst: 'max', description: '|E(Θ) − E(Θ′)| / ‖Θ − Θ′‖* at the worst direction' },
  },
  measure: measureLipschitz,
  nominal: (net) => net,
  control: {
    description: 'planted bug: the layer map is divided by M only (missing 1/L, plantedBugs.scaleU); L ≥ 8',
    subject: (net) => scaleU(net, net.L),
    scenarios: (profile) => lipschitzScenarios(profile, { min: { L: 64 }, max: { L: 256 } }),
  },
});
