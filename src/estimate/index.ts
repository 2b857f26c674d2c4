/** Depth and width estimates (claim 24): the smallest L and M with P(E(Θ_{L,M}(s)) ≤ ε) ≥ 1 − η. */
export { type RungDecision, type SizeSearch, smallestSize, searchLabel } from './smallestSize.js';
export { type EstimateSetting, DEFAULT_SETTING, SEEDS_PER_WORKER, TrainedLosses } from './trainedLosses.js';
export { type LossTaskInput, LOSS_TASK, trainedLoss } from './lossTask.js';
export { type EstimateKind, type EstimateCell, type EstimateGridOptions, alphaPerTest, estimateGrid } from './estimateGrid.js';
export { type SizeExponent, PREDICTED, sizeExponents } from './exponentFits.js';
