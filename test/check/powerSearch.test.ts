/**
 * The ladder search of `resnet-mf power` (src/check/powerSearch.ts): for every monotone detection (caught on the
 * rungs 0..t, missed below), it returns t, asks no rung twice and asks at most ⌈log2 n⌉ + 2 rungs.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { smallestCaughtRung } from '../../src/check/powerSearch.js';

describe('smallestCaughtRung', () => {
  it('finds the last caught rung of any monotone detection, each rung asked once, ⌈log2 n⌉ + 2 asks at most', async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 1, max: 40 }).chain((n) => fc.tuple(fc.constant(n), fc.integer({ min: -1, max: n - 1 }))), async ([n, t]) => {
        const asked: number[] = [];
        const result = await smallestCaughtRung(n, async (i) => {
          asked.push(i);
          return i <= t;
        });
        expect(result.smallest).toBe(t < 0 ? null : t);
        expect(new Set(asked).size).toBe(asked.length);
        expect(asked.length).toBeLessThanOrEqual(Math.ceil(Math.log2(n)) + 2);
        expect(result.evaluated.map((e) => e.index)).toEqual(asked);
        for (const e of result.evaluated) expect(e.caught).toBe(e.index <= t);
        // the bracket rests on evaluations: the answer was caught, the rung below it (if any) was asked and missed
        if (t >= 0 && t < n - 1) expect(result.evaluated).toContainEqual({ index: t + 1, caught: false });
      }),
      { seed: 17, numRuns: 300 },
    );
  });

  it('asks only the top rung when it is not caught, and the top and bottom when both are', async () => {
    const asked: number[] = [];
    expect((await smallestCaughtRung(17, async (i) => (asked.push(i), false))).smallest).toBeNull();
    expect(asked).toEqual([0]);
    asked.length = 0;
    expect((await smallestCaughtRung(17, async (i) => (asked.push(i), true))).smallest).toBe(16);
    expect(asked).toEqual([0, 16]);
  });

  it('refuses an empty ladder', async () => {
    await expect(smallestCaughtRung(0, async () => true)).rejects.toThrow(RangeError);
  });
});
