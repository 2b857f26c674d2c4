/**
 * Claim 9 (theory.md §6): GD is first order in Δs at fixed s. With h = M L Δs, the loss of GD after s/Δs steps
 * differs from the loss of the training-time flow dΘ/ds = −M L ∇E (src/limit/gradientFlow.ts, RK4 refined to a
 * stated tolerance) by e(Δs) = max_j |E_Δs(s_j) − E_flow(s_j)| ∝ Δs (exponent +1), at the checkpoints
 * s_j = 0.2, 0.4, …, S = 1.
 * Note: proofs-notes/step-order.md. Negative control: h = Δs (missing M L), properties/trainingRule.ts.
 */
import fc from 'fast-check';
import { gradientFlow } from '../src/limit/index.js';
import { asymptoticRange, decidedLadder, decideExponent, INTERVAL_TOO_WIDE, TOO_FEW_RUNGS, logLogFit } from '../src/stats/index.js';
import type { Measurement, Profile, RateReport } from '../src/check/claim.js';
import { defineClaim } from '../src/check/defineClaim.js';
import { type Subject, builtinSubject } from '../src/subject/index.js';
import { type TrainingScenario, describeTrainingScenario, HORIZON, trainingData, trainingNetwork, trainingScenarioArbitrary } from './depthTraining.js';
import { subjectLossCurve } from './subjectTraining.js';
import { missingMLSubject } from './trainingRule.js';

/** Checkpoints s_j = j·S/J at which GD and the flow are compared (J = 5: every 0.2). */
const CHECKPOINTS = 5;
/** Step ladder Δs = S/(J·2^q): steps per unit s n = 1/Δs. */
export const STEP_LADDER: Record<Profile, number[]> = { quick: [5, 10, 20, 40], ci: [5, 10, 20, 40, 80], full: [5, 10, 20, 40, 80, 160] };
/** RK4 tolerance of the flow reference, in units of E (≤ 1% of the smallest e measured, ≈ 10^-6). */
const FLOW_TOL = 1e-10;
/** The smallest step an undecided ladder is extended to: Δs = 1/640 (n stays a multiple of CHECKPOINTS). */
const MAX_STEPS_PER_UNIT = 640;
const BAND = 0.1;

type StepScenario = TrainingScenario & { L: number; ladder: number[] };

function measure(s: StepScenario, subject: Subject): Measurement {
  const data = trainingData(s);
  const net = trainingNetwork(s, s.L, s.M);
  const flow = gradientFlow(net, data, { S: HORIZON, tol: FLOW_TOL, checkpoints: CHECKPOINTS, n0: 4, maxSteps: 2048 });
  const label = `${describeTrainingScenario(s)} L=${s.L}`;
  let diverged: string | null = null;
  // The ladder in n = 1/Δs is halved further in Δs (decidedLadder) while its fit is undecided.
  const points = decidedLadder(s.ladder, MAX_STEPS_PER_UNIT, (n) => {
    const steps = Math.round(HORIZON * n);
    // the subject's Θ at the checkpoints s_j (n is a multiple of CHECKPOINTS), E by resnet-mf
    const curve = subjectLossCurve(subject, net, data, 1 / n, Array.from({ length: CHECKPOINTS }, (_, j) => ((j + 1) * steps) / CHECKPOINTS), 'start');
    if ('diverged' in curve) {
      diverged ??= `Δs = 1/${n}: ${curve.diverged}`;
      return { n, e: Infinity, floor: 0 };
    }
    let e = 0;
    for (let j = 0; j < CHECKPOINTS; j++) e = Math.max(e, Math.abs(curve.E[j + 1] - flow.E[j]));
    return { n, e, floor: flow.errorEstimate + curve.floor };
  });
  if (diverged !== null) return { ok: false, detail: `${label}: the subject's GD diverged at ${diverged}`, figures: { stepExponent: NaN } };
  // asymptoticRange keeps the largest n = 1/Δs (smallest steps); the exponent is then fitted in Δs itself.
  const used = asymptoticRange(points).map((p) => ({ n: 1 / p.n, e: p.e }));
  const reportPoints = points.map((p) => ({ n: 1 / p.n, e: p.e, floor: p.floor }));
  if (used.length < 3) {
    return { ok: true, decided: false, reason: TOO_FEW_RUNGS, detail: `${label}: fewer than 3 steps with e ≥ 100× floor`, figures: { stepExponent: NaN } };
  }
  const fit = logLogFit(used);
  const decision = decideExponent(fit, 1, BAND);
  const rate: RateReport = {
    quantity: `max over s_j = 0.2…${HORIZON} of |E_Δs(s_j) − E_flow(s_j)| (GD vs RK4 flow)`,
    size: 'Δs',
    claimed: 1,
    band: BAND,
    fit,
    points: reportPoints,
    used: used.map((p) => p.n),
    referenceError: flow.errorEstimate,
  };
  return {
    ok: decision !== 'fail',
    decided: decision !== 'undecided',
    reason: INTERVAL_TOO_WIDE,
    detail:
      `${label}: e(Δs) ∝ Δs^p with p = ${fit.exponent.toFixed(3)} [${fit.lo.toFixed(3)}, ${fit.hi.toFixed(3)}] (${decision}; claimed 1 ± ${BAND}) ` +
      `over Δs = ${used.map((p) => p.n.toPrecision(3)).join(', ')}; e = ${used.map((p) => p.e.toExponential(2)).join(', ')}; ` +
      `flow reference error ${flow.errorEstimate.toExponential(1)} (${flow.steps} RK4 steps)`,
    figures: { stepExponent: decision === 'undecided' ? NaN : fit.exponent, intervalWidth: fit.hi - fit.lo, flowError: flow.errorEstimate },
    rate,
  };
}

function stepScenarios(profile: Profile, minL: number, minM: number): fc.Arbitrary<StepScenario> {
  return fc
    .tuple(trainingScenarioArbitrary({ maxM: 8 }), fc.integer({ min: minL, max: 16 }), fc.integer({ min: minM, max: 8 }))
    .map(([s, L, M]) => ({ ...s, L, M, ladder: STEP_LADDER[profile] }));
}

export const stepOrderClaim = defineClaim<StepScenario, Subject>({
  id: 'step-order',
  catalogue: 9,
  title: 'GD is first order in Δs at fixed s: max_j |E_Δs(s_j) − E_flow(s_j)| ∝ Δs',
  source: 'theory.md §2 (GD with h = M L Δs is the explicit Euler scheme of dΘ/ds = −M L ∇E); standard numerical analysis (Euler, global error O(Δs))',
  assumptions: [
    '∇E Lipschitz on the trajectory (smooth bounded σ: tanh, sigmoid, gaussian; scale ≤ 1)',
    `horizon S = ${HORIZON}, Δs ≤ 0.2 (below the stable step of monotone-loss)`,
  ],
  tolerance:
    'the 99% OLS interval of the log–log slope of e over the 4 smallest Δs whose e is ≥ 100× (flow reference error + ' +
    'loss rounding) must meet [0.9, 1.1] (decideExponent): Euler’s global error is c Δs + O(Δs²), so local slopes ' +
    'carry a bias O(Δs) ≤ 0.1 on this ladder; intervals wider than 0.5 are undecided',
  budget: { quick: 10, ci: 10, full: 40 },
  statisticalDecisions: 0,
  scenarios: (profile) => stepScenarios(profile, 1, 1),
  figures: {
    stepExponent: { worst: 'min', description: 'fitted exponent p of e(Δs) ∝ Δs^p (claimed +1)' },
    intervalWidth: { worst: 'max', description: 'width of the 99% interval of p' },
    flowError: { worst: 'max', description: 'RK4 flow reference error estimate (units of E)' },
  },
  measure,
  needs: ['train'],
  nominal: builtinSubject,
  control: {
    description: 'planted bug: learning rate h = Δs (the M L factor missing), scenarios with L, M ≥ 2: GD then covers s/(ML), e → |E_flow(s/(ML)) − E_flow(s)|',
    subject: missingMLSubject,
    scenarios: (profile) => stepScenarios(profile, 2, 2),
  },
});
