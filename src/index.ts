/**
 * The public API of resnet-mf, one hand-written list (the claim registry is exported separately as
 * `resnet-mf/properties`). test/index.test.ts pins it.
 */
export { ResnetMfError, InvalidArgumentError, ShapeMismatchError, NonFiniteError, MalformedInputError } from './errors.js';
export {
  type Activation,
  type ActivationName,
  type ActivationSpec,
  ACTIVATION_NAMES,
  makeActivation,
  activationToSpec,
  identity,
  tanh,
  sigmoid,
  softplus,
  sin,
  gaussian,
  regularizedRelu,
  cubic,
} from './activations/index.js';
export {
  type Network,
  type Workspace,
  type ForwardErrorBound,
  createWorkspace,
  forward,
  predict,
  loss,
  finalStates,
  evaluate,
  lossAndGradient,
  scaledGradient,
  dissipationRate,
  forwardErrorBound,
  gradientErrorBound,
} from './model/index.js';
export { type InitKind, type InitOptions, type RandomStream, INIT_KINDS, initNetwork, randomStream } from './init/index.js';
export {
  type Dataset,
  DATASET_NAMES,
  loadDataset,
  ball,
  teacher,
  nonmonotone1d,
  iris,
  parseModelJson,
  parseDataJson,
  modelToJson,
  dataToJson,
  checkCompatible,
} from './data/index.js';
export { type TrainOptions, type TrainResult, type TrajectoryPoint, train, gdStep, meanFieldLearningRate } from './train/index.js';
export {
  type DepthPaths,
  type DepthPathKind,
  type ContinuousDepth,
  DEPTH_PATH_KINDS,
  depthPaths,
  discretize,
  solveContinuousDepth,
  firstVariationGradient,
  richardson,
  continuousTraining,
  gradientFlow,
  largeWidthReference,
  solveMeanFieldGaussian,
  solveMeanFieldGaussianDecimal,
} from './limit/index.js';
export {
  type LadderPoint,
  type ExponentFit,
  type EnsembleRate,
  type FlooredPoint,
  logLogFit,
  ensembleRate,
  asymptoticRange,
  decideExponent,
  varianceInterval,
} from './stats/index.js';
export {
  type SizeSearch,
  type EstimateCell,
  type EstimateGridOptions,
  type SizeExponent,
  smallestSize,
  estimateGrid,
  sizeExponents,
} from './estimate/index.js';
export {
  clopperPearson,
  wilson,
  sequentialTest,
  quantileInterval,
  isotonicRegression,
  isotonicLoss,
} from './stats/index.js';
