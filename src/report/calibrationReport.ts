/**
 * The report of `resnet-mf calibrate`: per claim, how often its nominal run failed over many seeds on the
 * implementation under test (the false-alarm rate on the correct implementation; the detection rate with a
 * planted bug), with a 95 % Clopper–Pearson interval, beside the rate its statistical decisions are budgeted
 * (src/check/falseAlarmBudget.ts); the inconclusive runs, the undecided scenarios by reason, and every seed
 * that failed or was inconclusive with the `check` command that replays it.
 *
 * Seeds are the trials: each seed's verdict of a claim is one Bernoulli trial (fail or not), independent of
 * the others because fast-check draws every scenario of a run from its seed. An inconclusive run is a trial
 * that did not fail (it is counted apart, not as a pass).
 */
import Table from 'cli-table3';
import type { Claim, Profile, Verdict } from '../check/index.js';
import { falseAlarmOfJobs } from '../check/falseAlarmBudget.js';
import type { PlantName } from '../planted/index.js';
import { clopperPearson } from '../stats/index.js';
import type { JournalEntry } from './calibrationJournal.js';
import type { SeedRange } from './seedRange.js';
import type { ShardSpec } from '../check/shardPlan.js';
import type { ImplSpec } from '../check/checkUnit.js';
import { oneLine, replayCommand } from './verdictReport.js';

export const CALIBRATE_FORMAT = 'resnet-mf/calibrate-report@1';
/** Confidence level of the failure-rate intervals. */
export const CALIBRATION_LEVEL = 0.95;

/** A seed whose verdict of a claim was not a pass, with the command that replays it. */
export interface FlaggedSeed {
  seed: number;
  status: 'fail' | 'inconclusive';
  /** First line of the failure message or of the inconclusive reason. */
  why: string;
  replay: string;
}

/** One claim's calibration over the seeds that have its verdict. */
export interface ClaimCalibration {
  id: string;
  title: string;
  catalogue: number | null;
  /** Seeds with a verdict of this claim (the trials). */
  runs: number;
  failures: number;
  inconclusive: number;
  /** failures / runs, null when runs = 0. */
  failureRate: number | null;
  /** 95 % Clopper–Pearson interval of the failure probability, null when runs = 0. */
  interval: [number, number] | null;
  /** The false-alarm rate the claim's statistical decisions are budgeted per run (0 for a deterministic claim). */
  budgeted: number;
  /** Counted scenarios over all runs, and the undecided ones among them by reason. */
  scenarios: number;
  undecided: number;
  undecidedReasons: Record<string, number>;
  /** Seconds of computation over all runs (summed over threads; varies with the machine and --workers). */
  seconds: number;
  flagged: FlaggedSeed[];
}

export interface CalibrationReport {
  format: typeof CALIBRATE_FORMAT;
  profile: Profile;
  /** --seeds and --shard, the seeds they select, and how many of those have every claim's verdict. */
  seeds: SeedRange & { shard: ShardSpec | null; planned: number; complete: number };
  runs: number | null;
  plant: PlantName | null;
  /** The external subject (`--impl`): its command, the name it gave, and the claims that did not apply to it; absent for resnet-mf's own. */
  subject?: { command: string; name: string; notApplicable: { claim: string; lacks: string[] }[] };
  /** With a planted bug (`--plant`): the selected claims that read resnet-mf's internals, so were not run; absent otherwise. */
  notApplicable?: { claim: string; lacks: string[] }[];
  claims: string[];
  node: string;
  v8: string;
  /** The journal, and the Node version that started it (verdicts from another version may differ bit for bit). */
  journal: { path: string; node: string; v8: string; fromEarlierRuns: number };
  startedAt: string;
  seconds: number;
  /** True when Ctrl-C stopped the run: the figures are over the verdicts decided so far. */
  interrupted: boolean;
  level: number;
  /** Seeds (with every claim's verdict) on which at least one claim failed: the run's family-wise rate. */
  anyClaim: { seeds: number; failed: number; interval: [number, number] | null; budgeted: number };
  results: ClaimCalibration[];
}

/** What calibrationReport needs besides the entries. */
export interface CalibrationInput {
  claims: readonly Claim[];
  profile: Profile;
  range: SeedRange;
  shard: ShardSpec | null;
  /** The seeds this run selects (seedsOfShard), increasing. */
  seeds: readonly number[];
  runs: number | null;
  plant: PlantName | null;
  /** The external subject (--impl) with its name and the claims not applicable to it, or null. */
  impl: (ImplSpec & { name: string; notApplicable: { claim: string; lacks: string[] }[] }) | null;
  /** With a planted bug: the selected claims not applicable to the planted subject. */
  plantNotApplicable?: { claim: string; lacks: string[] }[];
  journal: { path: string; node: string; v8: string; fromEarlierRuns: number };
  startedAt: string;
  seconds: number;
  interrupted: boolean;
}

/**
 * Aggregates the journal's entries of the selected seeds (others are ignored) into the report. The result
 * depends on the set of entries only, not on their order (so not on --workers), except `seconds`.
 */
export function calibrationReport(input: CalibrationInput, entries: readonly JournalEntry[]): CalibrationReport {
  const selected = new Set(input.seeds);
  const bySeed = new Map<number, Map<string, JournalEntry>>();
  for (const e of entries) {
    if (!selected.has(e.seed)) continue;
    if (!bySeed.has(e.seed)) bySeed.set(e.seed, new Map());
    (bySeed.get(e.seed) as Map<string, JournalEntry>).set(e.claim, e);
  }
  const seedsDone = [...bySeed.keys()].sort((a, b) => a - b);
  const results = input.claims.map((claim) => {
    const verdicts: { verdict: Verdict; seconds: number }[] = [];
    for (const seed of seedsDone) {
      const e = bySeed.get(seed)?.get(claim.id);
      if (e) verdicts.push(e);
    }
    return claimCalibration(claim, verdicts, input);
  });
  const complete = seedsDone.filter((s) => (bySeed.get(s) as Map<string, JournalEntry>).size === input.claims.length);
  const failed = complete.filter((s) => [...(bySeed.get(s) as Map<string, JournalEntry>).values()].some((e) => e.verdict.status === 'fail')).length;
  const jobs = input.claims.map((c) => ({ claim: c.id, control: false, runs: input.runs ?? c.budget[input.profile] }));
  return {
    format: CALIBRATE_FORMAT, profile: input.profile,
    seeds: { ...input.range, shard: input.shard, planned: input.seeds.length, complete: complete.length },
    runs: input.runs, plant: input.plant,
    ...(input.impl ? { subject: { command: input.impl.command, name: input.impl.name, notApplicable: input.impl.notApplicable } } : {}),
    ...(input.plant && input.plantNotApplicable ? { notApplicable: input.plantNotApplicable } : {}),
    claims: input.claims.map((c) => c.id),
    node: process.version, v8: process.versions.v8, journal: input.journal,
    startedAt: input.startedAt, seconds: input.seconds, interrupted: input.interrupted, level: CALIBRATION_LEVEL,
    anyClaim: { seeds: complete.length, failed, interval: interval(failed, complete.length), budgeted: falseAlarmOfJobs(input.claims, jobs).rate },
    results,
  };
}

function claimCalibration(claim: Claim, verdicts: readonly { verdict: Verdict; seconds: number }[], input: CalibrationInput): ClaimCalibration {
  const runs = verdicts.length;
  const undecidedReasons: Record<string, number> = {};
  const flagged: FlaggedSeed[] = [];
  let failures = 0;
  let inconclusive = 0;
  let scenarios = 0;
  let undecided = 0;
  let seconds = 0;
  for (const { verdict: v, seconds: s } of verdicts) {
    scenarios += v.runs;
    undecided += v.undecided;
    seconds += s;
    for (const [r, k] of Object.entries(v.undecidedReasons)) undecidedReasons[r] = (undecidedReasons[r] ?? 0) + k;
    if (v.status === 'pass') continue;
    if (v.status === 'fail') failures++;
    else inconclusive++;
    const why = v.status === 'fail' ? v.message : v.reason;
    const runsFlag = input.runs !== null ? ` --runs ${input.runs}` : '';
    flagged.push({ seed: v.seed, status: v.status, why: why.split('\n')[0], replay: replayCommand(v, input.plant, null, input.impl) + runsFlag });
  }
  const budgeted = falseAlarmOfJobs([claim], [{ claim: claim.id, control: false, runs: input.runs ?? claim.budget[input.profile] }]).rate;
  return {
    id: claim.id, title: claim.title, catalogue: claim.catalogue, runs, failures, inconclusive,
    failureRate: runs > 0 ? failures / runs : null, interval: interval(failures, runs), budgeted,
    scenarios, undecided, undecidedReasons, seconds, flagged,
  };
}

function interval(k: number, n: number): [number, number] | null {
  return n > 0 ? clopperPearson(k, n, CALIBRATION_LEVEL) : null;
}

/** A rate in percent with 3 significant digits: 0.0123 → "1.23 %". */
function percent(p: number): string {
  return `${Number((100 * p).toPrecision(3))} %`;
}

/** `0 / 50 (0 %) [0 %, 7.11 %]`. */
function rateText(k: number, n: number, iv: [number, number] | null): string {
  if (!iv) return `${k} / ${n}`;
  return `${k} / ${n} (${percent(k / n)}) [${percent(iv[0])}, ${percent(iv[1])}]`;
}

/**
 * The table: claim, failures / runs with the failure rate and its interval, the budgeted rate, inconclusive
 * runs, undecided scenarios, and the first seeds that failed (F) or were inconclusive (I).
 */
export function calibrationTable(report: CalibrationReport): string {
  const level = `${100 * report.level} %`;
  const table = new Table({
    head: ['#', 'claim', `failures / runs (rate) [${level} CP]`, 'budgeted', 'inconcl.', 'undecided scenarios', 'seeds not passed'],
    style: { head: [], border: [] }, wordWrap: true, colWidths: [4, 24, 30, 10, 10, 22, 22],
  });
  for (const r of report.results) {
    const seeds = r.flagged.slice(0, 6).map((f) => `${f.seed}${f.status === 'fail' ? 'F' : 'I'}`).join(' ') + (r.flagged.length > 6 ? ` …+${r.flagged.length - 6}` : '');
    table.push([
      r.catalogue === null ? '–' : String(r.catalogue), r.id, rateText(r.failures, r.runs, r.interval), percent(r.budgeted),
      String(r.inconclusive), `${r.undecided} of ${r.scenarios}`, seeds || '–',
    ]);
  }
  const a = report.anyClaim;
  table.push(['', 'any claim (per seed)', rateText(a.failed, a.seeds, a.interval), percent(a.budgeted), '', '', '']);
  return table.toString();
}

/** Seeds printed under the table per claim; the report lists them all. */
export const DETAILS_PER_CLAIM = 5;

/**
 * The lines under the table: the first DETAILS_PER_CLAIM seeds of each claim that did not pass, with why and
 * their replay command, and how many more the report lists.
 */
export function calibrationDetails(report: CalibrationReport): string[] {
  return report.results.flatMap((r) => {
    // text from the journal: each on one line with no control character (oneLine)
    const lines = r.flagged.slice(0, DETAILS_PER_CLAIM).flatMap((f) => [oneLine(`${f.status === 'fail' ? 'FAIL' : 'INCONCLUSIVE'} ${r.id} seed ${f.seed}: ${f.why}`), `  replay: ${oneLine(f.replay)}`]);
    if (r.flagged.length > DETAILS_PER_CLAIM) lines.push(`  … ${r.flagged.length - DETAILS_PER_CLAIM} more seeds of ${r.id} not passed: see results[].flagged in the report`);
    return lines;
  });
}
