/**
 * Claim 8 (theory.md §6): for Δs below a threshold Δs* that does not shrink with L or M, GD in training time
 * never increases the loss. Checked at one fixed Δs for every (L, M) in the profile's box.
 * Note: proofs-notes/monotone-loss.md. Negative control: the learning rate h = (M L)² Δs.
 */
import { createWorkspace } from '../src/model/index.js';
import { train } from '../src/train/index.js';
import type { Measurement } from './claim.js';
import { defineClaim } from './defineClaim.js';
import { lossWithBound } from './evaluations.js';
import { type Scenario, buildScenario, describeScenario, irisExample, scenarioArbitrary } from './scenarios.js';
import { type LearningRateRule, doubledMLRule, nominalRule } from './trainingRule.js';

/** Activations with sup|σ| ≤ 1 and bounded derivatives (identity and softplus make Δs* depend on |θ|). */
const BOUNDED = ['tanh', 'sigmoid', 'sin', 'gaussian'] as const;

/**
 * The training-time step checked, the same for every L and M: 8× below the smallest threshold measured over
 * 150 full-profile scenarios (1.6; see proofs-notes/monotone-loss.md).
 */
export const MONOTONE_DT = 0.2;
/** GD steps per scenario. */
export const MONOTONE_STEPS = 10;

function measure(s: Scenario, rule: LearningRateRule): Measurement {
  const { net, data } = buildScenario(s);
  const ws = createWorkspace(net.d, net.L, net.M, data.N);
  let current = net;
  let prev = lossWithBound(current, data, current.theta, ws);
  const E0 = prev.E;
  let worst = -Infinity;
  let worstStep = 0;
  for (let k = 1; k <= MONOTONE_STEPS; k++) {
    const run = train(current, data, { dt: MONOTONE_DT, steps: 1, learningRate: rule });
    if (run.status === 'diverged') {
      return { ok: false, detail: `${describeScenario(s)}: ${run.message}`, figures: { increaseOverTol: Infinity } };
    }
    current = run.net;
    const next = lossWithBound(current, data, current.theta, ws);
    const ratio = (next.E - prev.E) / (next.dE + prev.dE);
    if (ratio > worst) [worst, worstStep] = [ratio, k];
    prev = next;
  }
  return {
    ok: worst <= 1,
    detail:
      `${describeScenario(s)}: worst (E_{k} − E_{k−1}) / rounding bound = ${worst.toPrecision(3)} at step ${worstStep} ` +
      `(must be ≤ 1); E went ${E0.toPrecision(4)} → ${prev.E.toPrecision(4)} in ${MONOTONE_STEPS} steps of Δs = ${MONOTONE_DT}`,
    figures: { increaseOverTol: worst, relativeDecrease: (E0 - prev.E) / E0 },
  };
}

export const monotoneLossClaim = defineClaim<Scenario, LearningRateRule>({
  id: 'monotone-loss',
  catalogue: 8,
  title: `Loss never increases over ${MONOTONE_STEPS} GD steps of Δs = ${MONOTONE_DT} (horizon S = ${MONOTONE_STEPS * MONOTONE_DT}), for every L and M`,
  source: 'theory.md §2 (dE/ds ≤ 0, eq. (21)); descent lemma for GD with h below 2/Lipschitz(∇E)',
  assumptions: [
    'data in the unit ball',
    'initial parameter scale ≤ 1',
    'sup|σ| ≤ 1 with bounded σ\', σ\'\' (tanh, sigmoid, sin, gaussian): Δs* depends on these bounds, the data and the scale, not on L, M',
  ],
  tolerance:
    'E_k − E_{k−1} ≤ δE_k + δE_{k−1}, the derived float64 rounding bounds of the two loss evaluations (no slack beyond rounding)',
  budget: { quick: 10, ci: 60, full: 400 },
  statisticalDecisions: 0,
  scenarios: (profile) => scenarioArbitrary(profile, { scale: [0.25, 1], activations: BOUNDED }),
  examples: (profile) => [irisExample(profile)],
  figures: {
    increaseOverTol: { worst: 'max', description: 'max over steps of (E_k − E_{k−1}) / rounding bound (≤ 1 passes)' },
    relativeDecrease: { worst: 'min', description: '(E_0 − E_K) / E_0 over the run' },
  },
  measure,
  nominal: nominalRule,
  control: {
    description: 'planted bug: learning rate h = (M L)² Δs, so the stable Δs shrinks like 1/(M L); scenarios with M L ≥ 64',
    subject: doubledMLRule,
    scenarios: (profile) => scenarioArbitrary(profile, { scale: [0.25, 1], activations: BOUNDED, min: { L: 8, M: 8 } }),
  },
});
