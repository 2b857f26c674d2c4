/**
 * Runs units of a check (scenario i of job j) on the worker pool (src/parallel/pool.ts; workers = 1 runs them
 * inline), for `check --workers N` and `check --shard i/n`.
 *
 * Scheduling never changes a result, only what is computed and when: each unit's outcome is a function of
 * (claim, profile, seed, control, index) alone, and verdicts are combined in index order afterwards. Units are
 * dispatched in the given order, with two rules that save work without changing any verdict:
 *  - a unit after a failing unit of the same job is not dispatched (the verdict only needs scenarios 0..f);
 *  - the units of a negative control (expected to fail, usually at its first scenario) run one at a time, so
 *    a second core does not compute scenarios that the first one's failure makes useless.
 * Ctrl-C (`interrupted()` turning true) stops dispatching; the units in flight finish; the caller learns which
 * jobs completed.
 */
import { type CheckUnit, type CheckUnitResult, type ImplSpec, decodeOutcome } from './checkUnit.js';
import { combineVerdict, recordOfScenarios, type RunIdentity, type ScenarioOutcome } from './combineVerdict.js';
import type { Profile, Verdict } from './claim.js';
import type { PlantName } from '../planted/index.js';
import { mapTasks, type TaskRef } from '../parallel/pool.js';
import type { CheckJob, UnitRef } from './shardPlan.js';

/** What became of one job's units. */
export interface JobProgress {
  /** Outcomes by scenario index, with the seconds each took. */
  results: Map<number, { outcome: ScenarioOutcome; seconds: number }>;
  /** Lowest failing (or stopped) index seen, Infinity if none. */
  failedAt: number;
  /** Units of this run not dispatched because an earlier unit of the job failed. */
  skipped: number[];
  /** All of this run's units of the job at or before failedAt have finished: the job's share is decided. */
  complete: boolean;
}

export interface UnitRunOptions {
  /** The pool task that runs a unit: the registry's (ClaimRegistry.unitTask). */
  task: TaskRef;
  jobs: readonly CheckJob[];
  /** The units to run, in dispatch order. */
  units: readonly UnitRef[];
  profile: Profile;
  seed: number;
  workers: number;
  /** The bug planted in every unit (`check --plant`, `resnet-mf planted`); default none. */
  plant?: PlantName | null;
  /** The external subject of the nominal units (`check --impl`); default resnet-mf's own. */
  impl?: ImplSpec | null;
  interrupted: () => boolean;
  /** Called once per job when it becomes complete, with what became of its units so far. */
  onComplete?: (job: number, progress: JobProgress) => void;
}

/**
 * Runs the units; resolves when all dispatched units have finished (every job complete unless interrupted).
 * @throws SubjectError when the external subject failed to answer (after the units in flight have finished)
 */
export async function runCheckUnits(opts: UnitRunOptions): Promise<JobProgress[]> {
  const { jobs, units } = opts;
  const state: JobProgress[] = jobs.map(() => ({ results: new Map(), failedAt: Infinity, skipped: [], complete: false }));
  const owned = jobs.map(() => [] as number[]);
  for (const u of units) owned[u.job].push(u.index);
  const inFlight = jobs.map(() => 0);
  const dispatched = new Array<boolean>(units.length).fill(false);
  let open = 0; // units before this position are dispatched or skipped
  let wake: (() => void) | null = null;
  let wakeUp = new Promise<void>((resolve) => (wake = resolve));
  const notify = () => {
    wake?.();
    wakeUp = new Promise<void>((resolve) => (wake = resolve));
  };

  const check = (j: number) => {
    const s = state[j];
    if (s.complete) return;
    if (owned[j].every((i) => s.results.has(i) || i > s.failedAt)) {
      s.complete = true;
      opts.onComplete?.(j, s);
    }
  };
  for (let j = 0; j < jobs.length; j++) check(j); // jobs with no unit here are complete at once

  const next = (): number | null => {
    while (open < units.length && dispatched[open]) open++;
    for (let k = open; k < units.length; k++) {
      if (dispatched[k]) continue;
      const { job, index } = units[k];
      if (index > state[job].failedAt) {
        dispatched[k] = true;
        state[job].skipped.push(index);
        check(job);
        continue;
      }
      if (jobs[job].control && inFlight[job] > 0) continue;
      return k;
    }
    return null;
  };

  let broken: unknown = null; // the subject's failure to answer: no unit is dispatched after it
  const lane = async (): Promise<void> => {
    for (;;) {
      await new Promise((resolve) => setImmediate(resolve)); // let a pending SIGINT be delivered
      if (opts.interrupted() || broken !== null) return;
      const k = next();
      if (k === null) {
        if (inFlight.every((n) => n === 0)) return;
        await wakeUp;
        continue;
      }
      dispatched[k] = true;
      const { job, index } = units[k];
      inFlight[job]++;
      const input: CheckUnit = { claim: jobs[job].claim, profile: opts.profile, seed: opts.seed, control: jobs[job].control, index, plant: opts.plant ?? null, impl: opts.impl ?? null };
      try {
        const [result] = await mapTasks<CheckUnit, CheckUnitResult>(opts.task, [input], { workers: opts.workers });
        let decoded;
        try {
          decoded = decodeOutcome(result);
        } catch (err) {
          broken ??= err;
          return;
        }
        const { outcome, seconds } = decoded;
        state[job].results.set(index, { outcome, seconds });
        if (outcome.failure !== undefined || outcome.stopped !== undefined) state[job].failedAt = Math.min(state[job].failedAt, index);
      } finally {
        inFlight[job]--;
        notify();
      }
      check(job);
    }
  };
  await Promise.all(Array.from({ length: opts.workers }, lane));
  if (broken !== null) throw broken;
  return state;
}

/**
 * The verdict of a complete job from what its units gave (scenarios 0..f, in index order: combineVerdict), and
 * the seconds its units took (summed over threads).
 * @param runs the job's number of scenarios (CheckJob.runs)
 * @throws Error when a scenario the verdict needs is missing (the job was not complete: a bug of the caller)
 */
export function jobVerdict(run: RunIdentity, runs: number, progress: JobProgress): { verdict: Verdict; seconds: number } {
  const dense = new Array<ScenarioOutcome | undefined>(runs);
  let seconds = 0;
  for (const [i, r] of progress.results) {
    dense[i] = r.outcome;
    seconds += r.seconds;
  }
  return { verdict: combineVerdict(run, recordOfScenarios(dense, runs)), seconds };
}
