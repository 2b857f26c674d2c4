/**
 * `resnet-mf calibrate` end to end on cheap claims under --profile quick: bad input, verdicts equal to
 * `check`'s for each seed, one report for every --workers, the journal (resume, refusal of other settings, a
 * truncated last line, a malformed line), a planted bug counted as failures, --shard, Ctrl-C.
 */
import { spawn } from 'node:child_process';
import { existsSync, readFileSync, utimesSync, writeFileSync } from 'node:fs';
import lockfile from 'proper-lockfile';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { BIN, cleanup, expectBadInput, expectNoStackTrace, listing, run, runAsync, runInterrupted, tempDir } from './harness.js';

afterAll(cleanup);

const CLAIMS = ['forward-bound', 'output-adjoint'];
const BASE = ['calibrate', '--profile', 'quick', '--claim', ...CLAIMS];

interface Verdict {
  id: string;
  seed: number;
  status: string;
  [key: string]: unknown;
}
interface Entry {
  seed: number;
  claim: string;
  seconds: number;
  verdict: Verdict;
}
interface ClaimResult {
  id: string;
  runs: number;
  failures: number;
  inconclusive: number;
  interval: [number, number];
  seconds: number;
  flagged: { seed: number; status: string; replay: string }[];
}
interface Report {
  format: string;
  profile: string;
  seeds: { from: number; to: number; planned: number; complete: number };
  plant: string | null;
  interrupted: boolean;
  journal: { path: string; fromEarlierRuns: number };
  results: ClaimResult[];
  [key: string]: unknown;
}

const readReport = (path: string): Report => JSON.parse(readFileSync(path, 'utf8')) as Report;
const journalLines = (path: string): string[] => readFileSync(path, 'utf8').split('\n').filter((l) => l !== '');
const entriesOf = (path: string): Entry[] => journalLines(path).slice(1).map((l) => JSON.parse(l) as Entry);

/** The report without what depends on the machine, the clock or the history of the journal. */
function comparable(r: Report): unknown {
  const { startedAt: _s, seconds: _t, journal: _j, ...rest } = r;
  return { ...rest, results: r.results.map(({ seconds: _x, ...c }) => c) };
}

/** A calibration of seeds 1..3 of both claims, computed once for the tests that read it. */
let baseline: { dir: string; report: Report; entries: Entry[] } | null = null;
function threeSeeds(): { dir: string; report: Report; entries: Entry[] } {
  if (baseline) return baseline;
  const dir = tempDir();
  const r = run(dir, [...BASE, '--seeds', '1..3', '--workers', '2']);
  expect(r.status, `${r.stdout}\n${r.stderr}`).toBe(0);
  expectNoStackTrace(r);
  baseline = { dir, report: readReport(join(dir, 'reports', 'calibrate.json')), entries: entriesOf(join(dir, 'reports', 'calibrate.jsonl')) };
  return baseline;
}

describe('resnet-mf calibrate: bad input', () => {
  it.concurrent.each([
    [['--seeds', '5..2'], '--seeds'],
    [['--seeds', 'x'], '--seeds'],
    [['--seeds', '1..'], '--seeds'],
    [['--seeds', '0..2147483648'], '--seeds'],
    [['--seeds', '1..3', '--claim', 'nonexistent'], '--claim'],
    [['--seeds', '1..3', '--profile', 'huge'], '--profile'],
    [['--seeds', '1..3', '--shard', '3/2'], '--shard'],
    [['--seeds', '1..3', '--plant', 'no-such-bug'], '--plant'],
  ])('%j exits 2 naming %s and writes nothing', async (args, field) => {
    const dir = tempDir();
    const r = await runAsync(dir, ['calibrate', '--profile', 'quick', ...args]);
    expectBadInput(r, field);
    expect(r.stdout).toBe('');
    expect(listing(dir)).toEqual([]);
  });
});

describe('resnet-mf calibrate', () => {
  it('records every seed\'s verdict of every claim, equal to what `check --seed S` decides', () => {
    const { report, entries } = threeSeeds();
    expect(report.format).toBe('resnet-mf/calibrate-report@1');
    expect(report.seeds).toMatchObject({ from: 1, to: 3, planned: 3, complete: 3 });
    expect(report.results.map((c) => [c.id, c.runs, c.failures])).toEqual([['forward-bound', 3, 0], ['output-adjoint', 3, 0]]);
    for (const c of report.results) expect(c.interval[1]).toBeCloseTo(1 - 0.025 ** (1 / 3), 12); // Clopper–Pearson 0 of 3, 95 %
    expect(entries).toHaveLength(6);
    const dir = tempDir();
    for (const seed of [1, 2, 3]) {
      const r = run(dir, ['check', '--profile', 'quick', '--claim', ...CLAIMS, '--seed', String(seed), '--out', `c${seed}.json`]);
      expect(r.status, r.stderr).toBe(0);
      const checked = (JSON.parse(readFileSync(join(dir, `c${seed}.json`), 'utf8')) as { verdicts: Verdict[] }).verdicts;
      for (const v of checked) {
        const { title: _t, catalogue: _c, replay: _r, seconds: _s, ...verdict } = v;
        expect(entries.find((e) => e.seed === seed && e.claim === v.id)?.verdict).toEqual(verdict);
      }
    }
  });

  it('--workers 1 gives the same report as --workers 2, timings aside', () => {
    const dir = tempDir();
    const r = run(dir, [...BASE, '--seeds', '1..3', '--workers', '1']);
    expect(r.status, r.stderr).toBe(0);
    expect(comparable(readReport(join(dir, 'reports', 'calibrate.json')))).toEqual(comparable(threeSeeds().report));
  });

  it('continues a journal with seeds 1 and 2 done: only seed 3 is computed, and the report is the same', () => {
    const full = threeSeeds();
    const dir = tempDir();
    const lines = journalLines(join(full.dir, 'reports', 'calibrate.jsonl'));
    const kept = [lines[0], ...lines.slice(1).filter((l) => (JSON.parse(l) as Entry).seed !== 3)];
    expect(kept).toHaveLength(5);
    writeFileSync(join(dir, 'cal.jsonl'), `${kept.join('\n')}\n`);
    const r = run(dir, [...BASE, '--seeds', '1..3', '--out', 'cal.json']);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stderr).toContain('2 claim runs to do, 4 from the journal');
    const after = journalLines(join(dir, 'cal.jsonl'));
    expect(after.slice(0, 5)).toEqual(kept);
    expect(after.slice(5).map((l) => (JSON.parse(l) as Entry).seed)).toEqual([3, 3]);
    const report = readReport(join(dir, 'cal.json'));
    expect(report.journal.fromEarlierRuns).toBe(4);
    expect(comparable(report)).toEqual(comparable(full.report));

    // everything done: nothing is computed again
    const again = run(dir, [...BASE, '--seeds', '1..3', '--out', 'cal.json']);
    expect(again.status, again.stderr).toBe(0);
    expect(again.stderr).toContain('0 claim runs to do, 6 from the journal');
    expect(journalLines(join(dir, 'cal.jsonl'))).toEqual(after);
  });

  it('refuses a journal made with other settings, naming the flag, unless --fresh', async () => {
    const dir = tempDir();
    const first = run(dir, ['calibrate', '--profile', 'quick', '--claim', 'forward-bound', '--seeds', '1..2', '--out', 'j.json']);
    expect(first.status, first.stderr).toBe(0);
    const journal = readFileSync(join(dir, 'j.jsonl'), 'utf8');
    const report = readFileSync(join(dir, 'j.json'), 'utf8');
    const others: [string[], string][] = [
      [['--profile', 'ci', '--claim', 'forward-bound'], '--profile'],
      [['--profile', 'quick', '--claim', 'forward-bound', 'output-adjoint'], '--claim'],
      [['--profile', 'quick', '--claim', 'forward-bound', '--runs', '3'], '--runs'],
      [['--profile', 'quick', '--claim', 'forward-bound', '--plant', 'drop-inv-L'], '--plant'],
    ];
    const runs = await Promise.all(others.map(([args]) => runAsync(dir, ['calibrate', ...args, '--seeds', '1..3', '--out', 'j.json'])));
    for (const [k, r] of runs.entries()) {
      expectBadInput(r, others[k][1]);
      expect(r.stderr).toContain('as in the journal j.jsonl');
      expect(r.stderr).toContain('--fresh');
    }
    expect(readFileSync(join(dir, 'j.jsonl'), 'utf8')).toBe(journal);
    expect(readFileSync(join(dir, 'j.json'), 'utf8')).toBe(report);

    const fresh = run(dir, ['calibrate', '--profile', 'quick', '--claim', 'forward-bound', '--runs', '3', '--seeds', '1', '--out', 'j.json', '--fresh']);
    expect(fresh.status, fresh.stderr).toBe(0);
    const lines = journalLines(join(dir, 'j.jsonl'));
    expect(lines).toHaveLength(2);
    expect(JSON.parse(lines[0])).toMatchObject({ format: 'resnet-mf/calibrate-journal@1', runs: 3 });
  });

  it('one run at a time per journal: a held lock refuses a second run (exit 2, journal untouched); the lock is given back after a run and after bad input', () => {
    const dir = tempDir();
    const journal = join(dir, 'j.jsonl');
    const first = run(dir, [...BASE, '--seeds', '1', '--out', 'j.json']);
    expect(first.status, first.stderr).toBe(0);
    expect(existsSync(`${journal}.lock`)).toBe(false);
    const before = readFileSync(journal, 'utf8');
    const release = lockfile.lockSync(journal, { realpath: false });
    try {
      const second = run(dir, [...BASE, '--seeds', '1..2', '--out', 'j.json']);
      expectBadInput(second, '--out');
      expect(second.stderr).toContain('another run holds');
      expect(second.stderr).toContain('j.jsonl.lock');
      expect(readFileSync(journal, 'utf8')).toBe(before);
    } finally {
      release();
    }
    expectBadInput(run(dir, ['calibrate', '--profile', 'ci', '--claim', ...CLAIMS, '--seeds', '1', '--out', 'j.json']), '--profile');
    expect(existsSync(`${journal}.lock`)).toBe(false);
    const third = run(dir, [...BASE, '--seeds', '1..2', '--out', 'j.json']);
    expect(third.status, third.stderr).toBe(0);
    expect(existsSync(`${journal}.lock`)).toBe(false);
  });

  it('two runs started together on one new journal: the second never recomputes what the first journaled', async () => {
    const dir = tempDir();
    const args = [...BASE, '--seeds', '1..2', '--out', 'j.json'];
    const runs = await Promise.all([runAsync(dir, args), runAsync(dir, args)]);
    for (const r of runs) expect([0, 2], r.stderr).toContain(r.status);
    // The lock is taken before the journal is read: one run computes the 4 claim runs; the other either waited for it
    // (and found all 4 in the journal) or gave up waiting (exit 2, another run holds the lock).
    const computed = runs.filter((r) => r.status === 0 && r.stderr.includes('4 claim runs to do, 0 from the journal'));
    expect(computed).toHaveLength(1);
    const other = runs.find((r) => r !== computed[0])!;
    expect(other.status === 2 ? other.stderr : other.stderr.includes('0 claim runs to do, 4 from the journal') ? 'resumed' : other.stderr).toMatch(/another run holds|resumed/);
    expect(entriesOf(join(dir, 'j.jsonl'))).toHaveLength(4);
  });

  it('a run whose lock is taken over (suspended past the stale time) stops appending and exits 2', async () => {
    const dir = tempDir();
    const journal = join(dir, 'j.jsonl');
    const args = [...BASE, '--seeds', '1..200000', '--out', 'j.json', '--workers', '1'];
    const a = spawn(process.execPath, [BIN, ...args], { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, NO_COLOR: '1' } });
    let stderr = '';
    a.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const exited = new Promise<number | null>((resolve) => a.on('exit', (code) => resolve(code)));
    while (!(existsSync(journal) && journalLines(journal).length >= 5)) await new Promise((r) => setTimeout(r, 100));
    a.kill('SIGSTOP');
    // As if suspended for 11 min: the lock looks stale, and a second run takes it (then gives it back).
    const old = new Date(Date.now() - 11 * 60 * 1000);
    utimesSync(`${journal}.lock`, old, old);
    const b = run(dir, [...BASE, '--seeds', '1', '--out', 'j.json']);
    expect(b.status, b.stderr).toBe(0);
    const before = journalLines(journal).length;
    a.kill('SIGCONT');
    const timer = setTimeout(() => a.kill('SIGKILL'), 40_000); // it would run for minutes if it never noticed
    const code = await exited;
    clearTimeout(timer);
    expect(code, stderr).toBe(2);
    expect(stderr).toContain('was taken over or removed');
    // It checks who holds the lock before every append: nothing is appended after the takeover.
    expect(journalLines(journal).length).toBe(before);
  }, 60_000);

  it('drops a truncated last line (a kill during an append) and computes that verdict again; refuses a malformed line by number', () => {
    const full = threeSeeds();
    const dir = tempDir();
    const text = readFileSync(join(full.dir, 'reports', 'calibrate.jsonl'), 'utf8');
    writeFileSync(join(dir, 'cal.jsonl'), text.slice(0, text.length - 40));
    const r = run(dir, [...BASE, '--seeds', '1..3', '--out', 'cal.json']);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/dropped its truncated last line 7/);
    expect(r.stderr).toContain('1 claim runs to do, 5 from the journal');
    const lines = journalLines(join(dir, 'cal.jsonl'));
    expect(lines).toHaveLength(7);
    expect(readFileSync(join(dir, 'cal.jsonl'), 'utf8').endsWith('\n')).toBe(true);
    expect(comparable(readReport(join(dir, 'cal.json')))).toEqual(comparable(full.report));

    lines[2] = lines[2].slice(0, 30);
    writeFileSync(join(dir, 'cal.jsonl'), `${lines.join('\n')}\n`);
    const bad = run(dir, [...BASE, '--seeds', '1..3', '--out', 'cal.json']);
    expectBadInput(bad, 'cal.jsonl:3');

    lines[2] = JSON.stringify({ ...(JSON.parse(lines[3]) as Entry), seed: 7 });
    writeFileSync(join(dir, 'cal.jsonl'), `${lines.join('\n')}\n`);
    expectBadInput(run(dir, [...BASE, '--seeds', '1..3', '--out', 'cal.json']), 'cal.jsonl:3:verdict.seed');

    lines[2] = lines[3].replace(/^\{/, '{"seed":2,');
    writeFileSync(join(dir, 'cal.jsonl'), `${lines.join('\n')}\n`);
    expectBadInput(run(dir, [...BASE, '--seeds', '1..3', '--out', 'cal.json']), 'cal.jsonl:3:seed');
  });

  it('counts a planted bug\'s catches as failures, each seed with its replay command, exit 1', () => {
    const dir = tempDir();
    const r = run(dir, ['calibrate', '--profile', 'quick', '--claim', 'forward-bound', '--plant', 'drop-inv-L', '--seeds', '1..3']);
    expect(r.status, r.stderr).toBe(1);
    expectNoStackTrace(r);
    const report = readReport(join(dir, 'reports', 'calibrate.json'));
    expect(report.plant).toBe('drop-inv-L');
    const [c] = report.results;
    expect([c.runs, c.failures]).toEqual([3, 3]);
    expect(c.flagged.map((f) => f.seed)).toEqual([1, 2, 3]);
    for (const f of c.flagged) expect(f.replay).toMatch(new RegExp(`^resnet-mf check --claim forward-bound --profile quick --seed ${f.seed} --path [0-9:]+ --plant drop-inv-L$`));
    expect(r.stdout).toContain(c.flagged[0].replay);
  });

  it('--shard 2/2 takes the seeds k with (k − A) mod 2 = 1', () => {
    const dir = tempDir();
    const r = run(dir, ['calibrate', '--profile', 'quick', '--claim', 'output-adjoint', '--seeds', '1..4', '--shard', '2/2']);
    expect(r.status, r.stderr).toBe(0);
    expect(entriesOf(join(dir, 'reports', 'calibrate.shard-2-of-2.jsonl')).map((e) => e.seed).sort()).toEqual([2, 4]);
  });

  it('Ctrl-C writes the report of what is done (exit 130) and the journal keeps every verdict', async () => {
    const dir = tempDir();
    const r = await runInterrupted(dir, [...BASE, '--seeds', '1..100000', '--out', 'i.json'], /\[2\//);
    expect(r.status, r.stderr).toBe(130);
    const report = readReport(join(dir, 'i.json'));
    expect(report.interrupted).toBe(true);
    expect(report.seeds.complete).toBeGreaterThanOrEqual(2);
    const entries = entriesOf(join(dir, 'i.jsonl'));
    expect(report.results.reduce((s, c) => s + c.runs, 0)).toBe(entries.length);
  });
});
