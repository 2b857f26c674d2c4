/**
 * Every (claim, profile, seed) that calibration (`resnet-mf calibrate`, docs/calibration.md) or a user ever
 * found failing or inconclusive on the correct implementation, as a regression case: each must now pass. A
 * scenario of such a run may be undecided, but only with its reason, and no more of them than the verdict
 * rule allows (src/check/combineVerdict.ts MAX_UNDECIDED_FRACTION).
 */
import { describe, expect, it } from 'vitest';
import { findClaim } from '../../properties/registry.js';
import type { Profile } from '../../properties/index.js';

interface Regression {
  claim: string;
  profile: Profile;
  seed: number;
  runs?: number;
  /** What it did before the fix. */
  was: string;
}

export const REGRESSIONS: Regression[] = [
  { claim: 'scaled-gradient', profile: 'ci', seed: 102, was: 'threw: the continuous-depth reference did not reach tol=1e-10 in 131072 RK4 steps (stiff identity scenario, M = 1)' },
  { claim: 'depth-rate', profile: 'ci', seed: 102, was: 'threw: the continuous-depth reference did not reach tol=1e-10 in 131072 RK4 steps' },
  { claim: 'scaled-gradient', profile: 'ci', seed: 99, was: 'threw: reference did not converge (issue 15 scan)' },
  { claim: 'scaled-gradient', profile: 'ci', seed: 123, was: 'threw: reference did not converge (issue 15 scan)' },
  { claim: 'scaled-gradient', profile: 'ci', seed: 169, was: 'threw, then shrank onto the tolerance-free "must decay" check (issue 15 scan)' },
  { claim: 'scaled-gradient', profile: 'ci', seed: 280, was: 'threw: reference did not converge (issue 15 scan)' },
  { claim: 'scaled-gradient', profile: 'ci', seed: 297, was: 'threw: reference did not converge (issue 15 scan)' },
  { claim: 'zero-loss', profile: 'quick', seed: 189883, was: 'failed: a slow teacher (E_y = 0.49) whose largest rung did not reach the absolute ε = 10⁻³ (n = 12 seeds)' },
  { claim: 'zero-loss', profile: 'quick', seed: 28, was: 'inconclusive: a slow teacher (E_y = 0.009) undecided "ladder too short" for ε = 10⁻²·E_y (log-progress 0.81)' },
  { claim: 'zero-loss', profile: 'ci', seed: 3, was: 'inconclusive: 1 of 2 scenarios undecided "ladder too short" for ε = 10⁻²·E_y (log-progress 0.90)' },
  { claim: 'depth-training', profile: 'quick', seed: 6, was: 'inconclusive: 1 of 4 scenarios undecided (M = 1 tanh trajectory whose depth differences do not converge by L = 1024)' },
  { claim: 'd1-obstruction', profile: 'quick', seed: 38, was: 'inconclusive: 2 of 10 scenarios certified at no step (L = 1, |u w| > 1)' },
  { claim: 'energy-dissipation', profile: 'quick', seed: 56, was: 'inconclusive: 2 of 10 scenarios with a vanishing gradient (dead or saturated units)' },
  { claim: 'step-order', profile: 'quick', seed: 87, was: 'inconclusive: 2 of 10 scenarios with a step ladder too curved to fit (interval wider than 0.5)' },
  { claim: 'displacement', profile: 'quick', seed: 53, was: 'inconclusive: 1 of 3 scenarios with its t(15) interval wider than 0.5 (16 seeds per width; issue 17, second session)' },
  { claim: 'displacement', profile: 'quick', seed: 114, was: 'inconclusive: 1 of 3 scenarios with E(ρ0) < 0.1 (rate undecided)' },
  { claim: 'step-order', profile: 'quick', seed: 24, was: 'inconclusive: 1 of 3 scenarios undecided (interval wider than 0.5)' },
  { claim: 'depth-training', profile: 'quick', seed: 365292, was: 'failed: p = −1.78 [−2.00, −1.56] (sigmoid, d = 1, M = 2: a small 1/L coefficient), steeper than the range [−1.1, −0.9] though within O(1/L); decided in [−2.1, −0.9] since' },
  { claim: 'gd-step', profile: 'ci', seed: 16, was: 'failed: GD (h = M L Δs ≈ 0.05, L = 4, M = 1) on an identity network at scale 2 overflowed within 3 steps, and the claim called the Infinity a bug (issue 16 calibration)' },
  { claim: 'gd-step', profile: 'ci', seed: 17, was: 'failed: as seed 16 (GD overflowed: −Infinity)' },
  { claim: 'quantile-scaling', profile: 'ci', seed: 56, was: 'failed: the median\'s exponent −0.257 [−0.371, −0.144] over M = 8..64 (a skewed error whose bulk quantile converges from below; decided on M ≤ 256 since)' },
];

describe('calibration regressions: seeds once failing on the correct implementation now pass', () => {
  it.each(REGRESSIONS.map((r) => [`${r.claim} --profile ${r.profile} --seed ${r.seed}${r.runs ? ` --runs ${r.runs}` : ''}`, r] as const))('%s', (_label, r) => {
    const claim = findClaim(r.claim);
    if (!claim) throw new Error(`no claim ${r.claim}`);
    const verdict = claim.run({ profile: r.profile, seed: r.seed, ...(r.runs ? { numRuns: r.runs } : {}) });
    if (verdict.status === 'fail') throw new Error(`${verdict.message}\nreplay: seed ${verdict.seed} path ${verdict.path} (was: ${r.was})`);
    if (verdict.status === 'inconclusive') throw new Error(`inconclusive: ${verdict.reason} (was: ${r.was})`);
    expect(verdict.status).toBe('pass');
    for (const [reason, count] of Object.entries(verdict.undecidedReasons)) {
      expect(reason.length).toBeGreaterThan(0);
      expect(count).toBeGreaterThan(0);
    }
  });
});
