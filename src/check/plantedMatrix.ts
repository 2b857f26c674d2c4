/**
 * The detection matrix of the planted-bug catalogue (src/planted): for each bug, the nominal run of every
 * selected claim that measures a subject, against the planted subject, through the worker pool (checkUnits.ts;
 * the bug travels with each unit, so the matrix is the same for every --workers). Claims that read resnet-mf's
 * internals do not apply to a planted subject, as they do not to any other implementation.
 */
import type { Claim, Profile, Verdict } from './claim.js';
import { type ClaimRegistry, selectClaims } from './registry.js';
import { InvalidArgumentError } from '../errors.js';
import { plantedBug, type PlantName, type PlantedBugId } from '../planted/index.js';
import { type UnitRef, dispatchOrder, checkJobs } from './shardPlan.js';
import { jobVerdict, runCheckUnits } from './checkUnits.js';
import { CAPABILITIES, missingNeeds } from '../subject/index.js';

/** The claims of `claims` that apply to a planted subject: those whose needs are among CAPABILITIES (every planted subject has them all). */
export function plantedApplicable(claims: readonly Claim[]): Claim[] {
  return claims.filter((c) => missingNeeds(c.needs, { capabilities: CAPABILITIES }).length === 0);
}

/**
 * The claims of the --claim selection that a planted or graded bug reaches, and the ids of the others.
 * @param noun what the bug is called in the error ('planted bug', 'graded bug')
 * @throws InvalidArgumentError naming --claim when none of the selected claims measures a subject
 */
export function subjectClaimSelection(registry: ClaimRegistry, claimFlag: string[] | undefined, noun: string): { claims: Claim[]; notApplicable: string[] } {
  const selected = selectClaims(registry, claimFlag);
  const claims = plantedApplicable(selected);
  if (claims.length === 0) throw new InvalidArgumentError('--claim', `claims that measure a subject (these read resnet-mf's internals, so no ${noun} reaches them)`, selected.map((c) => c.id).join(' '));
  return { claims, notApplicable: selected.filter((c) => !claims.includes(c)).map((c) => c.id) };
}

/** One cell: a claim's verdict with the bug planted. */
export interface PlantedCell {
  claim: string;
  status: Verdict['status'];
  /** Scenarios run (to the first failure when the claim caught the bug). */
  runs: number;
  /** The failure message (status 'fail'), the reason (inconclusive), or '' (pass). */
  message: string;
  /** Seconds of work summed over the claim's scenarios (all threads). */
  seconds: number;
}

/** One row of the matrix: a bug, what the catalogue lists as catching it, and what was measured. */
export interface PlantedRow {
  id: PlantedBugId;
  title: string;
  where: string;
  description: string;
  /** The catalogue's caughtBy (claim ids measured when the catalogue was written). */
  listedCaughtBy: readonly string[];
  /** Claims that failed in this run, in registry order. */
  caughtBy: string[];
  cells: PlantedCell[];
}

/** How plantCells runs the claims. */
export interface PlantRunOptions {
  profile: Profile;
  seed: number;
  workers: number;
  /**
   * Stop dispatching once one claim has failed (`resnet-mf power` asks only whether the bug is caught): the
   * cells of the claims left incomplete get status 'stopped'. Whether the bug is caught does not depend on
   * --workers either way; which claims were seen to catch it before the stop may.
   */
  stopAtFirstCatch?: boolean;
  /**
   * Seconds one scenario of each claim takes (from an earlier run): units are then dispatched cheapest first by
   * the time their claim needs to reach them, (index + 1) × seconds, so a stopping run meets its first catch early.
   */
  secondsPerScenario?: ReadonlyMap<string, number>;
  /** Ctrl-C: stop dispatching (the cells left incomplete are 'stopped'). */
  interrupted?: () => boolean;
}

/** A cell of plantCells: a claim's verdict, or 'stopped' when stopAtFirstCatch left it incomplete. */
export interface PlantCell extends Omit<PlantedCell, 'status'> {
  status: PlantedCell['status'] | 'stopped';
}

/** Runs every claim of `claims` (nominal, of `registry`) against plantedSubject(`plant`), through the pool. */
export async function plantCells(registry: ClaimRegistry, plant: PlantName, claims: readonly Claim[], opts: PlantRunOptions): Promise<PlantCell[]> {
  const { profile, seed, workers } = opts;
  const plan = checkJobs(claims, 'none', profile, null);
  const cost = opts.secondsPerScenario;
  const units: UnitRef[] = cost
    ? dispatchOrder(plan).sort((a, b) => (a.index + 1) * (cost.get(plan[a.job].claim) ?? 0) - (b.index + 1) * (cost.get(plan[b.job].claim) ?? 0))
    : dispatchOrder(plan);
  let caught = false;
  const onComplete = (j: number, progress: Parameters<typeof jobVerdict>[2]) => {
    if (jobVerdict({ claim: claims[j], profile, seed, control: false }, plan[j].runs, progress).verdict.status === 'fail') caught = true;
  };
  const state = await runCheckUnits({
    task: registry.unitTask, jobs: plan, units, profile, seed, workers, plant,
    interrupted: () => (opts.stopAtFirstCatch === true && caught) || (opts.interrupted?.() ?? false),
    ...(opts.stopAtFirstCatch ? { onComplete } : {}),
  });
  return plan.map((job, j): PlantCell => {
    const claim = claims[j];
    if (!state[j].complete) {
      let seconds = 0;
      for (const r of state[j].results.values()) seconds += r.seconds;
      return { claim: claim.id, status: 'stopped', runs: state[j].results.size, message: 'not finished: another claim caught the bug first', seconds };
    }
    const { verdict, seconds } = jobVerdict({ claim, profile, seed, control: false }, job.runs, state[j]);
    const message = verdict.status === 'fail' ? verdict.message : verdict.status === 'inconclusive' ? verdict.reason : '';
    return { claim: claim.id, status: verdict.status, runs: verdict.runs, message, seconds };
  });
}

/** Runs every claim of `claims` (nominal, of `registry`) with bug `id` planted; resolves to the bug's row. */
export async function plantedRow(registry: ClaimRegistry, id: PlantedBugId, claims: readonly Claim[], profile: Profile, seed: number, workers: number): Promise<PlantedRow> {
  const cells = (await plantCells(registry, id, claims, { profile, seed, workers })) as PlantedCell[];
  const bug = plantedBug(id);
  return {
    id, title: bug.title, where: bug.where, description: bug.description, listedCaughtBy: bug.caughtBy,
    caughtBy: cells.filter((c) => c.status === 'fail').map((c) => c.claim), cells,
  };
}
