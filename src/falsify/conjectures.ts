/**
 * The catalogue of conjectures shipped with the falsifier: bounds that theory supports (the search must not
 * falsify them within its budget) and bounds that are false (the search must falsify them), each a mathjs bound
 * over the measured quantities (quantities.ts), with the scenario space it quantifies over, the expected outcome
 * and a one-line rationale with its theory.md reference. test/falsify/conjectures.test.ts asserts every outcome
 * under the ci budget; bench/falsify.bench.ts measures the search on the false ones.
 *
 * Constants: where a theorem gives a rate without its constant, the constant is chosen so that the false
 * conjectures fail only in a tail of the space (large L, large M, η near 1/2, long training: where a rate claim
 * actually breaks) and the supported ones hold with a stated factor over the worst case found by long targeted
 * searches (figures in each rationale).
 */
import type { ActivationName } from '../activations/index.js';
import { InvalidArgumentError } from '../errors.js';
import type { SpaceRestriction } from './scenarioSpace.js';

export type Expected = 'supported' | 'false';

export interface Conjecture {
  id: string;
  /** The bound, a mathjs comparison over QUANTITY_NAMES (compileBound). */
  bound: string;
  /** The scenario space it quantifies over (a restriction of DEFAULT_SPACE). */
  space: SpaceRestriction;
  expected: Expected;
  /** One line: why theory supports or refutes it, with the theory.md reference. */
  rationale: string;
}

/** Model evaluations per conjecture and profile (search phases; shrinking has its own budget). */
export const CATALOGUE_BUDGET = { quick: 60, ci: 300, full: 1000 } as const;
/** Model evaluations allowed for shrinking a counterexample, per profile. */
export const CATALOGUE_SHRINK_BUDGET = { quick: 30, ci: 60, full: 200 } as const;

/** Smooth activations with |σ| ≤ 1 and |σ'| ≤ 1 (the forward bound and the O(1/L) depth error need them). */
const BOUNDED: readonly ActivationName[] = ['tanh', 'sin', 'sigmoid', 'gaussian'];
/** Short, slow training (s ≤ 2 with Δs ≤ 1/8) of bounded networks on smooth data: where claims 8 and 11 are checked. */
const GENTLE: SpaceRestriction = {
  activations: BOUNDED,
  datasets: ['ball', 'teacher'],
  reals: { dt: [2 ** -6, 2 ** -3], scale: [0.25, 1], yScale: [0.25, 1] },
  ints: { steps: [1, 16] },
};
/** Width-error space: linear paths, bounded σ, Δs in [1/16, 1/2], 1..16 steps. */
const WIDTH: SpaceRestriction = { inits: ['linear'], activations: BOUNDED, reals: { dt: [2 ** -4, 0.5] }, ints: { steps: [1, 16] } };

export const CONJECTURES: readonly Conjecture[] = [
  {
    id: 'monotone-small-step',
    bound: 'E <= E0',
    space: GENTLE,
    expected: 'supported',
    rationale:
      'energy dissipation dE/ds = −(1/(ML))Σ|G|² ≤ 0 and GD is first order in Δs, so E decreases for Δs below a threshold that does not shrink with L, M (theory.md §2, §6 items 7–8)',
  },
  {
    id: 'depth-first-order',
    bound: 'err_depth <= 8/L',
    space: { inits: ['linear'], activations: BOUNDED, reals: { scale: [0.25, 0.5] }, ints: { steps: [0, 0] } },
    expected: 'supported',
    rationale:
      'Lipschitz paths give a first-order depth error a/L ([DCLW-b] Lemma G.1; theory.md §5, §6 item 1); the largest L·err_depth found by 3200 targeted evaluations at scale ≤ 1/2 is about 1.5 (M = 1, sin), so C = 8 leaves a factor 5',
  },
  {
    id: 'displacement-energy',
    bound: 'displacement <= sqrt(2 * s * E0)',
    space: GENTLE,
    expected: 'supported',
    rationale:
      '‖Θ(s) − Θ(0)‖* ≤ sqrt(s (E0 − E(s))) ≤ sqrt(s E0) along the flow (Cauchy–Schwarz, theory.md §6 item 11); the factor 2 covers the O(Δs) term of the discrete form at Δs ≤ 1/8',
  },
  {
    id: 'forward-bound',
    bound: 'err_depth <= 4.29',
    space: { inits: ['iid'], activations: BOUNDED, reals: { scale: [0.5, 0.5] }, ints: { steps: [0, 0] } },
    expected: 'supported',
    rationale:
      'with |σ| ≤ 1, |z_L − z_0| ≤ max|u| for every L (theory.md §5 forward stability, §6 item 12); for i.i.d. layers err_depth = max|z_L − x| and every u-coordinate is 0.5·g with |g| ≤ 8.5717 (Box–Muller on 53-bit uniforms, src/init/random.ts), so ≤ 4.286',
  },
  {
    id: 'depth-second-order',
    bound: 'err_depth <= 200/L^2',
    space: { inits: ['linear'], activations: BOUNDED, reals: { scale: [0.25, 1] }, ints: { steps: [0, 0] } },
    expected: 'false',
    rationale: 'the depth error is first order, a/L with a ≠ 0 (theory.md §5, §6 item 1: slope −1, not −2), so it exceeds 200/L² once L > 200/a',
  },
  {
    id: 'width-log-eta',
    bound: 'err_width <= 8 * log(1/eta) / M',
    space: WIDTH,
    expected: 'false',
    rationale: 'the width error is of order M^(−1/2), with a Chebyshev 1/η tail, not log(1/η)/M ([DCLW-b] Lemma F.1, Thm E.1; theory.md §5, §6 items 3, 21)',
  },
  {
    id: 'width-first-order',
    bound: 'err_width <= 16/M',
    space: WIDTH,
    expected: 'false',
    rationale: 'the width error along training is O(M^(−1/2)) (theory.md §6 item 3, Monte Carlo fluctuation of M particles), not O(1/M)',
  },
  {
    id: 'monotone-any-step',
    bound: 'E <= E0',
    space: {},
    expected: 'false',
    rationale: 'monotone descent needs Δs below a threshold Δs* (theory.md §6 item 8); at Δs up to 4 with h = M L Δs GD overshoots',
  },
  {
    id: 'zero-loss-d1',
    bound: 'E <= eps',
    space: { datasets: ['nonmonotone1d'] },
    expected: 'false',
    rationale: 'in d = 1 the continuous-depth map is increasing, so the bump labels keep E above the isotonic-regression loss (theory.md §5 topological obstruction, §6 item 19)',
  },
  {
    id: 'displacement-vanishes',
    bound: 'displacement <= 16/sqrt(M)',
    space: { activations: BOUNDED, reals: { dt: [2 ** -6, 0.25] }, ints: { steps: [1, 16] } },
    expected: 'false',
    rationale: 'mean-field training moves every neuron O(1) per unit of s whatever M (feature learning, not lazy training: theory.md §2, §6 item 11), so the displacement does not vanish like M^(−1/2)',
  },
];

/**
 * The conjecture with this id.
 * @throws InvalidArgumentError naming `conjecture` and listing the ids.
 */
export function findConjecture(id: string): Conjecture {
  const c = CONJECTURES.find((x) => x.id === id);
  if (!c) throw new InvalidArgumentError('conjecture', `one of ${CONJECTURES.map((x) => x.id).join(', ')}`, id);
  return c;
}
