/**
 * `resnet-mf check`: runs the claim registry under a profile, shows progress, prints the verdict table and
 * writes the JSON report; exits 1 when a claim fails (or, with --controls, when a control is missed).
 *
 * --workers N (default: the cores, src/parallel/pool.ts defaultWorkers) splits each claim run into its scenarios
 * and runs them on N worker threads; --workers 1 runs each claim in one fast-check run in this thread. Both give
 * the same report bit for bit (properties/combineVerdict.ts; only the seconds differ). --shard i/n runs a
 * deterministic share of the scenarios and writes a shard report instead (checkShard.ts); `resnet-mf report
 * merge` turns the n shard reports into this command's report. --plant ID runs every claim with a planted bug of
 * src/planted (set in whichever thread runs each unit) and records it in the report.
 */
import { Command } from 'commander';
import type cliProgress from 'cli-progress';
import { CLAIMS, PROFILES, type Claim, type Profile, type Verdict } from '../../properties/index.js';
import { falseAlarmOfJobs } from '../../properties/falseAlarmBudget.js';
import { InvalidArgumentError } from '../errors.js';
import { closePools, defaultWorkers, parseWorkersFlag } from '../parallel/pool.js';
import { dispatchOrder, type CheckJob, checkJobs, type ControlsMode, jobLabel, parseShardFlag } from '../report/shardPlan.js';
import { type CheckReport, REPLAY_PATH, REPLAY_PATH_EXPECTED, replayCommand, verdictLabel } from '../report/verdictReport.js';
import { oneOf, parseIntegerFlag } from '../validate.js';
import { PLANTED_BUG_IDS, PLANT_ENV, type PlantedBugId, activePlantedBug, parsePlantedBug } from '../planted/index.js';
import { runAgainst } from '../../properties/subjectRun.js';
import { runShard } from './checkShard.js';
import { jobVerdict, runCheckUnits } from './checkUnits.js';
import { plotPath, writeCheckOutputs } from './checkOutputs.js';
import { checkOutputPath, checkOutputs, givenPaths } from './io.js';
import { progressBar } from './progressBar.js';
import type { ImplSpec } from '../../properties/checkUnitTask.js';
import { DEFAULT_SUBJECT_TIMEOUT, SUBJECT_PROTOCOL, missingNeeds, sharedExternalSubject } from '../subject/index.js';
import { oneLine } from '../report/verdictReport.js';

interface CheckFlags {
  profile: string;
  claim?: string[];
  seed: string;
  path?: string;
  controls?: boolean;
  control?: boolean;
  runs?: string;
  out?: string;
  workers?: string;
  shard?: string;
  plant?: string;
  junit?: string;
  html?: string;
  impl?: string;
  implTimeout?: string;
}

export const DEFAULT_SEED = 20261129;
export const DEFAULT_OUT = 'reports/check.json';

export function checkCommand(): Command {
  return new Command('check')
    .description('run the claim registry (theory.md §6) and print a verdict table; exit 1 if a claim fails')
    .option('--profile <name>', `budget profile: ${PROFILES.join(', ')}`, 'ci')
    .option('--claim <id...>', `run only these claims: ${CLAIMS.map((c) => c.id).join(', ')}`)
    .option('--seed <S>', 'fast-check seed (a run is replayed by its seed, and path)', String(DEFAULT_SEED))
    .option('--path <path>', 'fast-check replay path of a failure (with --claim and --seed)')
    .option('--controls', 'also run each claim\'s negative control, which must fail')
    .option('--control', 'run only the negative controls (with --claim, to replay one)')
    .option('--runs <n>', 'override the number of scenarios per claim')
    .option('--workers <N>', `worker threads running the scenarios (1 = one fast-check run per claim in this thread; default: ${defaultWorkers()}, the cores); the report is the same for every N`)
    .option('--shard <i/n>', 'run shard i of n (1 ≤ i ≤ n) of the scenarios and write a shard report (default --out reports/check.shard-<i>-of-<n>.json); combine the n reports with `resnet-mf report merge`')
    .option('--impl <command>', 'check another implementation: a program speaking the subject protocol (docs/subject-protocol.md), run by the shell, e.g. "python3 examples/adapters/numpy_resnet.py"; claims needing a capability it lacks are listed as not applicable')
    .option('--impl-timeout <seconds>', `time limit of one answer of the --impl program, an integer in [1, 86400], after which it is killed and the run stops (default ${DEFAULT_SUBJECT_TIMEOUT})`)
    .option('--plant <id>', `run the claims with a planted bug (docs/planted-bugs.md): ${PLANTED_BUG_IDS.join(', ')}`)
    .option('--out <file>', `JSON report (default ${DEFAULT_OUT}); each rate claim's log–log plot is written beside it as <report>.<claim>[.control].svg`)
    .option('--junit <file>', 'also write the verdicts as JUnit XML (a test case per claim and per control; docs/ci-matrix.md)')
    .option('--html <file>', 'also write one self-contained HTML page: the verdict table, failures with their replay commands, the rate plots')
    .action(async (flags: CheckFlags) => {
      const profile = oneOf('--profile', flags.profile, PROFILES) as Profile;
      const seed = parseIntegerFlag('--seed', flags.seed, 0, 2 ** 31 - 1);
      const numRuns = flags.runs !== undefined ? parseIntegerFlag('--runs', flags.runs, 1, 1_000_000) : undefined;
      const workers = flags.workers !== undefined ? parseWorkersFlag(flags.workers) : defaultWorkers();
      const shard = flags.shard !== undefined ? parseShardFlag(flags.shard) : null;
      const selected = selectClaims(flags.claim);
      // --plant, else the bug RESNET_MF_PLANT switched on for the whole process, else none
      const plant = flags.plant !== undefined ? parsePlantedBug(flags.plant, '--plant') : activePlantedBug();
      if (plant && shard) throw new InvalidArgumentError(flags.plant !== undefined ? '--plant' : PLANT_ENV, 'used without --shard', plant);
      if (flags.implTimeout !== undefined && flags.impl === undefined) throw new InvalidArgumentError('--impl-timeout', 'used with --impl', flags.implTimeout);
      const impl = flags.impl !== undefined ? implSpec(flags.impl, flags.implTimeout ?? String(DEFAULT_SUBJECT_TIMEOUT), plant, shard !== null) : null;
      if (flags.path !== undefined && !REPLAY_PATH.test(flags.path)) throw new InvalidArgumentError('--path', REPLAY_PATH_EXPECTED, flags.path);
      if (flags.path && selected.length !== 1) throw new InvalidArgumentError('--path', 'used with exactly one --claim', flags.path);
      if (flags.path && shard) throw new InvalidArgumentError('--path', 'used without --shard (a replay runs in one process)', flags.path);
      const out = flags.out ?? (shard ? `reports/check.shard-${shard.index}-of-${shard.count}.json` : DEFAULT_OUT);
      const extras = givenPaths(flags, ['junit', 'html']);
      const controls: ControlsMode = flags.control ? 'only' : flags.controls ? 'also' : 'none';
      // The subject greets before any work: a program that does not speak the protocol is bad input (exit 2).
      const subject = impl ? sharedExternalSubject(impl.command, { timeoutSeconds: impl.timeoutSeconds }) : null;
      const notApplicable = subject ? selected.filter((c) => missingNeeds(c.needs, subject).length > 0) : [];
      const claims = selected.filter((c) => !notApplicable.includes(c));
      if (shard) {
        checkOutputPath('--out', out);
        const [extra] = extras; // a shard's verdicts are the merge's: so are its JUnit file and page
        if (extra) throw new InvalidArgumentError(extra[0], `used without --shard (\`report merge ${extra[0]}\` writes the merged run's)`, extra[1]);
        await runShard({ claims, controls, profile, seed, runs: numRuns ?? null, shard, workers, out });
        return;
      }
      const plan = checkJobs(claims, controls, profile, numRuns ?? null);
      const jobs = plan.map((job) => ({ claim: claims.find((c) => c.id === job.claim) as Claim, control: job.control }));
      // Any verdict may carry a rate and so a plot beside the report: check those paths too, before any work.
      checkOutputs([['--out', out], ...jobs.map(({ claim, control }): [string, string] => ['--out (its plot)', plotPath(out, claim.id, control)]), ...extras]);
      const report: CheckReport & { plant?: PlantedBugId } = {
        ...(plant ? { plant } : {}),
        format: 'resnet-mf/check-report@1', profile, seed, node: process.version, v8: process.versions.v8,
        startedAt: new Date().toISOString(), seconds: 0, interrupted: false, notRun: [],
        falseAlarm: falseAlarmOfJobs(claims, plan),
        ...(subject && impl ? {
          subject: { command: impl.command, name: subject.name, protocol: SUBJECT_PROTOCOL, capabilities: [...subject.capabilities] },
          notApplicable: notApplicable.map((c) => ({ claim: c.id, title: c.title, lacks: missingNeeds(c.needs, subject) })),
        } : {}),
        verdicts: [],
      };
      const started = performance.now();
      // Ctrl-C stops the run after the claims (or scenarios) in progress and keeps what was decided (listened for
      // before anything is printed, so that a Ctrl-C prompted by the first line is never the default kill).
      const onInterrupt = () => {
        report.interrupted = true;
      };
      process.once('SIGINT', onInterrupt);
      if (plant) console.error(`planted bug: ${plant} (every claim runs with it; docs/planted-bugs.md)`);
      if (subject) console.error(`subject: ${oneLine(subject.name)} (${subject.capabilities.join(', ')}); ${claims.length} claim(s) apply, ${notApplicable.length} not`);
      const progress = progressBar('{bar} {value}/{total} {claim}');
      progress?.start(jobs.length, 0, { claim: '' });
      const run = { jobs, plan, profile, seed, numRuns, report, progress, plant, impl };
      try {
        if (workers === 1 || flags.path) await runWhole({ ...run, path: flags.path });
        else await runSplit({ ...run, workers });
      } finally {
        process.removeListener('SIGINT', onInterrupt);
        progress?.stop();
      }
      report.seconds = (performance.now() - started) / 1000;
      await writeCheckOutputs(report, out, jobs.length, { junit: flags.junit, html: flags.html });
    });
}

interface RunContext {
  jobs: { claim: Claim; control: boolean }[];
  /** The same jobs with their number of scenarios. */
  plan: CheckJob[];
  profile: Profile;
  seed: number;
  numRuns: number | undefined;
  report: CheckReport;
  progress: cliProgress.SingleBar | null;
  /** The planted bug (--plant), or null. */
  plant: PlantedBugId | null;
  /** The external subject (--impl), or null. */
  impl: ImplSpec | null;
}

/**
 * The --impl program and its time limit.
 * @throws InvalidArgumentError naming --impl (empty, or with --plant or --shard) or --impl-timeout (not in [1, 86400] s)
 */
function implSpec(command: string, timeout: string, plant: PlantedBugId | null, sharded: boolean): ImplSpec {
  if (command.trim() === '') throw new InvalidArgumentError('--impl', 'a command that starts the subject (e.g. "python3 examples/adapters/numpy_resnet.py")', command);
  if (plant) throw new InvalidArgumentError('--impl', 'used without --plant (a bug is planted in resnet-mf\'s own implementation; the program plants its own)', command);
  if (sharded) throw new InvalidArgumentError('--impl', 'used without --shard (not supported yet)', command);
  return { command, timeoutSeconds: parseIntegerFlag('--impl-timeout', timeout, 1, 86_400) };
}

function pushVerdict(ctx: RunContext, claim: Claim, verdict: Verdict, seconds: number): void {
  ctx.report.verdicts.push({ ...verdict, title: claim.title, catalogue: claim.catalogue, replay: replayCommand(verdict, ctx.plant, ctx.numRuns ?? null, ctx.impl), seconds });
}

/** Each claim run in one fast-check run, in this thread, in order (--workers 1, and every --path replay). */
async function runWhole(ctx: RunContext & { path: string | undefined }): Promise<void> {
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
    if (!progress) console.error(`[${index + 1}/${jobs.length}] ${label}: ${verdictLabel(verdict)} (${seconds.toFixed(2)} s)`);
  }
  // A claim run is synchronous: a SIGINT during the last one is delivered here, before the handler is removed.
  await new Promise((resolve) => setImmediate(resolve));
  progress?.update(jobs.length, { claim: report.interrupted ? 'interrupted' : 'done' });
}

/**
 * Each claim run split into its scenarios, run on `workers` threads; a verdict is combined as soon as its
 * scenarios 0..f are in. Progress lines come in job order; the verdicts are in job order whatever finishes first.
 */
async function runSplit(ctx: RunContext & { workers: number }): Promise<void> {
  const { jobs, plan, profile, seed, report, progress } = ctx;
  const verdicts = new Array<{ verdict: Verdict; seconds: number } | undefined>(jobs.length);
  let printed = 0;
  let completed = 0;
  try {
  await runCheckUnits({
    jobs: plan, units: dispatchOrder(plan), profile, seed, workers: ctx.workers, plant: ctx.plant, impl: ctx.impl, interrupted: () => report.interrupted,
    onComplete: (j, state) => {
      const { claim, control } = jobs[j];
      verdicts[j] = jobVerdict({ claim, profile, seed, control }, plan[j].runs, state);
      progress?.update(++completed, { claim: jobLabel(plan[j]) });
      for (; printed < jobs.length && verdicts[printed]; printed++) {
        const v = verdicts[printed] as { verdict: Verdict; seconds: number };
        if (!progress) console.error(`[${printed + 1}/${jobs.length}] ${jobLabel(plan[printed])}: ${verdictLabel(v.verdict)} (${v.seconds.toFixed(2)} s)`);
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
 * The claims named by --claim (deduplicated, in the order given), or all.
 * @throws InvalidArgumentError naming --claim for an unknown id
 */
export function selectClaims(ids: string[] | undefined): Claim[] {
  if (!ids) return [...CLAIMS];
  return [...new Set(ids)].map((id) => {
    const claim = CLAIMS.find((c) => c.id === id);
    if (!claim) throw new InvalidArgumentError('--claim', `one of ${CLAIMS.map((c) => c.id).join(', ')}`, id);
    return claim;
  });
}
