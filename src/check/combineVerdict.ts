/**
 * The verdict of a claim run from what its scenarios gave, in ONE place: a whole run in one process
 * (defineClaim's runDefinition) and a run split into scenarios computed elsewhere (`check --workers N`, the
 * shards of `check --shard i/n` merged by `report merge`) both end here, so they give the same verdict.
 *
 * A run of a claim under seed S is fast-check's run over scenarios 0, 1, 2, … (scenario i = run i of
 * fc.check with seed S; the claim's `examples` come first). It stops at its first failing scenario f and
 * shrinks it. So the scenarios that *count* are 0..f (all of them when none fails): `runs` is their number
 * (a scenario whose measurement threw has no measurement and is not counted), the figures are their worst
 * values (FigureSpec.worst) and the rate report is that of the decided scenario farthest from the claimed
 * exponent (the first one on ties). On failure the verdict carries the shrunk counterexample of scenario f,
 * its replay path ("f:…") and what it measured.
 */
import type { FigureSpec, Figures, Profile, RateReport, Verdict } from './claim.js';

/**
 * A run where more than this fraction of its counted scenarios is undecided is inconclusive (and `check` exits
 * with EXIT_INCONCLUSIVE): a claim must decide at least 90 % of what it measures. A scenario space that lands
 * more often than that where the claim cannot decide is a defect of the claim's space or method.
 * Consequence for budgets: a run of fewer than 10 scenarios tolerates no undecided scenario at all, so a claim
 * whose scenarios are occasionally undecided (a rare ill-conditioned ladder, a reference that does not converge)
 * runs at least 10 scenarios in every profile; an ensemble claim with fewer must decide every scenario.
 */
export const MAX_UNDECIDED_FRACTION = 0.1;

/** What one counted scenario measured. Figures are as measured (unknown names and NaN are dropped when combined). */
export interface ScenarioRecord {
  figures: Figures;
  /** False when the scenario could not decide the claim (Measurement.decided). */
  decided: boolean;
  /** Why, when undecided (Measurement.reason). */
  reason?: string;
  rate?: RateReport;
}

/** The failure that ends a run: fast-check's shrunk counterexample, its replay path and what it measured. */
export interface FailureRecord {
  /** fast-check replay path under the run's seed, e.g. "3:0:1" (its first step is the failing scenario's index). */
  path: string;
  counterexample: unknown;
  /** The counterexample's Measurement.detail, or `threw: <message>` when measuring it threw. */
  message: string;
  /** The counterexample's own figures (empty when it threw). */
  figures: Figures;
  rate?: RateReport;
}

/** Everything a run's verdict is made of: the counted scenarios in index order, and how the run ended. */
export interface RunRecord {
  scenarios: ScenarioRecord[];
  failure?: FailureRecord;
  /** fast-check stopped without a counterexample (too many skipped values, interrupted): the reason. */
  stopped?: string;
}

/**
 * Scenario i of a run on its own (Claim.runScenario): fast-check's replay path String(i) with one run, so
 * the scenario, its figures and, on failure, the shrunk counterexample and path are those of the whole run.
 */
export interface ScenarioOutcome {
  index: number;
  /** Its measurement; absent when measuring it threw. */
  measured?: ScenarioRecord;
  /** Present when the scenario failed (not ok, or threw): the counterexample shrunk from it. */
  failure?: FailureRecord;
  /** fast-check stopped on this scenario without a counterexample. */
  stopped?: string;
}

/** The identity of a run: which claim (its id and figure specs), profile, seed, nominal or control. */
export interface RunIdentity {
  claim: { readonly id: string; readonly figures: Readonly<Record<string, FigureSpec>> };
  profile: Profile;
  seed: number;
  control: boolean;
}

/** True when this scenario ends the run (it failed, or fast-check stopped on it). */
export function endsRun(outcome: ScenarioOutcome): boolean {
  return outcome.failure !== undefined || outcome.stopped !== undefined;
}

/**
 * The run record of scenarios computed one by one: `outcomes[k]` must be scenario k, for k = 0.. up to and
 * including the first one that ends the run (later ones are ignored), or all `numRuns` of them.
 * @throws Error when a needed scenario is missing or out of place (a bug of the caller, not bad input)
 */
export function recordOfScenarios(outcomes: readonly (ScenarioOutcome | undefined)[], numRuns: number): RunRecord {
  const record: RunRecord = { scenarios: [] };
  for (let i = 0; i < numRuns; i++) {
    const o = outcomes[i];
    if (o === undefined || o.index !== i) throw new Error(`scenario ${i} of ${numRuns} is missing or out of place`);
    if (o.measured) record.scenarios.push(o.measured);
    if (o.failure) return { ...record, failure: o.failure };
    if (o.stopped !== undefined) return { ...record, stopped: o.stopped };
  }
  return record;
}

/**
 * The verdict of a run: fail (the failure, with the counterexample's figures), inconclusive (fast-check
 * stopped, or more than MAX_UNDECIDED_FRACTION of the counted scenarios undecided) or pass; the undecided
 * count and reasons over the counted scenarios in every case; worst figures
 * and the farthest rate report over the counted scenarios, folded in index order.
 */
export function combineVerdict(run: RunIdentity, record: RunRecord): Verdict {
  const { claim } = run;
  const worst: Figures = {};
  let undecided = 0;
  const undecidedReasons: Record<string, number> = {};
  // The rate report shown with a passing verdict: the decided scenario whose exponent is farthest from the claim.
  let rate: RateReport | undefined;
  const distance = (r: RateReport) => Math.abs(r.fit.exponent - r.claimed);
  for (const s of record.scenarios) {
    if (!s.decided) {
      undecided++;
      // recordOf (defineClaim.ts) and the shard reader require a reason for every undecided scenario
      const why = s.reason as string;
      undecidedReasons[why] = (undecidedReasons[why] ?? 0) + 1;
    }
    if (s.rate && s.decided && (!rate || distance(s.rate) > distance(rate))) rate = s.rate;
    for (const [name, value] of Object.entries(s.figures)) {
      const spec = claim.figures[name];
      if (!spec || Number.isNaN(value)) continue;
      const prev = worst[name];
      worst[name] = prev === undefined ? value : spec.worst === 'max' ? Math.max(prev, value) : Math.min(prev, value);
    }
  }
  const measured = record.scenarios.length;
  const base = { id: claim.id, profile: run.profile, seed: run.seed, control: run.control, runs: measured, undecided, undecidedReasons };
  const f = record.failure;
  if (f) {
    return { ...base, status: 'fail', path: f.path, counterexample: f.counterexample, figures: f.figures, message: f.message, ...(f.rate ? { rate: f.rate } : {}) };
  }
  if (record.stopped !== undefined) return { ...base, status: 'inconclusive', figures: worst, reason: record.stopped };
  if (undecided > MAX_UNDECIDED_FRACTION * measured) {
    const why = Object.entries(undecidedReasons).map(([r, k]) => `${k}× ${r}`).join('; ');
    return {
      ...base,
      status: 'inconclusive',
      figures: worst,
      reason: `${undecided} of ${measured} scenarios undecided (more than ${100 * MAX_UNDECIDED_FRACTION} %): ${why}`,
      ...(rate ? { rate } : {}),
    };
  }
  return { ...base, status: 'pass', figures: worst, ...(rate ? { rate } : {}) };
}
