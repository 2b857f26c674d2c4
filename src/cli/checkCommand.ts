/**
 * `resnet-mf check`: runs the claim registry under a profile, shows progress, prints the verdict table and
 * writes the JSON report; exits 1 when a claim fails (or, with --controls, when a control is missed).
 *
 * --workers N (default: the cores, src/parallel/pool.ts defaultWorkers) splits each claim run into its scenarios
 * and runs them on N worker threads; --workers 1 runs each claim in one fast-check run in this thread. Both give
 * the same report bit for bit (src/check/runCheck.ts; only the seconds differ). --shard i/n runs a
 * deterministic share of the scenarios and writes a shard report instead (checkShard.ts); `resnet-mf report
 * merge` turns the n shard reports into this command's report. --plant ID runs the claims that measure a subject
 * against resnet-mf with a planted bug of src/planted (the others are not applicable) and records it in the report.
 */
import { Command } from 'commander';
import { type Claim, PROFILES, type Profile } from '../check/claim.js';
import { type ClaimRegistry, selectClaims } from '../check/registry.js';
import { runCheck } from '../check/runCheck.js';
import { falseAlarmOfJobs } from '../check/falseAlarmBudget.js';
import { InvalidArgumentError } from '../errors.js';
import { defaultWorkers, parseWorkersFlag } from '../parallel/pool.js';
import { checkJobs, type ControlsMode, parseShardFlag } from '../check/shardPlan.js';
import { type CheckReport, REPLAY_PATH, REPLAY_PATH_EXPECTED } from '../report/verdictReport.js';
import { oneOf, parseIntegerFlag } from '../validate.js';
import { BUG_FAMILY_IDS, PLANTED_BUG_IDS, PLANT_ENV, type PlantName, plantedBugOfCommand, plantedSubject } from '../planted/index.js';
import { runShard } from '../check/checkShard.js';
import { plotPath, writeCheckOutputs } from './checkOutputs.js';
import { checkOutputPath, checkOutputs, givenPaths } from './io.js';
import { progressBar } from './progressBar.js';
import { listenForInterrupt } from '../interrupt.js';
import { IMPL_HELP, IMPL_TIMEOUT_HELP, parseImplFlags } from './implFlags.js';
import { SUBJECT_PROTOCOL, missingNeeds, sharedExternalSubject } from '../subject/index.js';
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

export function checkCommand(registry: ClaimRegistry): Command {
  return new Command('check')
    .description('run the claim registry (theory.md §6) and print a verdict table; exit 1 if a claim fails')
    .option('--profile <name>', `budget profile: ${PROFILES.join(', ')}`, 'ci')
    .option('--claim <id...>', `run only these claims: ${registry.claims.map((c) => c.id).join(', ')}`)
    .option('--seed <S>', 'fast-check seed (a run is replayed by its seed, and path)', String(DEFAULT_SEED))
    .option('--path <path>', 'fast-check replay path of a failure (with --claim and --seed)')
    .option('--controls', 'also run each claim\'s negative control, which must fail')
    .option('--control', 'run only the negative controls (with --claim, to replay one)')
    .option('--runs <n>', 'override the number of scenarios per claim')
    .option('--workers <N>', `worker threads running the scenarios (1 = one fast-check run per claim in this thread; default: ${defaultWorkers()}, the cores); the report is the same for every N`)
    .option('--shard <i/n>', 'run shard i of n (1 ≤ i ≤ n) of the scenarios and write a shard report (default --out reports/check.shard-<i>-of-<n>.json); combine the n reports with `resnet-mf report merge`')
    .option('--impl <command>', IMPL_HELP)
    .option('--impl-timeout <seconds>', IMPL_TIMEOUT_HELP)
    .option('--plant <id>', `run the claims with a planted bug (docs/planted-bugs.md): ${PLANTED_BUG_IDS.join(', ')}; or a graded bug <family>@<δ> (docs/power.md): ${BUG_FAMILY_IDS.join(', ')}`)
    .option('--out <file>', `JSON report (default ${DEFAULT_OUT}); each rate claim's log–log plot is written beside it as <report>.<claim>[.control].svg`)
    .option('--junit <file>', 'also write the verdicts as JUnit XML (a test case per claim and per control; docs/ci-matrix.md)')
    .option('--html <file>', 'also write one self-contained HTML page: the verdict table, failures with their replay commands, the rate plots')
    .action(async (flags: CheckFlags) => {
      const profile = oneOf('--profile', flags.profile, PROFILES) as Profile;
      const seed = parseIntegerFlag('--seed', flags.seed, 0, 2 ** 31 - 1);
      const numRuns = flags.runs !== undefined ? parseIntegerFlag('--runs', flags.runs, 1, 1_000_000) : undefined;
      const workers = flags.workers !== undefined ? parseWorkersFlag(flags.workers) : defaultWorkers();
      const shard = flags.shard !== undefined ? parseShardFlag(flags.shard) : null;
      const selected = selectClaims(registry, flags.claim);
      // --plant, else RESNET_MF_PLANT, else none: the subject is then resnet-mf with that bug (src/planted)
      const plant = plantedBugOfCommand(flags.plant);
      if (plant && shard) throw new InvalidArgumentError(flags.plant !== undefined ? '--plant' : PLANT_ENV, 'used without --shard', plant);
      const impl = parseImplFlags(flags, plant, shard ? 'used without --shard (not supported yet)' : null);
      if (flags.path !== undefined && !REPLAY_PATH.test(flags.path)) throw new InvalidArgumentError('--path', REPLAY_PATH_EXPECTED, flags.path);
      if (flags.path && selected.length !== 1) throw new InvalidArgumentError('--path', 'used with exactly one --claim', flags.path);
      if (flags.path && shard) throw new InvalidArgumentError('--path', 'used without --shard (a replay runs in one process)', flags.path);
      const out = flags.out ?? (shard ? `reports/check.shard-${shard.index}-of-${shard.count}.json` : DEFAULT_OUT);
      const extras = givenPaths(flags, ['junit', 'html']);
      const controls: ControlsMode = flags.control ? 'only' : flags.controls ? 'also' : 'none';
      // The subject greets before any work: a program that does not speak the protocol is bad input (exit 2).
      const subject = impl ? sharedExternalSubject(impl.command, { timeoutSeconds: impl.timeoutSeconds }) : plant ? plantedSubject(plant) : null;
      const notApplicable = subject ? selected.filter((c) => missingNeeds(c.needs, subject).length > 0) : [];
      const claims = selected.filter((c) => !notApplicable.includes(c));
      if (shard) {
        checkOutputPath('--out', out);
        const [extra] = extras; // a shard's verdicts are the merge's: so are its JUnit file and page
        if (extra) throw new InvalidArgumentError(extra[0], `used without --shard (\`report merge ${extra[0]}\` writes the merged run's)`, extra[1]);
        await runShard({ registry, claims, controls, profile, seed, runs: numRuns ?? null, shard, workers, out });
        return;
      }
      const plan = checkJobs(claims, controls, profile, numRuns ?? null);
      const jobs = plan.map((job) => ({ claim: claims.find((c) => c.id === job.claim) as Claim, control: job.control }));
      // Any verdict may carry a rate and so a plot beside the report: check those paths too, before any work.
      checkOutputs([['--out', out], ...jobs.map(({ claim, control }): [string, string] => ['--out (its plot)', plotPath(out, claim.id, control)]), ...extras]);
      const report: CheckReport & { plant?: PlantName } = {
        ...(plant ? { plant } : {}),
        format: 'resnet-mf/check-report@1', profile, seed, node: process.version, v8: process.versions.v8,
        startedAt: new Date().toISOString(), seconds: 0, interrupted: false, notRun: [],
        falseAlarm: falseAlarmOfJobs(claims, plan),
        ...(subject && impl ? { subject: { command: impl.command, name: subject.name, protocol: SUBJECT_PROTOCOL, capabilities: [...subject.capabilities] } } : {}),
        ...(subject ? { notApplicable: notApplicable.map((c) => ({ claim: c.id, title: c.title, lacks: missingNeeds(c.needs, subject) })) } : {}),
        verdicts: [],
      };
      const started = performance.now();
      // Ctrl-C stops the run after the claims (or scenarios) in progress and keeps what was decided (listened for
      // before anything is printed, so that a Ctrl-C prompted by the first line is never the default kill).
      const ctrlC = listenForInterrupt(() => (report.interrupted = true));
      if (plant) console.error(`planted bug: ${plant} (the claims that measure a subject run against resnet-mf with it; ${plant.includes('@') ? 'a graded bug: docs/power.md' : 'docs/planted-bugs.md'})`);
      if (subject) console.error(`subject: ${oneLine(subject.name)} (${subject.capabilities.join(', ')}); ${claims.length} claim(s) apply, ${notApplicable.length} not`);
      const progress = progressBar('{bar} {value}/{total} {claim}');
      progress?.start(jobs.length, 0, { claim: '' });
      const run = { jobs, plan, profile, seed, numRuns, report, progress, log: (line: string) => console.error(line), plant, impl, registry };
      try {
        await runCheck(run, workers, flags.path);
      } finally {
        ctrlC.stop();
        progress?.stop();
      }
      report.seconds = (performance.now() - started) / 1000;
      await writeCheckOutputs(registry, report, out, jobs.length, { junit: flags.junit, html: flags.html });
    });
}

