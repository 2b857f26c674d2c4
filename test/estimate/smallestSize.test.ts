/**
 * smallestSize with a synthetic event probability p(size) (known answer): Bernoulli outcomes drawn from a
 * seeded stream, decided by the real sequential test.
 */
import { describe, expect, it } from 'vitest';
import { smallestSize, searchLabel } from '../../src/estimate/smallestSize.js';
import { randomStream } from '../../src/init/index.js';
import { sequentialTestAsync } from '../../src/stats/sequentialTest.js';

const LADDER = [2, 4, 8, 16, 32];

/** The test at one size: outcome i is an event when u_i < p(size), u_i uniform from a stream per (size, i). */
function decider(p: (size: number) => number, opts: { eta: number; alpha: number; nMax: number; signal?: AbortSignal }) {
  return (size: number) => {
    const rng = randomStream(7, 'synthetic', String(size)); // outcomes are drawn in order i = 0, 1, …
    return sequentialTestAsync(
      (_start, count) => {
        let k = 0;
        for (let i = 0; i < count; i++) if (rng.uniform() < p(size)) k++;
        return k;
      },
      { p0: 1 - opts.eta, alpha: opts.alpha, nMax: opts.nMax, signal: opts.signal },
    );
  };
}

describe('smallestSize', () => {
  it('finds the known smallest size when p jumps from 0.5 to 0.99 at 8 (η = 0.1)', async () => {
    const s = await smallestSize(LADDER, decider((n) => (n >= 8 ? 0.99 : 0.5), { eta: 0.1, alpha: 0.01, nMax: 1000 }));
    expect(s.status).toBe('found');
    if (s.status === 'found') expect(s.size).toBe(8);
    expect(s.rungs.map((r) => r.status)).toEqual(['fails', 'fails', 'holds']);
    expect(searchLabel(s)).toBe('8');
  });

  it('finds the smallest n with p(n) = 1 − 1/n² ≥ 1 − η (η = 0.2: n = 4)', async () => {
    // p = 1 − 1/n²: p(2) = 0.75, p(4) = 0.9375, p(8) = 0.984; with η = 0.2 the answer is 4 (0.75 < 0.8 ≤ 0.9375)
    const s = await smallestSize(LADDER, decider((n) => 1 - 1 / n ** 2, { eta: 0.2, alpha: 0.01, nMax: 4000 }));
    expect(s).toMatchObject({ status: 'found', size: 4 });
  });

  it('reports "above ladder" when every rung fails', async () => {
    const s = await smallestSize(LADDER, decider(() => 0.2, { eta: 0.1, alpha: 0.01, nMax: 1000 }));
    expect(s.status).toBe('above ladder');
    expect(s.rungs).toHaveLength(LADDER.length);
    expect(searchLabel(s)).toBe('> 32');
  });

  it('brackets the answer when a rung is undecided within the budget (p = 1 − η exactly)', async () => {
    const s = await smallestSize(LADDER, decider((n) => (n === 2 ? 0.1 : n === 4 ? 0.9 : 1), { eta: 0.1, alpha: 0.01, nMax: 200 }));
    expect(s).toMatchObject({ status: 'undecided', atLeast: 4, atMost: 8 });
    expect(s.rungs.map((r) => r.status)).toEqual(['fails', 'undecided', 'holds']);
  });

  it('an aborted test ends the walk as undecided (interrupted), keeping the rungs decided before', async () => {
    const controller = new AbortController();
    const s = await smallestSize(LADDER, async (size) => {
      if (size === 4) controller.abort();
      return decider(() => 0.2, { eta: 0.1, alpha: 0.01, nMax: 1000, signal: controller.signal })(size);
    });
    expect(s.status).toBe('undecided (interrupted)');
    expect(s.rungs.map((r) => r.status)).toEqual(['fails', 'undecided (interrupted)']);
  });
});
