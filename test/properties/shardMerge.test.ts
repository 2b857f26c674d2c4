/**
 * The shard plan and the merge at library level: shards partition the units; shard reports built from
 * Claim.runScenario, written and read back, merge into exactly the verdicts of the whole runs; the merge
 * refuses shards that are not one whole run.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { encodeLossless } from '../../src/check/checkUnit.js';
import { endsRun } from '../../src/check/combineVerdict.js';
import { CLAIMS, type Claim, type Verdict } from '../../properties/index.js';
import { mergeShards } from '../../src/check/reportMerge.js';
import { allUnits, type CheckJob, checkJobs, type ControlsMode, dispatchOrder, parseShardFlag, shardUnits, type ShardSpec } from '../../src/check/shardPlan.js';
import { parseShardReport, SHARD_FORMAT, type ShardReport, shardReportText } from '../../src/check/shardReport.js';

describe('shard plan', () => {
  it('the n shards partition the units, each unit once, shard sizes within one of each other', () => {
    const jobsArb = fc.array(fc.record({ claim: fc.constantFrom('a', 'b', 'c'), control: fc.boolean(), runs: fc.integer({ min: 1, max: 20 }) }), { maxLength: 6 });
    fc.assert(
      fc.property(jobsArb, fc.integer({ min: 1, max: 7 }), (jobs: CheckJob[], n) => {
        const all = allUnits(jobs).map((u) => `${u.job}/${u.index}`);
        const shards = Array.from({ length: n }, (_, i) => shardUnits(jobs, { index: i + 1, count: n }).map((u) => `${u.job}/${u.index}`));
        expect(shards.flat().sort()).toEqual([...all].sort());
        expect(new Set(shards.flat()).size).toBe(all.length);
        const sizes = shards.map((s) => s.length);
        expect(Math.max(...sizes) - Math.min(...sizes)).toBeLessThanOrEqual(1);
      }),
      { seed: 11, numRuns: 200 },
    );
  });

  it('dispatchOrder: every unit once, jobs with fewer scenarios first, job then scenario order within ties', () => {
    const jobsArb = fc.array(fc.record({ claim: fc.constantFrom('a', 'b', 'c'), control: fc.boolean(), runs: fc.integer({ min: 1, max: 6 }) }), { maxLength: 6 });
    fc.assert(
      fc.property(jobsArb, (jobs: CheckJob[]) => {
        const order = dispatchOrder(jobs);
        const expected = [...jobs.keys()]
          .sort((a, b) => jobs[a].runs - jobs[b].runs || a - b)
          .flatMap((job) => Array.from({ length: jobs[job].runs }, (_, index) => ({ job, index })));
        expect(order).toEqual(expected);
      }),
      { seed: 12, numRuns: 200 },
    );
  });

  it('--shard i/n parses 1 ≤ i ≤ n and refuses the rest naming --shard', () => {
    expect(parseShardFlag('2/4')).toEqual({ index: 2, count: 4 });
    expect(parseShardFlag('1/1')).toEqual({ index: 1, count: 1 });
    for (const bad of ['0/4', '5/4', '1/0', 'a/b', '', '2', '1/2/3', ' 1/2', '-1/2', '1.0/2']) expect(() => parseShardFlag(bad), bad).toThrow(/^--shard=/);
  });
});

const PROFILE = 'quick';
const SEED = 20261129;

/** What `check --shard` writes, computed in-process: each unit by runScenario, skipping after the shard's own failure. */
function shardReport(claims: readonly Claim[], controls: ControlsMode, shard: ShardSpec): ShardReport {
  const jobs = checkJobs(claims, controls, PROFILE, null);
  const units = shardUnits(jobs, shard);
  const report: ShardReport = {
    format: SHARD_FORMAT, shard, profile: PROFILE, seed: SEED, runs: null, controls, claims: claims.map((c) => c.id), registry: CLAIMS.map((c) => c.id),
    node: process.version, v8: process.versions.v8, startedAt: new Date().toISOString(), seconds: 0, interrupted: false,
    jobs: jobs.map((j) => ({ ...j, results: [], skipped: [] })),
  };
  const failedAt = jobs.map(() => Infinity);
  for (const { job, index } of units) {
    const target = report.jobs[job];
    if (index > failedAt[job]) {
      target.skipped.push(index);
      continue;
    }
    const claim = claims.find((c) => c.id === jobs[job].claim) as Claim;
    const outcome = claim.runScenario({ profile: PROFILE, seed: SEED, control: jobs[job].control, index });
    if (endsRun(outcome)) failedAt[job] = index;
    target.results.push({ index, seconds: 0, outcome });
  }
  // through the file format, as report merge reads it
  return parseShardReport(shardReportText(report), `shard-${shard.index}.json`);
}

const strip = (v: Verdict & { title?: string }) => {
  const { title: _t, catalogue: _c, replay: _r, seconds: _s, ...rest } = v as Verdict & Record<string, unknown>;
  return encodeLossless(rest);
};

describe('mergeShards', () => {
  const claims = ['depth-rate', 'forward-bound', 'mixture-convexity', 'relu-regularity'].map((id) => CLAIMS.find((c) => c.id === id) as Claim);
  const n = 3;
  const shards = Array.from({ length: n }, (_, i) => ({ file: `shard-${i + 1}.json`, report: shardReport(claims, 'also', { index: i + 1, count: n }) }));

  it('3 shards merge into the verdicts of the whole runs, bit for bit', () => {
    const merged = mergeShards([shards[2], shards[0], shards[1]], CLAIMS);
    const whole = claims.flatMap((claim) => [false, true].map((control) => claim.run({ profile: PROFILE, seed: SEED, control })));
    expect(merged.verdicts.map(strip)).toEqual(whole.map(strip));
    expect(whole.filter((v) => v.status === 'fail' && v.path.split(':')[0] !== '0').length).toBeGreaterThan(0);
    expect(shards.some((s) => s.report.jobs.some((j) => j.skipped.length > 0))).toBe(true);
  });

  it('refuses a missing shard, a duplicate, other settings, an interrupted shard, a shard missing a scenario', () => {
    expect(() => mergeShards([shards[0], shards[2]], CLAIMS)).toThrow(/^shards=.*shard 2\/3 missing/);
    expect(() => mergeShards([shards[0], shards[1], shards[1], shards[2]], CLAIMS)).toThrow(/^shards=.*shard 2\/3 is given twice \(shard-2\.json and shard-2\.json\)/);
    const edit = (change: (r: ShardReport) => void) => {
      const r = structuredClone(shards[1].report);
      change(r);
      return [shards[0], { file: 'edited.json', report: r }, shards[2]];
    };
    expect(() => mergeShards(edit((r) => (r.seed = 1)), CLAIMS)).toThrow(/^edited\.json:seed=/);
    expect(() => mergeShards(edit((r) => (r.profile = 'ci')), CLAIMS)).toThrow(/^edited\.json:profile=/);
    expect(() => mergeShards(edit((r) => (r.controls = 'none')), CLAIMS)).toThrow(/^edited\.json:controls=/);
    expect(() => mergeShards(edit((r) => (r.runs = 5)), CLAIMS)).toThrow(/^edited\.json:runs=/);
    expect(() => mergeShards(edit((r) => r.claims.reverse()), CLAIMS)).toThrow(/^edited\.json:claims=/);
    expect(() => mergeShards(edit((r) => r.registry.pop()), CLAIMS)).toThrow(/^edited\.json:registry=/);
    expect(() => mergeShards(edit((r) => (r.interrupted = true)), CLAIMS)).toThrow(/^edited\.json:interrupted=/);
    expect(() => mergeShards(edit((r) => r.jobs[6].results.pop()), CLAIMS)).toThrow(/^edited\.json:jobs\[6\]\.results=/);
    // a result moved to a scenario the shard does not own
    expect(() => mergeShards(edit((r) => (r.jobs[0].results[0] = { ...r.jobs[0].results[0], index: 0, outcome: { ...r.jobs[0].results[0].outcome, index: 0 } })), CLAIMS)).toThrow(/^edited\.json:jobs\[0\]\.results=/);
  });

  it('parseShardReport names the file and field of what is malformed', () => {
    const text = shardReportText(shards[0].report);
    expect(() => parseShardReport('{', 'x.json')).toThrow(/^x\.json=.*not JSON/);
    expect(() => parseShardReport(JSON.stringify({ format: 'resnet-mf/check-report@1' }), 'c.json')).toThrow(/^c\.json:format=.*unsharded check/);
    expect(() => parseShardReport(text.replace('"seed": 20261129', '"seed": "x"'), 'x.json')).toThrow(/^x\.json:seed=/);
    expect(() => parseShardReport(text.replace(/"decided": (true|false)/, '"decided": 1'), 'x.json')).toThrow(/^x\.json:jobs\[\d+\]\.results\[\d+\]\.outcome\.measured\.decided=/);
    expect(() => parseShardReport(text.replace('"count": 3', '"count": 0'), 'x.json')).toThrow(/^x\.json:shard\.count=/);
    // a key given twice (JSON.parse would keep the last), and a byte-order mark (skipped)
    expect(() => parseShardReport(text.replace('"count": 3', '"count": 3, "count": 3'), 'x.json')).toThrow(/^x\.json:shard\.count=.*given once/);
    expect(parseShardReport(`\uFEFF${text}`, 'x.json')).toEqual(parseShardReport(text, 'x.json'));
  });
});
