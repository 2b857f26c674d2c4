/**
 * Continuous-depth and mean-field references (theory.md §4): depth paths, the depth vector field, Runge–Kutta
 * solvers with step refinement, the continuous-depth state and adjoint, Richardson extrapolation in 1/L,
 * training in s on refined depth grids, and the gradient flow in s.
 */
export { type VectorField, type LinearPaths, linearPathField } from './depthField.js';
export { type ButcherTableau, RK4, EULER, checkTableau, rungeKuttaStep } from './rungeKutta.js';
export { type RefinedSolution, solveFixed, solveToTolerance } from './solve.js';
export {
  type DepthPaths,
  type DepthPathKind,
  type DepthPathOptions,
  DEPTH_PATH_KINDS,
  BROWNIAN_LEVELS,
  depthPaths,
  discretize,
} from './depthPaths.js';
export { type ContinuousDepth, stateField, solveOnGrid, solveContinuousDepth } from './continuousDepth.js';
export { adjointField, backwardAdjoint, statesAt, firstVariationGradient } from './continuousAdjoint.js';
export { richardson, richardsonArray } from './richardson.js';
export {
  type ContinuousTrainingOptions,
  type ContinuousTrainingReference,
  type ContinuousTrainingDiverged,
  continuousTraining,
  depthGridTrajectory,
} from './continuousTraining.js';
export { type GradientFlowResult, gradientFlow, gradientFlowField } from './gradientFlow.js';
export {
  type WidthSetting,
  type LossCurve,
  type LargeWidthReference,
  lossCurve,
  widthNetwork,
  largeWidthReference,
  meanFieldInitialLoss,
} from './largeWidth.js';
export { type MeanFieldSolution, meanFieldIntegral, gaussianMeanField, solveMeanFieldGaussian } from './meanFieldGaussian.js';
export { type DecimalMeanFieldSolution, solveMeanFieldGaussianDecimal } from './meanFieldGaussianDecimal.js';
export { type ScalarVectorField, type ExtrapolatedSolution, extrapolatedRK4, rk4Solve } from './meanFieldGaussianSolver.js';
