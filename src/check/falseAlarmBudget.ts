/**
 * The false-alarm budget of a `check` run (DESIGN.md, rules of a verdict, 4): one family-wise rate for every
 * statistical decision a run makes, split evenly (Bonferroni) over them.
 *
 * A *statistical decision* is one whose error is a probability over random seeds: a bootstrap interval of an
 * exponent over an ensemble of seeds, a Clopper–Pearson comparison of fractions of seeds. Each claim declares
 * how many it makes per scenario (`ClaimDefinition.statisticalDecisions`); deterministic checks (a ladder of
 * one network, an identity within a rounding bound) make none: their allowances are derived bounds, not
 * probabilities.
 *
 * The level of every decision is one constant, DECISION_ALPHA = RUN_FALSE_ALARM / MAX_DECISIONS, the same in
 * every profile and whatever claims a run selects, so a replay of one claim decides exactly as the whole run
 * did. MAX_DECISIONS bounds the decisions of the largest profile (full); test/properties/falseAlarmBudget.test.ts
 * checks that bound against the registry. By Bonferroni, the probability that a run of profile p on a correct
 * implementation raises any statistical false alarm is at most D_p · DECISION_ALPHA ≤ RUN_FALSE_ALARM, with
 * D_p = Σ_claims budget[p] · statisticalDecisions (runFalseAlarmRate). A run with `--runs` above a profile's
 * budget makes more decisions; its rate is stated in its report the same way.
 */
import type { Profile } from './claim.js';

/** The family-wise false-alarm rate of one `check` run of any profile, on a correct implementation. */
export const RUN_FALSE_ALARM = 1e-3;

/** An upper bound on the statistical decisions of one run of the largest profile (checked against the registry by a test). */
export const MAX_DECISIONS = 100;

/** The false-alarm probability of one statistical decision: two-sided, each side gets DECISION_ALPHA / 2. */
export const DECISION_ALPHA = RUN_FALSE_ALARM / MAX_DECISIONS;

/** The confidence level of every statistical interval a claim decides with: 1 − DECISION_ALPHA. */
export const DECISION_LEVEL = 1 - DECISION_ALPHA;

/** What the budget needs of a claim: its scenarios per profile and its statistical decisions per scenario. */
export interface BudgetedClaim {
  readonly budget: Readonly<Record<Profile, number>>;
  readonly statisticalDecisions: number;
}

/**
 * The statistical decisions of a run of `claims` under `profile` (each claim running its profile budget, or
 * `runs` scenarios when given), and the family-wise false-alarm rate that Bonferroni bounds them by.
 */
export function runFalseAlarmRate(claims: readonly BudgetedClaim[], profile: Profile, runs?: number): { decisions: number; rate: number } {
  const decisions = claims.reduce((acc, c) => acc + (runs ?? c.budget[profile]) * c.statisticalDecisions, 0);
  return { decisions, rate: decisions * DECISION_ALPHA };
}

/**
 * The budget of a planned run, for its report: the decisions of its nominal jobs (a control is meant to fail:
 * its decisions raise no false alarm), each job running `runs` scenarios of its claim.
 */
export function falseAlarmOfJobs(
  claims: readonly (BudgetedClaim & { readonly id: string })[],
  jobs: readonly { claim: string; control: boolean; runs: number }[],
): { decisionAlpha: number; decisions: number; rate: number } {
  let decisions = 0;
  for (const job of jobs) {
    if (job.control) continue;
    const claim = claims.find((c) => c.id === job.claim);
    if (!claim) throw new Error(`job of an unknown claim ${job.claim}`);
    decisions += job.runs * claim.statisticalDecisions;
  }
  return { decisionAlpha: DECISION_ALPHA, decisions, rate: decisions * DECISION_ALPHA };
}
