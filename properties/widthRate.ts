/**
 * Claim 2 (theory.md §6): at initialisation the finite-width continuous-depth output Z_M(1; x) approaches the
 * mean-field output Z_ρ(1; x) at rate M^{-1/2}: RMS over seeds of |Z_M(1;x) − Z_ρ(1;x)| ∝ M^{-1/2}, with a
 * bias |E Z_M − Z_ρ| = O(1/M). Z_M solves dz/dt = (1/M)Σ_m u_m(t)σ(w_m(t)ᵀz + b_m(t)) on Gaussian linear (or
 * constant) paths (src/init/gaussianPaths.ts) with RK4 step doubling (src/limit solveToTolerance); Z_ρ is the
 * analytic reference (src/limit/meanFieldGaussian.ts). Note: proofs-notes/width-rate.md.
 * Negative control: the layer map scaled by 1/sqrt(M) instead of 1/M.
 */
import fc from 'fast-check';
import { gaussian as gaussianBump } from '../src/activations/index.js';
import { gaussian, gaussianPathCoefficients, type GaussianPathLaw, randomStream } from '../src/init/index.js';
import { linearPathField, type LinearPaths, solveMeanFieldGaussian, solveToTolerance } from '../src/limit/index.js';
import { asymptoticRange, decideExponent, INTERVAL_TOO_WIDE, TOO_FEW_RUNGS, ensembleRate, logLogFit } from '../src/stats/index.js';
import type { Measurement, Profile, RateReport } from '../src/check/claim.js';
import { defineClaim } from '../src/check/defineClaim.js';
import { logScale } from '../src/check/scenarios.js';
import { DECISION_LEVEL } from '../src/check/falseAlarmBudget.js';

export interface WidthScenario {
  d: number;
  /** |ū(0)|; on linear paths ū(t) = ū(0) + t·μ¹ with |μ¹| = |ū(0)|/2, so |ū(t)| ≥ |ū(0)|/2 > 0. */
  uMean: number;
  uStd: number;
  wStd: number;
  bStd: number;
  paths: 'linear' | 'constant';
  /** Width ladder M_1 < … < M_J, each twice the previous, and the number S of seeds. */
  ladder: number[];
  seeds: number;
  seed: number;
}

/** A transformation of the M paths before the field is built: nominal = identity. */
export type PathsSubject = (paths: LinearPaths) => LinearPaths;

const LADDERS: Record<Profile, { ladder: number[]; seeds: number }> = {
  quick: { ladder: [4, 8, 16, 32, 64], seeds: 256 },
  ci: { ladder: [8, 16, 32, 64, 128, 256], seeds: 256 },
  full: { ladder: [8, 16, 32, 64, 128, 256, 512, 1024], seeds: 256 },
};
/** Claimed exponent, allowance (theory.md §5: E|Z_M − Z_ρ|² ≤ C/M), and the tolerance of the depth solves. */
const CLAIMED = -0.5;
const BAND = 0.1;
const SOLVE_TOL = 1e-7;

/** A unit vector of R^d from `rng`. */
function direction(d: number, rng: ReturnType<typeof randomStream>): Float64Array {
  for (;;) {
    const v = Float64Array.from({ length: d }, () => gaussian(rng));
    const n = Math.hypot(...v);
    if (n > 1e-3) return v.map((x) => x / n);
  }
}

/** The path law and input x of a scenario (directions of ū and x from `randomStream(seed, 'width-rate', …)`). */
export function widthLaw(s: Pick<WidthScenario, 'd' | 'uMean' | 'uStd' | 'wStd' | 'bStd' | 'paths' | 'seed'>): { law: GaussianPathLaw; x: Float64Array } {
  const rng = randomStream(s.seed, 'width-rate', 'law');
  const lin = s.paths === 'linear' ? 1 : 0;
  const [uMean0, uMean1] = [direction(s.d, rng).map((v) => s.uMean * v), direction(s.d, rng).map((v) => lin * 0.5 * s.uMean * v)];
  const [u, w, b] = [s.uStd, s.wStd, s.bStd];
  const law: GaussianPathLaw = { d: s.d, uMean0, uMean1, uStd0: u, uStd1: lin * u, wStd0: w, wStd1: lin * w, bStd0: b, bStd1: lin * b };
  const radius = rng.uniform() ** (1 / s.d);
  return { law, x: direction(s.d, rng).map((v) => radius * v) };
}

/** Z_M(1; x) for neurons [from, from + M) of the drawn paths, and the solve's error estimate. */
function finiteWidth(all: { a: Float64Array; c: Float64Array }, d: number, from: number, M: number, x: Float64Array, subject: PathsSubject) {
  const k = 2 * d + 1;
  const paths = subject({ d, M, activation: gaussianBump, a: all.a.subarray(from * k, (from + M) * k), c: all.c.subarray(from * k, (from + M) * k) });
  return solveToTolerance(linearPathField(paths), x, { tol: SOLVE_TOL, maxSteps: 1 << 20 });
}

const norm = (v: ArrayLike<number>): number => Math.hypot(...Array.from(v));

function measure(s: WidthScenario, subject: PathsSubject): Measurement {
  const { law, x } = widthLaw(s);
  const { d, ladder, seeds: S } = s;
  const J = ladder.length;
  const ref = solveMeanFieldGaussian(law, x);
  const errors: number[][] = [];
  const floors = new Array<number>(J).fill(ref.errorEstimate);
  // Half-split differences D_j = ½(Z_{M_j}(first half) + Z_{M_j}(second half)) − Z_{2M_j}: the O(M^{-1/2})
  // fluctuation (linear in the empirical measure) cancels, leaving E D_j = bias(M_j) − bias(2M_j) (note).
  const halfSplit: number[][][] = [];
  const topSum = new Float64Array(d); // Σ_s (Z_M − Z_ρ) at the largest M: the direct bias estimate
  for (let q = 0; q < S; q++) {
    const all = gaussianPathCoefficients(law, ladder[J - 1], s.seed * 65536 + q);
    const Z = ladder.map((M, j) => {
      const sol = finiteWidth(all, d, 0, M, x, subject);
      floors[j] = Math.max(floors[j], ref.errorEstimate + sol.errorEstimate);
      return sol.z;
    });
    errors.push(Z.map((z) => norm(z.map((v, i) => v - ref.z[i]))));
    Z[J - 1].forEach((v, i) => (topSum[i] += v - ref.z[i]));
    halfSplit.push(ladder.slice(0, J - 1).map((M, j) => {
      const second = finiteWidth(all, d, M, M, x, subject).z;
      return Array.from(Z[j], (v, i) => 0.5 * (v + second[i]) - Z[j + 1][i]);
    }));
  }
  const rms = ladder.map((_, j) => Math.sqrt(errors.reduce((acc, r) => acc + r[j] ** 2, 0) / S));
  const points = ladder.map((n, j) => ({ n, e: rms[j], floor: floors[j] }));
  const used = asymptoticRange(points).map((p) => p.n);
  const bias = biasFigures(ladder.slice(0, J - 1), halfSplit, S);
  const directBias = norm(topSum) / S;
  if (used.length < 3) {
    return { ok: true, decided: false, reason: TOO_FEW_RUNGS, figures: {}, detail: `fewer than 3 usable rungs (RMS ${rms.map((v) => v.toPrecision(2)).join(', ')})` };
  }
  const cols = used.map((n) => ladder.indexOf(n));
  const fit = ensembleRate(used, errors.map((r) => cols.map((j) => r[j])), { seed: s.seed, level: DECISION_LEVEL });
  const decision = decideExponent(fit, CLAIMED, BAND);
  const quantity = `RMS over ${S} seeds of |Z_M(1;x) − Z_ρ(1;x)|`;
  const rate: RateReport = { quantity, size: 'M', claimed: CLAIMED, band: BAND, fit, points, used, referenceError: ref.errorEstimate };
  return {
    ok: decision !== 'fail',
    decided: decision !== 'undecided',
    reason: INTERVAL_TOO_WIDE,
    rate,
    figures: {
      widthExponent: fit.exponent,
      widthExponentLo: fit.lo,
      widthExponentHi: fit.hi,
      rmsAtMaxM: rms[J - 1],
      biasExponent: bias.exponent,
      biasAtMaxM: directBias,
      halfSplitBias: bias.last,
      referenceError: ref.errorEstimate,
    },
    detail:
      `d=${d} ${s.paths} paths |ū|=${s.uMean.toPrecision(3)} s_u=${s.uStd.toPrecision(3)} s_w=${s.wStd.toPrecision(3)} ` +
      `s_b=${s.bStd.toPrecision(3)} seed=${s.seed}: RMS exponent ${fit.exponent.toFixed(3)} [${fit.lo.toFixed(3)}, ${fit.hi.toFixed(3)}] ` +
      `over M = ${used.join(', ')} (${decision}; must meet [${CLAIMED - BAND}, ${CLAIMED + BAND}]); bias exponent ` +
      `${bias.exponent.toFixed(2)} (half-split); reference error ${ref.errorEstimate.toExponential(1)}`,
  };
}

/**
 * The bias exponent from the half-split differences: |mean_s D_j| over rungs where it stands 3 standard errors
 * above its noise (fewer than 3 such rungs: NaN), fitted by logLogFit; `last` = 2|mean D| at the last rung
 * (the bias at that M if bias ∝ 1/M).
 */
function biasFigures(sizes: number[], D: number[][][], S: number): { exponent: number; last: number } {
  const pts: { n: number; e: number }[] = [];
  let last = NaN;
  sizes.forEach((n, j) => {
    const d = D[0][j].length;
    const mean = Array.from({ length: d }, (_, i) => D.reduce((acc, r) => acc + r[j][i], 0) / S);
    const variance = Array.from({ length: d }, (_, i) => D.reduce((acc, r) => acc + (r[j][i] - mean[i]) ** 2, 0) / (S - 1));
    const e = norm(mean);
    const se = Math.sqrt(variance.reduce((a, b) => a + b, 0) / S);
    last = 2 * e;
    if (e >= 3 * se && e > 0) pts.push({ n, e });
  });
  return { exponent: pts.length >= 3 ? logLogFit(pts).exponent : NaN, last };
}

export function widthScenarios(profile: Profile): fc.Arbitrary<WidthScenario> {
  return fc
    .record({
      d: fc.integer({ min: 1, max: 3 }),
      uMean: logScale(0.5, 2),
      uStd: logScale(0.25, 2),
      wStd: logScale(0.25, 2),
      bStd: logScale(0.25, 1),
      paths: fc.constantFrom('linear' as const, 'constant' as const),
      seed: fc.integer({ min: 0, max: 2 ** 31 - 1 }),
    })
    .map((r) => ({ ...r, ...LADDERS[profile] }));
}

/** The planted bug: the layer map (1/sqrt(M)) Σ_m f = (1/M) Σ_m (sqrt(M) u_m) σ(…). */
export function sqrtMScaling(paths: LinearPaths): LinearPaths {
  const k = 2 * paths.d + 1;
  const f = Math.sqrt(paths.M);
  const [a, c] = [Float64Array.from(paths.a), Float64Array.from(paths.c)];
  for (let m = 0; m < paths.M; m++) for (let j = 0; j < paths.d; j++) [a[m * k + j], c[m * k + j]] = [f * a[m * k + j], f * c[m * k + j]];
  return { ...paths, a, c };
}

export const widthRateClaim = defineClaim<WidthScenario, PathsSubject>({
  id: 'width-rate',
  catalogue: 2,
  title: 'RMS over seeds of |Z_M(1;x) − Z_ρ(1;x)| ∝ M^{-1/2} at initialisation (bias O(1/M))',
  source: '[DCLW-b] Lemma F.1 / Thm E.1 (E|error|² ≤ C/M); analytic Gaussian reference: theory.md §4 (our derivation)',
  assumptions: ['σ(r) = exp(−r²/2); Gaussian linear or constant paths with ū ≠ 0', 'continuous depth (L = ∞), RK4 step doubling to 1e-7 absolute'],
  tolerance:
    'decideExponent(fit, −0.5, 0.1): the bootstrap interval (over seeds, t_{S−1} quantile) at the run\'s false-alarm budget level 1 − 10⁻⁵ (falseAlarmBudget.ts) of the RMS exponent on the 4 largest ' +
    'usable M must meet [−0.6, −0.4]; the band covers the O(1/M) bias, whose share of the RMS² is O(1/M) (note)',
  budget: { quick: 2, ci: 3, full: 6 },
  /** Bootstrap or Clopper–Pearson decisions per scenario, each at src/check/falseAlarmBudget.ts DECISION_LEVEL. */
  statisticalDecisions: 1,
  scenarios: widthScenarios,
  figures: {
    widthExponent: { worst: 'max', description: 'fitted exponent of the RMS error in M (claimed −0.5)' },
    widthExponentLo: { worst: 'max', description: 'lower end of its bootstrap interval (level 1 − 10⁻⁵)' },
    widthExponentHi: { worst: 'max', description: 'upper end of its bootstrap interval (level 1 − 10⁻⁵)' },
    rmsAtMaxM: { worst: 'max', description: 'RMS error at the largest M' },
    biasExponent: { worst: 'max', description: 'exponent of the bias from half-split differences (≈ −1), NaN if unresolved' },
    biasAtMaxM: { worst: 'max', description: '|mean over seeds of Z_M − Z_ρ| at the largest M (noise ~ RMS/sqrt(S))' },
    halfSplitBias: { worst: 'max', description: '2|mean D| at the last half-split rung: the bias there if it is ∝ 1/M' },
    referenceError: { worst: 'max', description: 'error estimate of the float64 mean-field reference' },
  },
  measure,
  nominal: (paths) => paths,
  control: {
    description: 'planted bug: the layer map scaled by 1/sqrt(M) instead of 1/M',
    subject: sqrtMScaling,
    // Not shrunk (every candidate costs a whole ensemble, and the bug fails every scenario alike), and with a
    // eighth of the seeds: the planted field needs ~10× more RK4 steps, and fewer seeds only weaken the test.
    scenarios: (profile) => fc.noShrink(widthScenarios(profile).map((s) => ({ ...s, seeds: Math.max(8, s.seeds / 8) }))),
  },
});
