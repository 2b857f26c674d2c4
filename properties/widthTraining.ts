/**
 * Claim 3 (theory.md §6): along training, at a fixed depth L and a fixed training time s* > 0, the loss of the
 * width-M network trained by GD with h = M L Δs approaches the mean-field loss at rate M^{-1/2}
 * ([DCLW-b] Lemma F.1, Thm E.1: E|E_M(s) − E_ρ(s)|² ≤ C/M). Decided as its two parts over S seeds: the fluctuation
 * (sd over seeds, exponent −1/2 up to its O(M^{-2}) variance term: in [−1, −1/2] ± 0.1) and the bias (mean over
 * seeds = β₀ + b/M with β₀ = 0 up to the reference's error).
 * E_ref is the large-width reference of src/limit/largeWidth.ts (antithetic pairs, K seeds of width M_ref).
 * Note: proofs-notes/width-training.md. Negative control: the layer map scaled by 1/(sqrt(M) L) (lazy scaling).
 */
import fc from 'fast-check';
import { makeActivation } from '../src/activations/index.js';
import { loadDataset } from '../src/data/index.js';
import { type LargeWidthReference, type WidthSetting, largeWidthReference, widthNetwork } from '../src/limit/index.js';
import { createWorkspace, evaluate } from '../src/model/index.js';
import { type Subject, builtinSubject } from '../src/subject/index.js';
import tQuantile from '@stdlib/stats-base-dists-t-quantile';
import { asymptoticRange, bootstrapHalfWidth, bootstrapStandardErrors, decideExponent, INTERVAL_TOO_WIDE, TOO_FEW_RUNGS, ensembleRate } from '../src/stats/index.js';
import type { Measurement, Profile, RateReport } from '../src/check/claim.js';
import { defineClaim } from '../src/check/defineClaim.js';
import { logScale } from '../src/check/scenarios.js';
import { DECISION_ALPHA, DECISION_LEVEL } from '../src/check/falseAlarmBudget.js';

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
  /** Seeds S of the ensemble; absent: SEEDS (the control runs CONTROL_SEEDS). */
  seeds?: number;
  /** The control's out-of-assumption setting: the lazy scaling (lazyScaling); absent: the mean-field one. */
  lazy?: boolean;
}

/** A width scaling: the factor c(M) on u, so that the layer map is (c(M)/(M L)) Σ_m f. Nominal c = 1. */
export interface WidthScaling {
  name: string;
  uFactor: (M: number) => number;
}

export const meanFieldScaling: WidthScaling = { name: 'mean-field 1/(M L)', uFactor: () => 1 };
/** Planted bug: (1/(sqrt(M) L)) Σ_m f = (1/(M L)) Σ_m (sqrt(M) u_m) σ(…) (the lazy / NTK-like scaling). */
export const lazyScaling: WidthScaling = { name: 'lazy 1/(sqrt(M) L)', uFactor: (M) => Math.sqrt(M) };

/** Width ladder, seeds S, training time s* = STEPS·DT. */
export const LADDER = [4, 8, 16, 32, 64];
export const SEEDS = 512;
/**
 * Seeds of the control's ensemble: the lazy scaling's bias intercept is β₀ ≈ −0.26 against an allowance of 10⁻³
 * (note), hundreds of its standard errors at 64 seeds, so the control needs no more (it ran 512 before, 10 s of npm start).
 */
export const CONTROL_SEEDS = 64;
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
/** The exponent of the fluctuation (the CLT rate of M i.i.d. neurons), and the range its local exponent may take on
 * a finite ladder: Var(M) = v/M + c/M² + O(M^{-3}) gives sd ∝ M^{-1/2}·sqrt(1 + c/(vM)), whose local exponent lies
 * between −1 (c/M ≫ v) and −1/2 (c ≪ vM) for c ≥ 0 (note, "Fluctuation"). */
const CLAIMED = -0.5;
const SHALLOWEST = -0.5;
const STEEPEST = -1;
/** Allowance on both ends of [STEEPEST, SHALLOWEST]: the O(M^{-3}) remainder, c < 0 and the curvature of 4 rungs (note). */
const BAND = 0.1;
/** The bias decision holds two intervals (the intercept's bootstrap interval, the reference's t-interval): each at 1 − α/2. */
/** The decided range of a width exponent, shared with claim 21 (quantileScaling.ts): its interval must meet [lo, hi]. */
export const WIDTH_EXPONENT_RANGE = { claimed: CLAIMED, lo: STEEPEST - BAND, hi: SHALLOWEST + BAND } as const;
const BIAS_LEVEL = 1 - DECISION_ALPHA / 2;
const BIAS_RESAMPLES = 2000;

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

/**
 * The bias decision's fit: OLS of the mean over `rows` of e[i][j] on (1, 1/M_j) over `sizes` (the expansion
 * mean(M) = b/M + O(M^{-2}) has no constant term): [intercept β₀, coefficient b̂ of 1/M].
 */
function biasFit(errors: readonly (readonly number[])[], cols: readonly number[], sizes: readonly number[], rows: readonly number[]): [number, number] {
  const x = sizes.map((M) => 1 / M);
  const y = cols.map((j) => rows.reduce((a, i) => a + errors[i]![j]!, 0) / rows.length);
  const xBar = x.reduce((a, b) => a + b, 0) / x.length;
  const yBar = y.reduce((a, b) => a + b, 0) / y.length;
  let sxx = 0;
  let sxy = 0;
  x.forEach((xi, k) => { sxx += (xi - xBar) ** 2; sxy += (xi - xBar) * (y[k]! - yBar); });
  const slope = sxy / sxx;
  return [yBar - slope * xBar, slope];
}

/**
 * The large-width reference of a scenario (the mean-field setting: never the subject's, never the control's
 * scaling): largeWidthReference over REF_SEEDS networks of width M_REF, antithetic. Claims 3 and 21 and their
 * controls draw the same scenarios under one seed, so each worker thread keeps the last few references it computed
 * (the same bits as computing again: the reference is a function of the scenario's fields below alone).
 */
export function meanFieldReference(s: WidthTrainingScenario): LargeWidthReference {
  const key = JSON.stringify([s.d, s.N, s.L, s.activation, s.scale, s.dataset, s.seed]);
  let ref = referenceCache.get(key);
  if (!ref) {
    ref = largeWidthReference(widthTrainingSetting(s), M_REF, Array.from({ length: REF_SEEDS }, (_, k) => referenceSeed(s, k)), true);
    referenceCache.set(key, ref);
    if (referenceCache.size > REFERENCE_CACHE_SIZE) referenceCache.delete(referenceCache.keys().next().value!);
  }
  return ref;
}
/** References kept per worker thread (oldest dropped first): a ci run has 4 distinct scenarios, each ~100 kB at most. */
const REFERENCE_CACHE_SIZE = 8;
const referenceCache = new Map<string, LargeWidthReference>();

/** The subject's training (capability train) of S networks per width of the ladder, against resnet-mf's large-width reference. */
function measure(s: WidthTrainingScenario, subject: Subject): Measurement {
  const S = s.seeds ?? SEEDS;
  const scaling = scalingOf(s);
  // The reference is the mean-field limit (nominal scaling); the subject trains the width-M networks under test.
  const ref = meanFieldReference(s);
  const Eref = ref.E[STEPS]!;
  const under = widthTrainingSetting(s, scaling.uFactor);
  const seeds = Array.from({ length: S }, (_, i) => ladderSeed(s, i));
  const errors: number[][] = Array.from({ length: S }, () => []);
  for (const M of LADDER) {
    const E = trainedLosses(subject, under, M, seeds);
    if (typeof E === 'string') return { ok: false, figures: {}, detail: `${describeWidthScenario(s)} (${scaling.name}, ${subject.name}): training diverged: ${E}` };
    E.forEach((e, i) => errors[i]!.push(e - Eref));
  }
  const J = LADDER.length;
  const all = Array.from({ length: S }, (_, i) => i);
  const rmsAll = LADDER.map((_, j) => Math.sqrt(errors.reduce((a, r) => a + r[j]! ** 2, 0) / S));
  const meanAll = LADDER.map((_, j) => errors.reduce((a, r) => a + r[j]!, 0) / S);
  const sdAll = LADDER.map((_, j) => Math.sqrt(errors.reduce((a, r) => a + (r[j]! - meanAll[j]!) ** 2, 0) / (S - 1)));
  const rounding = 1e-14 * Math.abs(Eref);
  // Fluctuation: the standard deviation over seeds of E_M(s*) (E_ref is a constant: it does not enter, so the floor
  // is the rounding of E alone). Rungs: asymptoticRange's (the FIT_POINTS largest above 100 × floor).
  const points = LADDER.map((n, j) => ({ n, e: sdAll[j]!, floor: rounding }));
  const used = asymptoticRange(points).map((p) => p.n);
  const cols = used.map((n) => LADDER.indexOf(n));
  // Bias: the reference's error at the bias decision's level: a Student-t interval over its K seeds plus its own
  // O(1/M_ref) bias, scaled from the nominal networks' bias at the largest M by M/M_ref, plus rounding.
  const nominalMean = subject === builtinSubject && !s.lazy ? meanAll[J - 1]! : nominalBias(s, Eref);
  const referenceBias = referenceBiasBound(nominalMean);
  const referenceError = ref.error[STEPS]! + referenceBias + rounding;
  const referenceAllowance = tQuantile(1 - (1 - BIAS_LEVEL) / 2, REF_SEEDS - 1) * ref.error[STEPS]! + referenceBias + rounding;
  const head = `${describeWidthScenario(s)} (${scaling.name}), s* = ${STEPS * DT}, S = ${S}, E_ref = ${Eref.toPrecision(5)} ± ${referenceError.toExponential(1)}`;
  const base = {
    rmsAtMaxM: rmsAll[J - 1]!,
    biasOverRmsAtMaxM: Math.abs(meanAll[J - 1]!) / rmsAll[J - 1]!,
    referenceError,
    referenceSpread: ref.spread[STEPS]!,
  };
  if (used.length < 3) {
    return { ok: true, decided: false, reason: TOO_FEW_RUNGS, figures: base, detail: `${head}: fewer than 3 usable rungs (sd ${sdAll.map((v) => v.toPrecision(2)).join(', ')})` };
  }
  const fit = ensembleRate(used, errors.map((r) => cols.map((j) => r[j]!)), { seed: s.seed, level: DECISION_LEVEL, centre: true });
  const fluctuation = decideExponent(fit, (STEEPEST + SHALLOWEST) / 2, (SHALLOWEST - STEEPEST) / 2 + BAND);
  const [intercept, coefficient] = biasFit(errors, cols, used, all);
  const biasSe = bootstrapStandardErrors(S, (rows) => [biasFit(errors, cols, used, rows)[0]], { resamples: BIAS_RESAMPLES, seed: s.seed, stream: 'bias-bootstrap' }).se[0] ?? NaN;
  const biasHalf = bootstrapHalfWidth(biasSe, S, BIAS_LEVEL);
  const biasOk = intercept - biasHalf <= referenceAllowance && intercept + biasHalf >= -referenceAllowance;
  const lo = STEEPEST - BAND;
  const hi = SHALLOWEST + BAND;
  const quantity = `standard deviation over ${S} seeds of E_M(s*) − E_ref(s*), s* = ${STEPS * DT}`;
  // The report's claim is the decided range [STEEPEST − BAND, SHALLOWEST + BAND], as its centre ± half-width.
  const rate: RateReport = { quantity, size: 'M', claimed: (STEEPEST + SHALLOWEST) / 2, band: (SHALLOWEST - STEEPEST) / 2 + BAND, fit, points, used, referenceError: rounding };
  const decided = fluctuation !== 'undecided' || !biasOk;
  return {
    ok: fluctuation !== 'fail' && biasOk,
    decided,
    reason: INTERVAL_TOO_WIDE,
    rate,
    figures: {
      widthExponent: fit.exponent, widthExponentLo: fit.lo, widthExponentHi: fit.hi,
      biasIntercept: intercept, biasInterceptLo: intercept - biasHalf, biasInterceptHi: intercept + biasHalf,
      biasCoefficient: coefficient, referenceAllowance, ...base,
    },
    detail:
      `${head}: sd exponent ${fit.exponent.toFixed(3)} [${fit.lo.toFixed(3)}, ${fit.hi.toFixed(3)}] over M = ${used.join(', ')} ` +
      `(claimed ${CLAIMED}; ${fluctuation}; must meet [${lo.toFixed(1)}, ${hi.toFixed(1)}]); sd ${sdAll.map((v) => v.toPrecision(3)).join(', ')}; ` +
      `bias ${meanAll.map((v) => v.toPrecision(2)).join(', ')} = β₀ + b/M with β₀ = ${intercept.toExponential(2)} ± ${biasHalf.toExponential(1)}, ` +
      `b = ${coefficient.toPrecision(3)} (${biasOk ? 'pass' : 'fail'}; β₀'s interval must meet ±${referenceAllowance.toExponential(1)}, the reference's error); ` +
      `RMS ${rmsAll.map((v) => v.toPrecision(3)).join(', ')}`,
  };
}

/**
 * The reference's O(1/M_REF) bias, bounded from the nominal networks' mean error at the ladder's largest M: that mean
 * scaled by M/M_REF (note, "Reference"). Shared with claim 21 (quantileScaling.ts).
 */
export function referenceBiasBound(nominalMean: number): number {
  return (Math.abs(nominalMean) * LADDER[LADDER.length - 1]!) / M_REF;
}

/**
 * Mean over the S seeds of E_M(s*) − E_ref(s*) for resnet-mf's own networks (the reference side: never the
 * subject's) at the largest M of the ladder, in the mean-field setting.
 */
export function nominalBias(s: WidthTrainingScenario, Eref: number): number {
  const S = s.seeds ?? SEEDS;
  const M = LADDER[LADDER.length - 1]!;
  const E = trainedLosses(builtinSubject, widthTrainingSetting(s), M, Array.from({ length: S }, (_, i) => ladderSeed(s, i)));
  if (typeof E === 'string') return Infinity;
  return E.reduce((a, e) => a + (e - Eref), 0) / S;
}

/** The scaling a scenario trains with: the mean-field one, or the control's lazy one. */
export function scalingOf(s: WidthTrainingScenario): WidthScaling {
  return s.lazy ? lazyScaling : meanFieldScaling;
}

/**
 * E(Θ(s*)) of the width-M networks of `setting` with the given seeds (widthNetwork: resnet-mf's initialisation),
 * trained by the subject (capability train: one request of every seed, setting.steps steps of setting.dt) and
 * evaluated by resnet-mf's loss; or why not (a non-finite Θ or E: the subject's training diverged).
 * @throws SubjectError when the subject fails to answer
 */
export function trainedLosses(subject: Subject, setting: WidthSetting, M: number, seeds: readonly number[]): Float64Array | string {
  const nets = seeds.map((seed) => widthNetwork(setting, M, seed));
  const trained = subject.train(nets.map((net) => ({ net, data: setting.data, dt: setting.dt, steps: setting.steps })));
  const ws = createWorkspace(setting.data.d, setting.L, M, setting.data.N);
  const E = new Float64Array(seeds.length);
  for (const [i, theta] of trained.entries()) {
    if (!theta.every(Number.isFinite)) return `M=${M} seed=${seeds[i]}: Θ(s*) not finite`;
    E[i] = evaluate({ ...nets[i]!, theta }, setting.data, ws, false);
    if (!Number.isFinite(E[i])) return `M=${M} seed=${seeds[i]}: E(Θ(s*)) = ${E[i]}`;
  }
  return E;
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

export const widthTrainingClaim = defineClaim<WidthTrainingScenario, Subject>({
  id: 'width-training',
  catalogue: 3,
  title: 'E_M(s) − E_ref(s) at fixed training time s (fixed L): sd over seeds ∝ M^{-1/2} up to its O(M^{-2}) variance term, bias = O(1/M)',
  source: '[DCLW-b] Lemma F.1 and Thm E.1 (E|E(Θ(s)) − E(ρ(s))|² ≤ C/M at each s < S); theory.md §5, §6 item 3',
  assumptions: [
    'linear depth paths θ_m(t) = a_m + t·c_m, a_m, c_m ~ N(0, scale² I) i.i.d. (limit-admissible); scale in [0.35, 0.7]',
    'bounded smooth σ (tanh, gaussian, sigmoid); GD with h = M L Δs, Δs = 0.1, s* = 1; fixed L (width separated from depth)',
    'mean-field residual away from 0 (ball labels × 2): else the O(1/M) terms dominate the ladder and the rate is not sharp',
  ],
  tolerance:
    'fluctuation: sd over 512 seeds of E_M(s*) on the rungs M = 8..64 (asymptoticRange, floor = rounding: E_ref does ' +
    'not enter); ensembleRate (centred) bootstrap interval (t_{S−1} quantile) at DECISION_LEVEL must meet [−1.1, −0.4]: Var = v/M + c/M² ' +
    'puts the local exponent of sd in [−1, −1/2] for c ≥ 0, band 0.1 for the remainder, c < 0 and 4-rung curvature. Bias: ' +
    'mean over seeds = β₀ + b/M fitted on the same rungs (the expansion has no constant term); β₀ ± t_{S−1}·se* (bootstrap, level ' +
    "1 − α/2) must meet ± the reference's error (Student-t over its K = 8 seeds at 1 − α/2 + its O(1/M_ref) bias + rounding) (note)",
  budget: { quick: 1, ci: 4, full: 6 },
  /** Per scenario: the fluctuation's exponent interval, and the bias decision (its two intervals at 1 − α/2 each). */
  statisticalDecisions: 2,
  scenarios: widthTrainingScenarios,
  figures: {
    widthExponent: { worst: 'max', description: 'fitted exponent of the sd over seeds of E_M(s*) in M (claimed −1/2, decided in [−1.1, −0.4])' },
    widthExponentLo: { worst: 'min', description: 'lower end of its bootstrap interval at DECISION_LEVEL' },
    widthExponentHi: { worst: 'max', description: 'upper end of its bootstrap interval at DECISION_LEVEL' },
    biasIntercept: { worst: 'max', description: 'β₀ in mean(M) = β₀ + b/M over the rungs (0 for a consistent subject)' },
    biasInterceptLo: { worst: 'min', description: "lower end of β₀'s interval (must be ≤ referenceAllowance)" },
    biasInterceptHi: { worst: 'max', description: "upper end of β₀'s interval (must be ≥ −referenceAllowance)" },
    biasCoefficient: { worst: 'max', description: 'b in mean(M) = β₀ + b/M (the O(1/M) bias coefficient)' },
    referenceAllowance: { worst: 'max', description: "the reference's error at the bias decision's level (t-interval over K + bias + rounding)" },
    rmsAtMaxM: { worst: 'max', description: 'RMS error at the largest M of the ladder' },
    biasOverRmsAtMaxM: { worst: 'max', description: '|bias|/RMS at the largest M (bias = mean signed error)' },
    referenceError: { worst: 'max', description: "the reference's own error (standard error + bias bound)" },
    referenceSpread: { worst: 'max', description: 'std over the K reference seeds of E_{M_ref}(s*)' },
  },
  measure,
  needs: ['train'],
  nominal: builtinSubject,
  control: {
    description: 'planted bug: the layer map scaled by 1/(sqrt(M) L) instead of 1/(M L) (lazy/NTK-like scaling, u ← sqrt(M) u at initialisation)',
    scenarios: (profile) => widthTrainingScenarios(profile).map((s) => ({ ...s, seeds: CONTROL_SEEDS, lazy: true })),
  },
});
