/**
 * The search of `resnet-mf power` (issue 17): the smallest magnitude δ on a ladder δ_0 > δ_1 > … > δ_{n−1} at which
 * a graded bug is caught, assuming that a bug caught at δ_i is caught at every larger δ (detection monotone in δ).
 *
 * The top rung is tried first (a family not caught at δ_0 is not caught on the ladder), then the bottom rung (a
 * family that breaks an exact identity is usually caught there, and the search ends after two cheap runs), then
 * bisection between the lowest caught and the highest uncaught rung known: ⌈log2 n⌉ + 2 evaluations at most.
 * The answer is a bracket: caught at δ_i, not caught at δ_{i+1} (or i the bottom rung); every evaluation made is
 * returned, so a report shows the rungs the bracket rests on.
 */

/** What the search learned. */
export interface LadderSearch {
  /** Index of the smallest caught rung, or null when the top rung is not caught. */
  smallest: number | null;
  /** The rungs evaluated, in the order evaluated, with whether each was caught. */
  evaluated: { index: number; caught: boolean }[];
}

/**
 * The smallest caught rung of a ladder of `rungs` rungs (index 0 the largest δ).
 * @param caughtAt whether the bug of rung i is caught (called at most ⌈log2 rungs⌉ + 2 times, never twice for one i)
 * @throws RangeError when rungs < 1
 */
export async function smallestCaughtRung(rungs: number, caughtAt: (index: number) => Promise<boolean>): Promise<LadderSearch> {
  if (!Number.isInteger(rungs) || rungs < 1) throw new RangeError(`a ladder needs at least one rung, got ${rungs}`);
  const evaluated: LadderSearch['evaluated'] = [];
  const probe = async (index: number): Promise<boolean> => {
    const caught = await caughtAt(index);
    evaluated.push({ index, caught });
    return caught;
  };
  if (!(await probe(0))) return { smallest: null, evaluated };
  if (rungs === 1) return { smallest: 0, evaluated };
  if (await probe(rungs - 1)) return { smallest: rungs - 1, evaluated };
  let caught = 0; // invariant: rung `caught` is caught, rung `missed` is not
  let missed = rungs - 1;
  while (missed - caught > 1) {
    const mid = (caught + missed) >> 1;
    if (await probe(mid)) caught = mid;
    else missed = mid;
  }
  return { smallest: caught, evaluated };
}
