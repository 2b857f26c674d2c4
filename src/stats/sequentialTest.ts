/**
 * A sequential test of H: P(event) ≥ p0 (p0 = 1 − η, theory.md §6, claims 20 and 24) against its negation,
 * on Bernoulli outcomes drawn one by one (a seed each) until decided or a budget nMax is spent. Modelled on
 * QuickCheck's checkCoverage (test in rounds, stop as soon as a confidence interval settles the question),
 * with exact intervals and a false-alarm bound that survives the repeated looks. Never "0 failures in n runs,
 * so it holds": 'holds' needs the interval's lower end at or above p0.
 *
 * Derivation (Bonferroni over a fixed geometric schedule). Looks happen at n_j = n0·2^j, j = 0, 1, …, and at
 * nMax, J looks in all, fixed before any draw. At look j with k_j events the test computes the two-sided
 * Clopper–Pearson interval [lo_j, hi_j] at level 1 − 2β, β = α/J, so each one-sided tail misses the true p
 * with probability ≤ β (binomial.ts). It decides
 *   'holds' at the first look with lo_j ≥ p0,   'fails' at the first look with hi_j < p0.
 * If p ≥ p0, answering 'fails' requires hi_j < p0 ≤ p at some look: P ≤ Σ_j P(hi_j < p) ≤ J·β = α.
 * If p < p0, answering 'holds' requires lo_j ≥ p0 > p at some look: P ≤ J·β = α.
 * So for every p the probability of a wrong decision is ≤ α (each side separately; only one kind of error is
 * possible for a given p). The bound needs no independence between looks. Near p = p0 the test may not
 * decide within nMax: it then says 'undecided' (no indifference zone is assumed).
 *
 * The first look n0 is raised, if needed, to the smallest n at which 'holds' is reachable at all
 * (k = n gives lo = β^{1/n} ≥ p0 ⇔ n ≥ ln β / ln p0), so no α is spent on looks that cannot decide 'holds'.
 */
import { InvalidArgumentError } from '../errors.js';
import { clopperPearson } from './binomial.js';

export interface SequentialOptions {
  /** Threshold p0 = 1 − η in (0, 1): the hypothesis is P(event) ≥ p0. */
  p0: number;
  /** False-alarm rate α in (0, 1): P(wrong decision) ≤ α for every true p. Default 0.01. */
  alpha?: number;
  /** Budget: at most nMax outcomes, integer ≥ 1. */
  nMax: number;
  /** First look (before raising, see the module docstring), integer ≥ 1. Default 16. */
  n0?: number;
}

/** The fixed plan: the look sample sizes (increasing, the last is ≤ nMax) and the per-look level 1 − 2α/J. */
export interface SequentialPlan {
  p0: number;
  alpha: number;
  looks: number[];
  levelPerLook: number;
}

interface Common {
  /** Events observed and outcomes drawn. */
  k: number;
  n: number;
  /**
   * The Clopper–Pearson interval at levelPerLook at the last look ([0, 1] before the first look; when
   * aborted between looks, the interval of the counts so far).
   */
  interval: [number, number];
  /** Looks taken, out of plan.looks.length. */
  looksTaken: number;
  plan: SequentialPlan;
}

/** 'holds': lo ≥ p0; 'fails': hi < p0; 'undecided': budget spent (or stopped) with lo < p0 ≤ hi. */
export type SequentialResult =
  | (Common & { status: 'holds' })
  | (Common & { status: 'fails' })
  | (Common & { status: 'undecided'; reason: 'budget' | 'aborted' });

/** Looks at n0·2^j below nMax, then nMax. */
function geometricLooks(n0: number, nMax: number): number[] {
  const looks: number[] = [];
  for (let n = n0; n < nMax; n *= 2) looks.push(n);
  looks.push(nMax);
  return looks;
}

/**
 * The plan for the options (see the module docstring for n0 raising and β = α/J).
 * @throws InvalidArgumentError naming `p0`, `alpha`, `nMax` or `n0`
 * @example sequentialPlan({ p0: 0.9, alpha: 0.01, nMax: 1000 })  // looks [63, 126, 252, 504, 1000], levelPerLook 0.996
 */
export function sequentialPlan(options: SequentialOptions): SequentialPlan {
  const { p0, nMax } = options;
  const alpha = options.alpha ?? 0.01;
  const n0User = options.n0 ?? 16;
  if (!(p0 > 0 && p0 < 1)) throw new InvalidArgumentError('p0', 'a number in (0, 1)', p0);
  if (!(alpha > 0 && alpha < 1)) throw new InvalidArgumentError('alpha', 'a number in (0, 1)', alpha);
  if (!(Number.isInteger(nMax) && nMax >= 1)) throw new InvalidArgumentError('nMax', 'an integer ≥ 1', nMax);
  if (!(Number.isInteger(n0User) && n0User >= 1)) throw new InvalidArgumentError('n0', 'an integer ≥ 1', n0User);
  // J from the user's n0 is an upper bound on the final count, so the raised n0 suffices for the final β.
  const upper = geometricLooks(Math.min(n0User, nMax), nMax).length;
  const reach = Math.ceil(Math.log(alpha / upper) / Math.log(p0));
  const looks = geometricLooks(Math.min(Math.max(n0User, reach), nMax), nMax);
  return { p0, alpha, looks, levelPerLook: 1 - (2 * alpha) / looks.length };
}

/**
 * The decision at one look: 'holds' if lo ≥ p0, 'fails' if hi < p0, else 'continue'.
 * @param k events among n outcomes
 * @returns the decision and the Clopper–Pearson interval at `levelPerLook`
 * @throws InvalidArgumentError as clopperPearson
 */
export function decideAtLook(
  k: number,
  n: number,
  p0: number,
  levelPerLook: number,
): { decision: 'holds' | 'fails' | 'continue'; interval: [number, number] } {
  const interval = clopperPearson(k, n, levelPerLook);
  const decision = interval[0] >= p0 ? 'holds' : interval[1] < p0 ? 'fails' : 'continue';
  return { decision, interval };
}

/**
 * Runs the test, drawing outcome i (i = 0, 1, … < nMax, e.g. the seed index) with `sample(i)`.
 * Deterministic when `sample` is.
 * @param sample true when the event happens for outcome i
 * @returns the decision with k, n, the last interval and the plan
 * @throws InvalidArgumentError as sequentialPlan
 * @example sequentialTest((i) => trainedLoss(seed0 + i) <= eps, { p0: 0.9, alpha: 0.01, nMax: 512 })
 */
export function sequentialTest(sample: (index: number) => boolean, options: SequentialOptions): SequentialResult {
  const plan = sequentialPlan(options);
  const st = start(plan);
  for (const look of plan.looks) {
    while (st.n < look) if (sample(st.n++)) st.k++;
    const done = step(st, plan);
    if (done) return done;
  }
  return finish(st, plan, 'budget');
}

/**
 * The same test with batched, possibly asynchronous sampling: `sampleBatch(start, count)` returns the number
 * of events among outcomes start … start + count − 1. Between batches the signal is checked; when aborted the
 * result is 'undecided' with reason 'aborted' and the counts so far (Ctrl-C keeps what was decided).
 * Batches end at the looks, and are at most `maxBatch` long (default 64).
 * @throws InvalidArgumentError as sequentialPlan; when sampleBatch returns a count outside [0, count]
 */
export async function sequentialTestAsync(
  sampleBatch: (start: number, count: number) => number | Promise<number>,
  options: SequentialOptions & { maxBatch?: number; signal?: AbortSignal },
): Promise<SequentialResult> {
  const plan = sequentialPlan(options);
  const maxBatch = options.maxBatch ?? 64;
  if (!(Number.isInteger(maxBatch) && maxBatch >= 1)) throw new InvalidArgumentError('maxBatch', 'an integer ≥ 1', maxBatch);
  const st = start(plan);
  for (const look of plan.looks) {
    while (st.n < look) {
      if (options.signal?.aborted) return finish(st, plan, 'aborted');
      const count = Math.min(maxBatch, look - st.n);
      const events = await sampleBatch(st.n, count);
      if (!(Number.isInteger(events) && events >= 0 && events <= count)) {
        throw new InvalidArgumentError('sampleBatch result', `an integer in [0, ${count}]`, events);
      }
      st.k += events;
      st.n += count;
    }
    const done = step(st, plan);
    if (done) return done;
  }
  return finish(st, plan, 'budget');
}

interface State {
  k: number;
  n: number;
  looksTaken: number;
  interval: [number, number];
}

function start(_plan: SequentialPlan): State {
  return { k: 0, n: 0, looksTaken: 0, interval: [0, 1] };
}

function step(st: State, plan: SequentialPlan): SequentialResult | undefined {
  const { decision, interval } = decideAtLook(st.k, st.n, plan.p0, plan.levelPerLook);
  st.looksTaken++;
  st.interval = interval;
  if (decision === 'continue') return undefined;
  return { status: decision, k: st.k, n: st.n, interval, looksTaken: st.looksTaken, plan };
}

function finish(st: State, plan: SequentialPlan, reason: 'budget' | 'aborted'): SequentialResult {
  // Stopped between looks: report the interval of the counts so far (for information; no decision from it).
  if (reason === 'aborted' && st.n > 0) st.interval = clopperPearson(st.k, st.n, plan.levelPerLook);
  return { status: 'undecided', reason, k: st.k, n: st.n, interval: st.interval, looksTaken: st.looksTaken, plan };
}
