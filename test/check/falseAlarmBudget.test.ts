/**
 * The false-alarm budget of a check run (src/check/falseAlarmBudget.ts): the registry's statistical decisions
 * fit the declared bound in every profile, so the family-wise rate stated in the README holds.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CLAIMS, PROFILES } from '../../properties/index.js';
import { DECISION_ALPHA, MAX_DECISIONS, RUN_FALSE_ALARM, runFalseAlarmRate } from '../../src/check/falseAlarmBudget.js';

describe('false-alarm budget', () => {
  it.each(PROFILES)('a %s run makes at most MAX_DECISIONS statistical decisions, so its family-wise rate is ≤ RUN_FALSE_ALARM', (profile) => {
    const { decisions, rate } = runFalseAlarmRate(CLAIMS, profile);
    expect(decisions).toBeGreaterThan(0);
    expect(decisions).toBeLessThanOrEqual(MAX_DECISIONS);
    expect(rate).toBeLessThanOrEqual(RUN_FALSE_ALARM * (1 + 1e-12));
  });

  it('splits the run rate evenly: DECISION_ALPHA = RUN_FALSE_ALARM / MAX_DECISIONS, and --runs counts every scenario', () => {
    expect(DECISION_ALPHA).toBe(RUN_FALSE_ALARM / MAX_DECISIONS);
    const claims = [{ budget: { quick: 1, ci: 2, full: 3 }, statisticalDecisions: 4 }, { budget: { quick: 5, ci: 5, full: 5 }, statisticalDecisions: 0 }];
    expect(runFalseAlarmRate(claims, 'ci')).toEqual({ decisions: 8, rate: 8 * DECISION_ALPHA });
    expect(runFalseAlarmRate(claims, 'ci', 10).decisions).toBe(40);
  });

  it('the README states each profile\'s decisions and family-wise rate as the registry gives them', () => {
    const readme = readFileSync('README.md', 'utf8');
    for (const profile of PROFILES) {
      const { decisions, rate } = runFalseAlarmRate(CLAIMS, profile);
      const [mantissa, exponent] = rate.toExponential(1).split('e');
      const row = `| ${profile} | ${decisions} | ≤ ${mantissa}·10${exponent.replace('-', '⁻').replace(/\d/g, (c) => '⁰¹²³⁴⁵⁶⁷⁸⁹'[Number(c)])} |`;
      expect(readme, row).toContain(row);
    }
  });

  it('every claim declares a whole number of decisions per scenario', () => {
    for (const c of CLAIMS) expect(Number.isInteger(c.statisticalDecisions) && c.statisticalDecisions >= 0, c.id).toBe(true);
  });
});
