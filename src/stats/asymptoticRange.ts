/**
 * Which sizes of a ladder enter a rate fit, and how a fitted exponent decides a claim. One rule for every
 * rate claim, written down here rather than tuned per run.
 *
 * Range: a point is usable when its error stands at least FLOOR_FACTOR times above its floor (the reference's
 * own error estimate plus the rounding bound of the quantity); the fit takes the FIT_POINTS largest usable
 * sizes (the asymptotic end of the ladder). Fewer than 3 usable points: undecided. The factor 100 keeps the
 * reference's share of a fitted error below 1 %, so it moves a fitted exponent by less than 0.01. For a Monte
 * Carlo reference, whose error falls like 1/sqrt(samples), it costs 10^4 times the samples of the rung it
 * validates; src/limit/largeWidth.ts meets it with antithetic neuron pairs rather than a looser factor.
 *
 * Decision: a claim "e ∝ n^p" with allowance `band` (the pre-asymptotic bias the finite ladder may carry) is
 *  - undecided when the interval is wider than MAX_INTERVAL_WIDTH (too noisy to tell p from p ± 1/2),
 *  - pass when the interval [lo, hi] meets [p − band, p + band],
 *  - fail when it lies wholly outside: at level 1 − α, a true exponent inside the band is rejected with
 *    probability at most α per scenario (the interval misses it on one side or the other; ≈ α/2 when it sits
 *    at an edge of the band), the false-alarm rate we state for ensembles. For one deterministic ladder the
 *    residuals are its curvature, not noise, and the interval carries no probability.
 */
import { type ExponentFit, type LadderPoint, logLogFit } from './logLogFit.js';

/** A usable point's error must be ≥ this multiple of its floor. */
export const FLOOR_FACTOR = 100;
/** Number of the largest usable sizes that enter the fit. */
export const FIT_POINTS = 4;
/** Intervals wider than this cannot separate exponents 1/2 apart (p = −1 vs −1/2): undecided. */
export const MAX_INTERVAL_WIDTH = 0.5;

/** A ladder point with the floor below which its error is not a measurement of the rate. */
export interface FlooredPoint extends LadderPoint {
  floor: number;
}

/**
 * The FIT_POINTS largest sizes whose error is ≥ FLOOR_FACTOR × floor, in increasing n; [] if fewer than 3.
 * @param points in any order
 */
export function asymptoticRange(points: readonly FlooredPoint[], fitPoints = FIT_POINTS): LadderPoint[] {
  const usable = points.filter((p) => p.e > 0 && Number.isFinite(p.e) && p.e >= FLOOR_FACTOR * p.floor).sort((a, b) => a.n - b.n);
  const chosen = usable.slice(-fitPoints);
  return chosen.length >= 3 ? chosen.map(({ n, e }) => ({ n, e })) : [];
}

export type ExponentDecision = 'pass' | 'fail' | 'undecided';

/** The reason of a scenario left undecided because fewer than 3 rungs stand FLOOR_FACTOR above their floor. */
export const TOO_FEW_RUNGS = `fewer than 3 rungs above ${FLOOR_FACTOR}× their floor`;
/** The reason of a scenario left undecided by decideExponent. */
export const INTERVAL_TOO_WIDE = `exponent interval wider than ${MAX_INTERVAL_WIDTH}`;

/**
 * @param claimed the exponent p the theory states (e.g. −1 for the depth rate)
 * @param band allowance around p (e.g. 0.1)
 */
export function decideExponent(fit: ExponentFit, claimed: number, band: number): ExponentDecision {
  if (!(fit.hi - fit.lo <= MAX_INTERVAL_WIDTH)) return 'undecided';
  return fit.hi >= claimed - band && fit.lo <= claimed + band ? 'pass' : 'fail';
}

/**
 * A deterministic ladder of sizes n (each twice the previous), extended by doubling n up to `maxN` while its fit
 * would be undecided (fewer than 3 rungs above FLOOR_FACTOR × floor, or an interval wider than
 * MAX_INTERVAL_WIDTH). One ladder's interval measures its curvature, the pre-asymptotic O(1/n²) share, which
 * falls like 1/n: going further decides the scenario instead of leaving it undecided. A ladder already decided
 * is not extended, so no decided verdict changes; a ladder whose last error is at its floor cannot be decided
 * further and stops. Not for ensembles, whose interval is noise, not curvature.
 * @param initial the ladder's sizes, increasing, each twice the previous
 * @param pointAt the measured error of size n with its floor
 * @returns the points of `initial` and of the sizes added
 */
export function decidedLadder(initial: readonly number[], maxN: number, pointAt: (n: number) => FlooredPoint): FlooredPoint[] {
  const points = initial.map(pointAt);
  for (let n = 2 * initial[initial.length - 1]; n <= maxN && !ladderDecides(points); n *= 2) {
    const last = points[points.length - 1];
    if (!(last.e >= FLOOR_FACTOR * last.floor)) break;
    points.push(pointAt(n));
  }
  return points;
}

/** True when the fit of the ladder's asymptotic range (logLogFit at its default level) is narrow enough to decide. */
function ladderDecides(points: readonly FlooredPoint[]): boolean {
  const used = asymptoticRange(points);
  if (used.length < 3) return false;
  const fit = logLogFit(used);
  return fit.hi - fit.lo <= MAX_INTERVAL_WIDTH;
}
