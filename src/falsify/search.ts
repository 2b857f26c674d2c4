/**
 * The falsifier: search a scenario space for a violation of a bound, then shrink it with fast-check. The run reads
 * as its phases (as Hypothesis's engine): replay stored counterexamples, generate, target, shrink.
 *
 * - replay: the scenarios given in `replay` (the counterexample store) are evaluated first;
 * - 'sample': plain fast-check (fc.check over scenarioArbitrary with the seed, endOnFailure) until the first
 *   violation or the budget: the baseline;
 * - 'targeted': INITIAL_SAMPLES fast-check samples, then simulated annealing on the margin from the best one
 *   (anneal.ts) until the first violation or the budget;
 * - shrink: the first violation is stored (onViolation, stage 'first') and handed to fast-check as an example
 *   (fc.check(fc.property(arb, s => margin(s) >= 0), { examples: [[first]], seed })), which shrinks it within the
 *   space; the minimal counterexample is stored again (stage 'minimal') and returned with the files that replay it.
 * A model evaluation is one measureQuantities call; the budget counts those of replay, generation and targeting
 * (shrinking has its own budget, SHRINK_BUDGET by default).
 */
import fc from 'fast-check';
import { InvalidArgumentError } from '../errors.js';
import { randomStream } from '../init/index.js';
import { integerInRange, oneOf } from '../validate.js';
import { type Scored, anneal, rank, violates } from './anneal.js';
import type { Bound } from './bound.js';
import { type Quantities, type ScenarioFiles, measureQuantities, scenarioModelAndData } from './quantities.js';
import { type FalsifyScenario, type ScenarioSpace, type SpaceRestriction, restrictSpace, scenarioArbitrary, scenarioCost } from './scenarioSpace.js';

export const STRATEGIES = ['targeted', 'sample'] as const;
export type Strategy = (typeof STRATEGIES)[number];
/** fast-check samples drawn before the targeted phase starts. */
export const INITIAL_SAMPLES = 4;
/** Default budget of model evaluations while shrinking. */
export const SHRINK_BUDGET = 200;

/** A violation as handed to the store: the first one (before shrinking) and the minimal one. */
export interface ViolationRecord {
  stage: 'first' | 'minimal';
  bound: string;
  scenario: FalsifyScenario;
  margin: number;
  quantities: Quantities;
  strategy: Strategy;
  seed: number;
  /** Model evaluations spent when it was found. */
  evaluations: number;
}

export interface FalsifyOptions {
  strategy: Strategy;
  /** Model evaluations for replay + generation + targeting (≥ 1). */
  budget: number;
  /** Seed of the fast-check run and of the annealing stream. */
  seed: number;
  /** The scenario space: a restriction of DEFAULT_SPACE (a full ScenarioSpace is one; it is intersected with it). */
  space?: ScenarioSpace | SpaceRestriction;
  /** Stored scenarios to replay first (loadStore). */
  replay?: readonly FalsifyScenario[];
  /** Called at the first violation, before shrinking, and with the minimal counterexample. */
  onViolation?: (v: ViolationRecord) => void;
  /** Model evaluations allowed while shrinking (default SHRINK_BUDGET). */
  shrinkBudget?: number;
  /** Tuning of the targeted phase (defaults: INITIAL_SAMPLES, anneal.ts P_FRESH and PATIENCE). */
  tuning?: { initialSamples?: number; pFresh?: number; patience?: number };
  /** Skip the replay files (scenarioModelAndData) in the result, e.g. in benchmarks. */
  withoutFiles?: boolean;
}

export interface Counterexample {
  scenario: FalsifyScenario;
  quantities: Quantities;
  margin: number;
  /**
   * fast-check seed and path: fc.check(property, { seed, path, examples: [[first.scenario]], endOnFailure: true })
   * over scenarioArbitrary(space) gives this scenario back (without endOnFailure fast-check would shrink on past
   * the shrink budget).
   */
  seed: number;
  path: string;
  numShrinks: number;
  files: ScenarioFiles | null;
}

export type FalsifyResult =
  | {
      status: 'falsified';
      bound: string;
      strategy: Strategy;
      first: { scenario: FalsifyScenario; margin: number; quantities: Quantities; source: 'replay' | 'search' };
      minimal: Counterexample;
      /** Evaluations until the first violation (inclusive), of the search phases, of shrinking, and in all. */
      evaluations: { toFirstViolation: number; search: number; shrink: number; total: number };
    }
  | { status: 'survived'; bound: string; strategy: Strategy; best: Scored; evaluations: { search: number; total: number } };

/**
 * Searches for a violation of `bound` and shrinks it (see the file comment).
 * @throws InvalidArgumentError naming `strategy`, `budget` (integer in [1, 10^6]) or `seed`.
 */
export function falsify(bound: Bound, opts: FalsifyOptions): FalsifyResult {
  const strategy = oneOf('strategy', opts.strategy, STRATEGIES);
  const budget = integerInRange('budget', opts.budget, 1, 1_000_000);
  const seed = integerInRange('seed', opts.seed, 0, 2 ** 31 - 1);
  const shrinkBudget = integerInRange('shrinkBudget', opts.shrinkBudget ?? SHRINK_BUDGET, 0, 1_000_000);
  const space = restrictSpace(opts.space); // a full space is a restriction too: intersected with DEFAULT_SPACE
  const arb = scenarioArbitrary(space);
  const quantitiesOf = (s: FalsifyScenario): Quantities => measureQuantities(s, bound.names);
  let used = 0;
  let first: { scenario: FalsifyScenario; margin: number; quantities: Quantities; source: 'replay' | 'search' } | null = null;
  let best: Scored | null = null;
  // A scenario met again (the annealer stepping back, fast-check drawing a duplicate) is not measured again.
  const seen = new Map<string, number>();
  const score = (s: FalsifyScenario, source: 'replay' | 'search' = 'search'): number => {
    const key = scenarioKey(s);
    const known = seen.get(key);
    if (known !== undefined) return known;
    used++;
    const q = quantitiesOf(s);
    const margin = bound.margin(q);
    if (first === null && violates(margin)) first = { scenario: s, margin, quantities: q, source };
    if (best === null || rank(margin) < rank(best.margin)) best = { scenario: s, margin };
    seen.set(key, margin);
    return margin;
  };

  for (const s of opts.replay ?? []) {
    if (used >= budget || first) break;
    if (scenarioCost(s) > 4 * space.maxCost) throw new InvalidArgumentError('replay', 'scenarios within 4× the cost cap', s);
    score(s, 'replay');
  }
  if (!first && used < budget) {
    if (strategy === 'sample') {
      fc.check(
        fc.property(arb, (s) => !violates(score(s))),
        { seed, numRuns: budget - used, endOnFailure: true },
      );
    } else {
      // One stream of fast-check samples: the first INITIAL_SAMPLES start the search, the rest feed its restarts.
      const samples = fc.sample(arb, { seed, numRuns: budget });
      let next = 0;
      while (next < Math.min(opts.tuning?.initialSamples ?? INITIAL_SAMPLES, budget - used)) if (violates(score(samples[next++]))) break;
      if (!first && used < budget && best) {
        const rng = randomStream(seed, 'falsify', 'anneal');
        anneal(best, (s) => score(s), space, rng, budget - used, { names: bound.names, fresh: () => samples[next++ % samples.length], pFresh: opts.tuning?.pFresh, patience: opts.tuning?.patience, spent: () => used });
      }
    }
  }
  const searched = used;
  const found = first as { scenario: FalsifyScenario; margin: number; quantities: Quantities; source: 'replay' | 'search' } | null;
  if (!found) {
    return { status: 'survived', bound: bound.source, strategy, best: best ?? { scenario: fc.sample(arb, { seed, numRuns: 1 })[0], margin: NaN }, evaluations: { search: searched, total: searched } };
  }
  const toFirstViolation = used;
  const record = (stage: 'first' | 'minimal', s: FalsifyScenario, margin: number, quantities: Quantities, evaluations: number): void =>
    opts.onViolation?.({ stage, bound: bound.source, scenario: s, margin, quantities, strategy, seed, evaluations });
  record('first', found.scenario, found.margin, found.quantities, toFirstViolation);

  const shrunk = shrink(found.scenario, (s) => bound.margin(quantitiesOf(s)), arb, seed, shrinkBudget);
  const full = measureQuantities(shrunk.scenario);
  const margin = bound.margin(full);
  const total = searched + shrunk.evaluations + 1;
  record('minimal', shrunk.scenario, margin, full, total);
  return {
    status: 'falsified',
    bound: bound.source,
    strategy,
    first: found,
    minimal: {
      scenario: shrunk.scenario,
      quantities: full,
      margin,
      seed,
      path: shrunk.path,
      numShrinks: shrunk.numShrinks,
      files: opts.withoutFiles ? null : scenarioModelAndData(shrunk.scenario),
    },
    evaluations: { toFirstViolation, search: searched, shrink: shrunk.evaluations, total },
  };
}

/** A canonical key of a scenario (fields in a fixed order). */
export function scenarioKey(s: FalsifyScenario): string {
  return JSON.stringify([s.d, s.N, s.L, s.M, s.activation, s.delta, s.init, s.scale, s.dataset, s.yScale, s.dt, s.steps, s.seed, s.eps, s.eta]);
}

/**
 * Shrinks a violating scenario with fast-check: the example is the first run, and fast-check's shrinker walks
 * towards the arbitrary's smallest values while the property keeps failing. After `budget` evaluations every
 * further candidate is reported as passing (not evaluated), which ends the walk; the result is always a scenario
 * whose violation was measured.
 */
export function shrink(
  example: FalsifyScenario,
  margin: (s: FalsifyScenario) => number,
  arb: fc.Arbitrary<FalsifyScenario>,
  seed: number,
  budget: number,
): { scenario: FalsifyScenario; path: string; numShrinks: number; evaluations: number } {
  let evaluations = 0;
  let calls = 0;
  const details = fc.check(
    fc.property(arb, (s) => {
      // the first call is the example itself: always measured
      if (calls++ > 0 && evaluations >= budget) return true;
      evaluations++;
      return !violates(margin(s));
    }),
    { seed, numRuns: 1, examples: [[example]] },
  );
  if (!details.failed || details.counterexample === null) return { scenario: example, path: '', numShrinks: 0, evaluations };
  return { scenario: details.counterexample[0], path: details.counterexamplePath ?? '', numShrinks: details.numShrinks, evaluations };
}
