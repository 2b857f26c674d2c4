/**
 * Claim 1 (theory.md §6): for Lipschitz (linear) depth paths the depth error max_i |z_L(x_i) − z(1; x_i)| of the
 * discrete ResNet against the continuous-depth model on the same paths is O(1/L): exponent −1 on log–log.
 * Note: proofs-notes/depth-rate.md. Negative control: Hölder-1/2 lacunary paths (exponent −1/2).
 */
import fc from 'fast-check';
import { type ActivationName, makeActivation } from '../src/activations/index.js';
import { loadDataset } from '../src/data/index.js';
import type { Dataset } from '../src/data/dataset.js';
import { type DepthPathKind, type DepthPaths, depthPaths, discretize, solveContinuousDepth } from '../src/limit/index.js';
import { type Subject, builtinSubject, subjectFinalStates } from '../src/subject/index.js';
import { gamma } from '../src/numeric/index.js';
import { type FlooredPoint, asymptoticRange, decidedLadder, decideExponent, INTERVAL_TOO_WIDE, TOO_FEW_RUNGS, logLogFit } from '../src/stats/index.js';
import type { Measurement, Profile, RateReport } from '../src/check/claim.js';
import { defineClaim } from '../src/check/defineClaim.js';
import { logScale } from '../src/check/scenarios.js';

/** One scenario of the depth claims: paths of a kind on a data set; the depth L runs over a ladder. */
export interface DepthScenario {
  d: number;
  N: number;
  M: number;
  activation: ActivationName;
  kind: DepthPathKind;
  scale: number;
  dataset: 'ball' | 'teacher' | 'iris';
  seed: number;
  /** Largest depth of the ladder L = 8, 16, …, maxL (set by the profile). */
  maxL: number;
}

/** Smooth activations (RK4 keeps its order 4, so step doubling reaches the tolerance): not the C^{1,1} regularised ReLU, not cubic. */
export const DEPTH_ACTIVATIONS = ['identity', 'tanh', 'sigmoid', 'softplus', 'sin', 'gaussian'] as const;

/** Size box per profile (d, N, M) and the depth ladder L = 8·2^j up to maxL. */
export const DEPTH_SIZES: Record<Profile, { d: number; N: number; M: number; maxL: number }> = {
  quick: { d: 3, N: 4, M: 8, maxL: 128 },
  ci: { d: 4, N: 8, M: 16, maxL: 512 },
  full: { d: 5, N: 16, M: 32, maxL: 1024 },
};

/** L = 8, 16, …, maxL. */
export function depthLadder(maxL: number): number[] {
  const out: number[] = [];
  for (let L = 8; L <= maxL; L *= 2) out.push(L);
  return out;
}

/** The largest depth an undecided depth ladder is extended to (decidedLadder). */
export const EXTENDED_MAX_L = 4096;

/** Scenarios of a path kind within the profile's box (max overrides it, e.g. smaller controls). */
export function depthScenarios(profile: Profile, kind: DepthPathKind, max: Partial<{ d: number; N: number; M: number }> = {}): fc.Arbitrary<DepthScenario> {
  const box = { ...DEPTH_SIZES[profile], ...max };
  return fc.record({
    d: fc.integer({ min: 1, max: box.d }),
    N: fc.integer({ min: 1, max: box.N }),
    M: fc.integer({ min: 1, max: box.M }),
    activation: fc.constantFrom(...DEPTH_ACTIVATIONS),
    kind: fc.constant(kind),
    scale: logScale(0.25, 2),
    dataset: fc.constantFrom('ball' as const, 'teacher' as const),
    seed: fc.integer({ min: 0, max: 2 ** 31 - 1 }),
    maxL: fc.constant(box.maxL),
  });
}

/** The Iris example (d = 4) that every nominal run starts with. */
export function irisDepthExample(profile: Profile): DepthScenario {
  const box = DEPTH_SIZES[profile];
  return { d: 4, N: box.N, M: box.M, activation: 'tanh', kind: 'linear', scale: 1, dataset: 'iris', seed: 1, maxL: box.maxL };
}

/** The paths and data of a scenario. */
export function buildDepthScenario(s: DepthScenario): { paths: DepthPaths; data: Dataset } {
  const d = s.dataset === 'iris' ? 4 : s.d;
  const data = loadDataset(s.dataset, { ...(s.dataset === 'iris' ? {} : { d }), N: s.N, seed: s.seed });
  const paths = depthPaths({ kind: s.kind, d, M: s.M, activation: makeActivation({ name: s.activation }), seed: s.seed, scale: s.scale });
  return { paths, data };
}

export function describeDepthScenario(s: DepthScenario): string {
  return `${s.activation} ${s.kind} paths d=${s.dataset === 'iris' ? 4 : s.d} N=${s.N} M=${s.M} scale=${s.scale.toPrecision(3)} ${s.dataset} seed=${s.seed}`;
}

/**
 * Reference tolerance (absolute, RK4 step doubling): 1e-10 for linear paths, 1e-8 for grid paths (their errors are
 * ≥ 10^-3 on the ladder, and a tighter tolerance multiplies the 2^12-cell solve by 4). Either way asymptoticRange
 * keeps only rungs whose error is ≥ 100× the estimate (plus rounding), so a tolerance too loose for a scenario makes
 * it undecided, never a false verdict.
 */
export function referenceTolerance(kind: DepthPathKind): number {
  return kind === 'linear' ? 1e-10 : 1e-8;
}

const CLAIMED = -1;
const BAND = 0.1;

/** The subject's z_L (capability outputs) on the discretised paths at each L of the ladder, against the continuous-depth z(1). */
function measure(s: DepthScenario, subject: Subject): Measurement {
  const { paths, data } = buildDepthScenario(s);
  const ref = solveContinuousDepth(paths, data, { tol: referenceTolerance(s.kind), adjoint: false });
  let zMax = 1;
  for (const v of ref.zEnd) zMax = Math.max(zMax, Math.abs(v));
  const points: FlooredPoint[] = decidedLadder(depthLadder(s.maxL), EXTENDED_MAX_L, (L) => {
    const zL = subjectFinalStates(subject, discretize(paths, L), data);
    let e = 0;
    for (let q = 0; q < zL.length; q++) e = Math.max(e, Math.abs(zL[q] - ref.zEnd[q]));
    // Rounding of z_L: each layer adds ≤ γ_{M+d+2}(|z| + |F|) ≤ 2γ_{M+d+2}·max(1, |z|) per coordinate (4× margin).
    return { n: L, e: Number.isFinite(e) ? e : Infinity, floor: ref.errorEstimate + 8 * L * gamma(paths.M + paths.d + 2) * zMax };
  });
  return rateMeasurement(s, points, ref.errorEstimate, '|z_L(x_i) − z(1; x_i)| (max over i, coordinates)');
}

/** Fit, decide and report a depth ladder (shared with the scaled-gradient claim). */
export function rateMeasurement(s: DepthScenario, points: FlooredPoint[], referenceError: number, quantity: string): Measurement {
  const used = asymptoticRange(points);
  const label = describeDepthScenario(s);
  const ladder = points.map((p) => `${p.n}:${p.e.toExponential(2)}`).join(' ');
  if (used.length === 0) {
    return { ok: true, decided: false, reason: TOO_FEW_RUNGS, detail: `${label}: fewer than 3 ladder points above 100× their floor (${ladder})`, figures: { referenceError } };
  }
  const fit = logLogFit(used);
  const decision = decideExponent(fit, CLAIMED, BAND);
  const rate: RateReport = { quantity, size: 'L', claimed: CLAIMED, band: BAND, fit, points, used: used.map((p) => p.n), referenceError };
  return {
    ok: decision !== 'fail',
    decided: decision !== 'undecided',
    reason: INTERVAL_TOO_WIDE,
    detail:
      `${label}: exponent ${fit.exponent.toFixed(3)} [${fit.lo.toFixed(3)}, ${fit.hi.toFixed(3)}] (${fit.method}) over L = ` +
      `${used.map((p) => p.n).join(', ')}; must meet [${CLAIMED - BAND}, ${CLAIMED + BAND}]; reference error ${referenceError.toExponential(2)}; ladder ${ladder}`,
    figures: { exponent: fit.exponent, intervalWidth: fit.hi - fit.lo, referenceError },
    rate,
  };
}

export const depthRateClaim = defineClaim<DepthScenario, Subject>({
  id: 'depth-rate',
  catalogue: 1,
  title: '|z_L − z(1)| = O(1/L) for Lipschitz depth paths',
  source: '[DCLW-b] Lemma G.1 and Thm E.2 (depth error of limit-admissible paths); theory.md §5, §6 item 1',
  assumptions: ['linear (Lipschitz) depth paths θ_{l,m} = θ_m(l/L)', 'σ smooth (C², so RK4 keeps order 4)', 'same paths for every L'],
  tolerance:
    'OLS fit of log e on log L over the 4 largest L whose error is ≥ 100× its floor (RK4 error estimate + a rounding ' +
    'bound), 99% t-interval; passes when it meets [−1.1, −0.9] (0.1 = the O(1/L²) pre-asymptotic bias allowed at L ≥ 64), ' +
    'fails when it lies outside, undecided when wider than 0.5 (src/stats/asymptoticRange.ts)',
  budget: { quick: 10, ci: 24, full: 40 },
  statisticalDecisions: 0,
  scenarios: (profile) => depthScenarios(profile, 'linear'),
  examples: (profile) => [irisDepthExample(profile)],
  figures: {
    exponent: { worst: 'max', description: 'fitted exponent of the depth error in L (claimed −1)' },
    intervalWidth: { worst: 'max', description: 'width of the 99% interval of the exponent' },
    referenceError: { worst: 'max', description: 'RK4 step-doubling error estimate of z(1)' },
  },
  measure,
  needs: ['outputs'],
  nominal: builtinSubject,
  control: {
    description:
      'out of assumption: Hölder-1/2 lacunary (Weierstrass-type) paths, not Lipschitz; the dyadic ladder aliases their ' +
      'high frequencies, giving exponent −1/2 (d ≤ 3, N ≤ 4, M ≤ 8 to keep the 4096-cell reference cheap)',
    scenarios: (profile) => depthScenarios(profile, 'lacunary', { d: 3, N: 4, M: 8 }),
  },
});
