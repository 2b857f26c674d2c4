/**
 * Claim 20 (theory.md §5 "Zero loss", §6 item 20): for d ≥ 2, realizable labels, the partially
 * 1-homogeneous regularised-ReLU block and a separating initialisation, the fraction of initialisation seeds
 * with E(s) > ε falls as L, M and s grow. Decided with exact binomial (Clopper–Pearson) intervals at the two
 * ends of a ladder. Note: proofs-notes/zero-loss.md. Negative control: d = 1 with labels no increasing map
 * fits (`nonmonotone1d`), where E stays above the isotonic-regression loss ≫ ε.
 */
import fc from 'fast-check';
import { makeActivation } from '../src/activations/index.js';
import { loadDataset } from '../src/data/index.js';
import { initNetwork } from '../src/init/index.js';
import { clopperPearson, isotonicLoss } from '../src/stats/index.js';
import { train } from '../src/train/index.js';
import type { Measurement, Profile } from './claim.js';
import { defineClaim } from './defineClaim.js';
import { logScale } from './scenarios.js';
import { type LearningRateRule, nominalRule } from './trainingRule.js';

/** One rung of the ladder: depth L, width M and training horizon s (reached in s/Δs GD steps). */
export type ZeroLossRung = { L: number; M: number; s: number };

/** L, M and s grow together (theory.md §5: s > C0(ε), M > C/(ε²η), L > C/ε). */
export const ZERO_LOSS_LADDER: readonly ZeroLossRung[] = [{ L: 2, M: 4, s: 4 }, { L: 4, M: 16, s: 12 }, { L: 8, M: 64, s: 40 }];
/** Iris needs a longer horizon (its closest opposite-label pairs are ~0.1 apart; see the note). */
export const ZERO_LOSS_IRIS_LADDER: readonly ZeroLossRung[] = [{ L: 2, M: 4, s: 8 }, { L: 4, M: 16, s: 40 }, { L: 8, M: 64, s: 160 }];
/** Training-time step; h = M L Δs (theory.md §2). Same as claim 8's stable step. */
export const ZERO_LOSS_DT = 0.2;
/** Confidence level of each Clopper–Pearson interval; the false-alarm rate of "falls" is ≤ 1 − level. */
export const ZERO_LOSS_LEVEL = 0.95;
/** The loss thresholds whose training time (median over seeds below ε) is reported. */
export const ZERO_LOSS_TIME_EPS = [1e-2, 1e-3] as const;

export type ZeroLossDataset = 'teacher' | 'iris' | 'nonmonotone1d';

/** The threshold ε of the decision, per data set (10–100× below the typical initial loss; see the note). */
export const ZERO_LOSS_EPS: Record<ZeroLossDataset, number> = { teacher: 1e-3, iris: 2e-2, nonmonotone1d: 1e-3 };

export interface ZeroLossScenario {
  dataset: ZeroLossDataset;
  /** Input dimension (iris: 4, nonmonotone1d: 1). */
  d: number;
  N: number;
  /** Width δ of the regularised ReLU. */
  delta: number;
  /** Seed of the data set; initialisation seeds are seed + j, j = 0..n−1. */
  seed: number;
  /** Number n of initialisation seeds per rung. */
  n: number;
}

/** Seeds per rung, by profile. */
export const ZERO_LOSS_SEEDS: Record<Profile, number> = { quick: 12, ci: 16, full: 32 };

/** The ladder of a data set. */
export function ladderOf(dataset: ZeroLossDataset): readonly ZeroLossRung[] {
  return dataset === 'iris' ? ZERO_LOSS_IRIS_LADDER : ZERO_LOSS_LADDER;
}

/** Grid index of training time s. */
const stepOf = (s: number): number => Math.round(s / ZERO_LOSS_DT);

/**
 * E(s) on the grid s = 0, Δs, …, s_max for one seed at one rung (every rung is trained to the ladder's largest s
 * = s_max, so that the times to ε of the rungs can be compared): the regularised-ReLU network with linear
 * Gaussian depth paths (scale 1; separating: u_{l,m} ~ N(0, (1 + t_l²) I_d) straddles u = 0).
 * @returns Float64Array of length s_max/Δs + 1 (Infinity after a divergence)
 */
function lossCurve(sc: ZeroLossScenario, rung: ZeroLossRung, sMax: number, j: number, rule: LearningRateRule): Float64Array {
  const data = loadDataset(sc.dataset, { d: sc.dataset === 'teacher' ? sc.d : undefined, N: sc.N, seed: sc.seed });
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

function measure(sc: ZeroLossScenario, rule: LearningRateRule): Measurement {
  const eps = ZERO_LOSS_EPS[sc.dataset];
  const ladder = ladderOf(sc.dataset);
  const sMax = ladder[ladder.length - 1].s;
  const rows = ladder.map((rung) => {
    const curves = Array.from({ length: sc.n }, (_, j) => lossCurve(sc, rung, sMax, j, rule));
    const at = stepOf(rung.s);
    const k = curves.filter((c) => !(c[at] <= eps)).length;
    const times = ZERO_LOSS_TIME_EPS.map((e) => timeToEps(curves, e));
    return { rung, k, ci: clopperPearson(k, sc.n, ZERO_LOSS_LEVEL), times, medianE: median(curves.map((c) => c[at])) };
  });
  const first = rows[0];
  const last = rows[rows.length - 1];
  const falls = fractionFalls(first.k, last.k, sc.n);
  const row = (r: (typeof rows)[number]): string =>
    `(L=${r.rung.L}, M=${r.rung.M}, s=${r.rung.s}): ${r.k}/${sc.n} [${r.ci[0].toFixed(2)}, ${r.ci[1].toFixed(2)}] ` +
    `median E(s)=${r.medianE.toExponential(1)}, s to median < 1e-2, 1e-3: ${r.times.join(', ')}`;
  const table = rows.map(row).join('; ');
  let what = `${sc.dataset} d=${sc.dataset === 'teacher' ? sc.d : sc.dataset === 'iris' ? 4 : 1} N=${sc.N} δ=${sc.delta} seed=${sc.seed}`;
  if (sc.dataset === 'nonmonotone1d') {
    const data = loadDataset(sc.dataset, { N: sc.N, seed: sc.seed });
    what += ` (isotonic-regression loss ${isotonicLoss(data.x, data.y).toPrecision(3)}: E ≥ it while every layer map is increasing)`;
  }
  return {
    ok: falls,
    detail:
      `${what}: fraction of seeds with E(s) > ε = ${eps} ${falls ? 'falls' : 'does not fall'} ` +
      `(${ZERO_LOSS_LEVEL * 100}% Clopper–Pearson, largest rung's hi must be < smallest rung's lo): ${table}`,
    figures: {
      fractionSmallest: first.k / sc.n,
      fractionLargest: last.k / sc.n,
      gap: first.ci[0] - last.ci[1],
      ...Object.fromEntries(rows.flatMap((r, i) => r.times.map((t, e) => [`sToEps${e === 0 ? '1e2' : '1e3'}Rung${i + 1}`, t]))),
    },
  };
}

/** Figures sToEps{1e2,1e3}Rung{1,2,3}: first s (common horizon = the ladder's largest s) with median E(s) < ε. */
function timeFigures(): Record<string, { worst: 'max'; description: string }> {
  const out: Record<string, { worst: 'max'; description: string }> = {};
  ZERO_LOSS_LADDER.forEach((r, i) =>
    ZERO_LOSS_TIME_EPS.forEach((e, j) => {
      out[`sToEps${j === 0 ? '1e2' : '1e3'}Rung${i + 1}`] = {
        worst: 'max',
        description: `rung ${i + 1} (teacher: L=${r.L}, M=${r.M}): first s with median over seeds of E(s) < ${e}, trained to the ladder's largest s (Infinity: not reached)`,
      };
    }),
  );
  return out;
}

function arbitrary(datasets: readonly ZeroLossDataset[], profile: Profile): fc.Arbitrary<ZeroLossScenario> {
  const n = ZERO_LOSS_SEEDS[profile];
  return fc.record({
    dataset: fc.constantFrom(...datasets),
    d: fc.integer({ min: 2, max: 3 }),
    N: fc.integer({ min: 8, max: 12 }),
    delta: logScale(0.25, 1),
    seed: fc.integer({ min: 0, max: 2 ** 31 - 1 - n }),
    n: fc.constant(n),
  });
}

export const zeroLossClaim = defineClaim<ZeroLossScenario, LearningRateRule>({
  id: 'zero-loss',
  catalogue: 20,
  title: 'The fraction of seeds with E(s) > ε falls as L, M and s grow (d ≥ 2, realizable labels, regularised ReLU)',
  source: '[DCLW-b] Thm 3.1 with Thm 6.1/6.2, [DCLW-a] Thm 7; theory.md §5 "Zero loss", §6 item 20',
  assumptions: [
    'd ≥ 2 (d = 1 is the topological obstruction, claim 19)',
    'realizable labels: the built-in teacher (tanh teacher network), and the Iris subsample as the real data set',
    'partially 1-homogeneous block f = u σ_δ(wᵀz + b) with the regularised ReLU σ_δ, δ in [1/4, 1]',
    'separating initialisation: linear Gaussian depth paths, scale 1, so each u_{l,m} ~ N(0, (1 + t_l²) I_d) takes both signs',
    `GD with h = M L Δs, Δs = ${ZERO_LOSS_DT}; ladder (L, M, s) = ${ZERO_LOSS_LADDER.map((r) => `(${r.L}, ${r.M}, ${r.s})`).join(', ')}`,
  ],
  tolerance:
    `"falls" iff the ${ZERO_LOSS_LEVEL * 100}% Clopper–Pearson interval of the fraction at the largest rung lies entirely below ` +
    'the one at the smallest rung: if the true fractions were equal (or rising), this happens with probability ≤ ' +
    `${(1 - ZERO_LOSS_LEVEL).toFixed(2)} (each interval misses on the offending side with probability ≤ α/2); ε is 10–100× below ` +
    'the typical initial loss (teacher 1e-3, Iris 2e-2), fixed before measuring',
  budget: { quick: 1, ci: 2, full: 6 },
  /** Bootstrap or Clopper–Pearson decisions per scenario, each at properties/falseAlarmBudget.ts DECISION_LEVEL. */
  statisticalDecisions: 1,
  scenarios: (profile) => arbitrary(['teacher'], profile),
  // The real data set costs ~2× a teacher scenario (s up to 160): ci and full only.
  examples: (profile) => (profile === 'quick' ? [] : [{ dataset: 'iris', d: 4, N: 8, delta: 0.5, seed: 1, n: ZERO_LOSS_SEEDS[profile] }]),
  figures: {
    fractionSmallest: { worst: 'min', description: 'fraction of seeds with E(s) > ε at the smallest rung' },
    fractionLargest: { worst: 'max', description: 'fraction of seeds with E(s) > ε at the largest rung' },
    gap: { worst: 'min', description: 'smallest rung CP lower end − largest rung CP upper end (> 0 passes)' },
    ...timeFigures(),
  },
  measure,
  nominal: nominalRule,
  control: {
    description:
      'out of assumption: d = 1 with the bump labels of nonmonotone1d (no increasing map fits them); the largest rung stays ' +
      'at the isotonic-regression loss ≈ 0.1 ≫ ε, so the fraction cannot fall',
    scenarios: (profile) => arbitrary(['nonmonotone1d'], profile),
  },
});
