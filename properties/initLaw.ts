/**
 * The subject's initialisation is the mean-field linear-path law (theory.md §3): θ_{l,m} = a_m + (l/L) c_m with
 * a_m, c_m i.i.d. N(0, scale² I_{2d+1}), as the subject draws it (capability init). Two checks per scenario, on
 * R draws with distinct seeds and one repeated seed:
 * - paths (deterministic): every θ_{l,m} is finite and equals a + (l/L) c, with a = θ_0 and c recovered from the
 *   end points, within a rounding allowance; no two seeds give the same draw; the repeated seed gives the same bits;
 * - law (one statistical decision at DECISION_LEVEL, split by Bonferroni over eight tests): the pooled entries of
 *   a/scale and of c/scale have mean 0 (z-test), variance 1 (χ² test of Σ x² with n degrees of freedom) and the
 *   N(0, 1) distribution (Pearson's χ² test over 32 equiprobable bins of N(0, 1)), the 2(2d+1) entries of
 *   (a_m, c_m) are uncorrelated (z-test of the sum of their pairwise products), and each entry of a is
 *   uncorrelated with the same entry of c (z-test of Σ a c: a path sampled at t_l = (l+δ)/L has intercept
 *   a + (δ/L) c, correlated with c).
 * Note: proofs-notes/init-law.md. Negative control: entries of standard deviation 0.97·scale (variance −6 %).
 */
import fc from 'fast-check';
import chisquareQuantile from '@stdlib/stats-base-dists-chisquare-quantile';
import normalQuantile from '@stdlib/stats-base-dists-normal-quantile';
import type { Measurement, Profile } from '../src/check/claim.js';
import { defineClaim } from '../src/check/defineClaim.js';
import { DECISION_ALPHA } from '../src/check/falseAlarmBudget.js';
import { UNIT_ROUNDOFF as u } from '../src/numeric/index.js';
import { type InitCase, type Subject, builtinSubject, variedSubject } from '../src/subject/index.js';
import { initNetwork } from '../src/init/index.js';
import { identity } from '../src/activations/index.js';

export interface InitScenario {
  d: number;
  L: number;
  M: number;
  scale: number;
  /** Seed of the first draw; draw r uses seed + r. */
  seed: number;
}

/**
 * Entries of a (and of c) pooled per scenario: enough that a variance off by 5 % and a correlation of 0.05 between a
 * and c (a path at t_l = (l + 0.1)/L with L = 2) are detected (proofs-notes/init-law.md).
 */
export const POOLED_ENTRIES = 24_576;

/** Rounding allowance of the path check: |θ_l − (a + (l/L) c)| ≤ PATH_ROUNDINGS · u · (|a| + |c|) (see the note). */
export const PATH_ROUNDINGS = 64;

/** The eight tests of the law split the decision's false-alarm probability α: each gets α/8, each side of a two-sided one α/16. */
export const LAW_TESTS = 8;
const TAIL = DECISION_ALPHA / (2 * LAW_TESTS);

/** Draws per scenario with distinct seeds: ⌈POOLED_ENTRIES / (M (2d + 1))⌉ (one more case repeats the first seed). */
export function drawsOf(s: Pick<InitScenario, 'd' | 'M'>): number {
  return Math.ceil(POOLED_ENTRIES / (s.M * (2 * s.d + 1)));
}

function describe(s: InitScenario): string {
  return `d=${s.d} L=${s.L} M=${s.M} scale=${s.scale} seeds ${s.seed}…${s.seed + drawsOf(s) - 1} and ${s.seed} again`;
}

/** Equiprobable bins of N(0, 1) for the goodness-of-fit test: edges Φ⁻¹(i/BINS), i = 1 … BINS − 1. */
export const BINS = 32;
const EDGES = Array.from({ length: BINS - 1 }, (_, i) => normalQuantile((i + 1) / BINS, 0, 1));

/** The bin of x among EDGES (binary search): the number of edges ≤ x. */
function binOf(x: number): number {
  let [lo, hi] = [0, EDGES.length];
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (EDGES[mid] <= x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * Of x = entries / scale: the z-statistic of the mean, the χ² statistic Σ x², and Pearson's statistic
 * Σ_bins (count − n/BINS)² / (n/BINS) over BINS equiprobable bins of N(0, 1) (χ² with BINS − 1 degrees of freedom).
 */
function moments(values: Float64Array, scale: number): { z: number; chi2: number; pearson: number } {
  let sum = 0;
  let squares = 0;
  const counts = new Float64Array(BINS);
  for (const v of values) {
    const x = v / scale;
    sum += x;
    squares += x * x;
    counts[binOf(x)]++;
  }
  const expected = values.length / BINS;
  let pearson = 0;
  for (const c of counts) pearson += ((c - expected) * (c - expected)) / expected;
  return { z: sum / Math.sqrt(values.length), chi2: squares, pearson };
}

/**
 * z-statistic of Σ over neurons of Σ_{q < q'} x_q x_{q'}, x = (a_m, c_m)/scale (2k entries): under independent N(0, 1)
 * entries each product has mean 0 and variance 1 and the products are uncorrelated, so the sum has variance
 * (neurons)·2k(2k − 1)/2.
 */
function crossCorrelation(a: Float64Array, c: Float64Array, k: number, scale: number): number {
  const neurons = a.length / k;
  const x = new Float64Array(2 * k);
  let sum = 0;
  for (let m = 0; m < neurons; m++) {
    for (let q = 0; q < k; q++) [x[q], x[k + q]] = [a[m * k + q] / scale, c[m * k + q] / scale];
    // Σ_{q<q'} x_q x_q' = ((Σ x)² − Σ x²)/2
    let s1 = 0;
    let s2 = 0;
    for (const v of x) [s1, s2] = [s1 + v, s2 + v * v];
    sum += (s1 * s1 - s2) / 2;
  }
  return sum / Math.sqrt((neurons * 2 * k * (2 * k - 1)) / 2);
}

/** z-statistic of Σ_p a_p c_p / scale² over the pooled entries: each product has mean 0 and variance 1 under independence. */
function sameEntryCorrelation(a: Float64Array, c: Float64Array, scale: number): number {
  let sum = 0;
  for (let p = 0; p < a.length; p++) sum += (a[p] / scale) * (c[p] / scale);
  return sum / Math.sqrt(a.length);
}

function measure(s: InitScenario, subject: Subject): Measurement {
  const { d, L, M, scale } = s;
  const k = 2 * d + 1;
  const R = drawsOf(s);
  const cases: InitCase[] = Array.from({ length: R + 1 }, (_, r) => ({ d, L, M, scale, seed: s.seed + (r % R) }));
  const answers = subject.init(cases);
  const draws = answers.slice(0, R);
  const n = R * M * k;
  const a = new Float64Array(n);
  const c = new Float64Array(n);
  let worstPath = 0;
  let worstAt = '';
  for (const [r, theta] of draws.entries()) {
    for (let p = 0; p < M * k; p++) {
      const a0 = theta[p];
      const cp = ((theta[(L - 1) * M * k + p] - a0) * L) / (L - 1);
      a[r * M * k + p] = a0;
      c[r * M * k + p] = cp;
      const allowance = PATH_ROUNDINGS * u * (Math.abs(a0) + Math.abs(cp));
      for (let l = 0; l < L; l++) {
        const value = theta[l * M * k + p];
        const where = `draw ${r} (seed ${cases[r].seed}), layer ${l}, neuron ${Math.floor(p / k)}, entry ${p % k}`;
        if (!Number.isFinite(value)) return { ok: false, detail: `${describe(s)}: θ is not finite at ${where}: ${value}`, figures: { pathDeviationOverAllowance: Infinity } };
        const dev = Math.abs(value - (a0 + (l / L) * cp));
        const ratio = dev === 0 ? 0 : dev / allowance;
        if (ratio > worstPath) {
          const float32 = dev / ((Math.abs(a0) + Math.abs(cp)) * 2 ** -24);
          const hint = float32 > 0.05 && float32 < 20 ? `; the deviation is ${float32.toPrecision(2)} × 2⁻²⁴ (|a| + |c|): t or θ rounded to float32?` : '';
          [worstPath, worstAt] = [ratio, `${where}: θ = ${value}, a + (l/L) c = ${a0 + (l / L) * cp}${hint}`];
        }
      }
    }
  }
  if (!(worstPath <= 1)) {
    return {
      ok: false,
      detail: `${describe(s)}: θ_{l,m} is not a + (l/L) c along depth: |deviation| / rounding allowance = ${worstPath.toPrecision(3)} (${worstAt}); must be ≤ 1`,
      figures: { pathDeviationOverAllowance: worstPath },
    };
  }
  const seen = new Map<string, number>();
  for (const [r, theta] of draws.entries()) {
    const key = theta.join(',');
    const first = seen.get(key);
    if (first !== undefined) {
      return { ok: false, detail: `${describe(s)}: seeds ${cases[first].seed} and ${cases[r].seed} give the same draw (the seed is ignored)`, figures: { pathDeviationOverAllowance: worstPath } };
    }
    seen.set(key, r);
  }
  if (!answers[R].every((v, p) => Object.is(v, draws[0][p]))) {
    return { ok: false, detail: `${describe(s)}: seed ${s.seed} asked twice in one request gives two different draws (not seeded by the seed: the draws cannot be replayed)`, figures: { pathDeviationOverAllowance: worstPath } };
  }
  const zLimit = normalQuantile(1 - TAIL, 0, 1);
  const [chi2Low, chi2High] = [chisquareQuantile(TAIL, n), chisquareQuantile(1 - TAIL, n)];
  const pearsonLimit = chisquareQuantile(1 - 2 * TAIL, BINS - 1);
  const stats = { a: moments(a, scale), c: moments(c, scale) };
  const problems: string[] = [];
  for (const [name, m] of Object.entries(stats)) {
    if (Math.abs(m.z) > zLimit) problems.push(`mean of ${name}/scale: z = ${m.z.toFixed(2)} outside ±${zLimit.toFixed(2)}`);
    if (m.chi2 < chi2Low || m.chi2 > chi2High) {
      // a path evaluated at t = l/(L−1) instead of l/L inflates the recovered c by L/(L−1): name it when that fits
      const atLminus1 = name === 'c' && Math.abs(m.chi2 / stats.a.chi2 - (L / (L - 1)) ** 2) < 0.1 ? ` (≈ (L/(L−1))² = ${((L / (L - 1)) ** 2).toFixed(3)} times a's: a path at t = l/(L−1) instead of l/L?)` : '';
      problems.push(`variance of ${name}/scale: ${(m.chi2 / n).toFixed(4)} outside [${(chi2Low / n).toFixed(4)}, ${(chi2High / n).toFixed(4)}]${atLminus1}`);
    }
    if (m.pearson > pearsonLimit) problems.push(`law of ${name}/scale: Pearson χ² over ${BINS} equiprobable bins of N(0, 1) = ${m.pearson.toFixed(1)} above ${pearsonLimit.toFixed(1)}`);
  }
  const zCross = crossCorrelation(a, c, k, scale);
  if (Math.abs(zCross) > zLimit) problems.push(`the entries of (a_m, c_m) are correlated: z = ${zCross.toFixed(2)} outside ±${zLimit.toFixed(2)}`);
  const zSame = sameEntryCorrelation(a, c, scale);
  if (Math.abs(zSame) > zLimit) {
    // a path sampled at t_l = (l + δ)/L has a = a_true + (δ/L) c: correlation ≈ δ/L, so δ ≈ L ρ
    const rho = zSame / Math.sqrt(n);
    problems.push(`each entry of a is correlated with the same entry of c: z = ${zSame.toFixed(2)} outside ±${zLimit.toFixed(2)} (correlation ${rho.toFixed(3)}; a path sampled at t_l = (l + δ)/L instead of l/L gives ≈ δ/L, here δ ≈ ${(L * rho).toFixed(2)})`);
  }
  const [aVariance, cVariance] = [stats.a.chi2 / n, stats.c.chi2 / n];
  const figures = {
    pathDeviationOverAllowance: worstPath,
    varianceOff: Math.max(Math.abs(aVariance - 1), Math.abs(cVariance - 1)),
    worstAbsZ: Math.max(Math.abs(stats.a.z), Math.abs(stats.c.z), Math.abs(zCross), Math.abs(zSame)),
    pearsonOverLimit: Math.max(stats.a.pearson, stats.c.pearson) / pearsonLimit,
  };
  return {
    ok: problems.length === 0,
    detail:
      `${describe(s)}: n = ${n} entries each of a and c; ` +
      (problems.length > 0 ? `not i.i.d. N(0, scale²): ${problems.join('; ')}` : `variance/scale² ${aVariance.toFixed(4)} (a), ${cVariance.toFixed(4)} (c), |z| ≤ ${figures.worstAbsZ.toFixed(2)}, binned χ² ≤ ${figures.pearsonOverLimit.toFixed(2)} of its limit, paths within ${worstPath.toPrecision(2)} of the allowance`) +
      ` (each test at two-sided level ${(2 * TAIL).toExponential(2)})`,
    figures,
  };
}

export function scenariosOf(profile: Profile): fc.Arbitrary<InitScenario> {
  return fc.record({
    d: fc.integer({ min: 1, max: profile === 'quick' ? 2 : 3 }),
    L: fc.integer({ min: 2, max: 12 }),
    M: fc.integer({ min: 8, max: 128 }),
    scale: fc.constantFrom(0.25, 0.5, 1, 2, 3),
    seed: fc.integer({ min: 0, max: 2 ** 30 }),
  });
}

/** Negative control: the linear-path initialisation with entries of standard deviation 0.97·scale (variance 0.9409 scale²). */
export const narrowInitSubject: Subject = variedSubject('resnet-mf with its initialisation 3 % too narrow', {
  init: ({ d, L, M, scale, seed }) => initNetwork({ d, L, M, scale: 0.97 * scale, seed, activation: identity, init: 'linear' }).theta,
});

export const initLawClaim = defineClaim<InitScenario, Subject>({
  id: 'init-law',
  catalogue: null,
  title: "The subject's initialisation is the linear-path law: θ_{l,m} = a_m + (l/L) c_m, a_m, c_m i.i.d. N(0, scale² I)",
  source: 'theory.md §3 (depth-path initialisation, linear paths); docs/subject-protocol.md (init)',
  assumptions: ['the subject draws from a generator whose draws for distinct seeds are independent'],
  tolerance:
    `paths: |θ_l − (a + (l/L) c)| ≤ ${PATH_ROUNDINGS} u (|a| + |c|) (a few roundings of any formula of a + t c, with c recovered from the end points); ` +
    'law: for a and for c, z-test of the mean, χ²_n test of Σ (x/scale)², Pearson χ²_31 over 32 equiprobable bins of N(0, 1); z-test of the pairwise products of the entries of (a_m, c_m); z-test of Σ a c (same entries); each of the 8 tests at DECISION_ALPHA/8 (Bonferroni: one decision at DECISION_LEVEL)',
  budget: { quick: 2, ci: 4, full: 4 }, // full at 4: the registry's full profile then makes exactly MAX_DECISIONS = 100 decisions
  statisticalDecisions: 1,
  scenarios: scenariosOf,
  // scale 2 in the first fixed example: a scale applied as a variance (scale²) or to some entries only is then caught
  // at once; L = 2 in the second, where a path sampled at t_l = (l + δ)/L correlates a and c most (≈ δ/2)
  examples: () => [{ d: 2, L: 8, M: 64, scale: 2, seed: 1 }, { d: 1, L: 2, M: 64, scale: 1, seed: 2 }],
  figures: {
    pathDeviationOverAllowance: { worst: 'max', description: 'max |θ_l − (a + (l/L) c)| / rounding allowance (≤ 1 passes)' },
    varianceOff: { worst: 'max', description: 'max over a and c of |Σ (x/scale)² / n − 1| (0 in law)' },
    worstAbsZ: { worst: 'max', description: 'largest |z| of the two means and of the two correlation tests' },
    pearsonOverLimit: { worst: 'max', description: 'largest binned χ² of a and c over its rejection limit (≤ 1 passes)' },
  },
  measure,
  needs: ['init'],
  nominal: builtinSubject,
  control: { description: 'the initialisation drawn with standard deviation 0.97·scale (variance 6 % low)', subject: narrowInitSubject },
});
