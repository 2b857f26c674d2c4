/**
 * The shard report of `check --shard i/n`: the settings of the run it belongs to (profile, seed, --runs,
 * controls mode, selected claims, the registry's claim ids, the shard spec) and the outcome of each of its
 * units (scenario index, seconds, ScenarioOutcome), so that `report merge` can check the shards belong to one
 * run and rebuild each claim's verdict with combineVerdict.
 *
 * Written as lossless JSON (src/check/checkUnit.ts encodeLossless: NaN, ±Infinity and −0 in figures and
 * counterexamples survive the file), read back with full validation: a malformed file is refused with an
 * error naming the file and the field, never half-merged.
 */
import type { ScenarioOutcome } from './combineVerdict.js';
import { decodeLossless, encodeLossless } from './checkUnit.js';
import { PROFILES, type Profile } from './claim.js';
import { refuseDuplicateKeys, withoutByteOrderMark } from '../data/jsonFields.js';
import { MalformedInputError } from '../errors.js';
import { array, bool, bounded, figures, integer, key, label, member, number, rate, record, replayPath, shallow, text_ } from '../report/reportFields.js';
import { MAX_SEED } from '../report/seedRange.js';
import { CONTROLS_MODES, type ControlsMode, MAX_SHARDS, type ShardSpec } from './shardPlan.js';

export const SHARD_FORMAT = 'resnet-mf/check-shard@1';
const CHECK_FORMAT = 'resnet-mf/check-report@1';

/** What a shard ran of one job: the unit outcomes, and its units it did not run because one of its own earlier units failed. */
export interface ShardJob {
  claim: string;
  control: boolean;
  runs: number;
  results: { index: number; seconds: number; outcome: ScenarioOutcome }[];
  /** Scenario indices of this shard's units after its own first failure in this job: not needed by the verdict. */
  skipped: number[];
}

export interface ShardReport {
  format: typeof SHARD_FORMAT;
  shard: ShardSpec;
  profile: Profile;
  seed: number;
  /** --runs, or null for each claim's budget under the profile. */
  runs: number | null;
  controls: ControlsMode;
  /** The selected claims, in run order. */
  claims: string[];
  /** Every claim id of the registry that ran the shard (a different build of resnet-mf is refused). */
  registry: string[];
  node: string;
  v8: string;
  startedAt: string;
  seconds: number;
  /** True when the shard was stopped (Ctrl-C) before all its units ran: it cannot be merged. */
  interrupted: boolean;
  jobs: ShardJob[];
}

/** The file's text (lossless JSON, indented). */
export function shardReportText(report: ShardReport): string {
  return `${encodeLossless(report, 1)}\n`;
}

/**
 * Parses and validates a shard report.
 * @param source the file name, used in error messages
 * @throws MalformedInputError naming `source` and the field: not JSON, a check report instead of a shard
 *   report, wrong format tag, a missing or mistyped field
 */
export function parseShardReport(text: string, source: string): ShardReport {
  const json = withoutByteOrderMark(text);
  let raw: unknown;
  try {
    raw = decodeLossless(json);
  } catch (err) {
    // a RangeError is the parser's stack running out: valid JSON, nested too deep for any shard report
    const what = err instanceof RangeError ? 'JSON nested deeper than the parser allows' : 'text that is not JSON';
    throw new MalformedInputError(source, `a shard report of \`resnet-mf check --shard i/n\` (JSON)`, what);
  }
  refuseDuplicateKeys(json, source, ':');
  const at = (path: string) => `${source}:${path}`;
  const obj = record(at('(top level)'), raw);
  if (obj.format === CHECK_FORMAT) {
    throw new MalformedInputError(at('format'), `"${SHARD_FORMAT}": this is the report of an unsharded check; pass the files written by \`check --shard i/n\``, obj.format);
  }
  if (obj.format !== SHARD_FORMAT) throw new MalformedInputError(at('format'), `"${SHARD_FORMAT}"`, obj.format);
  const shard = record(at('shard'), obj.shard);
  const count = bounded(at('shard.count'), shard.count, 1, MAX_SHARDS);
  const index = integer(at('shard.index'), shard.index, 1);
  if (index > count) throw new MalformedInputError(at('shard.index'), `at most shard.count = ${count}`, index);
  const runs = obj.runs === null ? null : bounded(at('runs'), obj.runs, 1, MAX_RUNS);
  const jobs = array(at('jobs'), obj.jobs).map((j, k) => parseJob(at(`jobs[${k}]`), j));
  return {
    format: SHARD_FORMAT,
    shard: { index, count },
    profile: member(at('profile'), obj.profile, PROFILES),
    seed: bounded(at('seed'), obj.seed, 0, MAX_SEED), // as check --seed takes
    runs,
    controls: member(at('controls'), obj.controls, CONTROLS_MODES),
    claims: nonEmpty(at('claims'), array(at('claims'), obj.claims)).map((c, k) => label(at(`claims[${k}]`), c)),
    registry: array(at('registry'), obj.registry).map((c, k) => text_(at(`registry[${k}]`), c)),
    node: text_(at('node'), obj.node),
    v8: text_(at('v8'), obj.v8),
    startedAt: text_(at('startedAt'), obj.startedAt),
    seconds: number(at('seconds'), obj.seconds),
    interrupted: bool(at('interrupted'), obj.interrupted),
    jobs,
  };
}


/** The most scenarios a claim run has: `check --runs` takes at most this. */
const MAX_RUNS = 1_000_000;
/** How deep a counterexample may nest (they are records of a scenario's parameters, a few levels deep). */
const MAX_COUNTEREXAMPLE_DEPTH = 64;

/** A failure's replay path starts at its own scenario: run i of the seed's fast-check run. */
function firstStep(field: string, path: string, index: number): string {
  if (path.split(':')[0] !== String(index)) throw new MalformedInputError(field, `a replay path of scenario ${index} (starting "${index}:")`, path);
  return path;
}


/** A list with at least one element (a shard of no claim would merge into a run that tested nothing). */
function nonEmpty(field: string, v: unknown[]): unknown[] {
  if (v.length === 0) throw new MalformedInputError(field, 'a non-empty array (the claims the run checked)', v);
  return v;
}

function parseJob(at: string, raw: unknown): ShardJob {
  const j = record(at, raw);
  return {
    claim: text_(`${at}.claim`, j.claim),
    control: bool(`${at}.control`, j.control),
    runs: bounded(`${at}.runs`, j.runs, 1, MAX_RUNS),
    results: array(`${at}.results`, j.results).map((r, k) => {
      const o = record(`${at}.results[${k}]`, r);
      return { index: integer(`${at}.results[${k}].index`, o.index, 0), seconds: number(`${at}.results[${k}].seconds`, o.seconds), outcome: parseOutcome(`${at}.results[${k}].outcome`, o.outcome) };
    }),
    skipped: array(`${at}.skipped`, j.skipped).map((s, k) => integer(`${at}.skipped[${k}]`, s, 0)),
  };
}

function parseOutcome(at: string, raw: unknown): ScenarioOutcome {
  const o = record(at, raw);
  const out: ScenarioOutcome = { index: integer(`${at}.index`, o.index, 0) };
  if (o.measured !== undefined) {
    const m = record(`${at}.measured`, o.measured);
    const decided = bool(`${at}.measured.decided`, m.decided);
    out.measured = {
      figures: figures(`${at}.measured.figures`, m.figures),
      decided,
      ...(decided ? {} : { reason: key(`${at}.measured.reason`, text_(`${at}.measured.reason`, m.reason)) }),
      ...rate(`${at}.measured.rate`, m.rate),
    };
  }
  if (o.failure !== undefined) {
    const f = record(`${at}.failure`, o.failure);
    if (!('counterexample' in f)) throw new MalformedInputError(`${at}.failure.counterexample`, 'present', undefined);
    out.failure = {
      path: firstStep(`${at}.failure.path`, replayPath(`${at}.failure.path`, f.path), out.index),
      counterexample: shallow(`${at}.failure.counterexample`, f.counterexample, MAX_COUNTEREXAMPLE_DEPTH),
      message: text_(`${at}.failure.message`, f.message),
      figures: figures(`${at}.failure.figures`, f.figures),
      ...rate(`${at}.failure.rate`, f.rate),
    };
  }
  if (o.stopped !== undefined) out.stopped = text_(`${at}.stopped`, o.stopped);
  return out;
}
