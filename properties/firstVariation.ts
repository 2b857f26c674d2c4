/**
 * Claim 15 (theory.md §6): replacing layer l's neuron measure ρ_l by (1 − ε) ρ_l + ε δ_{θ*} changes E at rate
 *   dE/dε|₀ = (1/L) [ h_l(θ*) − (1/M) Σ_m h_l(θ_{l,m}) ],   h_l(θ) = E_x[ λ_{l+1}ᵀ f(z_l, θ) ],
 * checked by a Taylor test: the residual |E(ε) − E(0) − ε·rate| must decay like ε² (slope 2 on log–log); a wrong
 * rate leaves an O(ε) residual (slope 1). Note: proofs-notes/first-variation.md.
 * Negative control: the off-by-one adjoint λ_l in place of λ_{l+1}.
 */
import fc from 'fast-check';
import type { Dataset } from '../src/data/dataset.js';
import { gaussian, randomStream } from '../src/init/index.js';
import {
  type LayerField,
  type Network,
  adjointAtLayer,
  adjointErrorBound,
  createWorkspace,
  forward,
  forwardErrorBound,
  layerH,
  mixedLayerLoss,
} from '../src/model/index.js';
import { UNIT_ROUNDOFF, gamma } from '../src/numeric/float64.js';
import type { Measurement, Profile } from '../src/check/claim.js';
import { defineClaim } from '../src/check/defineClaim.js';
import { type Rung, asymptoticSlope } from './slopes.js';
import { type Scenario, SCENARIO_ACTIVATIONS, buildScenario, describeScenario, irisExample, scenarioArbitrary } from '../src/check/scenarios.js';

/** A scenario and the mixed layer, l = layer mod L. */
export type FirstVariationScenario = Scenario & { layer: number };

/** The predicted dE/dε at 0 with a bound on its rounding error, for layer l and the added neuron θ*. */
export type FirstVariationRate = (net: Network, data: Dataset, l: number, thetaStar: Float64Array) => { rate: number; error: number };

/** Ladder ε = 2^-1 … 2^-EPS_STEPS (powers of two, so ε·rate and 1 − ε are exact); usable rungs ≥ FLOOR_FACTOR × floor. */
const EPS_STEPS = 40;
const FLOOR_FACTOR = 1000;
/** Midpoint between the right order (2) and a wrong rate's (1). */
const SLOPE_THRESHOLD = 1.5;
/** The C² activations: the Taylor slope needs E twice differentiable in ε (the regularised ReLU is C^{1,1}). */
const SMOOTH = SCENARIO_ACTIVATIONS.filter((a) => a !== 'regularized_relu');

/** (1/L)[h(θ*) − (1/M) Σ_m h(θ_{l,m})] with h built from λ_{adjointLayer} (l + 1 is right). */
function rateWith(offset: 0 | 1): FirstVariationRate {
  return (net, data, l, thetaStar) => {
    const { d, L, M } = net;
    const ws = createWorkspace(d, L, M, data.N);
    forward(net, data.x, ws);
    const fb = forwardErrorBound(net, ws, data.y);
    const lb = adjointErrorBound(net, ws, data.y);
    const lam = l + offset;
    const field: LayerField = {
      d,
      N: data.N,
      z: ws.z.slice(l * data.N * d, (l + 1) * data.N * d),
      lambda: adjointAtLayer(net, data, ws, lam),
      zError: fb.layers.slice(l * data.N, (l + 1) * data.N),
      lambdaError: lb.slice(lam * data.N, (lam + 1) * data.N),
    };
    const star = layerH(net, field, thetaStar, 0);
    let mean = 0;
    let meanErr = 0;
    let meanAbs = 0;
    for (let m = 0; m < M; m++) {
      const hm = layerH(net, field, net.theta, (l * M + m) * (2 * d + 1));
      mean += hm.h;
      meanErr += hm.error;
      meanAbs += Math.abs(hm.h);
    }
    mean /= M;
    const diff = star.h - mean;
    const rate = diff / L;
    // δ(mean) = (1/M)Σδh_m + γ_M (1/M)Σ|h_m| + u|mean|; the difference and the division add u|diff| and u|rate|.
    const dMean = meanErr / M + gamma(M + 1) * (meanAbs / M);
    const error = 1.01 * ((star.error + dMean + UNIT_ROUNDOFF * Math.abs(diff)) / L + UNIT_ROUNDOFF * Math.abs(rate));
    return { rate, error };
  };
}

/** The first-variation rate with λ_{l+1} (theory.md §1 indices): the nominal subject. */
export const firstVariationRate: FirstVariationRate = rateWith(1);
/** Planted bug: h built with λ_l, the adjoint one layer too early (the classic off-by-one of backprop indices). */
export const offByOneRate: FirstVariationRate = rateWith(0);

/** θ* ~ N(0, scale² I_k) from the scenario's seed. */
function addedNeuron(s: Scenario, d: number): Float64Array {
  const rng = randomStream(s.seed, 'claim', 'first-variation');
  const t = new Float64Array(2 * d + 1);
  for (let p = 0; p < t.length; p++) t[p] = s.scale * gaussian(rng);
  return t;
}

function measure(s: FirstVariationScenario, subject: FirstVariationRate): Measurement {
  const { net, data } = buildScenario(s);
  const l = s.layer % net.L;
  const thetaStar = addedNeuron(s, net.d);
  const { rate, error } = subject(net, data, l, thetaStar);
  const base = mixedLayerLoss(net, data, l, thetaStar, 0);
  const rungs: Rung[] = [];
  for (let kk = 1; kk <= EPS_STEPS; kk++) {
    const eps = 2 ** -kk;
    const at = mixedLayerLoss(net, data, l, thetaStar, eps);
    const r = Math.abs(at.E - base.E - eps * rate);
    const floor = at.dE + base.dE + eps * error + UNIT_ROUNDOFF * (Math.abs(at.E - base.E) + Math.abs(eps * rate));
    rungs.push({ value: r, usable: r >= FLOOR_FACTOR * floor });
  }
  const { slope, decided, reason } = asymptoticSlope(rungs);
  const usable = rungs.filter((x) => x.usable).length;
  return {
    ok: !decided || slope > SLOPE_THRESHOLD,
    decided,
    reason,
    detail:
      `${describeScenario(s)} layer l=${l}: residual |E(ε) − E(0) − ε·rate| decays with slope ` +
      `${decided ? slope.toFixed(3) : 'undecided'} in ε (must be > ${SLOPE_THRESHOLD}); rate = ${rate.toPrecision(4)} ± ${error.toPrecision(2)}, ` +
      `${usable} usable rungs`,
    figures: { residualSlope: slope, usableRungs: usable },
  };
}

function scenarios(profile: Profile): fc.Arbitrary<FirstVariationScenario> {
  return fc
    .tuple(scenarioArbitrary(profile, { activations: SMOOTH }), fc.integer({ min: 0, max: 1023 }))
    .map(([s, layer]) => ({ ...s, layer }));
}

export const firstVariationClaim = defineClaim<FirstVariationScenario, FirstVariationRate>({
  id: 'first-variation',
  catalogue: 15,
  title: 'dE/dε of (1−ε)ρ_l + εδ_θ* at 0 = (1/L)[h_l(θ*) − (1/M)Σ_m h_l(θ_{l,m})], h_l(θ) = E_x[λ_{l+1}ᵀ f(z_l, θ)]',
  source: 'theory.md §4 eq. (10) and §6 claim 15; [DCLW-b] eq. (10) (first variation δE/δρ) in the discrete setting',
  assumptions: ['σ ∈ C² (the Taylor slope needs E twice differentiable in ε; the regularised ReLU is excluded)'],
  tolerance:
    'Taylor test: the mean of the two local slopes of |E(ε) − E(0) − ε·rate| at the three smallest usable ε = 2^-k ' +
    '(residual ≥ 1000× its floor δE(ε) + δE(0) + ε·δrate, all derived running rounding bounds; the slopes must agree ' +
    'within 0.1, else undecided) must exceed 1.5, midway between the claimed order 2 and the order 1 of a wrong rate',
  budget: { quick: 10, ci: 60, full: 300 },
  statisticalDecisions: 0,
  scenarios,
  examples: (profile) => [{ ...irisExample(profile), layer: 3 }],
  figures: {
    residualSlope: { worst: 'min', description: 'asymptotic slope of the Taylor residual in ε (properties/slopes.ts)' },
    usableRungs: { worst: 'min', description: 'rungs of the ε ladder above 1000× the rounding floor' },
  },
  measure,
  nominal: firstVariationRate,
  control: { description: 'planted bug: h_l built with λ_l instead of λ_{l+1} (off-by-one adjoint index)', subject: offByOneRate },
});
