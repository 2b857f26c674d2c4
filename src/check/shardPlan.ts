/**
 * How a `check` run splits into units and the units into shards.
 *
 * A check run is a list of jobs in registry order (for each selected claim: its nominal run, its negative
 * control, or both, nominal first); job j has `runs` scenarios (--runs, or the claim's budget for the profile).
 * Its units are (job, scenario index) in job order, then index order. Shard i of n (1 ≤ i ≤ n) takes the
 * units at positions k ≡ i − 1 (mod n) of that list: round-robin, so every claim's scenarios are spread evenly
 * over the shards (a claim's scenarios cost about the same; the costly claims are then shared, not piled onto
 * one machine), and the split depends only on the run's settings, never on timings.
 */
import type { Claim, Profile } from './claim.js';
import { InvalidArgumentError } from '../errors.js';

/** Shard `index` of `count` (1 ≤ index ≤ count). */
export interface ShardSpec {
  index: number;
  count: number;
}

/** Which runs of each claim: nominal only (default), nominal and control (--controls), control only (--control). */
export type ControlsMode = 'none' | 'also' | 'only';
export const CONTROLS_MODES: readonly ControlsMode[] = ['none', 'also', 'only'];

/** One claim run of a check: the claim's nominal subject or its control, with its number of scenarios. */
export interface CheckJob {
  claim: string;
  control: boolean;
  runs: number;
}

/** One unit: scenario `index` of job `job` (an index into the job list). */
export interface UnitRef {
  job: number;
  index: number;
}

/** Largest shard count accepted (more shards than scenarios leaves shards empty, which is allowed). */
export const MAX_SHARDS = 10_000;

/**
 * Parses `--shard i/n`.
 * @throws InvalidArgumentError naming --shard unless `raw` is "i/n" with integers 1 ≤ i ≤ n ≤ MAX_SHARDS
 * @example parseShardFlag('2/4') // { index: 2, count: 4 }
 */
export function parseShardFlag(raw: string): ShardSpec {
  const m = /^(\d{1,6})\/(\d{1,6})$/.exec(raw);
  const spec = m ? { index: Number(m[1]), count: Number(m[2]) } : null;
  if (!spec || spec.count < 1 || spec.count > MAX_SHARDS || spec.index < 1 || spec.index > spec.count) {
    throw new InvalidArgumentError('--shard', `i/n with integers 1 ≤ i ≤ n ≤ ${MAX_SHARDS} (e.g. 2/4)`, raw);
  }
  return spec;
}

/** The jobs of a check run, in order: claims as given, each nominal then control as `controls` says. */
export function checkJobs(claims: readonly Claim[], controls: ControlsMode, profile: Profile, runs: number | null): CheckJob[] {
  const modes = controls === 'only' ? [true] : controls === 'also' ? [false, true] : [false];
  return claims.flatMap((claim) => modes.map((control) => ({ claim: claim.id, control, runs: runs ?? claim.budget[profile] })));
}

/** Every unit of the jobs, in job order then scenario order. */
export function allUnits(jobs: readonly CheckJob[]): UnitRef[] {
  return jobs.flatMap((job, j) => Array.from({ length: job.runs }, (_, index) => ({ job: j, index })));
}

/**
 * Every unit of the jobs in the order a local run dispatches them: the jobs with the fewest scenarios first (a
 * claim that runs few scenarios runs expensive ones: the ensembles over seeds, and most negative controls, which
 * fail at their first), then scenario order; ties keep job order. Two cores then finish together instead of one
 * waiting on a long unit dispatched last. Dispatch order never changes a result (src/check/checkUnits.ts).
 */
export function dispatchOrder(jobs: readonly CheckJob[]): UnitRef[] {
  // allUnits lists jobs in order, so a stable sort by run count keeps job order, then scenario order, within ties
  return allUnits(jobs).sort((a, b) => jobs[a.job].runs - jobs[b.job].runs);
}

/** The units of shard `spec`: positions k of allUnits(jobs) with k mod count = index − 1. */
export function shardUnits(jobs: readonly CheckJob[], spec: ShardSpec): UnitRef[] {
  return allUnits(jobs).filter((_, k) => k % spec.count === spec.index - 1);
}

/** "nominal" or "control" label of a job, as the progress lines and errors show it. */
export function jobLabel(job: CheckJob): string {
  return `${job.claim}${job.control ? ' (control)' : ''}`;
}
