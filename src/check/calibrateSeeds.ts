/**
 * The computation of `resnet-mf calibrate`: the nominal verdict of each (seed, claim) still to do, exactly as
 * `resnet-mf check --claim <id> --profile <p> --seed <seed>` decides it, so that each verdict replays with
 * that command.
 *
 * workers = 1: claim.run in this thread, seed after seed, claims in the order given (check --workers 1).
 * workers ≥ 2: each seed's claims split into scenarios on the pool (checkUnits.ts, jobVerdict: check --workers N).
 * SEEDS_IN_FLIGHT seeds run at once, each dispatching on `workers` lanes to the one shared pool, so the cores
 * stay busy while a seed waits for its last, slowest scenarios. A verdict is a function of (claim, profile,
 * seed, runs, plant, subject) alone: scheduling changes only the order in which verdicts arrive, never a verdict.
 * Ctrl-C (`interrupted()` turning true) stops dispatching; the claim runs (workers = 1) or scenarios in
 * flight finish, and every verdict decided is delivered.
 */
import type { Claim, Profile, Verdict } from './claim.js';
import { closePools, type TaskRef } from '../parallel/pool.js';
import type { PlantName } from '../planted/index.js';
import { runAgainst } from './subjectRun.js';
import type { ImplSpec } from './checkUnit.js';
import { sharedExternalSubject } from '../subject/index.js';
import { dispatchOrder, checkJobs } from './shardPlan.js';
import { jobVerdict, runCheckUnits } from './checkUnits.js';

/** Seeds computed at once with workers ≥ 2: two keep both cores of a small machine busy across a seed's tail. */
export const SEEDS_IN_FLIGHT = 2;

/** The claims still to run under one seed. */
export interface SeedTodo {
  seed: number;
  claims: readonly Claim[];
}

export interface CalibrateSeedsOptions {
  /** The pool task that runs a unit: the registry's (ClaimRegistry.unitTask). */
  task: TaskRef;
  /** In the order to compute them. */
  todo: readonly SeedTodo[];
  profile: Profile;
  /** --runs, or null for each claim's budget under the profile. */
  runs: number | null;
  plant: PlantName | null;
  /** The external subject (`calibrate --impl`), or null for resnet-mf's own. */
  impl: ImplSpec | null;
  workers: number;
  interrupted: () => boolean;
  /** Called once per decided verdict, as soon as it is decided. */
  onVerdict: (seed: number, claim: Claim, verdict: Verdict, seconds: number) => void;
}

/** Computes the verdicts of `todo`; resolves when all are delivered, or after Ctrl-C when those in flight are. */
export async function calibrateSeeds(opts: CalibrateSeedsOptions): Promise<void> {
  if (opts.workers === 1) {
    await runInline(opts);
    return;
  }
  let next = 0;
  const lane = async (): Promise<void> => {
    while (!opts.interrupted() && next < opts.todo.length) await runSplit(opts, opts.todo[next++]);
  };
  try {
    await Promise.all(Array.from({ length: Math.min(SEEDS_IN_FLIGHT, opts.todo.length) }, lane));
  } finally {
    await closePools();
  }
}

/** Each claim run in one fast-check run, in this thread (check --workers 1). */
async function runInline(opts: CalibrateSeedsOptions): Promise<void> {
  const { profile, runs, plant } = opts;
  const external = opts.impl ? { subject: sharedExternalSubject(opts.impl.command, { timeoutSeconds: opts.impl.timeoutSeconds }) } : {};
  for (const { seed, claims } of opts.todo) {
    for (const claim of claims) {
      await new Promise((resolve) => setImmediate(resolve)); // let a pending SIGINT be delivered
      if (opts.interrupted()) return;
      const t0 = performance.now();
      const verdict = runAgainst(claim, { plant, ...external }, false, (subject) =>
        claim.run({ profile, seed, control: false, ...(runs !== null ? { numRuns: runs } : {}), ...(subject ? { subject } : {}) }),
      );
      opts.onVerdict(seed, claim, verdict, (performance.now() - t0) / 1000);
    }
  }
  // A claim run is synchronous: a SIGINT during the last one is delivered here, before the handler is removed.
  await new Promise((resolve) => setImmediate(resolve));
}

/** One seed's claims split into their scenarios on the pool (check --workers N). */
async function runSplit(opts: CalibrateSeedsOptions, { seed, claims }: SeedTodo): Promise<void> {
  const { profile, plant } = opts;
  const plan = checkJobs(claims, 'none', profile, opts.runs);
  await runCheckUnits({
    task: opts.task, jobs: plan, units: dispatchOrder(plan), profile, seed, workers: opts.workers, plant, impl: opts.impl, interrupted: opts.interrupted,
    onComplete: (j, state) => {
      const { verdict, seconds } = jobVerdict({ claim: claims[j], profile, seed, control: false }, plan[j].runs, state);
      opts.onVerdict(seed, claims[j], verdict, seconds);
    },
  });
}
