/**
 * Claim 7 (theory.md §6): one GD step satisfies (E(s+Δs) − E(s))/Δs = −(1/(ML)) Σ|G|² + O(Δs): the
 * residual decays like Δs (slope 1 on log–log). A rule without the M L factor leaves an O(1) residual.
 * Note: proofs-notes/energy-dissipation.md. Negative control: h = Δs (missing M L).
 */
import { amplification, createWorkspace, dissipationRate, evaluate, gradientErrorBound } from '../src/model/index.js';
import { gamma } from '../src/numeric/float64.js';
import { type Subject, builtinSubject } from '../src/subject/index.js';
import type { Measurement } from '../src/check/claim.js';
import { defineClaim } from '../src/check/defineClaim.js';
import { lossWithBound } from './evaluations.js';
import { type Rung, asymptoticSlope } from './slopes.js';
import { type Scenario, buildScenario, describeScenario, irisExample, scenarioArbitrary } from '../src/check/scenarios.js';
import { missingMLSubject } from './trainingRule.js';

/** Ladder Δs = 2^-1 … 2^-DT_STEPS; a residual counts only when ≥ FLOOR_FACTOR × its rounding floor. */
const DT_STEPS = 40;
const FLOOR_FACTOR = 1000;
/** Midpoint between the right order (1) and the planted bug's (0). */
const SLOPE_THRESHOLD = 0.5;
/**
 * Scenarios whose layer maps amplify state perturbations more than this (model amplification()) are undecided:
 * the rounding floor of the dissipation rate grows like A², and above ~10^3 it hides the asymptotic regime (an
 * identity-activation scenario with A = 1.8·10^5 left only three usable steps, all on a pre-asymptotic plateau).
 */
const MAX_AMPLIFICATION = 1e3;
/**
 * Scenarios whose gradient at Θ(0) has ‖G‖* = ((1/(ML)) Σ|G|²)^{1/2} below this are left out of the space: every
 * unit dead (regularised ReLU below −δ) or saturated (gaussian far in its tail), so the step barely moves Θ and the
 * residual has nothing to decay above its rounding floor (quick seed 56: (1/(ML))Σ|G|² = 0 and 3.3·10⁻⁹, both
 * undecided). A gradient bug cannot hide there: gradient-adjoint and gradient-decimal check G on every scenario.
 */
const MIN_GRADIENT_NORM = 1e-4;

/** True when the scenario's initial gradient is not degenerate (‖G‖* ≥ MIN_GRADIENT_NORM). */
function hasGradient(s: Scenario): boolean {
  const { net, data } = buildScenario(s);
  const ws = createWorkspace(net.d, net.L, net.M, data.N);
  evaluate(net, data, ws, true);
  return Math.sqrt(dissipationRate(ws.grad, net.M, net.L)) >= MIN_GRADIENT_NORM;
}

/** One GD step of the subject at every Δs of the ladder (one request), against the reference loss and rate. */
function measure(s: Scenario, subject: Subject): Measurement {
  const { net, data } = buildScenario(s);
  const ws = createWorkspace(net.d, net.L, net.M, data.N);
  const E0 = evaluate(net, data, ws, true);
  const grad = Float64Array.from(ws.grad);
  const rate = dissipationRate(grad, net.M, net.L);
  const base = lossWithBound(net, data, net.theta, ws);
  // Error of the computed rate ML Σ g²: entry p carries ≤ ε_p (gradientErrorBound), so δ ≤ 2 ML Σ|g_p| ε_p + γ_{P+2}·rate.
  const entryError = gradientErrorBound(net, ws, data.y);
  let weighted = 0;
  for (let p = 0; p < grad.length; p++) weighted += Math.abs(grad[p]) * entryError[p];
  const rateError = 2 * net.M * net.L * weighted + gamma(grad.length + 2) * rate;
  const dts = Array.from({ length: DT_STEPS }, (_, j) => 2 ** -(j + 1));
  const stepped = subject.train(dts.map((dt) => ({ net, data, dt, steps: 1 })));
  const points: Rung[] = [];
  for (const [j, dt] of dts.entries()) {
    const next = lossWithBound(net, data, stepped[j], ws);
    const r = Math.abs((next.E - E0) / dt + rate);
    points.push({ value: r, usable: r >= FLOOR_FACTOR * ((next.dE + base.dE) / dt + rateError) });
  }
  const A = amplification(net, ws);
  const { slope, decided, reason } = A <= MAX_AMPLIFICATION ? asymptoticSlope(points) : { slope: NaN, decided: false, reason: `layer amplification above ${MAX_AMPLIFICATION}` };
  return {
    ok: !decided || slope > SLOPE_THRESHOLD,
    decided,
    reason,
    detail:
      `${describeScenario(s)}: residual of (ΔE/Δs + (1/(ML))Σ|G|²) decays with slope ` +
      `${decided ? slope.toFixed(3) : 'undecided'} in Δs (must be > ${SLOPE_THRESHOLD}); (1/(ML))Σ|G|² = ${rate.toPrecision(4)}, ` +
      `amplification A = ${A.toPrecision(3)} (decided only for A ≤ ${MAX_AMPLIFICATION})`,
    figures: { residualSlope: slope, dissipationRate: rate },
  };
}

export const energyDissipationClaim = defineClaim<Scenario, Subject>({
  id: 'energy-dissipation',
  catalogue: 7,
  title: '(E(s+Δs) − E(s))/Δs = −(1/(ML)) Σ|G|² + O(Δs)',
  source: 'theory.md §2 (energy dissipation), [DCLW-b] eq. (21) in the discrete setting',
  assumptions: ['E twice differentiable along the step (C^{1,1} suffices for O(Δs))'],
  tolerance:
    'the mean of the two local slopes of the residual at the three smallest usable Δs (residual ≥ 1000× its rounding ' +
    'floor (δE₀ + δE₁)/Δs + δ(rate); the slopes must agree within 0.1, else undecided) must exceed 0.5, midway between the ' +
    'claimed order 1 and the order 0 of a wrong scaling; scenarios with layer amplification A > 10^3 are undecided',
  budget: { quick: 10, ci: 100, full: 500 },
  statisticalDecisions: 0,
  scenarios: (profile) => scenarioArbitrary(profile).filter(hasGradient),
  examples: (profile) => [irisExample(profile)],
  figures: {
    residualSlope: { worst: 'min', description: 'asymptotic slope of the residual in Δs (properties/slopes.ts)' },
    dissipationRate: { worst: 'min', description: '(1/(ML)) Σ|G|² at the scenario' },
  },
  measure,
  needs: ['train'],
  nominal: builtinSubject,
  control: {
    description: 'planted bug: learning rate h = Δs (the M L factor missing); scenarios with M L ≥ 4',
    subject: missingMLSubject,
    scenarios: (profile) => scenarioArbitrary(profile, { min: { L: 2, M: 2 } }),
  },
});
