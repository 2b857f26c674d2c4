/**
 * Training is gradient descent in training time (theory.md §2): each of K steps of the subject's own training loop
 * (capability train) is Θ_{k+1} = Θ_k − h ∇E(Θ_k) with h = M L Δs, up to rounding, where ∇E(Θ_k) is resnet-mf's
 * gradient at the subject's own Θ_k (so nothing compounds from step to step). One request asks for Θ after
 * 1, 2, …, K steps from Θ_0.
 * Note: proofs-notes/gd-step.md. Negative control: the gradient of a float32 forward pass (planted bug float32-forward).
 */
import { createWorkspace, evaluate, gradientErrorBound } from '../src/model/index.js';
import { UNIT_ROUNDOFF as u } from '../src/numeric/float64.js';
import { type Subject, builtinSubject, nonFiniteEntry } from '../src/subject/index.js';
import { plantedSubject } from '../src/planted/index.js';
import type { Measurement } from '../src/check/claim.js';
import { defineClaim } from '../src/check/defineClaim.js';
import { type Scenario, buildScenario, describeScenario, irisExample, scenarioArbitrary } from '../src/check/scenarios.js';

/** Magnitude beyond which a value's square overflows (1e150² > 1.8e308): GD there is not compared. */
const NEAR_OVERFLOW = 1e150;
/** Steps per scenario and the training-time step. */
const STEPS = 3;
const DT = 0.0123;

function measure(s: Scenario, subject: Subject): Measurement {
  const { net, data } = buildScenario(s);
  const { d, L, M } = net;
  const k = 2 * d + 1;
  const trained = subject.train(Array.from({ length: STEPS }, (_, j) => ({ net, data, dt: DT, steps: j + 1 })));
  const h = M * L * DT;
  const ws = createWorkspace(d, L, M, data.N);
  let worst = 0;
  let where = '';
  let theta = net.theta;
  let compared = 0;
  for (let step = 0; step < STEPS; step++) {
    const next = trained[step];
    const at = { ...net, theta };
    evaluate(at, data, ws, true);
    const g = ws.grad;
    const expected = Float64Array.from(theta, (t, p) => t - h * g[p]);
    // GD itself may overflow (an unbounded σ with a large step): then the reference has nothing to compare with,
    // and the steps compared so far decide (none: undecided). Only a subject that overflows where GD does not fails.
    // Near overflow (a value or step beyond NEAR_OVERFLOW, whose square overflows) another summation order may
    // overflow where this one did not: such a step is not compared either.
    const near = (v: number) => !(Math.abs(v) <= NEAR_OVERFLOW);
    if (expected.some(near) || g.some((x) => near(h * x))) break;
    const bad = nonFiniteEntry(next, net);
    if (bad) return { ok: false, detail: `${describeScenario(s)}: Θ after ${step + 1} step(s) is not finite: θ${bad}, where Θ_k − h∇E(Θ_k) is`, figures: { stepErrOverTol: Infinity } };
    // The subject's step from the same Θ_k: its gradient carries ≤ gB_p (any summation order), h = fl(M L Δs) and
    // h·g one rounding each (two allowed: ≤ 6u|h g_p| with our own reference's), both subtractions u|result| each.
    const gB = gradientErrorBound(at, ws, data.y, 'any');
    for (let p = 0; p < next.length; p++) {
      const tol = 1.01 * (h * gB[p] + 6 * u * Math.abs(h * g[p]) + 2 * u * (Math.abs(theta[p]) + Math.abs(next[p])));
      const diff = Math.abs(next[p] - expected[p]);
      const r = diff === 0 ? 0 : diff / tol;
      if (r > worst) {
        worst = r;
        const [l, m, j] = [Math.floor(p / (M * k)), Math.floor(p / k) % M, p % k];
        where = `step ${step + 1}, θ[${l}][${m}][${j}]: subject ${next[p]}, Θ_k − h∇E = ${expected[p]}`;
      }
    }
    compared++;
    theta = next;
  }
  if (compared === 0) {
    return { ok: true, decided: false, reason: 'GD overflows at the first step', detail: `${describeScenario(s)}: h = ${h}: Θ_0 − h∇E(Θ_0) is beyond ${NEAR_OVERFLOW}`, figures: {} };
  }
  return {
    ok: worst <= 1,
    detail: `${describeScenario(s)}: h = M L Δs = ${h}, ${compared} of ${STEPS} steps compared${compared < STEPS ? ` (GD goes beyond ${NEAR_OVERFLOW} after that)` : ''}; worst |Θ_{k+1} − (Θ_k − h∇E(Θ_k))| / rounding bound = ${worst.toPrecision(3)} (must be ≤ 1)${where ? ` at ${where}` : ''}`,
    figures: { stepErrOverTol: worst },
  };
}

export const gdStepClaim = defineClaim<Scenario, Subject>({
  id: 'gd-step',
  catalogue: null,
  title: `Training is GD in training time: each of ${STEPS} steps is Θ_{k+1} = Θ_k − M L Δs ∇E(Θ_k) up to rounding`,
  source: 'theory.md §2 (gradient descent with h = M L Δs advances training time s by Δs)',
  assumptions: ['Δs = 0.0123 (no round number a hard-coded step could match); K = 3 steps from the scenario\'s Θ_0, each compared from the subject\'s own Θ_k'],
  tolerance:
    'per entry: h × the gradient entry\'s rounding bound for any summation order (rounding-bound.md) + 6u|h g_p| (h and ' +
    'h·g rounded, by the subject and by the comparison) + 2u(|Θ_k,p| + |Θ_{k+1},p|) (the two subtractions), ×1.01',
  budget: { quick: 10, ci: 60, full: 300 },
  statisticalDecisions: 0,
  scenarios: (profile) => scenarioArbitrary(profile),
  examples: (profile) => [irisExample(profile)],
  figures: { stepErrOverTol: { worst: 'max', description: 'max over steps and entries of |Θ_{k+1} − (Θ_k − h∇E(Θ_k))| / bound (≤ 1 passes)' } },
  measure,
  needs: ['train'],
  nominal: builtinSubject,
  control: { description: 'planted bug float32-forward: the steps use the gradient of a forward pass rounded to float32', subject: plantedSubject('float32-forward') },
});
