/**
 * Claim 4 (theory.md §6): discrete training tracks continuous-depth training. Along GD in training time s
 * (h = M L Δs) from linear-path initialisations sampled at l/L, e(L) = max_{s_k ≤ S} |E_L(s_k) − E_{2L}(s_k)|
 * decays like 1/L (exponent −1 in L), so E_L(s) converges to the continuous-depth curve E_∞(s)
 * (src/limit/continuousTraining.ts) at first order, uniformly on [0, S].
 * Note: proofs-notes/depth-training.md. Negative control: learning rate h = M √L Δs.
 */
import fc from 'fast-check';
import { makeActivation } from '../src/activations/index.js';
import { loadDataset } from '../src/data/index.js';
import type { Dataset } from '../src/data/dataset.js';
import { initNetwork } from '../src/init/index.js';
import type { Network } from '../src/model/index.js';
import { type Subject, builtinSubject, variedSubject } from '../src/subject/index.js';
import { asymptoticRange, decidedLadder, decideExponent, INTERVAL_TOO_WIDE, TOO_FEW_RUNGS, logLogFit } from '../src/stats/index.js';
import type { Measurement, Profile, RateReport } from '../src/check/claim.js';
import { defineClaim } from '../src/check/defineClaim.js';
import { logScale } from '../src/check/scenarios.js';
import { type SubjectCurve, subjectLossCurve } from './subjectTraining.js';
import type { LearningRateRule } from './trainingRule.js';

/** Bounded smooth activations (sup|σ| ≤ 1, σ', σ'' bounded): training at Δs ≤ 0.2 is stable (monotone-loss). */
export const TRAINING_ACTIVATIONS = ['tanh', 'sigmoid', 'gaussian'] as const;

/** One training scenario: the data, the width and the paths; the depth ladder comes from the profile. */
export interface TrainingScenario {
  d: number;
  N: number;
  M: number;
  activation: (typeof TRAINING_ACTIVATIONS)[number];
  /** Standard deviation of the path coefficients a_m, c_m (≤ 1: the stable range of monotone-loss). */
  scale: number;
  dataset: 'ball' | 'teacher';
  seed: number;
}

/** Training horizon S and step Δs: K = S/Δs = 20 GD steps. */
export const HORIZON = 1;
export const DEPTH_DT = 0.05;
const STEPS = Math.round(HORIZON / DEPTH_DT);
/** Depths of the ladder e(L), L = L_0 … L_top (each needs 2L too). */
export const DEPTH_LADDER: Record<Profile, number[]> = { quick: [16, 32, 64, 128], ci: [16, 32, 64, 128], full: [16, 32, 64, 128, 256] };
/** The deepest rung an undecided ladder is extended to (it then trains at 2L = 2048 too). */
const EXTENDED_TRAINING_L = 1024;
/**
 * The decided range of the exponent. e(L) = a/L + b/L² + O(L⁻³): its local exponent lies between −1 (a/L
 * dominates) and −2 (a small leading coefficient, e.g. quick seed 365292: sigmoid, M = 2, p = −1.78 over
 * L = 16…128), both within the theorem's O(1/L); ± 0.1 for the O(1/L) curvature of four rungs. A wrong depth
 * scaling gives an exponent above −0.9 (the √L control: −1/2).
 */
const SHALLOWEST = -1;
const STEEPEST = -2;
const BAND = 0.1;
/** The range as centre ± half-width, the form decideExponent and the rate report take. */
const CLAIMED = (SHALLOWEST + STEEPEST) / 2;
const HALF_WIDTH = (SHALLOWEST - STEEPEST) / 2 + BAND;

/** Scenarios with d ≤ 3, N ≤ 8, M ≤ 16, scale in [1/4, 1]. */
export function trainingScenarioArbitrary(opts: { maxM?: number } = {}): fc.Arbitrary<TrainingScenario> {
  return fc.record({
    d: fc.integer({ min: 1, max: 3 }),
    N: fc.integer({ min: 1, max: 8 }),
    M: fc.integer({ min: 1, max: opts.maxM ?? 16 }),
    activation: fc.constantFrom(...TRAINING_ACTIVATIONS),
    scale: logScale(0.25, 1),
    dataset: fc.constantFrom('ball' as const, 'teacher' as const),
    seed: fc.integer({ min: 0, max: 2 ** 31 - 1 }),
  });
}

export function describeTrainingScenario(s: TrainingScenario): string {
  return `${s.activation} linear d=${s.d} N=${s.N} M=${s.M} scale=${s.scale.toPrecision(3)} ${s.dataset} seed=${s.seed}`;
}

export function trainingData(s: TrainingScenario): Dataset {
  return loadDataset(s.dataset, { d: s.d, N: s.N, seed: s.seed });
}

/** The linear-path network of scenario `s` at depth L and width M (the same paths at every L). */
export function trainingNetwork(s: TrainingScenario, L: number, M: number): Network {
  return initNetwork({ d: s.d, L, M, activation: makeActivation({ name: s.activation }), init: 'linear', seed: s.seed, scale: s.scale });
}

/** Step counts 1, 2, …, K: the whole curve. */
export const EVERY_STEP = Array.from({ length: STEPS }, (_, k) => k + 1);

function measure(s: TrainingScenario, subject: Subject, ladder: number[]): Measurement {
  const data = trainingData(s);
  const curves = new Map<number, SubjectCurve>();
  const curveAt = (L: number): SubjectCurve => {
    const known = curves.get(L);
    if (known) return known;
    const curve = subjectLossCurve(subject, trainingNetwork(s, L, s.M), data, DEPTH_DT, EVERY_STEP, 'chained');
    curves.set(L, curve);
    return curve;
  };
  let diverged: string | null = null;
  // e(L) = max_k |E_L(s_k) − E_2L(s_k)|; the ladder is extended (decidedLadder) while its fit is undecided.
  const points = decidedLadder(ladder, EXTENDED_TRAINING_L, (L) => {
    const [a, b] = [curveAt(L), curveAt(2 * L)];
    if ('diverged' in a || 'diverged' in b) {
      diverged ??= 'diverged' in a ? `L = ${L}: ${a.diverged}` : `L = ${2 * L}: ${(b as { diverged: string }).diverged}`;
      return { n: L, e: Infinity, floor: 0 };
    }
    let e = 0;
    for (let k = 0; k <= STEPS; k++) e = Math.max(e, Math.abs(a.E[k] - b.E[k]));
    return { n: L, e, floor: a.floor + b.floor };
  });
  if (diverged !== null) {
    return { ok: false, detail: `${describeTrainingScenario(s)}: the subject's GD diverged at ${diverged}`, figures: { depthExponent: NaN } };
  }
  const used = asymptoticRange(points);
  const top = points[points.length - 1];
  if (used.length < 3) {
    return {
      ok: true,
      decided: false,
      reason: TOO_FEW_RUNGS,
      detail: `${describeTrainingScenario(s)}: fewer than 3 rungs above 100× their rounding floor`,
      figures: { depthExponent: NaN },
    };
  }
  const fit = logLogFit(used);
  const decision = decideExponent(fit, CLAIMED, HALF_WIDTH);
  const rate: RateReport = {
    quantity: `max over s ≤ ${HORIZON} of |E_L(s) − E_2L(s)| (GD, Δs = ${DEPTH_DT})`,
    size: 'L',
    claimed: CLAIMED,
    band: HALF_WIDTH,
    fit,
    points,
    used: used.map((p) => p.n),
    // No external reference enters e(L) (consecutive depths are compared), so its only floor is rounding.
    referenceError: top.floor,
  };
  return {
    ok: decision !== 'fail',
    decided: decision !== 'undecided',
    reason: INTERVAL_TOO_WIDE,
    detail:
      `${describeTrainingScenario(s)}: e(L) ∝ L^p with p = ${fit.exponent.toFixed(3)} [${fit.lo.toFixed(3)}, ${fit.hi.toFixed(3)}] ` +
      `(${decision}; must meet [${STEEPEST - BAND}, ${SHALLOWEST + BAND}]: O(1/L) with a possibly small leading term) over L = ${rate.used.join(', ')}; e = ${used.map((p) => p.e.toExponential(2)).join(', ')}`,
    figures: { depthExponent: decision === 'undecided' ? NaN : fit.exponent, intervalWidth: fit.hi - fit.lo, topDifference: top.e },
    rate,
  };
}

/**
 * Planted bug: h = M √L Δs, the √L depth scaling of residual branches (another literature's convention)
 * carried into the learning rate. GD at depth L then covers training time S/√L, so E_L(S) → E_∞(0) only like
 * L^{-1/2}: e(L) ≈ |∂_s E|·S (1 − 2^{-1/2}) L^{-1/2}.
 */
export const sqrtDepthRule: LearningRateRule = (M, L, dt) => M * Math.sqrt(L) * dt;

/** resnet-mf training with h = M √L Δs (sqrtDepthRule): the subject of depth-training's control. */
export const sqrtDepthSubject: Subject = variedSubject('resnet-mf with learning rate h = M √L Δs', { learningRate: sqrtDepthRule });

export const depthTrainingClaim = defineClaim<TrainingScenario & { ladder: number[] }, Subject>({
  id: 'depth-training',
  catalogue: 4,
  title: 'Discrete training tracks continuous-depth training: max_{s≤S} |E_L(s) − E_2L(s)| ∝ 1/L',
  source: '[DCLW-b] Thm E.2 with Lemma G.1 (depth error O(1/L) along the flow, at each s < S); theory.md §4–§5',
  assumptions: [
    'linear (Lipschitz) depth paths θ_m(t) = a_m + t c_m, sampled at t_l = l/L (limit-admissible, theory.md §3)',
    'mean-field learning rate h = M L Δs, the same Δs at every L',
    `bounded smooth σ (tanh, sigmoid, gaussian), scale ≤ 1, horizon S = ${HORIZON}, Δs = ${DEPTH_DT}`,
  ],
  tolerance:
    'the 99% OLS interval of the log–log slope over the 4 largest rungs whose difference is ≥ 100× its rounding floor ' +
    '(src/stats asymptoticRange) must meet [−2.1, −0.9] (decideExponent): e = a/L + b/L² has local exponents between −1 ' +
    'and −2 (a small leading coefficient), both O(1/L) as the theorem states, ± 0.1 of curvature; intervals wider than 0.5 are undecided',
  budget: { quick: 10, ci: 12, full: 60 },
  statisticalDecisions: 0,
  scenarios: (profile) => trainingScenarioArbitrary().map((s) => ({ ...s, ladder: DEPTH_LADDER[profile] })),
  figures: {
    depthExponent: { worst: 'max', description: 'fitted exponent p of e(L) ∝ L^p (claimed −1)' },
    intervalWidth: { worst: 'max', description: 'width of the 99% interval of p' },
    topDifference: { worst: 'max', description: 'e at the largest L: the continuous-depth reference error estimate' },
  },
  measure: (s, subject) => measure(s, subject, s.ladder),
  needs: ['train'],
  nominal: builtinSubject,
  control: {
    description: 'planted bug: learning rate h = M √L Δs (√L depth scaling in the learning rate), so training time runs like s/√L',
    subject: sqrtDepthSubject,
  },
});
