/**
 * The falsifier (issue 7): conjectured bounds over measured quantities (mathjs expressions in a hardened instance,
 * or TypeScript predicate modules), the scenario space, the search (fast-check sampling or targeted annealing on
 * the violation margin, then fast-check shrinking), the counterexample store and its replay, and the catalogue of
 * conjectures. The public names of this area, listed explicitly.
 */
export {
  QUANTITY_NAMES,
  QUANTITY_DOCS,
  type QuantityName,
  type Quantities,
  type ScenarioFiles,
  measureQuantities,
  scenarioModelAndData,
  scenarioData,
  scenarioNetwork,
} from './quantities.js';
export {
  type FalsifyScenario,
  type FalsifyInit,
  type FalsifyDataset,
  type ScenarioSpace,
  type SpaceRestriction,
  FALSIFY_ACTIVATIONS,
  FALSIFY_DATASETS,
  FALSIFY_INITS,
  DEFAULT_SPACE,
  LIMITS,
  REF_FACTOR,
  checkScenario,
  effectiveSizes,
  restrictSpace,
  scenarioArbitrary,
  scenarioCost,
} from './scenarioSpace.js';
export { type Bound, MAX_BOUND_LENGTH, BOUND_TIME_LIMIT_MS, compileBound, holds } from './bound.js';
export { ALLOWED_FUNCTIONS, CONSTANTS } from './hardenedMath.js';
export { KNOWN_NAMES, MAX_BOUND_NODES } from './boundTree.js';
export { PREDICATE_TIME_LIMIT_MS, loadPredicateBound } from './predicate.js';
export {
  type Strategy,
  type FalsifyOptions,
  type FalsifyResult,
  type Counterexample,
  type ViolationRecord,
  STRATEGIES,
  INITIAL_SAMPLES,
  SHRINK_BUDGET,
  falsify,
  scenarioKey,
} from './search.js';
export { P_FRESH, PATIENCE, T0 } from './anneal.js';
export {
  type BoundRef,
  type FoundViolation,
  type StoredViolation,
  COUNTEREXAMPLE_FORMAT,
  DEFAULT_STORE_DIR,
  loadStore,
  storeHook,
  storeViolation,
} from './store.js';
export { type ReplayOutcome, replayViolation } from './replay.js';
export { type Conjecture, type Expected, CATALOGUE_BUDGET, CATALOGUE_SHRINK_BUDGET, CONJECTURES, findConjecture } from './conjectures.js';
