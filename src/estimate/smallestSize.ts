/**
 * The smallest size on a ladder at which an event is likely enough (theory.md §5–§6, claim 24): walk the
 * ladder n_1 < n_2 < … upwards, decide "P(event at n_r) ≥ 1 − η" at each rung with the sequential test
 * (src/stats/sequentialTest.ts), and stop at the first rung where it holds.
 *
 * Assumption (stated, not tested): P(event) does not decrease along the ladder, as the theorems' form
 * "L ≥ C/ε, M ≥ C/(ε²η) ⇒ P ≥ 1 − η" suggests. Under it the answer is the first rung that holds.
 *
 * Error bound. Each rung's test has false-alarm rate ≤ α_test (for every true p). The answer "n_r" is wrong
 * only if some rung below the true smallest size said 'holds' or the true smallest size said 'fails'; by the
 * union bound P(wrong answer) ≤ (number of rungs)·α_test. The caller splits its α accordingly (estimateGrid).
 *
 * A rung whose test is undecided within the budget (P(event) too close to 1 − η to tell) makes the answer a
 * bracket: the walk goes on to find the first rung that holds, an upper bound.
 */
import type { SequentialResult } from '../stats/sequentialTest.js';

/** One rung's decision: the size, the test's status, the events k among n seeds and the interval of P. */
export interface RungDecision {
  size: number;
  status: 'holds' | 'fails' | 'undecided' | 'undecided (interrupted)';
  k: number;
  n: number;
  interval: [number, number];
}

/**
 * The outcome of a search:
 * - 'found': every rung below `size` fails, `size` holds;
 * - 'above ladder': every rung fails (the smallest size is beyond the ladder's top);
 * - 'undecided': some rung was undecided within the budget; the smallest size lies in [atLeast, atMost]
 *   (atMost null: no rung held);
 * - 'undecided (interrupted)': stopped (Ctrl-C) before a decision; the rungs decided so far are kept.
 */
export type SizeSearch =
  | { status: 'found'; size: number; rungs: RungDecision[] }
  | { status: 'above ladder'; rungs: RungDecision[] }
  | { status: 'undecided'; atLeast: number; atMost: number | null; rungs: RungDecision[] }
  | { status: 'undecided (interrupted)'; rungs: RungDecision[] };

/**
 * Walks `ladder` (increasing sizes) upwards with `decide(size)`, the sequential test at that size.
 * @param decide runs the test at one size (an 'undecided' result with reason 'aborted' ends the walk)
 * @returns the search outcome with every rung's decision
 * @example await smallestSize([2, 4, 8], (L) => sequentialTestAsync(batchAt(L), { p0: 0.9, alpha, nMax }))
 */
export async function smallestSize(
  ladder: readonly number[],
  decide: (size: number) => Promise<SequentialResult>,
): Promise<SizeSearch> {
  const rungs: RungDecision[] = [];
  let firstUndecided: number | null = null;
  for (const size of ladder) {
    const r = await decide(size);
    const aborted = r.status === 'undecided' && r.reason === 'aborted';
    rungs.push({ size, status: aborted ? 'undecided (interrupted)' : r.status, k: r.k, n: r.n, interval: r.interval });
    if (aborted) return { status: 'undecided (interrupted)', rungs };
    if (r.status === 'holds') {
      return firstUndecided === null
        ? { status: 'found', size, rungs }
        : { status: 'undecided', atLeast: firstUndecided, atMost: size, rungs };
    }
    if (r.status === 'undecided' && firstUndecided === null) firstUndecided = size;
  }
  return firstUndecided === null
    ? { status: 'above ladder', rungs }
    : { status: 'undecided', atLeast: firstUndecided, atMost: null, rungs };
}

/** The search in a few characters: "8", "> 64", "[4, 16]", "≥ 8 ?", "interrupted". */
export function searchLabel(s: SizeSearch): string {
  switch (s.status) {
    case 'found':
      return String(s.size);
    case 'above ladder':
      return `> ${s.rungs[s.rungs.length - 1].size}`;
    case 'undecided':
      return s.atMost === null ? `≥ ${s.atLeast} (undecided)` : `[${s.atLeast}, ${s.atMost}] (undecided)`;
    case 'undecided (interrupted)':
      return 'undecided (interrupted)';
  }
}
