/**
 * `resnet-mf estimate --workers N`: the JSON report (timings aside) is the same with 1 and 2 workers, on a
 * small grid whose searches end in every status a rung can have ('holds', 'fails', 'undecided'), so the
 * comparison covers the decisions, the counts k/n, the intervals and the number of trainings.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cleanup, expectNoStackTrace, runAsync, tempDir } from './harness.js';

afterAll(cleanup);

interface Report {
  trainings: number;
  seconds: number;
  startedAt: string;
  plot: string;
  cells: { seconds: number; search: { status: string; rungs: { status: string }[] } }[];
}

/** The report without what may differ between runs: wall times, the start time and the plot's path. */
function withoutTimings(r: Report): unknown {
  const { seconds: _s, startedAt: _t, plot: _p, ...rest } = r;
  return { ...rest, cells: r.cells.map(({ seconds: _c, ...cell }) => cell) };
}

describe('resnet-mf estimate --workers', () => {
  it('gives the same report with 1 and 2 workers (timings aside)', async () => {
    const dir = tempDir();
    const args = ['estimate', '--epsilons', '0.01,0.005', '--etas', '0.5', '--max-seeds', '32', '--seed', '3'];
    const runs = await Promise.all([1, 2].map((w) => runAsync(dir, [...args, '--workers', String(w), '--out', `w${w}.json`], 120_000)));
    for (const r of runs) {
      expect(r.status, r.stderr).toBe(0);
      expectNoStackTrace(r);
    }
    expect(runs[0].stdout).toMatch(/144 trainings, 1 worker\)/);
    expect(runs[1].stdout).toMatch(/144 trainings, 2 workers\)/);
    const [one, two] = [1, 2].map((w) => JSON.parse(readFileSync(join(dir, `w${w}.json`), 'utf8')) as Report);
    expect(withoutTimings(two)).toEqual(withoutTimings(one));
    // the grid exercises every rung status, so the equality above is not vacuous
    const statuses = new Set(one.cells.flatMap((c) => c.search.rungs.map((r) => r.status)));
    expect([...statuses].sort()).toEqual(['fails', 'holds', 'undecided']);
    expect(one.cells.map((c) => c.search.status)).toEqual(['found', 'undecided', 'found', 'undecided']);
    // negative control: the comparison sees a changed decision
    const altered = structuredClone(one);
    altered.cells[1].search.rungs[0].status = 'fails';
    expect(withoutTimings(altered)).not.toEqual(withoutTimings(one));
  });
});
