/** Gradient descent in training time s (h = M L Δs) with divergence detection. */
export {
  type TrajectoryPoint,
  type TrainOptions,
  type TrainResult,
  train,
  gdStep,
  gdUpdate,
  meanFieldLearningRate,
} from './gradientDescent.js';
export { type NonFiniteReport, findNonFinite } from './divergence.js';
export {
  type Parametrisation,
  type DisplacementRun,
  meanFieldParametrisation,
  lazyParametrisation,
  runDisplacement,
} from './displacementRun.js';
