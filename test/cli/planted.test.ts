/**
 * `resnet-mf planted` (the detection matrix of the planted-bug catalogue) and `resnet-mf check --plant`, end to
 * end on small selections: one bug, one or two fast claims.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cleanup, expectBadInput, expectNoStackTrace, run, tempDir } from './harness.js';

afterAll(cleanup);

interface Row {
  id: string;
  caughtBy: string[];
  cells: { claim: string; status: string; runs: number; message: string; seconds: number }[];
}
const readRows = (path: string): Row[] => (JSON.parse(readFileSync(path, 'utf8')) as { bugs: Row[] }).bugs;
const withoutSeconds = (rows: Row[]) => rows.map((r) => ({ ...r, cells: r.cells.map((c) => ({ ...c, seconds: 0 })) }));

describe('resnet-mf planted', () => {
  it('--bug one id: a table of the claims that caught it, a JSON report and Markdown, the same for 1 and 2 workers', () => {
    const dir = tempDir();
    const args = ['planted', '--bug', 'readout-gradient-factor', '--claim', 'output-adjoint', 'gradient-adjoint', 'gd-step', '--profile', 'ci'];
    const one = run(dir, [...args, '--workers', '1', '--out', 'w1', '--markdown', 'w1/planted.md']);
    expect(one.status, `${one.stdout}\n${one.stderr}`).toBe(0);
    expectNoStackTrace(one);
    expect(one.stdout).toContain('readout-gradient-factor');
    expect(one.stdout).toContain('gradient-adjoint');
    // output-adjoint reads resnet-mf's internals: a planted subject, like any other implementation, has none
    expect(one.stderr).toContain("not applicable to a planted subject (they read resnet-mf's internals): output-adjoint");
    const report = JSON.parse(readFileSync(join(dir, 'w1', 'planted.json'), 'utf8')) as { claims: string[]; notApplicable: string[] };
    expect(report.claims).toEqual(['gradient-adjoint', 'gd-step']);
    expect(report.notApplicable).toEqual(['output-adjoint']);
    const rows = readRows(join(dir, 'w1', 'planted.json'));
    expect(rows.map((r) => r.id)).toEqual(['readout-gradient-factor']);
    expect(rows[0].caughtBy).toContain('gradient-adjoint');
    const cell = rows[0].cells.find((c) => c.claim === 'gradient-adjoint');
    expect(cell?.status).toBe('fail');
    expect(cell?.runs).toBeGreaterThanOrEqual(1);
    expect(cell?.message.length).toBeGreaterThan(0);
    expect(readFileSync(join(dir, 'w1', 'planted.md'), 'utf8')).toMatch(/\| `readout-gradient-factor` \| .*`gradient-adjoint` \(\d+\)/);
    const two = run(dir, [...args, '--workers', '2', '--out', 'w2']);
    expect(two.status, two.stderr).toBe(0);
    expect(withoutSeconds(readRows(join(dir, 'w2', 'planted.json')))).toEqual(withoutSeconds(rows));
  });

  it('exits 1 when a bug is caught by none of the selected claims', () => {
    const dir = tempDir();
    const r = run(dir, ['planted', '--bug', 'unstable-softplus', '--claim', 'gd-step', '--profile', 'quick', '--workers', '1', '--out', 'out']);
    expect(r.status, r.stderr).toBe(1);
    expect(r.stderr).toContain('caught by no claim: unstable-softplus');
    expect(readRows(join(dir, 'out', 'planted.json'))[0].caughtBy).toEqual([]);
  });

  it('rejects an unknown bug or claim with one line naming the flag', () => {
    const dir = tempDir();
    const bug = run(dir, ['planted', '--bug', 'no-such-bug']);
    expectBadInput(bug, '--bug');
    expect(bug.stderr).toContain('drop-inv-L');
    expectBadInput(run(dir, ['planted', '--bug', 'drop-inv-L', '--claim', 'nope']), '--claim');
    const internal = run(dir, ['planted', '--bug', 'drop-inv-L', '--claim', 'output-adjoint', '--out', 'none']);
    expectBadInput(internal, '--claim');
    expect(internal.stderr).toContain('claims that measure a subject');
    expect(readdirSync(dir)).toEqual([]);
  });
});

describe('resnet-mf check --plant', () => {
  it('runs the claims with the bug planted, records it in the report, whatever the number of workers', () => {
    const dir = tempDir();
    const args = ['check', '--plant', 'readout-gradient-factor', '--claim', 'gradient-adjoint', '--profile', 'quick'];
    const reports = ['1', '2'].map((w) => {
      const r = run(dir, [...args, '--workers', w, '--out', `w${w}.json`]);
      expect(r.status, r.stderr).toBe(1);
      expectNoStackTrace(r);
      const report = JSON.parse(readFileSync(join(dir, `w${w}.json`), 'utf8')) as { plant: string; verdicts: { status: string; message: string; replay: string; seconds: number }[] };
      expect(report.plant).toBe('readout-gradient-factor');
      expect(report.verdicts[0].status).toBe('fail');
      expect(report.verdicts[0].replay).toMatch(/--path \S+ --plant readout-gradient-factor$/);
      return report.verdicts.map((v) => ({ ...v, seconds: 0 }));
    });
    expect(reports[1]).toEqual(reports[0]);
    const clean = run(dir, ['check', '--claim', 'gradient-adjoint', '--profile', 'quick', '--workers', '1', '--out', 'clean.json']);
    expect(clean.status, clean.stderr).toBe(0);
  });

  it('lists the claims that read resnet-mf\'s internals as not applicable (not run, not a pass); exit 3 when none applies', () => {
    const dir = tempDir();
    const some = run(dir, ['check', '--plant', 'readout-gradient-factor', '--claim', 'output-adjoint', 'gd-step', '--profile', 'quick', '--out', 'some.json']);
    expect(some.stdout).toMatch(/^not applicable: output-adjoint \(it reads resnet-mf's internals, so it checks resnet-mf's own implementation only\): not run, not a pass$/m);
    const report = JSON.parse(readFileSync(join(dir, 'some.json'), 'utf8')) as { notApplicable: { claim: string }[]; verdicts: { id: string }[] };
    expect(report.notApplicable.map((n) => n.claim)).toEqual(['output-adjoint']);
    expect(report.verdicts.map((v) => v.id)).toEqual(['gd-step']);
    const none = run(dir, ['check', '--plant', 'readout-gradient-factor', '--claim', 'output-adjoint', '--profile', 'quick', '--out', 'none.json']);
    expect(none.status, none.stderr).toBe(3);
    expect(none.stderr).toContain('no claim applies to the subject resnet-mf with planted bug readout-gradient-factor: nothing was checked (not a pass)');
  });

  it('rejects an unknown id with one line naming --plant and listing the valid ids', () => {
    const r = run(tempDir(), ['check', '--plant', 'nope', '--claim', 'gradient-adjoint']);
    expectBadInput(r, '--plant');
    expect(r.stderr).toContain('adjoint-at-next');
  });

  it('RESNET_MF_PLANT is a spelling of --plant: check records it, says so on stderr, and the replay carries --plant', () => {
    const dir = tempDir();
    const r = run(dir, ['check', '--claim', 'gradient-adjoint', '--profile', 'quick', '--workers', '2', '--out', 'env.json'], 60_000, { RESNET_MF_PLANT: 'readout-gradient-factor' });
    expect(r.status, r.stderr).toBe(1);
    expect(r.stderr).toContain('RESNET_MF_PLANT=readout-gradient-factor: check and calibrate run the claims against resnet-mf with planted bug readout-gradient-factor');
    const report = JSON.parse(readFileSync(join(dir, 'env.json'), 'utf8')) as { plant: string; verdicts: { status: string; replay: string }[] };
    expect(report.plant).toBe('readout-gradient-factor');
    expect(report.verdicts[0].status).toBe('fail');
    expect(report.verdicts[0].replay).toContain('--plant readout-gradient-factor');
  });

  it('an unknown RESNET_MF_PLANT is bad input for every command, before any worker starts, and nothing is written', () => {
    const dir = tempDir();
    const env = { RESNET_MF_PLANT: 'nonsense' };
    for (const args of [
      ['check', '--claim', 'forward-bound', '--profile', 'quick', '--workers', '2', '--out', 'x.json'],
      ['planted', '--bug', 'drop-inv-L', '--claim', 'forward-bound', '--profile', 'quick', '--out', 'x'],
      ['eval', '--model', 'missing.json', '--data', 'missing.json'],
    ]) {
      const r = run(dir, args, 60_000, env);
      expectBadInput(r, 'RESNET_MF_PLANT');
      expect(r.stderr).toContain('drop-inv-L');
    }
    expect(readdirSync(dir)).toEqual([]);
  });
});
