/**
 * `resnet-mf check --shard i/n`: runs shard i of n of the run's units (src/check/shardPlan.ts: round-robin
 * over the scenarios of every claim run, in registry order) on the worker pool and writes the shard report
 * (src/check/shardReport.ts). No verdict is decided here: `resnet-mf report merge` decides them from all n
 * shards. Exit 0 once the report is written (also when a scenario failed: the merge reports it); Ctrl-C
 * writes the partial report marked interrupted (the merge refuses it) and exits 130.
 */
import type { Claim, Profile } from './claim.js';
import type { ClaimRegistry } from './registry.js';
import { closePools } from '../parallel/pool.js';
import { checkJobs, type ControlsMode, jobLabel, type ShardSpec, shardUnits } from './shardPlan.js';
import { SHARD_FORMAT, type ShardReport, shardReportText } from './shardReport.js';
import { runCheckUnits } from './checkUnits.js';
import { listenForInterrupt } from '../interrupt.js';
import { CommandFailure } from '../cli/failure.js';
import { writeTextFileAtomic } from '../cli/io.js';

export interface ShardRunOptions {
  registry: ClaimRegistry;
  /** The claims run, of the registry's. */
  claims: readonly Claim[];
  controls: ControlsMode;
  profile: Profile;
  seed: number;
  runs: number | null;
  shard: ShardSpec;
  workers: number;
  out: string;
}

export async function runShard(opts: ShardRunOptions): Promise<void> {
  const { profile, seed, shard } = opts;
  const jobs = checkJobs(opts.claims, opts.controls, profile, opts.runs);
  const units = shardUnits(jobs, shard);
  const startedAt = new Date().toISOString();
  const started = performance.now();
  const ctrlC = listenForInterrupt();
  const name = `shard ${shard.index}/${shard.count}`;
  console.error(`${name}: ${units.length} of ${jobs.reduce((s, j) => s + j.runs, 0)} scenarios of ${jobs.length} claim runs, on ${opts.workers} worker${opts.workers > 1 ? 's' : ''}`);
  let done = 0;
  let state;
  try {
    state = await runCheckUnits({
      task: opts.registry.unitTask, jobs, units, profile, seed, workers: opts.workers, interrupted: ctrlC.interrupted,
      onComplete: (j, s) => {
        done++;
        if (s.results.size === 0 && s.skipped.length === 0) return;
        const failed = Number.isFinite(s.failedAt) ? `scenario ${s.failedAt} failed` : 'none failed';
        console.error(`[${done}/${jobs.length}] ${jobLabel(jobs[j])}: ${s.results.size} scenario${s.results.size === 1 ? '' : 's'} run, ${failed}`);
      },
    });
  } finally {
    ctrlC.stop();
  }
  await closePools();
  const report: ShardReport = {
    format: SHARD_FORMAT, shard, profile, seed, runs: opts.runs, controls: opts.controls,
    claims: opts.claims.map((c) => c.id), registry: opts.registry.claims.map((c) => c.id),
    node: process.version, v8: process.versions.v8, startedAt, seconds: (performance.now() - started) / 1000, interrupted: ctrlC.interrupted(),
    jobs: jobs.map((job, j) => ({
      ...job,
      results: [...state[j].results.entries()].sort((a, b) => a[0] - b[0]).map(([index, r]) => ({ index, seconds: r.seconds, outcome: r.outcome })),
      skipped: [...state[j].skipped].sort((a, b) => a - b),
    })),
  };
  writeTextFileAtomic('--out', opts.out, shardReportText(report));
  const ran = report.jobs.reduce((s, j) => s + j.results.length, 0);
  console.log(`${name}, profile ${profile}, seed ${seed}: ${ran} scenarios run, ${report.jobs.reduce((s, j) => s + j.skipped.length, 0)} skipped after a failure; shard report: ${opts.out} (${report.seconds.toFixed(1)} s)`);
  if (ctrlC.interrupted()) {
    console.log(`interrupted: the shard report is marked interrupted and cannot be merged; run the shard again`);
    throw new CommandFailure('interrupted', 130);
  }
  console.log(`merge the ${shard.count} shard reports with: resnet-mf report merge <shard reports...> --out <report>`);
}
