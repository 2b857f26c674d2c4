/**
 * `resnet-mf estimate` end to end on a tiny grid (seconds), its bad input (exit 2, one line naming the flag,
 * no files written) and Ctrl-C (exit 130, the decided searches kept, the rest 'undecided (interrupted)').
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cleanup, expectBadInput, expectNoStackTrace, listing, run, runAsync, runInterrupted, tempDir } from './harness.js';

afterAll(cleanup);

interface Report {
  format: string;
  seed: number;
  epsilons: number[];
  etas: number[];
  alphaPerTest: number;
  interrupted: boolean;
  cells: { kind: string; eps: number; eta: number; search: { status: string; size?: number; rungs: unknown[] } }[];
  exponents: { kind: string; against: string; fit: unknown; predicted: number }[];
  plot: string;
}

describe('resnet-mf estimate', () => {
  it('a tiny grid runs end to end: table, JSON report and SVG plot, every search decided', () => {
    const dir = tempDir();
    // ε = 10 is met by every seed that does not diverge: the smallest sizes sit at the ladder's bottom
    const r = run(dir, ['estimate', '--epsilons', '10,5', '--etas', '0.5', '--max-seeds', '64', '--seed', '3', '--out', 'out/e.json']);
    expect(r.status, `${r.stdout}\n${r.stderr}`).toBe(0);
    expectNoStackTrace(r);
    expect(r.stdout).toContain('L_min (M = 32)');
    expect(r.stdout).toContain('M_min (L = 32)');
    expect(r.stdout).toMatch(/Bonferroni over 4 searches × 5 rungs/);
    expect(listing(join(dir, 'out'))).toEqual(['e.json', 'e.svg']);
    const report = JSON.parse(readFileSync(join(dir, 'out', 'e.json'), 'utf8')) as Report;
    expect(report.format).toBe('resnet-mf/estimate-report@1');
    expect(report.seed).toBe(3);
    expect(report.interrupted).toBe(false);
    expect(report.alphaPerTest).toBeCloseTo(0.05 / 20, 12);
    expect(report.cells).toHaveLength(4);
    for (const c of report.cells) expect(c.search).toMatchObject({ status: 'found', size: 2 });
    expect(report.exponents.map((x) => `${x.kind} ${x.against} ${x.predicted}`)).toEqual([
      'depth 1/ε 1', 'width 1/ε 2', 'width 1/η 1', 'width 1/η 1',
    ]);
    expect(readFileSync(join(dir, 'out', 'e.svg'), 'utf8')).toMatch(/^<svg/);
  });

  describe.concurrent('bad input: exit 2, one line naming the flag, no files', () => {
    const cases: [string[], string][] = [
      [['--epsilons', '0.1,abc'], '--epsilons'],
      [['--epsilons', '0.1,-1'], '--epsilons'],
      [['--epsilons', ''], '--epsilons'],
      [['--epsilons', '0.1,0.1'], '--epsilons'],
      [['--etas', '1'], '--etas'],
      [['--etas', '0.1,,0.2'], '--etas'],
      [['--etas', 'NaN'], '--etas'],
      [['--seed', '-1'], '--seed'],
      [['--dataset', 'mnist'], '--dataset'],
      [['--max-seeds', '0'], '--max-seeds'],
      [['--out', '.'], '--out'],
      [['--workers', '0'], '--workers'],
      [['--workers', 'two'], '--workers'],
      [['--workers', '65'], '--workers'],
      [['--workers', '1.5'], '--workers'],
    ];
    for (const [args, flag] of cases) {
      it(`${args.join(' ')}`, async () => {
        const dir = tempDir();
        const r = await runAsync(dir, ['estimate', ...args, ...(flag === '--out' ? [] : ['--out', 'r.json'])]);
        expectBadInput(r, flag);
        expect(listing(dir)).toEqual([]);
      });
    }
  });

  it('Ctrl-C keeps the decided searches, marks the rest undecided (interrupted), writes the report and exits 130', async () => {
    const dir = tempDir();
    // searches: depth and width at ε = 10 (decided in ~16 seeds), then at ε = 10^-4 (every rung up to 32 fails: seconds)
    const { status: code, stdout, stderr } = await runInterrupted(dir, ['estimate', '--epsilons', '10,0.0001', '--etas', '0.5', '--out', 'r.json'], /\[1\//);
    expect(code, stderr).toBe(130);
    expect(stderr).toMatch(/interrupted/);
    const report = JSON.parse(readFileSync(join(dir, 'r.json'), 'utf8')) as Report;
    expect(report.interrupted).toBe(true);
    expect(report.cells).toHaveLength(4);
    expect(report.cells[0].search.status).not.toBe('undecided (interrupted)');
    expect(report.cells[3].search.status).toBe('undecided (interrupted)');
    expect(stdout).toContain('undecided (interrupted)');
  });
});
