/**
 * The pure parts of `resnet-mf calibrate`: --seeds and its shards (src/report/seedRange.ts), and the report's
 * counts from journal entries in any order (src/report/calibrationReport.ts), and the journal's subject (--impl).
 */
import { describe, expect, it } from 'vitest';
import { findClaim, type Claim, type Verdict } from '../../properties/index.js';
import { calibrationReport } from '../../src/report/calibrationReport.js';
import { type JournalEntry, journalHeaderLine, parseCalibrationJournal } from '../../src/report/calibrationJournal.js';
import { parseSeedRange, seedsOfShard } from '../../src/report/seedRange.js';
import { clopperPearson } from '../../src/stats/index.js';

describe('parseSeedRange, seedsOfShard', () => {
  it('reads A..B and a single seed, and refuses the rest naming --seeds', () => {
    expect(parseSeedRange('1..100')).toEqual({ from: 1, to: 100 });
    expect(parseSeedRange(' 7 ')).toEqual({ from: 7, to: 7 });
    expect(parseSeedRange('2147483647..2147483647')).toEqual({ from: 2 ** 31 - 1, to: 2 ** 31 - 1 });
    for (const bad of ['5..2', 'x', '', '1...3', '-1..3', '1..2147483648', '1.5..3', '0..1000000']) {
      expect(() => parseSeedRange(bad), bad).toThrow(/^--seeds/);
    }
  });

  it('shard i of n takes the seeds k with ((k − A) mod n) + 1 = i; the shards partition the range', () => {
    const range = { from: 10, to: 16 };
    expect(seedsOfShard(range, null)).toEqual([10, 11, 12, 13, 14, 15, 16]);
    expect(seedsOfShard(range, { index: 1, count: 3 })).toEqual([10, 13, 16]);
    expect(seedsOfShard(range, { index: 3, count: 3 })).toEqual([12, 15]);
    expect(seedsOfShard(range, { index: 4, count: 9 })).toEqual([13]);
  });
});

describe('calibrationReport', () => {
  const claim = findClaim('forward-bound') as Claim;
  const verdict = (seed: number, status: Verdict['status'], undecided = 0): Verdict => {
    const base = { id: claim.id, profile: 'quick' as const, seed, control: false, runs: 10, undecided, undecidedReasons: (undecided ? { 'reference did not converge': undecided } : {}) as Record<string, number>, figures: {} };
    if (status === 'pass') return { ...base, status };
    if (status === 'fail') return { ...base, status, path: '4:0', counterexample: null, message: 'too far\nsecond line' };
    return { ...base, status, reason: 'too many undecided' };
  };
  const input = (seeds: number[]) => ({
    claims: [claim], profile: 'quick' as const, range: { from: 1, to: 9 }, shard: null, seeds, runs: null, plant: null, impl: null,
    journal: { path: 'j.jsonl', node: 'v20', v8: 'x', fromEarlierRuns: 0 }, startedAt: '', seconds: 0, interrupted: false,
  });

  it('counts failures, inconclusive runs and undecided scenarios per claim, whatever the order of the entries', () => {
    const entries: JournalEntry[] = [
      { seed: 3, claim: claim.id, seconds: 1, verdict: verdict(3, 'inconclusive', 2) },
      { seed: 1, claim: claim.id, seconds: 1, verdict: verdict(1, 'pass', 1) },
      { seed: 2, claim: claim.id, seconds: 1, verdict: verdict(2, 'fail') },
      { seed: 4, claim: claim.id, seconds: 1, verdict: verdict(4, 'pass') },
      { seed: 12, claim: claim.id, seconds: 1, verdict: verdict(12, 'fail') }, // not a seed of this run
    ];
    const report = calibrationReport(input([1, 2, 3, 4, 5]), entries);
    const reversed = calibrationReport(input([1, 2, 3, 4, 5]), [...entries].reverse());
    expect(reversed).toEqual(report);
    const [r] = report.results;
    expect([r.runs, r.failures, r.inconclusive, r.scenarios, r.undecided]).toEqual([4, 1, 1, 40, 3]);
    expect(r.undecidedReasons).toEqual({ 'reference did not converge': 3 });
    expect(r.interval).toEqual(clopperPearson(1, 4, 0.95));
    expect(r.flagged).toEqual([
      { seed: 2, status: 'fail', why: 'too far', replay: 'resnet-mf check --claim forward-bound --profile quick --seed 2 --path 4:0' },
      { seed: 3, status: 'inconclusive', why: 'too many undecided', replay: 'resnet-mf check --claim forward-bound --profile quick --seed 3' },
    ]);
    expect(report.seeds).toMatchObject({ planned: 5, complete: 4 });
    expect(report.anyClaim).toMatchObject({ seeds: 4, failed: 1 });
  });
});

describe('the calibrate journal and --impl', () => {
  const settings = { profile: 'quick' as const, claims: ['gd-step'], runs: null, plant: null, impl: null };
  it('a journal written before --impl existed (no impl in its header) is resnet-mf\'s own: continued without --impl, refused with it', () => {
    const header = JSON.parse(journalHeaderLine(settings)) as Record<string, unknown>;
    delete header.impl;
    const old = `${JSON.stringify(header)}\n`;
    expect(parseCalibrationJournal(old, 'c.jsonl', settings).header?.impl).toBeNull();
    expect(() => parseCalibrationJournal(old, 'c.jsonl', { ...settings, impl: 'python3 a.py' })).toThrow(
      /^--impl="python3 a\.py" must be \(resnet-mf's own implementation\) as in the journal c\.jsonl/,
    );
  });
  it('a journal of one program refuses another, naming both', () => {
    const text = journalHeaderLine({ ...settings, impl: 'python3 a.py' });
    expect(parseCalibrationJournal(text, 'c.jsonl', { ...settings, impl: 'python3 a.py' }).header?.impl).toBe('python3 a.py');
    expect(() => parseCalibrationJournal(text, 'c.jsonl', { ...settings, impl: 'python3 b.py' })).toThrow(/^--impl="python3 b\.py" must be "python3 a\.py" as in the journal/);
  });
});
