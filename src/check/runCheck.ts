/**
 * Runs the claim runs of a `check` into its report: each claim run in one fast-check run in this thread
 * (--workers 1, and every --path replay), or split into its scenarios on the worker pool (src/check/checkUnits.ts).
 * Both give the same verdicts bit for bit (combineVerdict.ts; only the seconds differ). Ctrl-C (report.interrupted
 * turning true) stops the run after what is in progress; claim runs not run are listed in report.notRun.
 */
import type { Claim, Profile, Verdict } from './claim.js';
import { jobVerdict, runCheckUnits } from './checkUnits.js';
import type { ImplSpec } from './checkUnit.js';
import type { ClaimRegistry } from './registry.js';
import { type CheckJob, dispatchOrder, jobLabel } from './shardPlan.js';
import { runAgainst } from './subjectRun.js';
import { InvalidArgumentError } from '../errors.js';
import { closePools } from '../parallel/pool.js';
import type { PlantName } from '../planted/index.js';
import { sharedExternalSubject } from '../subject/index.js';
import { type CheckReport, replayCommand, verdictLabel } from '../report/verdictReport.js';

/** What a check run tells its progress bar: the claim runs done so far and the one in progress. */
export interface CheckProgress {
  update(value: number, payload: { claim: string }): void;
}

/** A check run: its claim runs in order, where their verdicts go, and how progress is shown. */
export interface CheckRun {
  jobs: { claim: Claim; control: boolean }[];
  /** The same jobs with their number of scenarios. */
  plan: CheckJob[];
  profile: Profile;
  seed: number;
  numRuns: number | undefined;
  report: CheckReport;
  /** A progress bar (cli-progress), or null: a line per claim run is then logged instead. */
  progress: CheckProgress | null;
  /** Where a claim run's line goes when there is no progress bar (the CLI: stderr). */
  log: (line: string) => void;
  /** The planted bug (--plant), or null. */
  plant: PlantName | null;
  /** The external subject (--impl), or null. */
  impl: ImplSpec | null;
  /** The claims of this build (the pool task that runs a scenario). */
  registry: ClaimRegistry;
}

function pushVerdict(ctx: CheckRun, claim: Claim, verdict: Verdict, seconds: number): void {
  ctx.report.verdicts.push({ ...verdict, title: claim.title, catalogue: claim.catalogue, replay: replayCommand(verdict, ctx.plant, ctx.numRuns ?? null, ctx.impl), seconds });
}

/** Each claim run in one fast-check run, in this thread, in order (--workers 1, and every --path replay). */
async function runWhole(ctx: CheckRun & { path: string | undefined }): Promise<void> {
  const { jobs, profile, seed, numRuns, report, progress, path } = ctx;
  for (const [index, { claim, control }] of jobs.entries()) {
    const label = `${claim.id}${control ? ' (control)' : ''}`;
    await new Promise((resolve) => setImmediate(resolve)); // let a pending SIGINT be delivered
    if (report.interrupted) {
      report.notRun.push(label);
      continue;
    }
    progress?.update(index, { claim: label });
    const t0 = performance.now();
    let verdict;
    try {
      const external = ctx.impl && !control ? { subject: sharedExternalSubject(ctx.impl.command, { timeoutSeconds: ctx.impl.timeoutSeconds }) } : {};
      verdict = runAgainst(claim, { plant: ctx.plant, ...external }, control, (subject) =>
        claim.run({ profile, seed, control, numRuns, ...(path ? { path } : {}), ...(subject ? { subject } : {}) }),
      );
    } catch (err) {
      // fast-check throws for a replay path that does not exist under this seed and profile
      if (path && err instanceof Error && err.message.startsWith('Unable to replay')) {
        throw new InvalidArgumentError('--path', `a replay path of ${label} under --seed ${seed} --profile ${profile}`, path);
      }
      throw err;
    }
    if (path && verdict.runs === 0) {
      throw new InvalidArgumentError('--path', `a replay path that reaches a scenario of ${label} under --seed ${seed} --profile ${profile}`, path);
    }
    const seconds = (performance.now() - t0) / 1000;
    pushVerdict(ctx, claim, verdict, seconds);
    if (!progress) ctx.log(`[${index + 1}/${jobs.length}] ${label}: ${verdictLabel(verdict)} (${seconds.toFixed(2)} s)`);
  }
  // A claim run is synchronous: a SIGINT during the last one is delivered here, before the handler is removed.
  await new Promise((resolve) => setImmediate(resolve));
  progress?.update(jobs.length, { claim: report.interrupted ? 'interrupted' : 'done' });
}

/**
 * Each claim run split into its scenarios, run on `workers` threads; a verdict is combined as soon as its
 * scenarios 0..f are in. Progress lines come in job order; the verdicts are in job order whatever finishes first.
 */
async function runSplit(ctx: CheckRun & { workers: number }): Promise<void> {
  const { jobs, plan, profile, seed, report, progress } = ctx;
  const verdicts = new Array<{ verdict: Verdict; seconds: number } | undefined>(jobs.length);
  let printed = 0;
  let completed = 0;
  try {
  await runCheckUnits({
    task: ctx.registry.unitTask, jobs: plan, units: dispatchOrder(plan), profile, seed, workers: ctx.workers, plant: ctx.plant, impl: ctx.impl, interrupted: () => report.interrupted,
    onComplete: (j, state) => {
      const { claim, control } = jobs[j];
      verdicts[j] = jobVerdict({ claim, profile, seed, control }, plan[j].runs, state);
      progress?.update(++completed, { claim: jobLabel(plan[j]) });
      for (; printed < jobs.length && verdicts[printed]; printed++) {
        const v = verdicts[printed] as { verdict: Verdict; seconds: number };
        if (!progress) ctx.log(`[${printed + 1}/${jobs.length}] ${jobLabel(plan[printed])}: ${verdictLabel(v.verdict)} (${v.seconds.toFixed(2)} s)`);
      }
    },
  });
  } finally {
    await closePools();
  }
  for (const [j, v] of verdicts.entries()) {
    if (v) pushVerdict(ctx, jobs[j].claim, v.verdict, v.seconds);
    else report.notRun.push(jobLabel(plan[j]));
  }
  progress?.update(completed, { claim: report.interrupted ? 'interrupted' : 'done' });
}


/**
 * Runs `ctx`'s claim runs and pushes their verdicts (with title, replay command and seconds) to ctx.report.
 * @param workers 1: each claim run in one fast-check run in this thread; N ≥ 2: scenarios on N pool threads
 * @param path a fast-check replay path (one claim run; always in this thread)
 * @throws InvalidArgumentError naming --path when `path` does not replay under this seed and profile
 * @throws SubjectError when an external subject fails to answer
 */
export async function runCheck(ctx: CheckRun, workers: number, path: string | undefined): Promise<void> {
  if (workers === 1 || path) await runWhole({ ...ctx, path });
  else await runSplit({ ...ctx, workers });
}
