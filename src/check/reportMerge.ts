/**
 * `report merge`: shard reports of one `check --shard i/n` run → the check report the unsharded run writes.
 *
 * The shards must be one run (same profile, seed, --runs, controls mode, selected claims, shard count, and
 * the registry of this build), each shard 1..n exactly once, none interrupted, and each must hold exactly
 * its units (shardPlan) less those it skipped after a failure of its own. Then, per job, the outcomes of
 * scenarios 0..f (f the lowest failing index, or all) are combined by combineVerdict, as the unsharded run
 * combines them: same status, runs, figures, rate, counterexample, path and message.
 */
import { combineVerdict, recordOfScenarios, type ScenarioOutcome } from './combineVerdict.js';
import type { Claim } from './claim.js';
import { InvalidArgumentError, MalformedInputError } from '../errors.js';
import { checkJobs, jobLabel, shardUnits } from './shardPlan.js';
import type { ShardReport } from './shardReport.js';
import { type CheckReport, replayCommand } from '../report/verdictReport.js';
import { falseAlarmOfJobs } from './falseAlarmBudget.js';

export interface LoadedShard {
  /** The file it was read from (named in errors). */
  file: string;
  report: ShardReport;
}

/**
 * Merges shard reports into a check report (verdicts in run order; node, V8 of the first shard; the earliest
 * start; seconds = the longest shard's, the wall clock of a matrix run in parallel).
 * @param registry the claim registry of this build (CLAIMS)
 * @throws InvalidArgumentError (field `shards` or `<file>:<field>`) when the shards are not one whole run;
 *   MalformedInputError when a shard's units disagree with its spec
 */
export function mergeShards(shards: readonly LoadedShard[], registry: readonly Claim[]): CheckReport {
  if (shards.length === 0) throw new InvalidArgumentError('shards', 'at least one shard report', 0);
  const first = shards[0];
  const ref = first.report;
  const ids = registry.map((c) => c.id);
  for (const { file, report } of shards) {
    const same = (field: string, value: unknown, expected: unknown, what: string) => {
      if (JSON.stringify(value) !== JSON.stringify(expected)) throw new InvalidArgumentError(`${file}:${field}`, `${JSON.stringify(expected)} (${what}): the shards must come from one run`, JSON.stringify(value));
    };
    same('registry', report.registry, ids, 'the claims of this build of resnet-mf');
    same('profile', report.profile, ref.profile, `as in ${first.file}`);
    same('seed', report.seed, ref.seed, `as in ${first.file}`);
    same('runs', report.runs, ref.runs, `as in ${first.file}`);
    same('controls', report.controls, ref.controls, `as in ${first.file}`);
    same('claims', report.claims, ref.claims, `as in ${first.file}`);
    const unknown = report.claims.find((id) => !ids.includes(id));
    if (unknown !== undefined) throw new InvalidArgumentError(`${file}:claims`, `claims of this build of resnet-mf (${ids.join(', ')})`, unknown);
    same('shard.count', report.shard.count, ref.shard.count, `as in ${first.file}`);
    if (report.interrupted) throw new InvalidArgumentError(`${file}:interrupted`, 'false: this shard was interrupted (Ctrl-C); run it again', true);
  }
  const n = ref.shard.count;
  const byIndex = new Map<number, string>();
  for (const { file, report } of shards) {
    const seen = byIndex.get(report.shard.index);
    if (seen !== undefined) throw new InvalidArgumentError('shards', `each shard 1/${n}..${n}/${n} exactly once: shard ${report.shard.index}/${n} is given twice (${seen} and ${file})`, shards.map((s) => s.file).join(' '));
    byIndex.set(report.shard.index, file);
  }
  const missing = Array.from({ length: n }, (_, k) => k + 1).filter((i) => !byIndex.has(i));
  if (missing.length > 0) {
    const listed = missing.slice(0, 10).map((i) => `${i}/${n}`).join(', ') + (missing.length > 10 ? ` and ${missing.length - 10} more` : '');
    throw new InvalidArgumentError('shards', `each shard 1/${n}..${n}/${n} exactly once: shard${missing.length > 1 ? 's' : ''} ${listed} missing`, shards.map((s) => s.file).join(' '));
  }
  const claims = ref.claims.map((id) => registry.find((c) => c.id === id) as Claim);
  const jobs = checkJobs(claims, ref.controls, ref.profile, ref.runs);
  // outcomes[j][i]: scenario i of job j, from the shard that owns it
  const outcomes: (ScenarioOutcome | undefined)[][] = jobs.map((job) => new Array<ScenarioOutcome | undefined>(job.runs));
  const seconds = jobs.map(() => 0);
  for (const { file, report } of shards) {
    if (JSON.stringify(report.jobs.map((j) => [j.claim, j.control, j.runs])) !== JSON.stringify(jobs.map((j) => [j.claim, j.control, j.runs]))) {
      throw new MalformedInputError(`${file}:jobs`, `the jobs ${jobs.map(jobLabel).join(', ')} with their scenario counts`, 'other jobs');
    }
    const owned = jobs.map(() => new Set<number>());
    for (const u of shardUnits(jobs, report.shard)) owned[u.job].add(u.index);
    report.jobs.forEach((job, j) => {
      const at = `${file}:jobs[${j}]`;
      const present = new Set<number>();
      let firstFailure = Infinity;
      for (const r of job.results) {
        if (!owned[j].has(r.index) || present.has(r.index) || r.outcome.index !== r.index) {
          throw new MalformedInputError(`${at}.results`, `the scenarios of shard ${report.shard.index}/${n}, each once`, `scenario ${r.index}`);
        }
        present.add(r.index);
        outcomes[j][r.index] = r.outcome;
        seconds[j] += r.seconds;
        if (r.outcome.failure || r.outcome.stopped !== undefined) firstFailure = Math.min(firstFailure, r.index);
      }
      for (const i of job.skipped) {
        if (!owned[j].has(i) || present.has(i) || !(i > firstFailure)) {
          throw new MalformedInputError(`${at}.skipped`, `scenarios of shard ${report.shard.index}/${n} after one of its own failures`, `scenario ${i}`);
        }
        present.add(i);
      }
      if (present.size !== owned[j].size) throw new MalformedInputError(`${at}.results`, `all ${owned[j].size} scenarios of shard ${report.shard.index}/${n}`, `${present.size}`);
    });
  }
  return {
    format: 'resnet-mf/check-report@1',
    profile: ref.profile,
    seed: ref.seed,
    node: ref.node,
    v8: ref.v8,
    startedAt: earliest(shards.map((s) => s.report.startedAt)),
    seconds: Math.max(...shards.map((s) => s.report.seconds)),
    interrupted: false,
    notRun: [],
    falseAlarm: falseAlarmOfJobs(claims, jobs),
    verdicts: jobs.map((job, j) => {
      const claim = claims.find((c) => c.id === job.claim) as Claim;
      const verdict = combineVerdict({ claim, profile: ref.profile, seed: ref.seed, control: job.control }, recordOfScenarios(outcomes[j], job.runs));
      return { ...verdict, title: claim.title, catalogue: claim.catalogue, replay: replayCommand(verdict, null, ref.runs), seconds: seconds[j] };
    }),
  };
}

/** The earliest of ISO 8601 times, compared as instants (not as strings: zones differ); the first when none parses. */
function earliest(times: readonly string[]): string {
  const parsed = times.map((t) => ({ t, ms: Date.parse(t) })).filter((x) => Number.isFinite(x.ms));
  return parsed.length === 0 ? times[0] : parsed.reduce((a, b) => (b.ms < a.ms ? b : a)).t;
}
