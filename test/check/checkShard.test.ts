/**
 * `check --workers N`, `check --shard i/n` and `report merge` end to end: a 4-way sharded run merged gives the
 * report, plots, table and exit status of the unsharded run (timings and dates aside), as does --workers 2
 * against --workers 1 (one fast-check run per claim, in one thread: the reference); then the bad inputs.
 */
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cleanup, expectBadInput, expectNoStackTrace, listing, type Run, run, runAsync, runInterrupted, tempDir } from '../cli/harness.js';

afterAll(cleanup);

interface Verdict {
  id: string;
  control: boolean;
  status: string;
  runs: number;
  path?: string;
  counterexample?: unknown;
  seconds: number;
  plot?: string;
}
interface Report {
  format: string;
  startedAt: string;
  seconds: number;
  verdicts: Verdict[];
}

const read = (dir: string, file: string): Report => JSON.parse(readFileSync(join(dir, file), 'utf8')) as Report;
/** The report without what may differ between equal runs: timings, the start date, the plot file names (they follow --out). */
function comparable(r: Report): string {
  const { startedAt: _s, seconds: _t, ...rest } = r;
  return JSON.stringify({ ...rest, verdicts: r.verdicts.map(({ seconds: _v, plot, ...v }) => ({ ...v, plot: plot !== undefined })) });
}
/** The printed table and summary without the seconds column, the report name and the run time. */
function table(stdout: string): string {
  return stdout
    .replace(/│\s*[\d.]+\s*│\s*$/gm, '│')
    .replace(/report: \S+ \([\d.]+ s\)/, 'report');
}

// A cheap selection with a rate claim (plots), and a control that fails after a passing scenario (forward-bound
// fails at its 2nd scenario under quick) with a long shrink path.
const SELECTION = ['--profile', 'quick', '--claim', 'depth-rate', 'forward-bound', 'gradient-adjoint', 'mixture-convexity', '--controls', '--runs', '8'];

describe('a 4-way sharded check, merged, equals the unsharded check; --workers 2 equals --workers 1', () => {
  const dir = tempDir();
  const runs: Record<string, Run> = {};
  beforeAll(async () => {
    const jobs: [string, string[]][] = [
      ['whole', [...SELECTION, '--workers', '1', '--out', 'whole.json']],
      ['w2', [...SELECTION, '--workers', '2', '--out', 'w2.json']],
      ...[1, 2, 3, 4].map((i): [string, string[]] => [`s${i}`, [...SELECTION, '--shard', `${i}/4`, '--workers', i <= 2 ? '2' : '1', '--out', `shards/s${i}.json`]]),
    ];
    for (const [name, args] of jobs) runs[name] = await runAsync(dir, ['check', ...args], 120_000);
    // shards given out of order
    runs.merge = run(dir, ['report', 'merge', 'shards/s3.json', 'shards/s1.json', 'shards/s4.json', 'shards/s2.json', '--out', 'merged.json']);
  }, 300_000);

  it('each shard exits 0 and writes only its shard report; merge and --workers 2 exit as the unsharded run', () => {
    for (const [name, r] of Object.entries(runs)) {
      expect(r.status, `${name}\n${r.stdout}\n${r.stderr}`).toBe(name.startsWith('s') ? 0 : runs.whole.status);
      expectNoStackTrace(r);
    }
    expect([0, 1]).toContain(runs.whole.status);
    expect(listing(join(dir, 'shards'))).toEqual(['s1.json', 's2.json', 's3.json', 's4.json']);
    expect(runs.s2.stdout).toMatch(/shard 2\/4, profile quick, seed 20261129: \d+ scenarios run/);
  });

  it('the merged report is the unsharded report: verdicts, runs, figures, rates, paths, counterexamples', () => {
    const whole = read(dir, 'whole.json');
    const merged = read(dir, 'merged.json');
    expect(merged.format).toBe('resnet-mf/check-report@1');
    expect(comparable(merged)).toBe(comparable(whole));
    // the failing controls, with shrunk counterexamples reached by paths past the first scenario
    const controls = whole.verdicts.filter((v) => v.control);
    expect(controls).toHaveLength(4);
    for (const v of controls) expect(v.status).toBe('fail');
    // controls that failed after a passing scenario (their path starts past 0): forward-bound at its 2nd
    const late = controls.filter((v) => v.path?.split(':')[0] !== '0');
    expect(late.map((v) => v.id)).toContain('forward-bound');
    for (const v of late) {
      expect(v.path?.split(':')[0], v.id).toBe('1');
      expect(v.path?.split(':').length, v.id).toBeGreaterThan(2);
      const m = merged.verdicts.find((x) => x.id === v.id && x.control) as Verdict;
      expect(m.path).toBe(v.path);
      expect(m.counterexample).toEqual(v.counterexample);
      expect(m.runs).toBe(2);
    }
  });

  it('merge prints the same verdict table and writes the same plots', () => {
    expect(table(runs.merge.stdout)).toBe(table(runs.whole.stdout));
    for (const suffix of ['depth-rate.svg', 'depth-rate.control.svg']) {
      expect(readFileSync(join(dir, `merged.${suffix}`), 'utf8')).toBe(readFileSync(join(dir, `whole.${suffix}`), 'utf8'));
    }
  });

  it('--workers 2 gives the report and table of --workers 1, with progress lines in claim order', () => {
    expect(comparable(read(dir, 'w2.json'))).toBe(comparable(read(dir, 'whole.json')));
    expect(table(runs.w2.stdout)).toBe(table(runs.whole.stdout));
    const order = (stderr: string) => [...stderr.matchAll(/^\[(\d+)\/8\] (\S+(?: \(control\))?): (.+) \(/gm)].map((m) => `${m[1]} ${m[2]}: ${m[3]}`);
    expect(order(runs.w2.stderr)).toHaveLength(8);
    expect(order(runs.w2.stderr)).toEqual(order(runs.whole.stderr));
  });
});

describe('a merged run that is not as expected exits 1 like check', () => {
  it('a control not caught at --runs 1 (init-variance\'s first ci scenario is undecided: control inconclusive)', async () => {
    const dir = tempDir();
    const args = ['--profile', 'ci', '--claim', 'init-variance', 'monotone-loss', '--control', '--runs', '1'];
    const whole = await runAsync(dir, ['check', ...args, '--workers', '1', '--out', 'whole.json']);
    expect(whole.status, whole.stderr).toBe(1);
    expect(whole.stdout).toContain('control inconclusive init-variance: the planted bug was not detected');
    for (const i of [1, 2]) expect((await runAsync(dir, ['check', ...args, '--shard', `${i}/2`, '--out', `s${i}.json`])).status).toBe(0);
    const merged = run(dir, ['report', 'merge', 's1.json', 's2.json', '--out', 'merged.json']);
    expect(merged.status, merged.stderr).toBe(1);
    expect(merged.stderr).toContain('1 verdict(s) not as expected');
    expect(table(merged.stdout)).toBe(table(whole.stdout));
    expect(comparable(read(dir, 'merged.json'))).toBe(comparable(read(dir, 'whole.json')));
  });
});

describe('Ctrl-C in a shard', () => {
  it('writes the shard report marked interrupted, exits 130, and the merge refuses it', async () => {
    const dir = tempDir();
    const r = await runInterrupted(dir, ['check', '--profile', 'quick', '--controls', '--shard', '1/1', '--workers', '1', '--out', 's.json'], /\[1\//);
    expect(r.status, r.stderr).toBe(130);
    expect(r.stdout).toMatch(/interrupted: the shard report is marked interrupted/);
    const report = JSON.parse(readFileSync(join(dir, 's.json'), 'utf8')) as { interrupted: boolean; jobs: { results: unknown[] }[] };
    expect(report.interrupted).toBe(true);
    expect(report.jobs.filter((j) => j.results.length > 0).length).toBeLessThan(report.jobs.length);
    expectBadInput(run(dir, ['report', 'merge', 's.json', '--out', 'm.json']), 's.json:interrupted');
    expect(listing(dir)).toEqual(['s.json']);
  });
});

describe.concurrent('bad input', () => {
  const base = ['check', '--profile', 'quick', '--claim', 'forward-bound', 'gradient-adjoint', '--runs', '3'];
  for (const shard of ['0/4', '5/4', '1/0', 'a/b', '1.5/4']) {
    it(`--shard ${shard} exits 2 naming --shard and writes nothing`, async () => {
      const dir = tempDir();
      const r = await runAsync(dir, [...base, '--shard', shard, '--out', 'r.json'], 120_000);
      expectBadInput(r, '--shard');
      expect(listing(dir)).toEqual([]);
    });
  }
  for (const workers of ['0', 'two']) {
    it(`--workers ${workers} exits 2 naming --workers`, async () => {
      const dir = tempDir();
      expectBadInput(await runAsync(dir, [...base, '--workers', workers, '--out', 'r.json'], 120_000), '--workers');
      expect(listing(dir)).toEqual([]);
    });
  }
  it('--shard with --path exits 2 naming --path', async () => {
    const dir = tempDir();
    expectBadInput(await runAsync(dir, ['check', '--claim', 'forward-bound', '--path', '0', '--shard', '1/2', '--out', 'r.json'], 120_000), '--path');
    expect(listing(dir)).toEqual([]);
  });
});

describe('report merge: bad input is one line, exit 2, no output', () => {
  const dir = tempDir();
  const args = ['check', '--profile', 'quick', '--claim', 'forward-bound', 'output-adjoint', '--controls', '--runs', '3'];
  beforeAll(async () => {
    const w1 = ['--workers', '1'];
    const commands = [
      [...args, ...w1, '--shard', '1/3', '--out', 'a1.json'],
      [...args, '--shard', '2/3', '--out', 'a2.json'],
      [...args, ...w1, '--shard', '3/3', '--out', 'a3.json'],
      [...args, ...w1, '--shard', '2/3', '--seed', '7', '--out', 'seed7.json'],
      [...args.map((a) => (a === 'quick' ? 'ci' : a)), ...w1, '--shard', '2/3', '--out', 'ci.json'],
      [...args, ...w1, '--shard', '2/2', '--out', 'of2.json'],
      ['check', '--profile', 'quick', '--claim', 'forward-bound', '--runs', '2', ...w1, '--out', 'check.json'],
    ];
    // one at a time: these are short, and seven at once on a busy 2-core machine can pass the timeout
    const made: Run[] = [];
    for (const command of commands) made.push(await runAsync(dir, command, 120_000));
    for (const r of made) expect(r.status, r.stderr).toBe(0);
    writeFileSync(join(dir, 'notjson.json'), '{"format": "resnet-mf/check-shard@1", ');
    writeFileSync(join(dir, 'deep.json'), `${'['.repeat(20_000)}${']'.repeat(20_000)}`);
    const a2 = JSON.parse(readFileSync(join(dir, 'a2.json'), 'utf8')) as { interrupted: boolean; jobs: { control: boolean; results: unknown[] }[] };
    writeFileSync(join(dir, 'interrupted.json'), JSON.stringify({ ...a2, interrupted: true }));
    const tampered = structuredClone(a2);
    tampered.jobs.find((j) => !j.control && j.results.length > 0)?.results.pop();
    writeFileSync(join(dir, 'tampered.json'), JSON.stringify(tampered));
    writeFileSync(join(dir, 'unknownclaim.json'), JSON.stringify({ ...a2, claims: ['forward-bound', 'no-such-claim'] }));
    writeFileSync(join(dir, 'noclaims.json'), JSON.stringify({ ...a2, claims: [], jobs: [] }));
    writeFileSync(join(dir, 'bigseed.json'), JSON.stringify({ ...a2, seed: 2 ** 31 }));
    writeFileSync(join(dir, 'bigcount.json'), JSON.stringify({ ...a2, shard: { index: 2, count: 2 ** 40 } }));
    writeFileSync(join(dir, 'bigruns.json'), JSON.stringify({ ...a2, runs: 5_000_000_000 }));
    // names a lookup or a count keyed by them would read from Object.prototype
    const measured = structuredClone(a2) as unknown as { jobs: { results: { outcome: { measured?: { figures: Record<string, number>; decided: boolean; reason?: string } } }[] }[] };
    const first = measured.jobs.flatMap((j) => j.results).find((r) => r.outcome.measured)?.outcome.measured;
    if (!first) throw new Error('shard 2/3 has no measured scenario');
    first.figures = { constructor: 1 };
    writeFileSync(join(dir, 'protofigure.json'), JSON.stringify(measured));
    Object.assign(first, { figures: {}, decided: false, reason: '__proto__' });
    writeFileSync(join(dir, 'protoreason.json'), JSON.stringify(measured));
    // every shard with its failures' replay paths replaced by a shell command (printed in replay commands)
    for (const name of ['a1', 'a2', 'a3']) {
      const shard = JSON.parse(readFileSync(join(dir, `${name}.json`), 'utf8')) as { jobs: { results: { outcome: { failure?: { path: string } } }[] }[] };
      for (const r of shard.jobs.flatMap((j) => j.results)) if (r.outcome.failure) r.outcome.failure.path = '0; touch pwned';
      writeFileSync(join(dir, `hostile-${name}.json`), JSON.stringify(shard));
    }
  }, 300_000);

  const cases: [string, string[], string, RegExp][] = [
    ['a shard from another seed', ['a1.json', 'seed7.json', 'a3.json'], 'seed7.json:seed', /20261129/],
    ['a shard from another profile', ['a1.json', 'ci.json', 'a3.json'], 'ci.json:profile', /"quick"/],
    ['a shard of another count', ['a1.json', 'of2.json', 'a3.json'], 'of2.json:shard.count', /3/],
    ['a missing shard', ['a1.json', 'a3.json'], 'shards', /shard 2\/3 missing/],
    ['a duplicate shard', ['a1.json', 'a2.json', 'a2.json', 'a3.json'], 'shards', /shard 2\/3 is given twice/],
    ['a file that is not JSON', ['a1.json', 'notjson.json', 'a3.json'], 'notjson.json', /not JSON/],
    ['JSON nested 20 000 deep (the parser\'s stack runs out)', ['a1.json', 'deep.json', 'a3.json'], 'deep.json', /nested deeper than the parser allows/],
    ['a check report instead of a shard report', ['a1.json', 'check.json', 'a3.json'], 'check.json:format', /unsharded check/],
    ['a file that does not exist', ['a1.json', 'nothere.json', 'a3.json'], '<shards>', /ENOENT/],
    ['an interrupted shard', ['a1.json', 'interrupted.json', 'a3.json'], 'interrupted.json:interrupted', /run it again/],
    ['a shard missing one of its scenarios', ['a1.json', 'tampered.json', 'a3.json'], 'tampered.json:jobs[j].results', /all \d+ scenarios of shard 2\/3/],
    ['a shard of a claim this build does not have', ['a1.json', 'unknownclaim.json', 'a3.json'], 'unknownclaim.json:claims', /no-such-claim/],
    ['a shard of no claim (a run that tested nothing)', ['noclaims.json'], 'noclaims.json:claims', /non-empty array/],
    ['a seed check --seed would refuse', ['a1.json', 'bigseed.json', 'a3.json'], 'bigseed.json:seed', /2147483647/],
    ['a shard count of 2^40', ['a1.json', 'bigcount.json', 'a3.json'], 'bigcount.json:shard.count', /\[1, 10000\]/],
    ['a run of 5·10^9 scenarios', ['a1.json', 'bigruns.json', 'a3.json'], 'bigruns.json:runs', /\[1, 1000000\]/],
    ['a figure named constructor', ['a1.json', 'protofigure.json', 'a3.json'], 'protofigure.json:jobs[j].results', /not a property of every object/],
    ['an undecided reason named __proto__', ['a1.json', 'protoreason.json', 'a3.json'], 'protoreason.json:jobs[j].results', /not a property of every object/],
  ];
  for (const [name, files, field, message] of cases) {
    it(`${name}: exit 2 naming ${field}`, () => {
      const before = listing(dir);
      const r = run(dir, ['report', 'merge', ...files, '--out', 'out/merged.json']);
      if (field.includes('[j]')) {
        // the job index depends on which job has scenarios in shard 2: matched as a pattern
        expect(r.status).toBe(2);
        const file = field.slice(0, field.indexOf(':')).replace('.', '\\.');
        expect(r.stderr).toMatch(new RegExp(`^resnet-mf: error: ${file}:jobs\\[\\d\\]\\.results[^\\n]*\\n$`));
        expectNoStackTrace(r);
      } else {
        expectBadInput(r, field);
      }
      expect(r.stderr).toMatch(message);
      expect(r.stdout).toBe('');
      expect(listing(dir)).toEqual(before);
    });
  }

  it('a failure\'s replay path that is not a fast-check path (it is printed in replay commands): exit 2 naming it', () => {
    const before = listing(dir);
    const r = run(dir, ['report', 'merge', 'hostile-a1.json', 'hostile-a2.json', 'hostile-a3.json', '--out', 'out/merged.json', '--junit', 'out/j.xml', '--html', 'out/p.html']);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/^resnet-mf: error: hostile-a\d\.json:jobs\[\d\]\.results\[\d+\]\.outcome\.failure\.path="0; touch pwned" must be a fast-check replay path[^\n]*\n$/);
    expect(listing(dir)).toEqual(before);
  });

  it('a failure path that does not start at its own scenario, and a counterexample nested 2500 deep: exit 2', () => {
    for (const [name, edit, message] of [
      ['wrongstep', (f: { path: string; counterexample: unknown }) => (f.path = `7${f.path.slice(f.path.indexOf(':'))}`), /must be a replay path of scenario \d+/],
      ['deep', (f: { path: string; counterexample: unknown }) => (f.counterexample = JSON.parse(`${'['.repeat(2500)}${']'.repeat(2500)}`)), /must be a value nested at most 64 deep/],
    ] as const) {
      const files = ['a1', 'a2', 'a3'].map((s) => {
        const shard = JSON.parse(readFileSync(join(dir, `${s}.json`), 'utf8')) as { jobs: { results: { outcome: { failure?: { path: string; counterexample: unknown } } }[] }[] };
        for (const r of shard.jobs.flatMap((j) => j.results)) if (r.outcome.failure) edit(r.outcome.failure);
        writeFileSync(join(dir, `${name}-${s}.json`), JSON.stringify(shard));
        return `${name}-${s}.json`;
      });
      const r = run(dir, ['report', 'merge', ...files, '--out', 'out/merged.json', '--html', 'out/p.html']);
      expect(r.status, r.stderr).toBe(2);
      expect(r.stderr).toMatch(message);
      expectNoStackTrace(r);
    }
  });

  it('shards named like plots of the merged report are inputs, never removed as stale plots', () => {
    const sub = join(dir, 'plotnamed');
    mkdirSync(sub);
    for (const [from, to] of [['a1', 'm.width-rate.svg'], ['a2', 'm.width-rate.control.svg'], ['a3', 'm.depth-rate.svg']]) copyFileSync(join(dir, `${from}.json`), join(sub, to));
    const r = run(sub, ['report', 'merge', 'm.width-rate.svg', 'm.width-rate.control.svg', 'm.depth-rate.svg', '--out', 'm.json']);
    expect(r.status, r.stderr).toBe(0);
    expect(listing(sub)).toEqual(['m.depth-rate.svg', 'm.json', 'm.width-rate.control.svg', 'm.width-rate.svg']);
  });

  it('the three good shards merge (exit 0), and merge --help lists --out', () => {
    const r = run(dir, ['report', 'merge', 'a1.json', 'a2.json', 'a3.json', '--out', 'good.json']);
    expect(r.status, r.stderr).toBe(0);
    expect(read(dir, 'good.json').verdicts).toHaveLength(4);
    const help = run(dir, ['report', 'merge', '--help']);
    expect(help.status).toBe(0);
    expect(help.stdout).toContain('--out');
  });
});
