/**
 * Claim 3 (theory.md §6): along training, at a fixed depth L and a fixed training time s* > 0, the loss of the
 * width-M network trained by GD with h = M L Δs approaches the mean-field loss at rate M^{-1/2}:
 * RMS over seeds of |E_M(s*) − E_ref(s*)| ∝ M^{-1/2} ([DCLW-b] Lemma F.1, Thm E.1: E|E_M(s) − E_ρ(s)|² ≤ C/M).
 * E_ref is the large-width reference of src/limit/largeWidth.ts (antithetic pairs, K seeds of width M_ref).
 * Note: proofs-notes/width-training.md. Negative control: the layer map scaled by 1/(sqrt(M) L) (lazy scaling).
 */
import fc from 'fast-check';
import { makeActivation } from '../src/activations/index.js';
import { loadDataset } from '../src/data/index.js';
import { type WidthSetting, largeWidthReference, lossCurve } from '../src/limit/index.js';
import { asymptoticRange, decideExponent, INTERVAL_TOO_WIDE, TOO_FEW_RUNGS, ensembleRate } from '../src/stats/index.js';
import type { Measurement, Profile, RateReport } from './claim.js';
import { defineClaim } from './defineClaim.js';
import { logScale } from './scenarios.js';
import { DECISION_LEVEL } from './falseAlarmBudget.js';

export interface WidthTrainingScenario {
  d: number;
  N: number;
  L: number;
  activation: 'tanh' | 'gaussian' | 'sigmoid';
  /** Standard deviation of the linear-path coefficients a_m, c_m. */
  scale: number;
  /** `ball`, labels multiplied by YSCALE (`teacher` data is fitted by s* = 1, where the rate is not sharp: note). */
  dataset: 'ball';
  seed: number;
}

/** The subject: the factor c(M) on u, so that the layer map is (c(M)/(M L)) Σ_m f. Nominal c = 1. */
export interface WidthScaling {
  name: string;
  uFactor: (M: number) => number;
}

export const meanFieldScaling: WidthScaling = { name: 'mean-field 1/(M L)', uFactor: () => 1 };
/** Planted bug: (1/(sqrt(M) L)) Σ_m f = (1/(M L)) Σ_m (sqrt(M) u_m) σ(…) (the lazy / NTK-like scaling). */
export const lazyScaling: WidthScaling = { name: 'lazy 1/(sqrt(M) L)', uFactor: (M) => Math.sqrt(M) };

/** Width ladder, seeds S, training time s* = STEPS·DT. */
export const LADDER = [4, 8, 16, 32, 64];
export const SEEDS = 128;
export const DT = 0.1;
export const STEPS = 10;
/** Reference: K networks of width M_REF (antithetic pairs). */
export const M_REF = 16384;
export const REF_SEEDS = 8;
/**
 * Labels y = YSCALE · sin(π x₁) cos(x₂) (the `ball` labels doubled): a mean-field residual r far from 0 keeps the
 * first-order fluctuation r·δ of E ahead of the O(1/M) terms (½δ², bias) on the ladder (note, "Pre-asymptotic bias").
 */
export const YSCALE = 2;
const CLAIMED = -0.5;
const BAND = 0.1;

const SIZES: Record<Profile, { d: number; N: number; L: number }> = {
  quick: { d: 2, N: 4, L: 3 },
  ci: { d: 2, N: 6, L: 4 },
  full: { d: 3, N: 8, L: 8 },
};

/** Seeds of ladder replica i < 2048 and of reference network k: disjoint, derived from the scenario seed. */
export const ladderSeed = (s: WidthTrainingScenario, i: number): number => s.seed * 4096 + i;
export const referenceSeed = (s: WidthTrainingScenario, k: number): number => s.seed * 4096 + 2048 + k;

/** The training setting of a scenario (labels scaled by YSCALE), with an optional planted u factor. */
export function widthTrainingSetting(s: WidthTrainingScenario, uFactor?: (M: number) => number): WidthSetting {
  const raw = loadDataset(s.dataset, { d: s.d, N: s.N, seed: s.seed });
  return {
    L: s.L,
    activation: makeActivation({ name: s.activation }),
    scale: s.scale,
    data: { ...raw, name: `${raw.name} (y × ${YSCALE})`, y: raw.y.map((v) => YSCALE * v) },
    dt: DT,
    steps: STEPS,
    ...(uFactor ? { uFactor } : {}),
  };
}

export function describeWidthScenario(s: WidthTrainingScenario): string {
  return `${s.activation} linear d=${s.d} N=${s.N} L=${s.L} scale=${s.scale.toPrecision(3)} ${s.dataset} seed=${s.seed}`;
}

function measure(s: WidthTrainingScenario, subject: WidthScaling): Measurement {
  // The reference is the mean-field limit (nominal scaling); the subject is the width-M network under test.
  const ref = largeWidthReference(widthTrainingSetting(s), M_REF, Array.from({ length: REF_SEEDS }, (_, k) => referenceSeed(s, k)), true);
  const under = widthTrainingSetting(s, subject.uFactor);
  const errors: number[][] = [];
  for (let i = 0; i < SEEDS; i++) {
    const row: number[] = [];
    for (const M of LADDER) {
      const curve = lossCurve(under, M, ladderSeed(s, i));
      if (curve.status === 'diverged') {
        return { ok: false, figures: {}, detail: `${describeWidthScenario(s)} (${subject.name}): training diverged: ${curve.message}` };
      }
      row.push(curve.E[STEPS] - ref.E[STEPS]);
    }
    errors.push(row);
  }
  const J = LADDER.length;
  const all = ensembleRate(LADDER, errors, { seed: s.seed, resamples: 200 });
  // The reference's own error: its standard error over K seeds, plus its O(1/M_ref) bias, bounded by scaling the
  // bias of the nominal (mean-field) networks at the largest M by M/M_ref (bias ∝ 1/M, theory.md §6 item 2), plus
  // the rounding of E (negligible: ~1e-16 E).
  const referenceBias = (Math.abs(subject === meanFieldScaling ? all.mean[J - 1] : nominalBias(s, ref.E[STEPS])) * LADDER[J - 1]) / M_REF;
  const referenceError = ref.error[STEPS] + referenceBias + 1e-14 * Math.abs(ref.E[STEPS]);
  const points = LADDER.map((n, j) => ({ n, e: all.rms[j], floor: referenceError }));
  const used = asymptoticRange(points).map((p) => p.n);
  const head = `${describeWidthScenario(s)} (${subject.name}), s* = ${STEPS * DT}, E_ref = ${ref.E[STEPS].toPrecision(5)} ± ${referenceError.toExponential(1)}`;
  const base = {
    rmsAtMaxM: all.rms[J - 1],
    biasOverRmsAtMaxM: Math.abs(all.mean[J - 1]) / all.rms[J - 1],
    referenceError,
    referenceSpread: ref.spread[STEPS],
  };
  if (used.length < 3) {
    return { ok: true, decided: false, reason: TOO_FEW_RUNGS, figures: base, detail: `${head}: fewer than 3 usable rungs (RMS ${all.rms.map((v) => v.toPrecision(2)).join(', ')})` };
  }
  const cols = used.map((n) => LADDER.indexOf(n));
  const fit = ensembleRate(used, errors.map((r) => cols.map((j) => r[j])), { seed: s.seed, level: DECISION_LEVEL });
  const decision = decideExponent(fit, CLAIMED, BAND);
  const quantity = `RMS over ${SEEDS} seeds of |E_M(s*) − E_ref(s*)|, s* = ${STEPS * DT}`;
  const rate: RateReport = { quantity, size: 'M', claimed: CLAIMED, band: BAND, fit, points, used, referenceError };
  return {
    ok: decision !== 'fail',
    decided: decision !== 'undecided',
    reason: INTERVAL_TOO_WIDE,
    rate,
    figures: { widthExponent: fit.exponent, widthExponentLo: fit.lo, widthExponentHi: fit.hi, ...base },
    detail:
      `${head}: RMS exponent ${fit.exponent.toFixed(3)} [${fit.lo.toFixed(3)}, ${fit.hi.toFixed(3)}] over M = ${used.join(', ')} ` +
      `(${decision}; must meet [${CLAIMED - BAND}, ${CLAIMED + BAND}]); RMS ${all.rms.map((v) => v.toPrecision(3)).join(', ')}; ` +
      `bias ${all.mean.map((v) => v.toPrecision(2)).join(', ')}`,
  };
}

/** Mean over the S seeds of E_M(s*) − E_ref(s*) for nominal networks at the largest M of the ladder. */
function nominalBias(s: WidthTrainingScenario, Eref: number): number {
  const nominal = widthTrainingSetting(s);
  const M = LADDER[LADDER.length - 1];
  let sum = 0;
  for (let i = 0; i < SEEDS; i++) {
    const curve = lossCurve(nominal, M, ladderSeed(s, i));
    if (curve.status === 'diverged') return Infinity;
    sum += curve.E[STEPS] - Eref;
  }
  return sum / SEEDS;
}

/**
 * Scenarios (no shrinking: one scenario costs ~1–3 s of training, and its sizes are already small).
 * Bounded smooth activations and scale ≤ 0.7, so that no run diverges at Δs = 0.1.
 */
export function widthTrainingScenarios(profile: Profile): fc.Arbitrary<WidthTrainingScenario> {
  const box = SIZES[profile];
  return fc.noShrink(
    fc.record({
      d: fc.integer({ min: 1, max: box.d }),
      N: fc.integer({ min: 3, max: box.N }),
      L: fc.integer({ min: 2, max: box.L }),
      activation: fc.constantFrom('tanh' as const, 'gaussian' as const, 'sigmoid' as const),
      scale: logScale(0.35, 0.7),
      dataset: fc.constant('ball' as const),
      seed: fc.integer({ min: 0, max: 2 ** 31 - 1 }),
    }),
  );
}

export const widthTrainingClaim = defineClaim<WidthTrainingScenario, WidthScaling>({
  id: 'width-training',
  catalogue: 3,
  title: 'RMS over seeds of |E_M(s) − E_ref(s)| ∝ M^{-1/2} at fixed training time s (fixed L)',
  source: '[DCLW-b] Lemma F.1 and Thm E.1 (E|E(Θ(s)) − E(ρ(s))|² ≤ C/M at each s < S); theory.md §5, §6 item 3',
  assumptions: [
    'linear depth paths θ_m(t) = a_m + t·c_m, a_m, c_m ~ N(0, scale² I) i.i.d. (limit-admissible); scale in [0.35, 0.7]',
    'bounded smooth σ (tanh, gaussian, sigmoid); GD with h = M L Δs, Δs = 0.1, s* = 1; fixed L (width separated from depth)',
    'mean-field residual away from 0 (ball labels × 2): else the O(1/M) terms dominate the ladder and the rate is not sharp',
  ],
  tolerance:
    'ensembleRate (99% percentile bootstrap over 128 seeds) on the rungs chosen by asymptoticRange with floor = the ' +
    "reference's standard error (K = 8 antithetic seeds at M_ref = 16384) + its O(1/M_ref) bias; decideExponent(fit, −0.5, " +
    '0.1): the interval must meet [−0.6, −0.4]; band 0.1 = the steepening of the RMS by its O(1/M) terms on the rungs used (note)',
  budget: { quick: 1, ci: 4, full: 6 },
  /** Bootstrap or Clopper–Pearson decisions per scenario, each at properties/falseAlarmBudget.ts DECISION_LEVEL. */
  statisticalDecisions: 1,
  scenarios: widthTrainingScenarios,
  figures: {
    widthExponent: { worst: 'max', description: 'fitted exponent of RMS |E_M(s*) − E_ref(s*)| in M (claimed −1/2)' },
    widthExponentLo: { worst: 'min', description: 'lower end of its 99% bootstrap interval' },
    widthExponentHi: { worst: 'max', description: 'upper end of its 99% bootstrap interval' },
    rmsAtMaxM: { worst: 'max', description: 'RMS error at the largest M of the ladder' },
    biasOverRmsAtMaxM: { worst: 'max', description: '|bias|/RMS at the largest M (bias = mean signed error)' },
    referenceError: { worst: 'max', description: "the reference's own error (standard error + bias bound)" },
    referenceSpread: { worst: 'max', description: 'std over the K reference seeds of E_{M_ref}(s*)' },
  },
  measure,
  nominal: meanFieldScaling,
  control: {
    description: 'planted bug: the layer map scaled by 1/(sqrt(M) L) instead of 1/(M L) (lazy/NTK-like scaling, u ← sqrt(M) u)',
    subject: lazyScaling,
  },
});
