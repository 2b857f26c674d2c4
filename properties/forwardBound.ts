/**
 * Claim 12 (theory.md §5–6): with |σ| ≤ 1, |z_L(x) − x| ≤ max_{l,m} |u_{l,m}| for every depth L (each
 * increment is an average of vectors of norm ≤ max|u|, weighted 1/(ML), over M L terms).
 * Note: proofs-notes/forward-bound.md. Negative control: a planted missing 1/L.
 */
import { createWorkspace, forward, forwardErrorBound, type Network } from '../src/model/index.js';
import { gamma } from '../src/numeric/float64.js';
import type { Dataset } from '../src/data/dataset.js';
import type { Measurement } from '../src/check/claim.js';
import { defineClaim } from '../src/check/defineClaim.js';
import { missingInvLSubject } from './plantedBugs.js';
import { type Subject, builtinSubject, subjectFinalStates } from '../src/subject/index.js';
import { type Scenario, buildScenario, describeScenario, irisExample, scenarioArbitrary } from '../src/check/scenarios.js';

/** Activations with sup|σ| ≤ 1. */
const BOUNDED = ['tanh', 'sigmoid', 'sin', 'gaussian'] as const;

/** The subject's z_L (capability outputs) against the bound from θ, with resnet-mf's rounding bound of z_L. */
function measure(s: Scenario, subject: Subject): Measurement {
  const { net, data } = buildScenario(s);
  return check(net, subjectFinalStates(subject, net, data), data, s);
}

function check(net: Network, zL: Float64Array, data: Dataset, s: Scenario): Measurement {
  const { d, L, M, theta } = net;
  const k = 2 * d + 1;
  let maxU = 0;
  for (let p = 0; p < L * M; p++) {
    let n2 = 0;
    for (let j = 0; j < d; j++) n2 += theta[p * k + j] ** 2;
    maxU = Math.max(maxU, Math.sqrt(n2));
  }
  const ws = createWorkspace(d, L, M, data.N);
  forward(net, data.x, ws);
  const bound = forwardErrorBound(net, ws, data.y, 'any'); // the subject's rounding: any summation order
  const g = gamma(d + 2);
  let worst = 0;
  for (let i = 0; i < data.N; i++) {
    let n2 = 0;
    for (let j = 0; j < d; j++) n2 += (zL[i * d + j] - data.x[i * d + j]) ** 2;
    const moved = Math.sqrt(n2);
    // Allowed: the bound itself (computed with relative error γ_{d+2}) plus the state's rounding error.
    const allowed = ((1 + g) * maxU + Math.sqrt(d) * bound.state[i]) * (1 + g);
    worst = Math.max(worst, moved / allowed);
  }
  return {
    ok: worst <= 1,
    detail: `${describeScenario(s)}: max_i |z_L − x_i| / (max|u| + rounding) = ${worst.toPrecision(4)} (must be ≤ 1)`,
    figures: { movedOverBound: worst },
  };
}

export const forwardBoundClaim = defineClaim<Scenario, Subject>({
  id: 'forward-bound',
  catalogue: 12,
  title: '|z_L − z_0| ≤ max|u| for |σ| ≤ 1, for every L',
  source: '[DCLW-b] Thm A.2 / Lemma D.2 (forward stability); the explicit constant is our derivation (theory.md §5)',
  assumptions: ['sup|σ| ≤ 1 (tanh, sigmoid, sin, gaussian)'],
  tolerance: 'max|u| and the norm of z_L − x each carry relative error γ_{d+2}; plus √d × the derived state rounding bound for any summation order (rounding-bound.md)',
  budget: { quick: 15, ci: 150, full: 1000 },
  statisticalDecisions: 0,
  scenarios: (profile) => scenarioArbitrary(profile, { activations: BOUNDED, scale: [0.25, 4] }),
  examples: (profile) => [
    irisExample(profile),
    { ...irisExample(profile), dataset: 'ball', d: 2, N: 4, L: 512, M: 2, scale: 2, activation: 'sin' },
  ],
  figures: { movedOverBound: { worst: 'max', description: 'max_i |z_L − x_i| / (max|u| + rounding), ≤ 1 passes' } },
  measure,
  needs: ['outputs'],
  nominal: builtinSubject,
  control: {
    description: 'planted bug: the layer map is divided by M only (missing 1/L); linear paths, L ≥ 4',
    subject: missingInvLSubject,
    scenarios: (profile) => scenarioArbitrary(profile, { activations: BOUNDED, scale: [0.25, 4], inits: ['linear'], min: { L: 4 } }),
  },
});
