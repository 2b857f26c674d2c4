/**
 * Depth and width estimates over a grid of (ε, η) (theory.md §5, claim 24; issue 6 item 3): for each cell the
 * smallest L and the smallest M on the ladder with P(E(Θ_{L,M}(s)) ≤ ε) ≥ 1 − η, each decided by the
 * sequential test over seeds (the event for seed i: E(Θ_{L,M}(s)) ≤ ε for the network initialised with seed i).
 *
 * Search strategy: the depth estimate fixes M at the ladder's top and walks L up; the width estimate fixes L
 * at the ladder's top and walks M up (smallestSize.ts). The papers' bounds are of the form "M ≥ …, L ≥ …"
 * jointly; fixing the other size large approximates its limit within the ladder.
 *
 * False alarms (Bonferroni): the family-wise α is split evenly over the 2·|ε|·|η| searches and, within a
 * search, over the ladder's rungs: every sequential test runs at α_test = α / (2·|ε|·|η|·|ladder|), so the
 * probability that any reported smallest size is wrong (under the monotonicity assumption of smallestSize)
 * is ≤ α. The tests reuse the same seeds (the union bound needs no independence).
 *
 * Workers: the seeds of each batch are trained on the losses' pool (trainedLosses.ts); the cells, their
 * rungs and the number of trainings are the same for any number of workers (only `seconds` differ).
 */
import { sequentialTestAsync } from '../stats/sequentialTest.js';
import { type SizeSearch, smallestSize } from './smallestSize.js';
import type { TrainedLosses } from './trainedLosses.js';

export type EstimateKind = 'depth' | 'width';

/** One search: which size is walked, at which (ε, η), with the other size fixed, and its outcome. */
export interface EstimateCell {
  kind: EstimateKind;
  eps: number;
  eta: number;
  /** The size held fixed: M for a depth search, L for a width search. */
  fixed: number;
  search: SizeSearch;
  seconds: number;
}

export interface EstimateGridOptions {
  epsilons: readonly number[];
  etas: readonly number[];
  /** Increasing sizes, used for both L and M. */
  ladder: readonly number[];
  /** Family-wise false-alarm rate over the whole grid (default 0.05). */
  alpha?: number;
  /** Seed budget of each sequential test (nMax). */
  maxSeeds: number;
  signal?: AbortSignal;
  /** Called when a search starts (index among 2·|ε|·|η|) and when it ends. */
  onProgress?: (done: number, total: number, label: string) => void;
}

/** α_test = α / (2·|ε|·|η|·|ladder|) (see the module docstring). */
export function alphaPerTest(opts: Pick<EstimateGridOptions, 'epsilons' | 'etas' | 'ladder' | 'alpha'>): number {
  return (opts.alpha ?? 0.05) / (2 * opts.epsilons.length * opts.etas.length * opts.ladder.length);
}

/**
 * Runs every search of the grid. After an abort the remaining searches are reported as
 * 'undecided (interrupted)' with no rungs; what was decided is kept.
 * @returns the cells in the order (η, ε, depth then width)
 */
export async function estimateGrid(losses: TrainedLosses, opts: EstimateGridOptions): Promise<EstimateCell[]> {
  const top = opts.ladder[opts.ladder.length - 1];
  const alpha = alphaPerTest(opts);
  const jobs = opts.etas.flatMap((eta) =>
    opts.epsilons.flatMap((eps) => (['depth', 'width'] as const).map((kind) => ({ kind, eps, eta }))),
  );
  const cells: EstimateCell[] = [];
  for (const [index, { kind, eps, eta }] of jobs.entries()) {
    const label = `${kind} ε=${eps} η=${eta}`;
    opts.onProgress?.(index, jobs.length, label);
    const t0 = performance.now();
    if (opts.signal?.aborted) {
      cells.push({ kind, eps, eta, fixed: top, search: { status: 'undecided (interrupted)', rungs: [] }, seconds: 0 });
      continue;
    }
    const search = await smallestSize(opts.ladder, (size) => {
      const [L, M] = kind === 'depth' ? [size, top] : [top, size];
      const events = async (start: number, count: number) => {
        await new Promise((resolve) => setImmediate(resolve)); // let a pending SIGINT abort between batches
        return (await losses.losses(L, M, start, count)).filter((E) => E <= eps).length;
      };
      // Batches end at the looks and the test decides only at looks, so the batch size changes no decision.
      return sequentialTestAsync(events, { p0: 1 - eta, alpha, nMax: opts.maxSeeds, maxBatch: losses.batchSize, signal: opts.signal });
    });
    cells.push({ kind, eps, eta, fixed: top, search, seconds: (performance.now() - t0) / 1000 });
  }
  opts.onProgress?.(jobs.length, jobs.length, opts.signal?.aborted ? 'interrupted' : 'done');
  return cells;
}
