/**
 * Claim 10 (theory.md §2, §6): training curves E against training time s collapse across (L, M); against the
 * iteration count (a fixed learning rate h) they do not. For L in {L0, 2L0, 4L0} and M in {M0, 2M0} (2M0 by
 * duplicating every neuron, theory.md §4), the spread max_{pairs} max_k |E_a(s_k) − E_b(s_k)| must stay within
 * the depth error the continuous-depth reference allows: 3 (ε_a + ε_b), ε_L = max_k |E_L(s_k) − E_2L(s_k)|.
 * Note: proofs-notes/curve-collapse.md. Negative control: the iteration-count parametrisation h = M0 L0 Δs.
 */
import { makeActivation } from '../src/activations/index.js';
import type { Dataset } from '../src/data/dataset.js';
import { initNetwork } from '../src/init/index.js';
import { createWorkspace, type Network } from '../src/model/index.js';
import { train } from '../src/train/index.js';
import type { Measurement, Profile } from '../src/check/claim.js';
import { defineClaim } from '../src/check/defineClaim.js';
import { type TrainingScenario, DEPTH_DT, describeTrainingScenario, HORIZON, trainingData, trainingScenarioArbitrary } from './depthTraining.js';
import { lossWithBound } from './evaluations.js';

/**
 * How a curve is parametrised: the learning rate h of a network (M, L) given Δs and the smallest network of the
 * family (M0, L0). Point k of every curve is compared with point k of every other.
 */
export type Parametrisation = (M: number, L: number, dt: number, smallest: { M: number; L: number }) => number;

/** Training time: h = M L Δs, so point k is s = kΔs for every (L, M). */
export const trainingTimeParametrisation: Parametrisation = (M, L, dt) => M * L * dt;
/** Iteration count: one fixed h (the smallest network's h = M0 L0 Δs), so point k is iteration k for every (L, M). */
export const iterationCountParametrisation: Parametrisation = (_M, _L, dt, smallest) => smallest.M * smallest.L * dt;

/** Smallest depth L0 of the family by profile (depths L0, 2L0, 4L0; the depth error also needs 8L0). */
export const COLLAPSE_L0: Record<Profile, number> = { quick: 4, ci: 8, full: 16 };
const STEPS = Math.round(HORIZON / DEPTH_DT);

type CollapseScenario = TrainingScenario & { L0: number };

/** The network with every neuron θ_{l,m} repeated r times: width rM, the same empirical measure per layer. */
function duplicated(net: Network, r: number): Network {
  const k = 2 * net.d + 1;
  const M = r * net.M;
  const theta = new Float64Array(net.L * M * k);
  for (let l = 0; l < net.L; l++) {
    for (let m = 0; m < M; m++) theta.set(net.theta.subarray((l * net.M + (m % net.M)) * k, (l * net.M + (m % net.M) + 1) * k), (l * M + m) * k);
  }
  return { ...net, M, theta };
}

/** E at the K + 1 points of GD with learning rate h, and the rounding floor (K + 1)·δE (as depth-training). */
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

function measure(s: CollapseScenario, param: Parametrisation): Measurement {
  const data = trainingData(s);
  const activation = makeActivation({ name: s.activation });
  const depths = [s.L0, 2 * s.L0, 4 * s.L0];
  const smallest = { M: s.M, L: s.L0 };
  const label = describeTrainingScenario(s);
  const base = (L: number) => initNetwork({ d: s.d, L, M: s.M, activation, init: 'linear', seed: s.seed, scale: s.scale });
  // The allowance: depth errors of the mean-field-time curves (h = M L Δs), whatever the parametrisation under test.
  const reference = [...depths, 8 * s.L0].map((L) => curve(base(L), data, L * s.M * DEPTH_DT));
  if (reference.some((c) => c === null)) return { ok: false, detail: `${label}: GD diverged (h = M L Δs)`, figures: { spreadOverBound: Infinity } };
  const eps = depths.map((_, j) => supDiff(reference[j]!.E, reference[j + 1]!.E));
  // The family under test: (L, M0) and (L, 2M0) for each L, trained with the parametrisation's h.
  const members: { L: number; M: number; c: { E: Float64Array; floor: number }; eps: number }[] = [];
  for (const [j, L] of depths.entries()) {
    for (const r of [1, 2]) {
      const net = r === 1 ? base(L) : duplicated(base(L), r);
      const c = curve(net, data, param(net.M, L, DEPTH_DT, smallest));
      if (!c) return { ok: false, detail: `${label}: GD diverged at L=${L} M=${net.M}`, figures: { spreadOverBound: Infinity } };
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
  return {
    ok: worst <= 1,
    detail:
      `${label}: max_k |E_a(s_k) − E_b(s_k)| / (3(ε_a + ε_b) + rounding) = ${worst.toPrecision(3)} for ${worstPair} ` +
      `(must be ≤ 1); spread ${spread.toExponential(2)}, ε_L = ${eps.map((e) => e.toExponential(2)).join(', ')} for L = ${depths.join(', ')}`,
    figures: { spreadOverBound: worst, spread, depthError: eps[0] },
  };
}

export const curveCollapseClaim = defineClaim<CollapseScenario, Parametrisation>({
  id: 'curve-collapse',
  catalogue: 10,
  title: 'Training curves E(s) collapse across (L, M) within the depth error; in iteration count they do not',
  source: 'theory.md §2 (training time s, h = M L Δs) and §4 (duplication invariance; depth error O(1/L), [DCLW-b] Thm E.2)',
  assumptions: [
    'linear depth paths sampled at l/L (shared across L); M0 paths, 2M0 by duplicating every neuron',
    `bounded smooth σ (tanh, sigmoid, gaussian), scale ≤ 1, S = ${HORIZON}, Δs = ${DEPTH_DT}`,
  ],
  tolerance:
    'for every pair of curves a, b: max_k |E_a(s_k) − E_b(s_k)| ≤ 3(ε_a + ε_b) + rounding, ε_L = max_k |E_L(s_k) − E_2L(s_k)|: ' +
    '|E_L − E_∞| ≤ |E_L − R_L| + |R_L − E_∞| ≤ 2ε_L + ε_L with R_L the Richardson reference and ε_L its error bound ' +
    '(src/limit/continuousTraining.ts, tested); the width part is 0 (duplication leaves the trajectory in s unchanged)',
  budget: { quick: 10, ci: 10, full: 50 },
  statisticalDecisions: 0,
  scenarios: (profile) => trainingScenarioArbitrary({ maxM: 8 }).map((s) => ({ ...s, L0: COLLAPSE_L0[profile] })),
  figures: {
    spreadOverBound: { worst: 'max', description: 'max over pairs of spread / (3(ε_a + ε_b) + rounding), ≤ 1 passes' },
    spread: { worst: 'max', description: 'max over pairs and s_k of |E_a(s_k) − E_b(s_k)|' },
    depthError: { worst: 'max', description: 'ε_L0 = max_k |E_L0 − E_2L0|' },
  },
  measure,
  nominal: trainingTimeParametrisation,
  control: {
    description: 'iteration-count parametrisation: one fixed learning rate h = M0 L0 Δs for every (L, M), compared at equal iteration count',
    subject: iterationCountParametrisation,
  },
});
