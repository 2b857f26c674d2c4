/**
 * Deciding an order of convergence from a ladder of step sizes h_k = h_0·2^{−k}: the local slope
 * log2(ρ(h_k)/ρ(h_{k+1})) of a quantity ρ that behaves like C·h^p as h → 0.
 */

/** One rung: the measured quantity and whether it stands far enough above its rounding floor. */
export interface Rung {
  value: number;
  usable: boolean;
}

/**
 * Two consecutive slopes that differ by more than this are not yet in the asymptotic regime. Where the local
 * slope converges like p + a·h (a smooth expansion ρ = C h^p (1 + b h + …)), consecutive slopes differ by about
 * the remaining distance to p, so agreement within 0.1 puts their mean within ≈ 0.15 of p: well inside the
 * margin of 0.5 used to tell p from p − 1. (0.25 let a pre-asymptotic ladder through: slopes 0.37 and 0.59 on
 * an identity-activation scenario whose true order, reached 4 steps later, is 1.)
 */
export const SLOPE_AGREEMENT = 0.1;

/** Reasons of an undecided asymptoticSlope. */
export const SLOPES_DISAGREE = `local slopes differ by more than ${SLOPE_AGREEMENT}`;
export const TOO_FEW_USABLE_STEPS = 'fewer than 3 consecutive steps above the rounding floor';

/**
 * The asymptotic slope from the smallest usable steps: the two local slopes over the three smallest
 * consecutive usable rungs. If they agree within SLOPE_AGREEMENT, the slope is their mean; otherwise (or with
 * fewer than three usable consecutive rungs) the ladder never reached the asymptotic regime above the rounding
 * floor and the result is undecided (slope NaN).
 * @param rungs ordered by decreasing step, each step half the previous one
 */
export function asymptoticSlope(rungs: readonly Rung[]): { slope: number; decided: boolean; reason?: string } {
  for (let k = rungs.length - 3; k >= 0; k--) {
    const [a, b, c] = [rungs[k], rungs[k + 1], rungs[k + 2]];
    if (!(a.usable && b.usable && c.usable)) continue;
    const s1 = Math.log2(a.value / b.value);
    const s2 = Math.log2(b.value / c.value);
    if (Math.abs(s1 - s2) > SLOPE_AGREEMENT) return { slope: NaN, decided: false, reason: SLOPES_DISAGREE };
    return { slope: (s1 + s2) / 2, decided: true };
  }
  return { slope: NaN, decided: false, reason: TOO_FEW_USABLE_STEPS };
}
