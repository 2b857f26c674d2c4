/** Statistics for the claims: rate fits with confidence intervals, ensembles over seeds, the asymptotic range. */
export { type LadderPoint, type ExponentFit, logLogFit } from './logLogFit.js';
export { type EnsembleRate, bootstrapHalfWidth, bootstrapStandardErrors, ensembleRate } from './bootstrap.js';
export {
  type FlooredPoint,
  type ExponentDecision,
  FLOOR_FACTOR,
  FIT_POINTS,
  MAX_INTERVAL_WIDTH,
  INTERVAL_TOO_WIDE,
  TOO_FEW_RUNGS,
  asymptoticRange,
  decidedLadder,
  decideExponent,
} from './asymptoticRange.js';
export { varianceInterval } from './varianceInterval.js';
export { clopperPearson, wilson, checkBinomialArgs } from './binomial.js';
export {
  type SequentialOptions,
  type SequentialPlan,
  type SequentialResult,
  sequentialTest,
  sequentialTestAsync,
  sequentialPlan,
  decideAtLook,
} from './sequentialTest.js';
export { quantileInterval, quantileRanks } from './quantile.js';
export { type ExactLoss, isotonicRegression, isotonicLoss, isotonicLossExact } from './isotonic.js';
