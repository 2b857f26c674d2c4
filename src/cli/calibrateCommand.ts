/**
 * `resnet-mf calibrate`: measures the false-alarm rate of the claim registry on the implementation, by running
 * every selected claim's nominal run (no controls) under each seed of --seeds, exactly as `check --seed S`
 * does (calibrateSeeds.ts), and counting per claim the seeds on which it failed (docs/calibration.md). With
 * --plant ID the same counts are the detection rate of a planted bug.
 *
 * Every verdict goes to the journal beside the report (`<out>l` for a `.json` out) as soon as it is decided
 * (src/report/calibrationJournal.ts); a run with the same settings skips what the journal holds, so Ctrl-C or a
 * kill loses nothing decided. The report (src/report/calibrationReport.ts) is written atomically at the end,
 * also after Ctrl-C (exit 130). Exit 0 when every run passed, 1 when one failed, EXIT_INCONCLUSIVE (3) when none
 * failed but one was inconclusive.
 */
import { existsSync } from 'node:fs';
import { Command } from 'commander';
import { type Claim, PROFILES, type Profile, type Verdict } from '../check/claim.js';
import { type ClaimRegistry, selectClaims } from '../check/registry.js';
import { defaultWorkers, parseWorkersFlag } from '../parallel/pool.js';
import { BUG_FAMILY_IDS, PLANTED_BUG_IDS, plantedBugOfCommand, plantedSubject } from '../planted/index.js';
import {
  type CalibrationSettings, type JournalContents, type JournalEntry, calibrationJournalPath, journalEntryLine, journalHeaderLine,
  parseCalibrationJournal,
} from '../report/calibrationJournal.js';
import { calibrationDetails, calibrationReport, calibrationTable } from '../report/calibrationReport.js';
import { parseSeedRange, seedRangeText, seedsOfShard } from '../report/seedRange.js';
import { parseShardFlag } from '../check/shardPlan.js';
import { EXIT_INCONCLUSIVE, exitCodeOf, oneLine, verdictLabel } from '../report/verdictReport.js';
import { lacksText, missingNeeds, sharedExternalSubject } from '../subject/index.js';
import { IMPL_HELP, IMPL_TIMEOUT_HELP, parseImplFlags } from './implFlags.js';
import { oneOf, parseIntegerFlag } from '../validate.js';
import { type SeedTodo, calibrateSeeds } from '../check/calibrateSeeds.js';
import { CommandFailure } from './failure.js';
import { checkOutputs, givenPaths, readTextFile, writeTextFilesAtomic } from './io.js';
import { openJournal } from './journalWriter.js';
import { listenForInterrupt } from '../interrupt.js';
import { progressBar } from './progressBar.js';

interface CalibrateFlags {
  seeds: string;
  profile: string;
  claim?: string[];
  runs?: string;
  workers?: string;
  shard?: string;
  plant?: string;
  out?: string;
  fresh?: boolean;
  junit?: string;
  impl?: string;
  implTimeout?: string;
}

export const DEFAULT_CALIBRATE_OUT = 'reports/calibrate.json';
const JOURNAL_FLAG = '--out (its journal)';

export function calibrateCommand(registry: ClaimRegistry): Command {
  return new Command('calibrate')
    .description('run the nominal claims under many seeds and report each claim\'s failure rate (docs/calibration.md); exit 1 if a run failed')
    .requiredOption('--seeds <A..B>', 'the seeds A, A+1, …, B (0 ≤ A ≤ B ≤ 2^31−1), or one seed')
    .option('--profile <name>', `budget profile: ${PROFILES.join(', ')}`, 'ci')
    .option('--claim <id...>', `run only these claims: ${registry.claims.map((c) => c.id).join(', ')}`)
    .option('--runs <n>', 'override the number of scenarios per claim')
    .option('--workers <N>', `worker threads (1 = each claim in one fast-check run in this thread; default: ${defaultWorkers()}, the cores); the report is the same for every N, timings aside`)
    .option('--shard <i/n>', 'run the seeds k with ((k − A) mod n) + 1 = i (default --out reports/calibrate.shard-<i>-of-<n>.json)')
    .option('--plant <id>', `run with a planted bug (the failure rate is then its detection rate): ${PLANTED_BUG_IDS.join(', ')}; or a graded bug <family>@<δ> (docs/power.md): ${BUG_FAMILY_IDS.join(', ')}`)
    .option('--impl <command>', `${IMPL_HELP} (the failure rates are then those of the registry on that program)`)
    .option('--impl-timeout <seconds>', IMPL_TIMEOUT_HELP)
    .option('--out <file>', `JSON report (default ${DEFAULT_CALIBRATE_OUT}); the journal of verdicts is beside it, <report>l (e.g. calibrate.jsonl)`)
    .option('--junit <file>', 'also write the report as JUnit XML (a test case per claim, failing when a seed\'s run failed)')
    .option('--fresh', 'discard the journal of an earlier run instead of continuing it')
    .action(async (flags: CalibrateFlags) => {
      // Every flag and the journal are checked before anything is written.
      const range = parseSeedRange(flags.seeds);
      const profile = oneOf('--profile', flags.profile, PROFILES) as Profile;
      const runs = flags.runs !== undefined ? parseIntegerFlag('--runs', flags.runs, 1, 1_000_000) : null;
      const workers = flags.workers !== undefined ? parseWorkersFlag(flags.workers) : defaultWorkers();
      const shard = flags.shard !== undefined ? parseShardFlag(flags.shard) : null;
      const chosen = selectClaims(registry, flags.claim);
      const plant = plantedBugOfCommand(flags.plant);
      const impl = parseImplFlags(flags, plant, null);
      const out = flags.out ?? (shard ? `reports/calibrate.shard-${shard.index}-of-${shard.count}.json` : DEFAULT_CALIBRATE_OUT);
      const journalPath = calibrationJournalPath(out);
      checkOutputs([['--out', out], [JOURNAL_FLAG, journalPath], ...givenPaths(flags, ['junit'])]);
      // The subject greets before any work: a program that does not speak the protocol is bad input (exit 2).
      const subject = impl ? sharedExternalSubject(impl.command, { timeoutSeconds: impl.timeoutSeconds }) : plant ? plantedSubject(plant) : null;
      const notApplicable = subject ? chosen.filter((c) => missingNeeds(c.needs, subject).length > 0).map((c) => ({ claim: c.id, lacks: missingNeeds(c.needs, subject) })) : [];
      const claims = chosen.filter((c) => !notApplicable.some((n) => n.claim === c.id));
      if (subject && claims.length === 0) {
        for (const na of notApplicable) console.log(`not applicable: ${na.claim} (${lacksText(na.lacks)}): not run, not a pass`);
        throw new CommandFailure(`no claim applies to the subject ${oneLine(subject.name)}: nothing was calibrated (not a pass)`, EXIT_INCONCLUSIVE);
      }
      const settings: CalibrationSettings = { profile, claims: claims.map((c) => c.id), runs, plant, impl: impl?.command ?? null };
      const { contents: journal, writer } = await openJournal(
        journalPath,
        JOURNAL_FLAG,
        (): JournalContents => !flags.fresh && existsSync(journalPath)
          ? parseCalibrationJournal(readTextFile(JOURNAL_FLAG, journalPath), journalPath, settings)
          : { header: null, entries: [], validBytes: 0, needsNewline: false, droppedLine: null },
        (j) => ({ keepBytes: j.validBytes, prefix: j.header ? (j.needsNewline ? '\n' : '') : journalHeaderLine(settings) }),
      );

      const seeds = seedsOfShard(range, shard);
      const entries: JournalEntry[] = [...journal.entries];
      const done = new Set(entries.map((e) => `${e.seed} ${e.claim}`));
      const todo: SeedTodo[] = seeds
        .map((seed) => ({ seed, claims: claims.filter((c) => !done.has(`${seed} ${c.id}`)) }))
        .filter((t) => t.claims.length > 0);
      const selected = new Set(seeds);
      const fromEarlierRuns = entries.filter((e) => selected.has(e.seed)).length;

      const header = journal.header ?? { node: process.version, v8: process.versions.v8 };
      const startedAt = new Date().toISOString();
      const started = performance.now();
      // Ctrl-C is listened for before anything is printed (a Ctrl-C prompted by the first line is never the default kill)
      const ctrlC = listenForInterrupt();
      for (const na of notApplicable) console.error(`not applicable: ${na.claim} (${lacksText(na.lacks)}): not run, not a pass`);
      if (journal.droppedLine !== null) console.error(`journal ${journalPath}: dropped its truncated last line ${journal.droppedLine} (cut by a kill); that verdict is computed again`);
      if (header.node !== process.version) console.error(`journal ${journalPath} was started with Node ${header.node}; this is ${process.version}: a verdict may differ bit for bit between versions`);
      const total = todo.reduce((s, t) => s + t.claims.length, 0);
      console.error(
        `calibrate: profile ${profile}, seeds ${seedRangeText(range)}${shard ? ` shard ${shard.index}/${shard.count}` : ''} (${seeds.length}), ${claims.length} claim${claims.length > 1 ? 's' : ''}` +
          `${plant ? `, planted bug ${plant}` : ''}${impl && subject ? `, subject ${oneLine(subject.name)}` : ''}: ${total} claim runs to do, ${fromEarlierRuns} from the journal ${journalPath}; ${workers} worker${workers > 1 ? 's' : ''}`,
      );

      const progress = progressBar('{bar} {value}/{total} claim runs, seed {seed}');
      progress?.start(total, 0, { seed: '' });
      const left = new Map(todo.map((t) => [t.seed, t.claims.length]));
      let decided = 0;
      let seedsDone = 0;
      const onVerdict = (seed: number, claim: Claim, verdict: Verdict, seconds: number) => {
        const entry: JournalEntry = { seed, claim: claim.id, seconds, verdict };
        writer.append(journalEntryLine(entry));
        entries.push(entry);
        decided++;
        progress?.update(decided, { seed });
        if (!progress && verdict.status !== 'pass') console.error(`seed ${seed} ${claim.id}: ${verdictLabel(verdict)}`);
        const remaining = (left.get(seed) as number) - 1;
        left.set(seed, remaining);
        if (remaining === 0 && !progress) console.error(`[${++seedsDone}/${todo.length}] seed ${seed} done (${decided}/${total} claim runs)`);
      };
      try {
        await calibrateSeeds({ task: registry.unitTask, todo, profile, runs, plant, impl, workers, interrupted: ctrlC.interrupted, onVerdict });
      } finally {
        ctrlC.stop();
        progress?.stop();
        writer.close();
      }

      const report = calibrationReport(
        {
          claims, profile, range, shard, seeds, runs, plant, impl: impl && subject ? { ...impl, name: subject.name, notApplicable } : null, ...(plant ? { plantNotApplicable: notApplicable } : {}), startedAt, interrupted: ctrlC.interrupted(), seconds: (performance.now() - started) / 1000,
          journal: { path: journalPath, node: header.node, v8: header.v8, fromEarlierRuns },
        },
        entries,
      );
      const files: [string, string, string][] = [['--out', out, `${JSON.stringify(report, null, 2)}\n`]];
      if (flags.junit !== undefined) files.push(['--junit', flags.junit, (await import('../report/junitReport.js')).calibrationJUnit(report)]);
      writeTextFilesAtomic(files);
      console.log(calibrationTable(report));
      for (const line of calibrationDetails(report)) console.log(line);
      const counted = report.results.reduce((s, r) => s + r.runs, 0);
      console.log(`profile ${profile}, seeds ${seedRangeText(range)}: ${report.seeds.complete} of ${seeds.length} seeds complete, ${counted} claim runs; report: ${out}, journal: ${journalPath} (${report.seconds.toFixed(1)} s)`);
      if (ctrlC.interrupted()) {
        console.log(`interrupted: ${total - decided} claim runs not run; run the same command again to continue from the journal`);
        throw new CommandFailure('interrupted', 130);
      }
      const code = exitCodeOf(entries.filter((e) => selected.has(e.seed)).map((e) => e.verdict));
      if (code !== 0) {
        const failures = report.results.reduce((s, r) => s + r.failures, 0);
        const inconclusive = report.results.reduce((s, r) => s + r.inconclusive, 0);
        throw new CommandFailure(`${failures} claim run(s) failed, ${inconclusive} inconclusive`, code);
      }
    });
}
