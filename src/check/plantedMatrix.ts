/**
 * The detection matrix of the planted-bug catalogue (src/planted): for each bug, the nominal run of every
 * selected claim that measures a subject, against the planted subject, through the worker pool (checkUnits.ts;
 * the bug travels with each unit, so the matrix is the same for every --workers). Claims that read resnet-mf's
 * internals do not apply to a planted subject, as they do not to any other implementation.
 */
import type { Claim, Profile, Verdict } from './claim.js';
import type { ClaimRegistry } from './registry.js';
import { plantedBug, type PlantedBugId } from '../planted/index.js';
import { dispatchOrder, checkJobs } from './shardPlan.js';
import { jobVerdict, runCheckUnits } from './checkUnits.js';
import { CAPABILITIES, missingNeeds } from '../subject/index.js';

/** The claims of `claims` that apply to a planted subject: those whose needs are among CAPABILITIES (every planted subject has them all). */
export function plantedApplicable(claims: readonly Claim[]): Claim[] {
  return claims.filter((c) => missingNeeds(c.needs, { capabilities: CAPABILITIES }).length === 0);
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

/** Runs every claim of `claims` (nominal, of `registry`) with bug `id` planted; resolves to the bug's row. */
export async function plantedRow(registry: ClaimRegistry, id: PlantedBugId, claims: readonly Claim[], profile: Profile, seed: number, workers: number): Promise<PlantedRow> {
  const plan = checkJobs(claims, 'none', profile, null);
  const state = await runCheckUnits({ task: registry.unitTask, jobs: plan, units: dispatchOrder(plan), profile, seed, workers, plant: id, interrupted: () => false });
  const cells = plan.map((job, j): PlantedCell => {
    const claim = claims[j];
    const { verdict, seconds } = jobVerdict({ claim, profile, seed, control: false }, job.runs, state[j]);
    const message = verdict.status === 'fail' ? verdict.message : verdict.status === 'inconclusive' ? verdict.reason : '';
    return { claim: claim.id, status: verdict.status, runs: verdict.runs, message, seconds };
  });
  const bug = plantedBug(id);
  return {
    id, title: bug.title, where: bug.where, description: bug.description, listedCaughtBy: bug.caughtBy,
    caughtBy: cells.filter((c) => c.status === 'fail').map((c) => c.claim), cells,
  };
}

