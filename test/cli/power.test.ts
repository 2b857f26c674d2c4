/**
 * `resnet-mf power` end to end on small selections (two or three families, one or two fast claims, the quick
 * profile): the table, the JSON report and the Markdown, the journal that a second run continues from, the exit
 * code when a family misses its target, and bad input.
 */
import { mkdirSync, readFileSync } from 'node:fs';
import lockfile from 'proper-lockfile';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cleanup, expectBadInput, expectNoStackTrace, run, runInterrupted, tempDir } from './harness.js';

afterAll(cleanup);

interface Report {
  claims: string[];
  notApplicable: string[];
  baseline: { plant: string; falseAlarms: string[] };
  families: { id: string; smallest: number | null; notCaughtAt: number | null; caughtBy: string[]; meetsTarget: boolean; replay: string | null; evaluated: { delta: number; caught: boolean }[] }[];
}
const readReport = (dir: string, out: string) => JSON.parse(readFileSync(join(dir, out, 'power.json'), 'utf8')) as Report;
const lines = (path: string) => readFileSync(path, 'utf8').split('\n').filter((l) => l !== '');

describe('resnet-mf power', () => {
  it('finds the smallest caught δ of each family, writes the report and Markdown, and continues from its journal', () => {
    const dir = tempDir();
    const args = ['power', '--family', 'learning-rate', 'init-scale', '--claim', 'gd-step', 'init-law', 'output-adjoint', '--profile', 'quick', '--workers', '1', '--out', 'out'];
    const first = run(dir, [...args, '--markdown', 'power.md'], 120_000);
    expect(first.status, `${first.stdout}\n${first.stderr}`).toBe(0);
    expectNoStackTrace(first);
    expect(first.stderr).toContain("not applicable to a graded bug (they read resnet-mf's internals): output-adjoint");
    const report = readReport(dir, 'out');
    expect(report.claims).toEqual(['gd-step', 'init-law']);
    expect(report.baseline).toMatchObject({ plant: 'layer-scale@0', falseAlarms: [] });
    const lr = report.families.find((f) => f.id === 'learning-rate');
    // a GD step checked against its definition to rounding sees h off by 1e-8
    expect(lr).toMatchObject({ smallest: 1e-8, notCaughtAt: null, caughtBy: ['gd-step'], meetsTarget: true, replay: 'resnet-mf check --claim gd-step --profile quick --seed 20261129 --plant learning-rate@1e-8' });
    expect(first.stdout).toContain('replay learning-rate: resnet-mf check --claim gd-step --profile quick --seed 20261129 --plant learning-rate@1e-8');
    const init = report.families.find((f) => f.id === 'init-scale');
    // a law test: caught at some δ ≤ 0.1, missed on the rung below
    expect(init?.smallest).toBeLessThanOrEqual(0.1);
    expect(init?.notCaughtAt).toBeLessThan(init?.smallest as number);
    expect(init?.caughtBy).toEqual(['init-law']);
    expect(init?.evaluated).toContainEqual({ delta: init?.notCaughtAt, caught: false, firstCatch: null });
    expect(first.stdout).toMatch(/learning-rate\s*│ exact\s*│ 1e-8/);
    expect(readFileSync(join(dir, 'power.md'), 'utf8')).toContain('| `learning-rate` | learning rate h = (1+δ) M L Δs | exact | 1e-8 | – | 1e-6 | yes | `gd-step` |');
    // the journal holds the baseline and every evaluation; a second run adds none and reports the same
    const journal = join(dir, 'out', 'power.jsonl');
    const before = lines(journal).length;
    expect(before).toBeGreaterThanOrEqual(1 + 1 + 2 + 2);
    const second = run(dir, args, 120_000);
    expect(second.status, second.stderr).toBe(0);
    expect(lines(journal).length).toBe(before);
    expect(readReport(dir, 'out').families).toEqual(report.families);
    // another seed is another run: refused, naming --seed, until --fresh
    expectBadInput(run(dir, [...args, '--seed', '5']), '--seed');
    expect(run(dir, [...args, '--seed', '5', '--fresh'], 120_000).status).toBe(0);
  }, 300_000);

  it('Ctrl-C exits 130 with the journal kept, and the same command then finishes with the report of an uninterrupted run', async () => {
    const dir = tempDir();
    const args = ['power', '--family', 'init-scale', 'learning-rate', '--claim', 'gd-step', 'init-law', '--profile', 'quick', '--workers', '1'];
    const stopped = await runInterrupted(dir, [...args, '--out', 'a'], /baseline layer-scale@0/);
    expect(stopped.status, stopped.stderr).toBe(130);
    expect(stopped.stderr).toContain('run the same command again to continue');
    expect(() => readFileSync(join(dir, 'a', 'power.json'))).toThrow(); // no report of a part
    const kept = lines(join(dir, 'a', 'power.jsonl'));
    expect(kept.length).toBeGreaterThanOrEqual(2); // the header and the baseline at least
    // every evaluation kept was finished: none holds a stopped cell without a catch (the journal's reader refuses it)
    const resumed = run(dir, [...args, '--out', 'a'], 120_000);
    expect(resumed.status, resumed.stderr).toBe(0);
    const whole = run(dir, [...args, '--out', 'b'], 120_000);
    expect(whole.status, whole.stderr).toBe(0);
    const strip = (r: Report) => r.families.map((f) => ({ ...f, evaluated: f.evaluated.map((e) => ({ ...e, firstCatch: null })), cells: undefined }));
    expect(strip(readReport(dir, 'a'))).toEqual(strip(readReport(dir, 'b')));
  }, 300_000);

  it('exits 1 naming the family that misses its target', () => {
    const dir = tempDir();
    const r = run(dir, ['power', '--family', 'path-time', '--claim', 'gd-step', '--profile', 'quick', '--workers', '1', '--out', 'out'], 120_000);
    expect(r.status, r.stderr).toBe(1);
    expect(r.stderr).toContain('families not caught at their target δ: path-time');
    expect(readReport(dir, 'out').families[0]).toMatchObject({ smallest: null, notCaughtAt: 1, meetsTarget: false, replay: null, evaluated: [{ delta: 1, caught: false }] });
  });

  it('refuses to start while another run holds its journal (exit 2), and writes nothing', () => {
    const dir = tempDir();
    mkdirSync(join(dir, 'out'));
    const release = lockfile.lockSync(join(dir, 'out', 'power.jsonl'), { realpath: false });
    try {
      const r = run(dir, ['power', '--family', 'layer-scale', '--claim', 'gd-step', '--profile', 'quick', '--workers', '1', '--out', 'out']);
      expectBadInput(r, '--out');
      expect(r.stderr).toContain('another run holds');
      expect(() => readFileSync(join(dir, 'out', 'power.json'))).toThrow();
      expect(() => readFileSync(join(dir, 'out', 'power.jsonl'))).toThrow();
    } finally {
      release();
    }
  });

  it('rejects an unknown family or claim, and a selection of internal claims only, naming the flag; writes nothing', () => {
    const dir = tempDir();
    expectBadInput(run(dir, ['power', '--family', 'no-such-family']), '--family');
    expectBadInput(run(dir, ['power', '--claim', 'nope']), '--claim');
    expectBadInput(run(dir, ['power', '--claim', 'output-adjoint']), '--claim');
    expectBadInput(run(dir, ['power', '--profile', 'huge']), '--profile');
    expectBadInput(run(dir, ['power', '--out', ' ']), '--out');
    expect(() => readFileSync(join(dir, 'reports', 'power.json'))).toThrow();
  });
});

describe('check --plant family@δ', () => {
  it('runs the claims against the graded member and names it in the replay', () => {
    const dir = tempDir();
    const r = run(dir, ['check', '--claim', 'gd-step', '--profile', 'quick', '--plant', 'learning-rate@1e-6', '--workers', '1']);
    expect(r.status, r.stderr).toBe(1);
    expect(r.stdout).toContain('--plant learning-rate@0.000001');
    expectBadInput(run(dir, ['check', '--claim', 'gd-step', '--plant', 'learning-rate@-1']), '--plant');
    const bare = run(dir, ['check', '--claim', 'gd-step', '--plant', 'learning-rate']);
    expectBadInput(bare, '--plant');
    expect(bare.stderr).toContain('learning-rate is a graded family, named with its magnitude (e.g. learning-rate@1e-6');
    expectBadInput(run(dir, ['check', '--claim', 'gd-step'], 60_000, { RESNET_MF_PLANT: 'nope@1' }), 'RESNET_MF_PLANT');
  });
});
