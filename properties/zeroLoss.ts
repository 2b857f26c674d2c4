/**
 * Claim 20 (theory.md §5 "Zero loss", §6 item 20): for d ≥ 2, realizable labels, the partially
 * 1-homogeneous regularised-ReLU block and a separating initialisation, the fraction of initialisation seeds
 * with E(s) > ε falls as L, M and s grow. Decided with exact binomial (Clopper–Pearson) intervals at the two
 * ends of a ladder, for each ε of a fixed half-decade grid 10⁻¹ … 10⁻⁵ (Bonferroni: the run's DECISION_ALPHA split
 * over the grid), and "falls" iff it falls at some ε of the grid; a largest rung whose median loss did not fall
 * by ZERO_LOSS_STALL_RATIO from its median initial loss (a stall) fails. A trained ladder that no ε of the grid
 * separates, or whose smallest rung already fits, is undecided.
 * Note: proofs-notes/zero-loss.md. Negative control: the learning rate h = Δs (M L missing), a stall.
 */
import fc from 'fast-check';
import { makeActivation } from '../src/activations/index.js';
import { loadDataset } from '../src/data/index.js';
import type { Dataset } from '../src/data/dataset.js';
import { initNetwork } from '../src/init/index.js';
import { clopperPearson } from '../src/stats/index.js';
import { train } from '../src/train/index.js';
import type { Measurement, Profile } from '../src/check/claim.js';
import { defineClaim } from '../src/check/defineClaim.js';
import { DECISION_ALPHA } from '../src/check/falseAlarmBudget.js';
import { logScale } from '../src/check/scenarios.js';
import { type LearningRateRule, missingMLRule, nominalRule } from './trainingRule.js';

/** One rung of the ladder: depth L, width M and training horizon s (reached in s/Δs GD steps). */
export type ZeroLossRung = { L: number; M: number; s: number };

/** L, M and s grow together (theory.md §5: s > C0(ε), M > C/(ε²η), L > C/ε). */
export const ZERO_LOSS_LADDER: readonly ZeroLossRung[] = [{ L: 2, M: 4, s: 4 }, { L: 4, M: 16, s: 12 }, { L: 8, M: 64, s: 40 }];
/** Iris needs a longer horizon (its closest opposite-label pairs are ~0.1 apart; see the note). */
export const ZERO_LOSS_IRIS_LADDER: readonly ZeroLossRung[] = [{ L: 2, M: 4, s: 8 }, { L: 4, M: 16, s: 40 }, { L: 8, M: 64, s: 160 }];
/** Training-time step; h = M L Δs (theory.md §2). Same as claim 8's stable step. */
export const ZERO_LOSS_DT = 0.2;
/**
 * The thresholds ε (absolute, like the theorem's ε): a half-decade grid 10⁻¹, 10^{-1.5}, …, 10⁻⁵. Top: the scale of
 * the initial losses (median E(0) 0.03–0.2 at the smallest rung); bottom: below the lowest ε at which any measured
 * teacher's ladder decides (3·10⁻⁵); spacing: less than the narrowest measured range of deciding ε (0.74 decade),
 * so every measured teacher has a grid point inside its range (proofs-notes/zero-loss.md).
 */
export const ZERO_LOSS_EPS_GRID: readonly number[] = Array.from({ length: 9 }, (_, k) => Number((10 ** (-1 - k / 2)).toPrecision(12)));
/**
 * Confidence level of each Clopper–Pearson interval: the scenario's one statistical decision ("falls at some ε of the
 * grid") gets the run's DECISION_ALPHA (src/check/falseAlarmBudget.ts), split evenly over the grid (Bonferroni).
 */
export const ZERO_LOSS_LEVEL = 1 - DECISION_ALPHA / ZERO_LOSS_EPS_GRID.length;
/**
 * A largest rung whose median over seeds of E(s) is above this fraction of its median E(0) has stalled (a failure):
 * training must at least halve the loss. The geometric midpoint (0.48, rounded to ½) of the 10⁻⁵ quantiles of the
 * two measured log-normal populations: correct implementation (201 teachers, log10 mean −2.40, sd 0.44: upper
 * quantile 0.31) and the control h = Δs (15 teachers, 0.83–0.94: lower quantile 0.75); see the note.
 */
export const ZERO_LOSS_STALL_RATIO = 0.5;
/** The loss thresholds whose training time (median over seeds below ε) is reported. */
export const ZERO_LOSS_TIME_EPS = [1e-2, 1e-3] as const;

export type ZeroLossDataset = 'teacher' | 'iris';

/** E_y = ½ (1/N) Σ (y_i − ȳ)²: the loss of the best constant predictor, the scale of the labels (reported). */
export function labelScale(y: Float64Array): number {
  let mean = 0;
  for (const v of y) mean += v / y.length;
  let s = 0;
  for (const v of y) s += (v - mean) ** 2;
  return s / (2 * y.length);
}

export interface ZeroLossScenario {
  dataset: ZeroLossDataset;
  /** Input dimension (iris: 4). */
  d: number;
  N: number;
  /** Width δ of the regularised ReLU. */
  delta: number;
  /** Seed of the data set; initialisation seeds are seed + j, j = 0..n−1. */
  seed: number;
  /** Number n of initialisation seeds per rung. */
  n: number;
}

/**
 * Seeds per rung, every profile: the decision level is the same in every profile, and so is the seed count it
 * needs. 21 is the least n whose intervals of 0/n and n/n are disjoint at ZERO_LOSS_LEVEL (n > log2(2K/α), K the
 * grid size); 44 the least even n at which fractions 0.9 → 0.1 at one ε are decided with probability ≥ 0.9 (0.902;
 * n = 42: 0.85).
 */
export const ZERO_LOSS_SEEDS: Record<Profile, number> = { quick: 44, ci: 44, full: 44 };

/** The ladder of a data set. */
export function ladderOf(dataset: ZeroLossDataset): readonly ZeroLossRung[] {
  return dataset === 'iris' ? ZERO_LOSS_IRIS_LADDER : ZERO_LOSS_LADDER;
}

/** Grid index of training time s. */
const stepOf = (s: number): number => Math.round(s / ZERO_LOSS_DT);

/** The data set of a scenario. */
function dataOf(sc: ZeroLossScenario): Dataset {
  return loadDataset(sc.dataset, { d: sc.dataset === 'teacher' ? sc.d : undefined, N: sc.N, seed: sc.seed });
}

/**
 * E(s) on the grid s = 0, Δs, …, s_max for one seed at one rung (each rung trained to its own s): the
 * regularised-ReLU network with linear Gaussian depth paths (scale 1; separating: u_{l,m} ~ N(0, (1 + t_l²) I_d)
 * straddles u = 0).
 * @returns Float64Array of length s_max/Δs + 1 (Infinity after a divergence)
 */
function lossCurve(sc: ZeroLossScenario, data: Dataset, rung: ZeroLossRung, sMax: number, j: number, rule: LearningRateRule): Float64Array {
  const activation = makeActivation({ name: 'regularized_relu', delta: sc.delta });
  const net = initNetwork({ d: data.d, L: rung.L, M: rung.M, activation, init: 'linear', seed: sc.seed + 1 + j, scale: 1 });
  const steps = stepOf(sMax);
  const run = train(net, data, { dt: ZERO_LOSS_DT, steps, learningRate: rule });
  const E = new Float64Array(steps + 1).fill(Infinity);
  run.trajectory.forEach((p, k) => (E[k] = p.E));
  return E;
}

/**
 * The decision "the fraction falls": k_large of n seeds above ε at the largest rung, k_small of n at the
 * smallest; true iff the level-CP interval of k_large/n lies entirely below that of k_small/n. False-alarm rate
 * ≤ 1 − level whenever p_large ≥ p_small (test/properties/claims-zero-loss.test.ts computes it exactly).
 */
export function fractionFalls(kSmall: number, kLarge: number, n: number, level = ZERO_LOSS_LEVEL): boolean {
  return clopperPearson(kLarge, n, level)[1] < clopperPearson(kSmall, n, level)[0];
}

function median(values: number[]): number {
  const v = [...values].sort((a, b) => a - b);
  const h = v.length >> 1;
  return v.length % 2 === 1 ? v[h] : (v[h - 1] + v[h]) / 2;
}

/** First s on the grid at which the median over seeds of E(s) is below ε; Infinity if none. */
export function timeToEps(curves: Float64Array[], eps: number): number {
  for (let k = 0; k < curves[0].length; k++) {
    if (median(curves.map((c) => c[k])) < eps) return Number((k * ZERO_LOSS_DT).toFixed(9));
  }
  return Infinity;
}

/**
 * Whether a scenario whose fraction does not fall can still show a fall: false when even k_large = 0 could not be
 * decided against k_small (the smallest rung already fits for too many seeds: CP lo(k_small) ≤ CP hi(0)).
 */
export function canShowFall(kSmall: number, n: number, level = ZERO_LOSS_LEVEL): boolean {
  return fractionFalls(kSmall, 0, n, level);
}

/**
 * The stall figure of the largest rung: median over seeds of E(s) divided by the median of E(0) (Infinity when
 * training diverged for half the seeds or more). Above ZERO_LOSS_STALL_RATIO the rung has stalled.
 */
export function stallRatio(E0: number, E: number): number {
  if (!(E <= Infinity)) return Infinity;
  return E0 > 0 ? E / E0 : E > 0 ? Infinity : 0;
}

/** The first ε of `grid` at which the fraction falls (k counted per ε), or undefined. */
export function fallingEps(kSmall: readonly number[], kLarge: readonly number[], n: number, grid: readonly number[] = ZERO_LOSS_EPS_GRID): number | undefined {
  const i = grid.findIndex((_, g) => fractionFalls(kSmall[g], kLarge[g], n));
  return i < 0 ? undefined : grid[i];
}

function measure(sc: ZeroLossScenario, rule: LearningRateRule): Measurement {
  const data = dataOf(sc);
  const ladder = ladderOf(sc.dataset);
  const grid = ZERO_LOSS_EPS_GRID;
  const rows = ladder.map((rung) => {
    const curves = Array.from({ length: sc.n }, (_, j) => lossCurve(sc, data, rung, rung.s, j, rule));
    const at = stepOf(rung.s);
    const k = grid.map((eps) => curves.filter((c) => !(c[at] <= eps)).length);
    const times = ZERO_LOSS_TIME_EPS.map((e) => timeToEps(curves, e));
    return { rung, k, times, medianE0: median(curves.map((c) => c[0])), medianE: median(curves.map((c) => c[at])) };
  });
  const first = rows[0];
  const last = rows[rows.length - 1];
  const n = sc.n;
  const eps = fallingEps(first.k, last.k, n);
  const g = eps === undefined ? -1 : grid.indexOf(eps);
  const ratio = stallRatio(last.medianE0, last.medianE);
  // The ε shown when nothing falls: the grid point with the widest gap between the two rungs' intervals.
  const gapAt = (i: number): number => clopperPearson(first.k[i], n, ZERO_LOSS_LEVEL)[0] - clopperPearson(last.k[i], n, ZERO_LOSS_LEVEL)[1];
  const shown = g >= 0 ? g : grid.map((_, i) => i).reduce((best, i) => (gapAt(i) > gapAt(best) ? i : best), 0);
  const row = (r: (typeof rows)[number]): string =>
    `(L=${r.rung.L}, M=${r.rung.M}, s=${r.rung.s}): k = ${r.k.join('/')} of ${n}, ` +
    `median E(0)=${r.medianE0.toExponential(1)}, E(s)=${r.medianE.toExponential(1)}, s to median < 1e-2, 1e-3: ${r.times.join(', ')}`;
  const table = rows.map(row).join('; ');
  const what = `${sc.dataset} d=${sc.dataset === 'teacher' ? sc.d : 4} N=${sc.N} δ=${sc.delta} seed=${sc.seed} (E_y=${labelScale(data.y).toPrecision(3)})`;
  const level = `${(ZERO_LOSS_LEVEL * 100).toPrecision(7)}%`;
  let verdict: { ok: boolean; decided: boolean; reason?: string; says: string };
  if (!(ratio <= ZERO_LOSS_STALL_RATIO)) {
    verdict = { ok: false, decided: true, says: `the largest rung stalls: median E(s)/median E(0) = ${ratio.toPrecision(3)} > ${ZERO_LOSS_STALL_RATIO}` };
  } else if (eps !== undefined) verdict = { ok: true, decided: true, says: `the fraction of seeds with E(s) > ε falls at ε = ${eps.toPrecision(3)}` };
  else if (!grid.some((_, i) => canShowFall(first.k[i], n))) {
    verdict = { ok: true, decided: false, reason: 'smallest rung already below ε for too many seeds to show a fall', says: 'cannot show a fall at any ε (smallest rung fits)' };
  } else {
    verdict = { ok: true, decided: false, reason: 'no ε of the grid separates the rungs (the largest rung trained, but not far enough)', says: 'the fraction falls at no ε of the grid' };
  }
  return {
    ok: verdict.ok,
    decided: verdict.decided,
    ...(verdict.reason ? { reason: verdict.reason } : {}),
    detail:
      `${what}: ${verdict.says} (${level} Clopper–Pearson per ε, largest rung's hi must be < smallest rung's lo; ` +
      `ε = ${grid.map((e) => e.toPrecision(2)).join(', ')}; largest rung median E(s)/E(0) ${ratio.toPrecision(3)}): ${table}`,
    figures: {
      fractionSmallest: first.k[shown] / n,
      fractionMiddle: rows[1].k[shown] / n,
      fractionLargest: last.k[shown] / n,
      gap: gapAt(shown),
      epsFalls: eps ?? NaN,
      stallRatio: ratio,
      // A time not reached within the rung's horizon is left out (a JSON report cannot hold Infinity).
      ...Object.fromEntries(rows.flatMap((r, i) => r.times.flatMap((t, e) => (Number.isFinite(t) ? [[`sToEps${e === 0 ? '1e2' : '1e3'}Rung${i + 1}`, t]] : [])))),
    },
  };
}

/** Figures sToEps{1e2,1e3}Rung{1,2,3}: first s ≤ the rung's own s with median E(s) below 10⁻², 10⁻³ (absolute). */
function timeFigures(): Record<string, { worst: 'max'; description: string }> {
  const out: Record<string, { worst: 'max'; description: string }> = {};
  ZERO_LOSS_LADDER.forEach((r, i) =>
    ZERO_LOSS_TIME_EPS.forEach((e, j) => {
      out[`sToEps${j === 0 ? '1e2' : '1e3'}Rung${i + 1}`] = {
        worst: 'max',
        description: `rung ${i + 1} (teacher: L=${r.L}, M=${r.M}): first s with median over seeds of E(s) < ${e}, up to the rung's own s = ${r.s} (absent when not reached)`,
      };
    }),
  );
  return out;
}

function arbitrary(datasets: readonly ZeroLossDataset[], profile: Profile): fc.Arbitrary<ZeroLossScenario> {
  const n = ZERO_LOSS_SEEDS[profile];
  // No shrinking: one scenario costs seconds of training, and its sizes are already small.
  return fc.noShrink(fc.record({
    dataset: fc.constantFrom(...datasets),
    d: fc.integer({ min: 2, max: 3 }),
    N: fc.integer({ min: 8, max: 12 }),
    delta: logScale(0.25, 1),
    seed: fc.integer({ min: 0, max: 2 ** 31 - 1 - n }),
    n: fc.constant(n),
  }));
}

export const zeroLossClaim = defineClaim<ZeroLossScenario, LearningRateRule>({
  id: 'zero-loss',
  catalogue: 20,
  title: 'The fraction of seeds with E(s) > ε falls as L, M and s grow, at some ε of a fixed grid, and training does not stall (d ≥ 2, realizable labels, regularised ReLU)',
  source: '[DCLW-b] Thm 3.1 with Thm 6.1/6.2, [DCLW-a] Thm 7; theory.md §5 "Zero loss", §6 item 20',
  assumptions: [
    'd ≥ 2 (d = 1 is the topological obstruction, claim 19)',
    'realizable labels: the built-in teacher (tanh teacher network), and the Iris subsample as the real data set',
    'partially 1-homogeneous block f = u σ_δ(wᵀz + b) with the regularised ReLU σ_δ, δ in [1/4, 1]',
    'separating initialisation: linear Gaussian depth paths, scale 1, so each u_{l,m} ~ N(0, (1 + t_l²) I_d) takes both signs',
    `GD with h = M L Δs, Δs = ${ZERO_LOSS_DT}; ladder (L, M, s) = ${ZERO_LOSS_LADDER.map((r) => `(${r.L}, ${r.M}, ${r.s})`).join(', ')}`,
  ],
  tolerance:
    `"falls" iff, at some ε of the grid ${ZERO_LOSS_EPS_GRID.map((e) => e.toPrecision(2)).join(', ')} (absolute, half-decade steps), the ` +
    `Clopper–Pearson interval at level 1 − ${(1 - ZERO_LOSS_LEVEL).toPrecision(2)} (the run's DECISION_ALPHA split over the ` +
    `${ZERO_LOSS_EPS_GRID.length} thresholds, Bonferroni) of the fraction at the largest rung lies entirely below the one at the smallest ` +
    'rung (false alarm ≤ DECISION_ALPHA when the fractions are equal or rising at every ε); ' +
    `n = ${ZERO_LOSS_SEEDS.ci} seeds per rung (the least even n deciding 0.9 → 0.1 at one ε with probability ≥ 0.9). ` +
    `A stall fails: largest rung median E(s) > ${ZERO_LOSS_STALL_RATIO}·median E(0). Not falling after training: undecided ` +
    '(the smallest rung fits at every ε, or no ε of the grid separates the rungs)',
  budget: { quick: 1, ci: 2, full: 6 },
  /** Bootstrap or Clopper–Pearson decisions per scenario, each at src/check/falseAlarmBudget.ts DECISION_LEVEL. */
  statisticalDecisions: 1,
  scenarios: (profile) => arbitrary(['teacher'], profile),
  // The real data set costs ~4× a teacher scenario (s up to 160): full only.
  examples: (profile) => (profile !== 'full' ? [] : [{ dataset: 'iris', d: 4, N: 8, delta: 0.5, seed: 1, n: ZERO_LOSS_SEEDS[profile] }]),
  figures: {
    fractionSmallest: { worst: 'min', description: 'fraction of seeds with E(s) > ε at the smallest rung (ε: the first that falls, else the widest gap)' },
    fractionMiddle: { worst: 'max', description: 'fraction of seeds with E(s) > ε at the middle rung, same ε (reported, not decided)' },
    fractionLargest: { worst: 'max', description: 'fraction of seeds with E(s) > ε at the largest rung, same ε' },
    stallRatio: { worst: 'max', description: `largest rung: median over seeds of E(s) / median of E(0) (> ${ZERO_LOSS_STALL_RATIO}: a stall, fails)` },
    epsFalls: { worst: 'min', description: 'the first ε of the grid at which the fraction falls (NaN: none)' },
    gap: { worst: 'min', description: 'at the ε shown: smallest rung CP lower end − largest rung CP upper end (> 0 falls)' },
    ...timeFigures(),
  },
  measure,
  nominal: nominalRule,
  control: {
    description:
      'planted bug: learning rate h = Δs (the M L factor missing): training time runs M L times too slowly (8× at the smallest ' +
      'rung, 512× at the largest), the largest rung stalls near its initial loss (median E(s)/E(0) ≈ 0.8 > ' + `${ZERO_LOSS_STALL_RATIO})`,
    subject: missingMLRule,
  },
});
