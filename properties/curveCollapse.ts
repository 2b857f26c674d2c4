/**
 * Claim 10 (theory.md §2, §6): training curves E against training time s collapse across (L, M) onto the continuous-depth
 * curve (a wrong time scale collapses elsewhere). For L in {L0, 2L0, 4L0} and M in {M0, 2M0} (2M0 by
 * duplicating every neuron, theory.md §4), the spread max_{pairs} max_k |E_a(s_k) − E_b(s_k)| must stay within
 * the depth error the continuous-depth reference allows: 3 (ε_a + ε_b), ε_L = max_k |E_L(s_k) − E_2L(s_k)|.
 * The curves under test are the subject's (its own training loop and learning-rate rule at Δs, E by resnet-mf); the
 * allowance ε_L comes from resnet-mf's training with h = M L Δs, never from the subject.
 * Note: proofs-notes/curve-collapse.md. Negative control: the subject with h = M √L Δs.
 */
import { makeActivation } from '../src/activations/index.js';
import type { Dataset } from '../src/data/dataset.js';
import { initNetwork } from '../src/init/index.js';
import { createWorkspace, type Network } from '../src/model/index.js';
import { train } from '../src/train/index.js';
import type { Measurement, Profile } from '../src/check/claim.js';
import { defineClaim } from '../src/check/defineClaim.js';
import { type Subject, builtinSubject } from '../src/subject/index.js';
import { type TrainingScenario, DEPTH_DT, describeTrainingScenario, EVERY_STEP, HORIZON, sqrtDepthSubject, trainingData, trainingScenarioArbitrary } from './depthTraining.js';
import { subjectLossCurve } from './subjectTraining.js';
import { lossWithBound } from './evaluations.js';
import { duplicateNeurons } from './invariance.js';

/** Smallest depth L0 of the family by profile (depths L0, 2L0, 4L0; the depth error also needs 8L0). */
export const COLLAPSE_L0: Record<Profile, number> = { quick: 4, ci: 8, full: 16 };
const STEPS = Math.round(HORIZON / DEPTH_DT);
/**
 * How far beyond resnet-mf's own curve, in units of its telescoped depth error T_L, a subject's curve may lie. A
 * correct subject is resnet-mf's GD up to rounding (≤ 10⁻¹² T_L measured for the numpy adapter), so any margin
 * above rounding holds for it; 1/4 keeps near-boundary bugs visible (decoupled weight decay 10⁻²: 1.5).
 */
const SUBJECT_MARGIN = 0.25;

type CollapseScenario = TrainingScenario & { L0: number };

/** E at the K + 1 points of resnet-mf's GD with learning rate h, and the rounding floor (K + 1)·δE (as depth-training): the allowance's curves. */
function curve(net: Network, data: Dataset, h: number): { E: Float64Array; floor: number } | null {
  const run = train(net, data, { dt: h, steps: STEPS, learningRate: (_M, _L, x) => x });
  if (run.status === 'diverged') return null;
  const ws = createWorkspace(net.d, net.L, net.M, data.N);
  const dE = Math.max(lossWithBound(net, data, net.theta, ws).dE, lossWithBound(run.net, data, run.net.theta, ws).dE);
  return { E: Float64Array.from(run.trajectory, (p) => p.E), floor: (STEPS + 1) * dE };
}

function supDiff(a: Float64Array, b: Float64Array): number {
  let e = 0;
  for (let k = 0; k < a.length; k++) e = Math.max(e, Math.abs(a[k] - b[k]));
  return e;
}

function measure(s: CollapseScenario, subject: Subject): Measurement {
  const data = trainingData(s);
  const activation = makeActivation({ name: s.activation });
  const depths = [s.L0, 2 * s.L0, 4 * s.L0];
  const label = describeTrainingScenario(s);
  const base = (L: number) => initNetwork({ d: s.d, L, M: s.M, activation, init: 'linear', seed: s.seed, scale: s.scale });
  // The allowance: depth errors of the mean-field-time curves (h = M L Δs), whatever the parametrisation under test.
  const reference = [...depths, 8 * s.L0].map((L) => curve(base(L), data, L * s.M * DEPTH_DT));
  if (reference.some((c) => c === null)) return { ok: false, detail: `${label}: GD diverged (h = M L Δs)`, figures: { spreadOverBound: Infinity } };
  const eps = depths.map((_, j) => supDiff(reference[j]!.E, reference[j + 1]!.E));
  // The family under test: (L, M0) and (L, 2M0) for each L, trained by the subject at Δs (its own learning rate).
  const members: { L: number; M: number; c: { E: Float64Array; floor: number }; eps: number }[] = [];
  for (const [j, L] of depths.entries()) {
    for (const r of [1, 2]) {
      const net = r === 1 ? base(L) : duplicateNeurons(base(L));
      const c = subjectLossCurve(subject, net, data, DEPTH_DT, EVERY_STEP, 'start');
      if ('diverged' in c) return { ok: false, detail: `${label}: the subject's GD diverged at L=${L} M=${net.M}: ${c.diverged}`, figures: { spreadOverBound: Infinity } };
      members.push({ L, M: net.M, c, eps: eps[j] });
    }
  }
  let worst = 0;
  let worstPair = '';
  let spread = 0;
  for (let i = 0; i < members.length; i++) {
    for (let j = i + 1; j < members.length; j++) {
      const [a, b] = [members[i], members[j]];
      const diff = supDiff(a.c.E, b.c.E);
      // |E_L − E_∞| ≤ 2ε_L + |R_L − E_∞| ≤ 3ε_L (R_L = 2E_2L − E_L, whose error ε_L bounds: src/limit/continuousTraining.ts).
      const ratio = diff / (3 * (a.eps + b.eps) + a.c.floor + b.c.floor);
      spread = Math.max(spread, diff);
      if (ratio > worst) [worst, worstPair] = [ratio, `(L=${a.L}, M=${a.M}) vs (L=${b.L}, M=${b.M})`];
    }
  }
  // The family must collapse onto the continuous-depth curve, not merely onto itself (a time scale wrong by the same
  // factor for every (L, M), e.g. a doubled gradient, collapses too). R = 2E_8L0 − E_4L0 is resnet-mf's Richardson
  // reference; for resnet-mf's curve at L, E_L − R = (E_L − E_2L) + … + (E_2L0' − E_4L0) + 2(E_4L0 − E_8L0) exactly, so
  // |E_L − R| ≤ T_L = ε_L + … + ε_2L0' + 2ε_4L0 (sup over s of each term; no asymptotic assumption), attained when
  // the terms align. A correct subject's curve is resnet-mf's up to rounding; it is allowed T_L/4 more (SUBJECT_MARGIN),
  // far above rounding: |E_a − R| ≤ (1 + 1/4) T_{L_a} + rounding.
  const [fine, finest] = [reference[2]!, reference[3]!];
  const limit = fine.E.map((e, k) => 2 * finest.E[k] - e);
  const limitFloor = fine.floor + 2 * finest.floor;
  const telescoped = (L: number) => depths.reduce((t, Lj, j) => t + (Lj >= L ? (j === depths.length - 1 ? 2 : 1) * eps[j] : 0), 0);
  let offLimit = 0;
  let offMember = '';
  for (const a of members) {
    const ratio = supDiff(a.c.E, limit) / ((1 + SUBJECT_MARGIN) * telescoped(a.L) + a.c.floor + limitFloor);
    if (ratio > offLimit) [offLimit, offMember] = [ratio, `(L=${a.L}, M=${a.M})`];
  }
  const ok = worst <= 1 && offLimit <= 1;
  return {
    ok,
    detail:
      `${label}: max_k |E_a(s_k) − E_b(s_k)| / (3(ε_a + ε_b) + rounding) = ${worst.toPrecision(3)} for ${worstPair} ` +
      `(must be ≤ 1); max_k |E_a(s_k) − R(s_k)| / (1.25 T_L + rounding) = ${offLimit.toPrecision(3)} for ${offMember} ` +
      `(must be ≤ 1; R the continuous-depth reference); spread ${spread.toExponential(2)}, ε_L = ${eps.map((e) => e.toExponential(2)).join(', ')} for L = ${depths.join(', ')}`,
    figures: { spreadOverBound: worst, offLimitOverBound: offLimit, spread, depthError: eps[0] },
  };
}

export const curveCollapseClaim = defineClaim<CollapseScenario, Subject>({
  id: 'curve-collapse',
  catalogue: 10,
  title: 'Training curves E(s) collapse across (L, M) onto the continuous-depth curve, within the depth error',
  source: 'theory.md §2 (training time s, h = M L Δs) and §4 (duplication invariance; depth error O(1/L), [DCLW-b] Thm E.2)',
  assumptions: [
    'linear depth paths sampled at l/L (shared across L); M0 paths, 2M0 by duplicating every neuron',
    `bounded smooth σ (tanh, sigmoid, gaussian), scale ≤ 1, S = ${HORIZON}, Δs = ${DEPTH_DT}`,
  ],
  tolerance:
    'for every pair of curves a, b: max_k |E_a(s_k) − E_b(s_k)| ≤ 3(ε_a + ε_b) + rounding, ε_L = max_k |E_L(s_k) − E_2L(s_k)|: ' +
    '|E_L − E_∞| ≤ |E_L − R_L| + |R_L − E_∞| ≤ 2ε_L + ε_L with R_L the Richardson reference and ε_L its error bound ' +
    '(src/limit/continuousTraining.ts, tested); the width part is 0 (duplication leaves the trajectory in s unchanged); ' +
    'and for every curve a at depth L: max_k |E_a(s_k) − R(s_k)| ≤ 1.25 T_L + rounding, R = 2E_8L0 − E_4L0, T_L = ε_L + … + 2ε_4L0 ' +
    '(the telescoped bound on |E_L − R| of resnet-mf\'s own curve, exact and attained; a correct subject is that curve up to rounding, ' +
    'and is allowed T_L/4 beyond it)',
  budget: { quick: 10, ci: 10, full: 50 },
  statisticalDecisions: 0,
  scenarios: (profile) => trainingScenarioArbitrary({ maxM: 8 }).map((s) => ({ ...s, L0: COLLAPSE_L0[profile] })),
  figures: {
    spreadOverBound: { worst: 'max', description: 'max over pairs of spread / (3(ε_a + ε_b) + rounding), ≤ 1 passes' },
    offLimitOverBound: { worst: 'max', description: 'max over the family of |E_a − R| / (1.25 T_L + rounding), R = 2E_8L0 − E_4L0 resnet-mf\'s continuous-depth reference, T_L = ε_L + … + 2ε_4L0; ≤ 1 passes' },
    spread: { worst: 'max', description: 'max over pairs and s_k of |E_a(s_k) − E_b(s_k)|' },
    depthError: { worst: 'max', description: 'ε_L0 = max_k |E_L0 − E_2L0|' },
  },
  measure,
  needs: ['train'],
  nominal: builtinSubject,
  control: {
    description: 'planted bug: learning rate h = M √L Δs (the √L depth scaling), so the depths L0, 2L0, 4L0 of the family train at 1, 1/√2, 1/2 of the speed in s',
    subject: sqrtDepthSubject,
  },
});
